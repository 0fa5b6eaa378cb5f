// Starts the API: configuration, database (embedded when DATABASE_URL is unset),
// migrations and demo data outside production, then HTTP + WebSocket on one port.
import { ConfigError, loadConfig } from "./config.ts";
import { createApp } from "./app.ts";
import { provideDatabase } from "./db/database.ts";
import { deployMigrations } from "./db/migrations.ts";
import { createPrisma } from "./db/prisma.ts";
import { startHttpServer } from "./http/server.ts";
import { createStorage } from "./storage/storage.ts";

const log = (line: string) => console.log(`[api] ${line}`);

async function start() {
  const config = loadConfig();
  const db = await provideDatabase(config.databaseUrl, { purpose: "dev", log });
  if (db.embedded) log(`embedded PostgreSQL at ${db.url}`);
  if (!config.isProduction) {
    const applied = await deployMigrations(db.url);
    if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  }
  const prisma = createPrisma(db.url);
  if (config.seedDemoData) {
    const { seedDemoData } = await import("../../prisma/seed.ts");
    const summary = await seedDemoData(prisma);
    log(summary.text);
  }
  const storage = createStorage(config);
  const app = createApp({ config, prisma, storage });
  const http = await startHttpServer(app, { prisma, storage, host: config.host, port: config.port });
  log(`GraphQL on ${http.url}${config.graphiql ? " (GraphiQL in the browser)" : ""}; ws on the same path`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: draining connections`);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    let clean = true;
    // Each step runs even if one before it failed (Ctrl-C also signals an embedded postgres).
    for (const step of [() => http.close(), () => prisma.$disconnect(), () => db.stop()]) {
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
}

start().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
