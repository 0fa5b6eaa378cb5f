// Withdrawals of the referral balance: the user requests one (reserved in the ledger at once,
// so concurrent requests never overdraw) and cancels it while still PENDING; staff see the
// status log and every withdrawal; ADMIN approves, rejects or marks it paid (audited).
// Rules: domain/withdrawals.ts.
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import { maskedDestination } from "../domain/referrals.ts";
import {
  approveWithdrawal,
  cancelUserWithdrawal,
  markWithdrawalPaid,
  maskPans,
  rejectWithdrawal,
  requestUserWithdrawal,
  withdrawalAuditSnapshot,
} from "../domain/withdrawals.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { WithdrawalMethod as WithdrawalMethodValues, WithdrawalStatus as WithdrawalStatusValues } from "../generated/prisma/enums.ts";
import { canRead, ownedByViewer, parseDatabaseId, staffOnlyLookup, viewerId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { dateRangeFilter, DateRangeInput, filterId } from "./filters.ts";
import { anyId, note } from "./inputs.ts";
import { direction, SortDirection } from "./ordering.ts";
import { Currency } from "./payments.ts";
import { ReferralCurrency } from "./referrals.ts";
import { User } from "./user.ts";

export const WithdrawalMethod = builder.enumType(WithdrawalMethodValues, { name: "WithdrawalMethod" });
export const WithdrawalStatus = builder.enumType(WithdrawalStatusValues, { name: "WithdrawalStatus" });

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

const RequestWithdrawalInput = builder.inputType("RequestWithdrawalInput", {
  fields: (t) => ({
    amount: t.field({ type: "Decimal", required: true, description: "In `currency`; at least the minimum (100 RUB by default)." }),
    currency: t.field({ type: Currency, required: true, description: "RUB (by CARD or SBP; 13% NDFL withheld) or TON (to a TON wallet)." }),
    method: t.field({ type: WithdrawalMethod, required: true }),
    details: t.field({
      type: "JSON",
      required: true,
      description: "Where to pay: { cardNumber } for CARD (stored masked), { phone, bank } for SBP, { address } for TON.",
    }),
    recipientName: t.string(),
  }),
});

builder.mutationField("requestWithdrawal", (t) =>
  t.prismaField({
    type: Withdrawal,
    authScopes: { user: true },
    description:
      "Asks for a payout of your referral balance; the amount leaves the available balance at once (reserved) until an admin " +
      "pays or rejects it. Errors: ValidationError (amount under the minimum, missing destination…), ConflictError (the balance does not cover it).",
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: RequestWithdrawalInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const created = await context.prisma.$transaction((tx) =>
        requestUserWithdrawal(tx, {
          userId: viewerId(context),
          amount: input.amount,
          currency: input.currency as "RUB" | "TON",
          method: input.method,
          details: input.details as Record<string, unknown>,
          recipientName: input.recipientName,
        }),
      );
      return context.prisma.withdrawal.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
);

const CancelWithdrawalInput = builder.inputType("CancelWithdrawalInput", {
  fields: (t) => ({ withdrawalId: t.globalID({ required: true, for: Withdrawal }) }),
});

builder.mutationField("cancelWithdrawal", (t) =>
  t.prismaField({
    type: Withdrawal,
    authScopes: { user: true },
    description:
      "Takes back your PENDING withdrawal request; the reserved amount returns to the balance. ConflictError once an admin has acted on it.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: CancelWithdrawalInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const withdrawalId = parseDatabaseId(input.withdrawalId.id, "Withdrawal");
      await context.prisma.$transaction((tx) => cancelUserWithdrawal(tx, { withdrawalId, userId: viewerId(context) }));
      return context.prisma.withdrawal.findUniqueOrThrow({ ...query, where: { id: withdrawalId } });
    },
  }),
);

// ---------------------------------------------------------------------------------------
// Staff-only nodes
// ---------------------------------------------------------------------------------------

export const WithdrawalLog = builder.prismaNode("WithdrawalLog", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "WithdrawalLog"),
  authScopes: { staff: true },
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
  user: t.relation("user", { authScopes: { staff: true } }),
  details: t.field({
    type: "JSON",
    authScopes: { staff: true },
    description: "Where the money goes, as requested (card masked, SBP phone, TON address).",
    resolve: (withdrawal) => maskedDetails(withdrawal.details),
  }),
  recipientName: t.exposeString("recipientName", { nullable: true, authScopes: { staff: true } }),
  userCard: t.relation("userCard", { nullable: true, authScopes: { staff: true } }),
  externalPayoutId: t.exposeString("externalPayoutId", { nullable: true, authScopes: { staff: true } }),
  processedBy: t.relation("processedBy", { nullable: true, authScopes: { staff: true } }),
  logs: t.relatedConnection("logs", {
    cursor: "id",
    totalCount: true,
    authScopes: { staff: true },
    description: "Status changes, oldest first.",
    query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  }),
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

builder.objectFields(AdminQueries, (t) => ({
  withdrawals: t.prismaConnection({
    type: Withdrawal,
    cursor: "id",
    authScopes: { staff: true },
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
    authScopes: { staff: true },
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
}));

// ---------------------------------------------------------------------------------------
// Admin mutations (ADMIN only, audited)
// ---------------------------------------------------------------------------------------

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
        const { before, after } = await approveWithdrawal(tx, {
          withdrawalId,
          adminId: context.admin!.id,
          note: input.note?.trim() || null,
        });
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
}));
