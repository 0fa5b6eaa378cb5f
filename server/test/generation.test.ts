// Generation, read side: jobs and tasks are their avatar owner's only, prompts and
// provider ids never leave the server, and nested lists cost a fixed number of statements.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const AvatarJobs = graphql(`
  query Generation_AvatarJobs($id: ID!) {
    node(id: $id) {
      ... on Avatar {
        latestJob { id status totalPhotos completedPhotos progress style { code } pack { name } }
        generationJobs(first: 10) {
          totalCount
          edges {
            node {
              id status progress errorMessage startedAt completedAt createdAt
              tasks(first: 20) { totalCount edges { node { promptIndex status attempts maxAttempts errorMessage resultUrl } } }
            }
          }
        }
      }
    }
  }
`);

const JobNode = graphql(`
  query Generation_JobNode($id: ID!) {
    node(id: $id) {
      id
      ... on GenerationJob {
        status
        avatar { name }
        pack { name }
        style { code }
        tasks(first: 10) { edges { node { id promptIndex status } } }
        generatedPhotos(first: 10) { totalCount edges { node { imageUrl job { id } } } }
      }
    }
  }
`);

const TaskNodes = graphql(`
  query Generation_TaskNodes($ids: [ID!]!) {
    nodes(ids: $ids) { id ... on GenerationTask { promptIndex status } }
  }
`);

const TaskFields = graphql(`
  query Generation_TaskFields {
    task: __type(name: "GenerationTask") { fields { name } }
    job: __type(name: "GenerationJob") { fields { name } }
  }
