// Paying: which providers are offered, what a tier costs with a promo code, creating a
// payment (and how to complete it: a checkout), and completing a test-mode payment. The
// rules are in domain/payments.ts and domain/promo-codes.ts.
import { z } from "zod";
import { builder } from "../builder.ts";
import { ForbiddenError, IdempotencyKeyReusedError, NotFoundError, PaymentProviderError, PromoCodeError } from "../domain/errors.ts";
import { createPayment, settlePayment } from "../domain/payments.ts";
import { quoteDiscount } from "../domain/promo-codes.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Checkout as CheckoutValue } from "../domain/payment-gateway.ts";
import { parseDatabaseId, viewerId } from "./access.ts";
import { PromoCodeProblemType } from "./errors.ts";
import { Payment, PaymentProvider } from "./payments.ts";
import { PricingTier } from "./pricing-tiers-and-styles.ts";

type CheckoutOf<K extends CheckoutValue["kind"]> = Extract<CheckoutValue, { kind: K }>;

const RedirectCheckout = builder.objectRef<CheckoutOf<"REDIRECT">>("RedirectCheckout").implement({
  description: "Open `url` (the bank's payment page, T-Bank); the payment succeeds when the bank notifies us.",
  fields: (t) => ({ url: t.exposeString("url") }),
});

const TelegramInvoiceCheckout = builder.objectRef<CheckoutOf<"TELEGRAM_INVOICE">>("TelegramInvoiceCheckout").implement({
  description: "Open `invoiceLink` in Telegram (WebApp.openInvoice) to pay in Stars.",
  fields: (t) => ({ invoiceLink: t.exposeString("invoiceLink") }),
});

const TonTransferCheckout = builder.objectRef<CheckoutOf<"TON_TRANSFER">>("TonTransferCheckout").implement({
  description: "Send exactly `amountTon` TON to `address` with `comment` before `expiresAt` (the locked rate's end).",
  fields: (t) => ({
    address: t.exposeString("address"),
    amountTon: t.field({ type: "Decimal", resolve: (c) => c.amountTon }),
    comment: t.exposeString("comment"),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
  }),
});

const TestModeCheckout = builder.objectRef<CheckoutOf<"TEST">>("TestModeCheckout").implement({
  description: "Test mode (development): no money moves; complete it with completeTestPayment.",
  fields: (t) => ({ paymentId: t.globalID({ resolve: (c) => ({ type: "Payment", id: c.paymentId }) }) }),
});

const CHECKOUT_TYPES = {
  REDIRECT: RedirectCheckout,
  TELEGRAM_INVOICE: TelegramInvoiceCheckout,
  TON_TRANSFER: TonTransferCheckout,
  TEST: TestModeCheckout,
} as const;

const Checkout = builder.unionType("Checkout", {
  description: "How the user completes a payment, by provider.",
  types: Object.values(CHECKOUT_TYPES),
  resolveType: (checkout: CheckoutValue) => CHECKOUT_TYPES[checkout.kind].name,
});

type Created = Awaited<ReturnType<typeof createPayment>>;

const CreatePaymentPayload = builder.objectRef<Created>("CreatePaymentPayload").implement({
  fields: (t) => ({
    payment: t.prismaField({
      type: Payment,
      resolve: (query, created, _args, { prisma }) => prisma.payment.findUniqueOrThrow({ ...query, where: { id: created.payment.id } }),
    }),
    checkout: t.field({ type: Checkout, resolve: (created) => created.checkout }),
  }),
});

const CreatePaymentInput = builder.inputType("CreatePaymentInput", {
  fields: (t) => ({
    tierId: t.globalID({ required: true, for: PricingTier }),
    provider: t.field({ type: PaymentProvider, required: true, description: "One of `paymentProviders`." }),
    promoCode: t.string({ validate: z.string().max(50, "at most 50 characters") }),
    idempotencyKey: t.string({
      required: true,
      description:
        "The client's key for this purchase (e.g. a UUID made when the user pressed Pay): retries with it return the same payment.",
    }),
  }),
});

builder.mutationField("createPayment", (t) =>
  t.field({
    type: CreatePaymentPayload,
    authScopes: { user: true },
    description:
      "Creates a payment for a pricing tier (less a promo code) with one of `paymentProviders`, and says how to complete it. " +
      "The same idempotencyKey returns the same payment. Errors: PromoCodeError (next to the code field), " +
      "IdempotencyKeyReusedError, PaymentProviderError, NotFoundError (tier), ValidationError.",
    errors: { types: [NotFoundError, PromoCodeError, IdempotencyKeyReusedError, PaymentProviderError] },
    args: { input: t.arg({ type: CreatePaymentInput, required: true }) },
    resolve: (_root, { input }, context) =>
      createPayment(context.prisma, context.payments, {
        userId: viewerId(context),
        tierId: parseDatabaseId(input.tierId.id, "PricingTier"),
        provider: input.provider,
        promoCode: input.promoCode,
        idempotencyKey: input.idempotencyKey,
      }),
  }),
);

