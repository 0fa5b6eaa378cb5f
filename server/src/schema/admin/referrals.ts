// Admin referrals: the ledger, withdrawals processing, referral balances, referrals and
// codes, payout cards, partner applications. Staff (VIEWER included) read every list;
// ADMIN alone changes anything, each change audited in its own transaction
// (domain/audit.ts) and every balance move going through the ledger (domain/ledger.ts).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../../builder.ts";
import type { Context } from "../../context.ts";
import { audited } from "../../domain/audit.ts";
import { ConflictError, NotFoundError } from "../../domain/errors.ts";
import { findLedgerMismatches } from "../../domain/ledger.ts";
import { approvePartnerApplication, rejectPartnerApplication } from "../../domain/partners.ts";
import {
  adjustReferralBalance,
  approveWithdrawal,
  findAdjustment,
  maskPans,
  markWithdrawalPaid,
  rejectWithdrawal,
  withdrawalAuditSnapshot,
  type LedgerCurrency,
} from "../../domain/withdrawals.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { isStaff, parseDatabaseId } from "../access.ts";
import { Payment } from "../payments.ts";
import {
  BalanceTransaction,
  BalanceTransactionKind,
  EarningStatus,
  PartnerApplication,
  PartnerApplicationStatus,
  ReferralCode,
  ReferralEarning,
  Withdrawal,
  WithdrawalMethod,
  WithdrawalStatus,
} from "../referrals.ts";
import { User } from "../user.ts";
import { AdminQueries, DateRangeInput, SortDirection, dateRangeFilter, direction } from "./root.ts";

// ---------------------------------------------------------------------------------------
// Shared bits
// ---------------------------------------------------------------------------------------

export const ReferralCurrency = builder.enumType("ReferralCurrency", {
  description: "The currencies referral balances are kept in.",
  values: ["RUB", "TON"] as const,
});

/** A staff-only node's id for node(id): the real one for staff, an impossible one for everyone else. */
const staffNodeId = (id: string, context: Context, entity: string) => (isStaff(context) ? parseDatabaseId(id, entity) : -1);

/** A database id from a filter's global id; a malformed one matches nothing. */
function filterId(value: { id: string } | null | undefined): number | undefined {
  if (!value) return undefined;
  try {
    return parseDatabaseId(value.id);
  } catch {
    return -1;
  }
}

const staffOnly = { staff: true } as const;
const newestFirst = (dir: "asc" | "desc") => [{ createdAt: dir }, { id: dir }];
const byCreatedAt = (value: "ASC" | "DESC" | null | undefined) => newestFirst(direction(value));

// ---------------------------------------------------------------------------------------
// Staff-only nodes
// ---------------------------------------------------------------------------------------

