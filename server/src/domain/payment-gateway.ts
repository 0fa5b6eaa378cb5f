// The port every payment provider adapter (payments/<provider>/, telegram/stars.ts)
// implements, injected by the composition root. What it does for us: price a payment in its
// currency, open it (the user then pays at the provider), give the same checkout back on
// a retried request, and refund. Settling (a webhook or a job saw the money) is not here:
// it goes through domain/payments.ts, the one place that moves payment state.
import type { Prisma } from "../generated/prisma/client.ts";
import type { PaymentProvider } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../db/prisma.ts";

type Tx = Prisma.TransactionClient;
export type PaymentRow = Prisma.PaymentGetPayload<object>;

/** How the user pays: a page to open, a Telegram invoice, a TON transfer to make, or a test button. */
export type Checkout =
  | { kind: "REDIRECT"; url: string }
  | { kind: "TELEGRAM_INVOICE"; invoiceLink: string }
  | { kind: "TON_TRANSFER"; address: string; amountTon: Prisma.Decimal; comment: string; expiresAt: Date }
  | { kind: "TEST"; paymentId: number };

/** Provider-specific columns of a new payment (Stars amount, TON amount and its locked rate…). */
export type PricedFields = Partial<
  Pick<
    Prisma.PaymentUncheckedCreateInput,
    "starsAmount" | "tonAmount" | "originalCurrency" | "originalAmount" | "exchangeRate" | "rateLockedAt" | "rateExpiresAt" | "isTestMode"
  >
>;

/** What opening a payment at the provider gave back, stored on the payment. */
export type OpenedFields = Partial<Pick<Prisma.PaymentUncheckedUpdateInput, "tbankPaymentId" | "checkoutUrl">>;

/** A refund the provider confirmed at once, or one it will confirm later (a webhook). */
export type RefundOutcome = "REFUNDED" | "PENDING";

export interface PaymentGateway {
  readonly provider: PaymentProvider;
  /** Converts the RUB amount into what the provider charges, inside the creating transaction. */
  price(tx: Tx, amountRub: Prisma.Decimal, now: Date): Promise<PricedFields>;
  /** Opens the payment at the provider, after its row has committed. Throws PaymentProviderError. */
  open(payment: PaymentRow): Promise<OpenedFields>;
  /** The checkout of an opened payment, from its stored columns (a retried createPayment). */
  checkoutOf(payment: PaymentRow): Checkout;
  /**
   * Asks the provider to give `amountRub` of the payment back. Throws PaymentProviderError.
   * `db` reads what the provider needs beyond the row (Stars: the payer's Telegram id).
   */
  refund(payment: PaymentRow, amountRub: Prisma.Decimal, db: PrismaClient): Promise<RefundOutcome>;
}

export type PaymentGateways = ReadonlyMap<PaymentProvider, PaymentGateway>;
