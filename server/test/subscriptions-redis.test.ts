// Subscriptions across processes: two API instances (`node --import tsx server/src/main.ts`)
// on one database and one Redis; a subscriber on one instance receives what the other, or
// a worker-like process, caused. Runs when REDIS_URL is set (`.ci/run` sets it when Redis
// answers on 127.0.0.1:6379); without it, the one test that always runs checks that the
// API then uses the in-memory bus.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Client } from "graphql-ws";
import { Redis } from "ioredis";
import { loadConfig } from "../src/config.ts";
import { createEventBus, type RunningEventBus } from "../src/events/pubsub.ts";
import { paths } from "../src/paths.ts";
import { createTestApi, TEST_BOT_TOKEN, type TestApi, type TestUser } from "./support/harness.ts";
import { subscribeSse, subscribeWs, wsClient, type LiveStream } from "./support/live.ts";

const REDIS_URL = process.env.REDIS_URL;

interface Instance {
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/** One API process, as deployed: main.ts with its own environment. */
async function startInstance(env: Record<string, string | undefined>): Promise<Instance> {
  const { REDIS_URL: _inherited, EVENT_CHANNEL_PREFIX: _prefix, ...inherited } = process.env;
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ["--import", "tsx", path.join(paths.root, "server/src/main.ts")],
    {
      cwd: paths.root,
      env: {
        ...inherited,
        NODE_ENV: "test",
        PORT: "0",
        SEED_DEMO_DATA: "false",
        WORKER_IN_PROCESS: "false",
        TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /GraphQL on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`the API exited early (${code}):\n${output}`)));
  });
  // The line above is printed just before the signal handlers are installed: a request
  // answered means they are.
  expect((await fetch(new URL("/healthz", url))).status).toBe(200);
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});

it("uses the in-memory bus when REDIS_URL is unset", async () => {
  const instance = await startInstance({ DATABASE_URL: api.databaseUrl, REDIS_URL: undefined });
  try {
    expect(instance.output()).toContain("[api] events: in memory");
  } finally {
    expect(await instance.stop()).toBe(0);
  }
});

it("with EVENT_LOG, logs each publish (topic, payload, epoch time) and still delivers it", async () => {
  expect(loadConfig({ EVENT_LOG: "true" }).eventLog).toBe(true);
  expect(loadConfig({}).eventLog).toBe(false);
  const lines: string[] = [];
  const events = await createEventBus(undefined, { log: (line) => lines.push(line) });
  const { bus } = events;
  const stream = bus.subscribe("support:ticket-message", 7);
  const next = stream.next(); // listens from the first read
  const before = performance.timeOrigin + performance.now();
  bus.publish("support:ticket-message", 7, { ticketId: 7, messageId: 9 });
  expect((await next).value).toEqual({ ticketId: 7, messageId: 9 });
  expect(lines).toHaveLength(1);
  const [, at] = /^published support:ticket-message:7 \{"ticketId":7,"messageId":9\} at (\d+\.\d{3})$/.exec(lines[0]!) ?? [];
  expect(Number(at)).toBeGreaterThanOrEqual(Math.floor(before));
  expect(Number(at)).toBeLessThanOrEqual(performance.timeOrigin + performance.now());
  await stream.return?.();
  await events.close();
});

