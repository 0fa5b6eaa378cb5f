// TON payments against a local fake of toncenter's v3 API (and of a CoinGecko-compatible
// rate API): pricing at a locked, fresh rate; the matching job settling a transfer with
// enough confirmations (and the referrer's commission in TON); what matches nothing
// becoming an orphan with an admin alert; exactly once under re-runs and concurrent runs;
// an admin matching an orphan; API failures keeping the cursor; refunds refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCrontab } from "graphile-worker";
import { Prisma } from "../src/generated/prisma/client.ts";
import { loadConfig } from "../src/config.ts";
import { ensureReferralCode } from "../src/domain/referrals.ts";
import { requestRefund } from "../src/domain/admin-billing.ts";
import { runProviderRefund } from "../src/domain/payments.ts";
import { createPaymentGateways } from "../src/payments/gateways.ts";
import type { PaymentGateways } from "../src/domain/payment-gateway.ts";
import { TonApiClient } from "../src/payments/ton/client.ts";
import { tonGatewayOf, type TonGateway } from "../src/payments/ton/gateway.ts";
import { scanTonTransfers, TON_RATE_TASK, TON_SCAN_TASK } from "../src/payments/ton/matcher.ts";
import { createTaskList } from "../src/worker/tasks.ts";
import { CRONTAB } from "../src/worker/runner.ts";
import { startFakeTonApi, type FakeTonApi } from "./fakes/ton-api.ts";
import { createTestApi, TEST_BOT_TOKEN, type TestAdmin, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const Providers = graphql(`
  query PaymentsTon_Providers {
    paymentProviders
    pricingTiers { id code price }
  }
`);

const CreatePayment = graphql(`
  mutation PaymentsTon_Create($input: CreatePaymentInput!) {
    createPayment(input: $input) {
      __typename
      ... on CreatePaymentPayload {
        payment { id status provider tonAmount exchangeRate originalCurrency }
        checkout { __typename ... on TonTransferCheckout { address amountTon comment expiresAt } }
      }
      ... on PaymentProviderError { retryable }
      ... on Error { code message }
    }
  }
`);

const ResolveOrphan = graphql(`
  mutation PaymentsTon_ResolveOrphan($input: ResolveOrphanPaymentInput!) {
    resolveOrphanPayment(input: $input) {
      __typename
      ... on OrphanPayment { id status matchedPayment { id status } }
      ... on Error { code message }
    }
  }
`);

const WALLET = "EQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p4q2";
const RATE = 250.5;
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
const databaseId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);

let fake: FakeTonApi;
let api: TestApi;
let gateways: PaymentGateways;
let ton: TonGateway;
let tasks: ReturnType<typeof createTaskList>;
let admin: TestAdmin;
let referrer: TestUser;
let payer: TestUser;
let tierId: string;
let keys = 0;

beforeAll(async () => {
  fake = await startFakeTonApi({ wallet: WALLET, rubPerTon: RATE });
  const env = {
    TON_WALLET_ADDRESS: WALLET,
    TON_API_URL: `${fake.url}/api/v3`,
    TON_API_KEY: fake.apiKey,
    TON_RATE_API_URL: `${fake.url}/rates/api/v3`,
    TON_MIN_CONFIRMATIONS: "3",
    TON_RATE_TTL_MINUTES: "15",
  };
  api = await createTestApi(env);
  gateways = createPaymentGateways(
    loadConfig({ NODE_ENV: "test", TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, DATABASE_URL: api.databaseUrl, ...env }),
  );
  ton = tonGatewayOf(gateways)!;
  tasks = createTaskList({ prisma: api.prisma, payments: gateways } as Parameters<typeof createTaskList>[0]);
  await api.prisma.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7, sortOrder: 1 } });
  const { data } = await api.execute(Providers);
  expect(data!.paymentProviders).toContain("TON");
  tierId = data!.pricingTiers.find((tier) => tier.code === "starter")!.id;
  admin = await api.signInAdmin("ADMIN");
  referrer = await api.signIn({ name: "Referrer" });
  await ensureReferralCode(api.prisma, referrer.id);
  const { code } = await api.prisma.referralCode.findUniqueOrThrow({ where: { userId: referrer.id } });
  payer = await api.signIn({ name: "Payer", referralCode: code });
});

afterAll(() => fake?.close());

async function createTonPayment(user: TestUser = payer) {
  const { data, errors } = await api.execute(
    CreatePayment,
    { input: { tierId, provider: "TON", idempotencyKey: `ton-key-${process.pid}-${++keys}` } },
    { headers: user.headers },
  );
  expect(errors).toBeUndefined();
  return data!.createPayment;
}

