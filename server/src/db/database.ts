// Which PostgreSQL to use: DATABASE_URL when set, else an embedded cluster
// whose data lives in a git-ignored folder (one folder per purpose, so a dev
// server and a test run can go at the same time).
import path from "node:path";
import pg from "pg";
import { paths } from "../paths.ts";
import { connectClient, connectionOptions, databaseUrl, withDatabase } from "./connection.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";

export interface ProvidedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function provideDatabase(
  configuredUrl: string | undefined,
  {
    purpose,
    databaseName = "pinglass",
    log = (_: string) => {},
  }: {
    /** dev: one persistent cluster; test: a throwaway cluster per test run (runs may overlap). */
    purpose: "dev" | "test";
    databaseName?: string;
    log?: (line: string) => void;
  },
): Promise<ProvidedDatabase> {
  if (configuredUrl) {
    await ensureDatabaseExists(configuredUrl);
    return { url: configuredUrl, embedded: false, stop: async () => {} };
  }
  const cluster =
    purpose === "dev"
      ? await startEmbeddedPostgres(path.join(paths.dataDir, "postgres-dev"), { log })
      : await startEmbeddedPostgres(path.join(paths.dataDir, `postgres-test-${process.pid}`), { log, throwaway: true });
  const url = databaseUrl(withDatabase(connectionOptions(cluster.adminUrl), databaseName));
  await ensureDatabaseExists(url);
  return { url, embedded: true, stop: cluster.stop };
}

/** Creates the URL's database when it is missing (connecting to `postgres`). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const options = connectionOptions(url);
  const admin = await connectClient(withDatabase(options, "postgres"));
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(options.database)}`).catch((error: { code?: string }) => {
        if (error?.code !== "42P04") throw error; // created concurrently
      });
    }
  } finally {
    await admin.end();
  }
}
