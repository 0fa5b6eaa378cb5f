// Enqueueing generation work on graphile-worker from SQL, inside the caller's Prisma
// transaction: the queue entry commits (or rolls back) with the state change that asked
// for it. Every job has a key, so adding it again replaces the waiting one instead of
// duplicating it (graphile-worker: a key whose job is already running gets a new job).
import type { Prisma, PrismaClient } from "../db/prisma.ts";
import { addJob, DEFAULT_MAX_ATTEMPTS } from "../db/job-queue.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export const TASK = {
  start: "generation:start",
  submit: "generation:submit",
  poll: "generation:poll",
  sweep: "generation:sweep",
} as const;

export type GenerationTaskName = (typeof TASK)[keyof typeof TASK];

export interface StartPayload {
  jobId: number;
}

export interface SubmitPayload {
  taskId: number;
  /** How many times this submission already waited for a free slot (its delay grows). */
  waits?: number;
}

export interface PollPayload {
  taskId: number;
}

/** Unexpected errors (database down…) are retried by graphile-worker itself, this often. */
export const QUEUE_MAX_ATTEMPTS = DEFAULT_MAX_ATTEMPTS;

export const jobKeys = {
  start: (jobId: number) => `generation:${jobId}`,
  submit: (taskId: number) => `generation:submit:${taskId}`,
  poll: (taskId: number) => `generation:poll:${taskId}`,
};

export interface Enqueue {
  task: GenerationTaskName;
  payload: StartPayload | SubmitPayload | PollPayload;
  key: string;
  /** Run this long from now (default: at once). */
  delayMs?: number;
  /** Keep the run time of a job already waiting under the key (resume); default: replace it. */
  preserveRunAt?: boolean;
}

/** Adds (or replaces) one generation job, in `db`'s transaction when it is one. */
export async function enqueue(db: Db, { task, payload, key, delayMs = 0, preserveRunAt = false }: Enqueue): Promise<void> {
  await addJob(db, { task, payload: { ...payload }, key, delayMs, preserveRunAt, maxAttempts: QUEUE_MAX_ATTEMPTS });
}

/**
 * Queues a submission for each of `taskIds` at once (one statement), keyed per task.
 * With `preserveRunAt`, a submission already waiting (e.g. a retry's backoff) keeps its time.
 */
export async function enqueueSubmits(db: Db, taskIds: number[], { preserveRunAt = false } = {}): Promise<void> {
  if (taskIds.length === 0) return;
  await db.$executeRaw`
    SELECT NULL FROM graphile_worker.add_jobs(
      ARRAY(
        SELECT ROW(${TASK.submit}::text, json_build_object('taskId', id), NULL, clock_timestamp(),
                   ${QUEUE_MAX_ATTEMPTS}::int, 'generation:submit:' || id, NULL, NULL)::graphile_worker.job_spec
        FROM unnest(${taskIds}::int[]) AS id
      ),
      ${preserveRunAt}::boolean
    )`;
}

/** Queues a poll for each of `taskIds` at once, keyed per task. */
export async function enqueuePolls(db: Db, taskIds: number[], { preserveRunAt = false } = {}): Promise<void> {
  if (taskIds.length === 0) return;
  await db.$executeRaw`
    SELECT NULL FROM graphile_worker.add_jobs(
      ARRAY(
        SELECT ROW(${TASK.poll}::text, json_build_object('taskId', id), NULL, clock_timestamp(),
                   ${QUEUE_MAX_ATTEMPTS}::int, 'generation:poll:' || id, NULL, NULL)::graphile_worker.job_spec
        FROM unnest(${taskIds}::int[]) AS id
      ),
      ${preserveRunAt}::boolean
    )`;
}
