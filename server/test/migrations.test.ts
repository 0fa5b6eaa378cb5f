import { readdir } from "node:fs/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { deployMigrations, findDrift, readSchemaFiles } from "../src/db/migrations.ts";
import { paths } from "../src/paths.ts";
import { createEmptyDatabase } from "./support/test-database.ts";

describe("migrations", () => {
  it("apply to an empty database, once, recorded as prisma migrate deploy records them", async () => {
    const url = await createEmptyDatabase();
    const onDisk = (await readdir(paths.migrationsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();

    expect(await deployMigrations(url)).toEqual(onDisk);
    expect(await deployMigrations(url)).toEqual([]);

    const client = new pg.Client(url);
    await client.connect();
    const { rows } = await client.query(
      "SELECT migration_name, finished_at IS NOT NULL AS finished, length(checksum) AS checksum_length FROM _prisma_migrations ORDER BY migration_name",
    );
    const { rows: tables } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    await client.end();
    expect(rows).toEqual(onDisk.map((migration_name) => ({ migration_name, finished: true, checksum_length: 64 })));
    expect(tables[0]?.n).toBeGreaterThanOrEqual(47);
  });

  it("db:check finds no drift between prisma/schema and prisma/migrations", async () => {
    const url = await createEmptyDatabase();
    expect(await findDrift(url)).toBeNull();
  });

  it("db:check reports the missing SQL when the schema moves ahead of the migrations", async () => {
    const url = await createEmptyDatabase();
    const files = await readSchemaFiles();
    const changed = files.map(([file, content]): [string, string] =>
      file.endsWith("identity.prisma") ? [file, content.replace(/model User \{\n/, "model User {\n  nickname String?\n")] : [file, content],
    );
    const drift = await findDrift(url, { schemaFiles: changed });
    expect(drift).toMatch(/ALTER TABLE "users" ADD COLUMN\s+"nickname" TEXT/);
  });
});
