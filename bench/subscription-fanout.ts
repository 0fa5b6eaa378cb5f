// Subscription fan-out: N graphql-ws clients follow one support ticket while messages
// are added to it. Prints delivered events/s, latency to each client's receipt (p50/p99),
// the API process's memory per idle connection and its CPU per event, for each N, with the
// in-memory bus and (when REDIS_URL is set, or with --redis) the Redis one.
//
//   pnpm bench:fanout                      # N = 100 and 1000, 20 messages each (+3 cold)
//   pnpm bench:fanout --clients 100 --events 50 --redis --cold-events 0
//   pnpm bench:fanout --clients 1000 --cpu-prof bench/profiles   # + the API's CPU profile
//   pnpm bench:fanout --clients 1000 --per-event                  # each message's first and last receipt
//
// The API runs as its own process (so its memory is measured alone); the clients and
// the publisher run here. In memory, the bus is inside the API: a message is posted through
// the postSupportMessage mutation, and latency runs from just before the request (the
// mutation and its commit included) to the client's receipt. With Redis, the message row is
// written first and its event published on Redis from here, as a worker process does:
// latency runs from the publish to the receipt. Memory per connection is the API's RSS with N idle
// subscribed sockets minus its RSS before them, after a warm-up round of 10 subscribers
// (so one-time costs, like the database client's first query, are not counted per
// connection). A figure-printing script, not a test: it asserts nothing.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { provideDatabase } from "../server/src/db/database.ts";
import { deployMigrations } from "../server/src/db/migrations.ts";
import { createPrisma } from "../server/src/db/prisma.ts";
import { connectionOptions, databaseUrl, withDatabase } from "../server/src/db/connection.ts";
import { ensureDatabaseExists } from "../server/src/db/database.ts";
import { issueSession } from "../server/src/auth/sessions.ts";
import { findOrCreateTelegramUser } from "../server/src/domain/users.ts";
import { createEventBus } from "../server/src/events/pubsub.ts";
import { paths } from "../server/src/paths.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "100,1000" },
    events: { type: "string", default: "20" },
    "cold-events": { type: "string", default: "3" },
    /** The subscribers' client: `lean` (graphql-transport-ws on a bare socket) or `graphql-ws` (its client). */
    client: { type: "string", default: "lean" },
    /** Also print each counted message's first and last receipt. */
    "per-event": { type: "boolean", default: false },
    redis: { type: "boolean", default: false },
    /** A directory to write a V8 CPU profile of the API during the counted events (open in DevTools). */
    "cpu-prof": { type: "string" },
  },
});
const clientCounts = values.clients.split(",").map(Number);
const eventCount = Number(values.events);
const coldEventCount = Number(values["cold-events"]);
const redisUrl = values.redis ? (process.env.REDIS_URL ?? "redis://127.0.0.1:6379") : process.env.REDIS_URL;

async function dropDatabase(url: string) {
  const options = connectionOptions(url);
  const admin = createPrisma(databaseUrl(withDatabase(options, "postgres")), { poolSize: 1 });
  await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${options.database}" WITH (FORCE)`);
  await admin.$disconnect();
}

/** CPU time (user + system) the process `pid` has used so far, in milliseconds (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticksPerMs = 100 / 1000; // USER_HZ
  return (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
}

function rssKiB(pid: number): number {
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)]).toString().trim());
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * A DevTools session on the API process (started with --inspect on a free port), to run a
 * full garbage collection before reading its RSS: otherwise the idle figure is mostly the
 * garbage left by 1,000 handshakes, which V8 collects whenever it pleases.
 */
interface Inspector {
  gc(): Promise<void>;
  /** The CPU profile between the two calls (Profiler.start … Profiler.stop). */
  startProfile(): Promise<void>;
  stopProfile(): Promise<unknown>;
  close(): void;
}

async function inspector(output: () => string): Promise<Inspector> {
  let match: RegExpExecArray | null = null;
  for (let i = 0; i < 100 && !(match = /Debugger listening on (ws:\/\/\S+)/.exec(output())); i++) await sleep(20);
  if (!match) throw new Error("no inspector URL in the API's output");
  const socket = new WebSocket(match[1]!);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  let lastId = 0;
  const call = (method: string) =>
    new Promise<{ profile?: unknown }>((resolve) => {
      const id = ++lastId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: { profile?: unknown } };
        if (message.id !== id) return;
        socket.off("message", onMessage);
        resolve(message.result ?? {});
      };
      socket.on("message", onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  await Promise.all([call("HeapProfiler.enable"), call("Profiler.enable")]);
  return {
    gc: async () => void (await call("HeapProfiler.collectGarbage")),
    startProfile: async () => void (await call("Profiler.start")),
    stopProfile: async () => (await call("Profiler.stop")).profile,
    close: () => socket.close(),
  };
}

/** RSS: the median of `samples` readings, each after a full GC when `gc` is given. */
async function idleRssKiB(pid: number, gc?: () => Promise<void>, samples = 5): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (gc) await gc();
    await sleep(200);
    readings.push(rssKiB(pid));
  }
  readings.sort((a, b) => a - b);
  return readings[Math.floor(samples / 2)]!;
}

