// Generation: starting a paid run, and the rules that settle a job once its tasks are
// done. The worker (generation/pipeline.ts) drives tasks through the provider and calls
// `settleJob` in the same transaction as every task that reaches a final state.
import type { Prisma, PrismaClient } from "../db/prisma.ts";
import { publishAll, type EventBus, type PendingEvent } from "../events/pubsub.ts";
import { enqueue, jobKeys, TASK } from "../generation/queue.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { givePaymentBack, spendPayment } from "./payments.ts";
import type { FailedGenerationPayment } from "./payment-states.ts";

export type { FailedGenerationPayment };

type Tx = Prisma.TransactionClient;

/**
 * Framings appended to a style's prompts, in turn, so that a style of 3 prompts still
 * gives 23 different pictures (the seeds' jobs are built the same way).
 */
export const FRAMINGS = [
  "head-and-shoulders framing",
  "three-quarter view",
  "waist-up framing",
  "candid moment, looking away",
  "close-up portrait",
  "full-length shot",
];

/** What a payment buys when a job has no payment (admin test runs): the seeds' default. */
export const DEFAULT_TOTAL_PHOTOS = 23;

/**
 * The prompt of each task. A job makes as many photos as the payment bought (its
 * tier's photo count, snapshotted on the payment): a style's prompts are cycled with
 * a framing each; a pack's items are taken in position order, cycled with a framing
 * from the second round on when the tier buys more photos than the pack has items.
 */
export function taskPrompts(kind: "style" | "pack", prompts: string[], total: number): string[] {
  if (prompts.length === 0) throw new Error("taskPrompts: no prompts");
  return Array.from({ length: total }, (_, i) => {
    const base = prompts[i % prompts.length]!;
    if (kind === "style") return `${base}, ${FRAMINGS[i % FRAMINGS.length]}`;
    const round = Math.floor(i / prompts.length);
    return round === 0 ? base : `${base}, ${FRAMINGS[(round - 1 + i) % FRAMINGS.length]}`;
  });
}

export interface StartGenerationInput {
  avatarId: number;
  styleId?: number | null;
  packId?: number | null;
  /** The payment to spend; by default the user's oldest spendable one. */
  paymentId?: number | null;
}

export interface StartGenerationOptions {
  /** Attempts per task (GENERATION_MAX_ATTEMPTS). */
  maxAttempts: number;
}

async function promptsFor(tx: Tx, input: StartGenerationInput): Promise<{ kind: "style" | "pack"; prompts: string[] }> {
  if (input.styleId != null) {
    const style = await tx.style.findFirst({ where: { id: input.styleId, isActive: true }, select: { id: true } });
    if (!style) throw new NotFoundError("Style");
    const prompts = await tx.savedPrompt.findMany({
      where: { styleId: style.id, isActive: true },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { prompt: true },
    });
    if (prompts.length === 0) throw ValidationError.of("input.styleId", "this style has no prompts yet");
    return { kind: "style", prompts: prompts.map((p) => p.prompt) };
  }
  const pack = await tx.photoPack.findFirst({ where: { id: input.packId!, isActive: true }, select: { id: true } });
  if (!pack) throw new NotFoundError("PhotoPack");
  const items = await tx.packItem.findMany({
    where: { packId: pack.id, prompt: { isActive: true } },
    orderBy: { position: "asc" },
    select: { prompt: { select: { prompt: true } } },
  });
  if (items.length === 0) throw ValidationError.of("input.packId", "this pack has no prompts yet");
  return { kind: "pack", prompts: items.map((item) => item.prompt.prompt) };
}

/**
 * Starts a generation: in ONE transaction, locks the avatar (uploads and deletions lock
 * it too), consumes a payment, creates the job with one task per photo, sets the avatar
 * PROCESSING and queues `generation:start` (graphile-worker's add_job, transactional).
 * Events go out after the commit. Answers the job id.
 *
 * A payment funds one job (generation_jobs.payment_id is unique): when a failed job gave
 * its payment back, starting again with it retries that job in place, with new tasks.
 */
