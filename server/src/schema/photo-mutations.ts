// Photo mutations: avatars, reference uploads, favorites and deletions. Rules live in
// domain/photos.ts; these resolvers translate input and results.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import * as photos from "../domain/photos.ts";
import { onViewersAvatar, ownedByViewer, parseDatabaseId, viewerId } from "./access.ts";
import { Avatar, GeneratedPhoto, ReferencePhoto, rememberViewersAvatar } from "./photos.ts";

const avatarName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(photos.AVATAR_NAME_MAX_LENGTH, `at most ${photos.AVATAR_NAME_MAX_LENGTH} characters`);

const CreateAvatarInput = builder.inputType("CreateAvatarInput", {
  fields: (t) => ({
    name: t.string({ required: true, validate: avatarName }),
    idempotencyKey: t.string({
      description: "Retrying with the same key answers the avatar the first call created.",
      validate: z.string().min(1, "must not be empty").max(255, "at most 255 characters"),
    }),
  }),
});

const RenameAvatarInput = builder.inputType("RenameAvatarInput", {
  fields: (t) => ({
    avatarId: t.globalID({ required: true, for: Avatar }),
    name: t.string({ required: true, validate: avatarName }),
  }),
});

const DeleteAvatarInput = builder.inputType("DeleteAvatarInput", {
  fields: (t) => ({ avatarId: t.globalID({ required: true, for: Avatar }) }),
});

const UploadReferencePhotosInput = builder.inputType("UploadReferencePhotosInput", {
  fields: (t) => ({
    avatarId: t.globalID({ required: true, for: Avatar }),
    files: t.field({
      type: ["File"],
      required: true,
      description: `1–${photos.MAX_FILES_PER_UPLOAD} JPEG, PNG, WEBP or HEIC images (multipart request).`,
    }),
  }),
});

const DeleteReferencePhotoInput = builder.inputType("DeleteReferencePhotoInput", {
  fields: (t) => ({ photoId: t.globalID({ required: true, for: ReferencePhoto }) }),
});

const photoIdInput = (name: string) =>
  builder.inputType(name, { fields: (t) => ({ photoId: t.globalID({ required: true, for: GeneratedPhoto }) }) });

const DeleteAvatarPayload = builder.objectRef<{ avatarId: number }>("DeleteAvatarPayload").implement({
  fields: (t) => ({ deletedAvatarId: t.id({ resolve: (p) => encodeGlobalID("Avatar", p.avatarId) }) }),
});

const DeleteGeneratedPhotoPayload = builder.objectRef<{ photoId: number }>("DeleteGeneratedPhotoPayload").implement({
  fields: (t) => ({ deletedPhotoId: t.id({ resolve: (p) => encodeGlobalID("GeneratedPhoto", p.photoId) }) }),
});

/** The viewer's avatar after a change to it; null if it was deleted meanwhile. */
const viewersAvatar = (context: Context, query: object, avatarId: number) =>
  context.prisma.avatar.findFirst({ ...query, where: { id: avatarId, ...ownedByViewer(context) } });

const UploadReferencePhotosPayload = builder.objectRef<{ avatarId: number; photoIds: number[] }>("UploadReferencePhotosPayload").implement({
  fields: (t) => ({
    avatar: t.prismaField({
      type: Avatar,
      nullable: true,
      resolve: (query, p, _args, context) => viewersAvatar(context, query, p.avatarId),
    }),
    photos: t.prismaField({
      type: [ReferencePhoto],
      resolve: (query, p, _args, context) =>
        context.prisma.referencePhoto.findMany({
          ...query,
          where: { id: { in: p.photoIds }, ...onViewersAvatar(context) },
          orderBy: { id: "asc" },
        }),
    }),
  }),
});

const DeleteReferencePhotoPayload = builder.objectRef<{ avatarId: number; photoId: number }>("DeleteReferencePhotoPayload").implement({
  fields: (t) => ({
    deletedPhotoId: t.id({ resolve: (p) => encodeGlobalID("ReferencePhoto", p.photoId) }),
    avatar: t.prismaField({
      type: Avatar,
      nullable: true,
      resolve: (query, p, _args, context) => viewersAvatar(context, query, p.avatarId),
    }),
  }),
});