describe.runIf(REDIS_URL)("with Redis (REDIS_URL)", () => {
  // Events carry database ids: a prefix of its own keeps this run apart from any other
  // run (or deployment) on the same Redis.
  const channelPrefix = `pinglass-test-${process.pid}-${randomUUID().slice(0, 8)}`;
  let a: Instance;
  let b: Instance;
  let redis: Redis;
  let worker: RunningEventBus;
  const clients: Client[] = [];
  const streams: LiveStream[] = [];

  beforeAll(async () => {
    const env = { DATABASE_URL: api.databaseUrl, REDIS_URL, EVENT_CHANNEL_PREFIX: channelPrefix };
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    redis = new Redis(REDIS_URL!);
    // A third process's bus, as the generation worker has.
    worker = await createEventBus(REDIS_URL, { channelPrefix });
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await worker?.close();
    await redis?.quit();
    expect(codes).toEqual([0, 0]);
  });

  const ws = (instance: Instance, user: { token: string }) => {
    const client = wsClient(instance.url, { authorization: `Bearer ${user.token}` });
    clients.push(client);
    return client;
  };

  /** Resolves once `count` connections listen on the topic in Redis. */
  async function subscribedInRedis(topic: string, count = 1) {
    const channel = `${channelPrefix}:${topic}`;
    await expect
      .poll(async () => Number(((await redis.pubsub("NUMSUB", channel)) as [string, number])[1]), { timeout: 10_000, interval: 20 })
      .toBeGreaterThanOrEqual(count);
  }

  async function post(instance: Instance, user: TestUser, query: string, variables: Record<string, unknown>) {
    const response = await fetch(instance.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...user.headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: Record<string, { __typename: string; id: string }> };
    return Object.values(body.data)[0]!;
  }

  it("both instances talk to Redis", () => {
    for (const instance of [a, b]) expect(instance.output()).toContain("[api] events: Redis");
  });

  it("a subscriber on instance A receives the message posted through instance B", async () => {
    const user = await api.signIn();
    const opened = await post(
      b,
      user,
      `mutation ($input: OpenSupportTicketInput!) { openSupportTicket(input: $input) { __typename ... on SupportTicket { id } } }`,
      {
        input: { subject: "Across instances", category: "GENERAL", message: "First" },
      },
    );
    expect(opened.__typename).toBe("SupportTicket");
    const ticketId = opened.id;
    const databaseId = Number(Buffer.from(ticketId, "base64").toString().split(":")[1]);

    const stream = subscribeWs(ws(a, user), {
      query: `subscription ($ticketId: ID!) { supportTicketMessageAdded(ticketId: $ticketId) { body senderType ticket { id } } }`,
      variables: { ticketId },
    });
    streams.push(stream);
    await subscribedInRedis(`support:ticket-message:${databaseId}`);

    const posted = await post(b, user, `mutation ($input: PostSupportMessageInput!) { postSupportMessage(input: $input) { __typename } }`, {
      input: { ticketId, body: "Sent through B" },
    });
    expect(posted.__typename).toBe("SupportTicketMessage");
    expect((await stream.next()).data?.supportTicketMessageAdded).toEqual({
      body: "Sent through B",
      senderType: "USER",
      ticket: { id: ticketId },
    });
    stream.close();
  });

  it("subscribers on both instances follow a job driven by another process", async () => {
    const user = await api.signIn();
    const style = await api.prisma.style.create({ data: { code: `redis-${randomUUID().slice(0, 8)}`, name: "Redis" } });
    const avatar = await api.prisma.avatar.create({ data: { userId: user.id, status: "PROCESSING" } });
    const job = await api.prisma.generationJob.create({ data: { avatarId: avatar.id, styleId: style.id, totalPhotos: 2 } });
    const jobId = Buffer.from(`GenerationJob:${job.id}`).toString("base64");
    const query = `subscription ($jobId: ID!) { generationJobUpdated(jobId: $jobId) { status completedPhotos generatedPhotos(first: 10) { totalCount } } }`;
    const onA = subscribeWs(ws(a, user), { query, variables: { jobId } });
    const onB = subscribeSse(b.url, { query, variables: { jobId } }, user.headers);
    streams.push(onA, onB);
    for (const stream of [onA, onB])
      expect((await stream.next()).data?.generationJobUpdated).toMatchObject({ status: "PENDING", completedPhotos: 0 });
    await subscribedInRedis(`generation:job:${job.id}`, 2);

    for (let n = 1; n <= 2; n++) {
      const photo = await api.prisma.generatedPhoto.create({
        data: { avatarId: avatar.id, jobId: job.id, prompt: "p", imageUrl: `https://files.test/${n}.png` },
      });
      await api.prisma.generationJob.update({ where: { id: job.id }, data: { status: "PROCESSING", completedPhotos: n } });
      worker.bus.publish("generation:job", job.id, { jobId: job.id, photoId: photo.id });
      for (const stream of [onA, onB]) {
        expect((await stream.next()).data?.generationJobUpdated).toEqual({
          status: "PROCESSING",
          completedPhotos: n,
          generatedPhotos: { totalCount: n },
        });
      }
    }
    await api.prisma.generationJob.update({ where: { id: job.id }, data: { status: "COMPLETED", completedAt: new Date() } });
    worker.bus.publish("generation:job", job.id, { jobId: job.id });
    for (const stream of [onA, onB])
      expect((await stream.next()).data?.generationJobUpdated).toMatchObject({ status: "COMPLETED", completedPhotos: 2 });
  });

  it("a bus under another channel prefix is not heard", async () => {
    const user = await api.signIn();
    const style = await api.prisma.style.create({ data: { code: `other-${randomUUID().slice(0, 8)}`, name: "Other" } });
    const avatar = await api.prisma.avatar.create({ data: { userId: user.id } });
    const job = await api.prisma.generationJob.create({ data: { avatarId: avatar.id, styleId: style.id } });
    const stream = subscribeWs(ws(a, user), {
      query: `subscription ($jobId: ID!) { generationJobUpdated(jobId: $jobId) { completedPhotos } }`,
      variables: { jobId: Buffer.from(`GenerationJob:${job.id}`).toString("base64") },
    });
    streams.push(stream);
    await stream.next();
    await subscribedInRedis(`generation:job:${job.id}`);
    const stranger = await createEventBus(REDIS_URL, { channelPrefix: `${channelPrefix}-other` });
    try {
      await api.prisma.generationJob.update({ where: { id: job.id }, data: { completedPhotos: 1 } });
      stranger.bus.publish("generation:job", job.id, { jobId: job.id });
      await stream.quietFor(300);
      worker.bus.publish("generation:job", job.id, { jobId: job.id });
      expect((await stream.next()).data?.generationJobUpdated).toEqual({ completedPhotos: 1 });
    } finally {
      await stranger.close();
    }
  });

  it("a publish that Redis cannot take is reported and lost, without ending the process", async () => {
    const gone = await createEventBus(REDIS_URL, { channelPrefix });
    await gone.close();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      gone.bus.publish("support:queue", { ticketId: 1 });
      // An unhandled rejection here would fail the run.
      await expect.poll(() => errors.mock.calls.length).toBeGreaterThan(0);
      expect(String(errors.mock.calls[0]![0])).toContain("[events] Redis pub/sub failed");
    } finally {
      errors.mockRestore();
    }
  });
});
