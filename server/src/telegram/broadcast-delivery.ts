// A broadcast, worker side (job telegram:broadcast, one per broadcast, keyed):
//   1. recipients: the audience is walked in user id order, RECIPIENT_BATCH users per
//      transaction, each batch inserted into the outbox (never one statement for every
//      user) with totalRecipients grown by it, and the next batch queued in that
//      transaction — the job's payload carries the last user id;
//   2. sending: batches claimed within the broadcasts' share of the global rate
//      (outbox.ts), for SEND_SLICE_MS per run, then the job queues itself again;
//   3. the end: once no row is PENDING or SENDING, COMPLETED (FAILED when none arrived).
// Cancellation (domain/broadcasts.ts) cancels the PENDING rows; every step re-checks the
// broadcast's status under its row lock and stops.
import type { PrismaClient } from "../db/prisma.ts";
import { audienceCondition, audienceOf, startDueBroadcasts } from "../domain/broadcasts.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { queueBroadcastJob, type BroadcastJob } from "../domain/telegram-outbox.ts";
import { broadcastRate, type Outbox } from "./outbox.ts";

type Tx = Prisma.TransactionClient;

export const RECIPIENT_BATCH = 1000;
/** How long one job run keeps sending before it hands over to the next (other jobs get the worker). */
const SEND_SLICE_MS = 5000;
/** While only rows in flight remain (another worker's, or a dead one's awaiting the sweep). */
const IN_FLIGHT_RECHECK_MS = 2000;

export interface BroadcastDeliveryDependencies {
  prisma: PrismaClient;
  outbox: Outbox;
  ratePerSecond: number;
  log?: (line: string) => void;
}

async function lockSending(tx: Tx, broadcastId: number) {
  const [row] = await tx.$queryRaw<Array<{ status: string; audience: unknown }>>`
    SELECT status::text AS status, audience FROM telegram_broadcasts WHERE id = ${broadcastId} FOR UPDATE`;
  return row?.status === "SENDING" ? row : null;
}

/**
 * Inserts the next `batchSize` recipients after `afterUserId` (skipping any already
 * queued, so a job run twice adds nobody twice) and queues the next step.
 */
