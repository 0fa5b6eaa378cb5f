// The payment state machine's table, without a database: which events move which
// statuses, and that "paid" and "can be settled" split the statuses between them.
import { describe, expect, it } from "vitest";
import { PaymentStatus } from "../src/generated/prisma/enums.ts";
import { PAID_STATUSES, PAYMENT_TRANSITIONS, canApply, isPaid, type PaymentEvent } from "../src/domain/payment-states.ts";

const ALL = Object.values(PaymentStatus);

/** Every (event, status) pair the state machine accepts; anything else is refused. */
const ALLOWED: Record<PaymentEvent, PaymentStatus[]> = {
  settle: ["PENDING", "FAILED", "CANCELED"],
  fail: ["PENDING"],
  cancel: ["PENDING"],
  requestRefund: ["SUCCEEDED"],
  completeRefund: ["SUCCEEDED", "REFUNDING"],
  failRefund: ["REFUNDING"],
};

describe("payment state machine", () => {
  it("knows every status", () => {
    expect(ALL.sort()).toEqual(["CANCELED", "FAILED", "PENDING", "REFUNDED", "REFUNDING", "SUCCEEDED"]);
  });

  for (const [event, allowed] of Object.entries(ALLOWED) as [PaymentEvent, PaymentStatus[]][]) {
    it(`${event}: allowed from ${allowed.join(", ")}, refused from the rest`, () => {
      for (const status of ALL) expect(canApply(event, status), `${event} from ${status}`).toBe(allowed.includes(status));
    });
  }

  it("moves to the status each event names", () => {
    expect(Object.fromEntries(Object.entries(PAYMENT_TRANSITIONS).map(([event, { to }]) => [event, to]))).toEqual({
      settle: "SUCCEEDED",
      fail: "FAILED",
      cancel: "CANCELED",
      requestRefund: "REFUNDING",
      completeRefund: "REFUNDED",
      failRefund: "SUCCEEDED",
    });
  });

  it("has no event out of REFUNDED: a refunded payment is final", () => {
    for (const event of Object.keys(PAYMENT_TRANSITIONS) as PaymentEvent[]) expect(canApply(event, "REFUNDED")).toBe(false);
  });

  it("calls paid exactly the statuses that can no longer be settled", () => {
    expect([...PAID_STATUSES].sort()).toEqual(["REFUNDED", "REFUNDING", "SUCCEEDED"]);
    for (const status of ALL) expect(isPaid(status), status).toBe(!canApply("settle", status));
  });
});
