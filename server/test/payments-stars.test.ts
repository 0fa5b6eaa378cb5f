// Telegram Stars end to end against a local fake of the Bot API: the invoice link
// (createInvoiceLink, XTR), the bot webhook on the real HTTP server (secret token,
// pre_checkout_query answered, successful_payment settled exactly once), refunds
// (refundStarPayment, refunded_payment) with the referral commission reversed.
import { beforeAll, describe, expect, it } from "vitest";
import { createPubSub } from "graphql-yoga";
import { Prisma } from "../src/generated/prisma/client.ts";
import { loadConfig } from "../src/config.ts";
import { requestRefund } from "../src/domain/admin-billing.ts";
import { PaymentProviderError } from "../src/domain/errors.ts";
import { REFUND_TASK, createPayment, queueProviderRefund, runProviderRefund } from "../src/domain/payments.ts";
import { ensureReferralCode } from "../src/domain/referrals.ts";
import type { Channels } from "../src/events/pubsub.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import type { PaymentGateways } from "../src/domain/payment-gateway.ts";
import { createPaymentGateways } from "../src/payments/gateways.ts";
import { createWebhookRoutes } from "../src/payments/webhook-routes.ts";
import { CHECKOUT_REFUSALS } from "../src/telegram/stars.ts";
import { startFakeBotApi, type FakeBotApi, type FakeUpdate } from "./fakes/telegram-bot-api.ts";
import { TEST_BOT_TOKEN, createTestApi, type TestApi, type TestUser } from "./support/harness.ts";

const SECRET = "stars-test-webhook-secret_0123456789";
const RUB_PER_STAR = "1.5";

let fake: FakeBotApi;
let api: TestApi;
let gateways: PaymentGateways;
let server: RunningHttpServer;
let webhookUrl: string;
let tier: { id: number };

beforeAll(async () => {
  fake = await startFakeBotApi({ token: TEST_BOT_TOKEN });
  const env = { TELEGRAM_API_URL: fake.url, STARS_RUB_RATE: RUB_PER_STAR, TELEGRAM_WEBHOOK_SECRET: SECRET };
  api = await createTestApi(env);
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: api.databaseUrl,
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    STORAGE_LOCAL_DIR: api.storageDir,
    ...env,
  });
  gateways = createPaymentGateways(config);
  const webhooks = createWebhookRoutes({ config, prisma: api.prisma, events: createPubSub<Channels>(), payments: gateways });
  server = await startHttpServer(api.app, { prisma: api.prisma, host: "127.0.0.1", port: 0, webhooks });
  webhookUrl = new URL("/webhooks/telegram", server.url).toString();
  tier = await api.prisma.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7 } });
  return async () => {
    await server.close();
    await fake.close();
  };
});

let keys = 0;
const newKey = () => `stars-key-${process.pid}-${++keys}`;
/** 499 RUB at 1.5 RUB per Star, rounded up. */
const TIER_STARS = 333;

async function starsPayment(user: TestUser, idempotencyKey = newKey()) {
  return createPayment(api.prisma, gateways, { userId: user.id, tierId: tier.id, provider: "STARS", idempotencyKey });
}

async function telegramIdOf(user: TestUser): Promise<number> {
  const { telegramUserId } = await api.prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { telegramUserId: true } });
  return Number(telegramUserId);
}

const deliver = (update: FakeUpdate, secret: string | null = SECRET) => fake.deliver(webhookUrl, update, { secret });
const paymentRow = (id: number) => api.prisma.payment.findUniqueOrThrow({ where: { id } });
const eventsOf = (paymentId: number) => api.prisma.webhookEvent.findMany({ where: { paymentId }, orderBy: { id: "asc" } });

/** A referrer and a user they brought in, so settling and refunding move a commission. */
async function referredPayer() {
  const referrer = await api.signIn({ name: "Referrer" });
  const { id } = await ensureReferralCode(api.prisma, referrer.id);
  const { code } = await api.prisma.referralCode.findUniqueOrThrow({ where: { id } });
  const payer = await api.signIn({ name: "Stars payer", referralCode: code });
  return { referrer, payer };
}

const earnedRub = async (userId: number) =>
  (await api.prisma.referralBalance.findUnique({ where: { userId } }))?.earnedRub.toFixed(2) ?? "0.00";

