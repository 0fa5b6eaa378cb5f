// Admin panel accounts and settings, admin side: creating accounts, changing role and
// activity (never one's own demotion or deactivation), password resets, and typed
// key/value settings. Functions run inside the caller's audited transaction; password
// hashes never leave this module (they are not in any before/after). Production refuses
// accounts with the demo seed's development passwords (a start-up check, and sign-in).
import { hashPassword, verifyPassword } from "../auth/password.ts";
import type { Config } from "../config.ts";
import type { PrismaClient } from "../db/prisma.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AdminRole } from "../generated/prisma/enums.ts";
import { auditJson, changes } from "./audit.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";

type Tx = Prisma.TransactionClient;

/** What the audit log records of an account: never its password hash. */
const ADMIN_STATE = { username: true, displayName: true, email: true, role: true, isActive: true } satisfies Prisma.AdminUserSelect;

/** Hashes outside the transaction: argon2 is deliberately slow. */
export const hashAdminPassword = hashPassword;

export interface NewAdminUser {
  username: string;
  displayName?: string | null;
  email?: string | null;
  role: AdminRole;
  passwordHash: string;
}

/** Usernames are stored lower-case (sign-in lower-cases what is typed). */
export const normaliseUsername = (username: string) => username.trim().toLowerCase();

async function refuseTaken(tx: Tx, username: string, email: string | null) {
  const taken = await tx.adminUser.findFirst({
    where: { OR: [{ username }, ...(email ? [{ email: { equals: email, mode: "insensitive" as const } }] : [])] },
    select: { username: true },
  });
  if (taken) throw new ConflictError(taken.username === username ? `The username ${username} is taken` : `The email ${email} is taken`);
}

export async function createAdminUser(tx: Tx, input: NewAdminUser) {
  const username = normaliseUsername(input.username);
  const email = input.email?.trim().toLowerCase() || null;
  await refuseTaken(tx, username, email);
  const row = await tx.adminUser
    .create({
      data: { username, email, displayName: input.displayName?.trim() || null, role: input.role, passwordHash: input.passwordHash },
      select: { id: true, ...ADMIN_STATE },
    })
    .catch((error: unknown) => {
      // A concurrent create with the same username or email.
      throw (error as { code?: string }).code === "P2002" ? new ConflictError("The username or email is taken") : error;
    });
  const { id, ...after } = row;
  return { id, after };
}

export interface AdminUserUpdate {
  role?: AdminRole | null;
  displayName?: string | null;
  isActive?: boolean | null;
}

