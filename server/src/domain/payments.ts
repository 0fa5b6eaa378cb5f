// Payments, read side: which payment a user may spend next, how a list is ordered, and
// what of a provider id a receipt may show. The money-moving service (create, settle,
// consume, refund) joins here in a later issue and must use the same definitions.
import type { Payment, Prisma } from "../generated/prisma/client.ts";
import type { PaymentStatus } from "../generated/prisma/enums.ts";

/** A payment that can fund a generation: succeeded and not yet spent (idx_payments_available). */
export const spendablePayment = {
  status: "SUCCEEDED",
  generationConsumed: false,
} as const satisfies Prisma.PaymentWhereInput;

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
