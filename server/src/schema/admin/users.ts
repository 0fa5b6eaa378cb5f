// Admin panel, users and content: the user list and what staff see on a user page,
// banning and unbanning (operators and admins), and staff lists over avatars, photos,
// generation jobs and tasks, shared galleries, favorites, identities and sessions.
// Every list is read by any admin panel account (the `admin` field is staff-only);
// the two moderation mutations are for OPERATOR and ADMIN and write the audit log.
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../../builder.ts";
import { audited } from "../../domain/audit.ts";
import { ConflictError, NotFoundError } from "../../domain/errors.ts";
import { activeSessions, BAN_REASON_LENGTH, banUser, unbanUser } from "../../domain/moderation.ts";
import { AuthProvider as AuthProviderValues } from "../../generated/prisma/enums.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { AdminUser } from "../admin-auth.ts";
import { parseDatabaseId } from "../access.ts";
import { GenerationJob, GenerationJobStatus, GenerationTaskStatus } from "../generation.ts";
import { Payment } from "../payments.ts";
import { Avatar, AvatarStatus, GeneratedPhoto, SharedGallery } from "../photos.ts";
import { User, UserIdentity } from "../user.ts";
import { AdminQueries, DateRangeInput, dateRangeFilter, direction, SortDirection } from "./root.ts";

// ─── Global ids in admin inputs ───────────────────────────────────────────────────

/** The database id inside a global id of `typename`, or null (another type, garbage). */
export function databaseIdOf(globalId: string, typename: string): number | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename ? parseDatabaseId(decoded.id, typename) : null;
  } catch {
    return null;
  }
}

/** For filters: an id that is not one of `typename` matches no row rather than failing the page. */
export function filterId(globalId: string | null | undefined, typename: string): number | undefined {
  if (globalId == null) return undefined;
  return databaseIdOf(globalId, typename) ?? -1;
}

/** For mutations: an id that is not one of `typename` is not found. */
export function requireId(globalId: string, typename: string): number {
  const id = databaseIdOf(globalId, typename);
  if (id === null) throw new NotFoundError(typename);
  return id;
}

// ─── Ordering ─────────────────────────────────────────────────────────────────────

type Dir = "asc" | "desc";

/**
 * An `orderBy` input `{ field, direction }` for a list; `direction` defaults to DESC.
 * The id always follows as the tiebreak, in the same direction, so pages are stable.
 */
export function orderInput<const F extends string>(name: string, values: readonly F[], description: string) {
  const Field = builder.enumType(`${name}Field`, { values });
  return builder.inputType(name, {
    description,
    fields: (t) => ({
      field: t.field({ type: Field, required: true }),
      direction: t.field({ type: SortDirection, description: "DESC when left out." }),
    }),
  });
}

/**
 * Prisma orderBy for `{ field, direction }`: `columns` maps each field to its column;
 * nullable columns sort their nulls last whichever the direction.
 */
export function orderBy<F extends string>(
  order: { field: F; direction?: "ASC" | "DESC" | null } | null | undefined,
  columns: Record<F, { column: string; nullable?: boolean }>,
  fallback: F,
) {
  const dir: Dir = direction(order?.direction);
  const { column, nullable } = columns[order?.field ?? fallback];
  return [{ [column]: nullable ? { sort: dir, nulls: "last" } : dir }, { id: dir }] as never;
}

// ─── Enums and staff-only fields on existing types ────────────────────────────────

export const AuthProvider = builder.enumType(AuthProviderValues, { name: "AuthProvider" });

const staff = { staff: true } as const;

/** A user's sign-in session as staff see it: never its token (nor the token's hash). */
const UserSession = builder.prismaObject("UserSession", {
  description: "A sign-in session of a user (staff only). The token is never readable.",
  authScopes: staff,
  fields: (t) => ({
    provider: t.expose("provider", { type: AuthProvider }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true, description: "Updated at most hourly." }),
    isActive: t.boolean({ resolve: (s) => s.revokedAt === null && s.expiresAt > new Date() }),
    ip: t.exposeString("ip", { nullable: true }),
    userAgent: t.exposeString("userAgent", { nullable: true }),
    user: t.relation("user", { type: User }),
  }),
});

