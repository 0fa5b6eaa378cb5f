// User sessions: random opaque bearer tokens, stored as SHA-256 digests.
import { hashToken, newToken } from "./tokens.ts";
import type { AuthProvider } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../db/prisma.ts";

export interface IssuedSession {
  /** Database id of the session row. */
  id: number;
  token: string;
  expiresAt: Date;
}

export { hashToken };

export async function issueSession(
  prisma: Pick<PrismaClient, "userSession">,
  {
    userId,
    provider,
    ttlDays,
    userAgent,
    ip,
  }: {
    userId: number;
    provider: AuthProvider;
    ttlDays: number;
    userAgent?: string | null;
    ip?: string | null;
  },
): Promise<IssuedSession> {
  const token = newToken("userSession");
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  const { id } = await prisma.userSession.create({
    data: { userId, provider, tokenHash: hashToken(token), expiresAt, lastUsedAt: new Date(), userAgent: userAgent?.slice(0, 500), ip },
    select: { id: true },
  });
  return { id, token, expiresAt };
}

export type SessionLookup =
  { status: "valid"; sessionId: number; userId: number } | { status: "banned"; reason: string | null } | { status: "invalid" };

const LAST_USED_PRECISION_MS = 60 * 60 * 1000;

interface SessionRow {
  session_id: number;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  user_id: number;
  is_banned: boolean;
  ban_reason: string | null;
}

/** One indexed statement per authenticated request (session joined with its user). */
export async function lookUpSession(prisma: PrismaClient, token: string, now = new Date()): Promise<SessionLookup> {
  const [session] = await prisma.$queryRaw<SessionRow[]>`
    SELECT s.id AS session_id, s.expires_at, s.revoked_at, s.last_used_at,
           u.id AS user_id, u.is_banned, u.ban_reason
    FROM user_sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${hashToken(token)}`;
  if (!session || session.revoked_at || session.expires_at <= now) return { status: "invalid" };
  if (session.is_banned) return { status: "banned", reason: session.ban_reason };
  // Coarse last-use stamp: one write an hour at most, off the request's critical path.
  if (!session.last_used_at || now.getTime() - session.last_used_at.getTime() > LAST_USED_PRECISION_MS) {
    void prisma.userSession.update({ where: { id: session.session_id }, data: { lastUsedAt: now } }).catch(() => {});
  }
  return { status: "valid", sessionId: session.session_id, userId: session.user_id };
}

export async function revokeSession(prisma: PrismaClient, sessionId: number): Promise<void> {
  await prisma.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
