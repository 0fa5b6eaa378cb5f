// Which way dependencies may point (issue 14): schema/ and http/ → domain/ → db/. Adapters
// (telegram/, payments/<provider>/, generation/providers/, worker/, storage/) plug into
// the domain through ports it defines (domain/payment-gateway.ts, domain/storage.ts) or
// through the outbox rows it writes (domain/telegram-outbox.ts); the domain imports none
// of them. Run with `pnpm deps:check` (scripts/deps-check.mjs).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle: invert one edge (a port in domain/, or an outbox row) instead.",
      from: { path: "^(server/src|prisma)/" },
      to: { circular: true },
    },
    {
      name: "domain-not-to-adapters",
      severity: "error",
      comment:
        "The domain owns the rules; adapters, the worker, the GraphQL schema and HTTP call it, never the other way. " +
        "Define a port in domain/ and let the composition root inject the adapter.",
      from: { path: "^server/src/domain/" },
      to: {
        path: [
          "^server/src/telegram/",
          "^server/src/payments/",
          "^server/src/generation/providers/",
          "^server/src/worker/",
          "^server/src/storage/",
          "^server/src/schema/",
          "^server/src/http/",
        ],
      },
    },
    {
      name: "db-not-upward",
      severity: "error",
      comment: "db/ is the bottom layer: connections, migrations, the job queue's SQL.",
      from: { path: "^server/src/db/" },
      to: { path: ["^server/src/domain/", "^server/src/schema/", "^server/src/http/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Generated Prisma and Pothos code is not ours to arrange.
    exclude: { path: "^server/src/generated/" },
    // Type-only imports count: a cycle of types is still a knot for the reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "server/tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
