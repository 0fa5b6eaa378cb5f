// The outbox sender: takes telegram_messages rows and delivers them, at most once per
// claim, within one rate shared by every worker process.
//
//   PENDING (send_after passed) ──claim──▶ SENDING ──▶ SENT (telegram_message_id)
//        ▲                                    │
//        └── 429: after retry_after, ─────────┤──▶ FAILED: 403 / 400 at once, or
//            the attempt given back           │    5xx / no answer on the last attempt
//        └── 5xx / no answer: after ──────────┘
//            retryBase × 2^(attempt − 1)
//
// A claim is `FOR UPDATE SKIP LOCKED` plus a conditional status change, so two workers
// never send one row. A SENDING row's send_after is the end of its lease: the sweep takes
// rows whose worker died back after it. The rate limit counts the rows claimed within the
// last second (SENDING/SENT/FAILED rows whose lease started then; the (status, send_after)
// index answers it) under a transaction advisory lock, so claims from every process are
// counted one after the other. Broadcasts leave a fifth of the rate to personal messages.
import type { PrismaClient } from "../db/prisma.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { BotApiError } from "./bot-api.ts";
import { queueMessageJob } from "../domain/telegram-outbox.ts";
import type { TelegramSender } from "./sender.ts";

export interface OutboxSettings {
  /** Messages per second across every worker. */
  ratePerSecond: number;
  /** First retry delay of a failed attempt (doubles each attempt). */
  retryBaseMs: number;
}

export interface OutboxDependencies {
  prisma: PrismaClient;
  sender: TelegramSender;
  settings: OutboxSettings;
  log?: (line: string) => void;
}

/** How long a claimed row is left to its worker (the Bot API call times out after 10 s). */
export const SENDING_LEASE_SECONDS = 60;
const LEASE = `${SENDING_LEASE_SECONDS} seconds`;
const RATE_LOCK = 0x5447524c; // "TGRL"
const MAX_RETRY_DELAY_MS = 600_000;
/** Telegram always says how long to wait after a 429; this is for an answer that does not. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

export interface ClaimedMessage {
  id: number;
  telegram_chat_id: bigint;
  kind: string;
  text: string | null;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  broadcast_id: number | null;
}

export interface Claim {
  messages: ClaimedMessage[];
  /** The rate limit left nothing to claim: a slot frees in this many ms. */
  rateLimitedForMs: number | null;
}

type Outcome =
  | { status: "SENT"; telegramMessageId: bigint | null }
  | { status: "PENDING"; delayMs: number; error: string; attemptGivenBack: boolean }
  | { status: "FAILED"; error: string };

/** The share of the rate broadcasts may use; the rest stays free for personal messages. */
export function broadcastRate(ratePerSecond: number): number {
  return Math.max(1, ratePerSecond - Math.max(1, Math.floor(ratePerSecond / 5)));
}

export function retryDelayMs(retryBaseMs: number, attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, retryBaseMs * 2 ** Math.max(0, attempt - 1));
}

