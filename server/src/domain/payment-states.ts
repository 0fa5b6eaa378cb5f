// The payment state machine: the one table of which event moves a payment from which
// statuses to which. The transitions themselves (row lock, commission, promo use, refund
// job) live in domain/payments.ts; every status change goes through them, and each asks
// this table whether it applies.
//
//   PENDING ──settle──▶ SUCCEEDED ──requestRefund──▶ REFUNDING ──completeRefund──▶ REFUNDED
//      │                  ▲ ▲  └──────completeRefund (provider-initiated)──────────────▲
//      │                  │ └──failRefund (from REFUNDING: nothing was returned)
//      │                  └──settle (the money came after all)──┐
//      └──fail / cancel──▶ FAILED / CANCELED ───────────────────┘
import type { PaymentStatus } from "../generated/prisma/enums.ts";

/**
 * Money arrived for the payment (some or all of it may have gone back since): it is never
 * settled, opened or paid for again. Everything else is "unpaid".
 */
export const PAID_STATUSES = ["SUCCEEDED", "REFUNDING", "REFUNDED"] as const satisfies readonly PaymentStatus[];

export function isPaid(status: PaymentStatus): boolean {
  return (PAID_STATUSES as readonly PaymentStatus[]).includes(status);
}

export const PAYMENT_TRANSITIONS = {
  /** The provider has the money. A payment we had given up on still succeeds when it arrives. */
  settle: { from: ["PENDING", "FAILED", "CANCELED"], to: "SUCCEEDED" },
  /** The provider refused the payment. */
  fail: { from: ["PENDING"], to: "FAILED" },
  /** Nobody paid in time, or the user gave up. */
  cancel: { from: ["PENDING"], to: "CANCELED" },
  /** An admin or a failed generation asks for money back; the provider is asked by a job. */
  requestRefund: { from: ["SUCCEEDED"], to: "REFUNDING" },
  /** The provider returned money: one we asked for, or one it made on its own. */
  completeRefund: { from: ["SUCCEEDED", "REFUNDING"], to: "REFUNDED" },
  /** The provider refused the refund: the payment stands as it was. */
  failRefund: { from: ["REFUNDING"], to: "SUCCEEDED" },
} as const satisfies Record<string, { from: readonly PaymentStatus[]; to: PaymentStatus }>;

export type PaymentEvent = keyof typeof PAYMENT_TRANSITIONS;

/** Whether `event` moves a payment that is `status` now (false: the event changes nothing, or is refused). */
export function canApply(event: PaymentEvent, status: PaymentStatus): boolean {
  return (PAYMENT_TRANSITIONS[event].from as readonly PaymentStatus[]).includes(status);
}

/** What a failed generation does with its payment: spendable again (`revert`), or refunded in full (`refund`). */
export type FailedGenerationPayment = "revert" | "refund";
