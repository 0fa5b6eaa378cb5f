// T-Bank card payments behind the PaymentGateway interface: opening is Init (our OrderId,
// the amount in kopecks, where the bank notifies us and where the browser returns), the
// checkout is the PaymentURL it gives back, a refund is Cancel. Settling comes through
// the notification webhook (webhook.ts).
import { Prisma } from "../../generated/prisma/client.ts";
import { PaymentProviderError } from "../../domain/errors.ts";
import type { PaymentGateway, RefundOutcome } from "../../domain/payment-gateway.ts";
import { TbankClient } from "./client.ts";

export const TBANK_WEBHOOK_PATH = "/webhooks/tbank";

/** RUB (2 decimals) → whole kopecks, as T-Bank counts every Amount. */
export function toKopecks(rub: Prisma.Decimal): number {
  const kopecks = rub.times(100);
  if (!kopecks.isInteger() || kopecks.lte(0) || !Number.isSafeInteger(kopecks.toNumber())) {
    throw new PaymentProviderError("TBANK", `${rub.toFixed()} RUB is not a payable amount`, false);
  }
  return kopecks.toNumber();
}

export function fromKopecks(kopecks: number): Prisma.Decimal {
  return new Prisma.Decimal(kopecks).dividedBy(100);
}

/** Cancel's answer when the money is back (or the hold is released) at once. */
const DONE = new Set(["REFUNDED", "PARTIAL_REFUNDED", "REVERSED", "PARTIAL_REVERSED", "CANCELED"]);

export interface TbankGatewayOptions {
  client: TbankClient;
  /** Public base of our API (NotificationURL = base + /webhooks/tbank); unset: the terminal's setting. */
  publicApiUrl?: string;
  /** Public base of the client app (SuccessURL / FailURL). */
  publicWebUrl: string;
}

export function createTbankGateway({ client, publicApiUrl, publicWebUrl }: TbankGatewayOptions): PaymentGateway {
  const web = publicWebUrl.replace(/\/+$/, "");
  const notificationUrl = publicApiUrl ? new URL(TBANK_WEBHOOK_PATH, publicApiUrl).href : undefined;
  return {
    provider: "TBANK",
    // The amount is already RUB, which is all T-Bank takes.
    price: async () => ({}),
    async open(payment) {
      const order = encodeURIComponent(payment.orderId);
      const opened = await client.init({
        Amount: toKopecks(payment.amount),
        OrderId: payment.orderId,
        Description: `PinGlass: ${payment.photoCount} AI portraits`,
        NotificationURL: notificationUrl,
        SuccessURL: `${web}/pricing?payment=success&order=${order}`,
        FailURL: `${web}/pricing?payment=failed&order=${order}`,
      });
      return { tbankPaymentId: opened.PaymentId, checkoutUrl: opened.PaymentURL };
    },
    checkoutOf(payment) {
      if (!payment.checkoutUrl) throw new PaymentProviderError("TBANK", "This payment has no T-Bank payment page yet", true);
      return { kind: "REDIRECT", url: payment.checkoutUrl };
    },
    async refund(payment, amountRub): Promise<RefundOutcome> {
      if (!payment.tbankPaymentId) throw new PaymentProviderError("TBANK", "The payment has no T-Bank PaymentId to refund", false);
      const amount = toKopecks(amountRub);
      const cancelled = await client.cancel({ PaymentId: payment.tbankPaymentId, Amount: amount });
      // REFUNDING and the like: the bank confirms later, by notification.
      return DONE.has(cancelled.Status) ? "REFUNDED" : "PENDING";
    },
  };
}
