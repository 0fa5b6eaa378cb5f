// Admin panel, system: logged problems and the alerts admins should look at, readable by
// staff only (node(id) answers null to anyone else); ADMIN acknowledges an alert.
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { AlertSeverity as AlertSeverityValues, LogLevel as LogLevelValues } from "../generated/prisma/enums.ts";
import { requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminUser } from "./admin-accounts.ts";
import { AdminQueries } from "./admin-queries.ts";
import { dateRangeFilter, DateRangeInput } from "./filters.ts";
import { newestBy } from "./ordering.ts";

export const LogLevel = builder.enumType(LogLevelValues, { name: "LogLevel" });
export const AlertSeverity = builder.enumType(AlertSeverityValues, { name: "AlertSeverity" });

// ─── System logs ──────────────────────────────────────────────────────────────────

export const SystemLog = builder.prismaNode("SystemLog", {
  id: { field: "id" },
  nullable: true,
  description: "One distinct problem the service logged, with how often and when it was seen.",
  findUnique: (id, context) => staffOnlyLookup(id, context, "SystemLog"),
  authScopes: { staff: true },
  fields: (t) => ({
    fingerprint: t.exposeString("fingerprint"),
    level: t.expose("level", { type: LogLevel }),
    source: t.exposeString("source"),
    message: t.exposeString("message"),
    context: t.expose("context", { type: "JSON", nullable: true }),
    count: t.exposeInt("count"),
    firstSeenAt: t.expose("firstSeenAt", { type: "DateTime" }),
    lastSeenAt: t.expose("lastSeenAt", { type: "DateTime" }),
  }),
});

const AdminSystemLogsFilter = builder.inputType("AdminSystemLogsFilter", {
  fields: (t) => ({
    level: t.field({ type: LogLevel, description: "Exactly this level." }),
    source: t.string({ description: "Exactly this source." }),
    search: t.string({ description: "Part of the message." }),
    lastSeenAt: t.field({ type: DateRangeInput, description: "When the problem was last seen." }),
  }),
  validate: z.object({ search: z.string().trim().max(200, "at most 200 characters").nullish() }).loose(),
});

function systemLogsWhere(
  f:
    | {
        level?: keyof typeof LogLevelValues | null;
        source?: string | null;
        search?: string | null;
        lastSeenAt?: { from?: Date | null; to?: Date | null } | null;
      }
    | null
    | undefined,
): Prisma.SystemLogWhereInput {
  const term = f?.search?.trim();
  const lastSeenAt = dateRangeFilter(f?.lastSeenAt);
  return {
    ...(f?.level ? { level: f.level } : {}),
    ...(f?.source ? { source: f.source } : {}),
    ...(term ? { message: { contains: term, mode: "insensitive" as const } } : {}),
    ...(lastSeenAt ? { lastSeenAt } : {}),
  };
}

// ─── Alerts ───────────────────────────────────────────────────────────────────────

export const AdminAlert = builder.prismaNode("AdminAlert", {
  id: { field: "id" },
  nullable: true,
  description: "An incident admins should look at; repeats raise `count` instead of new alerts.",
  findUnique: (id, context) => staffOnlyLookup(id, context, "AdminAlert"),
  authScopes: { staff: true },
  fields: (t) => ({
    severity: t.expose("severity", { type: AlertSeverity }),
    source: t.exposeString("source"),
    title: t.exposeString("title"),
    message: t.exposeString("message"),
    context: t.expose("context", { type: "JSON", nullable: true }),
    count: t.exposeInt("count"),
    firstSeenAt: t.expose("firstSeenAt", { type: "DateTime" }),
    lastSeenAt: t.expose("lastSeenAt", { type: "DateTime" }),
    notifiedAt: t.expose("notifiedAt", { type: "DateTime", nullable: true }),
    acknowledgedAt: t.expose("acknowledgedAt", { type: "DateTime", nullable: true }),
    acknowledgedBy: t.relation("acknowledgedBy", { type: AdminUser, nullable: true }),
    resolvedAt: t.expose("resolvedAt", { type: "DateTime", nullable: true }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const AdminAlertsFilter = builder.inputType("AdminAlertsFilter", {
  fields: (t) => ({
    acknowledged: t.boolean(),
    resolved: t.boolean(),
    severity: t.field({ type: AlertSeverity }),
  }),
});

function alertsWhere(
  f: { acknowledged?: boolean | null; resolved?: boolean | null; severity?: keyof typeof AlertSeverityValues | null } | null | undefined,
): Prisma.AdminAlertWhereInput {
  return {
    ...(f?.acknowledged != null ? { acknowledgedAt: f.acknowledged ? { not: null } : null } : {}),
    ...(f?.resolved != null ? { resolvedAt: f.resolved ? { not: null } : null } : {}),
    ...(f?.severity ? { severity: f.severity } : {}),
  };
}

builder.objectFields(AdminQueries, (t) => ({
  systemLogs: t.prismaConnection({
    type: SystemLog,
    cursor: "id",
    description: "Logged problems, most recently seen first.",
    args: { filter: t.arg({ type: AdminSystemLogsFilter }) },
    totalCount: (_root, args, { prisma }) => prisma.systemLog.count({ where: systemLogsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.systemLog.findMany({ ...query, where: systemLogsWhere(args.filter), orderBy: newestBy("lastSeenAt") }),
  }),
  alerts: t.prismaConnection({
    type: AdminAlert,
    cursor: "id",
    description: "Alerts, most recently seen first.",
    args: { filter: t.arg({ type: AdminAlertsFilter }) },
    totalCount: (_root, args, { prisma }) => prisma.adminAlert.count({ where: alertsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.adminAlert.findMany({ ...query, where: alertsWhere(args.filter), orderBy: newestBy("lastSeenAt") }),
  }),
}));

const AcknowledgeAlertInput = builder.inputType("AcknowledgeAlertInput", {
  fields: (t) => ({ alertId: t.id({ required: true }) }),
});

builder.mutationFields((t) => ({
  acknowledgeAlert: t.prismaField({
    type: AdminAlert,
    description: "Marks an alert as seen by the signed-in admin (ADMIN only). Audited as `alert.acknowledge`.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: AcknowledgeAlertInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const alertId = requireDatabaseId(input.alertId, "AdminAlert");
      await audited(context, "alert.acknowledge", { type: "AdminAlert", id: alertId }, async (tx) => {
        const alert = await tx.adminAlert.findUnique({
          where: { id: alertId },
          select: { acknowledgedAt: true, acknowledgedById: true },
        });
        if (!alert) throw new NotFoundError("AdminAlert");
        if (alert.acknowledgedAt) throw new ConflictError("This alert is already acknowledged");
        const after = { acknowledgedAt: new Date(), acknowledgedById: context.admin!.id };
        // Guarded: of two admins acknowledging at once, the second updates nothing.
        const { count } = await tx.adminAlert.updateMany({ where: { id: alertId, acknowledgedAt: null }, data: after });
        if (count === 0) throw new ConflictError("This alert is already acknowledged");
        return { result: null, before: alert, after };
      });
      return context.prisma.adminAlert.findUniqueOrThrow({ ...query, where: { id: alertId } });
    },
  }),
}));
