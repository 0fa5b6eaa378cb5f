// The generation pipeline: what each queue job does. Every step reads the task's state
// from the database and changes it with a conditional UPDATE, so a step that runs twice
// (a retried queue job, a worker killed and restarted, a callback racing a poll) changes
// nothing the second time. Events are published after the transaction that caused them.
//
//   generation:start  {jobId}   job PENDING → PROCESSING; queues a submission per task
//   generation:submit {taskId}  claims a provider slot (GENERATION_CONCURRENCY across all
//                               workers), submits, queues the first poll
//   generation:poll   {taskId}  follows the provider with backoff; saves the result as a
//                               photo, or counts a failed attempt (retry or FAILED);
//                               a task past GENERATION_TASK_TIMEOUT_SECONDS fails its attempt
//   generation:sweep  (cron)    queues again work whose queue job a dead worker still holds
//
// Task states: PENDING (waiting to be submitted) → SUBMITTED (slot claimed; provider id
// once accepted) → PROCESSING (the provider is working) → SUCCEEDED | FAILED. `attempts`
// counts submissions; a failed attempt below max_attempts goes back to PENDING.
import type { Config } from "../config.ts";
import type { Prisma, PrismaClient } from "../db/prisma.ts";
import { settleJob as settleJobState, type FailedGenerationPayment } from "../domain/generation.ts";
import { notifyGenerationSettled } from "../domain/notifications.ts";
import { publishAll, type EventBus, type PendingEvent } from "../events/pubsub.ts";
import type { Storage } from "../storage/storage.ts";
import { ProviderError, type ImageProvider, type SubmitRequest } from "./providers/provider.ts";
import { enqueue, enqueuePolls, enqueueSubmits, jobKeys, TASK } from "./queue.ts";

export type GenerationSettings = Config["generation"];

export interface PipelineDependencies {
  prisma: PrismaClient;
  storage: Storage;
  provider: ImageProvider;
  events: EventBus;
  settings: GenerationSettings;
  log?: (line: string) => void;
}

/** How many reference photos go to the provider with each task. */
const REFERENCE_IMAGES_PER_TASK = 8;
/** A provider call that takes longer than this counts as a retryable failure. */
const PROVIDER_CALL_TIMEOUT_MS = 60_000;
/** Serialises the "count in-flight tasks, then claim one" step across all workers. */
const SLOT_LOCK_KEY = 0x5067_6c73; // "Pgls"

type Tx = Prisma.TransactionClient;

/** A queue job locked this long belongs to a worker that died (every step is far shorter). */
export const STUCK_AFTER_MS = 3 * PROVIDER_CALL_TIMEOUT_MS;

const TRANSACTION = { maxWait: 10_000, timeout: 20_000 } as const;

/** Settles a job; when it ended, its owner's Telegram notification is queued in the same transaction. */
async function settleJob(tx: Tx, jobId: number, failedPayment: FailedGenerationPayment) {
  const settled = await settleJobState(tx, jobId, failedPayment);
  if (settled.outcome) await notifyGenerationSettled(tx, jobId, settled.outcome, failedPayment);
  return settled;
}

interface TaskRow {
  id: number;
  jobId: number;
  status: "PENDING" | "SUBMITTED" | "PROCESSING" | "SUCCEEDED" | "FAILED";
  attempts: number;
  maxAttempts: number;
  providerTaskId: string | null;
  submittedAt: Date | null;
}

const taskSelect = {
  id: true,
  jobId: true,
  status: true,
  attempts: true,
  maxAttempts: true,
  providerTaskId: true,
  submittedAt: true,
} as const;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ProviderError(`${what} took longer than ${PROVIDER_CALL_TIMEOUT_MS} ms`, true)),
      PROVIDER_CALL_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeError(error: unknown): { message: string; retryable: boolean; retryAfterMs?: number } {
  if (error instanceof ProviderError) return { message: error.message, retryable: error.retryable, retryAfterMs: error.retryAfterMs };
  return { message: error instanceof Error ? error.message : String(error), retryable: true };
}

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/** Where a task's photo is stored. */
export function photoKey(avatarId: number, jobId: number, taskId: number, contentType = "image/png"): string {
  return `generated/${avatarId}/${jobId}/${taskId}.${EXTENSIONS[contentType] ?? "png"}`;
}

