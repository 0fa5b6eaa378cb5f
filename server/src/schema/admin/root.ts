// The admin panel's entry point: `Query.admin` groups every admin list and figure
// (each area adds its fields with `builder.objectFields(AdminQueries, …)`), plus the
// filter inputs they share.
import { builder } from "../../builder.ts";
import { AdminRole } from "../admin-auth.ts";

export const AdminQueries = builder.objectRef<Record<string, never>>("AdminQueries").implement({
  description: "What the admin panel reads. Every admin panel account (VIEWER included) may read.",
  fields: (t) => ({
    role: t.field({
      type: AdminRole,
      description: "The caller's role: what the panel may offer to change.",
      resolve: (_root, _args, context) => context.admin!.role,
    }),
  }),
});

builder.queryField("admin", (t) =>
  t.field({
    type: AdminQueries,
    authScopes: { staff: true },
    description: "Admin panel reads; null-free entry for staff, UNAUTHENTICATED/FORBIDDEN for everyone else.",
    resolve: () => ({}),
  }),
);

export const DateRangeInput = builder.inputType("DateRangeInput", {
  description: "A half-open time range: from ≤ t < to. Either end may be left open.",
  fields: (t) => ({
    from: t.field({ type: "DateTime" }),
    to: t.field({ type: "DateTime" }),
  }),
});

/** Prisma filter for a DateRangeInput (undefined when no range). */
export function dateRangeFilter(range: { from?: Date | null; to?: Date | null } | null | undefined) {
  if (!range || (!range.from && !range.to)) return undefined;
  return { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) };
}

export const SortDirection = builder.enumType("SortDirection", { values: ["ASC", "DESC"] as const });

/** Prisma sort direction from the schema's SortDirection (newest first by default). */
export function direction(value: "ASC" | "DESC" | null | undefined): "asc" | "desc" {
  return value === "ASC" ? "asc" : "desc";
}
