// Admin panel, users and content: the staff-only view of existing types: users' ban,
// referral and session fields, identities, owners of avatars and galleries, favorites,
// generation jobs with their payment, and generation tasks with provider details.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { activeSessions } from "../../../domain/moderation.ts";
import { AuthProvider as AuthProviderValues } from "../../../generated/prisma/enums.ts";
import { AdminUser } from "../../admin-auth.ts";
import { GenerationJob, GenerationTaskStatus } from "../../generation.ts";
import { Payment } from "../../payments.ts";
import { Avatar, GeneratedPhoto, SharedGallery } from "../../photos.ts";
import { User, UserIdentity } from "../../user.ts";
import { newestFirst } from "../../ordering.ts";

// ─── Enums and staff-only fields on existing types ────────────────────────────────

export const AuthProvider = builder.enumType(AuthProviderValues, { name: "AuthProvider" });

const staff = { staff: true } as const;

/** A user's sign-in session as staff see it: never its token (nor the token's hash). */
export const UserSession = builder.prismaObject("UserSession", {
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

export const PhotoFavorite = builder.prismaObject("PhotoFavorite", {
  description: "A user marked a photo as a favorite (staff only).",
  authScopes: staff,
  fields: (t) => ({
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    user: t.relation("user", { type: User }),
    photo: t.relation("photo", { type: GeneratedPhoto }),
  }),
});

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
export const AdminGenerationTask = builder.prismaObject("GenerationTask", {
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
