// Hostile documents at length: the fuzz suite's generator (server/test/support/
// hostile-requests.ts) against a production-mode API over the network, for as many
// requests as asked. Prints, per category, how many were answered and refused and how
// many were defects (5xx, an internal detail, a masked unexpected error, a closed
// socket), the slowest answer, throughput, and the memory the process holds after a full
// collection at each tenth of the run (flat once the document caches are full). Exits 1
// if there was any defect, printing the first ones with the seed that reproduces them.
//
//   pnpm bench:fuzz                                   # 100,000 requests, seed from the clock
//   pnpm bench:fuzz --count 20000 --seed 42 --concurrency 16
//   pnpm bench:fuzz --categories "deep nesting,odd strings"
import { parseArgs } from "node:util";
import { createApp } from "../server/src/app.ts";
import { hashToken, newToken } from "../server/src/auth/tokens.ts";
import { loadConfig } from "../server/src/config.ts";
import { connectionOptions, databaseUrl, withDatabase } from "../server/src/db/connection.ts";
import { ensureDatabaseExists, provideDatabase } from "../server/src/db/database.ts";
import { deployMigrations } from "../server/src/db/migrations.ts";
import { createPrisma } from "../server/src/db/prisma.ts";
import { startHttpServer } from "../server/src/http/server.ts";
import {
  CATEGORIES,
  describeRequest,
  heldMemoryMb,
  hostileRequests,
  RawGraphqlWs,
  send,
  Tally,
  type Category,
} from "../server/test/support/hostile-requests.ts";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    seed: { type: "string" },
    concurrency: { type: "string", default: "8" },
    categories: { type: "string" },
  },
});
const count = Number(values.count);
const seed = Number(values.seed ?? Date.now() % 2 ** 31);
const concurrency = Number(values.concurrency);
const categories = (values.categories?.split(",").map((c) => c.trim()) ?? CATEGORIES) as Category[];
const unknown = categories.filter((c) => !CATEGORIES.includes(c));
if (unknown.length) throw new Error(`Unknown categories: ${unknown.join(", ")} (known: ${CATEGORIES.join(", ")})`);

async function main() {
  const cluster = await provideDatabase(process.env.DATABASE_URL || undefined, { purpose: "test", databaseName: "postgres" });
  const url = databaseUrl(withDatabase(connectionOptions(cluster.url), `pinglass_fuzz_${process.pid}`));
  await ensureDatabaseExists(url);
  await deployMigrations(url);
  const prisma = createPrisma(url, { poolSize: 4 });
  await prisma.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7 } });
  // An admin session (VIEWER: reads only), whose documents reach parsing and execution.
  const admin = await prisma.adminUser.create({
    data: { username: "fuzz", displayName: "Fuzz", passwordHash: "not-a-hash", role: "VIEWER" },
  });
  const token = newToken("adminSession");
  await prisma.adminSession.create({
    data: { adminId: admin.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000) },
  });

  const config = loadConfig({
    DATABASE_URL: url,
    TELEGRAM_BOT_TOKEN: "123456789:FUZZ-bench-token-not-a-real-bot",
    LOG_LEVEL: "error",
    NODE_ENV: "production",
  });
  const server = await startHttpServer(createApp({ config, prisma }), { prisma, host: "127.0.0.1", port: 0 });
  const ws = server.url.replace(/^http/, "ws");
  const staff = { authorization: `Bearer ${token}` };
  const target = {
    url: server.url,
    headers: { staff, anonymous: {} },
    sockets: { staff: await RawGraphqlWs.open(ws, staff), anonymous: await RawGraphqlWs.open(ws, {}) },
  };

  console.log(`fuzz: ${count} hostile requests, seed ${seed}, ${concurrency} at a time, against a production-mode API at ${server.url}`);
  const tally = new Tally();
  const requests = hostileRequests(seed, count, categories);
  const memory: string[] = [`0: ${heldMemoryMb().toFixed(0)} MB`];
  const tenth = Math.max(1, Math.floor(count / 10));
  let done = 0;
  const started = performance.now();
  for (let sent = 0; sent < count;) {
    const batch = Math.min(tenth, count - sent);
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        for (let i = worker; i < batch; i += concurrency) {
          const next = requests.next();
          if (next.done) return;
          tally.add(next.value, await send(target, next.value));
          done++;
        }
      }),
    );
    sent += batch;
    memory.push(`${sent}: ${heldMemoryMb().toFixed(0)} MB`);
    process.stdout.write(`  ${sent} sent, ${((performance.now() - started) / 1000).toFixed(0)} s\r`);
  }
  const seconds = (performance.now() - started) / 1000;

  console.log(`\n${done} requests in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(0)}/s)\n`);
  console.log(tally.table());
  console.log(`\nheld after a full collection (JS heap + buffers), by requests sent: ${memory.join(", ")}`);
  console.log(`RSS at the end: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  for (const { request, outcome, verdict } of tally.defects.slice(0, 10)) {
    console.log(
      `\n${verdict} (${outcome.status}${outcome.closed ? `, closed ${outcome.closed}` : ""}): ${describeRequest(request)}\n  → ${outcome.text.slice(0, 300)}`,
    );
  }

  target.sockets.staff.close();
  target.sockets.anonymous.close();
  await server.close();
  await prisma.$disconnect();
  if (process.env.DATABASE_URL) {
    const admin = createPrisma(databaseUrl(withDatabase(connectionOptions(url), "postgres")), { poolSize: 1 });
    await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${connectionOptions(url).database}" WITH (FORCE)`);
    await admin.$disconnect();
  }
  await cluster.stop();
  if (tally.defects.length) {
    console.log(`\n${tally.defects.length >= 50 ? "50 or more" : tally.defects.length} defects; --seed ${seed} reproduces them`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