async function revokeSessions(tx: Tx, adminId: number, now: Date, keepSessionId?: number) {
  const { count } = await tx.adminSession.updateMany({
    where: { adminId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}

/**
 * Changes role, display name and/or activity. An admin cannot demote or deactivate
 * themself (so an active ADMIN always remains); deactivating revokes the account's
 * sessions (they already stop working: the session lookup checks is_active).
 */
export async function updateAdminUser(tx: Tx, actorId: number, adminId: number, update: AdminUserUpdate, now = new Date()) {
  const before = await tx.adminUser.findUnique({ where: { id: adminId }, select: ADMIN_STATE });
  if (!before) throw new NotFoundError("AdminUser");
  if (adminId === actorId && ((update.role && update.role !== before.role) || update.isActive === false)) {
    throw new ForbiddenError("You cannot demote or deactivate yourself; ask another admin");
  }
  const after = await tx.adminUser.update({
    where: { id: adminId },
    data: {
      ...(update.role ? { role: update.role } : {}),
      ...(update.displayName !== undefined ? { displayName: update.displayName?.trim() || null } : {}),
      ...(update.isActive != null ? { isActive: update.isActive } : {}),
    },
    select: ADMIN_STATE,
  });
  const sessionsRevoked = before.isActive && !after.isActive ? await revokeSessions(tx, adminId, now) : 0;
  const change = changes(before, after);
  return { before: change.before, after: sessionsRevoked ? { ...change.after, sessionsRevoked } : change.after };
}

/**
 * Sets a new password, clears a lockout and revokes the account's sessions (except the
 * caller's own session when an admin resets their own password).
 */
export async function resetAdminPassword(tx: Tx, adminId: number, passwordHash: string, callerSessionId?: number, now = new Date()) {
  const before = await tx.adminUser.findUnique({ where: { id: adminId }, select: { lockedUntil: true, failedLoginCount: true } });
  if (!before) throw new NotFoundError("AdminUser");
  const after = await tx.adminUser.update({
    where: { id: adminId },
    data: { passwordHash, failedLoginCount: 0, lockedUntil: null },
    select: { lockedUntil: true, failedLoginCount: true },
  });
  const sessionsRevoked = await revokeSessions(tx, adminId, now, callerSessionId);
  return { before, after: { ...after, passwordChanged: true, sessionsRevoked } };
}

// ---------------------------------------------------------------------------------------
// Development accounts
// ---------------------------------------------------------------------------------------

/**
 * The passwords prisma/seed.ts gives its admin accounts. They are printed and committed,
 * so production refuses any account that still has one, whatever it is called now.
 */
export const DEVELOPMENT_ADMIN_PASSWORDS = {
  admin: "admin-dev-password",
  operator: "operator-dev-password",
  viewer: "viewer-dev-password",
} as const;

/** Whether a stored hash is of a development password (one argon2 verification each, in parallel). */
export async function hasDevelopmentPassword(passwordHash: string): Promise<boolean> {
  const matches = await Promise.all(Object.values(DEVELOPMENT_ADMIN_PASSWORDS).map((password) => verifyPassword(passwordHash, password)));
  return matches.includes(true);
}

/**
 * Production start-up: a database seeded for development and then served in production
 * still has accounts anyone can sign in to. Each active one with a development password
 * is deactivated, its sessions revoked and a system audit row (no admin) written; `warn`
 * says which and how to fix it. Returns the deactivated usernames. Inactive accounts are
 * not checked: argon2 is slow, and sign-in refuses them anyway.
 */
export async function deactivateDevelopmentAdminAccounts(
  config: Pick<Config, "isProduction">,
  prisma: PrismaClient,
  warn: (line: string) => void,
  now = new Date(),
): Promise<string[]> {
  if (!config.isProduction) return [];
  const active = await prisma.adminUser.findMany({ where: { isActive: true }, select: { id: true, username: true, passwordHash: true } });
  const isDevelopmentAccount = await Promise.all(active.map((account) => hasDevelopmentPassword(account.passwordHash)));
  const deactivated: string[] = [];
  for (const account of active.filter((_, i) => isDevelopmentAccount[i])) {
    const changed = await prisma.$transaction(async (tx) => {
      // Another instance starting at the same moment may have deactivated it first.
      const { count } = await tx.adminUser.updateMany({ where: { id: account.id, isActive: true }, data: { isActive: false } });
      if (!count) return false;
      const sessionsRevoked = await revokeSessions(tx, account.id, now);
      await tx.auditLog.create({
        data: {
          adminId: null,
          action: "admin_user.update",
          targetType: "AdminUser",
          targetId: account.id,
          before: auditJson({ isActive: true }),
          after: auditJson({ isActive: false, sessionsRevoked }),
          metadata: { reason: "development password in production", by: "start-up check" },
        },
      });
      return true;
    });
    if (!changed) continue;
    deactivated.push(account.username);
    warn(
      `warning: admin account "${account.username}" (id ${account.id}) was deactivated: its password is a development ` +
        `password of the demo seed (prisma/seed.ts), which production refuses. From another ADMIN account, give it a ` +
        `new password (resetAdminPassword) and reactivate it (updateAdminUser isActive: true).`,
    );
  }
  return deactivated;
}

// ---------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------

export const SETTING_TYPES = ["STRING", "NUMBER", "BOOLEAN", "JSON"] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

/** A stored value's type: JSON is an object or an array (or anything else not a scalar). */
export function settingTypeOf(value: unknown): SettingType {
  if (typeof value === "string") return "STRING";
  if (typeof value === "number") return "NUMBER";
  if (typeof value === "boolean") return "BOOLEAN";
  return "JSON";
}

/** Does `value` hold `type`: STRING a string, NUMBER a finite number, BOOLEAN a boolean, JSON an object or array. */
export function matchesSettingType(value: unknown, type: SettingType): boolean {
  switch (type) {
    case "STRING":
      return typeof value === "string";
    case "NUMBER":
      return typeof value === "number" && Number.isFinite(value);
    case "BOOLEAN":
      return typeof value === "boolean";
    case "JSON":
      return value !== null && typeof value === "object";
  }
}

export const SETTING_KEY = /^[a-z][a-z0-9_.]{1,99}$/;
/** Largest stored value (as JSON text). */
export const SETTING_MAX_CHARS = 10_000;

export interface SettingInput {
  key: string;
  value: unknown;
  type: SettingType;
  description?: string | null;
}

/**
 * Creates or changes a setting. The value must hold the declared type, and an existing
 * setting keeps its type (code reading it relies on it).
 */
export async function updateSetting(tx: Tx, adminId: number, input: SettingInput) {
  if (!SETTING_KEY.test(input.key))
    throw ValidationError.of("input.key", "lower-case letters, digits, _ and ., starting with a letter (2–100)");
  if (!matchesSettingType(input.value, input.type)) throw ValidationError.of("input.value", `must be a ${input.type} value`);
  const existing = await tx.adminSetting.findUnique({ where: { key: input.key }, select: { value: true, description: true } });
  if (existing && settingTypeOf(existing.value) !== input.type) {
    throw ValidationError.of("input.type", `${input.key} holds a ${settingTypeOf(existing.value)} value; its type does not change`);
  }
  const value = input.value as Prisma.InputJsonValue;
  const description = input.description !== undefined ? { description: input.description?.trim() || null } : {};
  const row = await tx.adminSetting.upsert({
    where: { key: input.key },
    create: { key: input.key, value, updatedById: adminId, ...description },
    update: { value, updatedById: adminId, ...description },
    select: { id: true, value: true, description: true },
  });
  const after = { key: input.key, type: input.type, value: row.value, description: row.description };
  return { id: row.id, before: existing ? { key: input.key, type: input.type, ...existing } : null, after };
}
