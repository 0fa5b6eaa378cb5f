// Payments: the one place where a payment's state moves, by the transitions of the state
// machine in domain/payment-states.ts. Resolvers (createPayment), webhooks (T-Bank,
// Telegram), jobs (TON matching, refunds), admin actions and the generation that spends or
// gives back a payment all call these, inside their transaction.
//
// Settling credits the referrer's commission; a refund reverses it (domain/commissions.ts).
// Every transition locks the payment row first, so a webhook, a job and an admin acting on
// one payment at once serialise, and a repeated transition changes nothing.
import { Prisma, type Payment } from "../generated/prisma/client.ts";
import type { PaymentProvider, PaymentStatus, RefundStatus } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../db/prisma.ts";
import type { Checkout, PaymentGateways } from "./payment-gateway.ts";
import { creditCommission, reverseCommission } from "./commissions.ts";
import { recordSystemLog } from "./alerts.ts";
import {
  ConflictError,
  IdempotencyKeyReusedError,
  NotFoundError,
  PaymentProviderError,
  PaymentRequiredError,
  ValidationError,
  isUniqueViolation,
} from "./errors.ts";
import { recordPromoUsage, redeemPromoCode, releasePromoUsage } from "./promo-codes.ts";
import { addJob } from "../db/job-queue.ts";
import { notifyPaymentReceived } from "./notifications.ts";
import { PAYMENT_TRANSITIONS, canApply, isPaid, type FailedGenerationPayment } from "./payment-states.ts";

type Tx = Prisma.TransactionClient;
type PaymentRow = Prisma.PaymentGetPayload<object>;

/**
 * A payment that can fund a generation: succeeded (not being refunded) and not yet spent
 * (idx_payments_available). spendPayment's locking UPDATE states the same rule in SQL.
 */
export const spendablePayment = {
  status: "SUCCEEDED",
  generationConsumed: false,
} as const satisfies Prisma.PaymentWhereInput;

/** spendablePayment as an SQL condition on `payments` (a literal, so the partial index applies). */
const spendablePaymentSql = Prisma.raw(`status = '${spendablePayment.status}' AND NOT generation_consumed`);

/** Statuses as an SQL list literal: constants of the state machine, never input. */
const statusList = (statuses: readonly PaymentStatus[]) => Prisma.raw(statuses.map((status) => `'${status}'`).join(", "));

/** Oldest first: the next generation spends the payment that has waited longest. */
export const spendingOrder: Prisma.PaymentOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];

/** Newest first, as a user's payment history reads. */
export const historyOrder: Prisma.PaymentOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

/** The Prisma filter of a user's payment history, optionally narrowed to one status. */
export function paymentHistoryFilter(status: PaymentStatus | null | undefined): Prisma.PaymentWhereInput {
  return status ? { status } : {};
}

/** How many trailing characters of a provider id a receipt shows. */
const REFERENCE_LENGTH = 6;

type ProviderIds = Pick<Payment, "tbankPaymentId" | "telegramChargeId" | "tonTxHash">;

/**
 * A short reference the user can quote to support: the tail of the provider's id. The
 * full id stays server-side (it is a key in webhooks and provider APIs).
 */
export function receiptReference(payment: ProviderIds): string | null {
  const providerId = payment.tbankPaymentId ?? payment.telegramChargeId ?? payment.tonTxHash;
  if (!providerId) return null;
  return providerId.trim().slice(-REFERENCE_LENGTH);
}

// ---------------------------------------------------------------------------------------
// Creating a payment
// ---------------------------------------------------------------------------------------

export interface NewPayment {
  userId: number;
  tierId: number;
  provider: PaymentProvider;
  promoCode?: string | null;
  /** The client's key for this purchase: the same key returns the same payment. */
  idempotencyKey: string;
}

export interface CreatedPayment {
  payment: PaymentRow;
  checkout: Checkout;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** Keys are the client's, so they are scoped to the user: two users may pick the same one. */
const storedKey = (userId: number, key: string) => `u${userId}:${key}`;

/**
 * Creates a PENDING payment for a tier (less a promo code), opens it at the provider and
 * returns how the user pays. A repeated call with the same key returns the same payment
 * and checkout; the same key for another tier, provider or code is IdempotencyKeyReusedError.
 * If the provider refuses to open it, the payment is FAILED (its promo use given back) and
 * PaymentProviderError is thrown.
 */
export async function createPayment(
  prisma: PrismaClient,
  gateways: PaymentGateways,
  input: NewPayment,
  now = new Date(),
): Promise<CreatedPayment> {
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw ValidationError.of("input.idempotencyKey", "8–100 of letters, digits, _ . : - (e.g. a UUID)");
  }
  const gateway = gateways.get(input.provider);
  if (!gateway) throw ValidationError.of("input.provider", `${input.provider} payments are not available`);
  const key = storedKey(input.userId, input.idempotencyKey);
  const promoCode = input.promoCode?.trim() || null;

