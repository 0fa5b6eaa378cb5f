// Telegram notifications on a real PostgreSQL against the fake Bot API (fakes/telegram-bot-api.ts):
// the four notifications queued by their domain actions in the same transaction (nothing
// when it rolls back), the outbox sender's rules (429 retry_after, 5xx backoff up to
// maxAttempts, 403/400 at once, no double sends between workers, the shared rate, the
// sweep), broadcasts (batches, rate, progress, cancellation, media) through a real worker,
// and the delivery mode's configuration.
import { randomUUID } from "node:crypto";
import { createPubSub } from "graphql-yoga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createPrisma, type PrismaClient } from "../src/db/prisma.ts";
import { postLedgerEntry } from "../src/domain/ledger.ts";
import { settlePayment } from "../src/domain/payments.ts";
import { addInternalNote, replyToTicket } from "../src/domain/support-desk.ts";
import { openSupportTicket } from "../src/domain/support.ts";
import { approveWithdrawal, markWithdrawalPaid, rejectWithdrawal, requestWithdrawal } from "../src/domain/withdrawals.ts";
import { startGeneration } from "../src/domain/generation.ts";
import type { Channels } from "../src/events/pubsub.ts";
import { createBroadcastDelivery, queueRecipients } from "../src/telegram/broadcast-delivery.ts";
import { enqueueNotification } from "../src/domain/notifications.ts";
import { TELEGRAM_TASK, telegramJobKeys } from "../src/domain/telegram-outbox.ts";
import { SENDING_LEASE_SECONDS, broadcastRate, createOutbox, type OutboxSettings } from "../src/telegram/outbox.ts";
import { botApiCall } from "../src/telegram/sender.ts";
import { createTelegramDelivery, createTelegramTasks } from "../src/telegram/tasks.ts";
import { startFakeBotApi, type FakeBotApi, type FakeBotApiCall } from "./fakes/telegram-bot-api.ts";
import { graphql } from "./gql/index.ts";
import {
  createAvatar,
  createCatalogue,
  createPaidPayment,
  startTestWorker,
  waitForJob,
  type TestWorker,
} from "./support/generation-fixtures.ts";
import { TEST_BOT_TOKEN, createTestApi, type TestAdmin, type TestApi } from "./support/harness.ts";

const SendBroadcast = graphql(`
  mutation TelegramNotifications_Send($input: SendBroadcastInput!) {
    sendBroadcast(input: $input) {
      __typename
      ... on TelegramBroadcast { id status startedAt totalRecipients sentCount failedCount }
      ... on Error { code message }
    }
  }
`);

const CancelBroadcast = graphql(`
  mutation TelegramNotifications_Cancel($input: CancelBroadcastInput!) {
    cancelBroadcast(input: $input) {
      __typename
      ... on TelegramBroadcast { id status }
      ... on Error { code message }
    }
  }
`);

const Progress = graphql(`
  query TelegramNotifications_Progress($id: ID!) {
    node(id: $id) {
      ... on TelegramBroadcast { status totalRecipients sentCount failedCount startedAt completedAt }
    }
  }
`);

let api: TestApi;
let fake: FakeBotApi;
let admin: TestAdmin;
const bus = createPubSub<Channels>();

beforeAll(async () => {
  api = await createTestApi();
  fake = await startFakeBotApi({ token: TEST_BOT_TOKEN });
  admin = await api.signInAdmin("ADMIN");
});
afterAll(() => fake?.close());

// ─── Helpers ──────────────────────────────────────────────────────────────────────

let nextChat = 5_000_000_000; // above 2^32: chat ids are 64-bit
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

async function userWithChat(name = "Chat user", { chat = true } = {}) {
  const user = await api.signIn({ name });
  const chatId = chat ? BigInt(nextChat++) : null;
  await api.prisma.user.update({ where: { id: user.id }, data: { telegramChatId: chatId } });
  return { ...user, chatId };
}

const messagesOf = (userId: number) => api.prisma.telegramMessage.findMany({ where: { userId }, orderBy: { id: "asc" } });

