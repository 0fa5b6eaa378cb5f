// Admin billing rules: resolving orphan TON transfers and promo codes (refund requests
// are payment transitions, in domain/payments.ts). Every function runs inside the admin
// change's audited transaction.
import { Prisma } from "../generated/prisma/client.ts";
import type { DiscountType, OrphanPaymentStatus } from "../generated/prisma/enums.ts";
import { ConflictError, NotFoundError, ValidationError, isUniqueViolation, type FieldError } from "./errors.ts";
import { settlePayment } from "./payments.ts";
import { normalizePromoCode } from "./promo-codes.ts";

type Tx = Prisma.TransactionClient;

// ─── Refunds ─────────────────────────────────────────────────────────────────────

// A refund request is a payment transition: it lives with the others.
export { requestRefund, type RefundRequest, type RefundState } from "./payments.ts";

// ─── Orphan TON transfers ────────────────────────────────────────────────────────

export type OrphanResolution = Exclude<OrphanPaymentStatus, "UNMATCHED">;

export interface OrphanResolutionRequest {
  orphanPaymentId: number;
  resolution: OrphanResolution;
  /** The TON payment the transfer belongs to (MATCHED only). */
  paymentId?: number | null;
  note: string;
}

const orphanColumns = {
  id: true,
  tonTxHash: true,
  status: true,
  matchedPaymentId: true,
  resolvedById: true,
  resolvedAt: true,
  note: true,
} as const satisfies Prisma.OrphanPaymentSelect;

/**
 * Records how an admin resolved a TON transfer that matched no payment. MATCHED links it
 * to a TON payment and settles that payment (settlePayment, with the transfer's hash); REFUNDED
 * and IGNORED only record the decision. An orphan is resolved once.
 */
