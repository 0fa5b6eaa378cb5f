// User sessions: random opaque bearer tokens, stored as SHA-256 digests.
import { createHash, randomBytes } from "node:crypto";
import type { AuthProvider } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../db/prisma.ts";

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function issueSession(
  prisma: Pick<PrismaClient, "userSession">,
  { userId, provider, ttlDays, userAgent, ip }: {
    userId: number;
    provider: AuthProvider;
    ttlDays: number;
    userAgent?: string | null;
    ip?: string | null;
  },
): Promise<IssuedSession> {
  const token = `pgs_${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  await prisma.userSession.create({
    data: { userId, provider, tokenHash: hashToken(token), expiresAt, lastUsedAt: new Date(), userAgent: userAgent?.slice(0, 500), ip },
  });
  return { token, expiresAt };
}

export type SessionLookup =
  | { status: "valid"; sessionId: number; userId: number }
  | { status: "banned"; reason: string | null }
  | { status: "invalid" };

const LAST_USED_PRECISION_MS = 60 * 60 * 1000;

/** One indexed lookup per authenticated request. */
export async function lookUpSession(prisma: PrismaClient, token: string, now = new Date()): Promise<SessionLookup> {
  const session = await prisma.userSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, isBanned: true, banReason: true } },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return { status: "invalid" };
  if (session.user.isBanned) return { status: "banned", reason: session.user.banReason };
  // Coarse last-use stamp: one write an hour at most, off the request's critical path.
  if (!session.lastUsedAt || now.getTime() - session.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    void prisma.userSession.update({ where: { id: session.id }, data: { lastUsedAt: now } }).catch(() => {});
  }
  return { status: "valid", sessionId: session.id, userId: session.user.id };
}

export async function revokeSession(prisma: PrismaClient, sessionId: number): Promise<void> {
  await prisma.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
