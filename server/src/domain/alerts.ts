// Deduplicated operational records: system_logs and admin_alerts hold one row per
// fingerprint, and a repeat bumps count and last_seen_at (INSERT … ON CONFLICT) instead of
// adding a row, so a failure repeating every second stays one row. The fingerprint is the
// sha256 of the source and the message with its ids and numbers normalised, so "payment 41
// failed" and "payment 42 failed" are one problem. A resolved alert that fires again is a
// new incident: it is reopened (resolution, acknowledgement and notification cleared) so
// admins hear of it once more. Both functions take a PrismaClient or a transaction client:
// inside a transaction the record commits or rolls back with the change that caused it.
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { AlertSeverity, LogLevel } from "../generated/prisma/enums.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export interface SystemLogInput {
  level: LogLevel;
  /** What reported it: `payments:webhook`, `worker`, … (at most 100 characters). */
  source: string;
  message: string;
  /** The latest occurrence's details (ids, amounts); replaced by each repeat. */
  context?: Record<string, unknown> | null;
  /** When it happened (default: now). */
  at?: Date;
}

export interface AdminAlertInput {
  severity: AlertSeverity;
  source: string;
  title: string;
  message: string;
  context?: Record<string, unknown> | null;
  /** Groups occurrences whose messages differ in more than ids (e.g. one alert per incident kind). */
  fingerprintKey?: string;
  at?: Date;
}

export interface RecordedOccurrence {
  id: number;
  /** Occurrences so far, this one included. */
  count: number;
  /** True when this occurrence created the row. */
  created: boolean;
}

export interface RaisedAlert extends RecordedOccurrence {
  /** True when the alert had been resolved and this occurrence reopened it. */
  reopened: boolean;
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
// Hashes, transaction ids, long tokens and addresses: long runs with at least one digit.
const LONG_TOKEN = /\b(?=[A-Za-z_\-+/=]*\d)[A-Za-z0-9_\-+/=]{16,}/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;

/** The message with what varies between occurrences of one problem replaced by placeholders. */
export function normaliseMessage(message: string): string {
  return message.replace(UUID, "<uuid>").replace(LONG_TOKEN, "<id>").replace(NUMBER, "<n>").replace(/\s+/g, " ").trim();
}

/** sha256 hex (64 characters, the column's width) of the source and the key or normalised message. */
export function fingerprintOf(source: string, message: string, fingerprintKey?: string): string {
  const what = fingerprintKey === undefined ? `message:${normaliseMessage(message)}` : `key:${fingerprintKey}`;
  return createHash("sha256").update(`${source}\n${what}`).digest("hex");
}

/** JSON text for a jsonb parameter; BigInts (Telegram ids) as strings instead of throwing. */
function jsonText(context: Record<string, unknown> | null | undefined): string | null {
  if (context == null) return null;
  return JSON.stringify(context, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

// The columns are bounded; a record is never refused for a long text.
const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/**
 * Records one occurrence of a system event. The level of a repeat is the highest seen;
 * message and context are the latest occurrence's.
 */
export async function recordSystemLog(db: Db, input: SystemLogInput): Promise<RecordedOccurrence> {
  const at = input.at ?? new Date();
  const [row] = await db.$queryRaw<[{ id: number; count: number; created: boolean }]>`
    INSERT INTO system_logs (fingerprint, level, source, message, context, first_seen_at, last_seen_at)
    VALUES (${fingerprintOf(input.source, input.message)}, ${input.level}::log_level, ${clip(input.source, 100)},
            ${input.message}, ${jsonText(input.context)}::jsonb, ${at}, ${at})
    ON CONFLICT (fingerprint) DO UPDATE SET
      count = system_logs.count + 1,
      level = GREATEST(system_logs.level, EXCLUDED.level),
      message = EXCLUDED.message,
      context = EXCLUDED.context,
      -- A caller's clock behind the stored one must not break last_seen_at >= first_seen_at.
      last_seen_at = GREATEST(system_logs.last_seen_at, EXCLUDED.last_seen_at)
    RETURNING id, count, (xmax = 0) AS created`;
  return row;
}

/**
 * Raises an admin alert, or counts one more occurrence of the open one with its fingerprint.
 * A resolved alert is reopened: resolved_at, acknowledged_at/by and notified_at cleared, its
 * severity the new one. An open alert keeps the highest severity seen.
 */
export async function raiseAdminAlert(db: Db, input: AdminAlertInput): Promise<RaisedAlert> {
  const at = input.at ?? new Date();
  const fingerprint = fingerprintOf(input.source, input.message, input.fingerprintKey);
  // The row as it was before this statement: RETURNING sees only the new values.
  const [row] = await db.$queryRaw<[{ id: number; count: number; created: boolean; reopened: boolean }]>`
    WITH previous AS (SELECT resolved_at FROM admin_alerts WHERE fingerprint = ${fingerprint})
    INSERT INTO admin_alerts AS a (fingerprint, severity, source, title, message, context, first_seen_at, last_seen_at, updated_at)
    VALUES (${fingerprint}, ${input.severity}::alert_severity, ${clip(input.source, 100)}, ${clip(input.title, 255)},
            ${input.message}, ${jsonText(input.context)}::jsonb, ${at}, ${at}, ${at})
    ON CONFLICT (fingerprint) DO UPDATE SET
      count = a.count + 1,
      severity = CASE WHEN a.resolved_at IS NULL THEN GREATEST(a.severity, EXCLUDED.severity) ELSE EXCLUDED.severity END,
      title = EXCLUDED.title,
      message = EXCLUDED.message,
      context = EXCLUDED.context,
      last_seen_at = GREATEST(a.last_seen_at, EXCLUDED.last_seen_at),
      resolved_at = NULL,
      acknowledged_at = CASE WHEN a.resolved_at IS NULL THEN a.acknowledged_at END,
      acknowledged_by_id = CASE WHEN a.resolved_at IS NULL THEN a.acknowledged_by_id END,
      notified_at = CASE WHEN a.resolved_at IS NULL THEN a.notified_at END,
      updated_at = EXCLUDED.updated_at
    RETURNING id, count, (xmax = 0) AS created, COALESCE((SELECT resolved_at IS NOT NULL FROM previous), false) AS reopened`;
  return row;
}
