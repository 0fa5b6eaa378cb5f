// A database of its own for each test file, cloned from the run's migrated template
// (CREATE DATABASE … TEMPLATE copies files: much faster than migrating).
// Names carry the test run's process id, so overlapping runs on one server
// (DATABASE_URL) never touch each other's databases.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { connectionOptions, databaseUrl, withDatabase } from "../../src/db/connection.ts";

export const TEST_DATABASE_PREFIX = "pinglass_test_";

export const templateDatabaseName = (runId: number) => `${TEST_DATABASE_PREFIX}${runId}_template`;

/** The test run that created a database, from its name; null for other databases. */
export function testRunOf(databaseName: string): number | null {
  const match = /^pinglass_test_(\d+)_/.exec(databaseName);
  return match ? Number(match[1]) : null;
}

export async function adminQuery(url: string, sql: string) {
  const admin = new pg.Client(withDatabase(connectionOptions(url), "postgres"));
  await admin.connect();
  try {
    return await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function createDatabase(template: string | null): Promise<string> {
  const templateUrl = inject("templateDatabaseUrl");
  const runId = inject("testRunId");
  const name = `${TEST_DATABASE_PREFIX}${runId}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : "";
  await adminQuery(templateUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`);
  afterAll(() => adminQuery(templateUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
  return databaseUrl(withDatabase(connectionOptions(templateUrl), name));
}

/** Creates a fresh migrated database for the calling test file; dropped after it. */
export function createTestDatabase(): Promise<string> {
  return createDatabase(templateDatabaseName(inject("testRunId")));
}

/** An empty database (no migrations) for tests of the migration tooling itself. */
export function createEmptyDatabase(): Promise<string> {
  return createDatabase(null);
}
