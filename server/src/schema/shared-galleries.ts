// Shared galleries: public, read-only links to an avatar's photos. The owner creates and
// revokes them; anyone with the link sees the public view (nothing that identifies the owner);
// staff see the owner and list every gallery (admin.sharedGalleries).
import { prismaConnectionHelpers } from "@pothos/plugin-prisma";
import { z } from "zod";
import { builder } from "../builder.ts";
import { NotFoundError } from "../domain/errors.ts";
import * as photos from "../domain/photos.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { canRead, filterDatabaseId, ownedByViewer, parseDatabaseId, viewerId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { all, type DateRange, dateRangeFilter, DateRangeInput } from "./filters.ts";
import { CREATED_AT, newestFirst, orderBy, orderInput } from "./ordering.ts";
import { Avatar } from "./photos.ts";
import { User } from "./user.ts";

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

// ─── Creating and revoking links ───────────────────────────────────────────────────────────

const CreateSharedGalleryInput = builder.inputType("CreateSharedGalleryInput", {
  fields: (t) => ({
    avatarId: t.globalID({ required: true, for: Avatar }),
    expiresInHours: t.int({
      defaultValue: photos.GALLERY_HOURS.default,
      validate: z.number().int().min(photos.GALLERY_HOURS.min).max(photos.GALLERY_HOURS.max),
    }),
  }),
});

const RevokeSharedGalleryInput = builder.inputType("RevokeSharedGalleryInput", {
  fields: (t) => ({ galleryId: t.globalID({ required: true, for: SharedGallery }) }),
});

builder.mutationFields((t) => ({
  createSharedGallery: t.prismaField({
    type: SharedGallery,
    authScopes: { user: true },
    description: "A new public link to an avatar's photos, valid for `expiresInHours` (1–720, default 168).",
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: CreateSharedGalleryInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const avatarId = parseDatabaseId(input.avatarId.id, "Avatar");
      const id = await photos.createSharedGallery(context.prisma, viewerId(context), avatarId, input.expiresInHours ?? undefined);
      return context.prisma.sharedGallery.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  revokeSharedGallery: t.prismaField({
    type: SharedGallery,
    authScopes: { user: true },
    description: "Turns a gallery link off for good; revoking it again changes nothing.",
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: RevokeSharedGalleryInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = parseDatabaseId(input.galleryId.id, "SharedGallery");
      await photos.revokeSharedGallery(context.prisma, viewerId(context), id);
      return context.prisma.sharedGallery.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

// ─── What staff also see, and the staff list admin.sharedGalleries ─────────────────────────

builder.prismaObjectFields(SharedGallery, (t) => ({
  user: t.relation("user", { type: User, authScopes: { staff: true }, description: "The owner." }),
}));

builder.prismaObjectFields(User, (t) => ({
  sharedGalleries: t.relatedConnection("sharedGalleries", {
    type: SharedGallery,
    cursor: "id",
    authScopes: { staff: true },
    query: { orderBy: newestFirst },
  }),
}));

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

function liveGallery(now = new Date()): Prisma.SharedGalleryWhereInput {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
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

builder.objectFields(AdminQueries, (t) => ({
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
}));