async function queuedJob(key: string) {
  const rows = await api.prisma.$queryRaw<Array<{ task: string; payload: Record<string, unknown>; run_at: Date }>>`
    SELECT t.identifier AS task, j.payload, j.run_at
      FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     WHERE j.key = ${key}`;
  return rows[0] ?? null;
}

/** Rolls the transaction back after `change` ran. */
async function rolledBack(change: (tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0]) => Promise<unknown>) {
  await expect(
    api.prisma.$transaction(async (tx) => {
      await change(tx);
      throw new Error("rolled back");
    }),
  ).rejects.toThrow("rolled back");
}

function telegramConfig(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: "test",
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_URL: fake.url,
    TELEGRAM_DELIVERY: "bot-api",
    ...env,
  }).telegram;
}

function outbox(settings: Partial<OutboxSettings> = {}, prisma: PrismaClient = api.prisma, lines: string[] = []) {
  const delivery = createTelegramDelivery(telegramConfig(), (line) => lines.push(line));
  return createOutbox({ prisma, sender: delivery.sender, settings: { ratePerSecond: 30, retryBaseMs: 100, ...settings } });
}

/** Lets the last second's claims leave the shared rate window. */
const quietWindow = () => sleep(1100);

const sendsTo = (chatId: bigint | null, calls: FakeBotApiCall[] = fake.calls) =>
  calls.filter((call) => String(call.params.chat_id) === String(chatId));

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Claim times of rows (a claimed row's send_after is its claim + the lease), checked against a rate. */
function maxPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}
const claimTimes = (rows: Array<{ sendAfter: Date }>) => rows.map((row) => row.sendAfter.getTime() - SENDING_LEASE_SECONDS * 1000);

// ─── Queued by the domain actions ─────────────────────────────────────────────────