export async function resolveOrphanPayment(tx: Tx, adminId: number, request: OrphanResolutionRequest, now = new Date()) {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM orphan_payments WHERE id = ${request.orphanPaymentId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("OrphanPayment");
  const before = await tx.orphanPayment.findUniqueOrThrow({ where: { id: request.orphanPaymentId }, select: orphanColumns });
  if (before.status !== "UNMATCHED") throw new ConflictError(`This transfer is already resolved (${before.status})`);
  let matchedPaymentId: number | null = null;
  if (request.resolution === "MATCHED") {
    if (request.paymentId == null) throw ValidationError.of("input.paymentId", "is required to match a transfer to a payment");
    const payment = await tx.payment.findUnique({
      where: { id: request.paymentId },
      select: { id: true, provider: true, tonTxHash: true, orphanPayment: { select: { id: true } } },
    });
    if (!payment) throw new NotFoundError("Payment");
    if (payment.provider !== "TON") throw new ConflictError("Only a TON payment can be matched to a TON transfer");
    if (payment.orphanPayment) throw new ConflictError("This payment is already matched to another transfer");
    if (payment.tonTxHash && payment.tonTxHash.trim() !== before.tonTxHash.trim()) {
      throw new ConflictError("This payment was settled by another TON transaction");
    }
    matchedPaymentId = payment.id;
    // The admin vouches for the transfer: the payment settles with it (its commission too),
    // whatever the amount or timing was. Already succeeded: nothing changes.
    const transfer = await tx.orphanPayment.findUniqueOrThrow({ where: { id: request.orphanPaymentId }, select: { senderAddress: true } });
    await settlePayment(tx, payment.id, { tonTxHash: before.tonTxHash.trim(), tonSenderAddress: transfer.senderAddress });
  } else if (request.paymentId != null) {
    throw ValidationError.of("input.paymentId", "only a MATCHED resolution names a payment");
  }
  const after = await tx.orphanPayment.update({
    where: { id: request.orphanPaymentId },
    data: { status: request.resolution, matchedPaymentId, resolvedById: adminId, resolvedAt: now, note: request.note.trim() },
    select: orphanColumns,
  });
  return { before, after };
}

// ─── Promo codes ─────────────────────────────────────────────────────────────────

export interface PromoCodeChanges {
  code?: string;
  description?: string | null;
  discountType?: DiscountType;
  discountValue?: string;
  maxUses?: number | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  isActive?: boolean;
}

const promoCodeColumns = {
  id: true,
  code: true,
  description: true,
  discountType: true,
  discountValue: true,
  maxUses: true,
  usesCount: true,
  validFrom: true,
  validUntil: true,
  isActive: true,
  createdById: true,
} as const satisfies Prisma.PromoCodeSelect;

type PromoCodeRow = Prisma.PromoCodeGetPayload<{ select: typeof promoCodeColumns }>;

/** The rules a promo code must satisfy as a whole (after an update is applied to the row). */
async function checkPromoCode(tx: Tx, code: Omit<PromoCodeRow, "id" | "createdById">, selfId: number | null) {
  const errors: FieldError[] = [];
  const value = new Prisma.Decimal(code.discountValue);
  if (code.discountType === "PERCENT" && (value.lt(1) || value.gt(100))) {
    errors.push({ field: "input.discountValue", message: "a percent discount is between 1 and 100" });
  }
  if (code.discountType === "FIXED") {
    if (value.lte(0)) {
      errors.push({ field: "input.discountValue", message: "must be greater than 0" });
    } else {
      const cheapest = await tx.pricingTier.findFirst({ where: { isActive: true }, orderBy: { price: "asc" }, select: { price: true } });
      if (cheapest && value.gte(cheapest.price)) {
        errors.push({
          field: "input.discountValue",
          message: `must be less than the cheapest active tier (${cheapest.price.toFixed(2)} RUB)`,
        });
      }
    }
  }
  if (code.validFrom && code.validUntil && code.validUntil <= code.validFrom) {
    errors.push({ field: "input.validUntil", message: "must be after validFrom" });
  }
  if (code.maxUses != null && code.maxUses < code.usesCount) {
    errors.push({ field: "input.maxUses", message: `must be at least the uses so far (${code.usesCount})` });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  const taken = await tx.promoCode.findFirst({
    where: { code: { equals: code.code, mode: "insensitive" }, ...(selfId ? { id: { not: selfId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new ConflictError(`The promo code ${code.code} already exists`);
}

async function uniqueCode<T>(write: () => Promise<T>, code: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`The promo code ${code} already exists`);
    throw error;
  }
}

export async function createPromoCode(
  tx: Tx,
  adminId: number,
  input: PromoCodeChanges & { code: string; discountType: DiscountType; discountValue: string },
) {
  const data = {
    code: normalizePromoCode(input.code),
    description: input.description?.trim() || null,
    discountType: input.discountType,
    discountValue: new Prisma.Decimal(input.discountValue),
    maxUses: input.maxUses ?? null,
    usesCount: 0,
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    isActive: input.isActive ?? true,
  };
  await checkPromoCode(tx, data, null);
  const { usesCount: _, ...create } = data;
  const after = await uniqueCode(
    () => tx.promoCode.create({ data: { ...create, createdById: adminId }, select: promoCodeColumns }),
    data.code,
  );
  return { before: null, after };
}

export async function updatePromoCode(tx: Tx, id: number, changes: PromoCodeChanges) {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM promo_codes WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("PromoCode");
  const before = await tx.promoCode.findUniqueOrThrow({ where: { id }, select: promoCodeColumns });
  const data: Prisma.PromoCodeUpdateInput = {};
  if (changes.code !== undefined) data.code = normalizePromoCode(changes.code);
  if (changes.description !== undefined) data.description = changes.description?.trim() || null;
  if (changes.discountType !== undefined) data.discountType = changes.discountType;
  if (changes.discountValue !== undefined) data.discountValue = new Prisma.Decimal(changes.discountValue);
  if (changes.maxUses !== undefined) data.maxUses = changes.maxUses;
  if (changes.validFrom !== undefined) data.validFrom = changes.validFrom;
  if (changes.validUntil !== undefined) data.validUntil = changes.validUntil;
  if (changes.isActive !== undefined) data.isActive = changes.isActive;
  const merged = { ...before, ...(data as Partial<PromoCodeRow>) };
  await checkPromoCode(tx, merged, id);
  const after = await uniqueCode(() => tx.promoCode.update({ where: { id }, data, select: promoCodeColumns }), merged.code);
  return { before, after };
}

export async function deactivatePromoCode(tx: Tx, id: number) {
  const before = await tx.promoCode.findUnique({ where: { id }, select: promoCodeColumns });
  if (!before) throw new NotFoundError("PromoCode");
  const { count } = await tx.promoCode.updateMany({ where: { id, isActive: true }, data: { isActive: false } });
  if (count === 0) throw new ConflictError("This promo code is already inactive");
  return { before, after: { ...before, isActive: false } };
}