const PhotoFavorite = builder.prismaObject("PhotoFavorite", {
  description: "A user marked a photo as a favorite (staff only).",
  authScopes: staff,
  fields: (t) => ({
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    user: t.relation("user", { type: User }),
    photo: t.relation("photo", { type: GeneratedPhoto }),
  }),
});

const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as never;

builder.prismaObjectFields(User, (t) => ({
  isBanned: t.exposeBoolean("isBanned", { authScopes: staff }),
  bannedAt: t.expose("bannedAt", { type: "DateTime", nullable: true, authScopes: staff }),
  banReason: t.exposeString("banReason", { nullable: true, authScopes: staff }),
  bannedBy: t.relation("bannedBy", { type: AdminUser, nullable: true, authScopes: staff }),
  referredBy: t.relation("referredBy", { type: User, nullable: true, authScopes: staff }),
  referredUsers: t.relatedConnection("referredUsers", {
    type: User,
    cursor: "id",
    totalCount: true,
    authScopes: staff,
    description: "Users who signed up with this user's referral code, newest first.",
    query: { orderBy: newestFirst },
  }),
  authProvider: t.expose("authProvider", { type: AuthProvider, authScopes: staff, description: "What the account was created with." }),
  telegramChatId: t.string({
    nullable: true,
    authScopes: staff,
    select: { telegramChatId: true },
    resolve: (user) => user.telegramChatId?.toString() ?? null,
  }),
  emailVerified: t.exposeBoolean("emailVerified", { authScopes: staff }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: staff }),
  activeSessionCount: t.relationCount("sessions", {
    authScopes: staff,
    description: "Sessions neither revoked nor expired.",
    where: () => activeSessions(),
  }),
  sessions: t.relatedConnection("sessions", {
    type: UserSession,
    cursor: "id",
    authScopes: staff,
    description: "Sign-in sessions, newest first.",
    args: { active: t.arg.boolean({ description: "Only live (true) or only ended (false) sessions." }) },
    query: ({ active }) => ({
      where: active == null ? {} : active ? activeSessions() : { NOT: activeSessions() },
      orderBy: newestFirst,
    }),
  }),
  sharedGalleries: t.relatedConnection("sharedGalleries", {
    type: SharedGallery,
    cursor: "id",
    authScopes: staff,
    query: { orderBy: newestFirst },
  }),
}));

builder.prismaObjectFields(UserIdentity, (t) => ({
  providerUserId: t.exposeString("providerUserId", {
    authScopes: staff,
    description: "The provider's id of the account (Telegram user id, OAuth subject, email).",
  }),
  user: t.relation("user", { type: User, authScopes: staff }),
}));

builder.prismaObjectFields(Avatar, (t) => ({
  user: t.relation("user", { type: User, authScopes: staff, description: "The owner." }),
}));

builder.prismaObjectFields(SharedGallery, (t) => ({
  user: t.relation("user", { type: User, authScopes: staff, description: "The owner." }),
}));

builder.prismaObjectFields(GeneratedPhoto, (t) => ({
  favoriteCount: t.relationCount("favorites", { authScopes: staff }),
}));

/**
 * A generation task as staff see it: with the prompt text and the provider's task id,
 * which stay server-side for users. (`GenerationTask` itself refuses staff: its owner
 * check in schema/generation.ts only knows users; so staff read tasks through this type.)
 */
