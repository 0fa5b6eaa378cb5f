// Referrals and the partner program, user side: the viewer's code, who they brought,
// commissions, the balance ledger, payouts and partner applications. Every row is the
// viewer's own; the people a user referred appear only as a first name or @username.
// Requesting withdrawals moves money through the ledger: the payments issue.
import { z } from "zod";
import { builder } from "../builder.ts";
import { ConflictError } from "../domain/errors.ts";
import {
  creditedEarnings,
  earningAmount,
  ensureReferralCode,
  maskedDestination,
  referredDisplayName,
  submitPartnerApplication,
  type ReferralAmounts as Amounts,
} from "../domain/referrals.ts";
import {
  AudienceSize as AudienceSizeValues,
  BalanceTransactionKind as BalanceTransactionKindValues,
  EarningStatus as EarningStatusValues,
  PartnerApplicationStatus as PartnerApplicationStatusValues,
  WithdrawalMethod as WithdrawalMethodValues,
  WithdrawalStatus as WithdrawalStatusValues,
} from "../generated/prisma/enums.ts";
import { canRead, isStaff, ownedByViewer, parseDatabaseId, viewerId } from "./access.ts";
import { Currency } from "./payments.ts";
import { User } from "./user.ts";
import { newestFirst } from "./ordering.ts";

export const EarningStatus = builder.enumType(EarningStatusValues, { name: "EarningStatus" });
export const BalanceTransactionKind = builder.enumType(BalanceTransactionKindValues, { name: "BalanceTransactionKind" });
export const WithdrawalMethod = builder.enumType(WithdrawalMethodValues, { name: "WithdrawalMethod" });
export const WithdrawalStatus = builder.enumType(WithdrawalStatusValues, { name: "WithdrawalStatus" });
export const PartnerApplicationStatus = builder.enumType(PartnerApplicationStatusValues, { name: "PartnerApplicationStatus" });
export const AudienceSize = builder.enumType(AudienceSizeValues, { name: "AudienceSize" });
export const ReferralCurrency = builder.enumType("ReferralCurrency", {
  description: "The currencies referral balances are kept in.",
  values: ["RUB", "TON"] as const,
});