export async function startGeneration(
  prisma: PrismaClient,
  events: EventBus,
  userId: number,
  input: StartGenerationInput,
  options: StartGenerationOptions,
): Promise<number> {
  if ((input.styleId == null) === (input.packId == null)) {
    const message = "give exactly one of styleId and packId";
    throw new ValidationError([
      { field: "input.styleId", message },
      { field: "input.packId", message },
    ]);
  }
  const { avatarId } = input;
  const jobId = await prisma.$transaction(
    async (tx) => {
      const [avatar] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text AS status FROM avatars WHERE id = ${avatarId} AND user_id = ${userId} FOR UPDATE`;
      if (!avatar) throw new NotFoundError("Avatar");
      if (avatar.status === "PROCESSING") throw new ConflictError("This avatar is already being generated");
      const reference = await tx.referencePhoto.findFirst({ where: { avatarId }, select: { id: true } });
      if (!reference) throw new ConflictError("Upload reference photos of the avatar first");
      const { kind, prompts } = await promptsFor(tx, input);
      const payment = await spendPayment(tx, userId, avatarId, input.paymentId ?? null);
      const texts = taskPrompts(kind, prompts, payment.photo_count);

      const jobData = {
        avatarId,
        styleId: input.styleId ?? null,
        packId: input.packId ?? null,
        status: "PENDING" as const,
        totalPhotos: texts.length,
        completedPhotos: 0,
        errorMessage: null,
        isTestMode: payment.is_test_mode,
        startedAt: null,
        completedAt: null,
      };
      const previous = await tx.generationJob.findUnique({ where: { paymentId: payment.id }, select: { id: true, status: true } });
      let job: { id: number };
      if (previous) {
        // Only a failed job gives its payment back, so only a failed job can be here.
        if (previous.status !== "FAILED") throw new ConflictError("This payment already funds a generation");
        await tx.generationTask.deleteMany({ where: { jobId: previous.id } });
        job = await tx.generationJob.update({ where: { id: previous.id }, data: jobData, select: { id: true } });
      } else {
        job = await tx.generationJob.create({ data: { ...jobData, paymentId: payment.id }, select: { id: true } });
      }
      await tx.generationTask.createMany({
        data: texts.map((prompt, promptIndex) => ({
          jobId: job.id,
          avatarId,
          promptIndex,
          prompt,
          maxAttempts: options.maxAttempts,
        })),
      });
      await tx.avatar.update({ where: { id: avatarId }, data: { status: "PROCESSING" } });
      await enqueue(tx, { task: TASK.start, payload: { jobId: job.id }, key: jobKeys.start(job.id) });
      return job.id;
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  publishAll(events, [
    { channel: "generation:job", args: [jobId, { jobId }] },
    { channel: "avatar", args: [avatarId, { avatarId }] },
  ]);
  return jobId;
}

// ─── Settling a job ───────────────────────────────────────────────────────────────

interface JobRow {
  id: number;
  avatar_id: number;
  payment_id: number | null;
  status: string;
  total_photos: number;
}

/**
 * Recomputes the job's `completed_photos` as the number of its succeeded tasks (never an
 * increment, so a task saved twice cannot count twice) and, when every task is final,
 * finishes the job: COMPLETED with the avatar READY (its thumbnail the first photo) when
 * at least one photo was made; else FAILED with its error, the avatar back to READY
 * (other photos) or DRAFT, and the payment given back — consumption reverted (the user
 * may start again) or the payment marked for refund. Runs inside the transaction that
 * changed a task; the job row lock orders concurrent tasks of one job. Answers the
 * events to publish after the commit.
 */
export interface Settled {
  /** The job's final status when this call finished it, else null. */
  outcome: "COMPLETED" | "FAILED" | null;
  events: PendingEvent[];
}

export async function settleJob(tx: Tx, jobId: number, failedPayment: FailedGenerationPayment): Promise<Settled> {
  const [job] = await tx.$queryRaw<JobRow[]>`
    SELECT id, avatar_id, payment_id, status::text AS status, total_photos
      FROM generation_jobs WHERE id = ${jobId} FOR NO KEY UPDATE`;
  if (!job) return { outcome: null, events: [] };
  const counts = await tx.$queryRaw<{ succeeded: number; failed: number; open: number }[]>`
    SELECT count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded,
           count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
           count(*) FILTER (WHERE status NOT IN ('SUCCEEDED', 'FAILED'))::int AS open
      FROM generation_tasks WHERE job_id = ${jobId}`;
  const { succeeded, failed, open } = counts[0]!;
  const events: PendingEvent[] = [{ channel: "generation:job", args: [jobId, { jobId }] }];
  if (job.status !== "PROCESSING" || open > 0) {
    await tx.$executeRaw`
      UPDATE generation_jobs SET completed_photos = ${succeeded}, updated_at = now()
       WHERE id = ${jobId} AND completed_photos <> ${succeeded}`;
    return { outcome: null, events };
  }
  const lastError = await tx.generationTask.findFirst({
    where: { jobId, status: "FAILED" },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    select: { errorMessage: true },
  });
  const reason = lastError?.errorMessage ?? "the provider made no image";
  const avatarEvent: PendingEvent = { channel: "avatar", args: [job.avatar_id, { avatarId: job.avatar_id }] };
  if (succeeded > 0) {
    const first = await tx.generatedPhoto.findFirst({
      where: { jobId, task: { isNot: null } },
      orderBy: [{ task: { promptIndex: "asc" } }],
      select: { imageUrl: true },
    });
    await tx.generationJob.update({
      where: { id: jobId },
      data: {
        status: "COMPLETED",
        completedPhotos: succeeded,
        completedAt: new Date(),
        errorMessage: failed > 0 ? `${failed} of ${job.total_photos} photos could not be made: ${reason}` : null,
      },
    });
    await tx.avatar.update({
      where: { id: job.avatar_id },
      data: { status: "READY", ...(first ? { thumbnailUrl: first.imageUrl } : {}) },
    });
    return { outcome: "COMPLETED", events: [...events, avatarEvent] };
  }
  await tx.generationJob.update({
    where: { id: jobId },
    data: {
      status: "FAILED",
      completedPhotos: 0,
      completedAt: new Date(),
      errorMessage: `All ${job.total_photos} photos failed: ${reason}`,
    },
  });
  const hasPhotos = await tx.generatedPhoto.findFirst({ where: { avatarId: job.avatar_id }, select: { id: true } });
  await tx.avatar.update({ where: { id: job.avatar_id }, data: { status: hasPhotos ? "READY" : "DRAFT" } });
  if (job.payment_id !== null) await givePaymentBack(tx, job.payment_id, failedPayment, reason);
  return { outcome: "FAILED", events: [...events, avatarEvent] };
}
