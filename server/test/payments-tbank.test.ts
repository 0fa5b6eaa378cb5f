// T-Bank card payments against a local fake of its Internet Acquiring API v2
// (fakes/tbank-server.ts): Init signed and opened once per key, refusals failing the
// payment, notifications verified (Token, terminal, amount) and applied exactly once in
// any order and under repeats (one for an unknown order claiming nothing), refunds through
// Cancel reversing the referrer's commission.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { createPubSub } from "graphql-yoga";
import { Logger, runOnce } from "graphile-worker";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { Prisma } from "../src/generated/prisma/client.ts";
import { loadConfig } from "../src/config.ts";
import { createPrisma, type PrismaClient } from "../src/db/prisma.ts";
import type { Channels } from "../src/events/pubsub.ts";
import { PaymentProviderError } from "../src/domain/errors.ts";
import { verifyLedger } from "../src/domain/ledger.ts";
import { ensureReferralCode } from "../src/domain/referrals.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import { createPaymentGateways } from "../src/payments/gateways.ts";
import { createWebhookRoutes } from "../src/payments/webhook-routes.ts";
import { TbankClient } from "../src/payments/tbank/client.ts";
import { tbankToken, tbankTokenMatches } from "../src/payments/tbank/token.ts";
import { createTaskList } from "../src/worker/tasks.ts";
import { startFakeTbank, type FakeTbank } from "./fakes/tbank-server.ts";
import { createTestApi, TEST_BOT_TOKEN, type TestAdmin, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const CreatePayment = graphql(`
  mutation PaymentsTbank_CreatePayment($input: CreatePaymentInput!) {
    createPayment(input: $input) {
      __typename
      ... on CreatePaymentPayload {
        payment { id status provider amount }
        checkout { __typename ... on RedirectCheckout { url } }
      }
      ... on PaymentProviderError { code message retryable }
      ... on Error { code message }
    }
  }
`);

const RefundPayment = graphql(`
  mutation PaymentsTbank_RefundPayment($input: RefundPaymentInput!) {
    refundPayment(input: $input) {
      __typename
      ... on Payment { id status refundStatus refundAmount }
      ... on Error { code message }
    }
  }
`);

// Parsed here rather than through graphql(): a new typed document means regenerating test/gql.
const AdminAlerts: TypedDocumentNode<
  { admin: { alerts: { edges: Array<{ node: Record<string, unknown> }> } } },
  Record<string, never>
> = parse(`
  query PaymentsTbank_AdminAlerts {
    admin { alerts(filter: { resolved: false }, first: 50) { edges { node { severity source count message context } } } }
  }
`);

const PUBLIC_API_URL = "https://api.pinglass.test";
const PUBLIC_WEB_URL = "https://app.pinglass.test";

let fake: FakeTbank;
let api: TestApi;
let webhookPrisma: PrismaClient;
let server: RunningHttpServer;
let hookUrl: string;
let admin: TestAdmin;
let tierId: number;

beforeAll(async () => {
  fake = await startFakeTbank();
  const env = {
    TBANK_API_URL: fake.url,
    TBANK_TERMINAL_KEY: fake.terminalKey,
    TBANK_PASSWORD: fake.password,
    PUBLIC_API_URL,
    PUBLIC_WEB_URL,
  };
  api = await createTestApi(env);
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: api.databaseUrl, TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, ...env });
  // The webhook's own pool, as in main.ts: concurrent deliveries each hold a transaction.
  webhookPrisma = createPrisma(api.databaseUrl, { poolSize: 10 });
  server = await startHttpServer(api.app, {
    prisma: api.prisma,
    host: "127.0.0.1",
    port: 0,
    webhooks: createWebhookRoutes({
      config,
      prisma: webhookPrisma,
      events: createPubSub<Channels>(),
      payments: createPaymentGateways(config),
    }),
  });
  hookUrl = new URL("/webhooks/tbank", server.url).href;
  admin = await api.signInAdmin("ADMIN");
  tierId = (await api.prisma.pricingTier.create({ data: { code: "tbank-starter", name: "Starter", price: "499.00", photoCount: 7 } })).id;
});

afterAll(async () => {
  await server?.close();
  await webhookPrisma?.$disconnect();
  await fake?.close();
});

// ─── Helpers ─────────────────────────────────────────────────────────────────────

let keys = 0;
let tbankIds = 8_100_000_000;