const AdminGenerationTask = builder.prismaObject("GenerationTask", {
  variant: "AdminGenerationTask",
  description: "A generation task with its provider details (staff only).",
  authScopes: staff,
  fields: (t) => ({
    id: t.id({ description: "The task's GenerationTask global id.", resolve: (task) => encodeGlobalID("GenerationTask", task.id) }),
    promptIndex: t.exposeInt("promptIndex"),
    prompt: t.exposeString("prompt"),
    status: t.expose("status", { type: GenerationTaskStatus }),
    providerTaskId: t.exposeString("providerTaskId", { nullable: true }),
    attempts: t.exposeInt("attempts"),
    maxAttempts: t.exposeInt("maxAttempts"),
    errorMessage: t.exposeString("errorMessage", { nullable: true }),
    resultUrl: t.exposeString("resultUrl", { nullable: true }),
    nextPollAt: t.expose("nextPollAt", { type: "DateTime", nullable: true }),
    submittedAt: t.expose("submittedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    job: t.relation("job", { type: GenerationJob }),
    generatedPhoto: t.relation("generatedPhoto", { type: GeneratedPhoto, nullable: true }),
  }),
});

// No `isTestMode` field: the user-side contract keeps it off GenerationJob (generation.test.ts);
// staff find test-mode jobs with the `isTestMode` filter of admin.generationJobs.
builder.prismaObjectFields(GenerationJob, (t) => ({
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: staff }),
  payment: t.relation("payment", { type: Payment, nullable: true, authScopes: staff, description: "The payment that funded the job." }),
  providerTasks: t.relatedConnection("tasks", {
    type: AdminGenerationTask,
    cursor: "id",
    totalCount: true,
    authScopes: staff,
    description: "The job's tasks with prompts and provider ids, by prompt index.",
    query: { orderBy: [{ promptIndex: "asc" }, { id: "asc" }] },
  }),
}));

// ─── Admin lists ──────────────────────────────────────────────────────────────────

const search = z.string().trim().max(200, "at most 200 characters").nullish();

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
  const referredById = filterId(filter.referredBy, "User");
  if (referredById !== undefined) where.push({ referredById });
  return { AND: where };
}

const createdAtOnly = ["CREATED_AT"] as const;
const byCreatedAt = { CREATED_AT: { column: "createdAt" } };

