// Avatars and their photos: reference uploads, generated photos and favorites. Everything
// here is its owner's (and staff's) only; staff also see owners and favorite counts, and list
// avatars, generated photos and favorites (admin.avatars, admin.generatedPhotos, admin.photoFavorites).
import { createContextCache } from "@pothos/core";
import { prismaConnectionHelpers } from "@pothos/plugin-prisma";
import DataLoader from "dataloader";
import { z } from "zod";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { AvatarStatus as AvatarStatusValues } from "../generated/prisma/enums.ts";
import { canRead, filterDatabaseId, isStaff, onViewersAvatar, ownedByViewer, parseDatabaseId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { all, type DateRange, dateRangeFilter, DateRangeInput, search } from "./filters.ts";
import { CREATED_AT, newestFirst, orderBy, orderInput } from "./ordering.ts";
import { Style } from "./pricing-tiers-and-styles.ts";
import { User } from "./user.ts";

// ─── Ownership of rows that hang off an avatar ────────────────────────────────────
// Photos and jobs carry an avatar id, not a user id. Reached through their avatar (the
// usual, nested path) the avatar's own check already proved the owner, so theirs is
// free; reached otherwise (node(id), favorites) one batched query per request answers.

const avatarOwnership = createContextCache((context: Context) => ({
  known: new Set<number>(),
  loader: new DataLoader<number, boolean>(async (ids) => {
    const mine = await context.prisma.avatar.findMany({
      where: { id: { in: [...ids] }, ...ownedByViewer(context) },
      select: { id: true },
    });
    const found = new Set(mine.map((avatar) => avatar.id));
    return ids.map((id) => found.has(id));
  }),
}));

/** Records that this request saw `avatarId` to be the viewer's. */
export function rememberViewersAvatar(context: Context, avatarId: number): void {
  avatarOwnership(context).known.add(avatarId);
}

/** Whether the avatar is the viewer's: the type-level check of everything under an avatar. */
export function viewerOwnsAvatar(context: Context, avatarId: number): boolean | Promise<boolean> {
  if (isStaff(context)) return true;
  if (!context.user) return false;
  const ownership = avatarOwnership(context);
  return ownership.known.has(avatarId) || ownership.loader.load(avatarId);
}

// ─── Types ────────────────────────────────────────────────────────────────────────

export const AvatarStatus = builder.enumType(AvatarStatusValues, { name: "AvatarStatus" });

export const Avatar = builder.prismaNode("Avatar", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "Avatar"), ...ownedByViewer(context) }),
  authScopes: (avatar, context) => {
    if (!canRead(context, avatar.userId)) return false;
    rememberViewersAvatar(context, avatar.id);
    return true;
  },
  fields: (t) => ({
    name: t.exposeString("name"),
    status: t.expose("status", { type: AvatarStatus }),
    thumbnailUrl: t.exposeString("thumbnailUrl", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    referencePhotoCount: t.relationCount("referencePhotos"),
    generatedPhotoCount: t.relationCount("generatedPhotos"),
    referencePhotos: t.relatedConnection("referencePhotos", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: newestFirst },
    }),
    generatedPhotos: t.relatedConnection("generatedPhotos", {
      cursor: "id",
      totalCount: true,
      args: { styleId: t.arg.globalID({ for: Style, description: "Only photos in this style." }) },
      query: (args) => ({
        // An id that cannot be a style matches no photo rather than failing the page.
        where: args.styleId ? { styleId: /^\d{1,9}$/.test(args.styleId.id) ? Number(args.styleId.id) : -1 } : {},
        orderBy: newestFirst,
      }),
    }),
    sharedGalleries: t.relatedConnection("sharedGalleries", { cursor: "id", query: { orderBy: newestFirst } }),
  }),
});

