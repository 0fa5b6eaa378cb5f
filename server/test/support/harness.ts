// In-process GraphQL for tests: typed operations through `yoga.fetch`, with the
// SQL statements each request issued (N+1 regressions fail on the count).
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type ExecutionResult } from "graphql";
import { afterAll } from "vitest";
import { createApp, GRAPHQL_PATH, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createPrisma, recordStatements, type PrismaClient } from "../../src/db/prisma.ts";
import { createTestDatabase } from "./test-database.ts";

export interface OperationResult<TData> extends ExecutionResult<TData> {
  /** SQL statements the request sent to PostgreSQL, in order. */
  statements: string[];
  status: number;
}

export interface TestApi {
  app: App;
  prisma: PrismaClient;
  databaseUrl: string;
  execute<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...rest: TVariables extends Record<string, never>
      ? [variables?: TVariables, options?: { headers?: Record<string, string> }]
      : [variables: TVariables, options?: { headers?: Record<string, string> }]
  ): Promise<OperationResult<TData>>;
}

export async function createTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const databaseUrl = await createTestDatabase();
  const prisma = createPrisma(databaseUrl, { poolSize: 4, recordStatements: true });
  afterAll(() => prisma.$disconnect());
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: databaseUrl, ...env });
  const app = createApp({ config, prisma });
  return {
    app,
    prisma,
    databaseUrl,
    async execute(document, ...[variables, options]) {
      const { result, statements } = await recordStatements(async () => {
        const response = await app.fetch(`http://localhost${GRAPHQL_PATH}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...options?.headers },
          body: JSON.stringify({ query: print(document), variables }),
        });
        return { status: response.status, body: (await response.json()) as ExecutionResult<never> };
      });
      return { ...result.body, status: result.status, statements };
    },
  };
}