describe("notifications are queued by the changes they tell about, in their transaction", () => {
  it("payment received: on settling (once), not on a rollback, not without a chat", async () => {
    const user = await userWithChat("Payer");
    const first = await createPaidPayment(api.prisma, user.id, 7, { status: "PENDING" });
    await rolledBack((tx) => settlePayment(tx, first));
    expect(await messagesOf(user.id)).toEqual([]);

    await api.prisma.$transaction((tx) => settlePayment(tx, first));
    await api.prisma.$transaction((tx) => settlePayment(tx, first)); // already settled: nothing new
    const [message, ...more] = await messagesOf(user.id);
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      kind: "payment_succeeded",
      status: "PENDING",
      telegramChatId: user.chatId,
      attempts: 0,
      maxAttempts: 3,
    });
    expect(message!.text).toBe("Оплата 499 ₽ получена. Вам доступно 7 фото — выберите стиль и запустите генерацию.");
    expect(await queuedJob(telegramJobKeys.message(message!.id))).toMatchObject({
      task: TELEGRAM_TASK.send,
      payload: { messageId: message!.id },
    });

    const noChat = await userWithChat("No chat", { chat: false });
    await api.prisma.$transaction(async (tx) =>
      settlePayment(tx, await createPaidPayment(api.prisma, noChat.id, 7, { status: "PENDING" })),
    );
    expect(await messagesOf(noChat.id)).toEqual([]);
  });

  it("ticket reply: an operator's reply, never an internal note; nothing on a rollback", async () => {
    const user = await userWithChat("Asker");
    const ticket = await openSupportTicket(api.prisma, bus, user.id, {
      subject: "Где фото?",
      category: "TECHNICAL",
      message: "Жду уже час",
    });
    await rolledBack((tx) => replyToTicket(tx, admin.id, ticket.id, { body: "Отменённый ответ" }));
    await api.prisma.$transaction((tx) => addInternalNote(tx, admin.id, ticket.id, "Проверить у провайдера"));
    expect(await messagesOf(user.id)).toEqual([]);

    await api.prisma.$transaction((tx) => replyToTicket(tx, admin.id, ticket.id, { body: "Фото будут через 10 минут." }));
    const [message, ...more] = await messagesOf(user.id);
    expect(more).toEqual([]);
    const number = (await api.prisma.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } })).number;
    expect(message).toMatchObject({
      kind: "ticket_reply",
      telegramChatId: user.chatId,
      text: `Поддержка ответила на обращение ${number}:\n\nФото будут через 10 минут.`,
    });
    expect(await queuedJob(telegramJobKeys.message(message!.id))).not.toBeNull();
  });

  it("withdrawal status: approved, paid and rejected; nothing on a rollback", async () => {
    const user = await userWithChat("Partner");
    await api.prisma.$transaction((tx) =>
      postLedgerEntry(tx, { userId: user.id, currency: "RUB", kind: "ADJUSTMENT", amount: "10000.00", note: "test funding" }),
    );
    const request = (amount: string) =>
      api.prisma.$transaction((tx) =>
        requestWithdrawal(tx, {
          userId: user.id,
          amount,
          currency: "RUB",
          method: "CARD",
          details: { cardNumber: "2200 7000 1234 4417", bank: "T-Bank" },
          recipientName: "Ivan Petrov",
        }),
      );
    const paid = await request("3000.00");
    await rolledBack((tx) => approveWithdrawal(tx, { withdrawalId: paid.id, adminId: admin.id }));
    expect(await messagesOf(user.id)).toEqual([]);

    await api.prisma.$transaction((tx) => approveWithdrawal(tx, { withdrawalId: paid.id, adminId: admin.id }));
    await api.prisma.$transaction((tx) =>
      markWithdrawalPaid(tx, { withdrawalId: paid.id, adminId: admin.id, externalPayoutId: `payout-${randomUUID()}` }),
    );
    const rejected = await request("1000.00");
    await api.prisma.$transaction((tx) =>
      rejectWithdrawal(tx, { withdrawalId: rejected.id, adminId: admin.id, reason: "карта не принимает переводы" }),
    );

    const messages = await messagesOf(user.id);
    expect(messages.map((m) => m.kind)).toEqual(["withdrawal_approved", "withdrawal_paid", "withdrawal_rejected"]);
    expect(messages[0]!.text).toBe("Заявка на вывод 3000 ₽ одобрена. Сообщим, когда деньги будут отправлены.");
    expect(messages[1]!.text).toMatch(/^Выплата \d+(\.\d\d)? ₽ отправлена\.$/);
    expect(messages[2]!.text).toBe("Заявка на вывод 1000 ₽ отклонена: карта не принимает переводы. Сумма вернулась на баланс.");
  });

  it("generation finished or failed: queued when the worker settles the job, and sent through the Bot API", async () => {
    const catalogue = await createCatalogue(api.prisma);
    const user = await userWithChat("Generator");
    const start = async () => {
      await createPaidPayment(api.prisma, user.id, 2);
      const avatarId = await createAvatar(api.prisma, user.id, { name: "Аня" });
      return startGeneration(api.prisma, bus, user.id, { avatarId, styleId: catalogue.styleId }, { maxAttempts: 1 });
    };
    const env = { TELEGRAM_DELIVERY: "bot-api", TELEGRAM_API_URL: fake.url, GENERATION_MAX_ATTEMPTS: "1" };

    let worker: TestWorker = await startTestWorker(api, { env });
    try {
      const jobId = await start();
      expect((await waitForJob(api.prisma, jobId)).status).toBe("COMPLETED");
      const call = await fake.waitForCall("sendMessage", (c) => String(c.params.chat_id) === String(user.chatId));
      expect(call.params.text).toBe("Портреты «Аня» готовы: 2 фото. Откройте PinGlass, чтобы посмотреть и скачать их.");
      const sent = await until("the message marked SENT", async () => (await messagesOf(user.id)).find((m) => m.status === "SENT"));
      expect(sent).toMatchObject({
        kind: "generation_ready",
        attempts: 1,
        telegramMessageId: BigInt((call.result as { message_id: number }).message_id),
      });
    } finally {
      await worker.stop();
    }

    worker = await startTestWorker(api, { env: { ...env, LOCAL_PROVIDER_FAILURE_RATE: "1" } });
    try {
      const jobId = await start();
      expect((await waitForJob(api.prisma, jobId)).status).toBe("FAILED");
      const failed = await until("the failure message", async () =>
        (await messagesOf(user.id)).find((m) => m.kind === "generation_failed" && m.status === "SENT"),
      );
      expect(failed.text).toBe("Не получилось создать портреты «Аня». Оплата снова доступна — можно запустить генерацию ещё раз.");
    } finally {
      await worker.stop();
    }
  });
});