`);

let api: TestApi;
let anna: TestUser;
let boris: TestUser;
let styleId: number;
let packId: number;

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

beforeAll(async () => {
  api = await createTestApi();
  anna = await api.signIn({ name: "Anna" });
  boris = await api.signIn({ name: "Boris" });
  styleId = (await api.prisma.style.create({ data: { code: "studio", name: "Studio" } })).id;
  packId = (await api.prisma.photoPack.create({ data: { name: "Winter pack" } })).id;
});

/** An avatar with an older, completed style job and a newer pack job in progress (tasks with secret prompts). */
async function avatarWithJobs(user: TestUser) {
  const avatar = await api.prisma.avatar.create({ data: { userId: user.id, name: "Jobs avatar", status: "PROCESSING" } });
  const older = await api.prisma.generationJob.create({
    data: {
      avatarId: avatar.id,
      styleId,
      status: "COMPLETED",
      totalPhotos: 2,
      completedPhotos: 2,
      createdAt: new Date("2026-01-01T00:00:00Z"),
      completedAt: new Date("2026-01-01T00:10:00Z"),
    },
  });
  const newer = await api.prisma.generationJob.create({
    data: {
      avatarId: avatar.id,
      packId,
      status: "PROCESSING",
      totalPhotos: 4,
      completedPhotos: 1,
      createdAt: new Date("2026-02-01T00:00:00Z"),
      startedAt: new Date("2026-02-01T00:00:05Z"),
    },
  });
  const statuses = ["SUCCEEDED", "PROCESSING", "FAILED", "PENDING"] as const;
  // Created out of order: the list is ordered by prompt index, not by insertion.
  for (const promptIndex of [2, 0, 3, 1]) {
    await api.prisma.generationTask.create({
      data: {
        jobId: newer.id,
        avatarId: avatar.id,
        promptIndex,
        prompt: `SECRET PACK PROMPT ${promptIndex}`,
        providerTaskId: `provider-task-${newer.id}-${promptIndex}`,
        status: statuses[promptIndex]!,
        attempts: promptIndex === 2 ? 3 : 1,
        errorMessage: promptIndex === 2 ? "content policy" : null,
        resultUrl: promptIndex === 0 ? "http://files.test/result/0.jpg" : null,
      },
    });
  }
  const photo = await api.prisma.generatedPhoto.create({
    data: { avatarId: avatar.id, jobId: newer.id, prompt: "SECRET PACK PROMPT 0", imageUrl: "http://files.test/g/0.jpg" },
  });
  return { avatar, older, newer, photo };
}

describe("generation jobs", () => {
  it("shows the owner the latest job and all jobs newest first, with progress, style or pack, and tasks by prompt index", async () => {
    const { avatar, older, newer } = await avatarWithJobs(anna);
    const result = await api.execute(AvatarJobs, { id: globalId("Avatar", avatar.id) }, { headers: anna.headers });
    expect(result.errors).toBeUndefined();
    const node = result.data!.node as Extract<NonNullable<typeof result.data>["node"], { latestJob?: unknown }>;
    expect(node.latestJob).toEqual({
      id: globalId("GenerationJob", newer.id),
      status: "PROCESSING",
      totalPhotos: 4,
      completedPhotos: 1,
      progress: 0.25,
      style: null,
      pack: { name: "Winter pack" },
    });
    expect(node.generationJobs.totalCount).toBe(2);
    expect(node.generationJobs.edges.map((e) => [e.node.id, e.node.status, e.node.progress])).toEqual([
      [globalId("GenerationJob", newer.id), "PROCESSING", 0.25],
      [globalId("GenerationJob", older.id), "COMPLETED", 1],
    ]);
    const tasks = node.generationJobs.edges[0]!.node.tasks;
    expect(tasks.totalCount).toBe(4);
    expect(tasks.edges.map((e) => e.node)).toEqual([
      { promptIndex: 0, status: "SUCCEEDED", attempts: 1, maxAttempts: 3, errorMessage: null, resultUrl: "http://files.test/result/0.jpg" },
      { promptIndex: 1, status: "PROCESSING", attempts: 1, maxAttempts: 3, errorMessage: null, resultUrl: null },
      { promptIndex: 2, status: "FAILED", attempts: 3, maxAttempts: 3, errorMessage: "content policy", resultUrl: null },
      { promptIndex: 3, status: "PENDING", attempts: 1, maxAttempts: 3, errorMessage: null, resultUrl: null },
    ]);
    expect(JSON.stringify(result)).not.toContain("SECRET");
    expect(JSON.stringify(result)).not.toContain("provider-task");
  });

  it("answers latestJob null before the first job", async () => {
    const avatar = await api.prisma.avatar.create({ data: { userId: anna.id, name: "Fresh" } });
    const result = await api.execute(AvatarJobs, { id: globalId("Avatar", avatar.id) }, { headers: anna.headers });
    expect(result.data!.node).toMatchObject({ latestJob: null, generationJobs: { totalCount: 0, edges: [] } });
  });

  it("never exposes a task's prompt or provider task id in the schema", async () => {
    const result = await api.execute(TaskFields);
    const taskFields = result.data!.task!.fields!.map((f) => f.name);
    expect(taskFields).toEqual(expect.arrayContaining(["promptIndex", "status", "attempts", "maxAttempts"]));
    expect(taskFields).not.toContain("prompt");
    expect(taskFields).not.toContain("providerTaskId");
    expect(result.data!.job!.fields!.map((f) => f.name)).not.toContain("isTestMode");
  });

  it("answers node(id) of a job to its owner, with its photos; null without data for another user or anonymously", async () => {
    const { newer, photo } = await avatarWithJobs(anna);
    const id = globalId("GenerationJob", newer.id);
    const owner = await api.execute(JobNode, { id }, { headers: anna.headers });
    expect(owner.errors).toBeUndefined();
    expect(owner.data!.node).toMatchObject({
      id,
      status: "PROCESSING",
      avatar: { name: "Jobs avatar" },
      pack: { name: "Winter pack" },
      style: null,
      generatedPhotos: { totalCount: 1, edges: [{ node: { imageUrl: photo.imageUrl, job: { id } } }] },
    });
    for (const headers of [boris.headers, undefined]) {
      const result = await api.execute(JobNode, { id }, { headers });
      expect(result.errors).toBeUndefined();
      expect(result.data!.node).toBeNull();
      expect(JSON.stringify(result)).not.toContain("Jobs avatar");
    }
  });

  it("answers task nodes to their owner only, also mixed with someone else's in nodes(ids)", async () => {
    const mine = await avatarWithJobs(anna);
    const theirs = await avatarWithJobs(boris);
    const myTask = await api.prisma.generationTask.findFirstOrThrow({ where: { jobId: mine.newer.id, promptIndex: 0 } });
    const theirTask = await api.prisma.generationTask.findFirstOrThrow({ where: { jobId: theirs.newer.id, promptIndex: 1 } });
    const ids = [globalId("GenerationTask", myTask.id), globalId("GenerationTask", theirTask.id)];
    const result = await api.execute(TaskNodes, { ids }, { headers: anna.headers });
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes).toEqual([{ id: ids[0], promptIndex: 0, status: "SUCCEEDED" }, null]);
    const anonymous = await api.execute(TaskNodes, { ids });
    expect(anonymous.data!.nodes).toEqual([null, null]);
  });

  it("loads avatar → jobs → tasks in a fixed number of statements (3 vs 6 jobs)", async () => {
    const counts: number[] = [];
    for (const jobs of [3, 6]) {
      const avatar = await api.prisma.avatar.create({ data: { userId: anna.id, name: `Jobs ${jobs}` } });
      for (let j = 0; j < jobs; j++) {
        const job = await api.prisma.generationJob.create({
          data: { avatarId: avatar.id, styleId, totalPhotos: jobs, completedPhotos: j % jobs },
        });
        await api.prisma.generationTask.createMany({
          data: Array.from({ length: jobs }, (_, i) => ({ jobId: job.id, avatarId: avatar.id, promptIndex: i, prompt: "p" })),
        });
      }
      const result = await api.execute(AvatarJobs, { id: globalId("Avatar", avatar.id) }, { headers: anna.headers });
      expect(result.errors).toBeUndefined();
      expect((result.data!.node as { generationJobs: { totalCount: number } }).generationJobs.totalCount).toBe(jobs);
      counts.push(result.statements.length);
    }
    console.info(`avatar → latestJob, generationJobs → tasks: ${counts[0]} statements for 3×3, ${counts[1]} for 6×6`);
    expect(counts[1], `3 jobs × 3 tasks took ${counts[0]} statements`).toBe(counts[0]);
  });
});
