// Telegram, admin side: broadcasts (created, scheduled, started and cancelled here;
// delivery is the worker's: telegram/broadcast-delivery.ts) and the bot's affiliate
// program settings. Functions run inside the caller's audited transaction and answer what
// the audit row records.
import { Prisma } from "../generated/prisma/client.ts";
import type { BroadcastStatus } from "../generated/prisma/enums.ts";
import { changes } from "./audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { queueBroadcastJob } from "./telegram-outbox.ts";

type Tx = Prisma.TransactionClient;

export const BROADCAST_SEGMENTS = ["ALL", "PAID", "UNPAID", "PARTNERS"] as const;
export type BroadcastSegment = (typeof BROADCAST_SEGMENTS)[number];

/** Who receives a broadcast; evaluated when sending starts. Stored as `{ segment: "paid", excludeBanned: true }`. */
export interface BroadcastAudience {
  segment: BroadcastSegment;
  excludeBanned: boolean;
}

export interface BroadcastButton {
  text: string;
  url: string;
}

export interface NewBroadcast {
  title?: string | null;
  text: string;
  mediaUrl?: string | null;
  buttons?: BroadcastButton[] | null;
  audience?: { segment: BroadcastSegment; excludeBanned?: boolean | null } | null;
  scheduledAt?: Date | null;
}

export const EVERYONE: BroadcastAudience = { segment: "ALL", excludeBanned: true };

const audienceJson = (audience: BroadcastAudience) => ({ segment: audience.segment.toLowerCase(), excludeBanned: audience.excludeBanned });

/** The stored audience as typed values; null when it is not one this API writes. */
export function audienceOf(value: unknown): BroadcastAudience | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const { segment, excludeBanned } = value as Record<string, unknown>;
  const upper = typeof segment === "string" ? segment.toUpperCase() : "";
  if (!(BROADCAST_SEGMENTS as readonly string[]).includes(upper)) return null;
  return { segment: upper as BroadcastSegment, excludeBanned: excludeBanned !== false };
}

const TITLE_FROM_TEXT = 60;

/** Without a title, the text's first line (shortened) names the broadcast in the panel. */
export function titleOf(title: string | null | undefined, text: string): string {
  if (title?.trim()) return title.trim();
  const line = text.trim().split("\n")[0]!.trim();
  return line.length <= TITLE_FROM_TEXT ? line : `${line.slice(0, TITLE_FROM_TEXT - 1).trimEnd()}…`;
}

function requireFuture(scheduledAt: Date, now: Date) {
  if (scheduledAt <= now) throw ValidationError.of("input.scheduledAt", "must be in the future");
}

const BROADCAST_STATE = {
  title: true,
  text: true,
  mediaUrl: true,
  buttons: true,
  audience: true,
  status: true,
  scheduledAt: true,
  completedAt: true,
} satisfies Prisma.TelegramBroadcastSelect;

/** A DRAFT broadcast, or SCHEDULED when `scheduledAt` (in the future) is given. */
export async function createBroadcast(tx: Tx, adminId: number, input: NewBroadcast, now = new Date()) {
  if (input.scheduledAt) requireFuture(input.scheduledAt, now);
  const audience = input.audience ? { segment: input.audience.segment, excludeBanned: input.audience.excludeBanned ?? true } : EVERYONE;
  const row = await tx.telegramBroadcast.create({
    data: {
      adminId,
      title: titleOf(input.title, input.text),
      text: input.text.trim(),
      mediaUrl: input.mediaUrl?.trim() || null,
      // One button per row of the inline keyboard.
      ...(input.buttons?.length ? { buttons: input.buttons.map((b) => [{ text: b.text.trim(), url: b.url.trim() }]) } : {}),
      audience: audienceJson(audience),
      status: input.scheduledAt ? "SCHEDULED" : "DRAFT",
      scheduledAt: input.scheduledAt ?? null,
    },
    select: { id: true, ...BROADCAST_STATE },
  });
  const { id, ...after } = row;
  return { id, after };
}

async function lockBroadcast(tx: Tx, id: number) {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM telegram_broadcasts WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("TelegramBroadcast");
  return tx.telegramBroadcast.findUniqueOrThrow({ where: { id }, select: BROADCAST_STATE });
}

const SCHEDULABLE: BroadcastStatus[] = ["DRAFT", "SCHEDULED"];
const CANCELLABLE: BroadcastStatus[] = ["DRAFT", "SCHEDULED", "SENDING"];

/** Schedules a draft, or moves a scheduled broadcast to another (future) time. */
export async function scheduleBroadcast(tx: Tx, id: number, scheduledAt: Date, now = new Date()) {
  const before = await lockBroadcast(tx, id);
  if (!SCHEDULABLE.includes(before.status)) throw new ConflictError(`A ${before.status.toLowerCase()} broadcast cannot be scheduled`);
  requireFuture(scheduledAt, now);
  const after = await tx.telegramBroadcast.update({ where: { id }, data: { status: "SCHEDULED", scheduledAt }, select: BROADCAST_STATE });
  return changes(before, after);
}

