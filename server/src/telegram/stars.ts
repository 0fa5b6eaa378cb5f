// Telegram Stars (XTR), through the Bot API (https://core.telegram.org/bots/api#payments):
//
//   createPayment ──▶ createInvoiceLink { currency: "XTR", provider_token: "", one price in
//                     Stars, payload: our orderId } ──▶ the user opens the link in Telegram
//   pre_checkout_query (bot webhook) ──▶ answerPreCheckoutQuery within 10 s: ok only for a
//                     PENDING Stars payment of that Telegram user, same amount, XTR
//   message.successful_payment ──▶ settlePayment, keyed by telegram_payment_charge_id
//   admin refund ──▶ refundStarPayment(user_id, telegram_payment_charge_id) (whole payment)
//   message.refunded_payment ──▶ completeRefund (a refund we asked for, or one we did not)
//
// Exactly once: the webhook event id of a payment update is its telegram_payment_charge_id
// (`successful_payment:<charge>`), not the update_id. The charge id names the money itself
// and is permanent, while update_ids only order one bot's deliveries (Telegram restarts
// them at random after a quiet week). So a redelivered update, a replay, or the same charge
// in another update all find the claim taken; payments.telegram_charge_id (unique) is the
// second guard.
import { Prisma } from "../generated/prisma/client.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { raiseAdminAlert } from "../domain/alerts.ts";
import { PaymentProviderError } from "../domain/errors.ts";
import { completeRefund, settlePayment } from "../domain/payments.ts";
import { isPaid } from "../domain/payment-states.ts";
import { claimWebhookEvent, finishWebhookEvent } from "../domain/webhook-events.ts";
import type { PaymentGateway, PaymentRow } from "../domain/payment-gateway.ts";
import { BotApiError, type BotApi } from "./bot-api.ts";
import {
  botRoute,
  type BotUpdate,
  type BotUpdateRoute,
  type PreCheckoutQuery,
  type RefundedPayment,
  type SuccessfulPayment,
} from "./bot-webhook.ts";

type Tx = Prisma.TransactionClient;

export const STARS_CURRENCY = "XTR";

/** Stars for a RUB amount: rounded up (never less than the price), at least 1. */
export function starsFor(amountRub: Prisma.Decimal, rubPerStar: Prisma.Decimal): number {
  return Math.max(1, amountRub.dividedBy(rubPerStar).ceil().toNumber());
}

function providerError(error: unknown): PaymentProviderError {
  if (error instanceof PaymentProviderError) return error;
  // BotApiError's message names the method, code and description; never the token.
  if (error instanceof BotApiError) return new PaymentProviderError("STARS", error.message, error.retryable);
  return new PaymentProviderError("STARS", error instanceof Error ? error.message : String(error), true);
}

/** createInvoiceLink's parameters for a payment (titles 1–32 and descriptions 1–255 characters). */
export function invoiceOf(payment: PaymentRow) {
  if (!payment.starsAmount) throw new PaymentProviderError("STARS", `Payment ${payment.id} has no Stars amount`);
  const portraits = `${payment.photoCount} AI portraits`;
  return {
    title: `PinGlass: ${portraits}`.slice(0, 32),
    description: `${portraits} generated from your photos in PinGlass`,
    payload: payment.orderId,
    // Empty for Stars; the currency is XTR and there is exactly one price.
    provider_token: "",
    currency: STARS_CURRENCY,
    prices: [{ label: portraits, amount: payment.starsAmount }],
  };
}

export interface StarsGatewayOptions {
  bot: BotApi;
  /** RUB per Star (STARS_RUB_RATE). */
  rubPerStar: number;
}

export function createStarsGateway({ bot, rubPerStar }: StarsGatewayOptions): PaymentGateway {
  const rate = new Prisma.Decimal(rubPerStar);
  return {
    provider: "STARS",
    async price(_tx, amountRub) {
      const stars = starsFor(amountRub, rate);
      return { starsAmount: stars, originalCurrency: STARS_CURRENCY, originalAmount: new Prisma.Decimal(stars), exchangeRate: rate };
    },
    async open(payment) {
      try {
        const invoiceLink = await bot.call<string>("createInvoiceLink", invoiceOf(payment));
        if (typeof invoiceLink !== "string" || !invoiceLink)
          throw new PaymentProviderError("STARS", "createInvoiceLink answered no link", true);
        return { checkoutUrl: invoiceLink };
      } catch (error) {
        throw providerError(error);
      }
    },
    checkoutOf(payment) {
      if (!payment.checkoutUrl) throw new PaymentProviderError("STARS", `Payment ${payment.id} has no invoice link`);
      return { kind: "TELEGRAM_INVOICE", invoiceLink: payment.checkoutUrl };
    },
    async refund(payment, amountRub, db) {
      if (!payment.telegramChargeId) throw new PaymentProviderError("STARS", "The payment has no Telegram charge to refund");
      // refundStarPayment returns the whole charge; there is no partial refund.
      if (amountRub.lt(payment.amount)) throw new PaymentProviderError("STARS", "Telegram Stars payments can only be refunded in full");
      const payer = await db.user.findUnique({ where: { id: payment.userId }, select: { telegramUserId: true } });
      if (!payer?.telegramUserId) throw new PaymentProviderError("STARS", "The payer has no Telegram account to refund to");
      try {
        await bot.call<boolean>("refundStarPayment", {
          user_id: Number(payer.telegramUserId),
          telegram_payment_charge_id: payment.telegramChargeId,
        });
      } catch (error) {
        // Refunded already (a retried job whose first answer was lost): the money is back.
        if (error instanceof BotApiError && error.description.includes("CHARGE_ALREADY_REFUNDED")) return "REFUNDED";
        throw providerError(error);
      }
      return "REFUNDED";
    },
  };
}

