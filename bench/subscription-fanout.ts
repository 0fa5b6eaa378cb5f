// Subscription fan-out: N graphql-ws clients follow one support ticket while messages
// are added to it. Prints delivered events/s, latency to each client's receipt (p50/p99),
// the API process's memory per idle connection and its CPU per event, for each N, with the
// in-memory bus and (when REDIS_URL is set, or with --redis) the Redis one.
//
//   pnpm bench:fanout                      # N = 100 and 1000, 20 messages each (+3 cold)
//   pnpm bench:fanout --clients 100 --events 50 --redis --cold-events 0
//   pnpm bench:fanout --clients 1000 --cpu-prof bench/profiles   # + the API's CPU profile
//   pnpm bench:fanout --clients 1000 --per-event                  # each message's first and last receipt
//   pnpm bench:fanout --client graphql-ws                          # subscribers on graphql-ws's own client
//
// The API runs as its own process (so its memory is measured alone); the publisher runs
// here. Latency runs from the publish of a message's event to each client's receipt. In
// memory the bus is inside the API: the message is posted through the postSupportMessage
// mutation, which publishes after its commit, and the API's EVENT_LOG line says when. With
// Redis, the message row is written first and its event published on Redis from here, as a
// worker process does. The clients run in a process of their own (bench/fanout-clients.ts).
// Memory per connection is the API's memory with N idle subscribed sockets minus its memory
// before they connected (RSS, and JS heap with external memory; each after a full GC),
// after a warm-up round of 10 subscribers (so one-time costs, like the database client's
// first query, are not counted per connection). Also printed: the CPU the API and the
// clients spent per message, and how much CPU the hypervisor took from this machine
// meanwhile (steal). A figure-printing script, not a test: it asserts nothing.
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { parseArgs } from "node:util";
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
import type { ClientsOptions, HeardByAll } from "./fanout-clients.ts";

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

/** The machine's CPU time so far, and how much of it the hypervisor took (steal), in ticks. */
function machineCpu(): { total: number; steal: number } {
  const ticks = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1, 9).map(Number);
  return { total: ticks.reduce((sum, tick) => sum + tick, 0), steal: ticks[7]! };
}

