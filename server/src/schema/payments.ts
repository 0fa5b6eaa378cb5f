// Payments: a user's own payments as receipts (provider ids, idempotency keys, TON sender
// addresses and webhook data stay server-side; a short `reference` is what support needs);
// what only staff see of a payment, every payment listed, the exchange rates payments lock,
// and refunds (ADMIN).
import { z } from "zod";
import { builder } from "../builder.ts";
import { requestRefund } from "../domain/admin-billing.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import {
  historyOrder,
  paymentHistoryFilter,
  queueProviderRefund,
  receiptReference,
  spendablePayment,
  spendingOrder,
} from "../domain/payments.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import {
  Currency as CurrencyValues,
  PaymentProvider as PaymentProviderValues,
  PaymentStatus as PaymentStatusValues,
  RefundStatus as RefundStatusValues,
} from "../generated/prisma/enums.ts";
import { canRead, filterDatabaseId, ownedByViewer, parseDatabaseId, requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { dateRangeFilter, DateRangeInput, searchText } from "./filters.ts";
import { money } from "./inputs.ts";
import { direction, newestBy, newestFirst, SortDirection } from "./ordering.ts";

export const PaymentProvider = builder.enumType(PaymentProviderValues, { name: "PaymentProvider" });
export const PaymentStatus = builder.enumType(PaymentStatusValues, { name: "PaymentStatus" });
export const RefundStatus = builder.enumType(RefundStatusValues, { name: "RefundStatus" });
export const Currency = builder.enumType(CurrencyValues, {
  name: "Currency",
  description: "RUB, TON, or XTR (Telegram Stars).",
});

export const Payment = builder.prismaNode("Payment", {
  id: { field: "id" },
  nullable: true,
  // node(id) finds only the signed-in user's own payments.
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "Payment"), ...ownedByViewer(context) }),
  authScopes: (payment, context) => canRead(context, payment.userId),
  fields: (t) => ({
    provider: t.expose("provider", { type: PaymentProvider }),
    status: t.expose("status", { type: PaymentStatus }),
    amount: t.expose("amount", { type: "Decimal", description: "What was charged, in `currency` (always RUB)." }),
    currency: t.expose("currency", { type: Currency }),
    originalAmount: t.expose("originalAmount", {
      type: "Decimal",
      nullable: true,
      description: "What the user paid in `originalCurrency` when that was not RUB (TON, Stars).",
    }),
    originalCurrency: t.expose("originalCurrency", { type: Currency, nullable: true }),
    exchangeRate: t.expose("exchangeRate", { type: "Decimal", nullable: true, description: "The rate locked at checkout." }),
    starsAmount: t.exposeInt("starsAmount", { nullable: true, description: "Telegram Stars paid (STARS payments)." }),
    tonAmount: t.expose("tonAmount", { type: "Decimal", nullable: true, description: "TON paid (TON payments)." }),
    reference: t.string({
      nullable: true,
      description: "The last characters of the provider's payment id, to quote to support.",
      resolve: receiptReference,
    }),
    tier: t.relation("pricingTier", { nullable: true }),
    photoCount: t.exposeInt("photoCount", { description: "Portraits this payment buys (the tier's count at purchase time)." }),
    refundAmount: t.expose("refundAmount", { type: "Decimal", description: "RUB refunded so far; 0 when none." }),
    refundStatus: t.expose("refundStatus", { type: RefundStatus, nullable: true }),
    refundedAt: t.expose("refundedAt", { type: "DateTime", nullable: true }),
    consumed: t.exposeBoolean("generationConsumed", { description: "Whether this payment has funded a generation." }),
    consumedAt: t.expose("consumedAt", { type: "DateTime", nullable: true }),
    isTestMode: t.exposeBoolean("isTestMode"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// The User type restricts every field to the user themself (user.ts).
builder.prismaObjectFields("User", (t) => ({
  payments: t.relatedConnection("payments", {
    cursor: "id",
    totalCount: true,
    description: "This user's payments, newest first.",
    args: { status: t.arg({ type: PaymentStatus, description: "Only payments in this status." }) },
    query: ({ status }) => ({ where: paymentHistoryFilter(status), orderBy: historyOrder }),
  }),
  availablePayment: t.field({
    type: Payment,
    nullable: true,
    description: "The succeeded, unspent payment the next generation will use (the oldest), or null.",
    // Loaded with the user, in the same query: no statement of its own.
    select: (_args, _context, nestedSelection) => ({
      payments: nestedSelection({ where: spendablePayment, orderBy: spendingOrder, take: 1 }),
    }),
    resolve: (user) => user.payments[0] ?? null,
  }),
}));

// ─── Types ───────────────────────────────────────────────────────────────────────

export const ExchangeRate = builder.prismaNode("ExchangeRate", {
  id: { field: "id" },
  nullable: true,
  description: "A fetched rate: units of `quoteCurrency` per one `baseCurrency`. Staff only.",
  findUnique: (id, context) => staffOnlyLookup(id, context, "ExchangeRate"),
  authScopes: { staff: true },
  fields: (t) => ({
    baseCurrency: t.expose("baseCurrency", { type: Currency }),
    quoteCurrency: t.expose("quoteCurrency", { type: Currency }),
    rate: t.expose("rate", { type: "Decimal" }),
    source: t.exposeString("source"),
    fetchedAt: t.expose("fetchedAt", { type: "DateTime" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// What only staff see of a payment (the owner's receipt fields are above).
builder.prismaObjectFields("Payment", (t) => ({
  user: t.relation("user", { authScopes: { staff: true } }),
  idempotencyKey: t.exposeString("idempotencyKey", { authScopes: { staff: true } }),
  tbankPaymentId: t.exposeString("tbankPaymentId", { nullable: true, authScopes: { staff: true } }),
  telegramChargeId: t.exposeString("telegramChargeId", { nullable: true, authScopes: { staff: true } }),
  tonTxHash: t.string({
    nullable: true,
    authScopes: { staff: true },
    select: { tonTxHash: true },
    resolve: (p) => p.tonTxHash?.trim() ?? null,
  }),
  tonSenderAddress: t.exposeString("tonSenderAddress", { nullable: true, authScopes: { staff: true } }),
  tonConfirmations: t.exposeInt("tonConfirmations", { nullable: true, authScopes: { staff: true } }),
  rateLockedAt: t.expose("rateLockedAt", { type: "DateTime", nullable: true, authScopes: { staff: true } }),
  rateExpiresAt: t.expose("rateExpiresAt", { type: "DateTime", nullable: true, authScopes: { staff: true } }),
  refundReason: t.exposeString("refundReason", { nullable: true, authScopes: { staff: true } }),
  consumedAvatar: t.relation("consumedAvatar", { nullable: true, authScopes: { staff: true } }),
  promoCodeUsage: t.relation("promoCodeUsage", { nullable: true, authScopes: { staff: true } }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: { staff: true } }),
  webhookEvents: t.relatedConnection("webhookEvents", {
    cursor: "id",
    totalCount: true,
    authScopes: { staff: true },
    description: "The provider notifications about this payment, newest first. Staff only.",
    query: { orderBy: newestFirst },
  }),
}));

// ─── Admin lists ─────────────────────────────────────────────────────────────────

const PaymentFilter = builder.inputType("AdminPaymentFilter", {
  fields: (t) => ({
    status: t.field({ type: PaymentStatus }),
    provider: t.field({ type: PaymentProvider }),
    user: t.id({ description: "A User's global id." }),
    createdAt: t.field({ type: DateRangeInput }),
    isTestMode: t.boolean(),
    search: t.string({ description: "A provider's payment id (T-Bank id, Telegram charge id or TON hash), exactly." }),
  }),
});

const PaymentOrderField = builder.enumType("AdminPaymentOrderField", { values: ["CREATED_AT", "AMOUNT"] as const });

const PaymentOrder = builder.inputType("AdminPaymentOrder", {
  fields: (t) => ({
    field: t.field({ type: PaymentOrderField, required: true, defaultValue: "CREATED_AT" }),
    direction: t.field({ type: SortDirection, required: true, defaultValue: "DESC" }),
  }),
});

const ExchangeRateFilter = builder.inputType("AdminExchangeRateFilter", {
  fields: (t) => ({
    baseCurrency: t.field({ type: Currency }),
    quoteCurrency: t.field({ type: Currency }),
    fetchedAt: t.field({ type: DateRangeInput }),
  }),
});

export function paymentWhere(filter: typeof PaymentFilter.$inferInput | null | undefined): Prisma.PaymentWhereInput {
  const search = searchText(filter?.search);
  return {
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.provider ? { provider: filter.provider } : {}),
    ...(filter?.user ? { userId: filterDatabaseId(filter.user, "User") } : {}),
    ...(filter?.isTestMode != null ? { isTestMode: filter.isTestMode } : {}),
    ...(dateRangeFilter(filter?.createdAt) ? { createdAt: dateRangeFilter(filter?.createdAt) } : {}),
    ...(search ? { OR: [{ tbankPaymentId: search }, { telegramChargeId: search }, { tonTxHash: search }] } : {}),
  };
}

function paymentOrder(order: typeof PaymentOrder.$inferInput | null | undefined): Prisma.PaymentOrderByWithRelationInput[] {
  const dir = direction(order?.direction ?? "DESC");
  return [order?.field === "AMOUNT" ? { amount: dir } : { createdAt: dir }, { id: dir }];
}

function exchangeRateWhere(filter: typeof ExchangeRateFilter.$inferInput | null | undefined): Prisma.ExchangeRateWhereInput {
  return {
    ...(filter?.baseCurrency ? { baseCurrency: filter.baseCurrency } : {}),
    ...(filter?.quoteCurrency ? { quoteCurrency: filter.quoteCurrency } : {}),
    ...(dateRangeFilter(filter?.fetchedAt) ? { fetchedAt: dateRangeFilter(filter?.fetchedAt) } : {}),
  };
}

builder.objectFields(AdminQueries, (t) => ({
  payments: t.prismaConnection({
    type: Payment,
    cursor: "id",
    description: "Every payment, newest first unless `orderBy` says otherwise.",
    args: {
      filter: t.arg({ type: PaymentFilter }),
      orderBy: t.arg({ type: PaymentOrder }),
    },
    totalCount: (_root, { filter }, { prisma }) => prisma.payment.count({ where: paymentWhere(filter) }),
    resolve: (query, _root, { filter, orderBy }, { prisma }) =>
      prisma.payment.findMany({ ...query, where: paymentWhere(filter), orderBy: paymentOrder(orderBy) }),
  }),
  exchangeRates: t.prismaConnection({
    type: ExchangeRate,
    cursor: "id",
    description: "Rate history, latest first.",
    args: { filter: t.arg({ type: ExchangeRateFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.exchangeRate.count({ where: exchangeRateWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.exchangeRate.findMany({ ...query, where: exchangeRateWhere(filter), orderBy: newestBy("fetchedAt") }),
  }),
}));

// ─── Mutations ───────────────────────────────────────────────────────────────────

const RefundPaymentInput = builder.inputType("RefundPaymentInput", {
  fields: (t) => ({
    paymentId: t.id({ required: true }),
    amount: t.field({ type: "Decimal", description: "RUB to refund; everything not refunded yet when omitted." }),
    reason: t.string({ required: true }),
  }),
  validate: z.object({
    paymentId: z.string(),
    amount: money.refine((value) => Number(value) > 0, "must be greater than 0").nullish(),
    reason: z.string().trim().min(3, "at least 3 characters").max(500, "at most 500 characters"),
  }),
});

builder.mutationFields((t) => ({
  refundPayment: t.prismaField({
    type: Payment,
    description:
      "Asks for a refund of a succeeded payment (all of what is not refunded yet, or `amount`). The payment becomes REFUNDING " +
      "with a PENDING refund; the provider call and refundedAt come with the provider's confirmation. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: RefundPaymentInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.paymentId, "Payment");
      await audited(context, "payment.refund", { type: "Payment", id }, async (tx) => {
        const change = await requestRefund(tx, { paymentId: id, amount: input.amount, reason: input.reason });
        // The provider is asked by a job once this commits (retried while the provider is down).
        await queueProviderRefund(tx, id);
        return { result: null, ...change };
      });
      return context.prisma.payment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
