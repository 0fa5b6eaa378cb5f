// Adding a job to graphile-worker from SQL, inside the caller's Prisma transaction: the
// job commits (or rolls back) with the state change that asked for it. A job key makes
// adding it again replace the waiting job instead of duplicating it.
import type { Prisma, PrismaClient } from "./prisma.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/** Unexpected errors (a provider down, the database gone) are retried by graphile-worker, this often. */
export const DEFAULT_MAX_ATTEMPTS = 10;

export interface Job {
  task: string;
  payload: Record<string, unknown>;
  /** One waiting job per key. */
  key?: string;
  /** Run this long from now (default: at once). */
  delayMs?: number;
  maxAttempts?: number;
  /** Keep the run time of a job already waiting under the key; default: replace it. */
  preserveRunAt?: boolean;
}

/** Adds (or replaces) one queue job, in `db`'s transaction when it is one. */
export async function addJob(
  db: Db,
  { task, payload, key, delayMs = 0, maxAttempts = DEFAULT_MAX_ATTEMPTS, preserveRunAt = false }: Job,
): Promise<void> {
  await db.$executeRaw`
    SELECT NULL FROM graphile_worker.add_job(
      ${task}::text,
      ${JSON.stringify(payload)}::json,
      run_at := clock_timestamp() + make_interval(secs => ${Math.max(0, delayMs) / 1000}::float8),
      max_attempts := ${maxAttempts}::int,
      job_key := ${key ?? null}::text,
      job_key_mode := ${preserveRunAt ? "preserve_run_at" : "replace"}::text
    )`;
}
