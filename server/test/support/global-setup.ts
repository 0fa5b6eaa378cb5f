// Once per test run: a PostgreSQL (a throwaway embedded cluster unless DATABASE_URL
// is set) holding a template database with every migration applied. Files clone it.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { provideDatabase } from "../../src/db/database.ts";
import { deployMigrations } from "../../src/db/migrations.ts";
import { processIsAlive } from "../../src/db/embedded-postgres.ts";
import { connectionOptions, databaseUrl, withDatabase } from "../../src/db/connection.ts";
import { adminQuery, templateDatabaseName, testRunOf } from "./test-database.ts";
import { migrateQueue } from "../../src/worker/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
    testRunId: number;
  }
}

/** Databases of this run, or left behind by runs that died (on a shared DATABASE_URL server). */
async function dropTestDatabases(adminUrl: string, ofRun: (runId: number) => boolean) {
  const { rows } = await adminQuery(adminUrl, "SELECT datname FROM pg_database WHERE datname LIKE 'pinglass\\_test\\_%'");
  for (const { datname } of rows as Array<{ datname: string }>) {
    const runId = testRunOf(datname);
    if (runId !== null && ofRun(runId)) {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  }
}

export default async function setup(project: TestProject) {
  const runId = process.pid;
  const server = await provideDatabase(process.env.DATABASE_URL || undefined, { purpose: "test", databaseName: "postgres" });
  const templateUrl = databaseUrl(withDatabase(connectionOptions(server.url), templateDatabaseName(runId)));
  await dropTestDatabases(server.url, (id) => id !== runId && !processIsAlive(id));
  await adminQuery(server.url, `CREATE DATABASE ${pg.escapeIdentifier(templateDatabaseName(runId))}`);
  await deployMigrations(templateUrl);
  // graphile-worker's tables too: startGeneration queues its job from SQL, in its transaction.
  await migrateQueue(templateUrl);
  project.provide("templateDatabaseUrl", templateUrl);
  project.provide("testRunId", runId);
  return async () => {
    await dropTestDatabases(server.url, (id) => id === runId).catch(() => {});
    await server.stop();
  };
}
