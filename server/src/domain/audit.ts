// The audit log: every admin change is recorded (who, what, on which row, before and
// after) in the same transaction as the change, so neither exists without the other.
import type { Prisma } from "../generated/prisma/client.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { ForbiddenError } from "./errors.ts";

type Tx = Prisma.TransactionClient;

/** The part of a request's context an audited change needs (the GraphQL context is one). */
export interface AuditContext {
  prisma: PrismaClient;
  admin: { id: number } | null;
  requestId: string;
  client: { ip: string | null; userAgent: string | null };
}

export interface AuditTarget {
  type: string;
  id?: number | null;
}

export interface AuditedChange<T> {
  result: T;
  before?: unknown;
  after?: unknown;
  /** The row the change created, when `target.id` was not known beforehand. */
  targetId?: number;
}

/** Secrets never enter the audit log. */
const REDACTED_KEYS = new Set(["passwordHash", "tokenHash", "keyHash", "sessionString", "password"]);

/** Plain JSON for the log: Decimals and BigInts as strings, Dates as ISO strings. */
export function auditJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined) return undefined;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (REDACTED_KEYS.has(key)) return "[redacted]";
      if (typeof v === "bigint") return v.toString();
      return v;
    }),
  ) as Prisma.InputJsonValue;
}

/** The fields that differ between two snapshots, for an audit row's before/after. */
export function changes<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const keys = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])) as Partial<T>,
    after: Object.fromEntries(keys.map((key) => [key, after[key]])) as Partial<T>,
  };
}

/**
 * Runs an admin change in a transaction and writes its audit row in that transaction.
 * `action` names what happened (`user.ban`, `withdrawal.approve`, …).
 */
export async function audited<T>(
  context: AuditContext,
  action: string,
  target: AuditTarget,
  change: (tx: Tx) => Promise<AuditedChange<T>>,
): Promise<T> {
  const admin = context.admin;
  if (!admin) throw new ForbiddenError("Only admin panel accounts make audited changes");
  return context.prisma.$transaction(async (tx) => {
    const { result, before, after, targetId } = await change(tx);
    await tx.auditLog.create({
      data: {
        adminId: admin.id,
        action,
        targetType: target.type,
        targetId: targetId ?? target.id ?? null,
        before: auditJson(before),
        after: auditJson(after),
        ip: context.client.ip,
        userAgent: context.client.userAgent,
        metadata: { requestId: context.requestId },
      },
    });
    return result;
  });
}
