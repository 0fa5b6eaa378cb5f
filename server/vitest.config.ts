import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** Files that need no PostgreSQL: no createTestApi/createTestDatabase, no template database. */
const unitFiles = [
  "test/config.test.ts",
  "test/database-connect.test.ts",
  "test/document-cache.test.ts",
  "test/env-docs.test.ts",
  "test/live-groups.test.ts",
  "test/schema-file.test.ts",
];

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports": Node (and so Pothos, Yoga) loads its CommonJS
    // main, while Vite would pick its "module" build — two realms of one library.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    reporters: ["default", "./test/support/summary-reporter.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test" },
    // `vitest run` runs both; `vitest run --project unit` (pnpm test:unit) only the fast ones.
    projects: [
      { extends: true, test: { name: "unit", include: unitFiles } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: unitFiles,
          // One PostgreSQL (embedded unless DATABASE_URL is set) holding a migrated template;
          // each file gets its own database cloned from it, so files run in parallel.
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
    ],
  },
});
