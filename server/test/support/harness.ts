// In-process GraphQL for tests: typed operations through `yoga.fetch`, with the
// SQL statements each request issued (N+1 regressions fail on the count).
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type ExecutionResult } from "graphql";
import { afterAll } from "vitest";
import { createApp, GRAPHQL_PATH, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createPrisma, recordStatements, type PrismaClient } from "../../src/db/prisma.ts";
import { createTestDatabase } from "./test-database.ts";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { issueSession } from "../../src/auth/sessions.ts";
import { findOrCreateTelegramUser } from "../../src/domain/users.ts";
import { hashToken, newToken } from "../../src/auth/tokens.ts";
import { createApiKey } from "../../src/auth/api-keys.ts";
import type { AdminRole, ApiKeyScope } from "../../src/generated/prisma/enums.ts";

export interface TestAdmin {
  id: number;
  role: AdminRole;
  token: string;
  headers: Record<string, string>;
}

export interface TestApiKey {
  id: number;
  key: string;
  headers: Record<string, string>;
}

let adminNumber = 0;

/** The bot token tests sign their Telegram data with. */
export const TEST_BOT_TOKEN = "123456789:TEST-token-for-signing-init-data";

export interface TestUser {
  id: number;
  token: string;
  /** Headers of a request made as this user. */
  headers: Record<string, string>;
}

let telegramIds = 700_000_000n;

export interface OperationResult<TData> extends ExecutionResult<TData> {
  /** SQL statements the request sent to PostgreSQL, in order. */
  statements: string[];
  status: number;
}

export interface TestApi {
  app: App;
  prisma: PrismaClient;
  databaseUrl: string;
  /** Folder the local storage writes uploads to. */
  storageDir: string;
  /** A new user (with its Telegram identity) and a session for it. */
  signIn(options?: { name?: string; referralCode?: string }): Promise<TestUser>;
  /** A new admin panel account of `role` with a session (its password hash is a placeholder). */
  signInAdmin(role: AdminRole): Promise<TestAdmin>;
  /** A partner API key of `userId` with `scopes`. */
  createApiKey(userId: number, scopes: ApiKeyScope[], options?: { rateLimitPerMinute?: number }): Promise<TestApiKey>;
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
  const storageDir = await mkdtemp(path.join(tmpdir(), "pinglass-uploads-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    STORAGE_LOCAL_DIR: storageDir,
    PUBLIC_BASE_URL: "http://files.test",
    ...env,
  });
  const app = createApp({ config, prisma });
  return {
    app,
    prisma,
    databaseUrl,
    storageDir,
    async signIn({ name = "Test User", referralCode } = {}) {
      const telegramId = ++telegramIds;
      const user = await findOrCreateTelegramUser(prisma, { id: telegramId, firstName: name }, { referralCode });
      const { token } = await issueSession(prisma, { userId: user.id, provider: "TELEGRAM", ttlDays: 1 });
      return { id: user.id, token, headers: { authorization: `Bearer ${token}` } };
    },
    async signInAdmin(role) {
      const number = ++adminNumber;
      const admin = await prisma.adminUser.create({
        data: { username: `${role.toLowerCase()}-${number}`, displayName: `${role} ${number}`, passwordHash: "not-a-hash", role },
      });
      const token = newToken("adminSession");
      await prisma.adminSession.create({
        data: { adminId: admin.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) },
      });
      return { id: admin.id, role, token, headers: { authorization: `Bearer ${token}` } };
    },
    async createApiKey(userId, scopes, options = {}) {
      const { key, row } = await createApiKey(prisma, { userId, name: "test key", scopes, ...options });
      return { id: row.id, key, headers: { authorization: `Bearer ${key}` } };
    },
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
