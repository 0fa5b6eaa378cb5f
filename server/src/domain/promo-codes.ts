// Promo codes at checkout: what a code takes off a price, and redeeming it for one
// payment. A code is redeemed by one conditional UPDATE (active, in its window, under its
// usage limit), so concurrent checkouts never pass the limit, and the usage row is unique
// per (code, user), so one user redeems a code once. A payment that fails or is cancelled
// gives its redemption back.
import { Prisma } from "../generated/prisma/client.ts";
import type { DiscountType } from "../generated/prisma/enums.ts";
import { PromoCodeError, isUniqueViolation } from "./errors.ts";

type Tx = Prisma.TransactionClient;
type Db = Pick<Tx, "promoCode" | "promoCodeUsage">;

/** Codes are stored upper-case: users type them in any case. */
export const normalizePromoCode = (code: string) => code.trim().toUpperCase();

/** No discount brings a price under this (card acquirers refuse smaller charges). */
export const MINIMUM_CHARGE_RUB = new Prisma.Decimal("1.00");

interface Discount {
  discountType: DiscountType;
  discountValue: Prisma.Decimal;
}

/** The RUB taken off `price`: a percentage (rounded half up to kopecks) or a fixed sum, leaving at least the minimum charge. */
export function discountOn(price: Prisma.Decimal, { discountType, discountValue }: Discount): Prisma.Decimal {
  const raw =
    discountType === "PERCENT"
      ? price.times(discountValue).dividedBy(100).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP)
      : new Prisma.Decimal(discountValue);
  const ceiling = Prisma.Decimal.max(price.minus(MINIMUM_CHARGE_RUB), 0);
  return Prisma.Decimal.min(raw, ceiling);
}

type PromoRow = Prisma.PromoCodeGetPayload<object>;

/** Why `promo` cannot be used by `userId` now, or null when it can (a read: redeem re-checks under concurrency). */
export async function promoCodeProblem(db: Db, promo: PromoRow | null, userId: number, now: Date): Promise<PromoCodeError | null> {
  if (!promo) return new PromoCodeError("NOT_FOUND");
  if (!promo.isActive) return new PromoCodeError("INACTIVE");
  if (promo.validFrom && promo.validFrom > now) return new PromoCodeError("NOT_YET_VALID");
  if (promo.validUntil && promo.validUntil <= now) return new PromoCodeError("EXPIRED");
  if (promo.maxUses !== null && promo.usesCount >= promo.maxUses) return new PromoCodeError("EXHAUSTED");
  const used = await db.promoCodeUsage.findUnique({
    where: { promoCodeId_userId: { promoCodeId: promo.id, userId } },
    select: { id: true },
  });
  return used ? new PromoCodeError("ALREADY_USED") : null;
}

/** The code as stored, or null. */
export function findPromoCode(db: Db, code: string) {
  return db.promoCode.findUnique({ where: { code: normalizePromoCode(code) } });
}

/** What `code` would take off `price` for `userId` now; throws PromoCodeError when it cannot be used. */
export async function quoteDiscount(db: Db, code: string, userId: number, price: Prisma.Decimal, now = new Date()) {
  const promo = await findPromoCode(db, code);
  const problem = await promoCodeProblem(db, promo, userId, now);
  if (problem) throw problem;
  return { promo: promo!, discount: discountOn(price, promo!) };
}

/**
 * Takes one use of the code for `userId` (inside the payment's transaction; the caller
 * records the usage with the payment once it exists). Throws PromoCodeError, leaving
 * nothing changed, when the code cannot be used.
 */
export async function redeemPromoCode(tx: Tx, code: string, userId: number, price: Prisma.Decimal, now: Date) {
  const { promo } = await quoteDiscount(tx, code, userId, price, now);
  // The conditional update is the real check: the read above may be stale under concurrency.
  const [taken] = await tx.$queryRaw<Array<{ id: number }>>`
    UPDATE promo_codes SET uses_count = uses_count + 1, updated_at = now()
    WHERE id = ${promo.id} AND is_active
      AND (max_uses IS NULL OR uses_count < max_uses)
      AND (valid_from IS NULL OR valid_from <= ${now})
      AND (valid_until IS NULL OR valid_until > ${now})
    RETURNING id`;
  if (!taken) throw new PromoCodeError("EXHAUSTED");
  return { promo, discount: discountOn(price, promo) };
}

/** Records the redemption against the payment; a second redemption by the same user is refused. */
export async function recordPromoUsage(
  tx: Tx,
  usage: { promoCodeId: number; userId: number; paymentId: number; discount: Prisma.Decimal },
) {
  try {
    await tx.promoCodeUsage.create({
      data: { promoCodeId: usage.promoCodeId, userId: usage.userId, paymentId: usage.paymentId, discountAmount: usage.discount },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new PromoCodeError("ALREADY_USED");
    throw error;
  }
}

/** Gives back the redemption of a payment that will never be paid (failed, cancelled). */
export async function releasePromoUsage(tx: Tx, paymentId: number): Promise<void> {
  const usage = await tx.promoCodeUsage.findUnique({ where: { paymentId }, select: { id: true, promoCodeId: true } });
  if (!usage) return;
  await tx.promoCodeUsage.delete({ where: { id: usage.id } });
  await tx.$executeRaw`UPDATE promo_codes SET uses_count = greatest(uses_count - 1, 0), updated_at = now() WHERE id = ${usage.promoCodeId}`;
}
