// Admin panel, system: the audit log, system logs, alerts and each admin's own
// notifications. All staff-only: node(id) answers null to anyone else.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../../builder.ts";
import type { Context } from "../../context.ts";
import { audited } from "../../domain/audit.ts";
import { ConflictError, NotFoundError } from "../../domain/errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { AlertSeverity as AlertSeverityValues, LogLevel as LogLevelValues } from "../../generated/prisma/enums.ts";
import { isStaff, parseDatabaseId } from "../access.ts";
import { AdminUser } from "../admin-auth.ts";
import { AdminQueries, DateRangeInput, dateRangeFilter } from "./root.ts";
import { filterId, requireId } from "./users.ts";

export const LogLevel = builder.enumType(LogLevelValues, { name: "LogLevel" });
export const AlertSeverity = builder.enumType(AlertSeverityValues, { name: "AlertSeverity" });

const staff = { staff: true } as const;

/** node(id) of a staff-only type: a real lookup for staff, an impossible id for anyone else. */
function staffOnly(id: string | number, context: Context, entity: string) {
  return { id: isStaff(context) ? parseDatabaseId(id, entity) : -1 };
}

type Dir = "asc" | "desc";
const newest = (column: string, dir: Dir = "desc") => [{ [column]: dir }, { id: dir }] as never;

// ─── Audit log ────────────────────────────────────────────────────────────────────

