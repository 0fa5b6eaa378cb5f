// The admin panel's entry point: `Query.admin` groups every admin list and figure; each
// type's module adds its lists with `builder.objectFields(AdminQueries, …)`.
import { builder } from "../builder.ts";
import { AdminRole } from "./admin-auth.ts";

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
