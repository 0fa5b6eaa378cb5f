// A user: profile, Pro status, linked identities and onboarding for the user themself; what
// staff also see of them (ban, referrer, provider ids), guarded per field; the staff lists of
// users and identities (admin.users, admin.userIdentities).
import { z } from "zod";
import { builder } from "../builder.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { AuthProvider as AuthProviderValues } from "../generated/prisma/enums.ts";
import { canRead, filterDatabaseId, parseDatabaseId, viewerId } from "./access.ts";
import { AdminUser } from "./admin-accounts.ts";
import { AdminQueries } from "./admin-queries.ts";
import { all, dateRangeFilter, DateRangeInput, search } from "./filters.ts";
import { CREATED_AT, newestFirst, orderBy, orderInput } from "./ordering.ts";

export const UserIdentity = builder.prismaObject("UserIdentity", {
  description: "A way this user can sign in.",
  fields: (t) => ({
    provider: t.exposeString("provider"),
    email: t.exposeString("email", { nullable: true }),
    linkedAt: t.expose("createdAt", { type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
  }),
});

export const User = builder.prismaNode("User", {
  id: { field: "id" },
  nullable: true,
  // node(id) finds only the signed-in user themself.
  findUnique: (id, context) => {
    const requested = parseDatabaseId(id, "User");
    return { id: canRead(context, requested) ? requested : -1 };
  },
  authScopes: (user, context) => canRead(context, user.id),
  fields: (t) => ({
    telegramUserId: t.string({ nullable: true, resolve: (u) => u.telegramUserId?.toString() ?? null }),
    telegramUsername: t.exposeString("telegramUsername", { nullable: true }),
    name: t.exposeString("name", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    avatarUrl: t.exposeString("avatarUrl", { nullable: true }),
    onboardingCompletedAt: t.expose("onboardingCompletedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    isPro: t.boolean({
      description: "Has at least one succeeded payment (derived, never stored).",
      // A filtered count rides in the user's own statement and does not clash with `payments`.
      select: { _count: { select: { payments: { where: { status: "SUCCEEDED" } } } } },
      resolve: (user) => user._count.payments > 0,
    }),
    identities: t.relation("identities", { query: { orderBy: { createdAt: "asc" } } }),
  }),
});

builder.queryField("viewer", (t) =>
  t.prismaField({
    type: User,
    nullable: true,
    description: "The signed-in user, or null for an anonymous request.",
    resolve: (query, _root, _args, { prisma, user }) => {
      if (!user) {
        void { ...query }; // anonymous: nothing to load, and no statement for it
        return null;
      }
      return prisma.user.findUnique({ ...query, where: { id: user.id } });
    },
  }),
);

// Validated as a whole, so every bad field is reported at once.
const UpdateProfileInput = builder.inputType("UpdateProfileInput", {
  fields: (t) => ({ name: t.string(), email: t.string() }),
  validate: z.object({
    name: z.string().trim().min(1, "must not be empty").max(100, "at most 100 characters").nullish(),
    email: z.email("must be an email address").max(255).nullish(),
  }),
});

builder.mutationFields((t) => ({
  updateProfile: t.prismaField({
    type: User,
    authScopes: { user: true },
    errors: {},
    args: { input: t.arg({ type: UpdateProfileInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      context.prisma.user.update({
        ...query,
        where: { id: viewerId(context) },
        data: {
          ...(input.name != null ? { name: input.name.trim() } : {}),
          ...(input.email != null ? { email: input.email, emailVerified: false } : {}),
        },
      }),
  }),
  completeOnboarding: t.prismaField({
    type: User,
    authScopes: { user: true },
    description: "Marks onboarding done (the first time only; later calls keep the first date).",
    resolve: async (query, _root, _args, context) => {
      const id = viewerId(context);
      await context.prisma.user.updateMany({ where: { id, onboardingCompletedAt: null }, data: { onboardingCompletedAt: new Date() } });
      return context.prisma.user.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

// ─── What staff also see of users and identities (authScopes per field) ────────────────────

export const AuthProvider = builder.enumType(AuthProviderValues, { name: "AuthProvider" });

builder.prismaObjectFields(User, (t) => ({
  isBanned: t.exposeBoolean("isBanned", { authScopes: { staff: true } }),
  bannedAt: t.expose("bannedAt", { type: "DateTime", nullable: true, authScopes: { staff: true } }),
  banReason: t.exposeString("banReason", { nullable: true, authScopes: { staff: true } }),
  bannedBy: t.relation("bannedBy", { type: AdminUser, nullable: true, authScopes: { staff: true } }),
  referredBy: t.relation("referredBy", { type: User, nullable: true, authScopes: { staff: true } }),
  referredUsers: t.relatedConnection("referredUsers", {
    type: User,
    cursor: "id",
    totalCount: true,
    authScopes: { staff: true },
    description: "Users who signed up with this user's referral code, newest first.",
    query: { orderBy: newestFirst },
  }),
  authProvider: t.expose("authProvider", {
    type: AuthProvider,
    authScopes: { staff: true },
    description: "What the account was created with.",
  }),
  telegramChatId: t.string({
    nullable: true,
    authScopes: { staff: true },
    select: { telegramChatId: true },
    resolve: (user) => user.telegramChatId?.toString() ?? null,
  }),
  emailVerified: t.exposeBoolean("emailVerified", { authScopes: { staff: true } }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: { staff: true } }),
}));

builder.prismaObjectFields(UserIdentity, (t) => ({
  providerUserId: t.exposeString("providerUserId", {
    authScopes: { staff: true },
    description: "The provider's id of the account (Telegram user id, OAuth subject, email).",
  }),
  user: t.relation("user", { type: User, authScopes: { staff: true } }),
}));

// ─── Staff lists: admin.users, admin.userIdentities ────────────────────────────────────────

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
}));