const CompleteTestPaymentInput = builder.inputType("CompleteTestPaymentInput", {
  fields: (t) => ({ paymentId: t.globalID({ required: true, for: Payment }) }),
});

builder.mutationField("completeTestPayment", (t) =>
  t.prismaField({
    type: Payment,
    authScopes: { user: true },
    description:
      "Development and tests only: marks one of your PENDING test-mode payments as paid, as a provider's webhook would. " +
      "ForbiddenError when test mode is off (always in production).",
    errors: { types: [NotFoundError, ForbiddenError] },
    args: { input: t.arg({ type: CompleteTestPaymentInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      if (!context.payments.has("TEST")) throw new ForbiddenError("Test-mode payments are off");
      const paymentId = parseDatabaseId(input.paymentId.id, "Payment");
      const userId = viewerId(context);
      await context.prisma.$transaction(async (tx) => {
        // Only the caller's own test-mode payments; settlePayment locks the row itself.
        const payment = await tx.payment.findFirst({ where: { id: paymentId, userId, provider: "TEST" }, select: { id: true } });
        if (!payment) throw new NotFoundError("Payment");
        await settlePayment(tx, paymentId);
      });
      return context.prisma.payment.findUniqueOrThrow({ ...query, where: { id: paymentId } });
    },
  }),
);

builder.queryField("paymentProviders", (t) =>
  t.field({
    type: [PaymentProvider],
    description: "The payment providers this deployment offers (TEST only outside production).",
    resolve: (_root, _args, { payments }) => [...payments.keys()],
  }),
);

interface Quote {
  tier: { id: number };
  amount: Prisma.Decimal;
  discount: Prisma.Decimal;
  promoCode: string | null;
  /** A plain object: graphql-js would treat a returned Error instance as the field failing. */
  promoError: { reason: PromoCodeError["reason"]; message: string } | null;
}

const PromoCodeRejection = builder.objectRef<NonNullable<Quote["promoError"]>>("PromoCodeRejection").implement({
  description: "Why a promo code does not apply, as PromoCodeError says it at checkout.",
  fields: (t) => ({
    reason: t.field({ type: PromoCodeProblemType, resolve: (r) => r.reason }),
    message: t.exposeString("message"),
  }),
});

const PaymentQuote = builder.objectRef<Quote>("PaymentQuote").implement({
  description: "What a tier costs now, with a promo code's discount when it applies.",
  fields: (t) => ({
    tier: t.prismaField({
      type: PricingTier,
      resolve: (query, quote, _args, { prisma }) => prisma.pricingTier.findUniqueOrThrow({ ...query, where: { id: quote.tier.id } }),
    }),
    amount: t.field({ type: "Decimal", description: "RUB to pay.", resolve: (q) => q.amount }),
    discount: t.field({ type: "Decimal", description: "RUB the promo code takes off (0 without one).", resolve: (q) => q.discount }),
    promoCode: t.exposeString("promoCode", { nullable: true, description: "The code as applied (normalised), or null." }),
    promoError: t.field({
      type: PromoCodeRejection,
      nullable: true,
      description: "Why the given code does not apply (the quote is then without it).",
      resolve: (q) => q.promoError,
    }),
  }),
});

builder.queryField("paymentQuote", (t) =>
  t.field({
    type: PaymentQuote,
    nullable: true,
    authScopes: { user: true },
    description: "The price of a tier for you now, with a promo code when it applies; null for an unknown or retired tier.",
    args: {
      tierId: t.arg.globalID({ required: true, for: PricingTier }),
      promoCode: t.arg.string({ validate: z.string().max(50, "at most 50 characters") }),
    },
    resolve: async (_root, { tierId, promoCode }, context) => {
      const tier = await context.prisma.pricingTier.findUnique({ where: { id: parseDatabaseId(tierId.id, "PricingTier") } });
      if (!tier?.isActive) return null;
      const code = promoCode?.trim();
      if (!code) return { tier, amount: tier.price, discount: new Prisma.Decimal(0), promoCode: null, promoError: null };
      try {
        const { promo, discount } = await quoteDiscount(context.prisma, code, viewerId(context), tier.price);
        return { tier, amount: tier.price.minus(discount), discount, promoCode: promo.code, promoError: null };
      } catch (error) {
        if (!(error instanceof PromoCodeError)) throw error;
        return {
          tier,
          amount: tier.price,
          discount: new Prisma.Decimal(0),
          promoCode: null,
          promoError: { reason: error.reason, message: error.message },
        };
      }
    },
  }),
);