/** A referrer, and a user who signed in through their link. */
async function referredPayer(): Promise<{ referrer: TestUser; payer: TestUser }> {
  const referrer = await api.signIn({ name: "Referrer" });
  const { id } = await ensureReferralCode(api.prisma, referrer.id);
  const { code } = await api.prisma.referralCode.findUniqueOrThrow({ where: { id } });
  const payer = await api.signIn({ name: "Payer", referralCode: code });
  return { referrer, payer };
}

/** A PENDING T-Bank payment, as createPayment leaves it (the fake's Init is tested on its own). */
function pendingPayment(userId: number, amount = "499.00") {
  return api.prisma.payment.create({
    data: {
      userId,
      provider: "TBANK",
      status: "PENDING",
      idempotencyKey: `tbank-test-${++keys}`,
      amount,
      photoCount: 7,
      pricingTierId: tierId,
    },
  });
}

const kopecks = (amount: Prisma.Decimal) => amount.times(100).toNumber();

/** T-Bank notifies `status` of a payment; resolves with our answer. */
function notify(
  payment: { orderId: string; amount: Prisma.Decimal },
  paymentId: string,
  status: string,
  extra: Record<string, unknown> = {},
) {
  return fake.deliver(
    hookUrl,
    fake.notification({
      PaymentId: Number(paymentId),
      OrderId: payment.orderId,
      Amount: kopecks(payment.amount),
      Status: status,
      ...extra,
    }),
  );
}

const OK = { status: 200, text: "OK" };

async function books(paymentId: number) {
  const [payment, earning, ledger, events] = await Promise.all([
    api.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } }),
    api.prisma.referralEarning.findUnique({ where: { paymentId } }),
    api.prisma.balanceTransaction.findMany({ where: { paymentId }, orderBy: { id: "asc" }, select: { kind: true, amount: true } }),
    api.prisma.webhookEvent.findMany({
      where: { paymentId },
      orderBy: { id: "asc" },
      select: { eventId: true, eventType: true, status: true },
    }),
  ]);
  return { payment, earning, ledger: ledger.map((row) => `${row.kind} ${row.amount.toFixed(2)}`), events };
}

function refusals(reason: string) {
  return api.prisma.systemLog.findFirst({ where: { source: "webhook:tbank", message: `Refused a TBANK webhook: ${reason}` } });
}

/** Runs the queued jobs (the refund task) once, as the worker would. */
async function runQueuedJobs() {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: api.databaseUrl,
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    TBANK_API_URL: fake.url,
    TBANK_TERMINAL_KEY: fake.terminalKey,
    TBANK_PASSWORD: fake.password,
  });
  const taskList = createTaskList({ prisma: api.prisma, payments: createPaymentGateways(config) } as Parameters<typeof createTaskList>[0]);
  await runOnce({
    connectionString: api.databaseUrl,
    taskList,
    concurrency: 1,
    noHandleSignals: true,
    logger: new Logger(() => () => undefined),
  });
}

// ─── The Token ───────────────────────────────────────────────────────────────────

describe("the Token (signature)", () => {
  it("is SHA-256 hex of the root-level values sorted by key, with Password, nested objects left out (T-Bank's documented example)", () => {
    const request = {
      TerminalKey: "MerchantTerminalKey",
      Amount: 19200,
      OrderId: "00000",
      Description: "Подарочная карта на 1000 рублей",
      DATA: { Phone: "+71234567890", Email: "a@test.com" },
      Receipt: {
        Email: "a@test.com",
        Taxation: "osn",
        Items: [{ Name: "Наименование товара 1", Price: 10000, Quantity: 1, Amount: 10000, Tax: "vat10" }],
      },
    };
    // Sorted: Amount, Description, OrderId, Password, TerminalKey; values concatenated.
    const expected = createHash("sha256")
      .update("19200Подарочная карта на 1000 рублей0000011111111111111MerchantTerminalKey")
      .digest("hex");
    expect(tbankToken(request, "11111111111111")).toBe(expected);
    expect(tbankTokenMatches({ ...request, Token: expected }, "11111111111111")).toBe(true);
    expect(tbankTokenMatches({ ...request, Token: expected.toUpperCase() }, "11111111111111")).toBe(true);
  });

  it("signs booleans as true/false and numbers as written, and refuses every forgery", () => {
    const notification = fake.notification({ PaymentId: 13660, OrderId: "pg_abc", Amount: 100000, Status: "CONFIRMED" });
    expect(tbankTokenMatches(notification, fake.password)).toBe(true);
    expect(notification.Success).toBe(true);
    const forgeries: Array<[string, Record<string, unknown>]> = [
      ["another amount", { ...notification, Amount: 1 }],
      ["another status", { ...notification, Status: "REFUNDED" }],
      ["Success flipped", { ...notification, Success: false }],
      ["an added field", { ...notification, Pan: "999999******9999" }],
      [
        "signed with another password",
        fake.notification({ PaymentId: 13660, OrderId: "pg_abc", Amount: 100000, Status: "CONFIRMED" }, { password: "guessed" }),
      ],
      ["no Token", { ...notification, Token: undefined }],
      ["a short Token", { ...notification, Token: String(notification.Token).slice(0, 63) }],
      ["a Token that is not hex", { ...notification, Token: "z".repeat(64) }],
    ];
    for (const [what, body] of forgeries) expect(tbankTokenMatches(body, fake.password), what).toBe(false);
    // The nested DATA object takes no part: changing it keeps the Token valid.
    expect(tbankTokenMatches({ ...notification, DATA: { Source: "changed" } }, fake.password)).toBe(true);
  });
});

