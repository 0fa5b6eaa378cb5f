// Prisma CLI configuration (schema folder, migrations folder, datasource URL).
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const require = createRequire(import.meta.url);
const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Offline machines cannot download the native schema engine; the CLI's
 * generate/validate/format only need the file to exist. Point it at a stand-in
 * that explains itself, but only when no downloaded engine is present.
 */
function useStandInSchemaEngineWhenMissing() {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return;
  const enginesDir = path.dirname(
    require.resolve("@prisma/engines/package.json", {
      paths: [path.dirname(require.resolve("prisma/package.json"))],
    }),
  );
  const downloaded = readdirSync(enginesDir).some((f) => f.startsWith("schema-engine"));
  if (!downloaded) {
    process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, "prisma/bin/schema-engine-unavailable");
  }
}
useStandInSchemaEngineWhenMissing();

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  // Only used by native `prisma migrate` commands; this repo's scripts pass URLs explicitly.
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/pinglass" },
});