  const existing = await findByKey(prisma, key);
  if (existing) return replay(prisma, gateways, existing, input, promoCode);

  let payment: PaymentRow;
  try {
    payment = await prisma.$transaction(async (tx) => {
      const tier = await tx.pricingTier.findUnique({ where: { id: input.tierId } });
      if (!tier || !tier.isActive) throw new NotFoundError("PricingTier");
      const redeemed = promoCode ? await redeemPromoCode(tx, promoCode, input.userId, tier.price, now) : null;
      const amount = redeemed ? tier.price.minus(redeemed.discount) : tier.price;
      const priced = await gateway.price(tx, amount, now);
      const created = await tx.payment.create({
        data: {
          userId: input.userId,
          provider: input.provider,
          status: "PENDING",
          idempotencyKey: key,
          amount,
          currency: "RUB",
          pricingTierId: tier.id,
          photoCount: tier.photoCount,
          createdAt: now,
          ...priced,
        },
      });
      if (redeemed)
        await recordPromoUsage(tx, {
          promoCodeId: redeemed.promo.id,
          userId: input.userId,
          paymentId: created.id,
          discount: redeemed.discount,
        });
      return created;
    });
  } catch (error) {
    // Two requests with one key at once: the loser answers like a retry.
    if (isUniqueViolation(error)) {
      const winner = await findByKey(prisma, key);
      if (winner) return replay(prisma, gateways, winner, input, promoCode);
    }
    throw error;
  }
  return openAtProvider(prisma, gateways, payment);
}

function findByKey(prisma: PrismaClient, key: string) {
  return prisma.payment.findUnique({
    where: { idempotencyKey: key },
    include: { promoCodeUsage: { select: { promoCode: { select: { code: true } } } } },
  });
}

async function replay(
  prisma: PrismaClient,
  gateways: PaymentGateways,
  existing: NonNullable<Awaited<ReturnType<typeof findByKey>>>,
  input: NewPayment,
  promoCode: string | null,
): Promise<CreatedPayment> {
  const { promoCodeUsage, ...payment } = existing;
  const samePromo = (promoCodeUsage?.promoCode.code ?? null) === (promoCode?.toUpperCase() ?? null);
  if (payment.userId !== input.userId || payment.pricingTierId !== input.tierId || payment.provider !== input.provider || !samePromo) {
    throw new IdempotencyKeyReusedError();
  }
  if (payment.status === "FAILED")
    throw new PaymentProviderError(payment.provider, "This payment could not be opened at the provider; start a new one with a new key");
  // Opened before, or a crash between commit and opening: open it now (providers take the same order id again).
  if (payment.status === "PENDING" && needsOpening(payment)) return openAtProvider(prisma, gateways, payment);
  return { payment, checkout: gateways.get(payment.provider)!.checkoutOf(payment) };
}

/** T-Bank and Stars hand us a link when opened; TON and test-mode payments need nothing opened. */
const needsOpening = (payment: PaymentRow) => (payment.provider === "TBANK" || payment.provider === "STARS") && !payment.checkoutUrl;

/**
 * Asks the provider for the checkout. A refusal fails the payment (its promo use given back);
 * a provider that did not answer (timeout, 5xx) leaves it PENDING and unopened, so a retry
 * with the same key opens it again, and stale unopened payments are cancelled later.
 */
async function openAtProvider(prisma: PrismaClient, gateways: PaymentGateways, payment: PaymentRow): Promise<CreatedPayment> {
  const gateway = gateways.get(payment.provider)!;
  try {
    const opened = await gateway.open(payment);
    const updated = Object.keys(opened).length ? await prisma.payment.update({ where: { id: payment.id }, data: opened }) : payment;
    return { payment: updated, checkout: gateway.checkoutOf(updated) };
  } catch (error) {
    const failure =
      error instanceof PaymentProviderError
        ? error
        : new PaymentProviderError(
            payment.provider,
            `The payment could not be opened: ${error instanceof Error ? error.message : String(error)}`,
            true,
          );
    await prisma.$transaction(async (tx) => {
      if (!failure.retryable) await failPayment(tx, payment.id, "FAILED");
      await recordSystemLog(tx, {
        level: "WARN",
        source: `payments:${payment.provider.toLowerCase()}`,
        message: `Opening a payment failed: ${failure.message}`,
        context: { paymentId: payment.id, retryable: failure.retryable },
      });
    });
    throw failure;
  }
}