// ─── Opening a payment ───────────────────────────────────────────────────────────

describe("createPayment with TBANK", () => {
  it("sends a signed Init (kopecks, our OrderId, the notification and return URLs) and returns its PaymentURL; a retry does not call Init again", async () => {
    fake.reset();
    const user = await api.signIn();
    const input = { tierId: encodeGlobalID("PricingTier", tierId), provider: "TBANK" as const, idempotencyKey: "tbank-open-0001" };
    const first = await api.execute(CreatePayment, { input }, { headers: user.headers });
    expect(first.errors).toBeUndefined();
    const created = first.data!.createPayment;
    if (created.__typename !== "CreatePaymentPayload") throw new Error(JSON.stringify(created));

    const inits = fake.requests.filter((request) => request.method === "Init");
    expect(inits).toHaveLength(1);
    const stored = await api.prisma.payment.findFirstOrThrow({ where: { userId: user.id } });
    const opened = fake.payments.get(stored.tbankPaymentId!)!;
    expect(inits[0]).toMatchObject({
      tokenValid: true,
      errorCode: "0",
      body: {
        TerminalKey: fake.terminalKey,
        Amount: 49900,
        OrderId: stored.orderId,
        Description: expect.stringContaining("7") as unknown,
        NotificationURL: `${PUBLIC_API_URL}/webhooks/tbank`,
        SuccessURL: `${PUBLIC_WEB_URL}/pricing?payment=success&order=${stored.orderId}`,
        FailURL: `${PUBLIC_WEB_URL}/pricing?payment=failed&order=${stored.orderId}`,
      },
    });
    expect(inits[0]!.body).not.toHaveProperty("Password");
    expect(created).toMatchObject({
      payment: { status: "PENDING", provider: "TBANK", amount: "499" },
      checkout: { __typename: "RedirectCheckout", url: opened.paymentUrl },
    });
    expect(stored).toMatchObject({ status: "PENDING", checkoutUrl: opened.paymentUrl, tbankPaymentId: opened.paymentId });

    const again = await api.execute(CreatePayment, { input }, { headers: user.headers });
    expect(again.data!.createPayment).toEqual(created);
    expect(fake.requests.filter((request) => request.method === "Init")).toHaveLength(1);
  });

  it("a refusal (ErrorCode) is PaymentProviderError, the payment FAILED, and a retry with the key does not call Init again", async () => {
    fake.reset();
    fake.fail("Init", { errorCode: "8", message: "Неверный статус транзакции.", details: "Терминал не активен." });
    const user = await api.signIn();
    const input = { tierId: encodeGlobalID("PricingTier", tierId), provider: "TBANK" as const, idempotencyKey: "tbank-refused-final" };
    const result = await api.execute(CreatePayment, { input }, { headers: user.headers });
    expect(result.data!.createPayment).toMatchObject({
      __typename: "PaymentProviderError",
      code: "PAYMENT_PROVIDER_FAILED",
      retryable: false,
    });
    expect(result.data!.createPayment).toMatchObject({ message: expect.stringContaining("ErrorCode 8") as unknown });
    const payment = await api.prisma.payment.findFirstOrThrow({ where: { userId: user.id } });
    expect(payment).toMatchObject({ status: "FAILED", checkoutUrl: null, tbankPaymentId: null });

    const again = await api.execute(CreatePayment, { input }, { headers: user.headers });
    expect(again.data!.createPayment).toMatchObject({ __typename: "PaymentProviderError" });
    expect(fake.requests.filter((request) => request.method === "Init")).toHaveLength(1);
  });

  it("an HTTP 5xx is a retryable PaymentProviderError that leaves the payment PENDING; a retry with the key opens it", async () => {
    fake.reset();
    fake.fail("Init", { httpStatus: 503 });
    const user = await api.signIn();
    const input = { tierId: encodeGlobalID("PricingTier", tierId), provider: "TBANK" as const, idempotencyKey: "tbank-unavailable-once" };
    const result = await api.execute(CreatePayment, { input }, { headers: user.headers });
    expect(result.data!.createPayment).toMatchObject({ __typename: "PaymentProviderError", retryable: true });
    expect(await api.prisma.payment.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({
      status: "PENDING",
      checkoutUrl: null,
    });

    fake.reset();
    const again = await api.execute(CreatePayment, { input }, { headers: user.headers });
    expect(again.data!.createPayment).toMatchObject({ __typename: "CreatePaymentPayload" });
    const payment = await api.prisma.payment.findFirstOrThrow({ where: { userId: user.id } });
    expect(payment.status).toBe("PENDING");
    expect(payment.checkoutUrl).toMatch(/^http/);
    expect(await api.prisma.payment.count({ where: { userId: user.id } })).toBe(1);
  });

  it("the client: a timeout and a broken gateway are retryable, a wrong password is a refusal", async () => {
    fake.reset();
    const client = new TbankClient({ apiUrl: fake.url, terminalKey: fake.terminalKey, password: fake.password, timeoutMs: 200 });
    fake.fail("GetState", { delayMs: 1_000 });
    await expect(client.getState({ PaymentId: "1" })).rejects.toMatchObject({
      retryable: true,
      message: expect.stringContaining("timed out") as unknown,
    });
    fake.fail("Cancel", { httpStatus: 502 });
    await expect(client.cancel({ PaymentId: "1" })).rejects.toMatchObject({
      retryable: true,
      message: expect.stringContaining("HTTP 502") as unknown,
    });

    const wrong = new TbankClient({ apiUrl: fake.url, terminalKey: fake.terminalKey, password: "not-the-password" });
    const error = await wrong.init({ Amount: 100, OrderId: "pg_wrong" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining("ErrorCode 204") as unknown });
    expect(fake.requests.at(-1)).toMatchObject({ method: "Init", tokenValid: false });
  });
});

// ─── Notifications ───────────────────────────────────────────────────────────────

describe("POST /webhooks/tbank", () => {
  it("CONFIRMED settles the payment with its PaymentId and credits the referrer; AUTHORIZED before it is only recorded; repeats answer OK and change nothing", async () => {
    const { referrer, payer } = await referredPayer();
    const payment = await pendingPayment(payer.id);
    const paymentId = String(++tbankIds);

    expect(await notify(payment, paymentId, "AUTHORIZED")).toEqual(OK);
    expect((await books(payment.id)).payment.status).toBe("PENDING");
    for (let i = 0; i < 3; i++) expect(await notify(payment, paymentId, "CONFIRMED")).toEqual(OK);
    expect(await notify(payment, paymentId, "AUTHORIZED")).toEqual(OK);

    const after = await books(payment.id);
    expect(after.payment).toMatchObject({ status: "SUCCEEDED", tbankPaymentId: paymentId });
    expect(after.earning).toMatchObject({ referrerId: referrer.id, status: "CREDITED", amount: new Prisma.Decimal("49.90") });
    expect(after.ledger).toEqual(["COMMISSION 49.90"]);
    expect(after.events).toEqual([
      { eventId: `${paymentId}:AUTHORIZED`, eventType: "AUTHORIZED", status: "IGNORED" },
      { eventId: `${paymentId}:CONFIRMED`, eventType: "CONFIRMED", status: "PROCESSED" },
    ]);
    const stored = await api.prisma.webhookEvent.findFirstOrThrow({ where: { eventId: `${paymentId}:CONFIRMED` } });
    expect(stored.payload).toMatchObject({ Status: "CONFIRMED", OrderId: payment.orderId, Amount: 49900 });
    expect(stored.payload).not.toHaveProperty("Token");
  });

  it("REJECTED fails the payment; CANCELED cancels one", async () => {
    const user = await api.signIn();
    const rejected = await pendingPayment(user.id);
    const canceled = await pendingPayment(user.id);
    expect(await notify(rejected, String(++tbankIds), "REJECTED")).toEqual(OK);
    expect(await notify(canceled, String(++tbankIds), "CANCELED")).toEqual(OK);
    expect((await books(rejected.id)).payment.status).toBe("FAILED");
    expect((await books(canceled.id)).payment.status).toBe("CANCELED");
  });

  it("REFUNDED before CONFIRMED ends REFUNDED with the commission credited and reversed; the late CONFIRMED changes nothing", async () => {
    const { referrer, payer } = await referredPayer();
    const payment = await pendingPayment(payer.id, "300.00");
    const paymentId = String(++tbankIds);

    expect(await notify(payment, paymentId, "REFUNDED")).toEqual(OK);
    expect(await notify(payment, paymentId, "CONFIRMED")).toEqual(OK);
    expect(await notify(payment, paymentId, "REFUNDED")).toEqual(OK);

    const after = await books(payment.id);
    expect(after.payment).toMatchObject({
      status: "REFUNDED",
      refundStatus: "SUCCEEDED",
      tbankPaymentId: paymentId,
      refundAmount: new Prisma.Decimal("300"),
    });
    expect(after.payment.refundedAt).not.toBeNull();
    expect(after.earning).toMatchObject({ referrerId: referrer.id, status: "REVERSED" });
    expect(after.ledger).toEqual(["COMMISSION 30.00", "COMMISSION_REVERSAL -30.00"]);
    expect(after.events.map((event) => `${event.eventType} ${event.status}`)).toEqual(["REFUNDED PROCESSED", "CONFIRMED PROCESSED"]);
    expect(await api.prisma.referralBalance.findUniqueOrThrow({ where: { userId: referrer.id } })).toMatchObject({
      balanceRub: new Prisma.Decimal(0),
    });
    expect(await verifyLedger(api.prisma)).toEqual([]);
  });

  it("a forged Token or another terminal is refused with 403, changes nothing, and is kept as a system log", async () => {
    const user = await api.signIn();
    const payment = await pendingPayment(user.id);
    const paymentId = String(++tbankIds);
    const before = await refusals("bad token");

    const signed = fake.notification({ PaymentId: Number(paymentId), OrderId: payment.orderId, Amount: 49900, Status: "CONFIRMED" });
    const forged = [
      fake.notification(
        { PaymentId: Number(paymentId), OrderId: payment.orderId, Amount: 49900, Status: "CONFIRMED" },
        { password: "guessed-password" },
      ),
      { ...signed, Amount: 100 },
      { ...signed, Token: undefined },
    ];
    for (const body of forged) expect(await fake.deliver(hookUrl, body)).toEqual({ status: 403, text: "FORBIDDEN" });
    const otherTerminal = fake.notification(
      { PaymentId: Number(paymentId), OrderId: payment.orderId, Amount: 49900, Status: "CONFIRMED" },
      { terminalKey: "SomeoneElse" },
    );
    expect(await fake.deliver(hookUrl, otherTerminal)).toEqual({ status: 403, text: "FORBIDDEN" });

    const after = await books(payment.id);
    expect(after.payment.status).toBe("PENDING");
    expect(after.events).toEqual([]);
    expect(await api.prisma.webhookEvent.count({ where: { eventId: `${paymentId}:CONFIRMED` } })).toBe(0);
    const logged = await refusals("bad token");
    expect(logged).toMatchObject({ level: "WARN", count: (before?.count ?? 0) + forged.length });
    expect(JSON.stringify(logged!.context)).not.toContain(String(signed.Token));
    expect(JSON.stringify(logged!.context)).not.toContain(fake.password);
    expect(await refusals("another terminal's notification")).toMatchObject({
      context: expect.objectContaining({ terminalKey: "SomeoneElse" }) as unknown,
    });

    // The genuine notification still goes through afterwards.
    expect(await fake.deliver(hookUrl, signed)).toEqual(OK);
    expect((await books(payment.id)).payment.status).toBe("SUCCEEDED");
  });

  it("a notification whose Amount is not the payment's is refused and logged; nothing changes", async () => {
    const user = await api.signIn();
    const payment = await pendingPayment(user.id);
    const paymentId = String(++tbankIds);
    const answer = await fake.deliver(
      hookUrl,
      fake.notification({ PaymentId: Number(paymentId), OrderId: payment.orderId, Amount: 100, Status: "CONFIRMED" }),
    );
    expect(answer).toEqual({ status: 400, text: "REFUSED" });
    const tooMuch = await fake.deliver(
      hookUrl,
      fake.notification({ PaymentId: Number(paymentId), OrderId: payment.orderId, Amount: 50_000, Status: "REFUNDED" }),
    );
    expect(tooMuch.status).toBe(400);
    expect(await books(payment.id)).toMatchObject({ payment: { status: "PENDING" }, events: [], ledger: [] });
    expect(await refusals("amount mismatch: CONFIRMED for 100 kopecks, the payment is 49900")).toMatchObject({
      context: expect.objectContaining({ paymentId: payment.id, orderId: payment.orderId }) as unknown,
    });
  });

  it.each([
    ["its payment was not stored yet", (orderId: string) => orderId],
    ["its OrderId was mistyped, then corrected", (orderId: string) => `${orderId}_typo`],
  ])(
    "a notification for an unknown order claims nothing and alerts admins; the genuine one (%s) is applied exactly once",
    async (_case, unknownOrderOf) => {
      const { referrer, payer } = await referredPayer();
      const orderId = `pg_tbank_late_${++keys}`;
      const paymentId = String(++tbankIds);
      const confirmed = (order: string) =>
        fake.notification({ PaymentId: Number(paymentId), OrderId: order, Amount: 49900, Status: "CONFIRMED" });
      const unknown = confirmed(unknownOrderOf(orderId));

      // Not OK, so T-Bank re-sends it; each re-send counts on the one alert.
      expect(await fake.deliver(hookUrl, unknown)).toEqual({ status: 404, text: "UNKNOWN ORDER" });
      expect(await fake.deliver(hookUrl, unknown)).toEqual({ status: 404, text: "UNKNOWN ORDER" });
      expect(await api.prisma.webhookEvent.count({ where: { provider: "TBANK", eventId: `${paymentId}:CONFIRMED` } })).toBe(0);
      const alerts = await api.execute(AdminAlerts, {}, { headers: admin.headers });
      expect(alerts.errors).toBeUndefined();
      expect(alerts.data!.admin.alerts.edges.map(({ node }) => node)).toContainEqual({
        severity: "CRITICAL",
        source: "payments:tbank",
        count: 2,
        message: expect.stringContaining(`T-Bank payment ${paymentId} is CONFIRMED for OrderId ${unknownOrderOf(orderId)}`) as unknown,
        context: { tbankPaymentId: paymentId, orderId: unknownOrderOf(orderId), status: "CONFIRMED", amountKopecks: 49900 },
      });

      const payment = await api.prisma.payment.create({
        data: {
          userId: payer.id,
          provider: "TBANK",
          status: "PENDING",
          idempotencyKey: `tbank-test-${++keys}`,
          orderId,
          amount: "499.00",
          photoCount: 7,
          pricingTierId: tierId,
        },
      });
      const genuine = confirmed(orderId);
      for (let delivery = 0; delivery < 3; delivery++) expect(await fake.deliver(hookUrl, genuine)).toEqual(OK);

      const after = await books(payment.id);
      expect(after.payment).toMatchObject({ status: "SUCCEEDED", tbankPaymentId: paymentId });
      expect(after.earning).toMatchObject({ referrerId: referrer.id, status: "CREDITED" });
      expect(after.ledger).toEqual(["COMMISSION 49.90"]);
      expect(
        await api.prisma.webhookEvent.findMany({
          where: { provider: "TBANK", eventId: `${paymentId}:CONFIRMED` },
          select: { paymentId: true, status: true },
        }),
      ).toEqual([{ paymentId: payment.id, status: "PROCESSED" }]);
      expect(await verifyLedger(api.prisma)).toEqual([]);
    },
  );

  it("a status that changes no payment is answered OK for an unknown order, and recorded nowhere", async () => {
    const body = fake.notification({ PaymentId: 5_550_001, OrderId: "pg_not_ours", Amount: 1000, Status: "AUTHORIZED" });
    expect(await fake.deliver(hookUrl, body)).toEqual(OK);
    expect(await api.prisma.webhookEvent.count({ where: { eventId: "5550001:AUTHORIZED" } })).toBe(0);
    expect(await api.prisma.adminAlert.count({ where: { context: { path: ["tbankPaymentId"], equals: "5550001" } } })).toBe(0);
  });

  it("a failure while applying answers 500 and rolls the event back, so T-Bank's retry is processed", async () => {
    const user = await api.signIn();
    const payment = await pendingPayment(user.id);
    const paymentId = String(++tbankIds);
    // Another payment already holds this PaymentId: settling cannot store it (unique), the transaction fails.
    const holder = await api.prisma.payment.create({
      data: {
        userId: user.id,
        provider: "TBANK",
        status: "FAILED",
        idempotencyKey: `tbank-test-${++keys}`,
        amount: "1.00",
        photoCount: 1,
        tbankPaymentId: paymentId,
      },
    });
    expect(await notify(payment, paymentId, "CONFIRMED")).toEqual({ status: 500, text: "ERROR" });
    expect(await books(payment.id)).toMatchObject({ payment: { status: "PENDING" }, events: [] });

    await api.prisma.payment.update({ where: { id: holder.id }, data: { tbankPaymentId: null } });
    expect(await notify(payment, paymentId, "CONFIRMED")).toEqual(OK);
    expect(await books(payment.id)).toMatchObject({ payment: { status: "SUCCEEDED" }, events: [{ status: "PROCESSED" }] });
  });

  it("answers only POST with a JSON object", async () => {
    expect((await fetch(hookUrl)).status).toBe(405);
    expect((await fetch(hookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: "not json" })).status).toBe(400);
    expect(
      (await fetch(hookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(70_000) })).status,
    ).toBe(413);
  });
});