export function createPipeline(deps: PipelineDependencies) {
  const { prisma, storage, provider, events, settings } = deps;
  const log = deps.log ?? (() => {});

  const publish = (pending: PendingEvent[]) => {
    if (pending.length) publishAll(events, pending);
  };

  /** Delay before the next poll: half the task's age (so ×1.5 per poll), within the limits. */
  function pollDelay(task: Pick<TaskRow, "submittedAt">, now = Date.now()): number {
    const age = task.submittedAt ? now - task.submittedAt.getTime() : 0;
    const delay = Math.min(Math.max(age / 2, settings.pollInitialMs), settings.pollMaxMs);
    // Never sleep past the task's deadline: a stale task is noticed on time.
    const deadline = task.submittedAt ? task.submittedAt.getTime() + settings.taskTimeoutMs - now : delay;
    return Math.max(0, Math.min(delay, deadline + 50));
  }

  function retryDelay(attempts: number, retryAfterMs = 0): number {
    return Math.max(settings.retryBaseMs * 2 ** Math.max(0, attempts - 1), retryAfterMs);
  }

  /**
   * One failed attempt of a task (the provider failed it, refused it, or it went stale):
   * back to PENDING with a delayed resubmission while attempts remain and the failure
   * is retryable, else FAILED. Only the attempt the caller saw is failed (`attempts`
   * and the status are re-checked on the locked row), so two reports of one failure
   * count once. The job is settled in the same transaction.
   */
  async function failAttempt(
    task: TaskRow,
    error: string,
    { retryable = true, retryAfterMs }: { retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    const pending = await prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ attempts: number; max_attempts: number }[]>`
        SELECT attempts, max_attempts FROM generation_tasks
         WHERE id = ${task.id} AND attempts = ${task.attempts} AND status IN ('SUBMITTED', 'PROCESSING')
           FOR NO KEY UPDATE`;
      if (!row) return [];
      const attemptsLeft = row.attempts < row.max_attempts;
      if (retryable && attemptsLeft) {
        const delayMs = retryDelay(row.attempts, retryAfterMs);
        await tx.generationTask.update({
          where: { id: task.id },
          data: {
            status: "PENDING",
            providerTaskId: null,
            errorMessage: `${error} (attempt ${row.attempts} of ${row.max_attempts}; retrying)`,
            nextPollAt: null,
          },
        });
        await enqueue(tx, { task: TASK.submit, payload: { taskId: task.id }, key: jobKeys.submit(task.id), delayMs });
        return [{ channel: "generation:job", args: [task.jobId, { jobId: task.jobId }] }] satisfies PendingEvent[];
      }
      await tx.generationTask.update({
        where: { id: task.id },
        data: {
          status: "FAILED",
          errorMessage: `${error} (attempt ${row.attempts} of ${row.max_attempts})`,
          nextPollAt: null,
          completedAt: new Date(),
        },
      });
      return (await settleJob(tx, task.jobId, settings.failedPayment)).events;
    }, TRANSACTION);
    publish(pending);
  }

  /** generation:start — the job starts; every unfinished task gets its queue job. */
  async function startJob(jobId: number): Promise<void> {
    const pending = await prisma.$transaction(async (tx) => {
      const started = await tx.$queryRaw<{ was: string }[]>`
        UPDATE generation_jobs j SET status = 'PROCESSING', started_at = coalesce(j.started_at, now()), updated_at = now()
          FROM (SELECT id, status::text AS was FROM generation_jobs WHERE id = ${jobId} FOR NO KEY UPDATE) old
         WHERE j.id = old.id AND j.status IN ('PENDING', 'PROCESSING')
        RETURNING old.was`;
      if (!started[0]) return [];
      await scheduleUnfinishedTasks(tx, [jobId]);
      return started[0].was === "PENDING" ? ([{ channel: "generation:job", args: [jobId, { jobId }] }] satisfies PendingEvent[]) : [];
    }, TRANSACTION);
    publish(pending);
  }

  /**
   * Queues what each unfinished task of `jobIds` needs next: a submission (PENDING) or
   * a poll (SUBMITTED, PROCESSING). Keyed per task, with the run time of a job already
   * waiting kept, so nothing is duplicated; a key whose job is locked (by a worker that
   * died) gets a fresh job.
   */
  async function scheduleUnfinishedTasks(tx: Tx, jobIds: number[]) {
    const tasks = await tx.generationTask.findMany({
      where: { jobId: { in: jobIds }, status: { in: ["PENDING", "SUBMITTED", "PROCESSING"] } },
      select: { id: true, status: true },
      orderBy: [{ jobId: "asc" }, { promptIndex: "asc" }],
    });
    await enqueueSubmits(
      tx,
      tasks.filter((t) => t.status === "PENDING").map((t) => t.id),
      { preserveRunAt: true },
    );
    await enqueuePolls(
      tx,
      tasks.filter((t) => t.status !== "PENDING").map((t) => t.id),
      { preserveRunAt: true },
    );
  }

  async function referenceImageUrls(jobId: number): Promise<string[]> {
    const job = await prisma.generationJob.findUnique({
      where: { id: jobId },
      select: {
        avatar: {
          select: {
            referencePhotos: {
              select: { imageUrl: true },
              orderBy: [{ createdAt: "asc" }, { id: "asc" }],
              take: REFERENCE_IMAGES_PER_TASK,
            },
          },
        },
      },
    });
    return job?.avatar.referencePhotos.map((p) => p.imageUrl) ?? [];
  }

  /** generation:submit — claim a slot, submit, queue the first poll. */
  async function submitTask(taskId: number, waits = 0): Promise<void> {
    // 1. Claim: count tasks in flight everywhere and take a slot, under one advisory lock.
    const settled: PendingEvent[] = [];
    const claimed = await prisma.$transaction(async (tx) => {
      const [task] = await tx.$queryRaw<
        { status: string; attempts: number; max_attempts: number; job_status: string; prompt: string; job_id: number }[]
      >`
        SELECT t.status::text AS status, t.attempts, t.max_attempts, j.status::text AS job_status, t.prompt, t.job_id
          FROM generation_tasks t JOIN generation_jobs j ON j.id = t.job_id
         WHERE t.id = ${taskId} FOR NO KEY UPDATE OF t`;
      if (!task || task.status !== "PENDING" || task.job_status !== "PROCESSING") return null;
      if (task.attempts >= task.max_attempts) {
        // Defensive: a PENDING task without attempts left cannot be submitted again.
        await tx.generationTask.update({ where: { id: taskId }, data: { status: "FAILED", completedAt: new Date() } });
        settled.push(...(await settleJob(tx, task.job_id, settings.failedPayment)).events);
        return null;
      }
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SLOT_LOCK_KEY}::bigint)`;
      const [slots] = await tx.$queryRaw<{ inFlight: number }[]>`
        SELECT count(*)::int AS "inFlight" FROM generation_tasks WHERE status IN ('SUBMITTED', 'PROCESSING')`;
      const inFlight = slots?.inFlight ?? 0;
      if (inFlight >= settings.concurrency) {
        // Full: wait a little (longer each time, with jitter) and try again.
        const delayMs = Math.min(settings.pollInitialMs * 1.5 ** Math.min(waits, 10), settings.pollMaxMs) * (0.75 + Math.random() / 2);
        await enqueue(tx, { task: TASK.submit, payload: { taskId, waits: waits + 1 }, key: jobKeys.submit(taskId), delayMs });
        return null;
      }
      const row = await tx.generationTask.update({
        where: { id: taskId },
        data: { status: "SUBMITTED", attempts: { increment: 1 }, providerTaskId: null, submittedAt: new Date(), nextPollAt: null },
        select: taskSelect,
      });
      // Safety net: if this worker dies before the provider answers, this poll finds the
      // task stale at its deadline and fails the attempt (replaced by the first real poll).
      await enqueue(tx, { task: TASK.poll, payload: { taskId }, key: jobKeys.poll(taskId), delayMs: settings.taskTimeoutMs + 100 });
      return { task: row, prompt: task.prompt };
    }, TRANSACTION);
    publish(settled);
    if (!claimed) return;
    const { task, prompt } = claimed;

    // 2. Submit, outside any transaction.
    let providerTaskId: string;
    try {
      const request: SubmitRequest & { attempt: number } = {
        taskId,
        prompt,
        referenceImageUrls: await referenceImageUrls(task.jobId),
        attempt: task.attempts,
      };
      ({ providerTaskId } = await withTimeout(provider.submit(request), "submitting to the provider"));
    } catch (error) {
      const { message, retryable, retryAfterMs } = describeError(error);
      log(`task ${taskId}: submission failed: ${message}`);
      await failAttempt(task, `The provider refused the task: ${message}`, { retryable, retryAfterMs });
      return;
    }

    // 3. Record the provider's id and queue the first poll (if the task is still ours).
    await prisma.$transaction(async (tx) => {
      const delayMs = pollDelay(task);
      const updated = await tx.generationTask.updateMany({
        where: { id: taskId, status: "SUBMITTED", attempts: task.attempts, providerTaskId: null },
        data: { providerTaskId, nextPollAt: new Date(Date.now() + delayMs) },
      });
      if (updated.count === 1) await enqueue(tx, { task: TASK.poll, payload: { taskId }, key: jobKeys.poll(taskId), delayMs });
    }, TRANSACTION);
  }

  async function reschedulePoll(task: TaskRow, delayMs: number, markProcessing = false) {
    await prisma.$transaction(async (tx) => {
      const updated = await tx.generationTask.updateMany({
        where: { id: task.id, attempts: task.attempts, status: { in: ["SUBMITTED", "PROCESSING"] } },
        data: { nextPollAt: new Date(Date.now() + delayMs), ...(markProcessing ? { status: "PROCESSING" } : {}) },
      });
      if (updated.count === 1) await enqueue(tx, { task: TASK.poll, payload: { taskId: task.id }, key: jobKeys.poll(task.id), delayMs });
    }, TRANSACTION);
  }

  /** generation:poll — ask the provider; save, retry, fail or wait. */
  async function pollTask(taskId: number): Promise<void> {
    const task = await prisma.generationTask.findUnique({ where: { id: taskId }, select: taskSelect });
    if (!task || (task.status !== "SUBMITTED" && task.status !== "PROCESSING")) return;
    const age = task.submittedAt ? Date.now() - task.submittedAt.getTime() : Number.POSITIVE_INFINITY;
    const stale = age >= settings.taskTimeoutMs;
    const timeoutMessage = `No answer from the provider within ${Math.round(settings.taskTimeoutMs / 1000)} s`;

    if (!task.providerTaskId) {
      // Claimed, but the provider's answer was never recorded (the worker died mid-submit).
      if (stale) await failAttempt(task, timeoutMessage);
      else await reschedulePoll(task, settings.taskTimeoutMs - age + 50);
      return;
    }

    let state;
    try {
      state = await withTimeout(provider.check(task.providerTaskId), "checking the task");
    } catch (error) {
      const { message, retryable, retryAfterMs } = describeError(error);
      log(`task ${taskId}: check failed: ${message}`);
      if (stale) await failAttempt(task, `${timeoutMessage} (last error: ${message})`);
      else if (retryable) await reschedulePoll(task, Math.max(pollDelay(task), retryAfterMs ?? 0));
      else await failAttempt(task, `The provider lost the task: ${message}`);
      return;
    }

    if (state.state === "pending") {
      if (stale) await failAttempt(task, timeoutMessage);
      else await reschedulePoll(task, pollDelay(task), task.status === "SUBMITTED");
      return;
    }
    if (state.state === "failed") {
      await failAttempt(task, `The provider failed the task: ${state.error}`, { retryable: state.retryable });
      return;
    }
    await saveResult(task, task.providerTaskId, state.resultUrls);
  }

  /**
   * The provider finished: copy the image into our storage (its URLs expire), then in one
   * transaction the photo (task_id unique: at most one per task), the task SUCCEEDED and
   * the job settled. The storage key is fixed per task, so a second run overwrites the
   * same file rather than leaving another.
   */
  async function saveResult(task: TaskRow, providerTaskId: string, resultUrls: string[]) {
    const url = resultUrls[0];
    if (!url) {
      await failAttempt(task, "The provider finished without an image");
      return;
    }
    const job = await prisma.generationJob.findUnique({
      where: { id: task.jobId },
      select: { id: true, avatarId: true, styleId: true, packId: true },
    });
    if (!job) return;
    let image;
    try {
      image = await withTimeout(provider.fetchResult(url), "downloading the result");
    } catch (error) {
      const { message, retryable, retryAfterMs } = describeError(error);
      log(`task ${task.id}: download failed: ${message}`);
      const stale = task.submittedAt !== null && Date.now() - task.submittedAt.getTime() >= settings.taskTimeoutMs;
      if (retryable && !stale) await reschedulePoll(task, Math.max(pollDelay(task), retryAfterMs ?? 0));
      else await failAttempt(task, `The result could not be downloaded: ${message}`);
      return;
    }
    const key = photoKey(job.avatarId, job.id, task.id, image.contentType);
    await storage.put(key, image.bytes, image.contentType);
    const imageUrl = storage.publicUrl(key);

    const pending = await prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ prompt: string; prompt_index: number }[]>`
        UPDATE generation_tasks
           SET status = 'SUCCEEDED', result_url = ${imageUrl}, completed_at = now(), next_poll_at = NULL,
               error_message = NULL, updated_at = now()
         WHERE id = ${task.id} AND provider_task_id = ${providerTaskId} AND status IN ('SUBMITTED', 'PROCESSING')
        RETURNING prompt, prompt_index`;
      if (!row) return [];
      const styleId = job.styleId ?? (job.packId !== null ? await packPromptStyle(tx, job.packId, row.prompt_index) : null);
      const [photo] = await tx.generatedPhoto.createManyAndReturn({
        data: [{ avatarId: job.avatarId, jobId: job.id, taskId: task.id, styleId, prompt: row.prompt, imageUrl }],
        skipDuplicates: true,
        select: { id: true },
      });
      const photoId = photo?.id ?? (await tx.generatedPhoto.findUnique({ where: { taskId: task.id }, select: { id: true } }))?.id;
      const settled = await settleJob(tx, job.id, settings.failedPayment);
      // The photo's event carries its id; a job this photo finished adds its final events after it.
      const photoEvent: PendingEvent = { channel: "generation:job", args: [job.id, { jobId: job.id, ...(photoId ? { photoId } : {}) }] };
      const avatarEvent: PendingEvent = { channel: "avatar", args: [job.avatarId, { avatarId: job.avatarId }] };
      return settled.outcome ? [photoEvent, ...settled.events] : [photoEvent, avatarEvent];
    }, TRANSACTION);
    publish(pending);
  }

  /**
   * After a restart: queue again what every unfinished job needs (graphile-worker frees a
   * dead worker's locked jobs only after hours). Keys make this safe to run any time.
   */
  async function resume(): Promise<{ jobs: number; tasks: number }> {
    return prisma
      .$transaction(
        async (tx) => {
          const jobs = await tx.generationJob.findMany({
            where: { status: { in: ["PENDING", "PROCESSING"] } },
            select: { id: true, status: true },
          });
          const pendingJobs = jobs.filter((j) => j.status === "PENDING").map((j) => j.id);
          const processing = jobs.filter((j) => j.status === "PROCESSING").map((j) => j.id);
          for (const jobId of pendingJobs) {
            await enqueue(tx, { task: TASK.start, payload: { jobId }, key: jobKeys.start(jobId), preserveRunAt: true });
          }
          await scheduleUnfinishedTasks(tx, processing);
          const tasks = await tx.generationTask.count({
            where: { jobId: { in: processing }, status: { in: ["PENDING", "SUBMITTED", "PROCESSING"] } },
          });
          // A PROCESSING job with every task final (should not happen: the last task settles it).
          const settledEvents: PendingEvent[] = [];
          for (const jobId of processing) {
            const open = await tx.generationTask.count({ where: { jobId, status: { in: ["PENDING", "SUBMITTED", "PROCESSING"] } } });
            if (open === 0) settledEvents.push(...(await settleJob(tx, jobId, settings.failedPayment)).events);
          }
          return { jobs: jobs.length, tasks, settledEvents };
        },
        { maxWait: 10_000, timeout: 120_000 },
      )
      .then(({ settledEvents, ...counts }) => {
        publish(settledEvents);
        return counts;
      });
  }

  /**
   * generation:sweep (cron, every minute, on one worker): work whose queue job vanished
   * or is stuck — locked for longer than any step takes (a worker that died while others
   * kept running, so no restart resumed it), or failed for good — is queued again.
   */
  async function sweep(): Promise<{ tasks: number; jobs: number }> {
    const stuck = `${Math.round(STUCK_AFTER_MS / 1000)} seconds`;
    const pending = await prisma.$transaction(async (tx) => {
      const tasks = await tx.$queryRaw<{ id: number; status: string }[]>`
        SELECT t.id, t.status::text AS status
          FROM generation_tasks t JOIN generation_jobs j ON j.id = t.job_id
         WHERE j.status = 'PROCESSING' AND t.status IN ('PENDING', 'SUBMITTED', 'PROCESSING')
           AND NOT EXISTS (
                 SELECT 1 FROM graphile_worker.jobs q
                  WHERE q.key = (CASE WHEN t.status = 'PENDING' THEN 'generation:submit:' ELSE 'generation:poll:' END) || t.id
                    AND q.attempts < q.max_attempts
                    AND (q.locked_at IS NULL OR q.locked_at > now() - ${stuck}::interval))`;
      await enqueueSubmits(
        tx,
        tasks.filter((t) => t.status === "PENDING").map((t) => t.id),
      );
      await enqueuePolls(
        tx,
        tasks.filter((t) => t.status !== "PENDING").map((t) => t.id),
      );
      const jobs = await tx.$queryRaw<{ id: number }[]>`
        SELECT j.id FROM generation_jobs j
         WHERE j.status = 'PENDING'
           AND NOT EXISTS (
                 SELECT 1 FROM graphile_worker.jobs q
                  WHERE q.key = 'generation:' || j.id AND q.attempts < q.max_attempts
                    AND (q.locked_at IS NULL OR q.locked_at > now() - ${stuck}::interval))`;
      for (const { id: jobId } of jobs) {
        await enqueue(tx, { task: TASK.start, payload: { jobId }, key: jobKeys.start(jobId) });
      }
      return { tasks: tasks.length, jobs: jobs.length };
    }, TRANSACTION);
    if (pending.tasks || pending.jobs) log(`sweep: queued ${pending.tasks} stalled task(s) and ${pending.jobs} job(s) again`);
    return pending;
  }

  return { startJob, submitTask, pollTask, resume, sweep, failAttempt, pollDelay };
}

export type Pipeline = ReturnType<typeof createPipeline>;

/** The style of a pack job's photo: that of the prompt at its position. */
async function packPromptStyle(tx: Tx, packId: number, promptIndex: number) {
  const items = await tx.packItem.findMany({
    where: { packId, prompt: { isActive: true } },
    orderBy: { position: "asc" },
    select: { prompt: { select: { styleId: true } } },
  });
  return items.length ? (items[promptIndex % items.length]!.prompt.styleId ?? null) : null;
}

/**
 * A provider's callback (Kie.ai's webhook, once verified): poll that task now instead
 * of at its next backoff. Unknown ids (a late callback of a replaced attempt) are
 * ignored. Answers whether a poll was queued.
 */
export async function onProviderCallback(prisma: PrismaClient, { providerTaskId }: { providerTaskId: string }): Promise<boolean> {
  const task = await prisma.generationTask.findUnique({ where: { providerTaskId }, select: { id: true, status: true } });
  if (!task || (task.status !== "SUBMITTED" && task.status !== "PROCESSING")) return false;
  await enqueue(prisma, { task: TASK.poll, payload: { taskId: task.id }, key: jobKeys.poll(task.id) });
  return true;
}