// ---------------------------------------------------------------------------------------
// The bot's payment updates
// ---------------------------------------------------------------------------------------

/** Shown to the user by Telegram when we refuse a checkout. */
export const CHECKOUT_REFUSALS = {
  unknown: "This invoice is not valid. Please start the purchase again in PinGlass.",
  paid: "This order is already paid.",
  closed: "This order was cancelled. Please start a new purchase in PinGlass.",
  price: "The price of this order has changed. Please start the purchase again in PinGlass.",
  unavailable: "Payments are briefly unavailable. Please try again in a minute.",
} as const;

/** Why the checkout must not go ahead, or null when it may. */
export async function checkoutRefusal(db: PrismaClient | Tx, query: PreCheckoutQuery): Promise<string | null> {
  if (typeof query.invoice_payload !== "string" || !Number.isSafeInteger(query.from?.id)) return CHECKOUT_REFUSALS.unknown;
  const payment = await db.payment.findUnique({
    where: { orderId: query.invoice_payload },
    select: { provider: true, status: true, starsAmount: true, user: { select: { telegramUserId: true } } },
  });
  if (!payment || payment.provider !== "STARS" || payment.user.telegramUserId !== BigInt(query.from.id)) return CHECKOUT_REFUSALS.unknown;
  if (isPaid(payment.status)) return CHECKOUT_REFUSALS.paid;
  if (payment.status !== "PENDING") return CHECKOUT_REFUSALS.closed;
  if (query.currency !== STARS_CURRENCY || query.total_amount !== payment.starsAmount) return CHECKOUT_REFUSALS.price;
  return null;
}

export interface StarsUpdateOptions {
  prisma: PrismaClient;
  /** answerPreCheckoutQuery goes through it: give it a timeout well under 10 s. */
  bot: BotApi;
  log?: (line: string) => void;
}

/** The bot webhook's routes for Stars payments. */
export function starsUpdateRoutes({ prisma, bot, log = (line) => console.warn(line) }: StarsUpdateOptions): BotUpdateRoute[] {
  return [
    botRoute(
      "pre_checkout_query",
      (update) => update.pre_checkout_query,
      (query) => answerPreCheckout(prisma, bot, query, log),
    ),
    // A malformed charge is logged and acknowledged: delivering it again would not mend it.
    botRoute(
      "successful_payment",
      (update) => update.message?.successful_payment,
      (paid, update) => (isCharge(paid) ? recordSuccessfulPayment(prisma, paid, update) : malformed(log, "successful_payment", update)),
    ),
    botRoute(
      "refunded_payment",
      (update) => update.message?.refunded_payment,
      (refunded, update) =>
        isCharge(refunded) ? recordRefundedPayment(prisma, refunded, update) : malformed(log, "refunded_payment", update),
    ),
  ];
}

/**
 * Answers within Telegram's 10 seconds, whatever happens: a check that fails refuses (an
 * unanswered query fails anyway). Not retried: the query expires.
 */