// ─── Refunds ─────────────────────────────────────────────────────────────────────

describe("refunds through Cancel", () => {
  /** A referred payer's payment opened at the fake and confirmed by its notification. */
  async function confirmedPayment() {
    const { referrer, payer } = await referredPayer();
    const input = { tierId: encodeGlobalID("PricingTier", tierId), provider: "TBANK" as const, idempotencyKey: `tbank-refund-${++keys}` };
    const created = await api.execute(CreatePayment, { input }, { headers: payer.headers });
    expect(created.data!.createPayment.__typename).toBe("CreatePaymentPayload");
    const payment = await api.prisma.payment.findFirstOrThrow({ where: { userId: payer.id } });
    // The fake was given PUBLIC_API_URL as NotificationURL; tests deliver to the local server.
    expect(await fake.notify(payment.tbankPaymentId!, "CONFIRMED", { url: hookUrl })).toEqual(OK);
    return { referrer, payment };
  }

  async function refund(paymentId: number, amount?: string) {
    const input = { paymentId: encodeGlobalID("Payment", paymentId), reason: "portraits did not match", ...(amount ? { amount } : {}) };
    const result = await api.execute(RefundPayment, { input }, { headers: admin.headers });
    expect(result.errors).toBeUndefined();
    return result.data!.refundPayment;
  }

  it("an admin's refund runs Cancel in the worker: REFUNDED at once, the commission reversed; T-Bank's REFUNDED notification after it changes nothing", async () => {
    fake.reset();
    const { referrer, payment } = await confirmedPayment();
    expect(await refund(payment.id)).toMatchObject({ __typename: "Payment", status: "REFUNDING", refundStatus: "PENDING" });
    expect(fake.requests.filter((request) => request.method === "Cancel")).toHaveLength(0);

    await runQueuedJobs();
    const cancels = fake.requests.filter((request) => request.method === "Cancel");
    expect(cancels).toEqual([
      expect.objectContaining({
        tokenValid: true,
        errorCode: "0",
        body: expect.objectContaining({ PaymentId: payment.tbankPaymentId, Amount: 49900 }) as unknown,
      }),
    ]);
    expect(fake.payments.get(payment.tbankPaymentId!)).toMatchObject({ status: "REFUNDED", refunded: 49900 });

    const after = await books(payment.id);
    expect(after.payment).toMatchObject({ status: "REFUNDED", refundStatus: "SUCCEEDED", refundAmount: new Prisma.Decimal("499") });
    expect(after.earning).toMatchObject({ referrerId: referrer.id, status: "REVERSED" });
    expect(after.ledger).toEqual(["COMMISSION 49.90", "COMMISSION_REVERSAL -49.90"]);

    expect(await fake.notify(payment.tbankPaymentId!, "REFUNDED", { url: hookUrl })).toEqual(OK);
    expect((await books(payment.id)).ledger).toEqual(after.ledger);
    expect(await verifyLedger(api.prisma)).toEqual([]);
  });

  it("a partial refund T-Bank confirms later (REFUNDING) waits for PARTIAL_REFUNDED, which reverses that share", async () => {
    fake.reset();
    fake.cancelStatus = "REFUNDING";
    const { payment } = await confirmedPayment();
    expect(await refund(payment.id, "199.60")).toMatchObject({ status: "REFUNDING", refundAmount: "199.6" });
    await runQueuedJobs();
    expect(fake.requests.filter((request) => request.method === "Cancel")).toEqual([
      expect.objectContaining({ body: expect.objectContaining({ Amount: 19960 }) as unknown }),
    ]);
    expect((await books(payment.id)).payment.status).toBe("REFUNDING");

    expect(await fake.notify(payment.tbankPaymentId!, "PARTIAL_REFUNDED", { url: hookUrl, amount: 19960 })).toEqual(OK);
    const after = await books(payment.id);
    expect(after.payment).toMatchObject({ status: "REFUNDED", refundStatus: "SUCCEEDED", refundAmount: new Prisma.Decimal("199.6") });
    // 40% of the 49.90 commission.
    expect(after.ledger).toEqual(["COMMISSION 49.90", "COMMISSION_REVERSAL -19.96"]);
  });

  it("T-Bank refusing Cancel fails the refund: the payment is SUCCEEDED again and the commission stays", async () => {
    fake.reset();
    const { payment } = await confirmedPayment();
    await refund(payment.id);
    fake.fail("Cancel", { errorCode: "7", message: "Неверный статус транзакции." });
    await runQueuedJobs();
    const after = await books(payment.id);
    expect(after.payment).toMatchObject({ status: "SUCCEEDED", refundStatus: "FAILED" });
    expect(after.payment.refundReason).toContain("ErrorCode 7");
    expect(after.ledger).toEqual(["COMMISSION 49.90"]);
  });
});