async function openedPayment(user: TestUser = payer) {
  const created = await createTonPayment(user);
  if (created.__typename !== "CreatePaymentPayload" || created.checkout.__typename !== "TonTransferCheckout")
    throw new Error(JSON.stringify(created));
  const id = databaseId(created.payment.id);
  const row = await api.prisma.payment.findUniqueOrThrow({ where: { id } });
  return { id, checkout: created.checkout, row, nano: BigInt(row.tonAmount!.times(1e9).toFixed(0)) };
}

const runScan = () => tasks[TON_SCAN_TASK]!({}, {} as never);
const cursor = async () => (await api.prisma.tonScanCursor.findUnique({ where: { walletAddress: WALLET } }))?.lastLt ?? null;
const orphanOf = (hashHex: string) => api.prisma.orphanPayment.findUnique({ where: { tonTxHash: hashHex } });

describe("pricing", () => {
  it("refuses TON payments without a current rate, with a typed, retryable error", async () => {
    expect(await createTonPayment()).toMatchObject({
      __typename: "PaymentProviderError",
      code: "PAYMENT_PROVIDER_FAILED",
      retryable: true,
      message: expect.stringContaining("no current TON rate") as unknown,
    });
    // A rate older than TON_RATE_MAX_AGE_MINUTES (30) is not current either.
    await api.prisma.exchangeRate.create({
      data: { baseCurrency: "TON", quoteCurrency: "RUB", rate: "100", source: "test", fetchedAt: new Date(Date.now() - 31 * 60_000) },
    });
    expect(await createTonPayment()).toMatchObject({
      __typename: "PaymentProviderError",
      message: expect.stringContaining("no current TON rate") as unknown,
    });
    expect(await api.prisma.payment.count({ where: { provider: "TON" } })).toBe(0);
  });

  it("locks the fetched rate: amount rounded up, the wallet, the payment's comment and the rate's expiry", async () => {
    expect(parseCrontab(CRONTAB).map((item) => item.task)).toEqual(expect.arrayContaining([TON_RATE_TASK, TON_SCAN_TASK]));
    await tasks[TON_RATE_TASK]!({}, {} as never);
    expect(fake.requests.at(-1)).toMatchObject({
      path: "/rates/api/v3/simple/price",
      query: { ids: "the-open-network", vs_currencies: "rub" },
      status: 200,
    });
    const before = Date.now();
    const { id, checkout, row } = await openedPayment();
    // 499 / 250.5 = 1.99201596…, rounded up to 4 places.
    expect(row).toMatchObject({ status: "PENDING", provider: "TON", originalCurrency: "TON" });
    expect(row.tonAmount!.toString()).toBe("1.9921");
    expect(row.exchangeRate!.toString()).toBe("250.5");
    expect(checkout).toMatchObject({ address: WALLET, comment: row.orderId });
    expect(new Prisma.Decimal(checkout.amountTon).toString()).toBe("1.9921");
    const ttl = new Date(checkout.expiresAt).getTime() - row.rateLockedAt!.getTime();
    expect(ttl).toBe(15 * 60_000);
    expect(row.rateLockedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await api.prisma.exchangeRate.findFirst({ where: { source: "coingecko" } })).toMatchObject({
      baseCurrency: "TON",
      quoteCurrency: "RUB",
    });
    expect(id).toBe(row.id);
  });
});

