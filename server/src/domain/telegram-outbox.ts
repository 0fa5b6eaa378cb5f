// The Telegram outbox's queue jobs, written by the domain and run by the worker's
// Telegram adapter (telegram/tasks.ts). They are added always inside the caller's
// transaction (db/job-queue.ts), keyed, so an outbox row and its job commit together and
// adding one again replaces the waiting job instead of duplicating it.
import type { Prisma, PrismaClient } from "../db/prisma.ts";
import { addJob } from "../db/job-queue.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export const TELEGRAM_TASK = {
  /** `{ messageId }`: sends one outbox message (not a broadcast's). */
  send: "telegram:send",
  /** `{ broadcastId, afterUserId?, queued? }`: queues a broadcast's recipients in batches, then sends them. */
  broadcast: "telegram:broadcast",
  /** Cron: starts due scheduled broadcasts, takes back stuck messages, re-queues lost jobs. */
  sweep: "telegram:sweep",
} as const;

export const telegramJobKeys = {
  message: (id: number) => `telegram:message:${id}`,
  broadcast: (id: number) => `telegram:broadcast:${id}`,
};

export interface BroadcastJob {
  broadcastId: number;
  /** Recipients are queued in user id order: the last user id queued so far. */
  afterUserId?: number;
  /** Every recipient is in the outbox: only sending is left. */
  queued?: boolean;
}

export function queueMessageJob(db: Db, messageId: number, delayMs = 0) {
  return addJob(db, { task: TELEGRAM_TASK.send, payload: { messageId }, key: telegramJobKeys.message(messageId), delayMs });
}

export function queueBroadcastJob(db: Db, job: BroadcastJob, delayMs = 0) {
  return addJob(db, { task: TELEGRAM_TASK.broadcast, payload: { ...job }, key: telegramJobKeys.broadcast(job.broadcastId), delayMs });
}
