// The referral balance ledger: the viewer's entries (append-only); the staff-only balance node
// and entry fields, the ledger, balances and ledger-mismatch lists, and admin adjustments
// (ADMIN only, audited; every balance move goes through the ledger, domain/ledger.ts).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import { adjustReferralBalance, findAdjustment } from "../domain/balance-adjustments.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import { findLedgerMismatches } from "../domain/ledger.ts";
import type { LedgerCurrency } from "../domain/withdrawals.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { BalanceTransactionKind as BalanceTransactionKindValues } from "../generated/prisma/enums.ts";
import { canRead, ownedByViewer, parseDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { dateRangeFilter, DateRangeInput, filterId } from "./filters.ts";
import { anyId, note } from "./inputs.ts";
import { byCreatedAt, direction, SortDirection } from "./ordering.ts";
import { Currency } from "./payments.ts";
import { ReferralCurrency } from "./referrals.ts";
import { User } from "./user.ts";

export const BalanceTransactionKind = builder.enumType(BalanceTransactionKindValues, { name: "BalanceTransactionKind" });

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

// ---------------------------------------------------------------------------------------
// Staff-only nodes
// ---------------------------------------------------------------------------------------

export const ReferralBalance = builder.prismaNode("ReferralBalance", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "ReferralBalance"),
  authScopes: { staff: true },
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

// ---------------------------------------------------------------------------------------
// Staff-only fields on the user-side types
// ---------------------------------------------------------------------------------------

builder.prismaObjectFields(BalanceTransaction, (t) => ({
  user: t.relation("user", { authScopes: { staff: true } }),
  note: t.exposeString("note", { nullable: true, authScopes: { staff: true } }),
  createdBy: t.relation("createdBy", {
    nullable: true,
    authScopes: { staff: true },
    description: "The admin who made an ADJUSTMENT or a release.",
  }),
  withdrawal: t.relation("withdrawal", { nullable: true, authScopes: { staff: true } }),
  earning: t.relation("earning", { nullable: true, authScopes: { staff: true } }),
  payment: t.relation("payment", { nullable: true, authScopes: { staff: true } }),
}));

// ---------------------------------------------------------------------------------------
// Admin lists
// ---------------------------------------------------------------------------------------

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

builder.objectFields(AdminQueries, (t) => ({
  balanceTransactions: t.prismaConnection({
    type: BalanceTransaction,
    cursor: "id",
    authScopes: { staff: true },
    description: "The ledger: every balance change of every user.",
    args: {
      filter: t.arg({ type: AdminBalanceTransactionsFilter }),
      orderBy: t.arg({ type: SortDirection, description: "By time (default newest first)." }),
    },
    totalCount: (_root, args, { prisma }) => prisma.balanceTransaction.count({ where: balanceTransactionsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.balanceTransaction.findMany({ ...query, where: balanceTransactionsWhere(args.filter), orderBy: byCreatedAt(args.orderBy) }),
  }),

  referralBalances: t.prismaConnection({
    type: ReferralBalance,
    cursor: "id",
    authScopes: { staff: true },
    args: { filter: t.arg({ type: AdminReferralBalancesFilter }), orderBy: t.arg({ type: AdminReferralBalancesOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.referralBalance.count({ where: referralBalancesWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) => {
      const dir = direction(args.orderBy?.direction);
      const column = (
        { CREATED_AT: "createdAt", BALANCE_RUB: "balanceRub", BALANCE_TON: "balanceTon", COMMISSION_RATE: "commissionRate" } as const
      )[args.orderBy?.field ?? "CREATED_AT"];
      return prisma.referralBalance.findMany({
        ...query,
        where: referralBalancesWhere(args.filter),
        orderBy: [{ [column]: dir }, { id: dir }],
      });
    },
  }),

  ledgerMismatches: t.field({
    type: [LedgerMismatch],
    authScopes: { staff: true },
    description: "Balances that differ from their ledger's sums. Empty when the books are right.",
    resolve: (_root, _args, { prisma }) => findLedgerMismatches(prisma),
  }),
}));

function balanceTransactionsWhere(
  filter: typeof AdminBalanceTransactionsFilter.$inferInput | null | undefined,
): Prisma.BalanceTransactionWhereInput {
  if (!filter) return {};
  return {
    userId: filterId(filter.user),
    kind: filter.kind?.length ? { in: filter.kind } : undefined,
    currency: filter.currency ?? undefined,
    createdAt: dateRangeFilter(filter.createdAt),
  };
}

function referralBalancesWhere(
  filter: typeof AdminReferralBalancesFilter.$inferInput | null | undefined,
): Prisma.ReferralBalanceWhereInput {
  if (!filter) return {};
  const min = filter.minBalance;
  return {
    isPartner: filter.isPartner ?? undefined,
    userId: filterId(filter.user),
    ...(min ? { [min.currency === "TON" ? "balanceTon" : "balanceRub"]: { gte: min.amount } } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// Admin mutations (ADMIN only, audited)
// ---------------------------------------------------------------------------------------

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
      amount: z
        .string()
        .regex(decimalText, "must be a decimal number")
        .refine((v) => !/^-?0*(\.0*)?$/.test(v), "must not be zero"),
      note,
      idempotencyKey: z.string().trim().min(1, "must not be empty").max(100, "at most 100 characters"),
    })
    .superRefine((input, ctx) => {
      const places = input.amount.split(".")[1]?.replace(/0+$/, "").length ?? 0;
      const max = input.currency === "RUB" ? 2 : 9;
      if (places > max) ctx.addIssue({ code: "custom", path: ["amount"], message: `at most ${max} decimal places in ${input.currency}` });
    }),
});

builder.mutationFields((t) => ({
  adjustReferralBalance: t.prismaField({
    type: BalanceTransaction,
    authScopes: { admin: true },
    description:
      "Credits or debits a user's referral balance through the ledger (an ADJUSTMENT entry). Never overdraws. ADMIN only; audited.",
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
}));