describe("the matching job", () => {
  it("settles a transfer once it has enough confirmations, crediting the referrer in TON", async () => {
    const { id, row, nano } = await openedPayment();
    const ownTransaction = fake.outgoing();
    const transfer = fake.transfer({ comment: row.orderId, amountNano: nano });

    // Included in the tip's block: 1 confirmation of 3. Not yet; the cursor stays before it.
    await runScan();
    expect((await api.prisma.payment.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect(await cursor()).toBe(ownTransaction.lt);
    expect(fake.requests.filter((r) => r.path.startsWith("/api/v3/")).every((r) => r.apiKey === fake.apiKey)).toBe(true);

    fake.mine(2);
    await runScan();
    const settled = await api.prisma.payment.findUniqueOrThrow({ where: { id } });
    expect(settled).toMatchObject({
      status: "SUCCEEDED",
      tonTxHash: transfer.hashHex,
      tonSenderAddress: transfer.senderFriendly,
      tonConfirmations: 3,
    });
    expect(await cursor()).toBe(transfer.lt);
    const earning = await api.prisma.referralEarning.findUniqueOrThrow({ where: { paymentId: id } });
    expect(earning).toMatchObject({ referrerId: referrer.id, currency: "TON", provider: "TON" });
    expect(earning.nativeAmount!.toString()).toBe("0.19921");
    const ledger = await api.prisma.balanceTransaction.findMany({ where: { paymentId: id } });
    expect(ledger.map((entry) => [entry.currency, entry.amount.toString()])).toEqual([["TON", "0.19921"]]);
    expect(await orphanOf(transfer.hashHex)).toBeNull();
  });

  it("records a wrong comment, a short amount, a late transfer and a second payment as orphans, with an alert", async () => {
    const alertsBefore = await api.prisma.adminAlert.findFirst({ where: { source: "payments:ton" } });
    const short = await openedPayment();
    const late = await openedPayment();
    const paid = await openedPayment();
    const unknown = fake.transfer({ comment: "pg_not_a_payment", amountNano: 5_000_000_000n });
    const noComment = fake.transfer({ comment: null, amountNano: 1_000_000_000n });
    const shortTransfer = fake.transfer({ comment: short.row.orderId, amountNano: short.nano - 1n });
    // Sent (block time) a minute after the locked rate ended: not honoured automatically.
    const lateTransfer = fake.transfer({
      comment: late.row.orderId,
      amountNano: late.nano,
      at: new Date(late.row.rateExpiresAt!.getTime() + 60_000),
    });
    const first = fake.transfer({ comment: ` ${paid.row.orderId} `, amountNano: paid.nano + 5n });
    const again = fake.transfer({ comment: paid.row.orderId, amountNano: paid.nano });
    fake.mine(3);
    await runScan();

    expect(await orphanOf(unknown.hashHex)).toMatchObject({
      status: "UNMATCHED",
      amountNano: 5_000_000_000n,
      comment: "pg_not_a_payment",
      senderAddress: unknown.senderFriendly,
      note: expect.stringContaining("No TON payment") as unknown,
    });
    expect(await orphanOf(noComment.hashHex)).toMatchObject({ comment: null, note: "The transfer has no comment" });
    expect(await orphanOf(shortTransfer.hashHex)).toMatchObject({
      amountNano: short.nano - 1n,
      note: expect.stringContaining("expects 1.9921 TON") as unknown,
    });
    expect(await orphanOf(lateTransfer.hashHex)).toMatchObject({ note: expect.stringContaining("rate expired") as unknown });
    expect(await orphanOf(again.hashHex)).toMatchObject({ note: expect.stringContaining("already paid") as unknown });
    expect(await orphanOf(first.hashHex)).toBeNull();
    const states = await api.prisma.payment.findMany({ where: { id: { in: [short.id, late.id, paid.id] } }, orderBy: { id: "asc" } });
    expect(states.map((p) => [p.id, p.status, p.tonTxHash])).toEqual([
      [short.id, "PENDING", null],
      [late.id, "PENDING", null],
      [paid.id, "SUCCEEDED", first.hashHex],
    ]);
    // One alert for orphan transfers, counting each new one.
    const alert = await api.prisma.adminAlert.findFirstOrThrow({ where: { source: "payments:ton" } });
    expect(alert.count - (alertsBefore?.count ?? 0)).toBe(5);
  });

  it("creates nothing twice when run again, even from the start of the wallet's history", async () => {
    const counts = async () => ({
      orphans: await api.prisma.orphanPayment.count(),
      settled: await api.prisma.payment.count({ where: { status: "SUCCEEDED" } }),
      earnings: await api.prisma.referralEarning.count(),
      ledger: await api.prisma.balanceTransaction.count(),
      alerts: (await api.prisma.adminAlert.findFirst({ where: { source: "payments:ton" } }))?.count,
    });
    const before = await counts();
    await runScan();
    expect(await counts()).toEqual(before);
    await api.prisma.tonScanCursor.update({ where: { walletAddress: WALLET }, data: { lastLt: 0n, lastHash: null } });
    await runScan();
    expect(await counts()).toEqual(before);
    expect(await cursor()).toBe(fake.transactions.at(-1)!.lt);
  });

  it("acts on each transfer once when two runs go at the same time", async () => {
    const payment = await openedPayment();
    const strangers = [1, 2, 3, 4].map((n) => fake.transfer({ comment: `stranger ${n}`, amountNano: BigInt(n) * 1_000_000n }));
    const transfer = fake.transfer({ comment: payment.row.orderId, amountNano: payment.nano });
    fake.mine(3);
    const orphansBefore = await api.prisma.orphanPayment.count();
    const [a, b] = await Promise.all([
      scanTonTransfers(api.prisma, ton, { pageSize: 2 }),
      scanTonTransfers(api.prisma, ton, { pageSize: 2 }),
    ]);
    expect([...a.settled, ...b.settled]).toEqual([payment.id]);
    expect(a.orphaned + b.orphaned).toBe(strangers.length);
    expect(await api.prisma.orphanPayment.count()).toBe(orphansBefore + strangers.length);
    expect(await api.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "SUCCEEDED",
      tonTxHash: transfer.hashHex,
    });
    expect(await api.prisma.referralEarning.count({ where: { paymentId: payment.id } })).toBe(1);
    expect(await cursor()).toBe(transfer.lt);
  });

  it("keeps its place when the API fails (5xx, 429) and carries on at the next run", async () => {
    const payment = await openedPayment();
    const start = await cursor();
    fake.failNext(1, 503, "/masterchainInfo");
    await expect(runScan()).rejects.toMatchObject({ provider: "TON", retryable: true });
    const log = await api.prisma.systemLog.findFirstOrThrow({ where: { source: "payments:ton" }, orderBy: { lastSeenAt: "desc" } });
    expect(log).toMatchObject({ level: "WARN", message: expect.stringContaining("HTTP 503") as unknown });
    expect(await cursor()).toBe(start);

    const strangers = [1, 2].map((n) => fake.transfer({ comment: `late stranger ${n}`, amountNano: 7n * BigInt(n) }));
    const transfer = fake.transfer({ comment: payment.row.orderId, amountNano: payment.nano });
    fake.mine(3);
    // The second page is rate limited: the first page's work stays done, the cursor after it.
    fake.failNext(1, 429, "/transactions", 1);
    await expect(scanTonTransfers(api.prisma, ton, { pageSize: 2 })).rejects.toMatchObject({
      retryable: true,
      message: expect.stringContaining("HTTP 429") as unknown,
    });
    expect(await cursor()).toBe(strangers[1]!.lt);
    for (const stranger of strangers) expect(await orphanOf(stranger.hashHex)).not.toBeNull();
    expect((await api.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("PENDING");

    await runScan();
    expect(await api.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "SUCCEEDED",
      tonTxHash: transfer.hashHex,
    });
    expect(await cursor()).toBe(transfer.lt);
  });
});

describe("orphans and refunds", () => {
  it("settles the payment an admin matches an orphan transfer to", async () => {
    const payment = await openedPayment();
    const short = fake.transfer({ comment: payment.row.orderId, amountNano: payment.nano / 2n });
    fake.mine(3);
    await runScan();
    const orphan = (await orphanOf(short.hashHex))!;
    expect(orphan.status).toBe("UNMATCHED");

    const { data, errors } = await api.execute(
      ResolveOrphan,
      {
        input: {
          orphanPaymentId: globalId("OrphanPayment", orphan.id),
          resolution: "MATCHED",
          paymentId: globalId("Payment", payment.id),
          note: "customer paid the rest by card",
        },
      },
      { headers: admin.headers },
    );
    expect(errors).toBeUndefined();
    expect(data!.resolveOrphanPayment).toMatchObject({
      __typename: "OrphanPayment",
      status: "MATCHED",
      matchedPayment: { id: globalId("Payment", payment.id), status: "SUCCEEDED" },
    });
    expect(await api.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "SUCCEEDED",
      tonTxHash: short.hashHex,
      tonSenderAddress: short.senderFriendly,
    });
    expect(await api.prisma.referralEarning.count({ where: { paymentId: payment.id } })).toBe(1);
    // The job does not act on that transfer again.
    await api.prisma.tonScanCursor.update({ where: { walletAddress: WALLET }, data: { lastLt: short.lt - 1n } });
    await runScan();
    expect(await api.prisma.orphanPayment.count({ where: { tonTxHash: short.hashHex } })).toBe(1);
  });

  it("refuses to refund a TON payment automatically: the refund fails with the reason, the payment stays paid", async () => {
    const payment = await api.prisma.payment.findFirstOrThrow({ where: { provider: "TON", status: "SUCCEEDED" }, orderBy: { id: "asc" } });
    await api.prisma.$transaction((tx) => requestRefund(tx, { paymentId: payment.id, reason: "customer asked" }));
    expect(await runProviderRefund(api.prisma, gateways, payment.id)).toBe("FAILED");
    const after = await api.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(after).toMatchObject({
      status: "SUCCEEDED",
      refundStatus: "FAILED",
      refundReason: expect.stringContaining("TON refunds are not sent automatically") as unknown,
    });
  });

  it("sends a wrong key as a refusal that is not retried", async () => {
    const client = new TonApiClient({ apiUrl: `${fake.url}/api/v3`, apiKey: "wrong" });
    await expect(client.masterchainSeqno()).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining("API key does not exist") as unknown,
    });
  });
});