export const AuditLog = builder.prismaNode("AuditLog", {
  id: { field: "id" },
  nullable: true,
  description: "One admin change: who, what, on which row, and the row before and after.",
  findUnique: (id, context) => staffOnly(id, context, "AuditLog"),
  authScopes: staff,
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
  const adminId = filterId(f?.admin, "AdminUser");
  const createdAt = dateRangeFilter(f?.createdAt);
  return {
    ...(action ? { action: action.endsWith(".") ? { startsWith: action } : action } : {}),
    ...(f?.targetType ? { targetType: f.targetType.trim() } : {}),
    ...(f?.targetId != null ? { targetId: f.targetId } : {}),
    ...(adminId !== undefined ? { adminId } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
}

// ─── System logs ──────────────────────────────────────────────────────────────────

export const SystemLog = builder.prismaNode("SystemLog", {
  id: { field: "id" },
  nullable: true,
  description: "One distinct problem the service logged, with how often and when it was seen.",
  findUnique: (id, context) => staffOnly(id, context, "SystemLog"),
  authScopes: staff,
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
  f: { level?: keyof typeof LogLevelValues | null; source?: string | null; search?: string | null; lastSeenAt?: { from?: Date | null; to?: Date | null } | null } | null | undefined,
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
  findUnique: (id, context) => staffOnly(id, context, "AdminAlert"),
  authScopes: staff,
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

// ─── Notifications ────────────────────────────────────────────────────────────────

/** Notifications addressed to the signed-in admin, or to every admin (admin_id null). */
function addressedTo(context: Context) {
  const adminId = context.admin?.id ?? -1;
  return { OR: [{ adminId }, { adminId: null }] } satisfies Prisma.AdminNotificationWhereInput;
}

export const AdminNotification = builder.prismaNode("AdminNotification", {
  id: { field: "id" },
  nullable: true,
  description: "A notice for the signed-in admin (or for every admin). Other admins' notices are not readable.",
  findUnique: (id, context) => ({ ...staffOnly(id, context, "AdminNotification"), ...addressedTo(context) }),
  authScopes: (row, context) => context.admin !== null && (row.adminId === null || row.adminId === context.admin.id),
  fields: (t) => ({
    type: t.exposeString("type", { description: "new_payment, withdrawal_request, new_ticket, partner_application, …" }),
    title: t.exposeString("title"),
    message: t.exposeString("message"),
    data: t.expose("data", { type: "JSON", nullable: true }),
    forEveryAdmin: t.boolean({ description: "Addressed to every admin (read state is shared).", resolve: (row) => row.adminId === null }),
    readAt: t.expose("readAt", { type: "DateTime", nullable: true }),
    isRead: t.boolean({ resolve: (row) => row.readAt !== null }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const AdminNotificationsFilter = builder.inputType("AdminNotificationsFilter", {
  fields: (t) => ({ unread: t.boolean({ description: "Only unread (true) or only read (false) notices." }) }),
});

function notificationsWhere(context: Context, f: { unread?: boolean | null } | null | undefined): Prisma.AdminNotificationWhereInput {
  return { ...addressedTo(context), ...(f?.unread != null ? { readAt: f.unread ? null : { not: null } } : {}) };
}

// ─── Lists ────────────────────────────────────────────────────────────────────────

builder.objectFields(AdminQueries, (t) => ({
  auditLog: t.prismaConnection({
    type: AuditLog,
    cursor: "id",
    description: "Admin changes, newest first.",
    args: { filter: t.arg({ type: AdminAuditLogFilter }) },
    totalCount: (_root, args, { prisma }) => prisma.auditLog.count({ where: auditWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.auditLog.findMany({ ...query, where: auditWhere(args.filter), orderBy: newest("createdAt") }),
  }),
  systemLogs: t.prismaConnection({
    type: SystemLog,
    cursor: "id",
    description: "Logged problems, most recently seen first.",
    args: { filter: t.arg({ type: AdminSystemLogsFilter }) },
    totalCount: (_root, args, { prisma }) => prisma.systemLog.count({ where: systemLogsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.systemLog.findMany({ ...query, where: systemLogsWhere(args.filter), orderBy: newest("lastSeenAt") }),
  }),
  alerts: t.prismaConnection({
    type: AdminAlert,
    cursor: "id",
    description: "Alerts, most recently seen first.",
    args: { filter: t.arg({ type: AdminAlertsFilter }) },
    totalCount: (_root, args, { prisma }) => prisma.adminAlert.count({ where: alertsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.adminAlert.findMany({ ...query, where: alertsWhere(args.filter), orderBy: newest("lastSeenAt") }),
  }),
  notifications: t.prismaConnection({
    type: AdminNotification,
    cursor: "id",
    description: "The signed-in admin's notices (and those for every admin), newest first.",
    args: { filter: t.arg({ type: AdminNotificationsFilter }) },
    totalCount: (_root, args, context) => context.prisma.adminNotification.count({ where: notificationsWhere(context, args.filter) }),
    resolve: (query, _root, args, context) =>
      context.prisma.adminNotification.findMany({ ...query, where: notificationsWhere(context, args.filter), orderBy: newest("createdAt") }),
  }),
  unreadNotificationCount: t.int({
    description: "How many of the signed-in admin's notices are unread.",
    resolve: (_root, _args, context) => context.prisma.adminNotification.count({ where: notificationsWhere(context, { unread: true }) }),
  }),
}));

// ─── Mutations ────────────────────────────────────────────────────────────────────

const AcknowledgeAlertInput = builder.inputType("AcknowledgeAlertInput", {
  fields: (t) => ({ alertId: t.id({ required: true }) }),
});

const MarkAdminNotificationReadInput = builder.inputType("MarkAdminNotificationReadInput", {
  fields: (t) => ({ notificationId: t.id({ required: true }) }),
});

builder.mutationFields((t) => ({
  acknowledgeAlert: t.prismaField({
    type: AdminAlert,
    description: "Marks an alert as seen by the signed-in admin (ADMIN only). Audited as `alert.acknowledge`.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: AcknowledgeAlertInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const alertId = requireId(input.alertId, "AdminAlert");
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
  // Not audited: reading one's own notices changes no admin-managed data (the audit log
  // records changes to the service, not an admin's inbox). Any admin panel account,
  // VIEWER included, marks its own. A notice for every admin has one shared read state.
  markAdminNotificationRead: t.prismaField({
    type: AdminNotification,
    description: "Marks one of the signed-in admin's notices as read (the first time only; later calls keep the first date).",
    authScopes: staff,
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: MarkAdminNotificationReadInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireId(input.notificationId, "AdminNotification");
      const where = { id, ...addressedTo(context) };
      await context.prisma.adminNotification.updateMany({ where: { ...where, readAt: null }, data: { readAt: new Date() } });
      const row = await context.prisma.adminNotification.findFirst({ ...query, where });
      if (!row) throw new NotFoundError("AdminNotification");
      return row;
    },
  }),
}));
