// Subscription fan-out: N graphql-ws clients follow one support ticket while messages
// are posted to it. Prints delivered events/s, post-to-receive latency (p50/p99) and
// the API process's memory per idle connection, for each N, with the in-memory bus and
// (when REDIS_URL is set, or with --redis) the Redis one.
//
//   pnpm bench:fanout                      # N = 100 and 1000, 20 messages each (+3 cold)
//   pnpm bench:fanout --clients 100 --events 50 --redis --cold-events 0
//
// The API runs as its own process (so its memory is measured alone); the clients and
// the poster run here. Latency runs from just before the message is posted (the mutation
// included) to the client's receipt. Memory per connection is the API's RSS with N idle
// subscribed sockets minus its RSS before them, after a warm-up round of 10 subscribers
// (so one-time costs, like the database client's first query, are not counted per
// connection). A figure-printing script, not a test: it asserts nothing.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { provideDatabase } from "../server/src/db/database.ts";
import { deployMigrations } from "../server/src/db/migrations.ts";
import { createPrisma } from "../server/src/db/prisma.ts";
import { connectionOptions, databaseUrl, withDatabase } from "../server/src/db/connection.ts";
import { ensureDatabaseExists } from "../server/src/db/database.ts";
import { issueSession } from "../server/src/auth/sessions.ts";
import { findOrCreateTelegramUser } from "../server/src/domain/users.ts";
import { paths } from "../server/src/paths.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "100,1000" },
    events: { type: "string", default: "20" },
    "cold-events": { type: "string", default: "3" },
    redis: { type: "boolean", default: false },
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
async function inspector(output: () => string): Promise<{ gc(): Promise<void>; close(): void }> {
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
    new Promise<void>((resolve) => {
      const id = ++lastId;
      const onMessage = (data: WebSocket.RawData) => {
        if ((JSON.parse(String(data)) as { id?: number }).id !== id) return;
        socket.off("message", onMessage);
        resolve();
      };
      socket.on("message", onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  await call("HeapProfiler.enable");
  return { gc: () => call("HeapProfiler.collectGarbage"), close: () => socket.close() };
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
        ...(bus.redis ? { REDIS_URL: bus.redis, EVENT_CHANNEL_PREFIX: `bench${process.pid}` } : { REDIS_URL: "" }),
      });
      await sleep(500);
      const devtools = await inspector(api.output);
      const wsUrl = api.url.replace(/^http/, "ws");
      const sent = new Map<number, number>();
      const latencies: number[] = [];
      let received = 0;
      const subscribe = () => {
        const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { token } });
        client.subscribe<{ supportTicketMessageAdded: { body: string } | null }>(
          { query: `subscription ($id: ID!) { supportTicketMessageAdded(ticketId: $id) { body } }`, variables: { id: ticketId } },
          {
            next: (value: { data?: { supportTicketMessageAdded: { body: string } | null } | null }) => {
              const index = Number(value.data?.supportTicketMessageAdded?.body.split("#")[1]);
              const at = sent.get(index);
              if (at !== undefined) latencies.push(performance.now() - at);
              received += 1;
            },
            error: () => {},
            complete: () => {},
          },
        );
        return client;
      };
      // One round through every path first (modules, the database client, JIT), so the
      // baseline holds what any running API holds and the figures below are per connection.
      const warmUp = Array.from({ length: 10 }, subscribe);
      await sleep(1000);
      await post(api.url, token, ticketId, "warm-up");
      await waitUntil(() => received >= warmUp.length);
      await Promise.all(warmUp.map((c) => c.dispose()));
      received = 0;
      const before = await idleRssKiB(api.child.pid!);
      const beforeGc = await idleRssKiB(api.child.pid!, devtools.gc);
      const clients: Client[] = [];
      for (let i = 0; i < n; i++) clients.push(subscribe());
      await sleep(Math.max(2000, n * 3)); // let every socket connect and subscribe
      const idle = await idleRssKiB(api.child.pid!);
      const idleGc = await idleRssKiB(api.child.pid!, devtools.gc);
      devtools.close();
      // The first events after N subscribe run through code V8 has not optimised for N yet:
      // their worst latency is shown apart, and they are left out of the steady-state figures.
      let coldWorst = 0;
      for (let e = 0; e < coldEventCount; e++) {
        sent.set(-1 - e, performance.now());
        await post(api.url, token, ticketId, `cold #${-1 - e}`);
        await waitUntil(() => received >= (e + 1) * n);
      }
      if (coldEventCount > 0) coldWorst = Math.max(...latencies);
      latencies.length = 0;
      received = 0;
      const started = performance.now();
      for (let e = 0; e < eventCount; e++) {
        sent.set(e, performance.now());
        await post(api.url, token, ticketId, `bench #${e}`);
        const target = (e + 1) * n;
        await waitUntil(() => received >= target);
      }
      const seconds = (performance.now() - started) / 1000;
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
        ].join("  "),
      );
      await Promise.all(clients.map((c) => c.dispose()));
      api.child.kill("SIGTERM");
      await new Promise((resolve) => api.child.once("exit", resolve));
    }
  }
  console.log(`\nsubscription fan-out: ${eventCount} messages posted to one ticket, after ${coldEventCount} not counted (cold)\n`);
  console.log("bus        subs      delivered  events/s  p50 ms   p99 ms  KiB/idle conn  (after GC)  cold max ms");
  for (const row of rows) console.log(row);
  await prisma.$disconnect();
  if (process.env.DATABASE_URL) await dropDatabase(url);
  await server.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
