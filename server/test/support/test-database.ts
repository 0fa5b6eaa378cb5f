// A database of its own for each test file, cloned from the migrated template
// (CREATE DATABASE … TEMPLATE copies files: much faster than migrating).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { connectionOptions, databaseUrl, withDatabase } from "../../src/db/connection.ts";

export const TEMPLATE_DATABASE = "pinglass_test_template";
export const TEST_DATABASE_PREFIX = "pinglass_test_";

async function adminQuery(url: string, sql: string) {
  const admin = new pg.Client(withDatabase(connectionOptions(url), "postgres"));
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Creates a fresh migrated database for the calling test file; dropped after it. */
export async function createTestDatabase(): Promise<string> {
  const templateUrl = inject("templateDatabaseUrl");
  const name = `${TEST_DATABASE_PREFIX}${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await adminQuery(templateUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${TEMPLATE_DATABASE}`);
  afterAll(() => adminQuery(templateUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
  return databaseUrl(withDatabase(connectionOptions(templateUrl), name));
}

/** An empty database (no migrations) for tests of the migration tooling itself. */
export async function createEmptyDatabase(): Promise<string> {
  const templateUrl = inject("templateDatabaseUrl");
  const name = `${TEST_DATABASE_PREFIX}${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await adminQuery(templateUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  afterAll(() => adminQuery(templateUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
  return databaseUrl(withDatabase(connectionOptions(templateUrl), name));
}