export async function queueRecipients(prisma: PrismaClient, broadcastId: number, afterUserId: number, batchSize = RECIPIENT_BATCH) {
  return prisma.$transaction(async (tx) => {
    const broadcast = await lockSending(tx, broadcastId);
    if (!broadcast) return null;
    const audience = audienceOf(broadcast.audience);
    if (!audience) {
      await tx.$executeRaw`UPDATE telegram_broadcasts SET status = 'FAILED', completed_at = now(), updated_at = now() WHERE id = ${broadcastId}`;
      return null;
    }
    const [batch] = await tx.$queryRaw<Array<{ selected: number; last_user_id: number | null; inserted: number }>>`
      WITH recipients AS (
        SELECT u.id, u.telegram_chat_id FROM users u
         WHERE u.id > ${afterUserId} AND u.telegram_chat_id IS NOT NULL AND ${audienceCondition(audience)}
         ORDER BY u.id LIMIT ${batchSize}
      ), inserted AS (
        INSERT INTO telegram_messages (telegram_chat_id, user_id, broadcast_id, kind, text, payload, send_after, updated_at)
        SELECT r.telegram_chat_id, r.id, b.id, 'broadcast', b.text,
               NULLIF(jsonb_strip_nulls(jsonb_build_object(
                 'photo', b.media_url,
                 'reply_markup', CASE WHEN b.buttons IS NULL THEN NULL ELSE jsonb_build_object('inline_keyboard', b.buttons) END)), '{}'::jsonb),
               now(), now()
          FROM recipients r CROSS JOIN telegram_broadcasts b
         WHERE b.id = ${broadcastId}
           AND NOT EXISTS (SELECT 1 FROM telegram_messages x WHERE x.user_id = r.id AND x.broadcast_id = b.id)
        RETURNING 1)
      SELECT (SELECT count(*) FROM recipients)::int AS selected,
             (SELECT max(id) FROM recipients) AS last_user_id,
             (SELECT count(*) FROM inserted)::int AS inserted`;
    const { selected, last_user_id, inserted } = batch!;
    if (inserted) {
      await tx.$executeRaw`UPDATE telegram_broadcasts SET total_recipients = total_recipients + ${inserted}::int, updated_at = now() WHERE id = ${broadcastId}`;
    }
    const next: BroadcastJob = selected < batchSize ? { broadcastId, queued: true } : { broadcastId, afterUserId: last_user_id! };
    await queueBroadcastJob(tx, next);
    return { inserted, next };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createBroadcastDelivery({ prisma, outbox, ratePerSecond, log = () => {} }: BroadcastDeliveryDependencies) {
  const allowance = broadcastRate(ratePerSecond);

  /** COMPLETED (or FAILED when nothing arrived) once every row is final; answers whether it ended. */
  async function finishIfDone(broadcastId: number): Promise<{ done: boolean; nextDueInMs: number | null }> {
    return prisma.$transaction(async (tx) => {
      if (!(await lockSending(tx, broadcastId))) return { done: true, nextDueInMs: null };
      const [open] = await tx.$queryRaw<Array<{ open: number; next_due_in_ms: number | null }>>`
        SELECT count(*)::int AS open,
               greatest(0, ceil(extract(epoch FROM min(send_after) FILTER (WHERE status = 'PENDING') - clock_timestamp()) * 1000))::int AS next_due_in_ms
          FROM telegram_messages WHERE broadcast_id = ${broadcastId} AND status IN ('PENDING', 'SENDING')`;
      if (open!.open > 0) return { done: false, nextDueInMs: open!.next_due_in_ms };
      await tx.$executeRaw`
        UPDATE telegram_broadcasts
           SET status = (CASE WHEN sent_count = 0 AND failed_count > 0 THEN 'FAILED' ELSE 'COMPLETED' END)::broadcast_status,
               completed_at = now(), updated_at = now()
         WHERE id = ${broadcastId}`;
      return { done: true, nextDueInMs: null };
    });
  }

  async function isSending(broadcastId: number) {
    const row = await prisma.telegramBroadcast.findUnique({ where: { id: broadcastId }, select: { status: true } });
    return row?.status === "SENDING";
  }

  /** telegram:broadcast — one step: a batch of recipients, or a slice of sending. */
  async function runBroadcast({ broadcastId, afterUserId = 0, queued = false }: BroadcastJob): Promise<void> {
    if (!queued) {
      await queueRecipients(prisma, broadcastId, afterUserId);
      return;
    }
    const until = Date.now() + SEND_SLICE_MS;
    while (await isSending(broadcastId)) {
      const { messages, rateLimitedForMs } = await outbox.claim(Prisma.sql`broadcast_id = ${broadcastId}`, allowance, allowance);
      if (messages.length) {
        await outbox.sendClaimed(messages);
      } else if (rateLimitedForMs !== null) {
        if (Date.now() + rateLimitedForMs > until) return queueBroadcastJob(prisma, { broadcastId, queued: true }, rateLimitedForMs);
        await sleep(rateLimitedForMs);
        continue;
      } else {
        const { done, nextDueInMs } = await finishIfDone(broadcastId);
        if (done) {
          log(`broadcast ${broadcastId} finished`);
          return;
        }
        // Retries waiting for their time, or rows in flight elsewhere.
        return queueBroadcastJob(prisma, { broadcastId, queued: true }, nextDueInMs ?? IN_FLIGHT_RECHECK_MS);
      }
      if (Date.now() >= until) return queueBroadcastJob(prisma, { broadcastId, queued: true });
    }
  }

  /** Sweep: starts due scheduled broadcasts, and queues again sending broadcasts whose job is gone. */
  async function sweepBroadcasts(): Promise<{ started: number; requeued: number }> {
    return prisma.$transaction(async (tx) => {
      const started = await startDueBroadcasts(tx);
      const lost = await tx.$queryRaw<Array<{ id: number; after_user_id: number | null }>>`
        SELECT b.id, (SELECT max(m.user_id) FROM telegram_messages m WHERE m.broadcast_id = b.id) AS after_user_id
          FROM telegram_broadcasts b
         WHERE b.status = 'SENDING'
           AND NOT EXISTS (
                 SELECT 1 FROM graphile_worker.jobs q
                  WHERE q.key = 'telegram:broadcast:' || b.id AND q.attempts < q.max_attempts
                    AND (q.locked_at IS NULL OR q.locked_at > now() - interval '5 minutes'))`;
      // Recipients are queued in user id order, so the largest one queued is where to go on;
      // a broadcast already fully queued finds nobody after it and goes on to sending.
      for (const { id, after_user_id } of lost) await queueBroadcastJob(tx, { broadcastId: id, afterUserId: after_user_id ?? 0 });
      return { started: started.length, requeued: lost.length };
    });
  }

  return { runBroadcast, sweepBroadcasts, finishIfDone };
}
