// Generation: the jobs that turn an avatar's references into portraits, and their per-prompt
// tasks. Owner-only, through the avatar; prompt texts (a pack's know-how) and provider task
// ids are staff only (AdminGenerationTask). Starting a paid run (startGeneration) and the
// staff lists of jobs and tasks (admin.generationJobs, admin.generationTasks).
import { createContextCache } from "@pothos/core";
import { encodeGlobalID } from "@pothos/plugin-relay";
import DataLoader from "dataloader";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { ConflictError, NotFoundError, PaymentRequiredError } from "../domain/errors.ts";
import { startGeneration } from "../domain/generation.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import {
  GenerationJobStatus as GenerationJobStatusValues,
  GenerationTaskStatus as GenerationTaskStatusValues,
} from "../generated/prisma/enums.ts";
import { filterDatabaseId, isStaff, onViewersAvatar, parseDatabaseId, viewerId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { all, type DateRange, dateRangeFilter, DateRangeInput } from "./filters.ts";
import { CREATED_AT, newestFirst, orderBy, orderInput } from "./ordering.ts";
import { Payment } from "./payments.ts";
import { PhotoPack } from "./photo-packs.ts";
import { Avatar, GeneratedPhoto, viewerOwnsAvatar } from "./photos.ts";
import { Style } from "./pricing-tiers-and-styles.ts";

export const GenerationJobStatus = builder.enumType(GenerationJobStatusValues, { name: "GenerationJobStatus" });
export const GenerationTaskStatus = builder.enumType(GenerationTaskStatusValues, { name: "GenerationTaskStatus" });

// Tasks carry a job id; as with photos and avatars (photos.ts), a job whose owner
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

// ─── Starting a paid run ───────────────────────────────────────────────────────────────────

const StartGenerationInput = builder.inputType("StartGenerationInput", {
  fields: (t) => ({
    avatarId: t.globalID({ required: true, for: Avatar }),
    styleId: t.globalID({ for: Style, description: "Generate the style's prompts. Give exactly one of styleId and packId." }),
    packId: t.globalID({ for: PhotoPack, description: "Generate the pack's prompts. Give exactly one of styleId and packId." }),
    paymentId: t.globalID({
      for: Payment,
      description: "The succeeded, unused payment to spend; by default the oldest one (viewer.availablePayment).",
    }),
  }),
});

builder.mutationField("startGeneration", (t) =>
  t.prismaField({
    type: GenerationJob,
    authScopes: { user: true },
    description:
      "Spends one paid, unused payment on a generation for an avatar: one portrait per photo the payment bought, " +
      "from the style's or the pack's prompts. The avatar is PROCESSING until the job ends; follow it with " +
      "generationJobUpdated. Errors: PaymentRequiredError (no spendable payment), ConflictError (the avatar is " +
      "already being generated or has no reference photos), NotFoundError.",
    errors: { types: [NotFoundError, PaymentRequiredError, ConflictError] },
    args: { input: t.arg({ type: StartGenerationInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const jobId = await startGeneration(
        context.prisma,
        context.events,
        viewerId(context),
        {
          avatarId: parseDatabaseId(input.avatarId.id, "Avatar"),
          styleId: input.styleId ? parseDatabaseId(input.styleId.id, "Style") : null,
          packId: input.packId ? parseDatabaseId(input.packId.id, "PhotoPack") : null,
          paymentId: input.paymentId ? parseDatabaseId(input.paymentId.id, "Payment") : null,
        },
        { maxAttempts: context.config.generation.maxAttempts },
      );
      return context.prisma.generationJob.findUniqueOrThrow({ ...query, where: { id: jobId } });
    },
  }),
);

// ─── What staff also see: prompts, provider ids, the funding payment ───────────────────────

/**
 * A generation task as staff see it: with the prompt text and the provider's task id,
 * which stay server-side for users. (`GenerationTask` itself refuses staff: its owner
 * check above only knows users; so staff read tasks through this type.)
 */
export const AdminGenerationTask = builder.prismaObject("GenerationTask", {
  variant: "AdminGenerationTask",
  description: "A generation task with its provider details (staff only).",
  authScopes: { staff: true },
  fields: (t) => ({
    id: t.id({ description: "The task's GenerationTask global id.", resolve: (task) => encodeGlobalID("GenerationTask", task.id) }),
    promptIndex: t.exposeInt("promptIndex"),
    prompt: t.exposeString("prompt"),
    status: t.expose("status", { type: GenerationTaskStatus }),
    providerTaskId: t.exposeString("providerTaskId", { nullable: true }),
    attempts: t.exposeInt("attempts"),
    maxAttempts: t.exposeInt("maxAttempts"),
    errorMessage: t.exposeString("errorMessage", { nullable: true }),
    resultUrl: t.exposeString("resultUrl", { nullable: true }),
    nextPollAt: t.expose("nextPollAt", { type: "DateTime", nullable: true }),
    submittedAt: t.expose("submittedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    job: t.relation("job", { type: GenerationJob }),
    generatedPhoto: t.relation("generatedPhoto", { type: GeneratedPhoto, nullable: true }),
  }),
});

// No `isTestMode` field: the user-side contract keeps it off GenerationJob (generation.test.ts);
// staff find test-mode jobs with the `isTestMode` filter of admin.generationJobs.
builder.prismaObjectFields(GenerationJob, (t) => ({
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: { staff: true } }),
  payment: t.relation("payment", {
    type: Payment,
    nullable: true,
    authScopes: { staff: true },
    description: "The payment that funded the job.",
  }),
  providerTasks: t.relatedConnection("tasks", {
    type: AdminGenerationTask,
    cursor: "id",
    totalCount: true,
    authScopes: { staff: true },
    description: "The job's tasks with prompts and provider ids, by prompt index.",
    query: { orderBy: [{ promptIndex: "asc" }, { id: "asc" }] },
  }),
}));

// ─── Staff lists: admin.generationJobs, admin.generationTasks ──────────────────────────────

const AdminGenerationJobsFilter = builder.inputType("AdminGenerationJobsFilter", {
  fields: (t) => ({
    status: t.field({ type: GenerationJobStatus }),
    user: t.id({ description: "A User id (the avatar's owner)." }),
    avatar: t.id({ description: "An Avatar id." }),
    createdAt: t.field({ type: DateRangeInput }),
    isTestMode: t.boolean(),
  }),
});
const AdminGenerationJobsOrder = orderInput(
  "AdminGenerationJobsOrder",
  ["CREATED_AT", "COMPLETED_AT"] as const,
  "Newest first when left out; unfinished jobs sort last by COMPLETED_AT.",
);

const AdminGenerationTasksFilter = builder.inputType("AdminGenerationTasksFilter", {
  fields: (t) => ({
    status: t.field({ type: GenerationTaskStatus }),
    job: t.id({ description: "A GenerationJob id." }),
    failedAttempts: t.boolean({ description: "Only tasks that were retried or have an error (true), or neither (false)." }),
  }),
});
const AdminGenerationTasksOrder = orderInput(
  "AdminGenerationTasksOrder",
  ["CREATED_AT", "UPDATED_AT"] as const,
  "Newest first when left out.",
);

function jobsWhere(
  f:
    | {
        status?: "PENDING" | "PROCESSING" | "COMPLETED" | "FAILED" | null;
        user?: string | null;
        avatar?: string | null;
        createdAt?: DateRange;
        isTestMode?: boolean | null;
      }
    | null
    | undefined,
) {
  const avatarId = filterDatabaseId(f?.avatar, "Avatar");
  const userId = filterDatabaseId(f?.user, "User");
  const createdAt = dateRangeFilter(f?.createdAt);
  return all<Prisma.GenerationJobWhereInput>(
    f?.status ? { status: f.status } : undefined,
    avatarId !== undefined && { avatarId },
    userId !== undefined && { avatar: { userId } },
    createdAt && { createdAt },
    f?.isTestMode != null && { isTestMode: f.isTestMode },
  );
}

function tasksWhere(
  f:
    | {
        status?: "PENDING" | "SUBMITTED" | "PROCESSING" | "SUCCEEDED" | "FAILED" | null;
        job?: string | null;
        failedAttempts?: boolean | null;
      }
    | null
    | undefined,
) {
  const jobId = filterDatabaseId(f?.job, "GenerationJob");
  const troubled = { OR: [{ attempts: { gt: 1 } }, { errorMessage: { not: null } }] };
  return all<Prisma.GenerationTaskWhereInput>(
    f?.status ? { status: f.status } : undefined,
    jobId !== undefined && { jobId },
    f?.failedAttempts != null && (f.failedAttempts ? troubled : { NOT: troubled }),
  );
}

builder.objectFields(AdminQueries, (t) => ({
  generationJobs: t.prismaConnection({
    type: GenerationJob,
    cursor: "id",
    args: { filter: t.arg({ type: AdminGenerationJobsFilter }), orderBy: t.arg({ type: AdminGenerationJobsOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.generationJob.count({ where: jobsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.generationJob.findMany({
        ...query,
        where: jobsWhere(args.filter),
        orderBy: orderBy<Prisma.GenerationJobOrderByWithRelationInput>(
          args.orderBy,
          { ...CREATED_AT, COMPLETED_AT: { column: "completedAt", nullable: true } },
          "CREATED_AT",
        ),
      }),
  }),
  generationTasks: t.prismaConnection({
    type: AdminGenerationTask,
    cursor: "id",
    args: { filter: t.arg({ type: AdminGenerationTasksFilter }), orderBy: t.arg({ type: AdminGenerationTasksOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.generationTask.count({ where: tasksWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.generationTask.findMany({
        ...query,
        where: tasksWhere(args.filter),
        orderBy: orderBy<Prisma.GenerationTaskOrderByWithRelationInput>(
          args.orderBy,
          { ...CREATED_AT, UPDATED_AT: { column: "updatedAt" } },
          "CREATED_AT",
        ),
      }),
  }),
}));