// ─── Exactly once ────────────────────────────────────────────────────────────────

describe("exactly once under repeats and races", () => {
  it("1,000 distinct events, each delivered 3 times in shuffled order 20 at a time, have exactly 1,000 effects", async () => {
    const referrals = await Promise.all(Array.from({ length: 5 }, () => referredPayer()));
    const payers = referrals.flatMap(({ payer }) => [payer]);
    const runKey = `tbank-bulk-${Date.now()}`;
    await api.prisma.payment.createMany({
      data: Array.from({ length: 900 }, (_, i) => ({
        userId: payers[i % payers.length]!.id,
        provider: "TBANK" as const,
        status: "PENDING" as const,
        idempotencyKey: `${runKey}-${i}`,
        amount: "100.00",
        photoCount: 3,
      })),
    });
    const payments = await api.prisma.payment.findMany({ where: { idempotencyKey: { startsWith: runKey } }, orderBy: { id: "asc" } });
    expect(payments).toHaveLength(900);

    // 800 payments are confirmed; 100 are confirmed and refunded (in either order, as they arrive).
    const events = payments.flatMap((payment, i) => {
      const paymentId = 9_200_000_000 + i;
      const confirmed = fake.notification({ PaymentId: paymentId, OrderId: payment.orderId, Amount: 10_000, Status: "CONFIRMED" });
      if (i < 800) return [confirmed];
      return [confirmed, fake.notification({ PaymentId: paymentId, OrderId: payment.orderId, Amount: 10_000, Status: "REFUNDED" })];
    });
    expect(events).toHaveLength(1_000);

    const deliveries = shuffle([...events, ...events, ...events], 20260501);
    const answers: Array<{ status: number; text: string }> = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < deliveries.length) answers.push(await fake.deliver(hookUrl, deliveries[next++]!));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(`[payments-tbank] 3,000 deliveries of 1,000 events in ${seconds.toFixed(1)} s`);

    expect(answers).toHaveLength(3_000);
    expect(answers.filter((answer) => answer.status !== 200 || answer.text !== "OK")).toEqual([]);

    const ids = payments.map((payment) => payment.id);
    const [eventRows, succeeded, refunded, earnings, ledger] = await Promise.all([
      api.prisma.webhookEvent.groupBy({ by: ["status"], where: { provider: "TBANK", paymentId: { in: ids } }, _count: true }),
      api.prisma.payment.count({ where: { id: { in: ids }, status: "SUCCEEDED" } }),
      api.prisma.payment.count({ where: { id: { in: ids }, status: "REFUNDED" } }),
      api.prisma.referralEarning.groupBy({ by: ["status"], where: { paymentId: { in: ids } }, _count: true }),
      api.prisma.balanceTransaction.groupBy({ by: ["kind"], where: { paymentId: { in: ids } }, _count: true, _sum: { amount: true } }),
    ]);
    expect(eventRows).toEqual([{ status: "PROCESSED", _count: 1_000 }]);
    expect({ succeeded, refunded }).toEqual({ succeeded: 800, refunded: 100 });
    expect(Object.fromEntries(earnings.map((row) => [row.status, row._count]))).toEqual({ CREDITED: 800, REVERSED: 100 });
    expect(Object.fromEntries(ledger.map((row) => [row.kind, [row._count, row._sum.amount?.toFixed(2)]]))).toEqual({
      COMMISSION: [900, "9000.00"],
      COMMISSION_REVERSAL: [100, "-1000.00"],
    });
    const balances = await api.prisma.referralBalance.findMany({ where: { userId: { in: referrals.map(({ referrer }) => referrer.id) } } });
    expect(balances.reduce((sum, balance) => sum.plus(balance.balanceRub), new Prisma.Decimal(0)).toFixed(2)).toBe("8000.00");
    expect(await verifyLedger(api.prisma)).toEqual([]);
  }, 180_000);
});

/** A deterministic Fisher–Yates shuffle (mulberry32), so a failing order can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
