// Admin panel, users and content: staff lists of users, their sign-in identities and
// sessions. Every list is read by any admin panel account (the `admin` field is staff-only).
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { activeSessions } from "../../../domain/moderation.ts";
import type { AuthProvider as AuthProviderValues } from "../../../generated/prisma/enums.ts";
import type { Prisma } from "../../../generated/prisma/client.ts";
import { User, UserIdentity } from "../../user.ts";
import { AuthProvider, UserSession } from "./staff-fields.ts";
import { filterDatabaseId } from "../../access.ts";
import { AdminQueries } from "../../admin-queries.ts";
import { all, type DateRange, dateRangeFilter, DateRangeInput, search } from "../../filters.ts";
import { CREATED_AT, newestFirst, orderBy, orderInput } from "../../ordering.ts";

const AdminUsersFilter = builder.inputType("AdminUsersFilter", {
  fields: (t) => ({
    search: t.string({ description: "Part of the name or email, `@username` (part of it), or an exact Telegram user id." }),
    banned: t.boolean(),
    isPro: t.boolean({ description: "Has (true) or has not (false) a succeeded payment." }),
    createdAt: t.field({ type: DateRangeInput }),
    referredBy: t.id({ description: "A User id: only users this user referred." }),
  }),
  validate: z.object({ search }).loose(),
});

const AdminUsersOrder = orderInput("AdminUsersOrder", ["CREATED_AT", "NAME"] as const, "Newest first when left out.");

const INT8_MAX = 9_223_372_036_854_775_807n;

type UsersFilter = {
  search?: string | null;
  banned?: boolean | null;
  isPro?: boolean | null;
  createdAt?: { from?: Date | null; to?: Date | null } | null;
  referredBy?: string | null;
};

function usersWhere(filter: UsersFilter | null | undefined): Prisma.UserWhereInput {
  if (!filter) return {};
  const where: Prisma.UserWhereInput[] = [];
  const term = filter.search?.trim();
  if (term) {
    const handle = term.replace(/^@/, "");
    const byHandle = { telegramUsername: { contains: handle, mode: "insensitive" as const } };
    if (term.startsWith("@")) where.push(byHandle);
    else {
      const telegramId = /^\d{1,19}$/.test(term) && BigInt(term) <= INT8_MAX ? [{ telegramUserId: BigInt(term) }] : [];
      where.push({
        OR: [
          { name: { contains: term, mode: "insensitive" } },
          { email: { contains: term, mode: "insensitive" } },
          byHandle,
          ...telegramId,
        ],
      });
    }
  }
  if (filter.banned != null) where.push({ isBanned: filter.banned });
  if (filter.isPro != null) {
    const succeeded = { status: "SUCCEEDED" as const };
    where.push({ payments: filter.isPro ? { some: succeeded } : { none: succeeded } });
  }
  const createdAt = dateRangeFilter(filter.createdAt);
  if (createdAt) where.push({ createdAt });
  const referredById = filterDatabaseId(filter.referredBy, "User");
  if (referredById !== undefined) where.push({ referredById });
  return { AND: where };
}

const AdminUserIdentitiesFilter = builder.inputType("AdminUserIdentitiesFilter", {
  fields: (t) => ({
    provider: t.field({ type: AuthProvider }),
    user: t.id({ description: "A User id." }),
    search: t.string({ description: "The provider's account id (exact) or part of the email." }),
  }),
  validate: z.object({ search }).loose(),
});
const AdminUserIdentitiesOrder = orderInput(
  "AdminUserIdentitiesOrder",
  ["CREATED_AT", "LAST_USED_AT"] as const,
  "Newest first when left out.",
);

const AdminUserSessionsFilter = builder.inputType("AdminUserSessionsFilter", {
  fields: (t) => ({
    user: t.id({ description: "A User id." }),
    active: t.boolean({ description: "Live (true) or ended (false) sessions." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

function identitiesWhere(
  f: { provider?: keyof typeof AuthProviderValues | null; user?: string | null; search?: string | null } | null | undefined,
) {
  const userId = filterDatabaseId(f?.user, "User");
  const term = f?.search?.trim();
  return all<Prisma.UserIdentityWhereInput>(
    f?.provider ? { provider: f.provider } : undefined,
    userId !== undefined && { userId },
    term && { OR: [{ providerUserId: term }, { email: { contains: term, mode: "insensitive" } }] },
  );
}

function sessionsWhere(f: { user?: string | null; active?: boolean | null; createdAt?: DateRange } | null | undefined) {
  const userId = filterDatabaseId(f?.user, "User");
  const createdAt = dateRangeFilter(f?.createdAt);
  return all<Prisma.UserSessionWhereInput>(
    userId !== undefined && { userId },
    f?.active != null && (f.active ? activeSessions() : { NOT: activeSessions() }),
    createdAt && { createdAt },
  );
}

builder.objectFields(AdminQueries, (t) => ({
  users: t.prismaConnection({
    type: User,
    cursor: "id",
    description: "Every user, newest first unless ordered otherwise.",
    args: { filter: t.arg({ type: AdminUsersFilter }), orderBy: t.arg({ type: AdminUsersOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.user.count({ where: usersWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.user.findMany({
        ...query,
        where: usersWhere(args.filter),
        orderBy: orderBy<Prisma.UserOrderByWithRelationInput>(
          args.orderBy,
          { CREATED_AT: { column: "createdAt" }, NAME: { column: "name", nullable: true } },
          "CREATED_AT",
        ),
      }),
  }),
  userIdentities: t.prismaConnection({
    type: UserIdentity,
    cursor: "id",
    args: { filter: t.arg({ type: AdminUserIdentitiesFilter }), orderBy: t.arg({ type: AdminUserIdentitiesOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.userIdentity.count({ where: identitiesWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.userIdentity.findMany({
        ...query,
        where: identitiesWhere(args.filter),
        orderBy: orderBy<Prisma.UserIdentityOrderByWithRelationInput>(
          args.orderBy,
          { ...CREATED_AT, LAST_USED_AT: { column: "lastUsedAt", nullable: true } },
          "CREATED_AT",
        ),
      }),
  }),
  userSessions: t.prismaConnection({
    type: UserSession,
    cursor: "id",
    description: "Users' sign-in sessions, newest first.",
    args: { filter: t.arg({ type: AdminUserSessionsFilter }) },
    totalCount: (_root, args, { prisma }) => prisma.userSession.count({ where: sessionsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.userSession.findMany({ ...query, where: sessionsWhere(args.filter), orderBy: newestFirst }),
  }),
}));
