// Partner integrations. A partner (a user whose referral balance says isPartner) creates
// and revokes API keys: each key is shown once (only its SHA-256 is stored), carries
// scopes, and is limited to `rateLimitPerMinute` requests (auth/api-keys.ts; the context
// answers RATE_LIMITED with HTTP 429 and `retryAfterSeconds`). A request made with a key
// reaches `Query.partner` and `partnerCreateReferralLink`, each field within its scope only;
// `viewer` is null for it and `admin` FORBIDDEN.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../domain/errors.ts";
import { createPartnerApiKey, revokePartnerApiKey } from "../domain/partners.ts";
import { creditedEarnings, earningAmount, ensureReferralCode, referredDisplayName } from "../domain/referrals.ts";
import { ApiKeyScope as ApiKeyScopeValues } from "../generated/prisma/enums.ts";
import { canRead, ownedByViewer, parseDatabaseId, viewerId } from "./access.ts";
import { newestFirst } from "./ordering.ts";
import { Currency } from "./payments.ts";
import { EarningStatus } from "./referrals.ts";
import { User } from "./user.ts";

export const ApiKeyScope = builder.enumType(ApiKeyScopeValues, {
  name: "ApiKeyScope",
  description: "REFERRALS_READ: the partner's referral stats and earnings. REFERRAL_LINKS_CREATE: the partner's referral link.",
});

