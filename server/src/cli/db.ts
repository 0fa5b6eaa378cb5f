// pnpm db:migrate <name> | db:deploy | db:check | db:seed | db:reset | db:verify-ledger
// Works on DATABASE_URL when set, else on the embedded development cluster.
import { loadConfig } from "../config.ts";
import { provideDatabase } from "../db/database.ts";
import { createMigration, deployMigrations, findDrift, resetDatabase } from "../db/migrations.ts";
import { createPrisma } from "../db/prisma.ts";
import { verifyLedger } from "../domain/ledger.ts";

const usage = "usage: db <migrate NAME [--create-only] | deploy | check | seed | reset | verify-ledger>";

async function main([command, ...args]: string[]): Promise<number> {
  const config = loadConfig();
  const db = await provideDatabase(config.databaseUrl, { purpose: "dev", log: console.log });
  try {
    switch (command) {
      case "migrate": {
        const name = args.find((a) => !a.startsWith("--"));
        if (!name) throw new Error(usage);
        const { directory, warnings } = await createMigration(db.url, name, { draft: args.includes("--create-only") });
        for (const w of warnings) console.warn(`warning: ${w}`);
        console.log(directory ? `created ${directory}` : "schema and migrations already agree: nothing to create");
        return 0;
      }
      case "deploy": {
        const applied = await deployMigrations(db.url);
        console.log(applied.length ? `applied: ${applied.join(", ")}` : "no pending migrations");
        return 0;
      }
      case "check": {
        const drift = await findDrift(db.url);
        if (drift === null) {
          console.log("prisma/schema and prisma/migrations agree");
          return 0;
        }
        console.error("Drift: prisma/schema differs from prisma/migrations. Missing SQL:\n");
        console.error(drift);
        console.error("\nCreate a migration with: pnpm db:migrate <name>");
        return 2;
      }
      case "seed": {
        if (config.isProduction) throw new Error("demo data is refused in production");
        await deployMigrations(db.url);
        const { seedDemoData } = await import("../../../prisma/seed.ts");
        const prisma = createPrisma(db.url);
        try {
          const summary = await seedDemoData(prisma);
          console.log(summary.text);
        } finally {
          await prisma.$disconnect();
        }
        return 0;
      }
      case "reset": {
        if (config.isProduction) throw new Error("db:reset is refused in production");
        const applied = await resetDatabase(db.url);
        console.log(`database reset; applied: ${applied.join(", ") || "nothing"}`);
        return 0;
      }
      case "verify-ledger": {
        const prisma = createPrisma(db.url);
        try {
          const problems = await verifyLedger(prisma);
          if (problems.length === 0) {
            console.log("ledger verified: every referral balance equals the sum of its ledger rows");
            return 0;
          }
          console.error(`ledger mismatch (${problems.length}):`);
          for (const line of problems) console.error(`  ${line}`);
          return 3;
        } finally {
          await prisma.$disconnect();
        }
      }
      default:
        console.error(usage);
        return 1;
    }
  } finally {
    await db.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