/** A Stars payment paid through the webhook; returns it with its charge id. */
async function paidStarsPayment(user: TestUser) {
  const { payment } = await starsPayment(user);
  const update = fake.successfulPaymentUpdate({ payload: payment.orderId, fromId: await telegramIdOf(user), totalAmount: TIER_STARS });
  expect((await deliver(update)).status).toBe(200);
  const paid = await paymentRow(payment.id);
  expect(paid.status).toBe("SUCCEEDED");
  return paid;
}

describe("createPayment with STARS", () => {
  it("creates an invoice link at the Bot API: XTR, one price in Stars, our order id as payload, no provider token", async () => {
    const user = await api.signIn();
    const key = newKey();
    const { payment, checkout } = await starsPayment(user, key);

    const [call] = fake.callsOf("createInvoiceLink").filter((c) => c.params.payload === payment.orderId);
    expect(call).toBeDefined();
    expect(call!.params).toMatchObject({
      payload: payment.orderId,
      currency: "XTR",
      provider_token: "",
      prices: [{ label: expect.any(String) as unknown, amount: TIER_STARS }],
    });
    expect(checkout).toEqual({ kind: "TELEGRAM_INVOICE", invoiceLink: call!.result });
    expect(call!.result).toMatch(/^https:\/\/t\.me\/\$/);
    expect(payment).toMatchObject({
      provider: "STARS",
      status: "PENDING",
      currency: "RUB",
      starsAmount: TIER_STARS,
      originalCurrency: "XTR",
      checkoutUrl: call!.result,
    });
    expect(payment.amount.toFixed(2)).toBe("499.00");
    expect(payment.originalAmount?.toFixed()).toBe(String(TIER_STARS));
    expect(payment.exchangeRate?.toFixed()).toBe(RUB_PER_STAR);

    // A retried request: the same payment and link, no second invoice.
    const again = await starsPayment(user, key);
    expect(again.payment.id).toBe(payment.id);
    expect(again.checkout).toEqual(checkout);
    expect(fake.callsOf("createInvoiceLink").filter((c) => c.params.payload === payment.orderId)).toHaveLength(1);
  });

  it("answers PaymentProviderError when the Bot API refuses (the payment FAILED) or is rate limited or down (still PENDING)", async () => {
    const user = await api.signIn();
    fake.failNext("createInvoiceLink", { status: 400, description: "Bad Request: STARS_INVOICE_INVALID" });
    const refused = await starsPayment(user).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PaymentProviderError);
    expect(refused).toMatchObject({ provider: "STARS", retryable: false });
    expect((refused as Error).message).toContain("STARS_INVOICE_INVALID");

    fake.failNext("createInvoiceLink", { status: 429, retryAfter: 3 });
    const limited = await starsPayment(user).catch((error: unknown) => error);
    expect(limited).toMatchObject({ provider: "STARS", retryable: true });

    fake.failNext("createInvoiceLink", { status: 502 });
    expect(await starsPayment(user).catch((error: unknown) => error)).toMatchObject({ provider: "STARS", retryable: true });

    // A refusal fails the payment; a rate limit or an outage leaves it PENDING for a retry with the same key.
    const payments = await api.prisma.payment.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    expect(payments.map((p) => p.status)).toEqual(["FAILED", "PENDING", "PENDING"]);
    expect(payments.every((p) => p.checkoutUrl === null)).toBe(true);
    const logs = await api.prisma.systemLog.findMany({ where: { source: "payments:stars" } });
    expect(logs.length).toBeGreaterThan(0);
    // The bot token is in every Bot API URL; it must never reach a log.
    expect(JSON.stringify(logs)).not.toContain(TEST_BOT_TOKEN.split(":")[1]);
  });
});