const AdminAvatarsFilter = builder.inputType("AdminAvatarsFilter", {
  fields: (t) => ({
    status: t.field({ type: AvatarStatus }),
    user: t.id({ description: "A User id." }),
    search: t.string({ description: "Part of the avatar's name." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
  validate: z.object({ search }).loose(),
});
const AdminAvatarsOrder = orderInput("AdminAvatarsOrder", ["CREATED_AT", "UPDATED_AT"] as const, "Newest first when left out.");

const AdminGeneratedPhotosFilter = builder.inputType("AdminGeneratedPhotosFilter", {
  fields: (t) => ({
    avatar: t.id({ description: "An Avatar id." }),
    user: t.id({ description: "A User id (the avatar's owner)." }),
    style: t.id({ description: "A Style id." }),
    job: t.id({ description: "A GenerationJob id." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});
const AdminGeneratedPhotosOrder = orderInput("AdminGeneratedPhotosOrder", createdAtOnly, "Newest first when left out.");

const AdminGenerationJobsFilter = builder.inputType("AdminGenerationJobsFilter", {
  fields: (t) => ({
    status: t.field({ type: GenerationJobStatus }),
    user: t.id({ description: "A User id (the avatar's owner)." }),
    avatar: t.id({ description: "An Avatar id." }),
    createdAt: t.field({ type: DateRangeInput }),
    isTestMode: t.boolean(),
  }),
});
const AdminGenerationJobsOrder = orderInput(
  "AdminGenerationJobsOrder",
  ["CREATED_AT", "COMPLETED_AT"] as const,
  "Newest first when left out; unfinished jobs sort last by COMPLETED_AT.",
);

const AdminGenerationTasksFilter = builder.inputType("AdminGenerationTasksFilter", {
  fields: (t) => ({
    status: t.field({ type: GenerationTaskStatus }),
    job: t.id({ description: "A GenerationJob id." }),
    failedAttempts: t.boolean({ description: "Only tasks that were retried or have an error (true), or neither (false)." }),
  }),
});
const AdminGenerationTasksOrder = orderInput("AdminGenerationTasksOrder", ["CREATED_AT", "UPDATED_AT"] as const, "Newest first when left out.");

const AdminSharedGalleriesFilter = builder.inputType("AdminSharedGalleriesFilter", {
  fields: (t) => ({
    user: t.id({ description: "A User id." }),
    avatar: t.id({ description: "An Avatar id." }),
    live: t.boolean({ description: "Neither revoked nor expired (true), or revoked or expired (false)." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});
const AdminSharedGalleriesOrder = orderInput("AdminSharedGalleriesOrder", ["CREATED_AT", "VIEW_COUNT"] as const, "Newest first when left out.");

const AdminUserIdentitiesFilter = builder.inputType("AdminUserIdentitiesFilter", {
  fields: (t) => ({
    provider: t.field({ type: AuthProvider }),
    user: t.id({ description: "A User id." }),
    search: t.string({ description: "The provider's account id (exact) or part of the email." }),
  }),
  validate: z.object({ search }).loose(),
});
const AdminUserIdentitiesOrder = orderInput("AdminUserIdentitiesOrder", ["CREATED_AT", "LAST_USED_AT"] as const, "Newest first when left out.");

const AdminPhotoFavoritesFilter = builder.inputType("AdminPhotoFavoritesFilter", {
  fields: (t) => ({
    user: t.id({ description: "A User id (who marked it)." }),
    photo: t.id({ description: "A GeneratedPhoto id." }),
  }),
});

const AdminUserSessionsFilter = builder.inputType("AdminUserSessionsFilter", {
  fields: (t) => ({
    user: t.id({ description: "A User id." }),
    active: t.boolean({ description: "Live (true) or ended (false) sessions." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

/** `AND` of the conditions that are set (undefined values drop out). */
function all(...conditions: Array<object | false | "" | undefined>) {
  return { AND: conditions.filter((c): c is object => Boolean(c)) } as never;
}

function liveGallery(now = new Date()): Prisma.SharedGalleryWhereInput {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

type Range = { from?: Date | null; to?: Date | null } | null | undefined;
const range = (value: Range) => dateRangeFilter(value);

function avatarsWhere(f: { status?: "DRAFT" | "PROCESSING" | "READY" | null; user?: string | null; search?: string | null; createdAt?: Range } | null | undefined) {
  const userId = filterId(f?.user, "User");
  const term = f?.search?.trim();
  const createdAt = range(f?.createdAt);
  return all(
    f?.status ? { status: f.status } : undefined,
    userId !== undefined && { userId },
    term && { name: { contains: term, mode: "insensitive" } },
    createdAt && { createdAt },
  );
}

function photosWhere(f: { avatar?: string | null; user?: string | null; style?: string | null; job?: string | null; createdAt?: Range } | null | undefined) {
  const avatarId = filterId(f?.avatar, "Avatar");
  const userId = filterId(f?.user, "User");
  const styleId = filterId(f?.style, "Style");
  const jobId = filterId(f?.job, "GenerationJob");
  const createdAt = range(f?.createdAt);
  return all(
    avatarId !== undefined && { avatarId },
    userId !== undefined && { avatar: { userId } },
    styleId !== undefined && { styleId },
    jobId !== undefined && { jobId },
    createdAt && { createdAt },
  );
}

function jobsWhere(
  f: { status?: "PENDING" | "PROCESSING" | "COMPLETED" | "FAILED" | null; user?: string | null; avatar?: string | null; createdAt?: Range; isTestMode?: boolean | null } | null | undefined,
) {
  const avatarId = filterId(f?.avatar, "Avatar");
  const userId = filterId(f?.user, "User");
  const createdAt = range(f?.createdAt);
  return all(
    f?.status ? { status: f.status } : undefined,
    avatarId !== undefined && { avatarId },
    userId !== undefined && { avatar: { userId } },
    createdAt && { createdAt },
    f?.isTestMode != null && { isTestMode: f.isTestMode },
  );
}

function tasksWhere(f: { status?: "PENDING" | "SUBMITTED" | "PROCESSING" | "SUCCEEDED" | "FAILED" | null; job?: string | null; failedAttempts?: boolean | null } | null | undefined) {
  const jobId = filterId(f?.job, "GenerationJob");
  const troubled = { OR: [{ attempts: { gt: 1 } }, { errorMessage: { not: null } }] };
  return all(
    f?.status ? { status: f.status } : undefined,
    jobId !== undefined && { jobId },
    f?.failedAttempts != null && (f.failedAttempts ? troubled : { NOT: troubled }),
  );
}

function galleriesWhere(f: { user?: string | null; avatar?: string | null; live?: boolean | null; createdAt?: Range } | null | undefined) {
  const userId = filterId(f?.user, "User");
  const avatarId = filterId(f?.avatar, "Avatar");
  const createdAt = range(f?.createdAt);
  return all(
    userId !== undefined && { userId },
    avatarId !== undefined && { avatarId },
    f?.live != null && (f.live ? liveGallery() : { NOT: liveGallery() }),
    createdAt && { createdAt },
  );
}

function identitiesWhere(f: { provider?: keyof typeof AuthProviderValues | null; user?: string | null; search?: string | null } | null | undefined) {
  const userId = filterId(f?.user, "User");
  const term = f?.search?.trim();
  return all(
    f?.provider ? { provider: f.provider } : undefined,
    userId !== undefined && { userId },
    term && { OR: [{ providerUserId: term }, { email: { contains: term, mode: "insensitive" } }] },
  );
}

function favoritesWhere(f: { user?: string | null; photo?: string | null } | null | undefined) {
  const userId = filterId(f?.user, "User");
  const photoId = filterId(f?.photo, "GeneratedPhoto");
  return all(userId !== undefined && { userId }, photoId !== undefined && { photoId });
}

function sessionsWhere(f: { user?: string | null; active?: boolean | null; createdAt?: Range } | null | undefined) {
  const userId = filterId(f?.user, "User");
  const createdAt = range(f?.createdAt);
  return all(
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
        orderBy: orderBy(args.orderBy, { CREATED_AT: { column: "createdAt" }, NAME: { column: "name", nullable: true } }, "CREATED_AT"),
      }),
  }),
  avatars: t.prismaConnection({
    type: Avatar,
    cursor: "id",
    args: { filter: t.arg({ type: AdminAvatarsFilter }), orderBy: t.arg({ type: AdminAvatarsOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.avatar.count({ where: avatarsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.avatar.findMany({
        ...query,
        where: avatarsWhere(args.filter),
        orderBy: orderBy(args.orderBy, { ...byCreatedAt, UPDATED_AT: { column: "updatedAt" } }, "CREATED_AT"),
      }),
  }),
  generatedPhotos: t.prismaConnection({
    type: GeneratedPhoto,
    cursor: "id",
    args: { filter: t.arg({ type: AdminGeneratedPhotosFilter }), orderBy: t.arg({ type: AdminGeneratedPhotosOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.generatedPhoto.count({ where: photosWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.generatedPhoto.findMany({ ...query, where: photosWhere(args.filter), orderBy: orderBy(args.orderBy, byCreatedAt, "CREATED_AT") }),
  }),
  generationJobs: t.prismaConnection({
    type: GenerationJob,
    cursor: "id",
    args: { filter: t.arg({ type: AdminGenerationJobsFilter }), orderBy: t.arg({ type: AdminGenerationJobsOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.generationJob.count({ where: jobsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.generationJob.findMany({
        ...query,
        where: jobsWhere(args.filter),
        orderBy: orderBy(args.orderBy, { ...byCreatedAt, COMPLETED_AT: { column: "completedAt", nullable: true } }, "CREATED_AT"),
      }),
  }),
  generationTasks: t.prismaConnection({
    type: AdminGenerationTask,
    cursor: "id",
    args: { filter: t.arg({ type: AdminGenerationTasksFilter }), orderBy: t.arg({ type: AdminGenerationTasksOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.generationTask.count({ where: tasksWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.generationTask.findMany({
        ...query,
        where: tasksWhere(args.filter),
        orderBy: orderBy(args.orderBy, { ...byCreatedAt, UPDATED_AT: { column: "updatedAt" } }, "CREATED_AT"),
      }),
  }),
  sharedGalleries: t.prismaConnection({
    type: SharedGallery,
    cursor: "id",
    args: { filter: t.arg({ type: AdminSharedGalleriesFilter }), orderBy: t.arg({ type: AdminSharedGalleriesOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.sharedGallery.count({ where: galleriesWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.sharedGallery.findMany({
        ...query,
        where: galleriesWhere(args.filter),
        orderBy: orderBy(args.orderBy, { ...byCreatedAt, VIEW_COUNT: { column: "viewCount" } }, "CREATED_AT"),
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
        orderBy: orderBy(args.orderBy, { ...byCreatedAt, LAST_USED_AT: { column: "lastUsedAt", nullable: true } }, "CREATED_AT"),
      }),
  }),
  photoFavorites: t.prismaConnection({
    type: PhotoFavorite,
    cursor: "id",
    description: "Favorite marks, newest first.",
    args: { filter: t.arg({ type: AdminPhotoFavoritesFilter }) },
    totalCount: (_root, args, { prisma }) => prisma.photoFavorite.count({ where: favoritesWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.photoFavorite.findMany({ ...query, where: favoritesWhere(args.filter), orderBy: newestFirst }),
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

// ─── Moderation ───────────────────────────────────────────────────────────────────

const userIdField = z.string().min(1, "is required");

const BanUserInput = builder.inputType("BanUserInput", {
  fields: (t) => ({
    userId: t.id({ required: true }),
    reason: t.string({ required: true, description: `Shown to the user when they are refused (${BAN_REASON_LENGTH.min}–${BAN_REASON_LENGTH.max} characters).` }),
  }),
  validate: z.object({
    userId: userIdField,
    reason: z
      .string()
      .trim()
      .min(BAN_REASON_LENGTH.min, `at least ${BAN_REASON_LENGTH.min} characters`)
      .max(BAN_REASON_LENGTH.max, `at most ${BAN_REASON_LENGTH.max} characters`),
  }),
});

const UnbanUserInput = builder.inputType("UnbanUserInput", {
  fields: (t) => ({ userId: t.id({ required: true }) }),
  validate: z.object({ userId: userIdField }),
});

builder.mutationFields((t) => ({
  banUser: t.prismaField({
    type: User,
    description:
      "Bans a user (OPERATOR or ADMIN): their sessions and API keys are refused from the next request on (USER_BANNED), " +
      "and they cannot sign in. Audited as `user.ban`.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: BanUserInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const userId = requireId(input.userId, "User");
      const reason = input.reason.trim(); // length checked (trimmed) by the input's validation
      await audited(context, "user.ban", { type: "User", id: userId }, async (tx) => ({
        result: null,
        ...(await banUser(tx, { userId, reason, adminId: context.admin!.id })),
      }));
      return context.prisma.user.findUniqueOrThrow({ ...query, where: { id: userId } });
    },
  }),
  unbanUser: t.prismaField({
    type: User,
    description: "Lifts a ban (OPERATOR or ADMIN) and revokes the sessions opened before it: the user signs in again. Audited as `user.unban`.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UnbanUserInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const userId = requireId(input.userId, "User");
      await audited(context, "user.unban", { type: "User", id: userId }, async (tx) => ({
        result: null,
        ...(await unbanUser(tx, { userId })),
      }));
      return context.prisma.user.findUniqueOrThrow({ ...query, where: { id: userId } });
    },
  }),
}));
