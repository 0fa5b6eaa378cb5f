// Signing in (Telegram Mini App, Telegram Login Widget) and out.
import { z } from "zod";
import { builder } from "../builder.ts";
import { issueSession, revokeSession } from "../auth/sessions.ts";
import { TelegramAuthError, verifyLoginWidget, verifyMiniAppInitData, type VerifiedTelegramSignIn } from "../auth/telegram.ts";
import type { Context } from "../context.ts";
import { InvalidSignInError, UserBannedError } from "../domain/errors.ts";
import { findOrCreateTelegramUser } from "../domain/users.ts";
import { User } from "./user.ts";

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
