// Referral commissions: a succeeded payment of a referred user earns their referrer the
// referrer's rate (10%, or the partner rate an admin approved) of it, once per payment
// (referral_earnings.payment_id is unique), credited through the ledger. A refund takes the
// refunded share back through the ledger. TON payments earn TON; the rest earn RUB.
import { Prisma } from "../generated/prisma/client.ts";
import { lockBalance, postLedgerEntry } from "./ledger.ts";
import { CURRENCY_SCALE, type LedgerCurrency } from "./withdrawals.ts";
import { raiseAdminAlert } from "./alerts.ts";

type Tx = Prisma.TransactionClient;
type PaymentRow = Prisma.PaymentGetPayload<object>;

/** The rate of a referrer without a balance row yet (the column's default). */
export const DEFAULT_COMMISSION_RATE = new Prisma.Decimal("0.10");

/** The RUB commission on a payment of `amountRub` at `rate`, rounded half up to kopecks. */
export function commissionOn(amountRub: Prisma.Decimal, rate: Prisma.Decimal): Prisma.Decimal {
  return amountRub.times(rate).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
}

export interface CommissionCredit {
  referrerId: number;
  currency: LedgerCurrency;
  amount: Prisma.Decimal;
  earningId: number;
  paymentId: number;
  note?: string;
  createdAt?: Date;
}

/** Puts a credited earning on the referrer's balance: its ledger row, and the earned total with it. */
export async function postCommission(tx: Tx, { referrerId, currency, amount, earningId, paymentId, note, createdAt }: CommissionCredit) {
  await postLedgerEntry(tx, { userId: referrerId, currency, kind: "COMMISSION", amount, earningId, paymentId, note, createdAt });
  await tx.referralBalance.update({
    where: { userId: referrerId },
    data: { [currency === "TON" ? "earnedTon" : "earnedRub"]: { increment: amount } },
  });
}

/**
 * Credits the commission of a just-succeeded payment, if its payer was referred. Returns
 * the earning, or null (not referred, nothing to earn, or already credited).
 */
export async function creditCommission(tx: Tx, payment: PaymentRow) {
  const referral = await tx.referral.findUnique({ where: { referredId: payment.userId }, select: { referrerId: true } });
  if (!referral) return null;
  const existing = await tx.referralEarning.findUnique({ where: { paymentId: payment.id }, select: { id: true } });
  if (existing) return null;

  const balance = await tx.referralBalance.findUnique({ where: { userId: referral.referrerId }, select: { commissionRate: true } });
  const rate = balance?.commissionRate ?? DEFAULT_COMMISSION_RATE;
  const amountRub = commissionOn(payment.amount, rate);
  const paidInTon = payment.provider === "TON" && payment.tonAmount !== null;
  const currency: LedgerCurrency = paidInTon ? "TON" : "RUB";
  const credited = paidInTon ? payment.tonAmount!.times(rate).toDecimalPlaces(CURRENCY_SCALE.TON, Prisma.Decimal.ROUND_HALF_UP) : amountRub;
  if (credited.lte(0)) return null;

  const earning = await tx.referralEarning.create({
    data: {
      referrerId: referral.referrerId,
      referredId: payment.userId,
      paymentId: payment.id,
      amount: amountRub,
      originalAmount: payment.amount,
      rate,
      currency,
      nativeAmount: paidInTon ? credited : null,
      provider: payment.provider,
      status: "CREDITED",
    },
  });
  await postCommission(tx, { referrerId: referral.referrerId, currency, amount: credited, earningId: earning.id, paymentId: payment.id });
  return earning;
}

/**
 * Takes back `share` (0–1] of the payment's commission after a refund. What the referrer
 * has already withdrawn cannot be taken from the balance (it never goes negative): the
 * reversal takes what is there and raises an admin alert for the rest.
 */
export async function reverseCommission(tx: Tx, paymentId: number, share: Prisma.Decimal) {
  const earning = await tx.referralEarning.findUnique({ where: { paymentId } });
  if (!earning || earning.status !== "CREDITED") return null;
  const currency = earning.currency as LedgerCurrency;
  const credited = currency === "TON" ? earning.nativeAmount! : earning.amount;
  const owed = credited.times(Prisma.Decimal.min(share, 1)).toDecimalPlaces(CURRENCY_SCALE[currency], Prisma.Decimal.ROUND_HALF_UP);

  const available = (await lockBalance(tx, earning.referrerId))[currency];
  const taken = Prisma.Decimal.min(owed, available);
  const shortfall = owed.minus(taken);

  await tx.referralEarning.update({ where: { id: earning.id }, data: { status: "REVERSED" } });
  if (taken.gt(0)) {
    await postLedgerEntry(tx, {
      userId: earning.referrerId,
      currency,
      kind: "COMMISSION_REVERSAL",
      amount: taken.negated(),
      earningId: earning.id,
      paymentId,
      note: shortfall.gt(0) ? `refund; ${shortfall.toFixed()} ${currency} already withdrawn` : "refund",
    });
    await tx.referralBalance.update({
      where: { userId: earning.referrerId },
      data: { [currency === "TON" ? "earnedTon" : "earnedRub"]: { decrement: taken } },
    });
  }
  if (shortfall.gt(0)) {
    await raiseAdminAlert(tx, {
      severity: "WARNING",
      source: "referrals",
      title: "Commission reversal short of balance",
      message: `Refund of payment ${paymentId}: ${shortfall.toFixed()} ${currency} of commission could not be taken back (already withdrawn by user ${earning.referrerId})`,
      context: { paymentId, referrerId: earning.referrerId, shortfall: shortfall.toFixed(), currency },
      fingerprintKey: `commission-shortfall:${paymentId}`,
    });
  }
  return { earningId: earning.id, reversed: taken, shortfall, currency };
}
