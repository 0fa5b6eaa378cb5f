// Sessions: signing in (Telegram Mini App, Telegram Login Widget) and out; a user's
// sign-in sessions as staff see them (never the token), and the staff list of sessions.
import { z } from "zod";
import { issueSession, revokeSession } from "../auth/sessions.ts";
import { TelegramAuthError, type VerifiedTelegramSignIn, verifyLoginWidget, verifyMiniAppInitData } from "../auth/telegram.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { InvalidSignInError, UserBannedError } from "../domain/errors.ts";
import { activeSessions } from "../domain/moderation.ts";
import { findOrCreateTelegramUser } from "../domain/users.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { filterDatabaseId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { all, type DateRange, dateRangeFilter, DateRangeInput } from "./filters.ts";
import { newestFirst } from "./ordering.ts";
import { AuthProvider, User } from "./user.ts";

interface SignInResult {
  token: string;
  expiresAt: Date;
  userId: number;
  created: boolean;
}

const SignInPayload = builder.objectRef<SignInResult>("SignInPayload").implement({
  description: "A new session. Send the token as `Authorization: Bearer <token>` (or in graphql-ws connection_init).",
  fields: (t) => ({
    token: t.exposeString("token"),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    isNewUser: t.exposeBoolean("created"),
    user: t.prismaField({
      type: User,
      resolve: (query, result, _args, { prisma }) => prisma.user.findUniqueOrThrow({ ...query, where: { id: result.userId } }),
    }),
  }),
});

const referralCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{3,20}$/, "3–20 letters, digits, _ or -");

const SignInWithTelegramInput = builder.inputType("SignInWithTelegramInput", {
  fields: (t) => ({
    initData: t.string({
      required: true,
      description: "Telegram.WebApp.initData, exactly as Telegram passed it.",
      validate: z.string().min(1, "is required").max(4096, "is too long"),
    }),
    referralCode: t.string({ description: "Used when initData carries no start_param.", validate: referralCode }),
  }),
});

const SignInWithTelegramWidgetInput = builder.inputType("SignInWithTelegramWidgetInput", {
  description: "The fields the Telegram Login Widget passes to its callback, unchanged.",
  fields: (t) => ({
    id: t.string({ required: true, validate: z.string().regex(/^\d{1,20}$/, "must be a Telegram user id") }),
    firstName: t.string({ validate: z.string().max(255) }),
    lastName: t.string({ validate: z.string().max(255) }),
    username: t.string({ validate: z.string().max(64) }),
    photoUrl: t.string({ validate: z.string().max(1024) }),
    authDate: t.string({ required: true, validate: z.string().regex(/^\d{1,12}$/, "must be a unix time") }),
    hash: t.string({ required: true, validate: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex digits") }),
    referralCode: t.string({ validate: referralCode }),
  }),
});

function telegramVerifyOptions(context: Context) {
  const { botToken, authMaxAgeSeconds } = context.config.telegram;
  if (!botToken) throw new InvalidSignInError("Telegram sign-in is not configured on this server (TELEGRAM_BOT_TOKEN)");
  return { botToken, maxAgeSeconds: authMaxAgeSeconds };
}

function verified<T>(verify: () => T): T {
  try {
    return verify();
  } catch (error) {
    if (error instanceof TelegramAuthError) throw new InvalidSignInError(error.message);
    throw error;
  }
}

async function startSession(context: Context, signIn: VerifiedTelegramSignIn, referral: string | null | undefined, provider: "TELEGRAM") {
  const user = await findOrCreateTelegramUser(context.prisma, signIn.user, { referralCode: signIn.startParam ?? referral });
  const {
    id: sessionId,
    token,
    expiresAt,
  } = await issueSession(context.prisma, {
    userId: user.id,
    provider,
    ttlDays: context.config.sessionTtlDays,
    userAgent: context.client.userAgent,
    ip: context.client.ip,
  });
  // The rest of this response is read as the user who just proved who they are: the
  // payload's `user` is theirs (User's owner-only scope would refuse it to an anonymous request).
  context.user = { id: user.id, sessionId };
  return { token, expiresAt, userId: user.id, created: user.created };
}

builder.mutationFields((t) => ({
  signInWithTelegram: t.field({
    type: SignInPayload,
    description: "Signs in from the Telegram Mini App; creates the account on first use.",
    authScopes: { public: true },
    errors: { types: [InvalidSignInError, UserBannedError] },
    args: { input: t.arg({ type: SignInWithTelegramInput, required: true }) },
    resolve: (_root, { input }, context) => {
      const signIn = verified(() => verifyMiniAppInitData(input.initData, telegramVerifyOptions(context)));
      return startSession(context, signIn, input.referralCode, "TELEGRAM");
    },
  }),
  signInWithTelegramWidget: t.field({
    type: SignInPayload,
    description: "Signs in on the web through the Telegram Login Widget.",
    authScopes: { public: true },
    errors: { types: [InvalidSignInError, UserBannedError] },
    args: { input: t.arg({ type: SignInWithTelegramWidgetInput, required: true }) },
    resolve: (_root, { input }, context) => {
      // Exactly the fields Telegram signed, under Telegram's names.
      const received: Record<string, string> = { id: input.id, auth_date: input.authDate, hash: input.hash };
      if (input.firstName != null) received.first_name = input.firstName;
      if (input.lastName != null) received.last_name = input.lastName;
      if (input.username != null) received.username = input.username;
      if (input.photoUrl != null) received.photo_url = input.photoUrl;
      const signIn = verified(() => verifyLoginWidget(received, telegramVerifyOptions(context)));
      return startSession(context, signIn, input.referralCode, "TELEGRAM");
    },
  }),
  signOut: t.boolean({
    description: "Revokes the session this request was made with.",
    authScopes: { user: true },
    resolve: async (_root, _args, context) => {
      await revokeSession(context.prisma, context.user!.sessionId);
      return true;
    },
  }),
}));

// ─── Sessions as staff see them, and the staff list admin.userSessions ─────────────────────

/** A user's sign-in session as staff see it: never its token (nor the token's hash). */
export const UserSession = builder.prismaObject("UserSession", {
  description: "A sign-in session of a user (staff only). The token is never readable.",
  authScopes: { staff: true },
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

builder.prismaObjectFields(User, (t) => ({
  activeSessionCount: t.relationCount("sessions", {
    authScopes: { staff: true },
    description: "Sessions neither revoked nor expired.",
    where: () => activeSessions(),
  }),
  sessions: t.relatedConnection("sessions", {
    type: UserSession,
    cursor: "id",
    authScopes: { staff: true },
    description: "Sign-in sessions, newest first.",
    args: { active: t.arg.boolean({ description: "Only live (true) or only ended (false) sessions." }) },
    query: ({ active }) => ({
      where: active == null ? {} : active ? activeSessions() : { NOT: activeSessions() },
      orderBy: newestFirst,
    }),
  }),
}));

const AdminUserSessionsFilter = builder.inputType("AdminUserSessionsFilter", {
  fields: (t) => ({
    user: t.id({ description: "A User id." }),
    active: t.boolean({ description: "Live (true) or ended (false) sessions." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

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