/** How long a payment may wait for its money before it is cancelled (a TON invoice: until its rate expires). */
export const STALE_PAYMENT_HOURS = 24;

export const EXPIRE_STALE_TASK = "payments:expire-stale";

/**
 * Cancels PENDING payments nobody paid: older than STALE_PAYMENT_HOURS, or a TON invoice
 * whose locked rate expired over an hour ago. Their promo uses come back. Money that still
 * arrives later settles them anyway (settlePayment accepts CANCELED).
 */
export async function expireStalePayments(prisma: PrismaClient, now = new Date()): Promise<number> {
  const stale = await prisma.payment.findMany({
    where: {
      status: "PENDING",
      OR: [
        { createdAt: { lt: new Date(now.getTime() - STALE_PAYMENT_HOURS * 3_600_000) } },
        { rateExpiresAt: { lt: new Date(now.getTime() - 3_600_000) } },
      ],
    },
    select: { id: true },
    take: 500,
  });
  let cancelled = 0;
  for (const { id } of stale) {
    const { changed } = await prisma.$transaction((tx) => failPayment(tx, id, "CANCELED"));
    if (changed) cancelled++;
  }
  return cancelled;
}

// ---------------------------------------------------------------------------------------
// Spending a payment on a generation, and giving it back when the generation fails
// ---------------------------------------------------------------------------------------

interface SpentPayment {
  id: number;
  photo_count: number;
  is_test_mode: boolean;
}

/**
 * Spends one spendable payment of the user on a generation of `avatarId`, in one
 * statement: the given one, else the oldest (spendingOrder). The row is locked (SKIP
 * LOCKED: a payment another start is spending right now counts as spent), and
 * `NOT generation_consumed` is checked again on the locked row, so concurrent starts on
 * one payment consume it exactly once.
 */
export async function spendPayment(tx: Tx, userId: number, avatarId: number, paymentId: number | null): Promise<SpentPayment> {
  const rows = await tx.$queryRaw<SpentPayment[]>`
    UPDATE payments
       SET generation_consumed = true, consumed_at = now(), consumed_avatar_id = ${avatarId}, updated_at = now()
     WHERE id = (
             SELECT id FROM payments
              WHERE user_id = ${userId} AND ${spendablePaymentSql}
                AND (${paymentId}::int IS NULL OR id = ${paymentId}::int)
              ORDER BY created_at, id
              LIMIT 1
                FOR UPDATE SKIP LOCKED)
       AND NOT generation_consumed
    RETURNING id, photo_count, is_test_mode`;
  if (rows[0]) return rows[0];
  if (paymentId !== null) {
    const mine = await tx.payment.findFirst({ where: { id: paymentId, userId }, select: { id: true } });
    if (!mine) throw new NotFoundError("Payment");
    throw new PaymentRequiredError("This payment is not paid yet, or it already funded a generation");
  }
  throw new PaymentRequiredError();
}

/** A failed generation's payment: spendable again (`revert`) or marked for a refund (`refund`). */
export async function givePaymentBack(tx: Tx, paymentId: number, mode: FailedGenerationPayment, reason: string) {
  if (mode === "revert") {
    await tx.$executeRaw`
      UPDATE payments SET generation_consumed = false, consumed_at = NULL, consumed_avatar_id = NULL, updated_at = now()
       WHERE id = ${paymentId} AND generation_consumed`;
    return;
  }
  // The whole payment goes back (requestRefund's transition, as one conditional UPDATE:
  // a payment no longer SUCCEEDED, e.g. refunded by an admin meanwhile, stays as it is).
  // The provider is asked by the refund job once this commits.
  const { from, to } = PAYMENT_TRANSITIONS.requestRefund;
  const marked = await tx.$executeRaw`
    UPDATE payments SET status = ${Prisma.raw(`'${to}'`)}, refund_status = 'PENDING', refund_amount = amount,
           refund_reason = ${`Generation failed: ${reason}`.slice(0, 1000)}, updated_at = now()
     WHERE id = ${paymentId} AND status IN (${statusList(from)})`;
  if (marked > 0) await queueProviderRefund(tx, paymentId);
}

// ---------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------

