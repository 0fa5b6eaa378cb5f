// The Prisma client over node-postgres, plus an opt-in SQL statement recorder
// (tests and benchmarks assert how many statements a request issued).
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { connectionOptions } from "./connection.ts";

export type { PrismaClient };
export type { Prisma } from "../generated/prisma/client.ts";

const statementLog = new AsyncLocalStorage<string[]>();

export function createPrisma(
  url: string,
  { poolSize = 10, recordStatements = false }: { poolSize?: number; recordStatements?: boolean } = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectionOptions(url).connectionTimeoutMillis,
  });
  if (!recordStatements) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => statementLog.getStore()?.push(event.query));
  return client;
}

/** Runs `work` and returns the SQL statements it sent through a recording client. */
export async function recordStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const result = await statementLog.run(statements, work);
  return { result, statements };
}
