// Kill-and-resume: a worker process (`node --import tsx src/worker/main.ts`, as `pnpm worker`
// runs it) is killed with SIGKILL in the middle of a job; a second one resumes the
// unfinished work, and the job completes with exactly one photo per task — no duplicate
// rows, no double counts, no task run twice to a second photo.
import { spawn, type ChildProcess } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPubSub } from "graphql-yoga";
import { createPipeline } from "../src/generation/pipeline.ts";
import { LocalProvider } from "../src/generation/providers/local.ts";
import { createStorage } from "../src/storage/storage.ts";
import { graphql } from "./gql/index.ts";
import {
  FAST_PIPELINE_ENV,
  createAvatar,
  createCatalogue,
  createPaidPayment,
  pipelineConfig,
  startTestWorker,
  waitForJob,
} from "./support/generation-fixtures.ts";
import { TEST_BOT_TOKEN, createTestApi, type TestApi } from "./support/harness.ts";

const StartGeneration = graphql(`
  mutation Resume_StartGeneration($input: StartGenerationInput!) {
    startGeneration(input: $input) {
      __typename
      ... on GenerationJob { id totalPhotos }
      ... on Error { code message }
    }
  }
`);

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let api: TestApi;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  api = await createTestApi(FAST_PIPELINE_ENV);
});

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnWorker(): WorkerProcess {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "src/worker/main.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: api.databaseUrl,
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      STORAGE_LOCAL_DIR: api.storageDir,
      PUBLIC_BASE_URL: "http://files.test",
      REDIS_URL: "",
      ...FAST_PIPELINE_ENV,
      // Slow enough that the kill lands mid-job; a claim cut off mid-submission is
      // noticed after the timeout.
      LOCAL_PROVIDER_LATENCY_MS: "300",
      GENERATION_CONCURRENCY: "3",
      GENERATION_TASK_TIMEOUT_SECONDS: "3",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs: number, worker?: WorkerProcess) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${worker ? `; worker output:\n${worker.output()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

it("a worker killed with SIGKILL mid-job is resumed by the next one: exactly totalPhotos photos, no duplicates", async () => {
  const catalogue = await createCatalogue(api.prisma);
  const user = await api.signIn();
  const avatarId = await createAvatar(api.prisma, user.id, { references: 2 });
  await createPaidPayment(api.prisma, user.id, 15);
  const result = await api.execute(
    StartGeneration,
    { input: { avatarId: encodeGlobalID("Avatar", avatarId), styleId: encodeGlobalID("Style", catalogue.styleId) } },
    { headers: user.headers },
  );
  const started = result.data!.startGeneration;
  expect(started).toMatchObject({ __typename: "GenerationJob", totalPhotos: 15 });
  const jobId = Number(
    Buffer.from((started as { id: string }).id, "base64")
      .toString()
      .split(":")[1],
  );
  const tasksIn = (statuses: Array<"PENDING" | "SUBMITTED" | "PROCESSING" | "SUCCEEDED" | "FAILED">) =>
    api.prisma.generationTask.count({ where: { jobId, status: { in: statuses } } });

  // 1. The first worker runs part of the job, then dies without any chance to clean up.
  const first = spawnWorker();
  await until(
    async () => (await tasksIn(["SUCCEEDED"])) >= 4 && (await tasksIn(["SUBMITTED", "PROCESSING"])) > 0,
    "photos and tasks in flight",
    15_000,
    first,
  );
  first.child.kill("SIGKILL");
  await first.exited;
  const atKill = await api.prisma.generationJob.findUniqueOrThrow({ where: { id: jobId } });
  expect(atKill.status).toBe("PROCESSING");
  expect(atKill.completedPhotos).toBeGreaterThanOrEqual(4);
  expect(atKill.completedPhotos).toBeLessThan(15);
  // Whatever queue job it was running stays locked (graphile-worker frees those only after
  // hours); the next test pins that case down.

  // 2. The next worker resumes the unfinished work and completes the job.
  const second = spawnWorker();
  const job = await waitForJob(api.prisma, jobId, { timeoutMs: 15_000 }).catch((error: Error) => {
    throw new Error(`${error.message}\nworker output:\n${second.output()}`);
  });
  expect(second.output()).toMatch(/resumed 1 unfinished generation job\(s\)/);
  expect(job).toMatchObject({ status: "COMPLETED", totalPhotos: 15, completedPhotos: 15, errorMessage: null });

  const tasks = await api.prisma.generationTask.findMany({ where: { jobId }, orderBy: { promptIndex: "asc" } });
  expect(tasks).toHaveLength(15);
  expect(tasks.every((t) => t.status === "SUCCEEDED")).toBe(true);
  const photos = await api.prisma.generatedPhoto.findMany({ where: { jobId } });
  expect(photos).toHaveLength(15);
  expect(new Set(photos.map((p) => p.taskId))).toEqual(new Set(tasks.map((t) => t.id)));
  expect(await api.prisma.generatedPhoto.count({ where: { avatarId } })).toBe(15);
  const files = await readdir(path.join(api.storageDir, "generated", String(avatarId), String(jobId)));
  expect(files.sort()).toEqual(tasks.map((t) => `${t.id}.png`).sort());
  expect((await api.prisma.avatar.findUniqueOrThrow({ where: { id: avatarId } })).status).toBe("READY");

  // 3. SIGTERM stops a worker cleanly.
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);
}, 45_000);

it("queue jobs left locked by a dead worker do not stall the job: the next worker queues the work again", async () => {
  const catalogue = await createCatalogue(api.prisma);
  const user = await api.signIn();
  const avatarId = await createAvatar(api.prisma, user.id);
  await createPaidPayment(api.prisma, user.id, 3);
  const result = await api.execute(
    StartGeneration,
    { input: { avatarId: encodeGlobalID("Avatar", avatarId), packId: encodeGlobalID("PhotoPack", catalogue.packId) } },
    { headers: user.headers },
  );
  const jobId = Number(
    Buffer.from((result.data!.startGeneration as { id: string }).id, "base64")
      .toString()
      .split(":")[1],
  );
  // As if a worker had taken the job's start and died: locked, by nobody alive.
  const locked = await api.prisma.$executeRaw`
    UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'worker-that-died', attempts = 1
     WHERE key = ${`generation:${jobId}`}`;
  expect(locked).toBe(1);

  const worker = await startTestWorker(api);
  try {
    expect(worker.worker.resumed.jobs).toBeGreaterThanOrEqual(1);
    const job = await waitForJob(api.prisma, jobId);
    expect(job).toMatchObject({ status: "COMPLETED", completedPhotos: 3 });
    expect(await api.prisma.generatedPhoto.count({ where: { jobId } })).toBe(3);
  } finally {
    await worker.stop();
  }
  // The dead worker's job lost its key (so it can never run again as a duplicate).
  const [{ stale }] = await api.prisma.$queryRaw<[{ stale: number }]>`
    SELECT count(*)::int AS stale FROM graphile_worker._private_jobs
     WHERE locked_by = 'worker-that-died' AND key IS NULL AND attempts = max_attempts`;
  expect(stale).toBe(1);
});

it("the minute sweep queues again what a dead worker holds while other workers live on, and leaves running work alone", async () => {
  const catalogue = await createCatalogue(api.prisma);
  const user = await api.signIn();
  const avatarId = await createAvatar(api.prisma, user.id);
  await createPaidPayment(api.prisma, user.id, 3);
  const result = await api.execute(
    StartGeneration,
    { input: { avatarId: encodeGlobalID("Avatar", avatarId), styleId: encodeGlobalID("Style", catalogue.styleId) } },
    { headers: user.headers },
  );
  const jobId = Number(
    Buffer.from((result.data!.startGeneration as { id: string }).id, "base64")
      .toString()
      .split(":")[1],
  );
  // Driven by hand (no worker): started, every task submitted, each with its poll queued.
  const config = pipelineConfig(api, { LOCAL_PROVIDER_LATENCY_MS: "60000" });
  const pipeline = createPipeline({
    prisma: api.prisma,
    storage: createStorage(config),
    provider: new LocalProvider({ latencyMs: 60_000, failureRate: 0 }),
    events: createPubSub(),
    settings: config.generation,
  });
  await pipeline.startJob(jobId);
  const [a, b, c] = await api.prisma.generationTask.findMany({ where: { jobId }, orderBy: { promptIndex: "asc" } });
  for (const task of [a!, b!, c!]) await pipeline.submitTask(task.id);
  // a: its poll locked by a worker that died 5 minutes ago; b: its poll gone; c: being polled right now.
  await api.prisma.$executeRaw`
    UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '5 minutes', locked_by = 'dead' WHERE key = ${`generation:poll:${a!.id}`}`;
  await api.prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = ${`generation:poll:${b!.id}`}`;
  await api.prisma.$executeRaw`
    UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '10 seconds', locked_by = 'alive' WHERE key = ${`generation:poll:${c!.id}`}`;

  expect(await pipeline.sweep()).toEqual({ tasks: 2, jobs: 0 });
  const queued = await api.prisma.$queryRaw<{ key: string; locked_by: string | null }[]>`
    SELECT key, locked_by FROM graphile_worker.jobs WHERE key LIKE 'generation:poll:%' ORDER BY key`;
  expect(queued).toEqual(
    expect.arrayContaining([
      { key: `generation:poll:${a!.id}`, locked_by: null },
      { key: `generation:poll:${b!.id}`, locked_by: null },
      { key: `generation:poll:${c!.id}`, locked_by: "alive" },
    ]),
  );
  expect(await pipeline.sweep()).toEqual({ tasks: 0, jobs: 0 });
});
