// The money rules every provider shares, through the test-mode provider: creating a
// payment (idempotency, promo codes under concurrency), settling it (commission on the
// ledger, partner rates), refunds reversing commissions, withdrawals under concurrency,
// and the ledger check (`pnpm db:verify-ledger`).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../src/generated/prisma/client.ts";
import { ensureReferralCode } from "../src/domain/referrals.ts";
import { verifyLedger } from "../src/domain/ledger.ts";
import { approvePartnerApplication } from "../src/domain/partners.ts";
import { createTaskList } from "../src/worker/tasks.ts";
import { REFUND_TASK, STALE_PAYMENT_HOURS, completeRefund, expireStalePayments, settlePayment } from "../src/domain/payments.ts";
import { createPaymentGateways } from "../src/payments/gateways.ts";
import { loadConfig } from "../src/config.ts";
import { createTestApi, type TestAdmin, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const Providers = graphql(`
  query PaymentsFlow_Providers {
    paymentProviders
    pricingTiers { id code price photoCount }
  }
`);

const Quote = graphql(`
  query PaymentsFlow_Quote($tierId: ID!, $promoCode: String) {
    paymentQuote(tierId: $tierId, promoCode: $promoCode) {
      amount
      discount
      promoCode
      promoError { reason message }
    }
  }
`);

const CreatePayment = graphql(`
  mutation PaymentsFlow_Create($input: CreatePaymentInput!) {
    createPayment(input: $input) {
      __typename
      ... on CreatePaymentPayload {
        payment { id status amount provider isTestMode photoCount }
        checkout { __typename ... on TestModeCheckout { paymentId } }
      }
      ... on PromoCodeError { code reason message }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const CompleteTestPayment = graphql(`
  mutation PaymentsFlow_Complete($input: CompleteTestPaymentInput!) {
    completeTestPayment(input: $input) {
      __typename
      ... on Payment { id status }
      ... on Error { code message }
    }
  }
`);

const RequestWithdrawal = graphql(`
  mutation PaymentsFlow_Withdraw($input: RequestWithdrawalInput!) {
    requestWithdrawal(input: $input) {
      __typename
      ... on Withdrawal { id status amount ndflAmount payoutAmount destination }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const CancelWithdrawal = graphql(`
  mutation PaymentsFlow_CancelWithdrawal($input: CancelWithdrawalInput!) {
    cancelWithdrawal(input: $input) {
      __typename
      ... on Withdrawal { id status }
      ... on Error { code message }
    }
  }
`);

const Refund = graphql(`
  mutation PaymentsFlow_Refund($input: RefundPaymentInput!) {
    refundPayment(input: $input) {
      __typename
      ... on Error { code message }
    }
  }
`);

let api: TestApi;
let tiers: Array<{ id: string; code: string; price: string; photoCount: number }>;
let admin: TestAdmin;

beforeAll(async () => {
  api = await createTestApi();
  await api.prisma.pricingTier.createMany({
    data: [
      { code: "starter", name: "Starter", price: "499.00", photoCount: 7, sortOrder: 1 },
      { code: "premium", name: "Premium", price: "1499.00", photoCount: 23, sortOrder: 2 },
    ],
  });
  const { data } = await api.execute(Providers);
  expect(data!.paymentProviders).toEqual(["TEST"]);
  tiers = data!.pricingTiers;
  admin = await api.signInAdmin("ADMIN");
});

const tier = (code: string) => tiers.find((t) => t.code === code)!;
let keys = 0;
const newKey = () => `test-key-${process.pid}-${++keys}`;

async function createPayment(
  user: TestUser,
  input: { tier?: string; promoCode?: string; idempotencyKey?: string; provider?: "TEST" | "TBANK" } = {},
) {
  const { data, errors } = await api.execute(
    CreatePayment,
    {
      input: {
        tierId: tier(input.tier ?? "starter").id,
        provider: input.provider ?? "TEST",
        promoCode: input.promoCode,
        idempotencyKey: input.idempotencyKey ?? newKey(),
      },
    },
    { headers: user.headers },
  );
  expect(errors).toBeUndefined();
  return data!.createPayment;
}

async function paidPayment(user: TestUser, tierCode = "starter") {
  const created = await createPayment(user, { tier: tierCode });
  if (created.__typename !== "CreatePaymentPayload") throw new Error(JSON.stringify(created));
  const { data } = await api.execute(CompleteTestPayment, { input: { paymentId: created.payment.id } }, { headers: user.headers });
  expect(data!.completeTestPayment).toMatchObject({ __typename: "Payment", status: "SUCCEEDED" });
  return api.prisma.payment.findFirstOrThrow({ where: { userId: user.id }, orderBy: { id: "desc" } });
}

/** A referrer and a user they brought in. */
async function referredPair() {
  const referrer = await api.signIn({ name: "Referrer" });
  await ensureReferralCode(api.prisma, referrer.id);
  const { code } = await api.prisma.referralCode.findUniqueOrThrow({ where: { userId: referrer.id } });
  const payer = await api.signIn({ name: "Payer", referralCode: code });
  return { referrer, payer };
}

const balanceOf = async (userId: number) =>
  (await api.prisma.referralBalance.findUnique({ where: { userId } })) ?? {
    balanceRub: new Prisma.Decimal(0),
    balanceTon: new Prisma.Decimal(0),
    earnedRub: new Prisma.Decimal(0),
  };

async function createPromo(code: string, data: Partial<Prisma.PromoCodeUncheckedCreateInput> = {}) {
  return api.prisma.promoCode.create({ data: { code, discountType: "PERCENT", discountValue: "10", ...data } });
}

describe("createPayment", () => {
  it("creates a PENDING test-mode payment with the tier's price and a checkout", async () => {
    const user = await api.signIn();
    const created = await createPayment(user, { tier: "premium" });
    expect(created).toMatchObject({
      __typename: "CreatePaymentPayload",
      payment: { status: "PENDING", amount: "1499", provider: "TEST", isTestMode: true, photoCount: 23 },
      checkout: { __typename: "TestModeCheckout" },
    });
    if (created.__typename !== "CreatePaymentPayload") return;
    expect(created.checkout).toEqual({ __typename: "TestModeCheckout", paymentId: created.payment.id });
  });

  it("returns the same payment for the same key, and refuses the key for another request", async () => {
    const user = await api.signIn();
    const idempotencyKey = newKey();
    const [a, b] = await Promise.all([createPayment(user, { idempotencyKey }), createPayment(user, { idempotencyKey })]);
    const c = await createPayment(user, { idempotencyKey });
    const ids = [a, b, c].map((r) => (r.__typename === "CreatePaymentPayload" ? r.payment.id : r.__typename));
    expect(new Set(ids).size).toBe(1);
    expect(await api.prisma.payment.count({ where: { userId: user.id } })).toBe(1);

    const other = await createPayment(user, { idempotencyKey, tier: "premium" });
    expect(other).toMatchObject({ __typename: "IdempotencyKeyReusedError", code: "IDEMPOTENCY_KEY_REUSED" });
    // Another user's identical key is theirs: keys are per user.
    const stranger = await api.signIn();
    expect((await createPayment(stranger, { idempotencyKey })).__typename).toBe("CreatePaymentPayload");
  });

  it("refuses bad input with typed errors and creates nothing", async () => {
    const user = await api.signIn();
    expect(await createPayment(user, { idempotencyKey: "short" })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.idempotencyKey" }],
    });
    expect(await createPayment(user, { provider: "TBANK" })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.provider" }],
    });
    await api.prisma.pricingTier.update({ where: { code: "premium" }, data: { isActive: false } });
    try {
      expect(await createPayment(user, { tier: "premium" })).toMatchObject({ __typename: "NotFoundError" });
    } finally {
      await api.prisma.pricingTier.update({ where: { code: "premium" }, data: { isActive: true } });
    }
    expect(await api.prisma.payment.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("promo codes", () => {
  it("takes a percentage or a fixed sum off, never below the minimum charge", async () => {
    await createPromo("TENOFF", { discountType: "PERCENT", discountValue: "10" });
    await createPromo("MINUS200", { discountType: "FIXED", discountValue: "200" });
    await createPromo("HUGE", { discountType: "FIXED", discountValue: "5000" });
    const user = await api.signIn();
    const quote = async (promoCode?: string) =>
      (await api.execute(Quote, { tierId: tier("starter").id, promoCode }, { headers: user.headers })).data!.paymentQuote;
    expect(await quote()).toMatchObject({ amount: "499", discount: "0", promoCode: null, promoError: null });
    expect(await quote(" tenoff ")).toMatchObject({ amount: "449.1", discount: "49.9", promoCode: "TENOFF" });
    expect(await quote("MINUS200")).toMatchObject({ amount: "299", discount: "200" });
    expect(await quote("HUGE")).toMatchObject({ amount: "1", discount: "498" });
    expect(await quote("NOPE")).toMatchObject({ amount: "499", promoError: { reason: "NOT_FOUND" } });

    const created = await createPayment(user, { promoCode: "tenoff" });
    expect(created).toMatchObject({ payment: { amount: "449.1" } });
    const usage = await api.prisma.promoCodeUsage.findFirstOrThrow({ where: { userId: user.id } });
    expect(usage.discountAmount.toFixed(2)).toBe("49.90");
  });

  it("refuses expired, not yet valid, inactive and already used codes, changing nothing", async () => {
    const now = Date.now();
    await createPromo("OLD", { validUntil: new Date(now - 1000) });
    await createPromo("LATER", { validFrom: new Date(now + 3_600_000) });
    await createPromo("OFF", { isActive: false });
    await createPromo("ONCE");
    const user = await api.signIn();
    for (const [code, reason] of [
      ["OLD", "EXPIRED"],
      ["LATER", "NOT_YET_VALID"],
      ["OFF", "INACTIVE"],
    ] as const) {
      expect(await createPayment(user, { promoCode: code })).toMatchObject({ __typename: "PromoCodeError", reason });
    }
    expect((await createPayment(user, { promoCode: "ONCE" })).__typename).toBe("CreatePaymentPayload");
    expect(await createPayment(user, { promoCode: "ONCE" })).toMatchObject({ __typename: "PromoCodeError", reason: "ALREADY_USED" });
    expect(await api.prisma.payment.count({ where: { userId: user.id } })).toBe(1);
    expect((await api.prisma.promoCode.findUniqueOrThrow({ where: { code: "ONCE" } })).usesCount).toBe(1);
  });

  it("holds its usage limit under concurrency", async () => {
    await createPromo("LIMITED", { maxUses: 5 });
    const users = await Promise.all(Array.from({ length: 20 }, () => api.signIn()));
    const results = await Promise.all(users.map((user) => createPayment(user, { promoCode: "LIMITED" })));
    const succeeded = results.filter((r) => r.__typename === "CreatePaymentPayload");
    expect(succeeded).toHaveLength(5);
    expect(
      results.filter((r) => r.__typename === "PromoCodeError").every((r) => r.__typename === "PromoCodeError" && r.reason === "EXHAUSTED"),
    ).toBe(true);
    const promo = await api.prisma.promoCode.findUniqueOrThrow({
      where: { code: "LIMITED" },
      include: { _count: { select: { usages: true } } },
    });
    expect(promo.usesCount).toBe(5);
    expect(promo._count.usages).toBe(5);
  });

  it("gives the use back when the payment fails", async () => {
    await createPromo("COMEBACK", { maxUses: 1 });
    const user = await api.signIn();
    const created = await createPayment(user, { promoCode: "COMEBACK" });
    if (created.__typename !== "CreatePaymentPayload") throw new Error(created.__typename);
    const { failPayment } = await import("../src/domain/payments.ts");
    const payment = await api.prisma.payment.findFirstOrThrow({ where: { userId: user.id } });
    await api.prisma.$transaction((tx) => failPayment(tx, payment.id, "FAILED"));
    expect((await api.prisma.promoCode.findUniqueOrThrow({ where: { code: "COMEBACK" } })).usesCount).toBe(0);
    expect((await createPayment(user, { promoCode: "COMEBACK" })).__typename).toBe("CreatePaymentPayload");
  });
});

describe("unpaid payments", () => {
  it("are cancelled after a day (their promo use returns); money arriving later still settles them", async () => {
    await createPromo("STALE", { maxUses: 1 });
    const user = await api.signIn();
    const fresh = await api.signIn();
    expect((await createPayment(user, { promoCode: "STALE" })).__typename).toBe("CreatePaymentPayload");
    expect((await createPayment(fresh)).__typename).toBe("CreatePaymentPayload");
    const old = await api.prisma.payment.findFirstOrThrow({ where: { userId: user.id } });
    await api.prisma.payment.update({
      where: { id: old.id },
      data: { createdAt: new Date(Date.now() - (STALE_PAYMENT_HOURS + 1) * 3_600_000) },
    });

    expect(await expireStalePayments(api.prisma)).toBe(1);
    expect(await expireStalePayments(api.prisma)).toBe(0);
    expect((await api.prisma.payment.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("CANCELED");
    expect((await api.prisma.payment.findFirstOrThrow({ where: { userId: fresh.id } })).status).toBe("PENDING");
    expect((await api.prisma.promoCode.findUniqueOrThrow({ where: { code: "STALE" } })).usesCount).toBe(0);

    const late = await api.prisma.$transaction((tx) => settlePayment(tx, old.id));
    expect(late).toMatchObject({ changed: true, payment: { status: "SUCCEEDED" } });
  });
});

describe("settling and commissions", () => {
  it("completes a test payment once and credits the referrer 10% on the ledger", async () => {
    const { referrer, payer } = await referredPair();
    const payment = await paidPayment(payer, "premium");
    // Completing it again changes nothing.
    const again = await api.execute(
      CompleteTestPayment,
      { input: { paymentId: Buffer.from(`Payment:${payment.id}`).toString("base64") } },
      { headers: payer.headers },
    );
    expect(again.data!.completeTestPayment).toMatchObject({ status: "SUCCEEDED" });

    const earnings = await api.prisma.referralEarning.findMany({ where: { paymentId: payment.id } });
    expect(earnings).toHaveLength(1);
    expect(earnings[0]).toMatchObject({ referrerId: referrer.id, status: "CREDITED", currency: "RUB" });
    expect(earnings[0]!.amount.toFixed(2)).toBe("149.90");
    const balance = await balanceOf(referrer.id);
    expect(balance.balanceRub.toFixed(2)).toBe("149.90");
    expect(balance.earnedRub.toFixed(2)).toBe("149.90");
    expect(await verifyLedger(api.prisma)).toEqual([]);
  });

  it("does not let a user complete someone else's payment or a real provider's", async () => {
    const owner = await api.signIn();
    const created = await createPayment(owner);
    if (created.__typename !== "CreatePaymentPayload") throw new Error(created.__typename);
    const stranger = await api.signIn();
    const { data } = await api.execute(CompleteTestPayment, { input: { paymentId: created.payment.id } }, { headers: stranger.headers });
    expect(data!.completeTestPayment).toMatchObject({ __typename: "NotFoundError" });
    expect((await api.prisma.payment.findFirstOrThrow({ where: { userId: owner.id } })).status).toBe("PENDING");
  });

  it("an approved partner application's rate applies to later payments only", async () => {
    const { referrer, payer } = await referredPair();
    const first = await paidPayment(payer, "starter");
    const application = await api.prisma.partnerApplication.create({ data: { userId: referrer.id, contactName: "Partner" } });
    await api.prisma.$transaction((tx) =>
      approvePartnerApplication(tx, { applicationId: application.id, adminId: admin.id, commissionRate: "0.30" }),
    );
    const second = await paidPayment(payer, "starter");
    const earnings = await api.prisma.referralEarning.findMany({
      where: { paymentId: { in: [first.id, second.id] } },
      orderBy: { id: "asc" },
    });
    expect(earnings.map((e) => [e.rate.toFixed(2), e.amount.toFixed(2)])).toEqual([
      ["0.10", "49.90"],
      ["0.30", "149.70"],
    ]);
  });

  it("credits nothing for a payer nobody referred", async () => {
    const user = await api.signIn();
    const payment = await paidPayment(user);
    expect(await api.prisma.referralEarning.count({ where: { paymentId: payment.id } })).toBe(0);
  });
});

describe("refunds", () => {
  async function runRefundJobs() {
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: api.databaseUrl,
      TELEGRAM_BOT_TOKEN: "123456789:TEST-token-for-signing-init-data",
    });
    const tasks = createTaskList({ prisma: api.prisma, payments: createPaymentGateways(config) } as Parameters<typeof createTaskList>[0]);
    const jobs = await api.prisma.$queryRaw<Array<{ id: string; payload: { paymentId: number } }>>`
      SELECT j.id::text, j.payload FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = ${REFUND_TASK}`;
    for (const job of jobs) {
      await tasks[REFUND_TASK]!(job.payload, {} as never);
      await api.prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ${BigInt(job.id)}`;
    }
    return jobs.length;
  }

  it("an admin's refund reaches the provider by a job and reverses the commission", async () => {
    const { referrer, payer } = await referredPair();
    const payment = await paidPayment(payer, "premium");
    const { data } = await api.execute(
      Refund,
      { input: { paymentId: Buffer.from(`Payment:${payment.id}`).toString("base64"), reason: "customer asked" } },
      { headers: admin.headers },
    );
    expect(data!.refundPayment.__typename).toBe("Payment");
    expect((await api.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("REFUNDING");
    expect(await runRefundJobs()).toBe(1);

    const refunded = await api.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(refunded).toMatchObject({ status: "REFUNDED", refundStatus: "SUCCEEDED" });
    expect(refunded.refundAmount.toFixed(2)).toBe("1499.00");
    expect((await balanceOf(referrer.id)).balanceRub.toFixed(2)).toBe("0.00");
    const earning = await api.prisma.referralEarning.findUniqueOrThrow({ where: { paymentId: payment.id } });
    expect(earning.status).toBe("REVERSED");
    const kinds = await api.prisma.balanceTransaction.findMany({
      where: { paymentId: payment.id },
      orderBy: { id: "asc" },
      select: { kind: true, amount: true },
    });
    expect(kinds.map((k) => [k.kind, k.amount.toFixed(2)])).toEqual([
      ["COMMISSION", "149.90"],
      ["COMMISSION_REVERSAL", "-149.90"],
    ]);
    // A repeated confirmation changes nothing.
    await api.prisma.$transaction((tx) => completeRefund(tx, payment.id));
    expect(await api.prisma.balanceTransaction.count({ where: { paymentId: payment.id } })).toBe(2);
    expect(await verifyLedger(api.prisma)).toEqual([]);
  });

  it("a partial refund reverses its share; what was already withdrawn raises an alert instead of a negative balance", async () => {
    const { referrer, payer } = await referredPair();
    const payment = await paidPayment(payer, "premium"); // commission 149.90
    await api.prisma.$transaction((tx) => completeRefund(tx, payment.id, { amount: new Prisma.Decimal("749.50") }));
    expect((await balanceOf(referrer.id)).balanceRub.toFixed(2)).toBe("74.95");

    const other = await referredPair();
    const paid = await paidPayment(other.payer, "premium");
    const withdrawal = await api.execute(
      RequestWithdrawal,
      { input: { amount: "120", currency: "RUB", method: "SBP", details: { phone: "+79990001122", bank: "T-Bank" } } },
      { headers: other.referrer.headers },
    );
    expect(withdrawal.data!.requestWithdrawal.__typename).toBe("Withdrawal");
    await api.prisma.$transaction((tx) => completeRefund(tx, paid.id));
    expect((await balanceOf(other.referrer.id)).balanceRub.toFixed(2)).toBe("0.00");
    const alert = await api.prisma.adminAlert.findFirstOrThrow({ where: { source: "referrals" }, orderBy: { id: "desc" } });
    expect(alert.message).toContain("120");
    expect(await verifyLedger(api.prisma)).toEqual([]);
  });

  it("a refund that arrives before the confirmation ends REFUNDED with the books balanced", async () => {
    const { referrer, payer } = await referredPair();
    const created = await createPayment(payer, { tier: "starter" });
    if (created.__typename !== "CreatePaymentPayload") throw new Error(created.__typename);
    const payment = await api.prisma.payment.findFirstOrThrow({ where: { userId: payer.id } });
    await api.prisma.$transaction((tx) => completeRefund(tx, payment.id));
    const late = await api.prisma.$transaction((tx) => settlePayment(tx, payment.id));
    expect(late.changed).toBe(false);
    expect((await api.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("REFUNDED");
    expect((await balanceOf(referrer.id)).balanceRub.toFixed(2)).toBe("0.00");
    expect(await api.prisma.balanceTransaction.count({ where: { paymentId: payment.id } })).toBe(2);
  });
});

describe("withdrawals", () => {
  const sbp = { phone: "+79990001122", bank: "T-Bank" };

  it("50 concurrent requests never overdraw, and the ledger holds", async () => {
    const { referrer, payer } = await referredPair();
    for (let i = 0; i < 4; i++) await paidPayment(payer, "premium"); // 4 × 149.90 = 599.60
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        api.execute(
          RequestWithdrawal,
          { input: { amount: "100", currency: "RUB", method: "SBP", details: sbp } },
          { headers: referrer.headers },
        ),
      ),
    );
    const outcomes = results.map((r) => r.data!.requestWithdrawal.__typename);
    expect(outcomes.filter((t) => t === "Withdrawal")).toHaveLength(5);
    expect(outcomes.filter((t) => t === "ConflictError")).toHaveLength(45);
    expect((await balanceOf(referrer.id)).balanceRub.toFixed(2)).toBe("99.60");
    expect(await verifyLedger(api.prisma)).toEqual([]);
  });

  it("withholds 13% NDFL, refuses amounts under the minimum, and a cancelled request returns the money", async () => {
    const { referrer, payer } = await referredPair();
    await paidPayment(payer, "premium");
    const under = await api.execute(
      RequestWithdrawal,
      { input: { amount: "99.99", currency: "RUB", method: "SBP", details: sbp } },
      { headers: referrer.headers },
    );
    expect(under.data!.requestWithdrawal).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.amount" }] });

    const made = await api.execute(
      RequestWithdrawal,
      { input: { amount: "100", currency: "RUB", method: "CARD", details: { cardNumber: "2200 7000 1234 4417" } } },
      { headers: referrer.headers },
    );
    const request = made.data!.requestWithdrawal;
    if (request.__typename !== "Withdrawal") throw new Error(request.__typename);
    expect(request).toMatchObject({ status: "PENDING", amount: "100", ndflAmount: "13", payoutAmount: "87" });
    expect(request.destination).toContain("4417");
    expect(JSON.stringify(await api.prisma.withdrawal.findMany({ where: { userId: referrer.id } }))).not.toContain("2200700012344417");
    expect((await balanceOf(referrer.id)).balanceRub.toFixed(2)).toBe("49.90");

    const cancelled = await api.execute(CancelWithdrawal, { input: { withdrawalId: request.id } }, { headers: referrer.headers });
    expect(cancelled.data!.cancelWithdrawal).toMatchObject({ status: "CANCELLED" });
    expect((await balanceOf(referrer.id)).balanceRub.toFixed(2)).toBe("149.90");
    const again = await api.execute(CancelWithdrawal, { input: { withdrawalId: request.id } }, { headers: referrer.headers });
    expect(again.data!.cancelWithdrawal).toMatchObject({ __typename: "ConflictError" });
    const stranger = await api.signIn();
    const theirs = await api.execute(CancelWithdrawal, { input: { withdrawalId: request.id } }, { headers: stranger.headers });
    expect(theirs.data!.cancelWithdrawal).toMatchObject({ __typename: "NotFoundError" });
  });
});

describe("pnpm db:verify-ledger", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const run = (databaseUrl: string) =>
    promisify(execFile)("npx", ["tsx", "server/src/cli/db.ts", "verify-ledger"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test" },
    }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
    );

  it("passes on balanced books and exits non-zero on a balance that differs from its ledger", async () => {
    const { referrer, payer } = await referredPair();
    await paidPayment(payer);
    expect(await run(api.databaseUrl)).toMatchObject({ code: 0 });
    // Only by switching the database's own guard off can the books be broken.
    await api.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      await tx.$executeRaw`UPDATE referral_balances SET balance_rub = balance_rub + 1 WHERE user_id = ${referrer.id}`;
    });
    const broken = await run(api.databaseUrl);
    expect(broken.code).toBe(3);
    expect(broken.output).toContain(`user ${referrer.id} RUB`);
    await api.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      await tx.$executeRaw`UPDATE referral_balances SET balance_rub = balance_rub - 1 WHERE user_id = ${referrer.id}`;
    });
  }, 60_000);
});
