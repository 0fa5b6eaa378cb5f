// Payments as their owner sees them: history, the payment the next generation will spend,
// receipts without provider secrets. Nobody else — another user or an anonymous visitor —
// learns anything about them, through lists or node(id).
import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "../src/db/prisma.ts";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";
import { expectStaffOnly, fieldsBeyond } from "./support/staff-fields.ts";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { graphql } from "./gql/index.ts";

const ViewerPaymentsQuery = graphql(`
  query Payments_ViewerPayments($first: Int, $status: PaymentStatus) {
    viewer {
      id
      payments(first: $first, status: $status) {
        totalCount
        edges {
          node {
            id
            provider
            status
            amount
            currency
            originalAmount
            originalCurrency
            exchangeRate
            starsAmount
            tonAmount
            reference
            photoCount
            refundAmount
            refundStatus
            refundedAt
            consumed
            consumedAt
            isTestMode
            createdAt
            tier { id code price }
          }
        }
      }
    }
  }
`);

const AvailablePaymentQuery = graphql(`
  query Payments_AvailablePayment {
    viewer { id availablePayment { id amount consumed tier { code } } }
  }
`);

const IsProQuery = graphql(`
  query Payments_IsPro {
    viewer { id isPro availablePayment { id } }
  }
`);

const ViewerIdQuery = graphql(`
  query Payments_ViewerId { viewer { id } }
`);

const PaymentNodeQuery = graphql(`
  query Payments_Node($id: ID!) {
    node(id: $id) { id ... on Payment { amount status } }
  }
`);

let api: TestApi;
let owner: TestUser;
let other: TestUser;
let tier: { id: number; code: string };
let retiredTier: { id: number };
let sequence = 0;

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
const minutesAgo = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12) - minutes * 60_000);

/** A payment row as the (later) payment service would write it; amount > 0, unique keys. */
function createPayment(userId: number, data: Partial<Prisma.PaymentUncheckedCreateInput> = {}) {
  sequence += 1;
  return api.prisma.payment.create({
    data: {
      userId,
      idempotencyKey: `test-key-${sequence}`,
      amount: "499.00",
      photoCount: 7,
      pricingTierId: tier.id,
      ...data,
    },
  });
}

const ids = {} as Record<"consumed" | "oldestAvailable" | "newerAvailable" | "pending" | "refundedStars" | "ton" | "othersPayment", number>;

beforeAll(async () => {
  api = await createTestApi();
  [owner, other] = await Promise.all([api.signIn({ name: "Owner" }), api.signIn({ name: "Other" })]);
  tier = await api.prisma.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7 } });
  retiredTier = await api.prisma.pricingTier.create({
    data: { code: "legacy", name: "Legacy", price: "299.00", photoCount: 5, isActive: false },
  });

  // Another user's unspent payment, older than all of the owner's: it must never be theirs.
  ids.othersPayment = (await createPayment(other.id, { status: "SUCCEEDED", amount: "777.00", createdAt: minutesAgo(100) })).id;
  ids.consumed = (
    await createPayment(owner.id, {
      status: "SUCCEEDED",
      tbankPaymentId: "TBANK-0000-123456",
      generationConsumed: true,
      consumedAt: minutesAgo(50),
      createdAt: minutesAgo(60),
    })
  ).id;
  ids.oldestAvailable = (
    await createPayment(owner.id, { status: "SUCCEEDED", tbankPaymentId: "TBANK-0000-222222", createdAt: minutesAgo(40) })
  ).id;
  ids.newerAvailable = (
    await createPayment(owner.id, {
      status: "SUCCEEDED",
      amount: "299.00",
      photoCount: 5,
      pricingTierId: retiredTier.id,
      createdAt: minutesAgo(30),
    })
  ).id;
  ids.pending = (await createPayment(owner.id, { status: "PENDING", createdAt: minutesAgo(20) })).id;
  ids.refundedStars = (
    await createPayment(owner.id, {
      provider: "STARS",
      status: "REFUNDED",
      telegramChargeId: "stxCHARGE-abcdef",
      starsAmount: 250,
      originalCurrency: "XTR",
      originalAmount: "250",
      exchangeRate: "1.996",
      refundAmount: "499.00",
      refundStatus: "SUCCEEDED",
      refundedAt: minutesAgo(5),
      isTestMode: true,
      createdAt: minutesAgo(10),
    })
  ).id;
  ids.ton = (
    await createPayment(owner.id, {
      provider: "TON",
      status: "FAILED",
      tonTxHash: "a".repeat(58) + "c0ffee",
      tonAmount: "1.250000000",
      tonSenderAddress: "EQSENDER" + "x".repeat(40),
      originalCurrency: "TON",
      originalAmount: "1.250000000",
      pricingTierId: null,
      createdAt: minutesAgo(1),
    })
  ).id;
});

