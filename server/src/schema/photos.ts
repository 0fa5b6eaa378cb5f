// Photos: avatars, reference uploads, generated photos, favorites and shared galleries.
// Everything here is its owner's only, except the public view of a shared gallery.
import { createContextCache } from "@pothos/core";
import { prismaConnectionHelpers } from "@pothos/plugin-prisma";
import DataLoader from "dataloader";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import * as photos from "../domain/photos.ts";
import { AvatarStatus as AvatarStatusValues } from "../generated/prisma/enums.ts";
import { canRead, isStaff, onViewersAvatar, ownedByViewer, parseDatabaseId } from "./access.ts";
import { Style } from "./catalogue.ts";
import { newestFirst } from "./ordering.ts";

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

export const SharedGallery = builder.prismaNode("SharedGallery", {
  id: { field: "id" },
  nullable: true,
  description: "A public, read-only link to an avatar's photos, until it expires or is revoked.",
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "SharedGallery"), ...ownedByViewer(context) }),
  authScopes: (gallery, context) => canRead(context, gallery.userId),
  fields: (t) => ({
    token: t.exposeString("token"),
    url: t.string({ description: "Path of the public page, relative to the web app.", resolve: (g) => `/g/${g.token}` }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    viewCount: t.exposeInt("viewCount"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    avatar: t.relation("avatar"),
  }),
});

// The public view of a shared gallery: images and dates, nothing that identifies the owner.
const PublicPhoto = builder.prismaObject("GeneratedPhoto", {
  variant: "PublicPhoto",
  description: "A photo of a shared gallery.",
  authScopes: { public: true },
  select: { id: true },
  fields: (t) => ({
    imageUrl: t.exposeString("imageUrl"),
    thumbnailUrl: t.exposeString("thumbnailUrl", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// The order goes beside getQuery(), not in the helpers' `query`: their types take one
// ordering, Prisma a list of them.
const publicPhotoPages = prismaConnectionHelpers(builder, PublicPhoto, { cursor: "id" });

const PublicGallery = builder.prismaObject("SharedGallery", {
  variant: "PublicGallery",
  description: "What anyone with a gallery link sees.",
  authScopes: { public: true },
  select: { id: true },
  fields: (t) => ({
    avatarName: t.string({ select: { avatar: { select: { name: true } } }, resolve: (g) => g.avatar.name }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    photos: t.connection({
      type: PublicPhoto,
      select: (args, context, nestedSelection) => ({
        avatar: { select: { generatedPhotos: { ...publicPhotoPages.getQuery(args, context, nestedSelection), orderBy: newestFirst } } },
      }),
      resolve: (gallery, args, context) => publicPhotoPages.resolve(gallery.avatar.generatedPhotos, args, context),
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

builder.queryField("sharedGallery", (t) =>
  t.prismaField({
    type: PublicGallery,
    nullable: true,
    authScopes: { public: true },
    description: "A shared gallery by its link token; null when unknown, expired or revoked. Counts a view.",
    args: { token: t.arg.string({ required: true }) },
    resolve: async (query, _root, { token }, { prisma }) => {
      const selection = { ...query }; // read first: the unused-query check must not fail the early null
      if (!photos.isPlausibleGalleryToken(token)) return null;
      try {
        return await prisma.sharedGallery.update({
          ...selection,
          where: photos.viewableGallery(token),
          data: { viewCount: { increment: 1 } },
        });
      } catch (error) {
        if ((error as { code?: string }).code === "P2025") return null; // no such live gallery
        throw error;
      }
    },
  }),
);
