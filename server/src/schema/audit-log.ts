// Admin panel, system: the audit log of admin changes, readable by staff only
// (node(id) answers null to anyone else).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../builder.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { filterDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminUser } from "./admin-accounts.ts";
import { AdminQueries } from "./admin-queries.ts";
import { dateRangeFilter, DateRangeInput } from "./filters.ts";
import { newestFirst } from "./ordering.ts";

// ─── Audit log ────────────────────────────────────────────────────────────────────

export const AuditLog = builder.prismaNode("AuditLog", {
  id: { field: "id" },
  nullable: true,
  description: "One admin change: who, what, on which row, and the row before and after.",
  findUnique: (id, context) => staffOnlyLookup(id, context, "AuditLog"),
  authScopes: { staff: true },
  fields: (t) => ({
    action: t.exposeString("action", { description: "`area.verb`, e.g. `user.ban`." }),
    targetType: t.exposeString("targetType", { description: "The changed row's type, e.g. `User`." }),
    targetId: t.exposeInt("targetId", { nullable: true, description: "The changed row's database id." }),
    target: t.id({
      nullable: true,
      description: "The changed row's global id (for node(id)).",
      resolve: (row) => (row.targetId === null ? null : encodeGlobalID(row.targetType, row.targetId)),
    }),
    before: t.expose("before", { type: "JSON", nullable: true }),
    after: t.expose("after", { type: "JSON", nullable: true }),
    metadata: t.expose("metadata", { type: "JSON", nullable: true }),
    admin: t.relation("admin", { type: AdminUser, nullable: true, description: "Null for system actions or a deleted admin." }),
    ip: t.exposeString("ip", { nullable: true }),
    userAgent: t.exposeString("userAgent", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const AdminAuditLogFilter = builder.inputType("AdminAuditLogFilter", {
  fields: (t) => ({
    action: t.string({ description: "Exact action, e.g. `user.ban`; or an area followed by a dot, e.g. `user.`, for all of it." }),
    targetType: t.string(),
    targetId: t.int(),
    admin: t.id({ description: "An AdminUser id." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
  validate: z
    .object({
      action: z.string().trim().min(1, "must not be empty").max(100, "at most 100 characters").nullish(),
      targetType: z.string().trim().min(1, "must not be empty").max(50, "at most 50 characters").nullish(),
    })
    .loose(),
});

type AuditFilter = {
  action?: string | null;
  targetType?: string | null;
  targetId?: number | null;
  admin?: string | null;
  createdAt?: { from?: Date | null; to?: Date | null } | null;
};

function auditWhere(f: AuditFilter | null | undefined): Prisma.AuditLogWhereInput {
  const action = f?.action?.trim();
  const adminId = filterDatabaseId(f?.admin, "AdminUser");
  const createdAt = dateRangeFilter(f?.createdAt);
  return {
    ...(action ? { action: action.endsWith(".") ? { startsWith: action } : action } : {}),
    ...(f?.targetType ? { targetType: f.targetType.trim() } : {}),
    ...(f?.targetId != null ? { targetId: f.targetId } : {}),
    ...(adminId !== undefined ? { adminId } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
}

builder.objectFields(AdminQueries, (t) => ({
  auditLog: t.prismaConnection({
    type: AuditLog,
    cursor: "id",
    description: "Admin changes, newest first.",
    args: { filter: t.arg({ type: AdminAuditLogFilter }) },
    totalCount: (_root, args, { prisma }) => prisma.auditLog.count({ where: auditWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.auditLog.findMany({ ...query, where: auditWhere(args.filter), orderBy: newestFirst }),
  }),
}));