describe("the owner", () => {
  it("reads their payments newest first, as receipts", async () => {
    const result = await api.execute(ViewerPaymentsQuery, { first: 50 }, { headers: owner.headers });
    expect(result.errors).toBeUndefined();
    const payments = result.data!.viewer!.payments;
    expect(payments.totalCount).toBe(6);
    expect(payments.edges.map((e) => e.node.id)).toEqual(
      [ids.ton, ids.refundedStars, ids.pending, ids.newerAvailable, ids.oldestAvailable, ids.consumed].map((id) => globalId("Payment", id)),
    );
    const [ton, stars, , newer, , consumed] = payments.edges.map((e) => e.node);
    expect(ton).toMatchObject({
      provider: "TON",
      status: "FAILED",
      amount: "499",
      currency: "RUB",
      tonAmount: "1.25",
      originalCurrency: "TON",
      reference: "c0ffee",
      tier: null,
      consumed: false,
    });
    expect(stars).toMatchObject({
      provider: "STARS",
      status: "REFUNDED",
      starsAmount: 250,
      originalAmount: "250",
      originalCurrency: "XTR",
      exchangeRate: "1.996",
      reference: "abcdef",
      refundAmount: "499",
      refundStatus: "SUCCEEDED",
      refundedAt: minutesAgo(5).toISOString(),
      isTestMode: true,
      createdAt: minutesAgo(10).toISOString(),
    });
    // The tier bought stays on the receipt after it was retired from the catalogue.
    expect(newer).toMatchObject({
      amount: "299",
      photoCount: 5,
      reference: null,
      tier: { code: "legacy", price: "299" },
      refundAmount: "0",
    });
    expect(consumed).toMatchObject({
      reference: "123456",
      consumed: true,
      consumedAt: minutesAgo(50).toISOString(),
      tier: { id: globalId("PricingTier", tier.id), code: "starter" },
    });
    // Provider ids, idempotency keys and sender addresses stay on the server.
    expect(JSON.stringify(result.data)).not.toMatch(/TBANK-0000|stxCHARGE|EQSENDER|a{20}|test-key|777/);
  });

  it("filters by status", async () => {
    const result = await api.execute(ViewerPaymentsQuery, { first: 50, status: "SUCCEEDED" }, { headers: owner.headers });
    const payments = result.data!.viewer!.payments;
    expect(payments.totalCount).toBe(3);
    expect(payments.edges.map((e) => e.node.id)).toEqual(
      [ids.newerAvailable, ids.oldestAvailable, ids.consumed].map((id) => globalId("Payment", id)),
    );
  });

  it("resolves their own payment through node(id)", async () => {
    const result = await api.execute(PaymentNodeQuery, { id: globalId("Payment", ids.pending) }, { headers: owner.headers });
    expect(result.data?.node).toEqual({ id: globalId("Payment", ids.pending), amount: "499", status: "PENDING" });
  });

  it("sees the oldest succeeded, unspent payment as available, loaded with the viewer", async () => {
    const result = await api.execute(AvailablePaymentQuery, {}, { headers: owner.headers });
    expect(result.errors).toBeUndefined();
    expect(result.data!.viewer!.availablePayment).toEqual({
      id: globalId("Payment", ids.oldestAvailable),
      amount: "499",
      consumed: false,
      tier: { code: "starter" },
    });
    const bare = await api.execute(ViewerIdQuery, {}, { headers: owner.headers });
    // Planned into the viewer's query: one statement for the payment (for any number of
    // users), one for its tier; the user row is not read twice.
    expect(result.statements).toHaveLength(bare.statements.length + 2);
    expect(result.statements.filter((sql) => /FROM "public"\."users"/.test(sql))).toHaveLength(1);
  });

  it("answers isPro next to availablePayment", async () => {
    const result = await api.execute(IsProQuery, {}, { headers: owner.headers });
    expect(result.errors).toBeUndefined();
    expect(result.data!.viewer).toMatchObject({ isPro: true, availablePayment: { id: globalId("Payment", ids.oldestAvailable) } });
  });

  it("moves availablePayment on as payments are spent, to null when none is left", async () => {
    const user = await api.signIn({ name: "Spender" });
    const first = await createPayment(user.id, { status: "SUCCEEDED", createdAt: minutesAgo(9) });
    const second = await createPayment(user.id, { status: "SUCCEEDED", createdAt: minutesAgo(8) });
    await createPayment(user.id, { status: "PENDING", createdAt: minutesAgo(10) });
    const available = async () =>
      (await api.execute(AvailablePaymentQuery, {}, { headers: user.headers })).data!.viewer!.availablePayment?.id ?? null;

    expect(await available()).toBe(globalId("Payment", first.id));
    await api.prisma.payment.update({ where: { id: first.id }, data: { generationConsumed: true, consumedAt: new Date() } });
    expect(await available()).toBe(globalId("Payment", second.id));
    await api.prisma.payment.update({ where: { id: second.id }, data: { status: "REFUNDED" } });
    expect(await available()).toBeNull();
  });
});

