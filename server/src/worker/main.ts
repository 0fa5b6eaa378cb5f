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
import { createPaymentGateways } from "../payments/gateways.ts";
import { stopGracefullyOnSignals } from "../shutdown.ts";

const log = (line: string) => console.log(`[worker] ${line}`);

async function start() {
  const config = loadConfig();
  const db = await provideDatabase(config.databaseUrl, { purpose: "dev", log });
  const prisma = createPrisma(db.url, { poolSize: config.worker.concurrency + 2 });
  const events = await createEventBus(config.redisUrl, {
    channelPrefix: config.eventChannelPrefix,
    log: config.eventLog ? log : undefined,
  });
  const worker = await startWorker({
    connectionString: db.url,
    prisma,
    storage: createStorage(config),
    provider: createProvider(config),
    events: events.bus,
    payments: createPaymentGateways(config),
    config,
  });

  stopGracefullyOnSignals({
    describe: "finishing running jobs",
    forceAfterMs: 15_000,
    log,
    steps: [() => worker.stop(), () => events.close(), () => prisma.$disconnect(), () => db.stop()],
  });
  worker.promise.catch((error: unknown) => {
    console.error("[worker] stopped on an error:", error);
    process.exit(1);
  });
}

start().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
