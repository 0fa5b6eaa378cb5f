// Admin sign-in and sessions: argon2id passwords, a growing delay and a temporary
// lockout after repeated failures, hashed bearer tokens that expire and can be revoked.
import { setTimeout as sleep } from "node:timers/promises";
import type { AdminRole } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { hasDevelopmentPassword } from "../domain/admin-accounts.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { hashToken, newToken } from "./tokens.ts";

export const ADMIN_LOGIN_POLICY = {
  /** Failures in a row before the account locks. */
  maxFailures: 5,
  lockMinutes: 15,
  /** Each failure waits this much longer before answering, up to `maxDelayMs`. */
  delayStepMs: 200,
  maxDelayMs: 2000,
  sessionHours: 12,
};

export type AdminSignInResult =
  | { status: "signed-in"; adminId: number; role: AdminRole; sessionId: number; token: string; expiresAt: Date }
  | { status: "invalid" }
  | { status: "locked"; until: Date }
  | { status: "development-password" };

// Verifying against a real hash when the username is unknown keeps the timing the same.
let dummyHash: Promise<string> | undefined;

export async function signInAdmin(
  prisma: PrismaClient,
  {
    username,
    password,
    refuseDevelopmentPasswords,
    ip,
    userAgent,
    policy = ADMIN_LOGIN_POLICY,
    now = () => new Date(),
  }: {
    username: string;
    password: string;
    /** Production: the start-up check may have been bypassed (e.g. the password set back since). */
    refuseDevelopmentPasswords: boolean;
    ip?: string | null;
    userAgent?: string | null;
    policy?: typeof ADMIN_LOGIN_POLICY;
    now?: () => Date;
  },
): Promise<AdminSignInResult> {
  const admin = await prisma.adminUser.findUnique({ where: { username: username.trim().toLowerCase() } });
  if (!admin || !admin.isActive) {
    await verifyPassword(await (dummyHash ??= hashPassword("not-a-password")), password);
    return { status: "invalid" };
  }
  if (admin.lockedUntil && admin.lockedUntil > now()) return { status: "locked", until: admin.lockedUntil };

  if (!(await verifyPassword(admin.passwordHash, password))) {
    const failures = admin.failedLoginCount + 1;
    const locks = failures >= policy.maxFailures;
    await prisma.adminUser.update({
      where: { id: admin.id },
      data: locks
        ? { failedLoginCount: 0, lockedUntil: new Date(now().getTime() + policy.lockMinutes * 60_000) }
        : { failedLoginCount: failures },
    });
    await sleep(Math.min(failures * policy.delayStepMs, policy.maxDelayMs));
    return { status: "invalid" };
  }
  if (refuseDevelopmentPasswords && (await hasDevelopmentPassword(admin.passwordHash))) return { status: "development-password" };

  const token = newToken("adminSession");
  const expiresAt = new Date(now().getTime() + policy.sessionHours * 3_600_000);
  const [, session] = await prisma.$transaction([
    prisma.adminUser.update({
      where: { id: admin.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now() },
    }),
    prisma.adminSession.create({
      data: { adminId: admin.id, tokenHash: hashToken(token), expiresAt, ip, userAgent, lastSeenAt: now() },
      select: { id: true },
    }),
  ]);
  return { status: "signed-in", adminId: admin.id, role: admin.role, sessionId: session.id, token, expiresAt };
}

export type AdminSessionLookup = { status: "valid"; sessionId: number; adminId: number; role: AdminRole } | { status: "invalid" };

interface AdminSessionRow {
  session_id: number;
  admin_id: number;
  role: AdminRole;
  is_active: boolean;
  expires_at: Date;
  revoked_at: Date | null;
}

/** One statement per admin request. A deactivated admin's sessions stop working at once. */
export async function lookUpAdminSession(prisma: PrismaClient, token: string, now = new Date()): Promise<AdminSessionLookup> {
  const [row] = await prisma.$queryRaw<AdminSessionRow[]>`
    SELECT s.id AS session_id, a.id AS admin_id, a.role::text AS role, a.is_active, s.expires_at, s.revoked_at
    FROM admin_sessions s JOIN admin_users a ON a.id = s.admin_id
    WHERE s.token_hash = ${hashToken(token)}`;
  if (!row || !row.is_active || row.revoked_at || row.expires_at <= now) return { status: "invalid" };
  return { status: "valid", sessionId: row.session_id, adminId: row.admin_id, role: row.role };
}

export async function revokeAdminSession(prisma: PrismaClient, sessionId: number): Promise<void> {
  await prisma.adminSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