export const ReferralCode = builder.prismaNode("ReferralCode", {
  id: { field: "id" },
  nullable: true,
  // user_id is itself unique, so the ownership filter goes under AND.
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "ReferralCode"), AND: [ownedByViewer(context)] }),
  authScopes: (code, context) => canRead(context, code.userId),
  description: "The viewer's code; invitees open `https://t.me/<bot>?startapp=<code>`.",
  fields: (t) => ({
    code: t.exposeString("code"),
    isActive: t.exposeBoolean("isActive", { description: "An inactive code is no longer applied at sign-in." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const ReferralEarning = builder.prismaNode("ReferralEarning", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({
    id: parseDatabaseId(id, "ReferralEarning"),
    ...(isStaff(context) ? {} : { referrerId: context.user ? context.user.id : { in: [] } }),
  }),
  authScopes: (earning, context) => canRead(context, earning.referrerId),
  description: "A commission on a payment by someone the viewer referred.",
  fields: (t) => ({
    amount: t.field({ type: "Decimal", description: "In `currency` (TON commissions are paid in TON).", resolve: earningAmount }),
    currency: t.expose("currency", { type: Currency }),
    rate: t.expose("rate", { type: "Decimal", description: "Share of the payment, e.g. 0.1." }),
    status: t.expose("status", { type: EarningStatus }),
    referredUserName: t.string({
      nullable: true,
      description: "First name or @username of who paid; nothing else about them.",
      select: { referred: { select: { name: true, telegramUsername: true } } },
      resolve: (earning) => referredDisplayName(earning.referred),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const BalanceTransaction = builder.prismaNode("BalanceTransaction", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "BalanceTransaction"), ...ownedByViewer(context) }),
  authScopes: (row, context) => canRead(context, row.userId),
  description: "One entry of the viewer's referral balance ledger (append-only).",
  fields: (t) => ({
    kind: t.expose("kind", { type: BalanceTransactionKind }),
    amount: t.expose("amount", { type: "Decimal", description: "Signed: negative entries left the balance." }),
    currency: t.expose("currency", { type: Currency }),
    balanceAfter: t.expose("balanceAfter", { type: "Decimal" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const Withdrawal = builder.prismaNode("Withdrawal", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "Withdrawal"), ...ownedByViewer(context) }),
  authScopes: (withdrawal, context) => canRead(context, withdrawal.userId),
  description: "A payout of the referral balance. 13% NDFL is withheld: payoutAmount = amount − ndflAmount.",
  fields: (t) => ({
    amount: t.expose("amount", { type: "Decimal" }),
    ndflAmount: t.expose("ndflAmount", { type: "Decimal" }),
    payoutAmount: t.expose("payoutAmount", { type: "Decimal" }),
    currency: t.expose("currency", { type: Currency }),
    method: t.expose("method", { type: WithdrawalMethod }),
    status: t.expose("status", { type: WithdrawalStatus }),
    destination: t.string({
      nullable: true,
      description: "Where the money goes, masked (e.g. •••• 4417).",
      resolve: (withdrawal) => maskedDestination(withdrawal.method, withdrawal.details),
    }),
    rejectionReason: t.exposeString("rejectionReason", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    processedAt: t.expose("processedAt", { type: "DateTime", nullable: true }),
    paidAt: t.expose("paidAt", { type: "DateTime", nullable: true }),
  }),
});

export const PartnerApplication = builder.prismaNode("PartnerApplication", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "PartnerApplication"), ...ownedByViewer(context) }),
  authScopes: (application, context) => canRead(context, application.userId),
  fields: (t) => ({
    contactName: t.exposeString("contactName"),
    contactEmail: t.exposeString("contactEmail", { nullable: true }),
    telegramUsername: t.exposeString("telegramUsername", { nullable: true }),
    audienceSize: t.expose("audienceSize", { type: AudienceSize, nullable: true }),
    promotionChannels: t.exposeStringList("promotionChannels"),
    message: t.exposeString("message", { nullable: true }),
    status: t.expose("status", { type: PartnerApplicationStatus }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    reviewedAt: t.expose("reviewedAt", { type: "DateTime", nullable: true }),
  }),
});

const ReferralAmounts = builder.objectRef<Amounts>("ReferralAmounts").implement({
  description: "An amount per referral currency.",
  fields: (t) => ({
    rub: t.expose("rub", { type: "Decimal" }),
    ton: t.expose("ton", { type: "Decimal" }),
  }),
});

/** referral_balances.commission_rate's default (prisma/schema/referrals.prisma). */
const DEFAULT_COMMISSION_RATE = "0.1";

/** The viewer's referral page: one variant of their User row, so it loads with it. */
export const ReferralProgram = builder.prismaObject("User", {
  variant: "ReferralProgram",
  authScopes: (user, context) => canRead(context, user.id),
  fields: (t) => ({
    code: t.relation("referralCode", {
      nullable: true,
      description: "Null until `createReferralCode` is called.",
    }),
    referralsCount: t.relationCount("referralsMade", { description: "People who signed up with the viewer's code." }),
    balance: t.field({
      type: ReferralAmounts,
      description: "Available to withdraw; always equal to the sum of `balanceTransactions`.",
      select: { referralBalance: { select: { balanceRub: true, balanceTon: true } } },
      resolve: ({ referralBalance: b }) => ({ rub: b?.balanceRub.toString() ?? "0", ton: b?.balanceTon.toString() ?? "0" }),
    }),
    earned: t.field({
      type: ReferralAmounts,
      description: "Commissions credited so far (pending and reversed ones excluded).",
      resolve: (user, _args, { prisma }) => creditedEarnings(prisma, user.id),
    }),
    isPartner: t.boolean({
      select: { referralBalance: { select: { isPartner: true } } },
      resolve: (user) => user.referralBalance?.isPartner ?? false,
    }),
    partnerSince: t.field({
      type: "DateTime",
      nullable: true,
      select: { referralBalance: { select: { partnerSince: true } } },
      resolve: (user) => user.referralBalance?.partnerSince ?? null,
    }),
    commissionRate: t.field({
      type: "Decimal",
      description: "Share of each referred payment credited to the viewer, e.g. 0.1.",
      select: { referralBalance: { select: { commissionRate: true } } },
      // No balance row yet: the column's default rate applies.
      resolve: (user) => user.referralBalance?.commissionRate ?? DEFAULT_COMMISSION_RATE,
    }),
    earnings: t.relatedConnection("earningsAsReferrer", { cursor: "id", totalCount: true, query: { orderBy: newestFirst } }),
    balanceTransactions: t.relatedConnection("balanceTransactions", { cursor: "id", totalCount: true, query: { orderBy: newestFirst } }),
    withdrawals: t.relatedConnection("withdrawals", { cursor: "id", totalCount: true, query: { orderBy: newestFirst } }),
  }),
});

builder.prismaObjectFields(User, (t) => ({
  referralProgram: t.variant(ReferralProgram),
  partnerApplications: t.relatedConnection("partnerApplications", { cursor: "id", query: { orderBy: newestFirst } }),
}));

// Validated as a whole, so every bad field is reported at once.
const SubmitPartnerApplicationInput = builder.inputType("SubmitPartnerApplicationInput", {
  fields: (t) => ({
    contactName: t.string({ required: true }),
    contactEmail: t.string(),
    telegramUsername: t.string(),
    audienceSize: t.field({ type: AudienceSize }),
    promotionChannels: t.stringList({ description: "Where the viewer would promote PinGlass: channel names or links." }),
    message: t.string(),
  }),
  validate: z.object({
    contactName: z.string().trim().min(1, "must not be empty").max(255, "at most 255 characters"),
    contactEmail: z.email("must be an email address").max(255, "at most 255 characters").nullish(),
    telegramUsername: z
      .string()
      .trim()
      .regex(/^@?[A-Za-z0-9_]{5,32}$/, "must be a Telegram username (5–32 letters, digits or _)")
      .nullish(),
    audienceSize: z.enum(AudienceSizeValues).nullish(),
    promotionChannels: z
      .array(z.string().trim().min(1, "must not be empty").max(200, "at most 200 characters"))
      .max(10, "at most 10 channels")
      .nullish(),
    message: z.string().trim().max(2000, "at most 2000 characters").nullish(),
  }),
});

builder.mutationFields((t) => ({
  createReferralCode: t.prismaField({
    type: ReferralCode,
    description: "The viewer's referral code, created on the first call; later calls return the same code.",
    authScopes: { user: true },
    errors: {},
    resolve: async (query, _root, _args, context) => {
      const { id } = await ensureReferralCode(context.prisma, viewerId(context));
      return context.prisma.referralCode.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  submitPartnerApplication: t.prismaField({
    type: PartnerApplication,
    description: "Applies to the partner program. One application can be pending at a time.",
    authScopes: { user: true },
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: SubmitPartnerApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = await submitPartnerApplication(context.prisma, viewerId(context), input);
      return context.prisma.partnerApplication.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
