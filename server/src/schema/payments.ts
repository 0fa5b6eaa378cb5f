// Payments, read side: a user's own payments as receipts. Provider ids, idempotency keys,
// TON sender addresses, rate-lock windows and webhook data stay server-side; a short
// `reference` is what support needs. Creating and settling payments: a later issue.
import { builder } from "../builder.ts";
import {
  Currency as CurrencyValues,
  PaymentProvider as PaymentProviderValues,
  PaymentStatus as PaymentStatusValues,
  RefundStatus as RefundStatusValues,
} from "../generated/prisma/enums.ts";
import { historyOrder, paymentHistoryFilter, receiptReference, spendablePayment, spendingOrder } from "../domain/payments.ts";
import { canRead, ownedByViewer, parseDatabaseId } from "./access.ts";

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

// The User type restricts every field to the user themself (schema/user.ts).
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