/**
 * Cancels a broadcast that has not finished; its messages still waiting in the outbox
 * are cancelled with it (ones already sent stay sent).
 */
export async function cancelBroadcast(tx: Tx, id: number, now = new Date()) {
  const before = await lockBroadcast(tx, id);
  if (!CANCELLABLE.includes(before.status)) throw new ConflictError(`A ${before.status.toLowerCase()} broadcast cannot be cancelled`);
  const after = await tx.telegramBroadcast.update({
    where: { id },
    data: { status: "CANCELLED", completedAt: now },
    select: BROADCAST_STATE,
  });
  const { count } = await tx.telegramMessage.updateMany({ where: { broadcastId: id, status: "PENDING" }, data: { status: "CANCELLED" } });
  const change = changes(before, after);
  return { before: change.before, after: { ...change.after, cancelledMessages: count } };
}

const STARTABLE: BroadcastStatus[] = ["DRAFT", "SCHEDULED"];

/**
 * Starts sending now: SENDING, counts from zero, and the worker's job queued in this
 * transaction. The audience is evaluated by that job, in batches (totalRecipients grows
 * as recipients are queued; sentCount and failedCount as messages finish).
 */
export async function startBroadcast(tx: Tx, id: number, now = new Date()) {
  const before = await lockBroadcast(tx, id);
  if (!STARTABLE.includes(before.status)) throw new ConflictError(`A ${before.status.toLowerCase()} broadcast cannot be sent`);
  if (!audienceOf(before.audience)) throw new ConflictError("This broadcast's audience is not one this API understands");
  const after = await tx.telegramBroadcast.update({
    where: { id },
    data: { status: "SENDING", startedAt: now, completedAt: null, totalRecipients: 0, sentCount: 0, failedCount: 0 },
    select: BROADCAST_STATE,
  });
  await queueBroadcastJob(tx, { broadcastId: id });
  const change = changes(before, after);
  return { before: change.before, after: { ...change.after, startedAt: now } };
}

/** Starts SCHEDULED broadcasts whose time has come (the worker's sweep, every minute); answers their ids. */
export async function startDueBroadcasts(tx: Tx, now = new Date()): Promise<number[]> {
  const due = await tx.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM telegram_broadcasts
     WHERE status = 'SCHEDULED' AND scheduled_at <= ${now}
     ORDER BY scheduled_at LIMIT 20
     FOR UPDATE SKIP LOCKED`;
  for (const { id } of due) await startBroadcast(tx, id, now);
  return due.map(({ id }) => id);
}

/** The audience as a condition on `users u` (the chat id is required by the caller). */
export function audienceCondition(audience: BroadcastAudience): Prisma.Sql {
  const paid = Prisma.sql`EXISTS (SELECT 1 FROM payments p WHERE p.user_id = u.id AND p.status = 'SUCCEEDED')`;
  const segment = {
    ALL: Prisma.sql`true`,
    PAID: paid,
    UNPAID: Prisma.sql`NOT ${paid}`,
    PARTNERS: Prisma.sql`EXISTS (SELECT 1 FROM referral_balances rb WHERE rb.user_id = u.id AND rb.is_partner)`,
  }[audience.segment];
  return audience.excludeBanned ? Prisma.sql`${segment} AND NOT u.is_banned` : segment;
}

// ---------------------------------------------------------------------------------------
// Affiliate program settings
// ---------------------------------------------------------------------------------------

export interface AffiliateSettingsInput {
  commissionPerMille: number;
  durationMonths?: number | null;
  isActive: boolean;
}

/** Serialises affiliate-setting changes (at most one row may be active). */
const AFFILIATE_LOCK = 0x54474146; // "TGAF"

const AFFILIATE_STATE = {
  id: true,
  commissionPerMille: true,
  durationMonths: true,
  isActive: true,
} satisfies Prisma.TelegramAffiliateSettingSelect;

/** The settings in force come first: the active row, else the latest one (the program is off). */
export const CURRENT_AFFILIATE_FIRST = [
  { isActive: "desc" },
  { createdAt: "desc" },
  { id: "desc" },
] satisfies Prisma.TelegramAffiliateSettingOrderByWithRelationInput[];

/**
 * Every change writes a new row (the previous ones stay as history) and makes it the
 * only active one, or leaves none active when `isActive` is false.
 */
export async function updateAffiliateSettings(tx: Tx, adminId: number, input: AffiliateSettingsInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AFFILIATE_LOCK}::int)`;
  const previous = await tx.telegramAffiliateSetting.findFirst({ select: AFFILIATE_STATE, orderBy: CURRENT_AFFILIATE_FIRST });
  await tx.telegramAffiliateSetting.updateMany({ where: { isActive: true }, data: { isActive: false } });
  const created = await tx.telegramAffiliateSetting.create({
    data: {
      commissionPerMille: input.commissionPerMille,
      durationMonths: input.durationMonths ?? null,
      isActive: input.isActive,
      updatedById: adminId,
    },
    select: AFFILIATE_STATE,
  });
  return { id: created.id, before: previous, after: created };
}
