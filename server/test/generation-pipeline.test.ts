// The generation pipeline end to end on a real PostgreSQL: startGeneration's rules (one
// payment funds one job, even under 20 concurrent calls), then the worker (graphile-worker
// in this process) with the local provider: a full run, failures healed by retries, a
// total failure giving the payment back (both modes), the concurrency limit, events.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { FRAMINGS, taskPrompts } from "../src/domain/generation.ts";
import type { GenerationJobEvent } from "../src/events/pubsub.ts";
import { createPipeline, onProviderCallback } from "../src/generation/pipeline.ts";
import { PNG_SIGNATURE } from "../src/generation/png.ts";
import { LocalProvider, localAttemptFails } from "../src/generation/providers/local.ts";
import { graphql } from "./gql/index.ts";
import {
  FAST_PIPELINE_ENV,
  createAvatar,
  createCatalogue,
  createPaidPayment,
  pipelineConfig,
  startTestWorker,
  waitForJob,
  type Catalogue,
} from "./support/generation-fixtures.ts";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";

const StartGeneration = graphql(`
  mutation Pipeline_StartGeneration($input: StartGenerationInput!) {
    startGeneration(input: $input) {
      __typename
      ... on GenerationJob {
        id
        status
        totalPhotos
        completedPhotos
        avatar { id status }
        style { code }
        pack { name }
        tasks(first: 30) { totalCount edges { node { promptIndex status attempts maxAttempts } } }
      }
      ... on Error { code message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

let api: TestApi;
let catalogue: Catalogue;

beforeAll(async () => {
  api = await createTestApi(FAST_PIPELINE_ENV);
  catalogue = await createCatalogue(api.prisma);
});

const id = (type: string, value: number) => encodeGlobalID(type, value);

async function start(user: TestUser, input: { avatarId: number; styleId?: number; packId?: number; paymentId?: number }) {
  const result = await api.execute(
    StartGeneration,
    {
      input: {
        avatarId: id("Avatar", input.avatarId),
        ...(input.styleId ? { styleId: id("Style", input.styleId) } : {}),
        ...(input.packId ? { packId: id("PhotoPack", input.packId) } : {}),
        ...(input.paymentId ? { paymentId: id("Payment", input.paymentId) } : {}),
      },
    },
    { headers: user.headers },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.startGeneration;
}

async function queueJobs(key: string) {
  return api.prisma.$queryRaw<{ task_identifier: string; payload: unknown }[]>`
    SELECT t.identifier AS task_identifier, j.payload
      FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     WHERE j.key = ${key}`;
}

const jobIdOf = (result: { __typename?: string; id?: string }) => {
  expect(result.__typename).toBe("GenerationJob");
  return Number(Buffer.from(result.id!, "base64").toString().split(":")[1]);
};

describe("startGeneration", () => {
  it("consumes the payment, creates one task per bought photo, sets the avatar PROCESSING and queues the job in the same transaction", async () => {
    const user = await api.signIn();
    const avatarId = await createAvatar(api.prisma, user.id);
    const paymentId = await createPaidPayment(api.prisma, user.id, 7);
    const result = await start(user, { avatarId, styleId: catalogue.styleId });
    expect(result).toMatchObject({
      __typename: "GenerationJob",
      status: "PENDING",
      totalPhotos: 7,
      completedPhotos: 0,
      avatar: { status: "PROCESSING" },
      tasks: { totalCount: 7 },
    });
    const jobId = jobIdOf(result);
    const tasks = await api.prisma.generationTask.findMany({ where: { jobId }, orderBy: { promptIndex: "asc" } });
    // The style's 3 active prompts, cycled, each with a framing (the inactive one never).
    expect(tasks.map((t) => t.prompt)).toEqual(taskPrompts("style", catalogue.stylePrompts, 7));
    expect(tasks[3]!.prompt).toBe(`${catalogue.stylePrompts[0]}, ${FRAMINGS[3]}`);
    expect(tasks.every((t) => t.status === "PENDING" && t.attempts === 0 && t.maxAttempts === 3 && t.avatarId === avatarId)).toBe(true);
    const payment = await api.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment).toMatchObject({ generationConsumed: true, consumedAvatarId: avatarId });
    expect(payment.consumedAt).toBeInstanceOf(Date);
    expect(await api.prisma.generationJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ paymentId, isTestMode: true });
    expect(await queueJobs(`generation:${jobId}`)).toEqual([{ task_identifier: "generation:start", payload: { jobId } }]);
  });

  it("spends the given payment, else the oldest spendable one", async () => {
    const user = await api.signIn();
    const older = await createPaidPayment(api.prisma, user.id, 2, { createdAt: new Date("2026-01-01T00:00:00Z") });
    const newer = await createPaidPayment(api.prisma, user.id, 3, { createdAt: new Date("2026-02-01T00:00:00Z") });
    const chosen = await start(user, { avatarId: await createAvatar(api.prisma, user.id), packId: catalogue.packId, paymentId: newer });
    expect(chosen).toMatchObject({ totalPhotos: 3, pack: { name: expect.any(String) as unknown } });
    const job = await api.prisma.generationJob.findUniqueOrThrow({
      where: { id: jobIdOf(chosen as never) },
      include: { tasks: { orderBy: { promptIndex: "asc" } } },
    });
    expect(job.paymentId).toBe(newer);
    // A pack's items in position order; a third photo from a 2-item pack cycles with a framing.
    expect(job.tasks.map((t) => t.prompt)).toEqual(taskPrompts("pack", catalogue.packPrompts, 3));
    expect(job.tasks[0]!.prompt).toBe(catalogue.packPrompts[0]);
    const fallback = await start(user, { avatarId: await createAvatar(api.prisma, user.id), styleId: catalogue.styleId });
    expect(fallback).toMatchObject({ totalPhotos: 2 });
    expect((await api.prisma.generationJob.findUniqueOrThrow({ where: { id: jobIdOf(fallback as never) } })).paymentId).toBe(older);
  });

  it("answers typed errors and changes nothing when refused", async () => {
    const user = await api.signIn();
    const other = await api.signIn();
    const avatarId = await createAvatar(api.prisma, user.id);
    const bare = await createAvatar(api.prisma, user.id, { references: 0 });

    // No payment at all.
    expect(await start(user, { avatarId, styleId: catalogue.styleId })).toMatchObject({
      __typename: "PaymentRequiredError",
      code: "PAYMENT_REQUIRED",
    });
    const paymentId = await createPaidPayment(api.prisma, user.id, 5);
    const othersPayment = await createPaidPayment(api.prisma, other.id, 5);
    const pending = await createPaidPayment(api.prisma, user.id, 5, { status: "PENDING" });
    const othersAvatar = await createAvatar(api.prisma, other.id);

    expect(await start(user, { avatarId: othersAvatar, styleId: catalogue.styleId })).toMatchObject({ __typename: "NotFoundError" });
    expect(await start(user, { avatarId, styleId: catalogue.styleId, paymentId: othersPayment })).toMatchObject({
      __typename: "NotFoundError",
    });
    expect(await start(user, { avatarId, styleId: catalogue.styleId, paymentId: pending })).toMatchObject({
      __typename: "PaymentRequiredError",
    });
    expect(await start(user, { avatarId: bare, styleId: catalogue.styleId })).toMatchObject({ __typename: "ConflictError" });
    expect(await start(user, { avatarId, styleId: 999_999 })).toMatchObject({ __typename: "NotFoundError" });
    expect(await start(user, { avatarId })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.styleId" }, { field: "input.packId" }],
    });
    expect(await start(user, { avatarId, styleId: catalogue.styleId, packId: catalogue.packId })).toMatchObject({
      __typename: "ValidationError",
    });
    const emptyStyle = await api.prisma.style.create({ data: { code: `empty-${user.id}`, name: "Empty" } });
    expect(await start(user, { avatarId, styleId: emptyStyle.id })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.styleId" }],
    });

    // Nothing was spent, nothing queued, nothing changed.
    expect(await api.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      generationConsumed: false,
      consumedAt: null,
    });
    expect(await api.prisma.generationJob.count({ where: { avatar: { userId: user.id } } })).toBe(0);
    expect((await api.prisma.avatar.findUniqueOrThrow({ where: { id: avatarId } })).status).toBe("DRAFT");

    // A busy avatar: the first start wins, the second is a conflict and spends nothing.
    const second = await createPaidPayment(api.prisma, user.id, 5);
    expect(await start(user, { avatarId, styleId: catalogue.styleId, paymentId })).toMatchObject({ __typename: "GenerationJob" });
    expect(await start(user, { avatarId, styleId: catalogue.styleId, paymentId: second })).toMatchObject({ __typename: "ConflictError" });
    expect((await api.prisma.payment.findUniqueOrThrow({ where: { id: second } })).generationConsumed).toBe(false);
    // Anonymous callers are not let in at all.
    const anonymous = await api.execute(StartGeneration, {
      input: { avatarId: id("Avatar", avatarId), styleId: id("Style", catalogue.styleId) },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("20 concurrent starts on one payment create exactly one job", async () => {
    const user = await api.signIn();
    const paymentId = await createPaidPayment(api.prisma, user.id, 4);
    const avatars = await Promise.all(Array.from({ length: 20 }, (_, i) => createAvatar(api.prisma, user.id, { name: `Race ${i}` })));
    const results = await Promise.all(avatars.map((avatarId) => start(user, { avatarId, styleId: catalogue.styleId, paymentId })));
    const types = results.map((r) => r.__typename);
    expect(types.filter((t) => t === "GenerationJob")).toHaveLength(1);
    expect(types.filter((t) => t === "PaymentRequiredError")).toHaveLength(19);
    const jobs = await api.prisma.generationJob.findMany({ where: { paymentId }, include: { _count: { select: { tasks: true } } } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!._count.tasks).toBe(4);
    expect(await api.prisma.avatar.count({ where: { id: { in: avatars }, status: "PROCESSING" } })).toBe(1);
    const payment = await api.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment.consumedAvatarId).toBe(jobs[0]!.avatarId);
    const [{ n }] = await api.prisma.$queryRaw<[{ n: number }]>`
      SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'generation:start' AND key = ${`generation:${jobs[0]!.id}`}`;
    expect(n).toBe(1);
  });

  it("20 concurrent starts by one user with one payment on one avatar: one job, the rest refused", async () => {
    const user = await api.signIn();
    await createPaidPayment(api.prisma, user.id, 2);
    const avatarId = await createAvatar(api.prisma, user.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => start(user, { avatarId, styleId: catalogue.styleId })));
    const types = results.map((r) => r.__typename);
    expect(types.filter((t) => t === "GenerationJob")).toHaveLength(1);
    expect(types.filter((t) => t === "ConflictError" || t === "PaymentRequiredError")).toHaveLength(19);
    expect(await api.prisma.generationJob.count({ where: { avatarId } })).toBe(1);
  });
});

describe("the worker, with the local provider", () => {
  // Each test runs its own worker (its settings differ) and stops it at its end: workers
  // share the queue, so two running at once would take each other's jobs.
  let stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops) await stop();
    stops = [];
  });

  async function cleanQueue() {
    // Jobs queued by the startGeneration tests above: not this test's business.
    await api.prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
    await api.prisma.$executeRaw`UPDATE generation_jobs SET status = 'FAILED' WHERE status IN ('PENDING', 'PROCESSING')`;
  }

  it("runs a whole job: N photos stored, completedPhotos = N, avatar READY, events after each photo; the concurrency limit holds", async () => {
    await cleanQueue();
    const worker = await startTestWorker(api, { env: { GENERATION_CONCURRENCY: "3" } });
    stops.push(() => worker.stop());
    const user = await api.signIn();
    const avatarId = await createAvatar(api.prisma, user.id);
    await createPaidPayment(api.prisma, user.id, 7);
    const jobId = jobIdOf(await start(user, { avatarId, styleId: catalogue.styleId }));

    const received: GenerationJobEvent[] = [];
    const subscription = worker.events.subscribe("generation:job", jobId);
    const collecting = (async () => {
      for await (const event of subscription) received.push(event);
    })();

    let maxInFlight = 0;
    const job = await waitForJob(api.prisma, jobId, {
      onTick: async () => {
        const n = await api.prisma.generationTask.count({ where: { status: { in: ["SUBMITTED", "PROCESSING"] } } });
        maxInFlight = Math.max(maxInFlight, n);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await subscription.return?.();
    await collecting;

    expect(job).toMatchObject({ status: "COMPLETED", totalPhotos: 7, completedPhotos: 7, errorMessage: null });
    expect(job.startedAt).toBeInstanceOf(Date);
    expect(job.completedAt).toBeInstanceOf(Date);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    const tasks = await api.prisma.generationTask.findMany({ where: { jobId }, orderBy: { promptIndex: "asc" } });
    expect(tasks.every((t) => t.status === "SUCCEEDED" && t.attempts === 1 && t.completedAt !== null)).toBe(true);
    const photos = await api.prisma.generatedPhoto.findMany({ where: { jobId }, orderBy: { id: "asc" } });
    expect(photos).toHaveLength(7);
    expect(new Set(photos.map((p) => p.taskId)).size).toBe(7);
    for (const photo of photos) {
      const task = tasks.find((t) => t.id === photo.taskId)!;
      const key = `generated/${avatarId}/${jobId}/${task.id}.png`;
      expect(photo).toMatchObject({
        avatarId,
        styleId: catalogue.styleId,
        prompt: task.prompt,
        imageUrl: `http://files.test/files/${key}`,
      });
      expect(task.resultUrl).toBe(photo.imageUrl);
      const bytes = await readFile(path.join(api.storageDir, key));
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from(PNG_SIGNATURE));
      expect(bytes.readUInt32BE(16)).toBe(256); // IHDR width
    }
    const firstPhoto = photos.find((p) => p.taskId === tasks[0]!.id)!;
    expect(await api.prisma.avatar.findUniqueOrThrow({ where: { id: avatarId } })).toMatchObject({
      status: "READY",
      thumbnailUrl: firstPhoto.imageUrl,
    });
    // One event per photo (carrying its id), then the completion (published after the last photo's).
    const photoEvents = received.filter((e) => e.photoId !== undefined).map((e) => e.photoId);
    expect(photoEvents.sort((a, b) => a! - b!)).toEqual(photos.map((p) => p.id));
    expect(received.every((e) => e.jobId === jobId)).toBe(true);
    expect(received.at(-1)).toEqual({ jobId });
    // Nothing left in the queue for this job.
    const [{ left }] = await api.prisma.$queryRaw<[{ left: number }]>`
      SELECT count(*)::int AS left FROM graphile_worker.jobs WHERE key LIKE 'generation:%' AND locked_at IS NULL AND attempts < max_attempts`;
    expect(left).toBe(0);
  });

  it("heals failed attempts with retries (failure rate 0.3, 3 attempts): exactly the deterministic outcome", async () => {
    await cleanQueue();
    const worker = await startTestWorker(api, { env: { LOCAL_PROVIDER_FAILURE_RATE: "0.3", GENERATION_CONCURRENCY: "6" } });
    stops.push(() => worker.stop());
    const user = await api.signIn();
    const avatarId = await createAvatar(api.prisma, user.id);
    await createPaidPayment(api.prisma, user.id, 15);
    const jobId = jobIdOf(await start(user, { avatarId, styleId: catalogue.styleId }));
    const job = await waitForJob(api.prisma, jobId);

    const tasks = await api.prisma.generationTask.findMany({ where: { jobId }, orderBy: { promptIndex: "asc" } });
    // What the local provider decides, per task and attempt, from a hash: the same every run.
    const expected = tasks.map((t) => {
      const firstGood = [1, 2, 3].find((attempt) => !localAttemptFails(t.id, attempt, 0.3));
      return firstGood ? { status: "SUCCEEDED", attempts: firstGood } : { status: "FAILED", attempts: 3 };
    });
    expect(tasks.map((t) => ({ status: t.status, attempts: t.attempts }))).toEqual(expected);
    const retried = expected.filter((e) => e.attempts > 1).length;
    expect(retried).toBeGreaterThan(0); // the healing was exercised
    const succeeded = expected.filter((e) => e.status === "SUCCEEDED").length;
    expect(job).toMatchObject({ status: "COMPLETED", completedPhotos: succeeded });
    expect(await api.prisma.generatedPhoto.count({ where: { jobId } })).toBe(succeeded);
    // A healed task keeps the story of its failures until it succeeds (then the error is cleared).
    expect(tasks.filter((t) => t.status === "SUCCEEDED").every((t) => t.errorMessage === null)).toBe(true);
    expect((await api.prisma.avatar.findUniqueOrThrow({ where: { id: avatarId } })).status).toBe("READY");
  });

  it("fails the job when every task fails (rate 1.0) and reverts the payment; starting again retries the job in place", async () => {
    await cleanQueue();
    const failing = await startTestWorker(api, { env: { LOCAL_PROVIDER_FAILURE_RATE: "1", FAILED_GENERATION_PAYMENT: "revert" } });
    stops.push(() => failing.stop());
    const user = await api.signIn();
    const avatarId = await createAvatar(api.prisma, user.id);
    const paymentId = await createPaidPayment(api.prisma, user.id, 3);
    const jobId = jobIdOf(await start(user, { avatarId, styleId: catalogue.styleId }));
    const job = await waitForJob(api.prisma, jobId);
    expect(job).toMatchObject({ status: "FAILED", completedPhotos: 0 });
    expect(job.errorMessage).toMatch(
      /^All 3 photos failed: The provider failed the task: local provider: simulated failure of attempt 3 \(attempt 3 of 3\)$/,
    );
    const tasks = await api.prisma.generationTask.findMany({ where: { jobId } });
    expect(tasks.map((t) => [t.status, t.attempts])).toEqual(Array(3).fill(["FAILED", 3]));
    expect(await api.prisma.generatedPhoto.count({ where: { jobId } })).toBe(0);
    expect(await api.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      status: "SUCCEEDED",
      generationConsumed: false,
      consumedAt: null,
      consumedAvatarId: null,
    });
    expect((await api.prisma.avatar.findUniqueOrThrow({ where: { id: avatarId } })).status).toBe("DRAFT");
    await failing.stop();
    stops = stops.filter((s) => s !== failing.stop);

    // The user starts again with the payment given back: one job per payment, retried in place.
    const healthy = await startTestWorker(api);
    stops.push(() => healthy.stop());
    const again = jobIdOf(await start(user, { avatarId, packId: catalogue.packId, paymentId }));
    expect(again).toBe(jobId);
    const done = await waitForJob(api.prisma, jobId);
    expect(done).toMatchObject({ status: "COMPLETED", completedPhotos: 3, packId: catalogue.packId, styleId: null, errorMessage: null });
    expect(await api.prisma.generationTask.count({ where: { jobId } })).toBe(3);
    expect((await api.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).generationConsumed).toBe(true);
  });

  it("with FAILED_GENERATION_PAYMENT=refund, a failed job refunds its payment; an avatar with older photos goes back to READY", async () => {
    await cleanQueue();
    const worker = await startTestWorker(api, { env: { LOCAL_PROVIDER_FAILURE_RATE: "1", FAILED_GENERATION_PAYMENT: "refund" } });
    stops.push(() => worker.stop());
    const user = await api.signIn();
    const avatarId = await createAvatar(api.prisma, user.id);
    await api.prisma.generatedPhoto.create({ data: { avatarId, prompt: "an older photo", imageUrl: "http://files.test/files/old.png" } });
    const paymentId = await createPaidPayment(api.prisma, user.id, 2);
    const jobId = jobIdOf(await start(user, { avatarId, styleId: catalogue.styleId }));
    const job = await waitForJob(api.prisma, jobId);
    expect(job.status).toBe("FAILED");
    // Marked for refund with the job's failure, then refunded at the provider by the payments job (test mode: at once).
    let payment = await api.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    for (let waited = 0; payment.status === "REFUNDING" && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      payment = await api.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    }
    expect(payment).toMatchObject({ status: "REFUNDED", refundStatus: "SUCCEEDED", generationConsumed: true });
    expect(payment.refundAmount.toFixed(2)).toBe("499.00");
    expect(payment.refundReason).toMatch(/^Generation failed: /);
    expect((await api.prisma.avatar.findUniqueOrThrow({ where: { id: avatarId } })).status).toBe("READY");
    expect(await api.prisma.generationTask.findMany({ where: { jobId }, select: { status: true, attempts: true } })).toEqual([
      { status: "FAILED", attempts: 3 },
      { status: "FAILED", attempts: 3 },
    ]);
  });
});