describe("pre_checkout_query", () => {
  it("is answered ok for the payer's PENDING payment with its amount in XTR, before the webhook answers 200", async () => {
    const user = await api.signIn();
    const { payment } = await starsPayment(user);
    const update = fake.preCheckoutUpdate({ payload: payment.orderId, fromId: await telegramIdOf(user), totalAmount: TIER_STARS });
    const started = Date.now();
    const answer = await deliver(update);
    expect(answer.status).toBe(200);
    const queryId = (update.pre_checkout_query as { id: string }).id;
    expect(fake.preCheckoutAnswers.get(queryId)).toEqual({ ok: true });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await paymentRow(payment.id)).status).toBe("PENDING");
  });

  it("is refused, with a message for the user, for a wrong amount or currency, an unknown payload, another user, a paid or failed payment", async () => {
    const user = await api.signIn();
    const other = await api.signIn();
    const fromId = await telegramIdOf(user);
    const { payment } = await starsPayment(user);
    const paid = await paidStarsPayment(user);
    const failed = await starsPayment(user);
    await api.prisma.payment.update({ where: { id: failed.payment.id }, data: { status: "CANCELED" } });

    const cases = [
      [{ payload: payment.orderId, fromId, totalAmount: TIER_STARS - 1 }, CHECKOUT_REFUSALS.price],
      [{ payload: payment.orderId, fromId, totalAmount: TIER_STARS, currency: "USD" }, CHECKOUT_REFUSALS.price],
      [{ payload: "pg_not_a_payment_of_ours", fromId, totalAmount: TIER_STARS }, CHECKOUT_REFUSALS.unknown],
      [{ payload: payment.orderId, fromId: await telegramIdOf(other), totalAmount: TIER_STARS }, CHECKOUT_REFUSALS.unknown],
      [{ payload: paid.orderId, fromId, totalAmount: TIER_STARS }, CHECKOUT_REFUSALS.paid],
      [{ payload: failed.payment.orderId, fromId, totalAmount: TIER_STARS }, CHECKOUT_REFUSALS.closed],
    ] as const;
    for (const [query, message] of cases) {
      const update = fake.preCheckoutUpdate(query);
      expect((await deliver(update)).status).toBe(200);
      expect(fake.preCheckoutAnswers.get((update.pre_checkout_query as { id: string }).id), JSON.stringify(query)).toEqual({
        ok: false,
        errorMessage: message,
      });
    }
    expect((await paymentRow(payment.id)).status).toBe("PENDING");
    expect((await paymentRow(paid.id)).status).toBe("SUCCEEDED");
  });

  it("still answers 200 when answering Telegram fails (the query expires; nothing to retry)", async () => {
    const user = await api.signIn();
    const { payment } = await starsPayment(user);
    fake.failNext("answerPreCheckoutQuery", { status: 500 });
    const update = fake.preCheckoutUpdate({ payload: payment.orderId, fromId: await telegramIdOf(user), totalAmount: TIER_STARS });
    expect((await deliver(update)).status).toBe(200);
    expect(
      fake
        .callsOf("answerPreCheckoutQuery")
        .some((c) => c.params.pre_checkout_query_id === (update.pre_checkout_query as { id: string }).id && c.status === 500),
    ).toBe(true);
  });
});

describe("successful_payment", () => {
  it("settles the payment once, with its charge id and one commission, even when delivered three times at once and replayed", async () => {
    const { referrer, payer } = await referredPayer();
    const { payment } = await starsPayment(payer);
    const update = fake.successfulPaymentUpdate({ payload: payment.orderId, fromId: await telegramIdOf(payer), totalAmount: TIER_STARS });
    const chargeId = (update.message as { successful_payment: { telegram_payment_charge_id: string } }).successful_payment
      .telegram_payment_charge_id;

    const answers = await Promise.all([deliver(update), deliver(update), deliver(update)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);

    const settled = await paymentRow(payment.id);
    expect(settled).toMatchObject({ status: "SUCCEEDED", telegramChargeId: chargeId });
    const events = await eventsOf(payment.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      provider: "TELEGRAM",
      eventId: `successful_payment:${chargeId}`,
      eventType: "successful_payment",
      status: "PROCESSED",
    });
    expect(await api.prisma.referralEarning.count({ where: { paymentId: payment.id } })).toBe(1);
    const commission = await earnedRub(referrer.id);
    expect(commission).not.toBe("0.00");

    // A replay later (another update id, the same charge): still nothing more.
    const replay = { ...update, update_id: update.update_id + 1000 };
    expect((await deliver(replay)).status).toBe(200);
    expect(await eventsOf(payment.id)).toHaveLength(1);
    expect(await earnedRub(referrer.id)).toBe(commission);
    expect(await api.prisma.balanceTransaction.count({ where: { paymentId: payment.id } })).toBe(1);
  });

  it("raises an alert, and settles nothing, for a charge that matches no payment or not its amount", async () => {
    const user = await api.signIn();
    const fromId = await telegramIdOf(user);
    const { payment } = await starsPayment(user);
    const wrongAmount = fake.successfulPaymentUpdate({ payload: payment.orderId, fromId, totalAmount: 1 });
    const unknown = fake.successfulPaymentUpdate({ payload: "pg_nobody", fromId, totalAmount: TIER_STARS });
    expect((await deliver(wrongAmount)).status).toBe(200);
    expect((await deliver(unknown)).status).toBe(200);

    expect((await paymentRow(payment.id)).status).toBe("PENDING");
    const chargeOf = (u: FakeUpdate) =>
      (u.message as { successful_payment: { telegram_payment_charge_id: string } }).successful_payment.telegram_payment_charge_id;
    const events = await api.prisma.webhookEvent.findMany({
      where: { eventId: { in: [wrongAmount, unknown].map((u) => `successful_payment:${chargeOf(u)}`) } },
    });
    expect(events.map((e) => e.status)).toEqual(["FAILED", "FAILED"]);
    const alerts = await api.prisma.adminAlert.findMany({ where: { source: "payments:stars" } });
    expect(alerts.map((a) => a.severity)).toEqual(["CRITICAL", "CRITICAL"]);
  });
});

