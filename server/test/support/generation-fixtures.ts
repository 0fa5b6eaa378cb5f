// Fixtures of the generation pipeline tests: a catalogue with prompts, paid payments,
// avatars with reference photos, and a job worker running in this process against the
// test file's database (graphile-worker `run`, small latencies).
import { randomUUID } from "node:crypto";
import { createPubSub } from "graphql-yoga";
import { loadConfig, type Config } from "../../src/config.ts";
import { createPrisma, type PrismaClient } from "../../src/db/prisma.ts";
import type { Channels, EventBus } from "../../src/events/pubsub.ts";
import { LocalProvider } from "../../src/generation/providers/local.ts";
import type { ImageProvider } from "../../src/generation/providers/provider.ts";
import { createStorage, type Storage } from "../../src/storage/storage.ts";
import { startWorker, type RunningWorker } from "../../src/worker/runner.ts";
import { TEST_BOT_TOKEN, type TestApi } from "./harness.ts";
import { createPaymentGateways } from "../../src/payments/gateways.ts";

/** Pipeline settings small enough for a test to finish in seconds. */
export const FAST_PIPELINE_ENV: Record<string, string> = {
  LOCAL_PROVIDER_LATENCY_MS: "80",
  GENERATION_CONCURRENCY: "4",
  GENERATION_TASK_TIMEOUT_SECONDS: "10",
  GENERATION_MAX_ATTEMPTS: "3",
  GENERATION_POLL_INITIAL_MS: "40",
  GENERATION_POLL_MAX_MS: "200",
  GENERATION_RETRY_BASE_MS: "40",
  WORKER_CONCURRENCY: "8",
  WORKER_POLL_INTERVAL_MS: "40",
};

export function pipelineConfig(api: TestApi, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: api.databaseUrl,
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    STORAGE_LOCAL_DIR: api.storageDir,
    PUBLIC_BASE_URL: "http://files.test",
    ...FAST_PIPELINE_ENV,
    ...env,
  });
}

export interface Catalogue {
  styleId: number;
  /** Active prompts of the style, in order. */
  stylePrompts: string[];
  packId: number;
  packPrompts: string[];
}

export async function createCatalogue(prisma: PrismaClient): Promise<Catalogue> {
  const suffix = randomUUID().slice(0, 8);
  const style = await prisma.style.create({ data: { code: `pipeline-${suffix}`, name: "Pipeline style" } });
  const stylePrompts = ["Studio portrait of the person", "The person in a cafe", "The person on a mountain"];
  await prisma.savedPrompt.createMany({
    data: [
      ...stylePrompts.map((prompt, i) => ({ title: `Prompt ${i}`, prompt, styleId: style.id, sortOrder: i })),
      { title: "Retired", prompt: "An inactive prompt", styleId: style.id, sortOrder: 99, isActive: false },
    ],
  });
  const packPrompts = ["The person in a snowy forest", "The person at a new-year party"];
  const pack = await prisma.photoPack.create({ data: { name: `Pack ${suffix}` } });
  for (const [position, prompt] of packPrompts.entries()) {
    const saved = await prisma.savedPrompt.create({ data: { title: `Pack prompt ${position}`, prompt } });
    await prisma.packItem.create({ data: { packId: pack.id, promptId: saved.id, position } });
  }
  return { styleId: style.id, stylePrompts, packId: pack.id, packPrompts };
}

/** A succeeded, unspent payment of `userId` buying `photoCount` photos. */
export async function createPaidPayment(
  prisma: PrismaClient,
  userId: number,
  photoCount: number,
  { createdAt, status = "SUCCEEDED" }: { createdAt?: Date; status?: "SUCCEEDED" | "PENDING" } = {},
): Promise<number> {
  const payment = await prisma.payment.create({
    data: {
      userId,
      provider: "TEST",
      status,
      idempotencyKey: randomUUID(),
      amount: "499.00",
      photoCount,
      isTestMode: true,
      ...(createdAt ? { createdAt } : {}),
    },
  });
  return payment.id;
}

/** An avatar of `userId` with `references` reference photos. */
export async function createAvatar(prisma: PrismaClient, userId: number, { references = 1, name = "Avatar" } = {}): Promise<number> {
  const avatar = await prisma.avatar.create({ data: { userId, name } });
  for (let i = 0; i < references; i++) {
    await prisma.referencePhoto.create({
      data: { avatarId: avatar.id, imageUrl: `http://files.test/files/references/${avatar.id}/${i}.jpg`, mimeType: "image/jpeg" },
    });
  }
  return avatar.id;
}

export interface TestWorker {
  worker: RunningWorker;
  prisma: PrismaClient;
  storage: Storage;
  events: EventBus;
  config: Config;
  stop(): Promise<void>;
}

/** A job worker in this process, on the test database, with the local provider (or `provider`). */
export async function startTestWorker(
  api: TestApi,
  { env = {}, provider }: { env?: Record<string, string>; provider?: ImageProvider } = {},
): Promise<TestWorker> {
  const config = pipelineConfig(api, env);
  const prisma = createPrisma(api.databaseUrl, { poolSize: 6 });
  const storage = createStorage(config);
  const events = createPubSub<Channels>();
  const worker = await startWorker({
    connectionString: api.databaseUrl,
    prisma,
    storage,
    provider:
      provider ?? new LocalProvider({ latencyMs: config.generation.localLatencyMs, failureRate: config.generation.localFailureRate }),
    events,
    payments: createPaymentGateways(config),
    config,
    log: (level, line) => {
      if (level === "error") console.error(`[test worker] ${line}`);
    },
  });
  return {
    worker,
    prisma,
    storage,
    events,
    config,
    async stop() {
      await worker.stop();
      await prisma.$disconnect();
    },
  };
}

/** Waits until the job is COMPLETED or FAILED; answers it. */
export async function waitForJob(
  prisma: PrismaClient,
  jobId: number,
  { timeoutMs = 15_000, onTick }: { timeoutMs?: number; onTick?: () => Promise<void> } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await onTick?.();
    const job = await prisma.generationJob.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status === "COMPLETED" || job.status === "FAILED") return job;
    if (Date.now() > deadline) {
      const tasks = await prisma.generationTask.groupBy({ by: ["status"], where: { jobId }, _count: true });
      throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms: ${JSON.stringify(tasks)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