export const ReferencePhoto = builder.prismaNode("ReferencePhoto", {
  id: { field: "id" },
  nullable: true,
  description: "An image the owner uploaded for an avatar to be generated from.",
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "ReferencePhoto"), ...onViewersAvatar(context) }),
  authScopes: (photo, context) => viewerOwnsAvatar(context, photo.avatarId),
  fields: (t) => ({
    imageUrl: t.exposeString("imageUrl"),
    originalFilename: t.exposeString("originalFilename", { nullable: true }),
    mimeType: t.exposeString("mimeType", { nullable: true }),
    sizeBytes: t.exposeInt("sizeBytes", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    avatar: t.relation("avatar"),
  }),
});

export const GeneratedPhoto = builder.prismaNode("GeneratedPhoto", {
  id: { field: "id" },
  nullable: true,
  description: "A portrait generated for an avatar.",
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "GeneratedPhoto"), ...onViewersAvatar(context) }),
  authScopes: (photo, context) => viewerOwnsAvatar(context, photo.avatarId),
  fields: (t) => ({
    imageUrl: t.exposeString("imageUrl"),
    thumbnailUrl: t.exposeString("thumbnailUrl", { nullable: true }),
    prompt: t.exposeString("prompt"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    style: t.relation("style", { nullable: true }),
    avatar: t.relation("avatar"),
    isFavorite: t.boolean({
      description: "Whether the viewer marked this photo as a favorite.",
      // Loaded with the photos, per list: no statement per photo.
      select: (_args, context) => ({
        favorites: { where: { userId: context.user?.id ?? -1 }, select: { id: true }, take: 1 },
      }),
      resolve: (photo) => photo.favorites.length > 0,
    }),
  }),
});

// ─── The viewer's avatars and favorites ───────────────────────────────────────────

const favoritePages = prismaConnectionHelpers(builder, "PhotoFavorite", {
  cursor: "id",
  // Favorites of the viewer's own photos only, so every node below is known to be theirs.
  query: (_args, context) => ({ where: { photo: onViewersAvatar(context) } }),
  select: (nodeSelection) => ({ createdAt: true, photo: nodeSelection({}) }),
  resolveNode: (favorite) => favorite.photo,
});

builder.prismaObjectFields("User", (t) => ({
  avatars: t.relatedConnection("avatars", { cursor: "id", totalCount: true, query: { orderBy: newestFirst } }),
  favoritePhotos: t.connection(
    {
      type: GeneratedPhoto,
      description: "Photos the viewer marked as favorites, most recently marked first.",
      select: (args, context, nestedSelection) => ({
        photoFavorites: { ...favoritePages.getQuery(args, context, nestedSelection), orderBy: newestFirst },
      }),
      resolve: (user, args, context) => {
        for (const favorite of user.photoFavorites) rememberViewersAvatar(context, favorite.photo.avatarId);
        return favoritePages.resolve(user.photoFavorites, args, context);
      },
    },
    {},
    { fields: (edge) => ({ favoritedAt: edge.field({ type: "DateTime", resolve: (favorite) => favorite.createdAt }) }) },
  ),
}));

// ─── What staff also see (authScopes per field) ────────────────────────────────────────────

export const PhotoFavorite = builder.prismaObject("PhotoFavorite", {
  description: "A user marked a photo as a favorite (staff only).",
  authScopes: { staff: true },
  fields: (t) => ({
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    user: t.relation("user", { type: User }),
    photo: t.relation("photo", { type: GeneratedPhoto }),
  }),
});

builder.prismaObjectFields(Avatar, (t) => ({
  user: t.relation("user", { type: User, authScopes: { staff: true }, description: "The owner." }),
}));

builder.prismaObjectFields(GeneratedPhoto, (t) => ({
  favoriteCount: t.relationCount("favorites", { authScopes: { staff: true } }),
}));

// ─── Staff lists: admin.avatars, admin.generatedPhotos, admin.photoFavorites ───────────────

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

const AdminPhotoFavoritesFilter = builder.inputType("AdminPhotoFavoritesFilter", {
  fields: (t) => ({
    user: t.id({ description: "A User id (who marked it)." }),
    photo: t.id({ description: "A GeneratedPhoto id." }),
  }),
});

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