describe("the webhook's secret token", () => {
  it("refuses a forged or missing secret (403 / 401), logs it, and changes nothing", async () => {
    const user = await api.signIn();
    const fromId = await telegramIdOf(user);
    const { payment } = await starsPayment(user);
    const paid = fake.successfulPaymentUpdate({ payload: payment.orderId, fromId, totalAmount: TIER_STARS });
    const query = fake.preCheckoutUpdate({ payload: payment.orderId, fromId, totalAmount: TIER_STARS });
    const logsBefore = await api.prisma.systemLog.aggregate({ where: { source: "webhook:telegram" }, _sum: { count: true } });
    const eventsBefore = await api.prisma.webhookEvent.count();

    expect((await deliver(paid, "forged-secret-0123456789")).status).toBe(403);
    expect((await deliver(paid, `${SECRET}x`)).status).toBe(403);
    expect((await deliver(paid, null)).status).toBe(401);
    expect((await deliver(query, "forged-secret-0123456789")).status).toBe(403);

    expect((await paymentRow(payment.id)).status).toBe("PENDING");
    expect(await api.prisma.webhookEvent.count()).toBe(eventsBefore);
    expect(fake.preCheckoutAnswers.get((query.pre_checkout_query as { id: string }).id)).toBeNull();
    const logs = await api.prisma.systemLog.findMany({ where: { source: "webhook:telegram" } });
    const total = logs.reduce((sum, log) => sum + log.count, 0);
    expect(total - (logsBefore._sum.count ?? 0)).toBe(4);
    expect(logs.map((l) => l.message).sort()).toEqual([
      "Refused a TELEGRAM webhook: missing secret token",
      "Refused a TELEGRAM webhook: wrong secret token",
    ]);
    expect(JSON.stringify(logs)).not.toContain("forged-secret");
    expect(JSON.stringify(logs)).not.toContain(SECRET);

    // The real secret still works for the same update.
    expect((await deliver(paid)).status).toBe(200);
    expect((await paymentRow(payment.id)).status).toBe("SUCCEEDED");
  });

  it("acknowledges updates it has no route for, storing nothing", async () => {
    const user = await api.signIn();
    const eventsBefore = await api.prisma.webhookEvent.count();
    const answer = await deliver(fake.textMessageUpdate({ fromId: await telegramIdOf(user), text: "/start" }));
    expect(answer.status).toBe(200);
    expect(await api.prisma.webhookEvent.count()).toBe(eventsBefore);
  });
});