// ─── The sender's rules ───────────────────────────────────────────────────────────

async function queued(name: string) {
  const user = await userWithChat(name);
  const id = await api.prisma.$transaction((tx) => enqueueNotification(tx, { userId: user.id, kind: "test", text: `Привет, ${name}` }));
  return { user, id: id! };
}

describe("the outbox against the Bot API", () => {
  it("429: waits retry_after, then sends once; the attempt is not burned", async () => {
    await quietWindow();
    const { user, id } = await queued("Flood");
    fake.failNext("sendMessage", { status: 429, retryAfter: 1 });
    const sender = outbox();

    expect(await sender.deliverMessage(id)).toBe("PENDING");
    const waiting = await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 0, errorMessage: "429: Too Many Requests: retry after 1" });
    expect(waiting.sendAfter.getTime() - Date.now()).toBeGreaterThan(700);
    const job = await queuedJob(telegramJobKeys.message(id));
    expect(job!.run_at.getTime()).toBeGreaterThanOrEqual(waiting.sendAfter.getTime() - 50);

    // Early: not due, nothing is sent.
    expect(await sender.deliverMessage(id)).toBe("PENDING");
    expect(sendsTo(user.chatId)).toHaveLength(1);

    await sleep(waiting.sendAfter.getTime() - Date.now() + 20);
    expect(await sender.deliverMessage(id)).toBe("SENT");
    const calls = sendsTo(user.chatId);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "SENT",
      attempts: 1,
      errorMessage: null,
      sentAt: expect.any(Date) as unknown,
    });
    expect(await sender.deliverMessage(id)).toBe("SKIPPED");
    expect(sendsTo(user.chatId)).toHaveLength(2);
  });

  it("5xx and no answer: retried with a doubling delay, FAILED after maxAttempts", async () => {
    await quietWindow();
    const { user, id } = await queued("Flaky");
    fake.failNext("sendMessage", { status: 500 });
    fake.failNext("sendMessage", { status: "drop" });
    fake.failNext("sendMessage", { status: 503 });
    const sender = outbox({ retryBaseMs: 150 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = Date.now();
      const result = await sender.deliverMessage(id);
      const row = await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id } });
      expect(row.attempts).toBe(attempt);
      if (attempt < 3) {
        expect(result).toBe("PENDING");
        delays.push(row.sendAfter.getTime() - before);
        expect(await sender.deliverMessage(id)).toBe("PENDING"); // not yet due: no call
        await sleep(row.sendAfter.getTime() - Date.now() + 20);
      } else {
        expect(result).toBe("FAILED");
        expect(row).toMatchObject({ status: "FAILED", errorMessage: "503: Service Unavailable" });
      }
    }
    expect(delays[0]).toBeGreaterThanOrEqual(100);
    expect(delays[0]).toBeLessThan(400);
    expect(delays[1]).toBeGreaterThanOrEqual(250);
    expect(sendsTo(user.chatId).map((c) => c.status)).toEqual([500, 0, 503]);
    expect(await sender.deliverMessage(id)).toBe("SKIPPED");
  });

  it("403 blocked and 400 chat not found: FAILED at once", async () => {
    await quietWindow();
    const blocked = await queued("Blocker");
    fake.blockedChats.add(Number(blocked.user.chatId));
    const missing = await queued("Gone");
    fake.failNext("sendMessage", { status: 400, description: "Bad Request: chat not found" });
    const sender = outbox();
    expect(await sender.deliverMessage(missing.id)).toBe("FAILED");
    expect(await sender.deliverMessage(blocked.id)).toBe("FAILED");
    expect(await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id: blocked.id } })).toMatchObject({
      status: "FAILED",
      attempts: 1,
      errorMessage: "403: Forbidden: bot was blocked by the user",
    });
    expect(await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id: missing.id } })).toMatchObject({
      status: "FAILED",
      attempts: 1,
      errorMessage: "400: Bad Request: chat not found",
    });
    expect(sendsTo(blocked.user.chatId)).toHaveLength(1);
    expect(sendsTo(missing.user.chatId)).toHaveLength(1);
  });

  it("concurrent workers never send one message twice", async () => {
    await quietWindow();
    const rows = await Promise.all(Array.from({ length: 20 }, (_, i) => queued(`Race ${i}`)));
    fake.delay("sendMessage", 30);
    const clients = [
      createPrisma(api.databaseUrl, { poolSize: 4 }),
      createPrisma(api.databaseUrl, { poolSize: 4 }),
      createPrisma(api.databaseUrl, { poolSize: 4 }),
    ];
    try {
      const senders = clients.map((client) => outbox({}, client));
      const results = await Promise.all(senders.flatMap((sender) => rows.map((row) => sender.deliverMessage(row.id))));
      expect(results.filter((r) => r === "SENT")).toHaveLength(20);
      for (const row of rows) expect(sendsTo(row.user.chatId)).toHaveLength(1);
      expect(await api.prisma.telegramMessage.count({ where: { id: { in: rows.map((r) => r.id) }, status: "SENT", attempts: 1 } })).toBe(
        20,
      );
    } finally {
      fake.delay("sendMessage", 0);
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
  });

  it("keeps to one rate across workers", async () => {
    await quietWindow();
    const rows = await Promise.all(Array.from({ length: 14 }, (_, i) => queued(`Rate ${i}`)));
    const clients = [createPrisma(api.databaseUrl, { poolSize: 3 }), createPrisma(api.databaseUrl, { poolSize: 3 })];
    const started = Date.now();
    try {
      const senders = clients.map((client) => outbox({ ratePerSecond: 5 }, client));
      // Each worker tries every message until it is gone (a rate-limited try re-queues it for later).
      await Promise.all(
        senders.map(async (sender) => {
          for (const row of rows) while ((await sender.deliverMessage(row.id)) === "PENDING") await sleep(50);
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
    const sent = await api.prisma.telegramMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    expect(sent.every((row) => row.status === "SENT")).toBe(true);
    expect(maxPerSecond(claimTimes(sent))).toBeLessThanOrEqual(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // 14 at 5 a second: three windows
    for (const row of rows) expect(sendsTo(row.user.chatId)).toHaveLength(1);
  });

  it("the sweep takes back messages of a dead worker and re-queues lost jobs", async () => {
    const stuck = await queued("Stuck");
    const last = await queued("Last try");
    const lost = await queued("Lost job");
    const past = new Date(Date.now() - 60_000);
    await api.prisma.telegramMessage.update({ where: { id: stuck.id }, data: { status: "SENDING", attempts: 1, sendAfter: past } });
    await api.prisma.telegramMessage.update({ where: { id: last.id }, data: { status: "SENDING", attempts: 3, sendAfter: past } });
    await api.prisma.telegramMessage.update({ where: { id: lost.id }, data: { sendAfter: past } });
    await api.prisma
      .$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key IN (${telegramJobKeys.message(stuck.id)}, ${telegramJobKeys.message(lost.id)})`;

    expect(await outbox().sweepMessages()).toMatchObject({ reclaimed: 2 });
    expect(await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({
      status: "PENDING",
      attempts: 1,
    });
    expect(await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id: last.id } })).toMatchObject({
      status: "FAILED",
      errorMessage: "the worker stopped while sending",
    });
    expect(await queuedJob(telegramJobKeys.message(stuck.id))).not.toBeNull();
    expect(await queuedJob(telegramJobKeys.message(lost.id))).not.toBeNull();
  });
});

// ─── Delivery mode ────────────────────────────────────────────────────────────────

describe("TELEGRAM_DELIVERY", () => {
  const production = { NODE_ENV: "production", DATABASE_URL: "postgresql://db/p", TELEGRAM_BOT_TOKEN: "1:abcdefghijklmnopqrstuvwxyz" };

  it("development logs messages and marks them sent, never calling Telegram with the development token", async () => {
    await quietWindow();
    const development = loadConfig({ NODE_ENV: "development" });
    expect(development.telegram.delivery).toEqual({ mode: "log", ratePerSecond: 25, retryBaseMs: 10_000 });
    const { user, id } = await queued("Developer");
    const lines: string[] = [];
    const delivery = createTelegramDelivery({ ...development.telegram, apiUrl: fake.url }, (line) => lines.push(line));
    const sender = createOutbox({ prisma: api.prisma, ...delivery });
    expect(await sender.deliverMessage(id)).toBe("SENT");
    expect(await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "SENT",
      telegramMessageId: null,
    });
    expect(lines).toEqual([`telegram (TELEGRAM_DELIVERY=log, not sent) to chat ${user.chatId} [test]: Привет, Developer`]);
    expect(sendsTo(user.chatId)).toEqual([]);
    expect(fake.unauthorized).toBe(0);
    // bot-api needs a real token: the development one is never sent.
    expect(() => loadConfig({ NODE_ENV: "development", TELEGRAM_DELIVERY: "bot-api" })).toThrow(
      /TELEGRAM_BOT_TOKEN: is required when TELEGRAM_DELIVERY=bot-api/,
    );
  });

  it("production sends through the Bot API and refuses log", () => {
    expect(loadConfig(production).telegram.delivery.mode).toBe("bot-api");
    expect(() => loadConfig({ ...production, TELEGRAM_DELIVERY: "log" })).toThrow(/TELEGRAM_DELIVERY: must be bot-api in production/);
    expect(loadConfig({ NODE_ENV: "test" }).telegram.delivery.mode).toBe("log");
    expect(loadConfig({ NODE_ENV: "test", TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, TELEGRAM_DELIVERY: "bot-api" }).telegram.delivery.mode).toBe(
      "bot-api",
    );
  });
});

// ─── Broadcasts ───────────────────────────────────────────────────────────────────

/** `count` partners with chats (the PARTNERS segment keeps other tests' users out). */
async function partners(count: number) {
  const users = [];
  for (let i = 0; i < count; i++) {
    const user = await userWithChat(`Partner ${i}`);
    await api.prisma.referralBalance.create({ data: { userId: user.id, isPartner: true } });
    users.push(user);
  }
  return users;
}

/** Takes them out of the PARTNERS segment again, so the next broadcast test has only its own. */
async function retire(users: Array<{ id: number }>) {
  await api.prisma.referralBalance.updateMany({ where: { userId: { in: users.map((u) => u.id) } }, data: { isPartner: false } });
}

async function broadcastTo(text: string, extra: { mediaUrl?: string; buttons?: unknown } = {}) {
  return api.prisma.telegramBroadcast.create({
    data: { title: text, text, adminId: admin.id, audience: { segment: "partners", excludeBanned: true }, ...(extra as object) },
  });
}

describe("broadcasts", () => {
  it("queue their audience in batches, each recipient once", async () => {
    const members = await partners(7);
    await api.prisma.user.update({ where: { id: members[3]!.id }, data: { isBanned: true } });
    const noChat = await userWithChat("Partner without chat", { chat: false });
    await api.prisma.referralBalance.create({ data: { userId: noChat.id, isPartner: true } });
    const broadcast = await broadcastTo("Batches");
    await api.prisma.telegramBroadcast.update({ where: { id: broadcast.id }, data: { status: "SENDING" } });

    // Other tests' partners may come first: walk from the first of ours.
    let after = members[0]!.id - 1;
    const steps = [];
    for (;;) {
      const step = await queueRecipients(api.prisma, broadcast.id, after, 3);
      steps.push(step!.inserted);
      if (step!.next.queued) break;
      after = step!.next.afterUserId!;
    }
    expect(steps).toEqual([3, 3, 0]);
    expect(await queuedJob(telegramJobKeys.broadcast(broadcast.id))).toMatchObject({
      task: TELEGRAM_TASK.broadcast,
      payload: { broadcastId: broadcast.id, queued: true },
    });
    // Run again from the start: nobody twice.
    expect((await queueRecipients(api.prisma, broadcast.id, members[0]!.id - 1, 3))!.inserted).toBe(0);
    const rows = await api.prisma.telegramMessage.findMany({ where: { broadcastId: broadcast.id }, orderBy: { userId: "asc" } });
    expect(rows.map((r) => r.userId)).toEqual(members.filter((_, i) => i !== 3).map((m) => m.id));
    expect(rows.every((r) => r.kind === "broadcast" && r.text === "Batches" && r.status === "PENDING")).toBe(true);
    expect((await api.prisma.telegramBroadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).totalRecipients).toBe(6);
    await api.prisma.telegramBroadcast.update({ where: { id: broadcast.id }, data: { status: "CANCELLED" } });
    await retire([...members, noChat]);
  });

  it("are sent by the worker within the rate, with progress admins read, to the end", async () => {
    await quietWindow();
    const members = await partners(24);
    const blocked = members.slice(0, 2);
    for (const member of blocked) fake.blockedChats.add(Number(member.chatId));
    const broadcast = await broadcastTo("Новые стили уже в PinGlass");
    const id = globalId("TelegramBroadcast", broadcast.id);

    const started = await api.execute(SendBroadcast, { input: { broadcastId: id } }, { headers: admin.headers });
    expect(started.data?.sendBroadcast).toMatchObject({
      __typename: "TelegramBroadcast",
      status: "SENDING",
      totalRecipients: 0,
      sentCount: 0,
      failedCount: 0,
    });
    expect(await api.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({
      action: "broadcast.send",
      targetId: broadcast.id,
      before: { status: "DRAFT" },
      after: { status: "SENDING" },
    });
    const again = await api.execute(SendBroadcast, { input: { broadcastId: id } }, { headers: admin.headers });
    expect(again.data?.sendBroadcast).toMatchObject({ __typename: "ConflictError" });

    const rate = 10;
    const worker = await startTestWorker(api, {
      env: { TELEGRAM_DELIVERY: "bot-api", TELEGRAM_API_URL: fake.url, TELEGRAM_SEND_RATE_PER_SECOND: String(rate) },
    });
    const began = Date.now();
    const seen: Array<{ total: number; sent: number }> = [];
    try {
      await until(
        "the broadcast to finish",
        async () => {
          const progress = await api.execute(Progress, { id }, { headers: admin.headers });
          const node = progress.data?.node as { status: string; totalRecipients: number; sentCount: number; failedCount: number } | null;
          seen.push({ total: node!.totalRecipients, sent: node!.sentCount });
          return node?.status === "COMPLETED" ? node : null;
        },
        30_000,
      );
    } finally {
      await worker.stop();
    }
    const finished = await api.execute(Progress, { id }, { headers: admin.headers });
    expect(finished.data?.node).toMatchObject({
      status: "COMPLETED",
      totalRecipients: 24,
      sentCount: 22,
      failedCount: 2,
      completedAt: expect.any(String) as unknown,
    });
    // Progress was visible on the way (sent grew before the end).
    expect(seen.some((s) => s.total === 24 && s.sent > 0 && s.sent < 22)).toBe(true);

    const rows = await api.prisma.telegramMessage.findMany({ where: { broadcastId: broadcast.id } });
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(22);
    expect(rows.filter((r) => r.status === "FAILED").every((r) => r.errorMessage === "403: Forbidden: bot was blocked by the user")).toBe(
      true,
    );
    for (const member of members) expect(sendsTo(member.chatId)).toHaveLength(1);
    expect(maxPerSecond(claimTimes(rows))).toBeLessThanOrEqual(broadcastRate(rate));
    expect(Date.now() - began).toBeGreaterThanOrEqual(2000); // 24 at 8 a second
    await retire(members);
  });

  it("stop when cancelled: waiting messages are cancelled, none is sent after", async () => {
    await quietWindow();
    const members = await partners(16);
    const broadcast = await broadcastTo("Отменим");
    const id = globalId("TelegramBroadcast", broadcast.id);
    await api.execute(SendBroadcast, { input: { broadcastId: id } }, { headers: admin.headers });
    const worker = await startTestWorker(api, {
      env: { TELEGRAM_DELIVERY: "bot-api", TELEGRAM_API_URL: fake.url, TELEGRAM_SEND_RATE_PER_SECOND: "5" },
    });
    try {
      await until(
        "some messages sent",
        async () => (await api.prisma.telegramBroadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).sentCount >= 2,
      );
      const cancelled = await api.execute(CancelBroadcast, { input: { broadcastId: id } }, { headers: admin.headers });
      expect(cancelled.data?.cancelBroadcast).toMatchObject({ status: "CANCELLED" });
      const sendsAtCancel = members.flatMap((m) => sendsTo(m.chatId)).length;
      await sleep(1500);
      const rows = await api.prisma.telegramMessage.findMany({ where: { broadcastId: broadcast.id } });
      const sent = rows.filter((r) => r.status === "SENT").length;
      // A batch claimed before the cancel may still finish; nothing is claimed after it.
      expect(members.flatMap((m) => sendsTo(m.chatId)).length).toBe(sent);
      expect(sent - sendsAtCancel).toBeLessThanOrEqual(broadcastRate(5));
      expect(rows.filter((r) => r.status === "CANCELLED").length).toBe(16 - sent);
      expect(sent).toBeLessThan(16);
      const final = await api.prisma.telegramBroadcast.findUniqueOrThrow({ where: { id: broadcast.id } });
      expect(final).toMatchObject({ status: "CANCELLED", totalRecipients: 16, sentCount: sent });
    } finally {
      await worker.stop();
    }
    await retire(members);
  });

  it("start at their scheduled time (the sweep), with media as a photo and buttons", async () => {
    await quietWindow();
    const [member] = await partners(1);
    const photos: Array<Record<string, unknown>> = [];
    fake.handle("sendPhoto", (params) => {
      photos.push(params);
      return { message_id: 77, chat: { id: Number(params.chat_id), type: "private" }, date: Math.floor(Date.now() / 1000) };
    });
    const buttons = [[{ text: "Открыть", url: "https://t.me/PinGlassBot?start=promo" }]];
    const broadcast = await broadcastTo("С фото", { mediaUrl: "https://cdn.test/promo.jpg", buttons });
    await api.prisma.telegramBroadcast.update({
      where: { id: broadcast.id },
      data: { status: "SCHEDULED", scheduledAt: new Date(Date.now() - 1000) },
    });

    const tasks = createTelegramTasks({ prisma: api.prisma, telegram: createTelegramDelivery(telegramConfig()) });
    const helpers = {} as Parameters<NonNullable<(typeof tasks)[string]>>[1];
    await tasks[TELEGRAM_TASK.sweep]!({}, helpers);
    expect(await api.prisma.telegramBroadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).toMatchObject({
      status: "SENDING",
      startedAt: expect.any(Date) as unknown,
    });
    // Other tests' partners are in the audience too: run the steps until this broadcast ends.
    const delivery = createBroadcastDelivery({ prisma: api.prisma, outbox: outbox(), ratePerSecond: 30 });
    for (;;) {
      const job = await queuedJob(telegramJobKeys.broadcast(broadcast.id));
      if (!job) break;
      await api.prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = ${telegramJobKeys.broadcast(broadcast.id)}`;
      await delivery.runBroadcast(job.payload as never);
    }
    expect((await api.prisma.telegramBroadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).status).toBe("COMPLETED");
    const mine = photos.filter((p) => p.chat_id === String(member!.chatId));
    expect(mine).toEqual([
      {
        chat_id: String(member!.chatId),
        photo: "https://cdn.test/promo.jpg",
        caption: "С фото",
        reply_markup: { inline_keyboard: buttons },
      },
    ]);
  });

  it("a long text with media goes as a message with the photo as its preview", () => {
    const long = "x".repeat(2000);
    expect(botApiCall({ chatId: 1n, kind: "broadcast", text: long, payload: { photo: "https://cdn.test/a.jpg" } })).toEqual({
      method: "sendMessage",
      params: { chat_id: "1", text: long, link_preview_options: { url: "https://cdn.test/a.jpg", show_above_text: true } },
    });
  });
});
