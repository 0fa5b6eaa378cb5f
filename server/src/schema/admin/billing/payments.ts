// Admin billing, payments: what only staff see of a payment, every payment listed, the
// exchange rates payments lock, and refunds (a state change; the provider call comes with
// the payments issue).
import { z } from "zod";
import { builder } from "../../../builder.ts";
import type { Prisma } from "../../../generated/prisma/client.ts";
import { audited } from "../../../domain/audit.ts";
import { requestRefund } from "../../../domain/admin-billing.ts";
import { queueProviderRefund } from "../../../domain/payments.ts";
import { ConflictError, NotFoundError } from "../../../domain/errors.ts";
import { Currency, Payment, PaymentProvider, PaymentStatus } from "../../payments.ts";
import { filterDatabaseId, requireDatabaseId, staffOnlyLookup } from "../../access.ts";
import { AdminQueries } from "../../admin-queries.ts";
import { dateRangeFilter, DateRangeInput, searchText } from "../../filters.ts";
import { money } from "../../inputs.ts";
import { direction, newestFirst, SortDirection } from "../../ordering.ts";

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

// What only staff see of a payment (the owner's receipt fields are in schema/payments.ts).
const staff = { staff: true } as const;
builder.prismaObjectFields("Payment", (t) => ({
  user: t.relation("user", { authScopes: staff }),
  idempotencyKey: t.exposeString("idempotencyKey", { authScopes: staff }),
  tbankPaymentId: t.exposeString("tbankPaymentId", { nullable: true, authScopes: staff }),
  telegramChargeId: t.exposeString("telegramChargeId", { nullable: true, authScopes: staff }),
  tonTxHash: t.string({ nullable: true, authScopes: staff, select: { tonTxHash: true }, resolve: (p) => p.tonTxHash?.trim() ?? null }),
  tonSenderAddress: t.exposeString("tonSenderAddress", { nullable: true, authScopes: staff }),
  tonConfirmations: t.exposeInt("tonConfirmations", { nullable: true, authScopes: staff }),
  rateLockedAt: t.expose("rateLockedAt", { type: "DateTime", nullable: true, authScopes: staff }),
  rateExpiresAt: t.expose("rateExpiresAt", { type: "DateTime", nullable: true, authScopes: staff }),
  refundReason: t.exposeString("refundReason", { nullable: true, authScopes: staff }),
  consumedAvatar: t.relation("consumedAvatar", { nullable: true, authScopes: staff }),
  promoCodeUsage: t.relation("promoCodeUsage", { nullable: true, authScopes: staff }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: staff }),
  webhookEvents: t.relatedConnection("webhookEvents", {
    cursor: "id",
    totalCount: true,
    authScopes: staff,
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
      prisma.exchangeRate.findMany({ ...query, where: exchangeRateWhere(filter), orderBy: [{ fetchedAt: "desc" }, { id: "desc" }] }),
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