/** Locks the payment row for the rest of the transaction and returns it. */
export async function lockPayment(tx: Tx, paymentId: number): Promise<PaymentRow> {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM payments WHERE id = ${paymentId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("Payment");
  return tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
}

/** What the provider tells us about the money, stored when the payment settles. */
export type SettlementFields = Partial<
  Pick<
    Prisma.PaymentUncheckedUpdateInput,
    "tbankPaymentId" | "telegramChargeId" | "tonTxHash" | "tonSenderAddress" | "tonConfirmations" | "tonAmount" | "originalAmount"
  >
>;

export interface Transition {
  payment: PaymentRow;
  /** False when the payment was already there (a repeated event): nothing changed. */
  changed: boolean;
}

/**
 * The provider has the money: PENDING → SUCCEEDED, and the referrer's commission. A payment
 * we had given up on (FAILED, CANCELED) still succeeds when money arrives for it. Already
 * succeeded (or refunded since): nothing changes.
 */
export async function settlePayment(
  tx: Tx,
  paymentId: number,
  fields: SettlementFields = {},
  { notify = true }: { notify?: boolean } = {},
): Promise<Transition> {
  const payment = await lockPayment(tx, paymentId);
  if (!canApply("settle", payment.status)) return { payment, changed: false };
  const settled = await tx.payment.update({ where: { id: paymentId }, data: { ...fields, status: PAYMENT_TRANSITIONS.settle.to } });
  await creditCommission(tx, settled);
  if (notify) await notifyPaymentReceived(tx, settled);
  return { payment: settled, changed: true };
}

/** The payment will not be paid: PENDING → FAILED or CANCELED, its promo use given back. Otherwise nothing changes. */
export async function failPayment(tx: Tx, paymentId: number, status: Extract<PaymentStatus, "FAILED" | "CANCELED">): Promise<Transition> {
  const payment = await lockPayment(tx, paymentId);
  if (!canApply(status === "FAILED" ? "fail" : "cancel", payment.status)) return { payment, changed: false };
  const failed = await tx.payment.update({ where: { id: paymentId }, data: { status } });
  await releasePromoUsage(tx, paymentId);
  return { payment: failed, changed: true };
}

/**
 * The provider returned money: → REFUNDED, refundedAt, and the refunded share of the
 * commission taken back. `amount` (RUB) is what the provider says it returned; by default
 * the amount requested, or the whole payment for a refund we did not ask for. A refund that
 * arrives before the payment's confirmation (events out of order) settles it first, so the
 * commission is credited and reversed and the books end where they should.
 */
export async function completeRefund(
  tx: Tx,
  paymentId: number,
  { amount, fields }: { amount?: Prisma.Decimal; fields?: SettlementFields } = {},
): Promise<Transition> {
  let payment = await lockPayment(tx, paymentId);
  if (!isPaid(payment.status)) {
    // Settled and refunded in one go: the user is not told "payment received" for money already going back.
    payment = (await settlePayment(tx, paymentId, fields, { notify: false })).payment;
  }
  if (!canApply("completeRefund", payment.status)) return { payment, changed: false };
  const requested = payment.status === "REFUNDING" && payment.refundAmount.gt(0) ? payment.refundAmount : payment.amount;
  const refunded = Prisma.Decimal.min(amount ?? requested, payment.amount);
  const updated = await tx.payment.update({
    where: { id: paymentId },
    data: { status: PAYMENT_TRANSITIONS.completeRefund.to, refundStatus: "SUCCEEDED", refundAmount: refunded, refundedAt: new Date() },
  });
  await reverseCommission(tx, paymentId, refunded.dividedBy(payment.amount));
  return { payment: updated, changed: true };
}

/** The provider refused the refund: REFUNDING → SUCCEEDED with a FAILED refund (nothing was returned). */
export async function failRefund(tx: Tx, paymentId: number, reason: string): Promise<Transition> {
  const payment = await lockPayment(tx, paymentId);
  if (!canApply("failRefund", payment.status)) return { payment, changed: false };
  const updated = await tx.payment.update({
    where: { id: paymentId },
    data: {
      status: PAYMENT_TRANSITIONS.failRefund.to,
      refundStatus: "FAILED",
      refundAmount: 0,
      refundReason: `${payment.refundReason ?? "refund"} (failed: ${reason})`.slice(0, 2000),
    },
  });
  return { payment: updated, changed: true };
}

// ---------------------------------------------------------------------------------------
// Refund requests (an admin's, in the audited change's transaction)
// ---------------------------------------------------------------------------------------

export interface RefundRequest {
  paymentId: number;
  /** RUB; null/undefined: everything not refunded yet. */
  amount?: string | null;
  reason: string;
}

/** What a refund changes on a payment: the audit row's before and after. */
export interface RefundState {
  status: PaymentStatus;
  refundStatus: RefundStatus | null;
  refundAmount: string;
  refundReason: string | null;
  refundedAt: Date | null;
}

/**
 * Asks for a refund of a succeeded payment: the payment becomes REFUNDING with a PENDING
 * refund of `amount` (added to what was refunded before). `refundedAt` stays null until
 * the provider confirms. The row is locked first, so two concurrent requests cannot both
 * pass the checks.
 */
export async function requestRefund(tx: Tx, request: RefundRequest): Promise<{ before: RefundState; after: RefundState }> {
  const [row] = await tx.$queryRaw<
    Array<{
      status: PaymentStatus;
      refund_status: RefundStatus | null;
      amount: unknown;
      refund_amount: unknown;
      refund_reason: string | null;
      refunded_at: Date | null;
    }>
  >`SELECT status::text AS status, refund_status::text AS refund_status, amount, refund_amount, refund_reason, refunded_at
    FROM payments WHERE id = ${request.paymentId} FOR UPDATE`;
  if (!row) throw new NotFoundError("Payment");
  const amount = new Prisma.Decimal(String(row.amount));
  const refunded = new Prisma.Decimal(String(row.refund_amount));
  const before: RefundState = {
    status: row.status,
    refundStatus: row.refund_status,
    refundAmount: refunded.toFixed(2),
    refundReason: row.refund_reason,
    refundedAt: row.refunded_at,
  };
  if (row.status === "REFUNDING" || row.refund_status === "PENDING") {
    throw new ConflictError("A refund of this payment is already in progress");
  }
  if (row.status === "REFUNDED") throw new ConflictError("This payment is already refunded");
  if (!canApply("requestRefund", row.status)) {
    throw new ConflictError(`Only succeeded payments can be refunded; this one is ${row.status}`);
  }
  const remaining = amount.minus(refunded);
  if (remaining.lte(0)) throw new ConflictError("This payment is already refunded in full");
  const requested = request.amount != null ? new Prisma.Decimal(request.amount) : remaining;
  if (requested.gt(remaining)) {
    throw ValidationError.of("input.amount", `at most ${remaining.toFixed(2)} (the payment's amount less what was refunded before)`);
  }
  const after: RefundState = {
    status: PAYMENT_TRANSITIONS.requestRefund.to,
    refundStatus: "PENDING",
    refundAmount: refunded.plus(requested).toFixed(2),
    refundReason: request.reason.trim(),
    refundedAt: null,
  };
  await tx.payment.update({
    where: { id: request.paymentId },
    data: {
      status: after.status,
      refundStatus: after.refundStatus,
      refundAmount: after.refundAmount,
      refundReason: after.refundReason,
    },
    select: { id: true },
  });
  // The provider is asked by a job after commit (runProviderRefund below); on
  // its confirmation completeRefund sets REFUNDED and reverses the commission. Nothing of
  // the ledger or of referral earnings changes at this point.
  return { before, after };
}

// ---------------------------------------------------------------------------------------
// Refunds at the provider (a job, after the admin's request has committed)
// ---------------------------------------------------------------------------------------

export const REFUND_TASK = "payments:refund";

/** Queues the provider call of a refund an admin requested, in the request's transaction. */
export function queueProviderRefund(tx: Tx, paymentId: number) {
  return addJob(tx, { task: REFUND_TASK, payload: { paymentId }, key: `payments:refund:${paymentId}` });
}

/**
 * Asks the provider to refund a REFUNDING payment. Confirmed at once (T-Bank Cancel, Stars,
 * test mode): completed here. Confirmed later (a webhook): left REFUNDING. A refusal: the
 * refund fails. A provider that is down: thrown, so the job retries with backoff.
 */
export async function runProviderRefund(prisma: PrismaClient, gateways: PaymentGateways, paymentId: number): Promise<RefundResult> {
  const payment = await prisma.payment.findUnique({ where: { id: paymentId } });
  if (!payment || payment.status !== "REFUNDING") return "NOTHING_TO_DO";
  const gateway = gateways.get(payment.provider);
  if (!gateway) throw new PaymentProviderError(payment.provider, `${payment.provider} is not configured: the refund waits`, true);
  try {
    const outcome = await gateway.refund(payment, payment.refundAmount, prisma);
    if (outcome === "PENDING") return "PENDING";
    await prisma.$transaction((tx) => completeRefund(tx, paymentId, { amount: payment.refundAmount }));
    return "REFUNDED";
  } catch (error) {
    if (error instanceof PaymentProviderError && !error.retryable) {
      await prisma.$transaction((tx) => failRefund(tx, paymentId, error.message));
      return "FAILED";
    }
    throw error;
  }
}

export type RefundResult = "NOTHING_TO_DO" | "PENDING" | "REFUNDED" | "FAILED";