async function answerPreCheckout(prisma: PrismaClient, bot: BotApi, query: PreCheckoutQuery, log: (line: string) => void) {
  let refusal: string | null;
  try {
    refusal = await checkoutRefusal(prisma, query);
  } catch (error) {
    log(`[stars] checking pre-checkout query ${query.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    refusal = CHECKOUT_REFUSALS.unavailable;
  }
  try {
    await bot.call<boolean>(
      "answerPreCheckoutQuery",
      refusal === null
        ? { pre_checkout_query_id: query.id, ok: true }
        : { pre_checkout_query_id: query.id, ok: false, error_message: refusal },
    );
  } catch (error) {
    log(`[stars] answering pre-checkout query ${query.id} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const isCharge = (value: { telegram_payment_charge_id?: unknown; invoice_payload?: unknown }) =>
  typeof value.telegram_payment_charge_id === "string" &&
  value.telegram_payment_charge_id.length > 0 &&
  value.telegram_payment_charge_id.length <= 255 &&
  typeof value.invoice_payload === "string";

async function malformed(log: (line: string) => void, kind: string, update: BotUpdate) {
  log(`[stars] update ${update.update_id}: ${kind} without a usable charge id or payload, ignored`);
}

/** Money we cannot attribute: admins must settle or refund it by hand (refundStarPayment). */
function alertUnmatched(tx: Tx, chargeId: string, problem: string, context: Record<string, unknown>) {
  return raiseAdminAlert(tx, {
    severity: "CRITICAL",
    source: "payments:stars",
    title: "Stars payment needs review",
    message: `Telegram Stars charge ${chargeId}: ${problem}. Settle or refund it by hand.`,
    context: { chargeId, ...context },
    fingerprintKey: `stars-unmatched:${chargeId}`,
  });
}

/** Settles the payment the charge is for, once per charge (see the top of this file). */
async function recordSuccessfulPayment(prisma: PrismaClient, paid: SuccessfulPayment, update: BotUpdate): Promise<void> {
  const chargeId = paid.telegram_payment_charge_id;
  const payerId = update.message?.from?.id;
  await prisma.$transaction(async (tx) => {
    const payment = await tx.payment.findUnique({
      where: { orderId: paid.invoice_payload },
      select: { id: true, provider: true, starsAmount: true, user: { select: { telegramUserId: true } } },
    });
    const eventId = await claimWebhookEvent(tx, {
      provider: "TELEGRAM",
      eventId: `successful_payment:${chargeId}`,
      eventType: "successful_payment",
      payload: update as unknown as Prisma.InputJsonValue,
      paymentId: payment?.id ?? null,
    });
    if (eventId === null) return; // delivered before: nothing more to do

    const problem = !payment
      ? "its payload is no payment of ours"
      : payment.provider !== "STARS"
        ? `its payload is a ${payment.provider} payment`
        : paid.currency !== STARS_CURRENCY || paid.total_amount !== payment.starsAmount
          ? `${paid.total_amount} ${paid.currency} paid for a payment of ${payment.starsAmount} XTR`
          : !Number.isSafeInteger(payerId) || payment.user.telegramUserId !== BigInt(payerId!)
            ? "paid by another Telegram user than the payment's"
            : null;
    if (problem || !payment) {
      await finishWebhookEvent(tx, eventId, { status: "FAILED", errorMessage: problem });
      await alertUnmatched(tx, chargeId, problem!, {
        paymentId: payment?.id ?? null,
        payload: paid.invoice_payload,
        totalAmount: paid.total_amount,
        payerTelegramId: payerId ?? null,
      });
      return;
    }
    const settled = await settlePayment(tx, payment.id, { telegramChargeId: chargeId });
    if (!settled.changed && settled.payment.telegramChargeId !== chargeId) {
      // A second charge for one invoice (two checkouts raced): the payment counts once.
      const message = `a second charge for payment ${payment.id}, already paid by charge ${settled.payment.telegramChargeId ?? "—"}`;
      await finishWebhookEvent(tx, eventId, { status: "IGNORED", paymentId: payment.id, errorMessage: message });
      await alertUnmatched(tx, chargeId, message, { paymentId: payment.id });
      return;
    }
    await finishWebhookEvent(tx, eventId, { status: "PROCESSED", paymentId: payment.id });
  });
}

/** Telegram refunded a charge (ours through refundStarPayment, or not): the payment is REFUNDED, once. */
async function recordRefundedPayment(prisma: PrismaClient, refunded: RefundedPayment, update: BotUpdate): Promise<void> {
  const chargeId = refunded.telegram_payment_charge_id;
  await prisma.$transaction(async (tx) => {
    const columns = { id: true, provider: true, amount: true, telegramChargeId: true } as const;
    const payment =
      (await tx.payment.findUnique({ where: { telegramChargeId: chargeId }, select: columns })) ??
      (await tx.payment.findUnique({ where: { orderId: refunded.invoice_payload }, select: columns }));
    const eventId = await claimWebhookEvent(tx, {
      provider: "TELEGRAM",
      eventId: `refunded_payment:${chargeId}`,
      eventType: "refunded_payment",
      payload: update as unknown as Prisma.InputJsonValue,
      paymentId: payment?.id ?? null,
    });
    if (eventId === null) return;
    if (!payment || payment.provider !== "STARS") {
      await finishWebhookEvent(tx, eventId, { status: "IGNORED", errorMessage: "no Stars payment has this charge" });
      return;
    }
    if (payment.telegramChargeId && payment.telegramChargeId !== chargeId) {
      // A second charge for an invoice (never counted) came back: the payment keeps its own.
      await finishWebhookEvent(tx, eventId, {
        status: "IGNORED",
        paymentId: payment.id,
        errorMessage: "the refunded charge is not the payment's",
      });
      return;
    }
    // Stars refunds are whole; a refund that overtook the payment's confirmation settles it first.
    await completeRefund(tx, payment.id, { amount: payment.amount, fields: { telegramChargeId: chargeId } });
    await finishWebhookEvent(tx, eventId, { status: "PROCESSED", paymentId: payment.id });
  });
}