export const Referral = builder.prismaNode("Referral", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: staffNodeId(id, context, "Referral") }),
  authScopes: staffOnly,
  description: "Who brought whom, and with which code. Staff only.",
  fields: (t) => ({
    referrer: t.relation("referrer"),
    referred: t.relation("referred"),
    code: t.relation("referralCode", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const ReferralBalance = builder.prismaNode("ReferralBalance", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: staffNodeId(id, context, "ReferralBalance") }),
  authScopes: staffOnly,
  description: "A user's referral balance and partner status. `balanceRub`/`balanceTon` always equal the ledger's sums. Staff only.",
  fields: (t) => ({
    user: t.relation("user"),
    balanceRub: t.expose("balanceRub", { type: "Decimal" }),
    balanceTon: t.expose("balanceTon", { type: "Decimal" }),
    earnedRub: t.expose("earnedRub", { type: "Decimal" }),
    earnedTon: t.expose("earnedTon", { type: "Decimal" }),
    withdrawnRub: t.expose("withdrawnRub", { type: "Decimal", description: "Paid out so far (NDFL included)." }),
    withdrawnTon: t.expose("withdrawnTon", { type: "Decimal" }),
    commissionRate: t.expose("commissionRate", { type: "Decimal" }),
    isPartner: t.exposeBoolean("isPartner"),
    partnerSince: t.expose("partnerSince", { type: "DateTime", nullable: true }),
    partnerApprovedAt: t.expose("partnerApprovedAt", { type: "DateTime", nullable: true }),
    partnerApprovedBy: t.relation("partnerApprovedBy", { nullable: true }),
    tonWalletAddress: t.exposeString("tonWalletAddress", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

export const UserCard = builder.prismaNode("UserCard", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: staffNodeId(id, context, "UserCard") }),
  authScopes: staffOnly,
  description: "A saved payout card: its mask only (the database refuses anything else). Staff only.",
  // tbank_card_id (the bank's token for the card) stays server-side.
  fields: (t) => ({
    user: t.relation("user"),
    maskedNumber: t.exposeString("maskedNumber", { description: "e.g. 220070******4417" }),
    lastFour: t.string({ resolve: (card) => card.maskedNumber.slice(-4) }),
    cardholderName: t.exposeString("cardholderName", { nullable: true }),
    isDefault: t.exposeBoolean("isDefault"),
    linkedToBank: t.boolean({
      description: "Whether T-Bank holds a token for this card (payouts can go to it).",
      resolve: (card) => card.tbankCardId !== null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const WithdrawalLog = builder.prismaNode("WithdrawalLog", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: staffNodeId(id, context, "WithdrawalLog") }),
  authScopes: staffOnly,
  description: "One status change of a withdrawal. Staff only.",
  fields: (t) => ({
    withdrawal: t.relation("withdrawal"),
    fromStatus: t.expose("fromStatus", { type: WithdrawalStatus, nullable: true }),
    toStatus: t.expose("toStatus", { type: WithdrawalStatus }),
    admin: t.relation("admin", { nullable: true, description: "Null for changes not made by an admin (the request itself)." }),
    note: t.exposeString("note", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// ---------------------------------------------------------------------------------------
// Staff-only fields on the user-side types
// ---------------------------------------------------------------------------------------

/** Defence in depth: `details` is masked when stored (and the database refuses a PAN). */
function maskedDetails(details: unknown): unknown {
  if (typeof details === "string") return maskPans(details);
  if (Array.isArray(details)) return details.map(maskedDetails);
  if (details && typeof details === "object") {
    return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, maskedDetails(v)]));
  }
  return details;
}

builder.prismaObjectFields(Withdrawal, (t) => ({
  user: t.relation("user", { authScopes: staffOnly }),
  details: t.field({
    type: "JSON",
    authScopes: staffOnly,
    description: "Where the money goes, as requested (card masked, SBP phone, TON address).",
    resolve: (withdrawal) => maskedDetails(withdrawal.details),
  }),
  recipientName: t.exposeString("recipientName", { nullable: true, authScopes: staffOnly }),
  userCard: t.relation("userCard", { nullable: true, authScopes: staffOnly }),
  externalPayoutId: t.exposeString("externalPayoutId", { nullable: true, authScopes: staffOnly }),
  processedBy: t.relation("processedBy", { nullable: true, authScopes: staffOnly }),
  logs: t.relatedConnection("logs", {
    cursor: "id",
    totalCount: true,
    authScopes: staffOnly,
    description: "Status changes, oldest first.",
    query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  }),
}));

builder.prismaObjectFields(ReferralEarning, (t) => ({
  referrer: t.relation("referrer", { authScopes: staffOnly }),
  referred: t.relation("referred", { authScopes: staffOnly }),
  payment: t.relation("payment", { authScopes: staffOnly }),
  nativeAmount: t.expose("nativeAmount", { type: "Decimal", nullable: true, authScopes: staffOnly }),
  rubAmount: t.expose("amount", { type: "Decimal", authScopes: staffOnly, description: "The commission's RUB value." }),
}));

builder.prismaObjectFields(BalanceTransaction, (t) => ({
  user: t.relation("user", { authScopes: staffOnly }),
  note: t.exposeString("note", { nullable: true, authScopes: staffOnly }),
  createdBy: t.relation("createdBy", { nullable: true, authScopes: staffOnly, description: "The admin who made an ADJUSTMENT or a release." }),
  withdrawal: t.relation("withdrawal", { nullable: true, authScopes: staffOnly }),
  earning: t.relation("earning", { nullable: true, authScopes: staffOnly }),
  payment: t.relation("payment", { nullable: true, authScopes: staffOnly }),
}));

builder.prismaObjectFields(ReferralCode, (t) => ({
  user: t.relation("user", { authScopes: staffOnly }),
}));

builder.prismaObjectFields(PartnerApplication, (t) => ({
  user: t.relation("user", { authScopes: staffOnly }),
  reviewedBy: t.relation("reviewedBy", { nullable: true, authScopes: staffOnly }),
  reviewNote: t.exposeString("reviewNote", { nullable: true, authScopes: staffOnly }),
}));

// ---------------------------------------------------------------------------------------
// Admin lists
// ---------------------------------------------------------------------------------------

const AdminWithdrawalsFilter = builder.inputType("AdminWithdrawalsFilter", {
  fields: (t) => ({
    status: t.field({ type: [WithdrawalStatus], description: "Any of these statuses." }),
    method: t.field({ type: WithdrawalMethod }),
    currency: t.field({ type: ReferralCurrency }),
    user: t.globalID({ for: User }),
    createdAt: t.field({ type: DateRangeInput }),
    search: t.string({ description: "Part of the recipient's name (case-insensitive)." }),
  }),
});

const AdminWithdrawalOrderField = builder.enumType("AdminWithdrawalOrderField", { values: ["CREATED_AT", "AMOUNT"] as const });
const AdminWithdrawalsOrder = builder.inputType("AdminWithdrawalsOrder", {
  description: "Sort order; ties are broken by id in the same direction.",
  fields: (t) => ({
    field: t.field({ type: AdminWithdrawalOrderField, required: true, defaultValue: "CREATED_AT" }),
    direction: t.field({ type: SortDirection, required: true, defaultValue: "DESC" }),
  }),
});

function withdrawalsWhere(filter: typeof AdminWithdrawalsFilter.$inferInput | null | undefined): Prisma.WithdrawalWhereInput {
  if (!filter) return {};
  return {
    status: filter.status?.length ? { in: filter.status } : undefined,
    method: filter.method ?? undefined,
    currency: filter.currency ?? undefined,
    userId: filterId(filter.user),
    createdAt: dateRangeFilter(filter.createdAt),
    recipientName: filter.search?.trim() ? { contains: filter.search.trim(), mode: "insensitive" } : undefined,
  };
}

const AdminBalanceTransactionsFilter = builder.inputType("AdminBalanceTransactionsFilter", {
  fields: (t) => ({
    user: t.globalID({ for: User }),
    kind: t.field({ type: [BalanceTransactionKind], description: "Any of these kinds." }),
    currency: t.field({ type: ReferralCurrency }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

const AdminReferralBalanceOrderField = builder.enumType("AdminReferralBalanceOrderField", {
  values: ["CREATED_AT", "BALANCE_RUB", "BALANCE_TON", "COMMISSION_RATE"] as const,
});
const AdminReferralBalancesOrder = builder.inputType("AdminReferralBalancesOrder", {
  description: "Sort order; ties are broken by id in the same direction.",
  fields: (t) => ({
    field: t.field({ type: AdminReferralBalanceOrderField, required: true, defaultValue: "CREATED_AT" }),
    direction: t.field({ type: SortDirection, required: true, defaultValue: "DESC" }),
  }),
});
const MinBalanceInput = builder.inputType("MinBalanceInput", {
  fields: (t) => ({
    currency: t.field({ type: ReferralCurrency, required: true }),
    amount: t.field({ type: "Decimal", required: true }),
  }),
});
const AdminReferralBalancesFilter = builder.inputType("AdminReferralBalancesFilter", {
  fields: (t) => ({
    isPartner: t.boolean(),
    minBalance: t.field({ type: MinBalanceInput, description: "Only balances of at least this amount in its currency." }),
    user: t.globalID({ for: User }),
  }),
});

const AdminReferralsFilter = builder.inputType("AdminReferralsFilter", {
  fields: (t) => ({
    referrer: t.globalID({ for: User }),
    referred: t.globalID({ for: User }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

const AdminEarningOrderField = builder.enumType("AdminReferralEarningOrderField", { values: ["CREATED_AT", "AMOUNT"] as const });
const AdminReferralEarningsOrder = builder.inputType("AdminReferralEarningsOrder", {
  description: "Sort order (AMOUNT: the RUB value); ties are broken by id in the same direction.",
  fields: (t) => ({
    field: t.field({ type: AdminEarningOrderField, required: true, defaultValue: "CREATED_AT" }),
    direction: t.field({ type: SortDirection, required: true, defaultValue: "DESC" }),
  }),
});
const AdminReferralEarningsFilter = builder.inputType("AdminReferralEarningsFilter", {
  fields: (t) => ({
    status: t.field({ type: [EarningStatus], description: "Any of these statuses." }),
    referrer: t.globalID({ for: User }),
    referred: t.globalID({ for: User }),
    payment: t.globalID({ for: Payment }),
    currency: t.field({ type: ReferralCurrency }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

const AdminReferralCodesFilter = builder.inputType("AdminReferralCodesFilter", {
  fields: (t) => ({
    user: t.globalID({ for: User }),
    search: t.string({ description: "Part of the code (case-insensitive)." }),
    isActive: t.boolean(),
  }),
});

const AdminUserCardsFilter = builder.inputType("AdminUserCardsFilter", {
  fields: (t) => ({ user: t.globalID({ for: User }) }),
});

const AdminPartnerApplicationsFilter = builder.inputType("AdminPartnerApplicationsFilter", {
  fields: (t) => ({
    status: t.field({ type: [PartnerApplicationStatus], description: "Any of these statuses." }),
    user: t.globalID({ for: User }),
    createdAt: t.field({ type: DateRangeInput }),
    search: t.string({ description: "Part of the contact name, email or Telegram username (case-insensitive)." }),
  }),
});

interface LedgerMismatchRow {
  user_id: number;
  currency: string;
  stored: string;
  ledger: string;
}

const LedgerMismatch = builder.objectRef<LedgerMismatchRow>("LedgerMismatch").implement({
  description: "A stored balance that differs from the sum of its ledger rows (there should be none).",
  fields: (t) => ({
    userId: t.id({ resolve: (row) => encodeGlobalID("User", row.user_id) }),
    user: t.prismaField({
      type: User,
      nullable: true,
      // Prisma batches these findUnique calls into one statement.
      resolve: (query, row, _args, { prisma }) => prisma.user.findUnique({ ...query, where: { id: row.user_id } }),
    }),
    currency: t.field({ type: ReferralCurrency, resolve: (row) => row.currency as LedgerCurrency }),
    stored: t.field({ type: "Decimal", resolve: (row) => row.stored }),
    ledger: t.field({ type: "Decimal", resolve: (row) => row.ledger }),
  }),
});

const insensitive = (value: string | null | undefined) =>
  value?.trim() ? { contains: value.trim(), mode: "insensitive" as const } : undefined;

builder.objectFields(AdminQueries, (t) => ({
  withdrawals: t.prismaConnection({
    type: Withdrawal,
    cursor: "id",
    authScopes: staffOnly,
    description: "Every withdrawal; newest first unless `orderBy` says otherwise.",
    args: {
      filter: t.arg({ type: AdminWithdrawalsFilter }),
      orderBy: t.arg({ type: AdminWithdrawalsOrder }),
    },
    totalCount: (_root, args, { prisma }) => prisma.withdrawal.count({ where: withdrawalsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) => {
      const dir = direction(args.orderBy?.direction);
      const column = args.orderBy?.field === "AMOUNT" ? "amount" : "createdAt";
      return prisma.withdrawal.findMany({ ...query, where: withdrawalsWhere(args.filter), orderBy: [{ [column]: dir }, { id: dir }] });
    },
  }),

  withdrawalLogs: t.prismaConnection({
    type: WithdrawalLog,
    cursor: "id",
    authScopes: staffOnly,
    description: "A withdrawal's status changes, oldest first.",
    args: { withdrawal: t.arg.globalID({ for: Withdrawal, required: true }) },
    totalCount: (_root, args, { prisma }) => prisma.withdrawalLog.count({ where: { withdrawalId: filterId(args.withdrawal) } }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.withdrawalLog.findMany({
        ...query,
        where: { withdrawalId: filterId(args.withdrawal) },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
  }),

  balanceTransactions: t.prismaConnection({
    type: BalanceTransaction,
    cursor: "id",
    authScopes: staffOnly,
    description: "The ledger: every balance change of every user.",
    args: { filter: t.arg({ type: AdminBalanceTransactionsFilter }), orderBy: t.arg({ type: SortDirection, description: "By time (default newest first)." }) },
    totalCount: (_root, args, { prisma }) => prisma.balanceTransaction.count({ where: balanceTransactionsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.balanceTransaction.findMany({ ...query, where: balanceTransactionsWhere(args.filter), orderBy: byCreatedAt(args.orderBy) }),
  }),

  referralBalances: t.prismaConnection({
    type: ReferralBalance,
    cursor: "id",
    authScopes: staffOnly,
    args: { filter: t.arg({ type: AdminReferralBalancesFilter }), orderBy: t.arg({ type: AdminReferralBalancesOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.referralBalance.count({ where: referralBalancesWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) => {
      const dir = direction(args.orderBy?.direction);
      const column = ({ CREATED_AT: "createdAt", BALANCE_RUB: "balanceRub", BALANCE_TON: "balanceTon", COMMISSION_RATE: "commissionRate" } as const)[
        args.orderBy?.field ?? "CREATED_AT"
      ];
      return prisma.referralBalance.findMany({ ...query, where: referralBalancesWhere(args.filter), orderBy: [{ [column]: dir }, { id: dir }] });
    },
  }),

  referrals: t.prismaConnection({
    type: Referral,
    cursor: "id",
    authScopes: staffOnly,
    args: { filter: t.arg({ type: AdminReferralsFilter }), orderBy: t.arg({ type: SortDirection, description: "By time (default newest first)." }) },
    totalCount: (_root, args, { prisma }) => prisma.referral.count({ where: referralsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.referral.findMany({ ...query, where: referralsWhere(args.filter), orderBy: byCreatedAt(args.orderBy) }),
  }),

  referralEarnings: t.prismaConnection({
    type: ReferralEarning,
    cursor: "id",
    authScopes: staffOnly,
    args: { filter: t.arg({ type: AdminReferralEarningsFilter }), orderBy: t.arg({ type: AdminReferralEarningsOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.referralEarning.count({ where: referralEarningsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) => {
      const dir = direction(args.orderBy?.direction);
      const column = args.orderBy?.field === "AMOUNT" ? "amount" : "createdAt";
      return prisma.referralEarning.findMany({ ...query, where: referralEarningsWhere(args.filter), orderBy: [{ [column]: dir }, { id: dir }] });
    },
  }),

  referralCodes: t.prismaConnection({
    type: ReferralCode,
    cursor: "id",
    authScopes: staffOnly,
    args: { filter: t.arg({ type: AdminReferralCodesFilter }), orderBy: t.arg({ type: SortDirection, description: "By time (default newest first)." }) },
    totalCount: (_root, args, { prisma }) => prisma.referralCode.count({ where: referralCodesWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.referralCode.findMany({ ...query, where: referralCodesWhere(args.filter), orderBy: byCreatedAt(args.orderBy) }),
  }),

  userCards: t.prismaConnection({
    type: UserCard,
    cursor: "id",
    authScopes: staffOnly,
    description: "Saved payout cards (masked).",
    args: { filter: t.arg({ type: AdminUserCardsFilter }), orderBy: t.arg({ type: SortDirection, description: "By time (default newest first)." }) },
    totalCount: (_root, args, { prisma }) => prisma.userCard.count({ where: { userId: filterId(args.filter?.user) } }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.userCard.findMany({ ...query, where: { userId: filterId(args.filter?.user) }, orderBy: byCreatedAt(args.orderBy) }),
  }),

  partnerApplications: t.prismaConnection({
    type: PartnerApplication,
    cursor: "id",
    authScopes: staffOnly,
    args: {
      filter: t.arg({ type: AdminPartnerApplicationsFilter }),
      orderBy: t.arg({ type: SortDirection, description: "By time (default newest first; ASC for a review queue)." }),
    },
    totalCount: (_root, args, { prisma }) => prisma.partnerApplication.count({ where: partnerApplicationsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.partnerApplication.findMany({ ...query, where: partnerApplicationsWhere(args.filter), orderBy: byCreatedAt(args.orderBy) }),
  }),

  ledgerMismatches: t.field({
    type: [LedgerMismatch],
    authScopes: staffOnly,
    description: "Balances that differ from their ledger's sums. Empty when the books are right.",
    resolve: (_root, _args, { prisma }) => findLedgerMismatches(prisma),
  }),
}));

function balanceTransactionsWhere(filter: typeof AdminBalanceTransactionsFilter.$inferInput | null | undefined): Prisma.BalanceTransactionWhereInput {
  if (!filter) return {};
  return {
    userId: filterId(filter.user),
    kind: filter.kind?.length ? { in: filter.kind } : undefined,
    currency: filter.currency ?? undefined,
    createdAt: dateRangeFilter(filter.createdAt),
  };
}

function referralBalancesWhere(filter: typeof AdminReferralBalancesFilter.$inferInput | null | undefined): Prisma.ReferralBalanceWhereInput {
  if (!filter) return {};
  const min = filter.minBalance;
  return {
    isPartner: filter.isPartner ?? undefined,
    userId: filterId(filter.user),
    ...(min ? { [min.currency === "TON" ? "balanceTon" : "balanceRub"]: { gte: min.amount } } : {}),
  };
}

function referralsWhere(filter: typeof AdminReferralsFilter.$inferInput | null | undefined): Prisma.ReferralWhereInput {
  if (!filter) return {};
  return {
    referrerId: filterId(filter.referrer),
    referredId: filterId(filter.referred),
    createdAt: dateRangeFilter(filter.createdAt),
  };
}

function referralEarningsWhere(filter: typeof AdminReferralEarningsFilter.$inferInput | null | undefined): Prisma.ReferralEarningWhereInput {
  if (!filter) return {};
  return {
    status: filter.status?.length ? { in: filter.status } : undefined,
    referrerId: filterId(filter.referrer),
    referredId: filterId(filter.referred),
    paymentId: filterId(filter.payment),
    currency: filter.currency ?? undefined,
    createdAt: dateRangeFilter(filter.createdAt),
  };
}

function referralCodesWhere(filter: typeof AdminReferralCodesFilter.$inferInput | null | undefined): Prisma.ReferralCodeWhereInput {
  if (!filter) return {};
  return { userId: filterId(filter.user), code: insensitive(filter.search), isActive: filter.isActive ?? undefined };
}

function partnerApplicationsWhere(
  filter: typeof AdminPartnerApplicationsFilter.$inferInput | null | undefined,
): Prisma.PartnerApplicationWhereInput {
  if (!filter) return {};
  const search = insensitive(filter.search);
  return {
    status: filter.status?.length ? { in: filter.status } : undefined,
    userId: filterId(filter.user),
    createdAt: dateRangeFilter(filter.createdAt),
    OR: search ? [{ contactName: search }, { contactEmail: search }, { telegramUsername: search }] : undefined,
  };
}

// ---------------------------------------------------------------------------------------
// Admin mutations (ADMIN only, audited)
// ---------------------------------------------------------------------------------------

const note = z.string().trim().min(3, "at least 3 characters").max(500, "at most 500 characters");
const anyId = z.unknown();

const ApproveWithdrawalInput = builder.inputType("ApproveWithdrawalInput", {
  fields: (t) => ({
    withdrawalId: t.globalID({ for: Withdrawal, required: true }),
    note: t.string({ description: "Optional note for the withdrawal's log." }),
  }),
  validate: z.object({ withdrawalId: anyId, note: z.string().trim().max(500, "at most 500 characters").nullish() }),
});

const RejectWithdrawalInput = builder.inputType("RejectWithdrawalInput", {
  fields: (t) => ({
    withdrawalId: t.globalID({ for: Withdrawal, required: true }),
    reason: t.string({ required: true, description: "Shown to the user." }),
  }),
  validate: z.object({ withdrawalId: anyId, reason: note }),
});

const MarkWithdrawalPaidInput = builder.inputType("MarkWithdrawalPaidInput", {
  fields: (t) => ({
    withdrawalId: t.globalID({ for: Withdrawal, required: true }),
    externalPayoutId: t.string({ description: "The provider's payout id (T-Bank payout, TON transaction hash)." }),
  }),
  validate: z.object({
    withdrawalId: anyId,
    externalPayoutId: z.string().trim().min(1, "must not be empty").max(255, "at most 255 characters").nullish(),
  }),
});

const decimalText = /^-?\d{1,18}(\.\d{1,10})?$/;

const AdjustReferralBalanceInput = builder.inputType("AdjustReferralBalanceInput", {
  fields: (t) => ({
    userId: t.globalID({ for: User, required: true }),
    currency: t.field({ type: ReferralCurrency, required: true }),
    amount: t.field({ type: "Decimal", required: true, description: "Signed: positive credits, negative debits. Never below zero." }),
    note: t.string({ required: true }),
    idempotencyKey: t.string({ required: true, description: "Retrying with the same key answers the first adjustment." }),
  }),
  validate: z
    .object({
      userId: anyId,
      currency: z.enum(["RUB", "TON"]),
      amount: z.string().regex(decimalText, "must be a decimal number").refine((v) => !/^-?0*(\.0*)?$/.test(v), "must not be zero"),
      note,
      idempotencyKey: z.string().trim().min(1, "must not be empty").max(100, "at most 100 characters"),
    })
    .superRefine((input, ctx) => {
      const places = input.amount.split(".")[1]?.replace(/0+$/, "").length ?? 0;
      const max = input.currency === "RUB" ? 2 : 9;
      if (places > max) ctx.addIssue({ code: "custom", path: ["amount"], message: `at most ${max} decimal places in ${input.currency}` });
    }),
});

const ApprovePartnerApplicationInput = builder.inputType("ApprovePartnerApplicationInput", {
  fields: (t) => ({
    applicationId: t.globalID({ for: PartnerApplication, required: true }),
    commissionRate: t.field({ type: "Decimal", required: true, description: "0.10–0.50; applies to payments from now on." }),
    note: t.string(),
  }),
  validate: z.object({
    applicationId: anyId,
    commissionRate: z
      .string()
      .refine(
        (v) => /^0?\.\d{1,4}$/.test(v) && Number(v) >= 0.1 && Number(v) <= 0.5,
        "must be a share between 0.10 and 0.50, at most 4 decimal places",
      ),
    note: z.string().trim().max(500, "at most 500 characters").nullish(),
  }),
});

const RejectPartnerApplicationInput = builder.inputType("RejectPartnerApplicationInput", {
  fields: (t) => ({
    applicationId: t.globalID({ for: PartnerApplication, required: true }),
    note: t.string({ required: true, description: "Why; kept for staff." }),
  }),
  validate: z.object({ applicationId: anyId, note }),
});

/** A unique violation (a concurrent request won the race) as the conflict it is. */
function conflictOnUnique(message: string) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === "P2002") throw new ConflictError(message);
    throw error;
  };
}

builder.mutationFields((t) => ({
  approveWithdrawal: t.prismaField({
    type: Withdrawal,
    authScopes: { admin: true },
    description: "PENDING → APPROVED. ADMIN only; audited.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: ApproveWithdrawalInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const withdrawalId = parseDatabaseId(input.withdrawalId.id, "Withdrawal");
      await audited(context, "withdrawal.approve", { type: "Withdrawal", id: withdrawalId }, async (tx) => {
        const { before, after } = await approveWithdrawal(tx, { withdrawalId, adminId: context.admin!.id, note: input.note?.trim() || null });
        return { result: null, before: withdrawalAuditSnapshot(before), after: withdrawalAuditSnapshot(after) };
      });
      return context.prisma.withdrawal.findUniqueOrThrow({ ...query, where: { id: withdrawalId } });
    },
  }),

  rejectWithdrawal: t.prismaField({
    type: Withdrawal,
    authScopes: { admin: true },
    description: "PENDING or APPROVED → REJECTED; the reserved amount returns to the balance. ADMIN only; audited.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: RejectWithdrawalInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const withdrawalId = parseDatabaseId(input.withdrawalId.id, "Withdrawal");
      await audited(context, "withdrawal.reject", { type: "Withdrawal", id: withdrawalId }, async (tx) => {
        const { before, after } = await rejectWithdrawal(tx, { withdrawalId, adminId: context.admin!.id, reason: input.reason });
        return { result: null, before: withdrawalAuditSnapshot(before), after: withdrawalAuditSnapshot(after) };
      }).catch(conflictOnUnique("The withdrawal was already released"));
      return context.prisma.withdrawal.findUniqueOrThrow({ ...query, where: { id: withdrawalId } });
    },
  }),

  markWithdrawalPaid: t.prismaField({
    type: Withdrawal,
    authScopes: { admin: true },
    description: "APPROVED or PROCESSING → PAID; the withdrawn total grows. ADMIN only; audited.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: MarkWithdrawalPaidInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const withdrawalId = parseDatabaseId(input.withdrawalId.id, "Withdrawal");
      await audited(context, "withdrawal.mark_paid", { type: "Withdrawal", id: withdrawalId }, async (tx) => {
        const { before, after } = await markWithdrawalPaid(tx, {
          withdrawalId,
          adminId: context.admin!.id,
          externalPayoutId: input.externalPayoutId,
        });
        return { result: null, before: withdrawalAuditSnapshot(before), after: withdrawalAuditSnapshot(after) };
      }).catch(conflictOnUnique("This payout id is already recorded on another withdrawal"));
      return context.prisma.withdrawal.findUniqueOrThrow({ ...query, where: { id: withdrawalId } });
    },
  }),

  adjustReferralBalance: t.prismaField({
    type: BalanceTransaction,
    authScopes: { admin: true },
    description: "Credits or debits a user's referral balance through the ledger (an ADJUSTMENT entry). Never overdraws. ADMIN only; audited.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: AdjustReferralBalanceInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const userId = parseDatabaseId(input.userId.id, "User");
      const request = { userId, currency: input.currency, amount: input.amount, idempotencyKey: input.idempotencyKey };
      const load = (id: number) => context.prisma.balanceTransaction.findUniqueOrThrow({ ...query, where: { id } });
      // A retry answers the first adjustment (and writes no second audit row).
      const existing = await findAdjustment(context.prisma, request);
      if (existing) return load(existing.id);
      let transactionId: number;
      try {
        transactionId = await audited(context, "ledger.adjust", { type: "BalanceTransaction" }, async (tx) => {
          const { transaction, before, after } = await adjustReferralBalance(tx, {
            ...request,
            note: input.note,
            adminId: context.admin!.id,
          });
          return { result: transaction.id, targetId: transaction.id, before: { userId, ...before }, after: { userId, ...after } };
        });
      } catch (error) {
        // The same key sent twice at once: the loser answers the winner's entry.
        if ((error as { code?: string }).code !== "P2002") throw error;
        const winner = await findAdjustment(context.prisma, request);
        if (!winner) throw error;
        transactionId = winner.id;
      }
      return load(transactionId);
    },
  }),

  approvePartnerApplication: t.prismaField({
    type: PartnerApplication,
    authScopes: { admin: true },
    description: "Makes the applicant a partner with `commissionRate` (for payments from now on). ADMIN only; audited.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: ApprovePartnerApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const applicationId = parseDatabaseId(input.applicationId.id, "PartnerApplication");
      await audited(context, "partner.approve", { type: "PartnerApplication", id: applicationId }, async (tx) => {
        const { before, after } = await approvePartnerApplication(tx, {
          applicationId,
          adminId: context.admin!.id,
          commissionRate: input.commissionRate,
          note: input.note,
        });
        return { result: null, before, after };
      });
      return context.prisma.partnerApplication.findUniqueOrThrow({ ...query, where: { id: applicationId } });
    },
  }),

  rejectPartnerApplication: t.prismaField({
    type: PartnerApplication,
    authScopes: { admin: true },
    description: "Rejects a pending application with a note (the user may apply again). ADMIN only; audited.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: RejectPartnerApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const applicationId = parseDatabaseId(input.applicationId.id, "PartnerApplication");
      await audited(context, "partner.reject", { type: "PartnerApplication", id: applicationId }, async (tx) => {
        const { before, after } = await rejectPartnerApplication(tx, { applicationId, adminId: context.admin!.id, note: input.note });
        return { result: null, before, after };
      });
      return context.prisma.partnerApplication.findUniqueOrThrow({ ...query, where: { id: applicationId } });
    },
  }),
}));