export function createOutbox({ prisma, sender, settings, log = () => {} }: OutboxDependencies) {
  /**
   * Claims up to `wanted` due PENDING rows matching `where`, within `allowance` claims per
   * second across every worker.
   */
  async function claim(where: Prisma.Sql, wanted: number, allowance = settings.ratePerSecond): Promise<Claim> {
    return prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RATE_LOCK}::int)`;
      const [window] = await tx.$queryRaw<Array<{ used: number; frees_in_ms: number | null }>>`
        SELECT count(*)::int AS used,
               ceil(extract(epoch FROM min(send_after) - (clock_timestamp() + ${LEASE}::interval - interval '1 second')) * 1000)::int AS frees_in_ms
          FROM telegram_messages
         WHERE status IN ('SENDING', 'SENT', 'FAILED')
           AND send_after > clock_timestamp() + ${LEASE}::interval - interval '1 second'`;
      const limit = Math.min(wanted, allowance - window!.used);
      if (limit <= 0) return { messages: [], rateLimitedForMs: Math.min(1000, Math.max(20, window!.frees_in_ms ?? 1000)) };
      const messages = await tx.$queryRaw<ClaimedMessage[]>`
        WITH picked AS (
          SELECT id FROM telegram_messages
           WHERE status = 'PENDING' AND send_after <= clock_timestamp() AND ${where}
           ORDER BY send_after, id
           LIMIT ${limit}
           FOR UPDATE SKIP LOCKED)
        UPDATE telegram_messages m
           SET status = 'SENDING', attempts = m.attempts + 1,
               send_after = clock_timestamp() + ${LEASE}::interval, updated_at = clock_timestamp()
          FROM picked WHERE m.id = picked.id
        RETURNING m.id, m.telegram_chat_id, m.kind, m.text, m.payload, m.attempts, m.max_attempts, m.broadcast_id`;
      return { messages, rateLimitedForMs: null };
    });
  }

  async function attempt(message: ClaimedMessage): Promise<Outcome> {
    try {
      const { telegramMessageId } = await sender.send({
        chatId: message.telegram_chat_id,
        kind: message.kind,
        text: message.text,
        payload: message.payload,
      });
      return { status: "SENT", telegramMessageId };
    } catch (error) {
      const apiError = error instanceof BotApiError ? error : null;
      const description = (apiError ? `${apiError.errorCode || "no answer"}: ${apiError.description}` : String(error)).slice(0, 500);
      if (apiError?.errorCode === 429) {
        const seconds = Math.max(1, apiError.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
        return { status: "PENDING", delayMs: seconds * 1000, error: description, attemptGivenBack: true };
      }
      // Blocked by the user, chat not found, a bad request: another try gets the same answer.
      if (apiError && !apiError.retryable) return { status: "FAILED", error: description };
      if (message.attempts >= message.max_attempts) return { status: "FAILED", error: description };
      return {
        status: "PENDING",
        delayMs: retryDelayMs(settings.retryBaseMs, message.attempts),
        error: description,
        attemptGivenBack: false,
      };
    }
  }

  /**
   * Sends claimed rows (at once: the claim already respected the rate) and records each
   * outcome, the broadcasts' counts and the personal messages' next jobs in one transaction.
   */
  async function sendClaimed(messages: ClaimedMessage[]): Promise<Array<{ id: number; status: Outcome["status"] }>> {
    if (messages.length === 0) return [];
    const outcomes = await Promise.all(messages.map(async (message) => ({ message, outcome: await attempt(message) })));
    await prisma.$transaction(async (tx) => {
      const counts = new Map<number, { sent: number; failed: number }>();
      for (const { message, outcome } of outcomes) {
        // Only the claim this worker holds: a row the sweep took back meanwhile is not touched.
        const mine = Prisma.sql`id = ${message.id} AND status = 'SENDING' AND attempts = ${message.attempts}::int`;
        let changed: number;
        if (outcome.status === "SENT") {
          changed = await tx.$executeRaw`
            UPDATE telegram_messages SET status = 'SENT', sent_at = clock_timestamp(), telegram_message_id = ${outcome.telegramMessageId},
                   error_message = NULL, updated_at = clock_timestamp()
             WHERE ${mine}`;
        } else if (outcome.status === "PENDING") {
          changed = await tx.$executeRaw`
            UPDATE telegram_messages SET status = 'PENDING', error_message = ${outcome.error},
                   attempts = attempts - ${outcome.attemptGivenBack ? 1 : 0}::int,
                   send_after = clock_timestamp() + make_interval(secs => ${outcome.delayMs / 1000}::float8), updated_at = clock_timestamp()
             WHERE ${mine}`;
          if (changed && message.broadcast_id === null) await queueMessageJob(tx, message.id, outcome.delayMs);
        } else {
          changed = await tx.$executeRaw`
            UPDATE telegram_messages SET status = 'FAILED', error_message = ${outcome.error}, updated_at = clock_timestamp()
             WHERE ${mine}`;
        }
        if (changed && message.broadcast_id !== null && outcome.status !== "PENDING") {
          const count = counts.get(message.broadcast_id) ?? { sent: 0, failed: 0 };
          count[outcome.status === "SENT" ? "sent" : "failed"]++;
          counts.set(message.broadcast_id, count);
        }
      }
      for (const [broadcastId, { sent, failed }] of counts) {
        await tx.$executeRaw`
          UPDATE telegram_broadcasts SET sent_count = sent_count + ${sent}::int, failed_count = failed_count + ${failed}::int, updated_at = now()
           WHERE id = ${broadcastId}`;
      }
    });
    for (const { message, outcome } of outcomes) {
      if (outcome.status !== "SENT")
        log(
          `telegram message ${message.id} (${message.kind}) ${outcome.status === "FAILED" ? "failed" : "will be retried"}: ${outcome.error}`,
        );
    }
    return outcomes.map(({ message, outcome }) => ({ id: message.id, status: outcome.status }));
  }

  /** telegram:send — one personal message; re-queues itself while it is not due or the rate is used up. */
  async function deliverMessage(messageId: number): Promise<"SENT" | "PENDING" | "FAILED" | "SKIPPED"> {
    const row = await prisma.telegramMessage.findUnique({ where: { id: messageId }, select: { status: true, sendAfter: true } });
    if (row?.status !== "PENDING") return "SKIPPED";
    const waitMs = row.sendAfter.getTime() - Date.now();
    if (waitMs > 0) {
      await queueMessageJob(prisma, messageId, waitMs);
      return "PENDING";
    }
    const { messages, rateLimitedForMs } = await claim(Prisma.sql`id = ${messageId}`, 1);
    if (rateLimitedForMs !== null) {
      await queueMessageJob(prisma, messageId, rateLimitedForMs);
      return "PENDING";
    }
    // Another worker claimed it first.
    if (messages.length === 0) return "SKIPPED";
    const [result] = await sendClaimed(messages);
    return result!.status;
  }

  /**
   * Rows whose worker died mid-send (lease over) go back to PENDING, or FAILED on their
   * last attempt; personal PENDING rows whose queue job is gone are queued again.
   */
  async function sweepMessages(): Promise<{ reclaimed: number; requeued: number }> {
    return prisma.$transaction(async (tx) => {
      const stuck = await tx.$queryRaw<Array<{ id: number; broadcast_id: number | null; failed: boolean }>>`
        WITH stuck AS (
          SELECT id FROM telegram_messages
           WHERE status = 'SENDING' AND send_after < clock_timestamp()
           ORDER BY send_after LIMIT 500
           FOR UPDATE SKIP LOCKED)
        UPDATE telegram_messages m
           SET status = (CASE WHEN m.attempts >= m.max_attempts THEN 'FAILED' ELSE 'PENDING' END)::telegram_message_status,
               error_message = 'the worker stopped while sending', send_after = clock_timestamp(), updated_at = clock_timestamp()
          FROM stuck WHERE m.id = stuck.id
        RETURNING m.id, m.broadcast_id, m.status = 'FAILED' AS failed`;
      for (const row of stuck) {
        if (row.broadcast_id !== null && row.failed) {
          await tx.$executeRaw`UPDATE telegram_broadcasts SET failed_count = failed_count + 1, updated_at = now() WHERE id = ${row.broadcast_id}`;
        }
      }
      const lost = await tx.$queryRaw<Array<{ id: number }>>`
        SELECT m.id FROM telegram_messages m
         WHERE m.status = 'PENDING' AND m.broadcast_id IS NULL AND m.send_after < clock_timestamp() - interval '30 seconds'
           AND NOT EXISTS (
                 SELECT 1 FROM graphile_worker.jobs q
                  WHERE q.key = 'telegram:message:' || m.id AND q.attempts < q.max_attempts
                    AND (q.locked_at IS NULL OR q.locked_at > now() - interval '5 minutes'))
         ORDER BY m.send_after LIMIT 500`;
      const personal = [
        ...stuck.filter((row) => row.broadcast_id === null && !row.failed).map((row) => row.id),
        ...lost.map((row) => row.id),
      ];
      for (const id of personal) await queueMessageJob(tx, id);
      return { reclaimed: stuck.length, requeued: lost.length };
    });
  }

  return { claim, sendClaimed, deliverMessage, sweepMessages };
}

export type Outbox = ReturnType<typeof createOutbox>;
