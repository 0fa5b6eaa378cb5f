// Admin panel, system: each admin's own notifications (and those for every admin);
// other admins' notices are not readable.
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { newestFirst } from "./ordering.ts";

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
  findUnique: (id, context) => ({ ...staffOnlyLookup(id, context, "AdminNotification"), ...addressedTo(context) }),
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

builder.objectFields(AdminQueries, (t) => ({
  notifications: t.prismaConnection({
    type: AdminNotification,
    cursor: "id",
    description: "The signed-in admin's notices (and those for every admin), newest first.",
    args: { filter: t.arg({ type: AdminNotificationsFilter }) },
    totalCount: (_root, args, context) => context.prisma.adminNotification.count({ where: notificationsWhere(context, args.filter) }),
    resolve: (query, _root, args, context) =>
      context.prisma.adminNotification.findMany({
        ...query,
        where: notificationsWhere(context, args.filter),
        orderBy: newestFirst,
      }),
  }),
  unreadNotificationCount: t.int({
    description: "How many of the signed-in admin's notices are unread.",
    resolve: (_root, _args, context) => context.prisma.adminNotification.count({ where: notificationsWhere(context, { unread: true }) }),
  }),
}));

const MarkAdminNotificationReadInput = builder.inputType("MarkAdminNotificationReadInput", {
  fields: (t) => ({ notificationId: t.id({ required: true }) }),
});

builder.mutationFields((t) => ({
  // Not audited: reading one's own notices changes no admin-managed data (the audit log
  // records changes to the service, not an admin's inbox). Any admin panel account,
  // VIEWER included, marks its own. A notice for every admin has one shared read state.
  markAdminNotificationRead: t.prismaField({
    type: AdminNotification,
    description: "Marks one of the signed-in admin's notices as read (the first time only; later calls keep the first date).",
    authScopes: { staff: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: MarkAdminNotificationReadInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.notificationId, "AdminNotification");
      const where = { id, ...addressedTo(context) };
      await context.prisma.adminNotification.updateMany({ where: { ...where, readAt: null }, data: { readAt: new Date() } });
      const row = await context.prisma.adminNotification.findFirst({ ...query, where });
      if (!row) throw new NotFoundError("AdminNotification");
      return row;
    },
  }),
}));
