// Generation, read side: the jobs that turn an avatar's references into portraits, and
// their per-prompt tasks. Owner-only, through the avatar. Prompt texts (a pack's know-how)
// and provider task ids stay server-side. Starting and running jobs: a later issue.
import { createContextCache } from "@pothos/core";
import DataLoader from "dataloader";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import {
  GenerationJobStatus as GenerationJobStatusValues,
  GenerationTaskStatus as GenerationTaskStatusValues,
} from "../generated/prisma/enums.ts";
import { isStaff, onViewersAvatar, parseDatabaseId } from "./access.ts";
import { PhotoPack, Style } from "./catalogue.ts";
import { Avatar, GeneratedPhoto, viewerOwnsAvatar } from "./photos.ts";
import { newestFirst } from "./ordering.ts";

export const GenerationJobStatus = builder.enumType(GenerationJobStatusValues, { name: "GenerationJobStatus" });
export const GenerationTaskStatus = builder.enumType(GenerationTaskStatusValues, { name: "GenerationTaskStatus" });

// Tasks carry a job id; as with photos and avatars (schema/photos.ts), a job whose owner
// this request already checked makes its tasks' check free, and other jobs are checked
// in one batched query.
const jobOwnership = createContextCache((context: Context) => ({
  known: new Set<number>(),
  loader: new DataLoader<number, boolean>(async (ids) => {
    const mine = await context.prisma.generationJob.findMany({
      where: { id: { in: [...ids] }, ...onViewersAvatar(context) },
      select: { id: true },
    });
    const found = new Set(mine.map((job) => job.id));
    return ids.map((id) => found.has(id));
  }),
}));

async function viewerOwnsJobOfAvatar(context: Context, job: { id: number; avatarId: number }): Promise<boolean> {
  const mine = await viewerOwnsAvatar(context, job.avatarId);
  if (mine) jobOwnership(context).known.add(job.id);
  return mine;
}

function viewerOwnsJob(context: Context, jobId: number): boolean | Promise<boolean> {
  if (isStaff(context)) return true;
  if (!context.user) return false;
  const ownership = jobOwnership(context);
  return ownership.known.has(jobId) || ownership.loader.load(jobId);
}

export const GenerationJob = builder.prismaNode("GenerationJob", {
  id: { field: "id" },
  nullable: true,
  description: "One paid generation run for an avatar: a style's or a pack's prompts, one portrait each.",
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "GenerationJob"), ...onViewersAvatar(context) }),
  authScopes: (job, context) => viewerOwnsJobOfAvatar(context, job),
  fields: (t) => ({
    status: t.expose("status", { type: GenerationJobStatus }),
    totalPhotos: t.exposeInt("totalPhotos"),
    completedPhotos: t.exposeInt("completedPhotos"),
    progress: t.float({
      description: "completedPhotos / totalPhotos, from 0 to 1.",
      resolve: (job) => (job.totalPhotos > 0 ? Math.min(job.completedPhotos / job.totalPhotos, 1) : 0),
    }),
    errorMessage: t.exposeString("errorMessage", { nullable: true }),
    style: t.relation("style", { nullable: true, type: Style }),
    pack: t.relation("pack", { nullable: true, type: PhotoPack }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    avatar: t.relation("avatar", { type: Avatar }),
    tasks: t.relatedConnection("tasks", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ promptIndex: "asc" }, { id: "asc" }] },
    }),
    generatedPhotos: t.relatedConnection("generatedPhotos", {
      cursor: "id",
      totalCount: true,
      type: GeneratedPhoto,
      query: { orderBy: newestFirst },
    }),
  }),
});

export const GenerationTask = builder.prismaNode("GenerationTask", {
  id: { field: "id" },
  nullable: true,
  description: "One prompt of a job at the image provider, by its position in the job.",
  // Select mode: the prompt text is never even loaded.
  select: { jobId: true },
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "GenerationTask"), job: onViewersAvatar(context) }),
  authScopes: (task, context) => viewerOwnsJob(context, task.jobId),
  fields: (t) => ({
    promptIndex: t.exposeInt("promptIndex"),
    status: t.expose("status", { type: GenerationTaskStatus }),
    attempts: t.exposeInt("attempts"),
    maxAttempts: t.exposeInt("maxAttempts"),
    errorMessage: t.exposeString("errorMessage", { nullable: true }),
    resultUrl: t.exposeString("resultUrl", { nullable: true }),
    submittedAt: t.expose("submittedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectFields(Avatar, (t) => ({
  generationJobs: t.relatedConnection("generationJobs", {
    cursor: "id",
    totalCount: true,
    type: GenerationJob,
    query: { orderBy: newestFirst },
  }),
  latestJob: t.field({
    type: GenerationJob,
    nullable: true,
    description: "The newest generation job, or null before the first one.",
    // One relation load per list of avatars, newest row per avatar (no query per avatar).
    select: (_args, _context, nestedSelection) => ({
      generationJobs: nestedSelection({ take: 1, orderBy: newestFirst }),
    }),
    resolve: (avatar) => avatar.generationJobs[0] ?? null,
  }),
}));

builder.prismaObjectField(GeneratedPhoto, "job", (t) =>
  t.relation("job", { nullable: true, type: GenerationJob, description: "The job that generated this photo." }),
);