describe("refunds", () => {
  async function adminRefund(paymentId: number) {
    // What the admin's refundPayment does: the request and its queued provider call, in one transaction.
    await api.prisma.$transaction(async (tx) => {
      await requestRefund(tx, { paymentId, reason: "customer asked" });
      await queueProviderRefund(tx, paymentId);
    });
    const jobs = await api.prisma.$queryRaw<Array<{ key: string }>>`
      SELECT key FROM graphile_worker.jobs WHERE task_identifier = ${REFUND_TASK} AND key = ${`payments:refund:${paymentId}`}`;
    expect(jobs).toHaveLength(1);
  }

  it("an admin refund calls refundStarPayment for the payer's charge: REFUNDED, commission reversed; Telegram's refunded_payment changes nothing more", async () => {
    const { referrer, payer } = await referredPayer();
    const paid = await paidStarsPayment(payer);
    expect(await earnedRub(referrer.id)).not.toBe("0.00");

    await adminRefund(paid.id);
    // The queued job's work (worker task payments:refund).
    expect(await runProviderRefund(api.prisma, gateways, paid.id)).toBe("REFUNDED");

    const call = await fake.waitForCall("refundStarPayment", (c) => c.params.telegram_payment_charge_id === paid.telegramChargeId);
    expect(call.params).toEqual({ user_id: await telegramIdOf(payer), telegram_payment_charge_id: paid.telegramChargeId });
    expect(call.status).toBe(200);
    const refunded = await paymentRow(paid.id);
    expect(refunded).toMatchObject({ status: "REFUNDED", refundStatus: "SUCCEEDED" });
    expect(refunded.refundAmount.toFixed(2)).toBe("499.00");
    expect(refunded.refundedAt).not.toBeNull();
    expect(await earnedRub(referrer.id)).toBe("0.00");
    expect((await api.prisma.referralEarning.findUniqueOrThrow({ where: { paymentId: paid.id } })).status).toBe("REVERSED");

    // Telegram then sends refunded_payment: recorded once, nothing reversed twice.
    const notice = fake.refundedPaymentUpdate(paid.telegramChargeId!);
    expect((await deliver(notice)).status).toBe(200);
    expect((await deliver(notice)).status).toBe(200);
    expect((await eventsOf(paid.id)).map((e) => [e.eventType, e.status])).toEqual([
      ["successful_payment", "PROCESSED"],
      ["refunded_payment", "PROCESSED"],
    ]);
    expect(await api.prisma.balanceTransaction.count({ where: { paymentId: paid.id } })).toBe(2);
    // A job run again finds nothing to do.
    expect(await runProviderRefund(api.prisma, gateways, paid.id)).toBe("NOTHING_TO_DO");
  });

  it("a refusal fails the refund (payment SUCCEEDED again); a rate limit is retried; an already refunded charge counts as refunded", async () => {
    const user = await api.signIn();
    const refusedPayment = await paidStarsPayment(user);
    await adminRefund(refusedPayment.id);
    fake.failNext("refundStarPayment", { status: 400, description: "Bad Request: BALANCE_TOO_LOW" });
    expect(await runProviderRefund(api.prisma, gateways, refusedPayment.id)).toBe("FAILED");
    expect(await paymentRow(refusedPayment.id)).toMatchObject({ status: "SUCCEEDED", refundStatus: "FAILED" });

    const limitedPayment = await paidStarsPayment(user);
    await adminRefund(limitedPayment.id);
    fake.failNext("refundStarPayment", { status: 429, retryAfter: 2 });
    const thrown = await runProviderRefund(api.prisma, gateways, limitedPayment.id).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ provider: "STARS", retryable: true });
    expect((await paymentRow(limitedPayment.id)).status).toBe("REFUNDING");
    // The job's retry; then a retry whose first answer was lost finds the charge refunded already.
    expect(await runProviderRefund(api.prisma, gateways, limitedPayment.id)).toBe("REFUNDED");

    const lostAnswer = await paidStarsPayment(user);
    fake.charges.get(lostAnswer.telegramChargeId!)!.refunded = true;
    await adminRefund(lostAnswer.id);
    expect(await runProviderRefund(api.prisma, gateways, lostAnswer.id)).toBe("REFUNDED");
    expect(fake.callsOf("refundStarPayment").at(-1)).toMatchObject({ status: 400, description: "Bad Request: CHARGE_ALREADY_REFUNDED" });
  });

  it("a partial refund of a Stars payment is refused without calling Telegram", async () => {
    const user = await api.signIn();
    const paid = await paidStarsPayment(user);
    await api.prisma.$transaction((tx) => requestRefund(tx, { paymentId: paid.id, amount: "100.00", reason: "partial" }));
    const calls = fake.callsOf("refundStarPayment").length;
    expect(await runProviderRefund(api.prisma, gateways, paid.id)).toBe("FAILED");
    expect(fake.callsOf("refundStarPayment")).toHaveLength(calls);
    expect(await paymentRow(paid.id)).toMatchObject({ status: "SUCCEEDED", refundStatus: "FAILED" });
  });

  it("a refund Telegram reports without our asking (refunded_payment) refunds the payment and reverses the commission", async () => {
    const { referrer, payer } = await referredPayer();
    const paid = await paidStarsPayment(payer);
    expect((await deliver(fake.refundedPaymentUpdate(paid.telegramChargeId!))).status).toBe(200);
    const refunded = await paymentRow(paid.id);
    expect(refunded).toMatchObject({ status: "REFUNDED", refundStatus: "SUCCEEDED" });
    expect(refunded.refundAmount.equals(new Prisma.Decimal("499"))).toBe(true);
    expect(await earnedRub(referrer.id)).toBe("0.00");
  });
});
