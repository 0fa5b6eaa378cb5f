// `pnpm worker`: the job worker as its own process, so workers scale apart from API
// instances. Same configuration as the API (DATABASE_URL; unset: the embedded development
// cluster, shared with a running `pnpm dev`). SIGTERM/SIGINT: finish running jobs, exit 0.
import { ConfigError, loadConfig } from "../config.ts";
import { provideDatabase } from "../db/database.ts";
import { createPrisma } from "../db/prisma.ts";
import { createEventBus } from "../events/pubsub.ts";
import { createProvider } from "../generation/providers/index.ts";
import { createStorage } from "../storage/storage.ts";
import { startWorker } from "./runner.ts";

const log = (line: string) => console.log(`[worker] ${line}`);

async function start() {
  const config = loadConfig();
  const db = await provideDatabase(config.databaseUrl, { purpose: "dev", log });
  const prisma = createPrisma(db.url, { poolSize: config.worker.concurrency + 2 });
  const events = await createEventBus(config.redisUrl, { channelPrefix: config.eventChannelPrefix });
  const worker = await startWorker({
    connectionString: db.url,
    prisma,
    storage: createStorage(config),
    provider: createProvider(config),
    events: events.bus,
    config,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing running jobs`);
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    let clean = true;
    for (const step of [() => worker.stop(), () => events.close(), () => prisma.$disconnect(), () => db.stop()]) {
      await step().catch((error: unknown) => {
        clean = false;
        console.error(error);
      });
    }
    clearTimeout(force);
    process.exit(clean ? 0 : 1);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  worker.promise.catch((error: unknown) => {
    console.error("[worker] stopped on an error:", error);
    process.exit(1);
  });
}

start().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