function rssKiB(pid: number): number {
  return Number(
    execFileSync("ps", ["-o", "rss=", "-p", String(pid)])
      .toString()
      .trim(),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * A DevTools session on the API process (started with --inspect on a free port and
 * --expose-gc), to run a full garbage collection before reading its RSS: otherwise the
 * idle figure is mostly the garbage left by 1,000 handshakes, which V8 collects whenever
 * it pleases.
 */
interface Inspector {
  gc(): Promise<void>;
  /** The API's JS heap in use plus memory outside it held by JS objects (buffers), in KiB. */
  heapKiB(): Promise<number>;
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
  const call = (method: string, params?: object) =>
    new Promise<{ profile?: unknown; result?: { value?: unknown } }>((resolve) => {
      const id = ++lastId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse((data as Buffer).toString()) as {
          id?: number;
          result?: { profile?: unknown; result?: { value?: unknown } };
        };
        if (message.id !== id) return;
        socket.off("message", onMessage);
        resolve(message.result ?? {});
      };
      socket.on("message", onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  return {
    // The API runs with --expose-gc: a plain full collection. (HeapProfiler.collectGarbage
    // also shrinks the heap, and the events after it paid for growing it back.)
    gc: async () => void (await call("Runtime.evaluate", { expression: "gc()" })),
    heapKiB: async () => {
      const expression = "(({ heapUsed, external }) => (heapUsed + external) / 1024)(process.memoryUsage())";
      return Number((await call("Runtime.evaluate", { expression, returnByValue: true })).result?.value);
    },
    startProfile: async () => void (await call("Profiler.start")),
    stopProfile: async () => (await call("Profiler.stop")).profile,
    close: () => socket.close(),
  };
}

/**
 * The API's memory at rest, each the median of `samples` readings after a full GC: its RSS
 * (what the machine gives it) and its JS heap with external memory (steadier: RSS also
 * holds pages freed but not yet returned), in KiB.
 */
async function idleMemoryKiB(pid: number, devtools: Inspector, samples = 5): Promise<{ rss: number; heap: number }> {
  const rss: number[] = [];
  const heap: number[] = [];
  for (let i = 0; i < samples; i++) {
    await devtools.gc();
    await sleep(200);
    rss.push(rssKiB(pid));
    heap.push(await devtools.heapKiB());
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(samples / 2)]!;
  return { rss: median(rss), heap: median(heap) };
}

/** Posts a message to the ticket as its user (the mutation publishes the event); the message's database id. */
async function post(url: string, token: string, ticketId: string, body: string): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation ($input: PostSupportMessageInput!) { postSupportMessage(input: $input) { ... on SupportTicketMessage { id } } }`,
      variables: { input: { ticketId, body } },
    }),
  });
  const { data } = (await response.json()) as { data?: { postSupportMessage?: { id?: string } } };
  const id = data?.postSupportMessage?.id;
  if (!id) throw new Error(`the message was not posted: ${JSON.stringify(data)}`);
  return Number(Buffer.from(id, "base64").toString().split(":")[1]);
}

/** Waits (up to 10 s) until `done`. */
async function waitUntil(done: () => boolean) {
  const deadline = performance.now() + 10_000;
  while (!done() && performance.now() < deadline) await sleep(1);
}

/** The clock of receipts (bench/fanout-clients.ts) and of the API's EVENT_LOG lines. */
const epochMs = () => performance.timeOrigin + performance.now();

/** The subscribers (bench/fanout-clients.ts), in a process of their own. */
function startClients(options: ClientsOptions) {
  const child = fork(path.join(paths.root, "bench/fanout-clients.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  /** Receipt times of each message, once every client has it. */
  const heardByAll = new Map<number, number[]>();
  child.on("message", (message) => {
    const { index, at } = message as HeardByAll;
    heardByAll.set(index, at);
  });
  child.send(options);
  return {
    pid: child.pid!,
    heardByAll,
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("close");
      await exited;
    },
  };
}

/**
 * The API as its own process (with EVENT_LOG, so each publish is logged with its time);
 * `published`: when the event of each support message was published, by message id.
 */
async function startApi(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string; published: Map<number, number> }> {
  const child = spawn(
    process.execPath,
    ["--inspect=127.0.0.1:0", "--expose-gc", "--import", "tsx", path.join(paths.root, "server/src/main.ts")],
    {
      cwd: paths.root,
      env: { ...process.env, EVENT_LOG: "true", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const published = new Map<number, number>();
  let partialLine = "";
  child.stdout.on("data", (chunk) => {
    const lines = (partialLine + String(chunk)).split("\n");
    partialLine = lines.pop()!;
    for (const line of lines) {
      const match = /published support:ticket-message:\d+ \{.*"messageId":(\d+).*\} at ([\d.]+)$/.exec(line);
      if (match) published.set(Number(match[1]), Number(match[2]));
    }
  });
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /GraphQL on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`API exited (${code}):\n${output}`)));
  });
  return { child, url, output: () => output, published };
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
      /** When each message's event was published (epoch ms). */
      const sent = new Map<number, number>();
      const operation = {
        query: `subscription ($id: ID!) { supportTicketMessageAdded(ticketId: $id) { body } }`,
        variables: { id: ticketId },
      };
      const clientsOf = (count: number) => startClients({ url: wsUrl, token, operation, count, client: values.client });
      // In memory: through the mutation (the API logs when it publishes). With Redis: the row
      // first, then its event published here, as a worker publishes.
      const publisher = bus.redis ? await createEventBus(bus.redis, { channelPrefix }) : null;
      const send = async (index: number, body: string) => {
        if (!publisher) {
          const messageId = await post(api.url, token, ticketId, body);
          await waitUntil(() => api.published.has(messageId));
          sent.set(index, api.published.get(messageId)!);
          return;
        }
        const message = await prisma.supportTicketMessage.create({
          data: { ticketId: ticket.id, senderType: "USER", senderUserId: user.id, body },
        });
        sent.set(index, epochMs());
        publisher.bus.publish("support:ticket-message", ticket.id, { ticketId: ticket.id, messageId: message.id });
      };
      /**
       * Sends probe messages until one reaches every client: each socket is then connected
       * and subscribed (1,000 subscribes take the API several seconds here).
       */
      let probes = 0;
      const untilSubscribed = async (clients: Awaited<ReturnType<typeof clientsOf>>) => {
        for (;;) {
          const index = -1000 - ++probes;
          await send(index, `probe #${index}`);
          const deadline = performance.now() + 1000;
          while (!clients.heardByAll.has(index) && performance.now() < deadline) await sleep(5);
          if (clients.heardByAll.has(index)) return;
        }
      };
      /** Sends message `index` and waits (up to 10 s) until every client has it; its latencies. */
      const deliver = async (clients: Awaited<ReturnType<typeof clientsOf>>, index: number, body: string): Promise<number[]> => {
        await send(index, body);
        await waitUntil(() => clients.heardByAll.has(index));
        const at = clients.heardByAll.get(index) ?? [];
        return at.map((time) => time - sent.get(index)!);
      };
      // One round through every path first (modules, the database client, JIT), so the
      // baseline holds what any running API holds and the figures below are per connection.
      const warmUp = clientsOf(10);
      await untilSubscribed(warmUp);
      await warmUp.close();
      const before = await idleMemoryKiB(api.child.pid!, devtools);
      const clients = clientsOf(n);
      await untilSubscribed(clients);
      await sleep(500); // the last probe's writes and callbacks
      const idle = await idleMemoryKiB(api.child.pid!, devtools);
      // The first events after N subscribe run through code V8 has not optimised for N yet:
      // their worst latency is shown apart, and they are left out of the steady-state figures.
      let coldWorst = 0;
      for (let e = 0; e < coldEventCount; e++) {
        for (const latency of await deliver(clients, -1 - e, `cold #${-1 - e}`)) coldWorst = Math.max(coldWorst, latency);
      }
      const latencies: number[] = [];
      /** Per counted message: its first and last receipt, ms after it was sent. */
      const receipts: Array<{ first: number; last: number }> = [];
      if (values["cpu-prof"]) await devtools.startProfile();
      const started = performance.now();
      const apiCpuBefore = cpuMs(api.child.pid!);
      const clientsCpuBefore = cpuMs(clients.pid);
      const machineBefore = machineCpu();
      for (let e = 0; e < eventCount; e++) {
        const delivered = await deliver(clients, e, `bench #${e}`);
        latencies.push(...delivered);
        receipts.push({ first: Math.min(...delivered), last: Math.max(...delivered) });
      }
      const seconds = (performance.now() - started) / 1000;
      const apiCpuPerEvent = (cpuMs(api.child.pid!) - apiCpuBefore) / eventCount;
      const clientsCpuPerEvent = (cpuMs(clients.pid) - clientsCpuBefore) / eventCount;
      // On a virtual machine, CPU the host gives to others stretches every figure above.
      const machineAfter = machineCpu();
      const stealPercent = (100 * (machineAfter.steal - machineBefore.steal)) / (machineAfter.total - machineBefore.total);
      if (values["cpu-prof"]) {
        const file = path.resolve(values["cpu-prof"], `fanout-${bus.name}-${n}-${Date.now()}.cpuprofile`);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(await devtools.stopProfile()));
        console.log(`CPU profile of the API: ${file}`);
      }
      devtools.close();
      if (values["per-event"]) {
        console.log(`${bus.name}, ${n} subscribers: ms from send to each message's first and last receipt`);
        receipts.forEach(({ first, last }, index) => console.log(`  #${index}  ${first.toFixed(1)}  ${last.toFixed(1)}`));
      }
      latencies.sort((a, b) => a - b);
      rows.push(
        [
          bus.name.padEnd(9),
          String(n).padStart(5),
          `${latencies.length}/${n * eventCount}`.padStart(12),
          (latencies.length / seconds).toFixed(0).padStart(9),
          percentile(latencies, 50).toFixed(1).padStart(8),
          percentile(latencies, 99).toFixed(1).padStart(8),
          ((idle.rss - before.rss) / n).toFixed(1).padStart(9),
          ((idle.heap - before.heap) / n).toFixed(1).padStart(13),
          coldEventCount > 0 ? coldWorst.toFixed(1).padStart(13) : "            -",
          apiCpuPerEvent.toFixed(1).padStart(12),
          clientsCpuPerEvent.toFixed(1).padStart(15),
          stealPercent.toFixed(0).padStart(14),
        ].join("  "),
      );
      await clients.close();
      await publisher?.close();
      api.child.kill("SIGTERM");
      await new Promise((resolve) => api.child.once("exit", resolve));
    }
  }
  console.log(
    `\nsubscription fan-out: ${eventCount} messages to one ticket, after ${coldEventCount} not counted (cold), ${values.client} clients`,
  );
  console.log("latency from the publish of a message's event to each client's receipt\n");
  console.log(
    "bus        subs      delivered  events/s  p50 ms   p99 ms  KiB/conn: RSS  JS heap+ext  cold max ms  API CPU ms/ev  clients CPU ms/ev  CPU steal %",
  );
  for (const row of rows) console.log(row);
  await prisma.$disconnect();
  if (process.env.DATABASE_URL) await dropDatabase(url);
  await server.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