describe("another user", () => {
  it("sees only their own payments and their own available payment", async () => {
    const list = await api.execute(ViewerPaymentsQuery, { first: 50 }, { headers: other.headers });
    expect(list.data!.viewer!.payments.totalCount).toBe(1);
    expect(list.data!.viewer!.payments.edges.map((e) => e.node.id)).toEqual([globalId("Payment", ids.othersPayment)]);
    const available = await api.execute(AvailablePaymentQuery, {}, { headers: other.headers });
    expect(available.data!.viewer!.availablePayment?.id).toBe(globalId("Payment", ids.othersPayment));
  });

  it("gets node: null for the owner's payments, with no data", async () => {
    for (const id of [ids.pending, ids.oldestAvailable, ids.refundedStars]) {
      const result = await api.execute(PaymentNodeQuery, { id: globalId("Payment", id) }, { headers: other.headers });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ node: null });
    }
  });
});

describe("an anonymous visitor", () => {
  it("has no viewer, so no payments", async () => {
    const result = await api.execute(ViewerPaymentsQuery, { first: 50 });
    expect(result.data).toEqual({ viewer: null });
    expect(JSON.stringify(result)).not.toContain("Payment");
    expect(result.statements).toEqual([]);
  });

  it("gets node: null for any payment", async () => {
    for (const id of [ids.pending, ids.othersPayment]) {
      const result = await api.execute(PaymentNodeQuery, { id: globalId("Payment", id) });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ node: null });
    }
  });
});

describe("loading", () => {
  it("loads payments and their tiers in a number of statements independent of how many there are", async () => {
    const user = await api.signIn({ name: "Many payments" });
    const tiers = await Promise.all(
      ["a", "b", "c", "d", "e", "f"].map((code, i) =>
        api.prisma.pricingTier.create({ data: { code: `bulk-${code}`, name: code, price: "100.00", photoCount: i + 1 } }),
      ),
    );
    const addPayments = (from: number) =>
      Promise.all(tiers.slice(from, from + 3).map((t) => createPayment(user.id, { pricingTierId: t.id, status: "SUCCEEDED" })));

    await addPayments(0);
    const three = await api.execute(ViewerPaymentsQuery, { first: 50 }, { headers: user.headers });
    await addPayments(3);
    const six = await api.execute(ViewerPaymentsQuery, { first: 50 }, { headers: user.headers });

    expect(three.data!.viewer!.payments.edges).toHaveLength(3);
    expect(six.data!.viewer!.payments.edges).toHaveLength(6);
    expect(six.data!.viewer!.payments.edges.map((e) => e.node.tier?.code).sort()).toEqual(tiers.map((t) => t.code).sort());
    expect(six.statements).toHaveLength(three.statements.length);
    const bare = await api.execute(ViewerIdQuery, {}, { headers: user.headers });
    // viewer with its payment count, the payments, their tiers
    expect(six.statements).toHaveLength(bare.statements.length + 2);
  });
});

describe("what the payment schema exposes", () => {
  const PUBLIC_PAYMENT_FIELDS = [
    "amount",
    "consumed",
    "consumedAt",
    "createdAt",
    "currency",
    "exchangeRate",
    "id",
    "isTestMode",
    "originalAmount",
    "originalCurrency",
    "photoCount",
    "provider",
    "reference",
    "refundAmount",
    "refundStatus",
    "refundedAt",
    "starsAmount",
    "status",
    "tier",
    "tonAmount",
  ];

  it("shows its owner receipt fields only: provider ids, idempotency keys, sender addresses and webhook data are staff-only", async () => {
    const owner = await api.signIn({ name: "Receipt owner" });
    const payment = await api.prisma.payment.create({
      data: {
        userId: owner.id,
        idempotencyKey: "receipt-fields",
        amount: "999.00",
        photoCount: 15,
        status: "SUCCEEDED",
        tbankPaymentId: "tb-secret-1",
      },
    });
    const staffOnly = fieldsBeyond("Payment", PUBLIC_PAYMENT_FIELDS);
    expect(staffOnly).toEqual(expect.arrayContaining(["idempotencyKey", "tbankPaymentId", "tonSenderAddress", "webhookEvents"]));
    await expectStaffOnly(api, owner.headers, "Payment", encodeGlobalID("Payment", payment.id), staffOnly);
  });
});