export const PartnerApiKey = builder.prismaNode("PartnerApiKey", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "PartnerApiKey"), ...ownedByViewer(context) }),
  authScopes: (key, context) => canRead(context, key.userId),
  description: "A partner's API key. The key itself is shown once, when it is created; only its hash is kept.",
  // key_hash is never selected into the schema.
  fields: (t) => ({
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "The key's first characters, to recognise it (e.g. pgk_Ab12CdEf)." }),
    scopes: t.expose("scopes", { type: [ApiKeyScope] }),
    rateLimitPerMinute: t.exposeInt("rateLimitPerMinute"),
    lastUsedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the key was last used (to the minute).",
      select: { lastUsedAt: true, rateWindows: { select: { windowStart: true }, orderBy: { windowStart: "desc" }, take: 1 } },
      resolve: (key) => {
        const window = key.rateWindows[0]?.windowStart ?? null;
        if (!key.lastUsedAt) return window;
        return window && window > key.lastUsedAt ? window : key.lastUsedAt;
      },
    }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    isActive: t.boolean({ resolve: (key) => key.revokedAt === null }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectFields(User, (t) => ({
  partnerApiKeys: t.relatedConnection("apiKeys", {
    cursor: "id",
    totalCount: true,
    description: "The user's partner API keys, newest first.",
    args: { active: t.arg.boolean({ description: "true: only keys not revoked; false: only revoked ones." }) },
    query: ({ active }) => ({
      where: active == null ? {} : { revokedAt: active ? null : { not: null } },
      orderBy: newestFirst,
    }),
  }),
}));

// ---------------------------------------------------------------------------------------
// Managing keys (the partner, signed in)
// ---------------------------------------------------------------------------------------

const CreatePartnerApiKeyInput = builder.inputType("CreatePartnerApiKeyInput", {
  fields: (t) => ({
    name: t.string({ required: true, description: "What the key is for, 1–100 characters." }),
    scopes: t.field({ type: [ApiKeyScope], required: true, description: "At least one." }),
  }),
  validate: z.object({
    name: z.string().trim().min(1, "must not be empty").max(100, "at most 100 characters"),
    scopes: z.array(z.enum(ApiKeyScopeValues)).min(1, "at least one scope"),
  }),
});

const RevokePartnerApiKeyInput = builder.inputType("RevokePartnerApiKeyInput", {
  fields: (t) => ({ apiKeyId: t.globalID({ for: PartnerApiKey, required: true }) }),
});

const CreatePartnerApiKeyPayload = builder.objectRef<{ key: string; apiKeyId: number }>("CreatePartnerApiKeyPayload").implement({
  description: "The new key. `key` is shown this once: store it now; it cannot be read again.",
  fields: (t) => ({
    key: t.exposeString("key", { description: "Send as `Authorization: Bearer <key>`." }),
    apiKey: t.prismaField({
      type: PartnerApiKey,
      resolve: (query, payload, _args, { prisma }) => prisma.partnerApiKey.findUniqueOrThrow({ ...query, where: { id: payload.apiKeyId } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  createPartnerApiKey: t.field({
    type: CreatePartnerApiKeyPayload,
    authScopes: { user: true },
    description: "Creates an API key for a partner integration. Partners only.",
    errors: { types: [ForbiddenError, ConflictError] },
    args: { input: t.arg({ type: CreatePartnerApiKeyInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { key, row } = await createPartnerApiKey(context.prisma, { userId: viewerId(context), name: input.name, scopes: input.scopes });
      return { key, apiKeyId: row.id };
    },
  }),
  revokePartnerApiKey: t.prismaField({
    type: PartnerApiKey,
    authScopes: { user: true },
    description: "Revokes one of the viewer's API keys: requests with it are refused from now on.",
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: RevokePartnerApiKeyInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const apiKeyId = parseDatabaseId(input.apiKeyId.id, "PartnerApiKey");
      await revokePartnerApiKey(context.prisma, { userId: viewerId(context), apiKeyId });
      return context.prisma.partnerApiKey.findUniqueOrThrow({ ...query, where: { id: apiKeyId } });
    },
  }),
}));

// ---------------------------------------------------------------------------------------
// What an API key reaches
// ---------------------------------------------------------------------------------------

/** The key's owner is the only user it may read. */
const isKeyOwner = (userId: number, context: Context) => context.apiKey !== null && context.apiKey.userId === userId;

interface Amounts {
  rub: string;
  ton: string;
}

const PartnerAmounts = builder.objectRef<Amounts>("PartnerAmounts").implement({
  description: "An amount per referral currency.",
  fields: (t) => ({
    rub: t.expose("rub", { type: "Decimal" }),
    ton: t.expose("ton", { type: "Decimal" }),
  }),
});

interface Stats {
  referralsCount: number;
  balance: Amounts;
  earned: Amounts;
  isPartner: boolean;
  commissionRate: string;
}

const PartnerStats = builder.objectRef<Stats>("PartnerStats").implement({
  fields: (t) => ({
    referralsCount: t.exposeInt("referralsCount", { description: "People who signed up with the partner's code." }),
    earned: t.field({ type: PartnerAmounts, description: "Commissions credited so far.", resolve: (s) => s.earned }),
    balance: t.field({ type: PartnerAmounts, description: "Available to withdraw.", resolve: (s) => s.balance }),
    isPartner: t.exposeBoolean("isPartner"),
    commissionRate: t.field({ type: "Decimal", resolve: (s) => s.commissionRate }),
  }),
});

/** A commission as a partner integration sees it: the referred user by first name only. */
const PartnerEarning = builder.prismaObject("ReferralEarning", {
  variant: "PartnerEarning",
  authScopes: (earning, context) => isKeyOwner(earning.referrerId, context),
  fields: (t) => ({
    id: t.id({ resolve: (earning) => encodeGlobalID("ReferralEarning", earning.id) }),
    amount: t.field({ type: "Decimal", description: "In `currency`.", resolve: earningAmount }),
    currency: t.expose("currency", { type: Currency }),
    rate: t.expose("rate", { type: "Decimal" }),
    status: t.expose("status", { type: EarningStatus }),
    referredUserName: t.string({
      nullable: true,
      select: { referred: { select: { name: true, telegramUsername: true } } },
      resolve: (earning) => referredDisplayName(earning.referred),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/** What a partner API key reads: its owner's referral data, per scope. */
const PartnerView = builder.prismaObject("User", {
  variant: "PartnerView",
  authScopes: (user, context) => isKeyOwner(user.id, context),
  fields: (t) => ({
    scopes: t.field({
      type: [ApiKeyScope],
      description: "What this key may do.",
      resolve: (_user, _args, context) => context.apiKey!.scopes,
    }),
    stats: t.field({
      type: PartnerStats,
      authScopes: { apiKey: "REFERRALS_READ" },
      select: {
        referralBalance: { select: { balanceRub: true, balanceTon: true, isPartner: true, commissionRate: true } },
        _count: { select: { referralsMade: true } },
      },
      resolve: async (user, _args, { prisma }) => {
        const balance = user.referralBalance;
        return {
          referralsCount: user._count.referralsMade,
          balance: { rub: balance?.balanceRub.toString() ?? "0", ton: balance?.balanceTon.toString() ?? "0" },
          earned: await creditedEarnings(prisma, user.id),
          isPartner: balance?.isPartner ?? false,
          commissionRate: balance?.commissionRate.toString() ?? "0.1",
        };
      },
    }),
    earnings: t.relatedConnection("earningsAsReferrer", {
      type: PartnerEarning,
      cursor: "id",
      totalCount: true,
      authScopes: { apiKey: "REFERRALS_READ" },
      description: "Commissions on payments by people the partner referred, newest first.",
      args: { status: t.arg({ type: EarningStatus }) },
      query: ({ status }) => ({ where: status ? { status } : {}, orderBy: newestFirst }),
    }),
  }),
});

builder.queryField("partner", (t) =>
  t.prismaField({
    type: PartnerView,
    description: "For requests made with a partner API key: the partner's referral data, within the key's scopes.",
    authScopes: (_root, _args, context) => context.apiKey !== null,
    resolve: (query, _root, _args, context) => context.prisma.user.findUniqueOrThrow({ ...query, where: { id: context.apiKey!.userId } }),
  }),
);

const PartnerReferralLink = builder.objectRef<{ code: string; isActive: boolean }>("PartnerReferralLink").implement({
  description: "The partner's referral code; invitees open `https://t.me/<bot>?startapp=<code>`.",
  fields: (t) => ({
    code: t.exposeString("code"),
    isActive: t.exposeBoolean("isActive"),
  }),
});

builder.mutationField("partnerCreateReferralLink", (t) =>
  t.field({
    type: PartnerReferralLink,
    authScopes: { apiKey: "REFERRAL_LINKS_CREATE" },
    description:
      "The partner's referral code, created on the first call; later calls return the same code. API keys with REFERRAL_LINKS_CREATE.",
    errors: {},
    resolve: async (_root, _args, context) => {
      const { id } = await ensureReferralCode(context.prisma, context.apiKey!.userId);
      return context.prisma.referralCode.findUniqueOrThrow({ where: { id }, select: { code: true, isActive: true } });
    },
  }),
);
