// Once per test run: a PostgreSQL (embedded unless DATABASE_URL is set) holding
// a template database with every migration applied. Test files clone it.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { provideDatabase } from "../../src/db/database.ts";
import { deployMigrations } from "../../src/db/migrations.ts";
import { connectionOptions, withDatabase } from "../../src/db/connection.ts";
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

async function dropLeftoverDatabases(url: string) {
  const admin = new pg.Client(withDatabase(connectionOptions(url), "postgres"));
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2",
      [TEMPLATE_DATABASE, `${TEST_DATABASE_PREFIX}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject) {
  const configured = process.env.DATABASE_URL || undefined;
  const server = await provideDatabase(configured, { purpose: "test", databaseName: "postgres" });
  const templateUrl = (() => {
    const u = new URL(server.url);
    u.pathname = `/${TEMPLATE_DATABASE}`;
    return u.toString();
  })();
  await dropLeftoverDatabases(templateUrl);
  const admin = new pg.Client(withDatabase(connectionOptions(templateUrl), "postgres"));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(TEMPLATE_DATABASE)}`);
  await admin.end();
  await deployMigrations(templateUrl);
  project.provide("templateDatabaseUrl", templateUrl);
  return async () => {
    await dropLeftoverDatabases(templateUrl).catch(() => {});
    await server.stop();
  };
}