describe("pipeline steps run twice change nothing twice", () => {
  it("a poll repeated after success, a duplicate failure report and a late callback are no-ops", async () => {
    await api.prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
    const user = await api.signIn();
    const avatarId = await createAvatar(api.prisma, user.id);
    await createPaidPayment(api.prisma, user.id, 2);
    const jobId = jobIdOf(await start(user, { avatarId, styleId: catalogue.styleId }));
    const config = pipelineConfig(api, { LOCAL_PROVIDER_LATENCY_MS: "0", GENERATION_CONCURRENCY: "1000" });
    const { createPubSub } = await import("graphql-yoga");
    const { createStorage } = await import("../src/storage/storage.ts");
    const pipeline = createPipeline({
      prisma: api.prisma,
      storage: createStorage(config),
      provider: new LocalProvider({ latencyMs: 0, failureRate: 0 }),
      events: createPubSub(),
      settings: config.generation,
    });
    // Driven by hand, step by step (no worker), each step twice.
    await pipeline.startJob(jobId);
    await pipeline.startJob(jobId);
    const tasks = await api.prisma.generationTask.findMany({ where: { jobId }, orderBy: { promptIndex: "asc" } });
    for (const task of tasks) {
      await pipeline.submitTask(task.id);
      await pipeline.submitTask(task.id);
    }
    const submitted = await api.prisma.generationTask.findMany({ where: { jobId }, orderBy: { promptIndex: "asc" } });
    expect(submitted.map((t) => [t.status, t.attempts])).toEqual([
      ["SUBMITTED", 1],
      ["SUBMITTED", 1],
    ]);
    expect(await onProviderCallback(api.prisma, { providerTaskId: submitted[0]!.providerTaskId! })).toBe(true);
    expect(await onProviderCallback(api.prisma, { providerTaskId: "local:1:1:1:0000000000000000" })).toBe(false);
    for (const task of submitted) {
      await Promise.all([pipeline.pollTask(task.id), pipeline.pollTask(task.id)]);
      await pipeline.pollTask(task.id);
    }
    // A stale report of attempt 1 failing, after it succeeded: ignored.
    await pipeline.failAttempt({ ...submitted[0]!, status: "PROCESSING" }, "late failure");
    const job = await api.prisma.generationJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ status: "COMPLETED", completedPhotos: 2 });
    expect(await api.prisma.generatedPhoto.count({ where: { jobId } })).toBe(2);
    expect((await api.prisma.generationTask.findMany({ where: { jobId } })).map((t) => t.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(await onProviderCallback(api.prisma, { providerTaskId: submitted[0]!.providerTaskId! })).toBe(false);
  });
});

describe("configuration", () => {
  it("a production worker refuses the local provider unless GENERATION_PROVIDER=local is set on purpose", async () => {
    const { assertProviderAllowed } = await import("../src/worker/runner.ts");
    const { loadConfig } = await import("../src/config.ts");
    const production = { NODE_ENV: "production", DATABASE_URL: "postgresql://db/p", TELEGRAM_BOT_TOKEN: "1:abcdefghijklmnopqrstuvwxyz" };
    expect(() => assertProviderAllowed(loadConfig(production))).toThrow(/GENERATION_PROVIDER is unset in production/);
    expect(() => assertProviderAllowed(loadConfig({ ...production, GENERATION_PROVIDER: "local" }))).not.toThrow();
    expect(loadConfig({ NODE_ENV: "development" }).worker.inProcess).toBe(true);
    expect(loadConfig({ ...production }).worker.inProcess).toBe(false);
    expect(() => loadConfig({ FAILED_GENERATION_PAYMENT: "keep" })).toThrow(/FAILED_GENERATION_PAYMENT/);
  });
});
