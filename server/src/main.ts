// Starts the API: configuration, database (embedded when DATABASE_URL is unset),
// migrations and demo data outside production, the job queue's tables, then HTTP +
// WebSocket on one port, and the job worker alongside when WORKER_IN_PROCESS.
import { ConfigError, loadConfig } from "./config.ts";
import { createApp } from "./app.ts";
import { provideDatabase } from "./db/database.ts";
import { deployMigrations } from "./db/migrations.ts";
import { createPrisma } from "./db/prisma.ts";
import { deactivateDevelopmentAdminAccounts } from "./domain/admin-accounts.ts";
import { createEventBus } from "./events/pubsub.ts";
import { startHttpServer } from "./http/server.ts";
import { kieWebhookFromConfig } from "./http/kie-webhook.ts";
import { onProviderCallback } from "./generation/pipeline.ts";
import { createProvider } from "./generation/providers/index.ts";
import { createStorage } from "./storage/storage.ts";
import { createPaymentGateways } from "./payments/gateways.ts";
import { createWebhookRoutes } from "./payments/webhook-routes.ts";
import { migrateQueue } from "./worker/migrate.ts";
import { startWorker, type RunningWorker } from "./worker/runner.ts";
import { stopGracefullyOnSignals } from "./shutdown.ts";

const log = (line: string) => console.log(`[api] ${line}`);

async function start() {
  const config = loadConfig();
  const db = await provideDatabase(config.databaseUrl, { purpose: "dev", log });
  if (db.embedded) log(`embedded PostgreSQL at ${db.url}`);
  if (!config.isProduction) {
    const applied = await deployMigrations(db.url);
    if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  }
  // graphile-worker's tables: startGeneration queues its job from SQL, in its transaction.
  await migrateQueue(db.url);
  const prisma = createPrisma(db.url);
  await deactivateDevelopmentAdminAccounts(config, prisma, (line) => console.warn(`[api] ${line}`));
  if (config.seedDemoData) {
    const { seedDemoData } = await import("../../prisma/seed.ts");
    const summary = await seedDemoData(prisma);
    log(summary.text);
  }
  const storage = createStorage(config);
  // Subscriptions' events: through Redis when REDIS_URL is set (shared by every instance and worker).
  const events = await createEventBus(config.redisUrl, {
    channelPrefix: config.eventChannelPrefix,
    log: config.eventLog ? log : undefined,
  });
  log(`events: ${config.redisUrl ? "Redis" : "in memory"}`);
  const payments = createPaymentGateways(config);
  const app = createApp({ config, prisma, storage, events: events.bus, payments });
  const kieWebhook = kieWebhookFromConfig(config, async (providerTaskId) => {
    await onProviderCallback(prisma, { providerTaskId });
  });
  const webhooks = createWebhookRoutes({ config, prisma, events: events.bus, payments });
  const http = await startHttpServer(app, { prisma, storage, host: config.host, port: config.port, kieWebhook, webhooks });
  let worker: RunningWorker | null = null;
  if (config.worker.inProcess) {
    worker = await startWorker({
      connectionString: db.url,
      prisma,
      storage,
      provider: createProvider(config),
      events: events.bus,
      payments,
      config,
    });
    worker.promise.catch((error: unknown) => console.error("[worker] stopped on an error:", error));
  }

  // Each step runs even if one before it failed (Ctrl-C also signals an embedded postgres).
  stopGracefullyOnSignals({
    describe: "draining connections",
    forceAfterMs: 10_000,
    log,
    steps: [() => http.close(), async () => worker?.stop(), () => events.close(), () => prisma.$disconnect(), () => db.stop()],
  });
  // Last: whoever waits for this line may signal the process right away.
  log(`GraphQL on ${http.url}${config.graphiql ? " (GraphiQL in the browser)" : ""}; ws on the same path`);
}

start().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