const loadAvatar = (context: Context, query: object, id: number) => context.prisma.avatar.findUniqueOrThrow({ ...query, where: { id } });
const loadPhoto = (context: Context, query: object, id: number) =>
  context.prisma.generatedPhoto.findUniqueOrThrow({ ...query, where: { id } });

builder.mutationFields((t) => ({
  createAvatar: t.prismaField({
    type: Avatar,
    authScopes: { user: true },
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: CreateAvatarInput, required: true }) },
    resolve: async (query, _root, { input }, context) =>
      loadAvatar(context, query, await photos.createAvatar(context.prisma, viewerId(context), input)),
  }),
  renameAvatar: t.prismaField({
    type: Avatar,
    authScopes: { user: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: RenameAvatarInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const avatarId = parseDatabaseId(input.avatarId.id, "Avatar");
      await photos.renameAvatar(context.prisma, viewerId(context), avatarId, input.name);
      return loadAvatar(context, query, avatarId);
    },
  }),
  deleteAvatar: t.field({
    type: DeleteAvatarPayload,
    authScopes: { user: true },
    description: "Deletes an avatar with its photos, jobs and galleries. Refused while it is being generated.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: DeleteAvatarInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const avatarId = parseDatabaseId(input.avatarId.id, "Avatar");
      await photos.deleteAvatar(context.prisma, context.storage, viewerId(context), avatarId);
      return { avatarId };
    },
  }),
  uploadReferencePhotos: t.field({
    type: UploadReferencePhotosPayload,
    authScopes: { user: true },
    description: "Adds reference photos to an avatar: all of them, or none if any is refused.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UploadReferencePhotosInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const avatarId = parseDatabaseId(input.avatarId.id, "Avatar");
      const photoIds = await photos.uploadReferencePhotos(
        context.prisma,
        context.storage,
        context.config.uploads,
        viewerId(context),
        avatarId,
        input.files,
      );
      rememberViewersAvatar(context, avatarId);
      return { avatarId, photoIds };
    },
  }),
  deleteReferencePhoto: t.field({
    type: DeleteReferencePhotoPayload,
    authScopes: { user: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: DeleteReferencePhotoInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const photoId = parseDatabaseId(input.photoId.id, "ReferencePhoto");
      const avatarId = await photos.deleteReferencePhoto(context.prisma, context.storage, viewerId(context), photoId);
      return { avatarId, photoId };
    },
  }),
  favoritePhoto: t.prismaField({
    type: GeneratedPhoto,
    authScopes: { user: true },
    description: "Marks a photo as a favorite; marking it again changes nothing.",
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: photoIdInput("FavoritePhotoInput"), required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const photoId = parseDatabaseId(input.photoId.id, "GeneratedPhoto");
      await photos.favoritePhoto(context.prisma, viewerId(context), photoId);
      return loadPhoto(context, query, photoId);
    },
  }),
  unfavoritePhoto: t.prismaField({
    type: GeneratedPhoto,
    authScopes: { user: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: photoIdInput("UnfavoritePhotoInput"), required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const photoId = parseDatabaseId(input.photoId.id, "GeneratedPhoto");
      await photos.unfavoritePhoto(context.prisma, viewerId(context), photoId);
      return loadPhoto(context, query, photoId);
    },
  }),
  deleteGeneratedPhoto: t.field({
    type: DeleteGeneratedPhotoPayload,
    authScopes: { user: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: photoIdInput("DeleteGeneratedPhotoInput"), required: true }) },
    resolve: async (_root, { input }, context) => {
      const photoId = parseDatabaseId(input.photoId.id, "GeneratedPhoto");
      await photos.deleteGeneratedPhoto(context.prisma, viewerId(context), photoId);
      return { photoId };
    },
  }),
}));
