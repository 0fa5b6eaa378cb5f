// TON: the user transfers `tonAmount` TON to the merchant wallet with the payment's
// orderId as the comment, before the locked rate expires. Nothing is opened at a provider;
// the matching job (matcher.ts) sees the transfer and settles the payment.
import { Prisma } from "../../generated/prisma/client.ts";
import { PaymentProviderError } from "../../domain/errors.ts";
import type { Config } from "../../config.ts";
import type { Checkout, PaymentGateway, PaymentGateways, PaymentRow, PricedFields, RefundOutcome } from "../../domain/payment-gateway.ts";
import { TonApiClient } from "./client.ts";
import { currentTonRate } from "./rates.ts";

export type TonSettings = NonNullable<Config["payments"]["ton"]>;

/** TON amounts are rounded up to this many decimals: exact enough, still easy to type into a wallet. */
export const TON_AMOUNT_DECIMALS = 4;

const NANO_PER_TON = new Prisma.Decimal(1_000_000_000);

/** Whole nanotons of a TON amount. */
export const toNano = (ton: Prisma.Decimal) => BigInt(ton.times(NANO_PER_TON).toFixed(0, Prisma.Decimal.ROUND_UP));

export class TonGateway implements PaymentGateway {
  readonly provider = "TON" as const;
  readonly client: TonApiClient;

  constructor(readonly settings: TonSettings) {
    this.client = new TonApiClient({ apiUrl: settings.apiUrl, apiKey: settings.apiKey });
  }

  /** Locks the current rate: amountTon = amountRub / rate, rounded up, valid for the rate TTL. */
  async price(tx: Prisma.TransactionClient, amountRub: Prisma.Decimal, now: Date): Promise<PricedFields> {
    const { rate } = await currentTonRate(tx, this.settings, now);
    const amountTon = amountRub.dividedBy(rate).toDecimalPlaces(TON_AMOUNT_DECIMALS, Prisma.Decimal.ROUND_UP);
    return {
      tonAmount: amountTon,
      originalCurrency: "TON",
      originalAmount: amountTon,
      exchangeRate: rate,
      rateLockedAt: now,
      rateExpiresAt: new Date(now.getTime() + this.settings.rateTtlMinutes * 60_000),
    };
  }

  async open(): Promise<Record<string, never>> {
    return {};
  }

  checkoutOf(payment: PaymentRow): Checkout {
    return {
      kind: "TON_TRANSFER",
      address: this.settings.walletAddress,
      amountTon: payment.tonAmount!,
      comment: payment.orderId,
      expiresAt: payment.rateExpiresAt!,
    };
  }

  /**
   * No API sends coins back from the merchant wallet here: a TON refund is paid by hand
   * (from the wallet, to tonSenderAddress). Refused without retrying, so the refund request
   * ends FAILED with this reason and the payment stays SUCCEEDED.
   */
  async refund(payment: PaymentRow): Promise<RefundOutcome> {
    throw new PaymentProviderError(
      "TON",
      `TON refunds are not sent automatically: send the coins back from the merchant wallet to ${payment.tonSenderAddress ?? "the sender"} by hand`,
      false,
    );
  }
}

/** The configured TON gateway, if TON is offered. */
export function tonGatewayOf(gateways: PaymentGateways): TonGateway | null {
  const gateway = gateways.get("TON");
  return gateway instanceof TonGateway ? gateway : null;
}