/** Posts a message to the ticket as its user (the mutation publishes the event). */
async function post(url: string, token: string, ticketId: string, body: string) {
  await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation ($input: PostSupportMessageInput!) { postSupportMessage(input: $input) { __typename } }`,
      variables: { input: { ticketId, body } },
    }),
  });
}

/** Waits (up to 10 s) until `done`. */
async function waitUntil(done: () => boolean) {
  const deadline = performance.now() + 10_000;
  while (!done() && performance.now() < deadline) await sleep(1);
}

interface Subscriber {
  close(): Promise<void> | void;
}
type Operation = { query: string; variables: Record<string, unknown> };
type OnMessage = (body: string | undefined) => void;

/** A subscriber through graphql-ws's own client (costs this process more per message than the lean one). */
function graphqlWsSubscriber(url: string, token: string, operation: Operation, onMessage: OnMessage): Subscriber {
  const client = createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { token } });
  client.subscribe<{ supportTicketMessageAdded: { body: string } | null }>(operation, {
    next: (value) => onMessage(value.data?.supportTicketMessageAdded?.body),
    error: () => {},
    complete: () => {},
  });
  return { close: () => client.dispose() };
}

/**
 * A subscriber speaking graphql-transport-ws on a bare socket: connection_init with the
 * token, one subscribe once acknowledged, every message parsed. The N clients share this
 * machine's 2 cores with the API, so the less each costs, the less the figures measure them.
 */
function leanSubscriber(url: string, token: string, operation: Operation, onMessage: OnMessage): Subscriber {
  const socket = new WebSocket(url, "graphql-transport-ws");
  socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { token } })));
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { type: string; payload?: { data?: { supportTicketMessageAdded?: { body: string } | null } } };
    if (message.type === "connection_ack") socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: operation }));
    else if (message.type === "next") onMessage(message.payload?.data?.supportTicketMessageAdded?.body);
    else if (message.type === "ping") socket.send(JSON.stringify({ type: "pong" }));
  });
  socket.on("error", () => {});
  return { close: () => socket.close() };
}

async function startApi(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ["--inspect=127.0.0.1:0", "--import", "tsx", path.join(paths.root, "server/src/main.ts")], {
    cwd: paths.root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = /GraphQL on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`API exited (${code}):\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function main() {
  const server = await provideDatabase(process.env.DATABASE_URL || undefined, { purpose: "test", databaseName: "postgres" });
  const url = databaseUrl(withDatabase(connectionOptions(server.url), `pinglass_bench_${process.pid}`));
  await ensureDatabaseExists(url);
  await deployMigrations(url);
  const prisma = createPrisma(url, { poolSize: 2 });
  const user = await findOrCreateTelegramUser(prisma, { id: 990_000_001n, firstName: "Bench" });
  const { token } = await issueSession(prisma, { userId: user.id, provider: "TELEGRAM", ttlDays: 1 });
  const ticket = await prisma.supportTicket.create({
    data: {
      number: `TKT-2026-${String(process.pid % 1000).padStart(3, "0")}`,
      userId: user.id,
      subject: "Fan-out bench",
      messages: { create: { senderType: "USER", senderUserId: user.id, body: "hello" } },
    },
  });
  const ticketId = Buffer.from(`SupportTicket:${ticket.id}`).toString("base64");

  const buses = [{ name: "in-memory", redis: undefined as string | undefined }];
  const channelPrefix = `bench${process.pid}`;
  if (redisUrl) buses.push({ name: "redis", redis: redisUrl });

  const rows: string[] = [];
  for (const bus of buses) {
    for (const n of clientCounts) {
      const api = await startApi({
        NODE_ENV: "test",
        DATABASE_URL: url,
        PORT: "0",
        SEED_DEMO_DATA: "false",
        WORKER_IN_PROCESS: "false",
        LOG_LEVEL: "warn",
        ...(bus.redis ? { REDIS_URL: bus.redis, EVENT_CHANNEL_PREFIX: channelPrefix } : { REDIS_URL: "" }),
      });
      await sleep(500);
      const devtools = await inspector(api.output);
      const wsUrl = api.url.replace(/^http/, "ws");
      const sent = new Map<number, number>();
      const latencies: number[] = [];
      /** Per counted message: its first and last receipt, ms after it was sent. */
      const receipts = new Map<number, { first: number; last: number }>();
      let received = 0;
      const onMessage: OnMessage = (body) => {
        const index = Number(body?.split("#")[1]);
        const at = sent.get(index);
        if (at !== undefined) {
          const latency = performance.now() - at;
          latencies.push(latency);
          const seen = receipts.get(index);
          if (seen) seen.last = latency;
          else receipts.set(index, { first: latency, last: latency });
        }
        received += 1;
      };
      const operation = { query: `subscription ($id: ID!) { supportTicketMessageAdded(ticketId: $id) { body } }`, variables: { id: ticketId } };
      const subscribe = (): Subscriber =>
        values.client === "graphql-ws" ? graphqlWsSubscriber(wsUrl, token, operation, onMessage) : leanSubscriber(wsUrl, token, operation, onMessage);
      // In memory: through the mutation. With Redis: the row first, then its event published
      // here (as a worker publishes), timed from the publish.
      const publisher = bus.redis ? await createEventBus(bus.redis, { channelPrefix }) : null;
      const send = async (index: number, body: string) => {
        if (!publisher) {
          sent.set(index, performance.now());
          return post(api.url, token, ticketId, body);
        }
        const message = await prisma.supportTicketMessage.create({ data: { ticketId: ticket.id, senderType: "USER", senderUserId: user.id, body } });
        sent.set(index, performance.now());
        publisher.bus.publish("support:ticket-message", ticket.id, { ticketId: ticket.id, messageId: message.id });
      };
      // One round through every path first (modules, the database client, JIT), so the
      // baseline holds what any running API holds and the figures below are per connection.
      const warmUp = Array.from({ length: 10 }, subscribe);
      await sleep(1000);
      await send(-100, "warm-up");
      await waitUntil(() => received >= warmUp.length);
      await Promise.all(warmUp.map((c) => c.close()));
      received = 0;
      const before = await idleRssKiB(api.child.pid!);
      const beforeGc = await idleRssKiB(api.child.pid!, devtools.gc);
      const clients: Subscriber[] = [];
      for (let i = 0; i < n; i++) clients.push(subscribe());
      await sleep(Math.max(2000, n * 3)); // let every socket connect and subscribe
      const idle = await idleRssKiB(api.child.pid!);
      const idleGc = await idleRssKiB(api.child.pid!, devtools.gc);
      // The first events after N subscribe run through code V8 has not optimised for N yet:
      // their worst latency is shown apart, and they are left out of the steady-state figures.
      let coldWorst = 0;
      for (let e = 0; e < coldEventCount; e++) {
        await send(-1 - e, `cold #${-1 - e}`);
        await waitUntil(() => received >= (e + 1) * n);
      }
      if (coldEventCount > 0) coldWorst = Math.max(...latencies);
      latencies.length = 0;
      receipts.clear();
      received = 0;
      if (values["cpu-prof"]) await devtools.startProfile();
      const started = performance.now();
      const apiCpuBefore = cpuMs(api.child.pid!);
      const benchCpuBefore = cpuMs(process.pid);
      for (let e = 0; e < eventCount; e++) {
        await send(e, `bench #${e}`);
        const target = (e + 1) * n;
        await waitUntil(() => received >= target);
      }
      const seconds = (performance.now() - started) / 1000;
      const apiCpuPerEvent = (cpuMs(api.child.pid!) - apiCpuBefore) / eventCount;
      const clientCpuPerEvent = (cpuMs(process.pid) - benchCpuBefore) / eventCount;
      if (values["cpu-prof"]) {
        const file = path.resolve(values["cpu-prof"], `fanout-${bus.name}-${n}-${Date.now()}.cpuprofile`);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(await devtools.stopProfile()));
        console.log(`CPU profile of the API: ${file}`);
      }
      devtools.close();
      if (values["per-event"]) {
        console.log(`${bus.name}, ${n} subscribers: ms from send to each message's first and last receipt`);
        for (const [index, { first, last }] of receipts) console.log(`  #${index}  ${first.toFixed(1)}  ${last.toFixed(1)}`);
      }
      latencies.sort((a, b) => a - b);
      rows.push(
        [
          bus.name.padEnd(9),
          String(n).padStart(5),
          `${received}/${n * eventCount}`.padStart(12),
          (received / seconds).toFixed(0).padStart(9),
          percentile(latencies, 50).toFixed(1).padStart(8),
          percentile(latencies, 99).toFixed(1).padStart(8),
          ((idle - before) / n).toFixed(1).padStart(10),
          ((idleGc - beforeGc) / n).toFixed(1).padStart(12),
          coldEventCount > 0 ? coldWorst.toFixed(1).padStart(13) : "            -",
          apiCpuPerEvent.toFixed(1).padStart(12),
          clientCpuPerEvent.toFixed(1).padStart(13),
        ].join("  "),
      );
      await Promise.all(clients.map((c) => c.close()));
      await publisher?.close();
      api.child.kill("SIGTERM");
      await new Promise((resolve) => api.child.once("exit", resolve));
    }
  }
  console.log(`\nsubscription fan-out: ${eventCount} messages to one ticket, after ${coldEventCount} not counted (cold), ${values.client} clients`);
  console.log("latency from the post (in-memory: the mutation and its commit included) or the publish (redis) to each client's receipt\n");
  console.log("bus        subs      delivered  events/s  p50 ms   p99 ms  KiB/idle conn  (after GC)  cold max ms  API CPU ms/ev  bench CPU ms/ev");
  for (const row of rows) console.log(row);
  await prisma.$disconnect();
  if (process.env.DATABASE_URL) await dropDatabase(url);
  await server.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
