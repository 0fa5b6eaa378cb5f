// Admin panel, users and content: staff lists over avatars, photos, generation jobs and
// tasks, shared galleries and favorites. Every list is read by any admin panel account.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import type { Prisma } from "../../../generated/prisma/client.ts";
import { GenerationJob, GenerationJobStatus, GenerationTaskStatus } from "../../generation.ts";
import { Avatar, AvatarStatus, GeneratedPhoto, SharedGallery } from "../../photos.ts";
import { AdminGenerationTask, PhotoFavorite } from "./staff-fields.ts";
import { filterDatabaseId } from "../../access.ts";
import { AdminQueries } from "../../admin-queries.ts";
import { all, type DateRange, dateRangeFilter, DateRangeInput, search } from "../../filters.ts";
import { CREATED_AT, newestFirst, orderBy, orderInput } from "../../ordering.ts";

const createdAtOnly = ["CREATED_AT"] as const;

const AdminAvatarsFilter = builder.inputType("AdminAvatarsFilter", {
  fields: (t) => ({
    status: t.field({ type: AvatarStatus }),
    user: t.id({ description: "A User id." }),
    search: t.string({ description: "Part of the avatar's name." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
  validate: z.object({ search }).loose(),
});
const AdminAvatarsOrder = orderInput("AdminAvatarsOrder", ["CREATED_AT", "UPDATED_AT"] as const, "Newest first when left out.");

const AdminGeneratedPhotosFilter = builder.inputType("AdminGeneratedPhotosFilter", {
  fields: (t) => ({
    avatar: t.id({ description: "An Avatar id." }),
    user: t.id({ description: "A User id (the avatar's owner)." }),
    style: t.id({ description: "A Style id." }),
    job: t.id({ description: "A GenerationJob id." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});
const AdminGeneratedPhotosOrder = orderInput("AdminGeneratedPhotosOrder", createdAtOnly, "Newest first when left out.");

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

const AdminSharedGalleriesFilter = builder.inputType("AdminSharedGalleriesFilter", {
  fields: (t) => ({
    user: t.id({ description: "A User id." }),
    avatar: t.id({ description: "An Avatar id." }),
    live: t.boolean({ description: "Neither revoked nor expired (true), or revoked or expired (false)." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});
const AdminSharedGalleriesOrder = orderInput(
  "AdminSharedGalleriesOrder",
  ["CREATED_AT", "VIEW_COUNT"] as const,
  "Newest first when left out.",
);

const AdminPhotoFavoritesFilter = builder.inputType("AdminPhotoFavoritesFilter", {
  fields: (t) => ({
    user: t.id({ description: "A User id (who marked it)." }),
    photo: t.id({ description: "A GeneratedPhoto id." }),
  }),
});

function liveGallery(now = new Date()): Prisma.SharedGalleryWhereInput {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

function avatarsWhere(
  f:
    | { status?: "DRAFT" | "PROCESSING" | "READY" | null; user?: string | null; search?: string | null; createdAt?: DateRange }
    | null
    | undefined,
) {
  const userId = filterDatabaseId(f?.user, "User");
  const term = f?.search?.trim();
  const createdAt = dateRangeFilter(f?.createdAt);
  return all<Prisma.AvatarWhereInput>(
    f?.status ? { status: f.status } : undefined,
    userId !== undefined && { userId },
    term && { name: { contains: term, mode: "insensitive" } },
    createdAt && { createdAt },
  );
}

function photosWhere(
  f: { avatar?: string | null; user?: string | null; style?: string | null; job?: string | null; createdAt?: DateRange } | null | undefined,
) {
  const avatarId = filterDatabaseId(f?.avatar, "Avatar");
  const userId = filterDatabaseId(f?.user, "User");
  const styleId = filterDatabaseId(f?.style, "Style");
  const jobId = filterDatabaseId(f?.job, "GenerationJob");
  const createdAt = dateRangeFilter(f?.createdAt);
  return all<Prisma.GeneratedPhotoWhereInput>(
    avatarId !== undefined && { avatarId },
    userId !== undefined && { avatar: { userId } },
    styleId !== undefined && { styleId },
    jobId !== undefined && { jobId },
    createdAt && { createdAt },
  );
}

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

function galleriesWhere(
  f: { user?: string | null; avatar?: string | null; live?: boolean | null; createdAt?: DateRange } | null | undefined,
) {
  const userId = filterDatabaseId(f?.user, "User");
  const avatarId = filterDatabaseId(f?.avatar, "Avatar");
  const createdAt = dateRangeFilter(f?.createdAt);
  return all<Prisma.SharedGalleryWhereInput>(
    userId !== undefined && { userId },
    avatarId !== undefined && { avatarId },
    f?.live != null && (f.live ? liveGallery() : { NOT: liveGallery() }),
    createdAt && { createdAt },
  );
}

function favoritesWhere(f: { user?: string | null; photo?: string | null } | null | undefined) {
  const userId = filterDatabaseId(f?.user, "User");
  const photoId = filterDatabaseId(f?.photo, "GeneratedPhoto");
  return all<Prisma.PhotoFavoriteWhereInput>(userId !== undefined && { userId }, photoId !== undefined && { photoId });
}

builder.objectFields(AdminQueries, (t) => ({
  avatars: t.prismaConnection({
    type: Avatar,
    cursor: "id",
    args: { filter: t.arg({ type: AdminAvatarsFilter }), orderBy: t.arg({ type: AdminAvatarsOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.avatar.count({ where: avatarsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.avatar.findMany({
        ...query,
        where: avatarsWhere(args.filter),
        orderBy: orderBy<Prisma.AvatarOrderByWithRelationInput>(
          args.orderBy,
          { ...CREATED_AT, UPDATED_AT: { column: "updatedAt" } },
          "CREATED_AT",
        ),
      }),
  }),
  generatedPhotos: t.prismaConnection({
    type: GeneratedPhoto,
    cursor: "id",
    args: { filter: t.arg({ type: AdminGeneratedPhotosFilter }), orderBy: t.arg({ type: AdminGeneratedPhotosOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.generatedPhoto.count({ where: photosWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.generatedPhoto.findMany({
        ...query,
        where: photosWhere(args.filter),
        orderBy: orderBy<Prisma.GeneratedPhotoOrderByWithRelationInput>(args.orderBy, CREATED_AT, "CREATED_AT"),
      }),
  }),
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
  sharedGalleries: t.prismaConnection({
    type: SharedGallery,
    cursor: "id",
    args: { filter: t.arg({ type: AdminSharedGalleriesFilter }), orderBy: t.arg({ type: AdminSharedGalleriesOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.sharedGallery.count({ where: galleriesWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.sharedGallery.findMany({
        ...query,
        where: galleriesWhere(args.filter),
        orderBy: orderBy<Prisma.SharedGalleryOrderByWithRelationInput>(
          args.orderBy,
          { ...CREATED_AT, VIEW_COUNT: { column: "viewCount" } },
          "CREATED_AT",
        ),
      }),
  }),
  photoFavorites: t.prismaConnection({
    type: PhotoFavorite,
    cursor: "id",
    description: "Favorite marks, newest first.",
    args: { filter: t.arg({ type: AdminPhotoFavoritesFilter }) },
    totalCount: (_root, args, { prisma }) => prisma.photoFavorite.count({ where: favoritesWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.photoFavorite.findMany({ ...query, where: favoritesWhere(args.filter), orderBy: newestFirst }),
  }),
}));
