// Partner API keys: shown once, stored as SHA-256, scoped, and rate limited per key
// with fixed one-minute windows kept in PostgreSQL (shared by every API instance).
import type { ApiKeyScope } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { hashToken, newToken } from "./tokens.ts";

export async function createApiKey(
  prisma: Pick<PrismaClient, "partnerApiKey">,
  { userId, name, scopes, rateLimitPerMinute }: { userId: number; name: string; scopes: ApiKeyScope[]; rateLimitPerMinute?: number },
) {
  const key = newToken("apiKey");
  const row = await prisma.partnerApiKey.create({
    data: { userId, name, scopes, rateLimitPerMinute, keyHash: hashToken(key), prefix: key.slice(0, 12) },
  });
  return { key, row };
}

export type ApiKeyLookup =
  | { status: "valid"; apiKeyId: number; userId: number; scopes: ApiKeyScope[] }
  | { status: "invalid" }
  | { status: "rate-limited"; retryAfterSeconds: number; limit: number };

interface ApiKeyRow {
  api_key_id: number;
  user_id: number;
  scopes: ApiKeyScope[];
  limit: number;
  requests: number;
  is_banned: boolean;
}

/**
 * Finds the key and counts this request in the current minute, in one statement.
 * Revoked keys, and keys of banned users, are invalid.
 */
export async function useApiKey(prisma: PrismaClient, key: string, now = new Date()): Promise<ApiKeyLookup> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const [row] = await prisma.$queryRaw<ApiKeyRow[]>`
    WITH key AS (
      SELECT k.id, k.user_id, k.scopes::text[] AS scopes, k.rate_limit_per_minute, u.is_banned
      FROM partner_api_keys k JOIN users u ON u.id = k.user_id
      WHERE k.key_hash = ${hashToken(key)} AND k.revoked_at IS NULL
    ), counted AS (
      INSERT INTO api_key_rate_windows (api_key_id, window_start, requests)
      SELECT id, ${windowStart}, 1 FROM key
      ON CONFLICT (api_key_id, window_start) DO UPDATE SET requests = api_key_rate_windows.requests + 1
      RETURNING requests
    )
    SELECT key.id AS api_key_id, key.user_id, key.scopes, key.rate_limit_per_minute AS "limit",
           counted.requests, key.is_banned
    FROM key, counted`;
  if (!row || row.is_banned) return { status: "invalid" };
  if (row.requests > row.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000));
    return { status: "rate-limited", retryAfterSeconds, limit: row.limit };
  }
  return { status: "valid", apiKeyId: row.api_key_id, userId: row.user_id, scopes: row.scopes };
}

/** Drops rate-limit windows that ended long ago (the worker runs it every hour). */
export async function pruneRateWindows(prisma: Pick<PrismaClient, "apiKeyRateWindow">, now = new Date()): Promise<number> {
  const { count } = await prisma.apiKeyRateWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 3_600_000) } } });
  return count;
}
