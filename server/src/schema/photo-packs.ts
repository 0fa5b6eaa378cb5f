// Catalogue: photo packs and their items. Public, active packs only; an item shows its
// prompt's title and preview, never its text. Staff also see retired packs and the prompts
// behind items; only ADMIN creates, changes and reorders them.
import { z } from "zod";
import { builder } from "../builder.ts";
import * as packs from "../domain/admin-photo-packs.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { activeById, databaseIdOf, isStaff, parseDatabaseId, requireDatabaseId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { ActiveFilter, type ActiveSearchFilter, activeWhere, searchText } from "./filters.ts";
import { description, flag, name, notNull, sortOrder, url } from "./inputs.ts";
import { displayOrder } from "./ordering.ts";
import { SavedPrompt } from "./saved-prompts.ts";

/**
 * One portrait of a pack. The prompt behind it is the product's know-how: only its title
 * and preview are public, never its text, negative prompt, key or tags.
 */
export const PackItem = builder.prismaNode("PackItem", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({
    id: parseDatabaseId(id, "PackItem"),
    ...(isStaff(context) ? {} : { pack: { isActive: true }, prompt: { isActive: true } }),
  }),
  authScopes: { public: true },
  fields: (t) => ({
    position: t.exposeInt("position", { description: "Order within the pack, from 0." }),
    title: t.string({
      select: { prompt: { select: { title: true } } },
      resolve: (item) => item.prompt.title,
    }),
    previewUrl: t.string({
      nullable: true,
      description: "The item's own preview, else its prompt's.",
      select: { previewUrl: true, prompt: { select: { previewUrl: true } } },
      resolve: (item) => item.previewUrl ?? item.prompt.previewUrl,
    }),
  }),
});

/** Items whose prompt was retired are left out of a pack. */
const visibleItems = { prompt: { isActive: true } };

export const PhotoPack = builder.prismaNode("PhotoPack", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => activeById(id, "PhotoPack", context),
  authScopes: { public: true },
  fields: (t) => ({
    name: t.exposeString("name"),
    description: t.exposeString("description", { nullable: true }),
    coverUrl: t.exposeString("coverUrl", { nullable: true }),
    isActive: t.exposeBoolean("isActive", { description: "False only when reached from a past generation." }),
    items: t.relatedConnection("items", {
      cursor: "id",
      totalCount: true,
      query: { where: visibleItems, orderBy: [{ position: "asc" }, { id: "asc" }] },
    }),
  }),
});

builder.queryFields((t) => ({
  photoPacks: t.prismaConnection({
    type: PhotoPack,
    cursor: "id",
    description: "Active photo packs, in display order.",
    authScopes: { public: true },
    totalCount: (_root, _args, { prisma }) => prisma.photoPack.count({ where: { isActive: true } }),
    resolve: (query, _root, _args, { prisma }) => prisma.photoPack.findMany({ ...query, where: { isActive: true }, orderBy: displayOrder }),
  }),
  photoPack: t.prismaField({
    type: PhotoPack,
    nullable: true,
    description: "An active photo pack by its global id (the same answer as node(id)); null when unknown or retired.",
    authScopes: { public: true },
    args: { id: t.arg.globalID({ required: true, for: PhotoPack }) },
    resolve: (query, _root, { id }, context) =>
      context.prisma.photoPack.findUnique({ ...query, where: activeById(id.id, "PhotoPack", context) }),
  }),
}));

// ─── Types ───────────────────────────────────────────────────────────────────────

builder.prismaObjectFields(PhotoPack, (t) => ({
  sortOrder: t.exposeInt("sortOrder", { authScopes: { staff: true } }),
  createdBy: t.relation("createdBy", { nullable: true, authScopes: { staff: true } }),
  createdAt: t.expose("createdAt", { type: "DateTime", authScopes: { staff: true } }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: { staff: true } }),
  allItems: t.relatedConnection("items", {
    cursor: "id",
    totalCount: true,
    authScopes: { staff: true },
    type: PackItem,
    description: "Every item, those with a retired prompt included, by position. Staff only.",
    query: { orderBy: [{ position: "asc" }, { id: "asc" }] },
  }),
}));

builder.prismaObjectFields(PackItem, (t) => ({
  pack: t.relation("pack", { authScopes: { staff: true } }),
  prompt: t.relation("prompt", { authScopes: { staff: true }, type: SavedPrompt }),
  ownPreviewUrl: t.exposeString("previewUrl", {
    nullable: true,
    authScopes: { staff: true },
    description: "The item's own preview (null: the prompt's is shown).",
  }),
  createdAt: t.expose("createdAt", { type: "DateTime", authScopes: { staff: true } }),
}));

// ─── Admin lists ─────────────────────────────────────────────────────────────────

const PhotoPackFilter = ActiveFilter("AdminPhotoPackFilter", "Part of the name.");

function packWhere(filter: ActiveSearchFilter): Prisma.PhotoPackWhereInput {
  const search = searchText(filter?.search);
  return { ...activeWhere(filter?.active), ...(search ? { name: { contains: search, mode: "insensitive" as const } } : {}) };
}

builder.objectFields(AdminQueries, (t) => ({
  photoPacks: t.prismaConnection({
    type: PhotoPack,
    cursor: "id",
    description: "Photo packs, retired ones included, in display order.",
    args: { filter: t.arg({ type: PhotoPackFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.photoPack.count({ where: packWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.photoPack.findMany({ ...query, where: packWhere(filter), orderBy: displayOrder }),
  }),
}));

// ─── Inputs ──────────────────────────────────────────────────────────────────────

const position = z.number().int().min(0, "at least 0").max(10_000, "at most 10000");

const CreatePhotoPackInput = builder.inputType("CreatePhotoPackInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
    coverUrl: t.string(),
    isActive: t.boolean({ description: "Default true." }),
    sortOrder: t.int(),
  }),
  validate: z.object({ name: name(255), description, coverUrl: url.nullish(), isActive: flag.nullish(), sortOrder: sortOrder.nullish() }),
});

const UpdatePhotoPackInput = builder.inputType("UpdatePhotoPackInput", {
  description: "Fields left out stay as they are; null clears description and coverUrl.",
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    description: t.string(),
    coverUrl: t.string(),
    isActive: t.boolean(),
    sortOrder: t.int(),
  }),
  validate: z.object({
    id: z.string(),
    name: name(255).optional(),
    description,
    coverUrl: url.nullish(),
    isActive: flag.optional(),
    sortOrder: sortOrder.optional(),
  }),
});

const AddPackItemInput = builder.inputType("AddPackItemInput", {
  fields: (t) => ({
    packId: t.id({ required: true }),
    promptId: t.id({ required: true, description: "An active SavedPrompt not yet in the pack." }),
    position: t.int({ description: "Where it goes (0 = first); the end when omitted. Later items move down one." }),
    previewUrl: t.string(),
  }),
  validate: z.object({ packId: z.string(), promptId: z.string(), position: position.nullish(), previewUrl: url.nullish() }),
});

const UpdatePackItemInput = builder.inputType("UpdatePackItemInput", {
  description: "Fields left out stay as they are; a null previewUrl clears it (the prompt's preview is shown).",
  fields: (t) => ({
    id: t.id({ required: true }),
    promptId: t.id(),
    position: t.int({ description: "Moves the item there; the items in between shift by one." }),
    previewUrl: t.string(),
  }),
  validate: z.object({ id: z.string(), promptId: z.string(notNull).optional(), position: position.optional(), previewUrl: url.nullish() }),
});

const RemovePackItemInput = builder.inputType("RemovePackItemInput", { fields: (t) => ({ id: t.id({ required: true }) }) });

const ReorderPackItemsInput = builder.inputType("ReorderPackItemsInput", {
  fields: (t) => ({
    packId: t.id({ required: true }),
    itemIds: t.idList({ required: true, description: "Every item of the pack, each once, in the new order." }),
  }),
  validate: z.object({ packId: z.string(), itemIds: z.array(z.string()).max(1000, "at most 1000 items") }),
});

/** Item ids of a reorder: anything that is not a PackItem id of the pack is a validation error, not a lookup. */
function itemIdsOf(values: readonly string[]): number[] {
  const ids = values.map((value) => databaseIdOf(value, "PackItem"));
  if (ids.some((id) => id === null)) throw ValidationError.of("input.itemIds", "must be PackItem ids");
  return ids as number[];
}

// ─── Mutations ───────────────────────────────────────────────────────────────────

builder.mutationFields((t) => ({
  createPhotoPack: t.prismaField({
    type: PhotoPack,
    description: "Adds a photo pack (empty; add items next). Admin only.",
    authScopes: { admin: true },
    errors: {},
    args: { input: t.arg({ type: CreatePhotoPackInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await audited(context, "photoPack.create", { type: "PhotoPack" }, async (tx) => {
        const change = await packs.createPhotoPack(tx, context.admin!.id, {
          name: input.name,
          description: input.description,
          coverUrl: input.coverUrl,
          isActive: input.isActive ?? undefined,
          sortOrder: input.sortOrder ?? undefined,
        });
        return { result: change.after.id, targetId: change.after.id, ...change };
      });
      return context.prisma.photoPack.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updatePhotoPack: t.prismaField({
    type: PhotoPack,
    description: "Changes a photo pack; isActive false retires it from the public catalogue. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: UpdatePhotoPackInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.id, "PhotoPack");
      await audited(context, "photoPack.update", { type: "PhotoPack", id }, async (tx) => ({
        result: null,
        ...(await packs.updatePhotoPack(tx, id, {
          name: input.name ?? undefined,
          description: input.description,
          coverUrl: input.coverUrl,
          isActive: input.isActive ?? undefined,
          sortOrder: input.sortOrder ?? undefined,
        })),
      }));
      return context.prisma.photoPack.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  addPackItem: t.prismaField({
    type: PackItem,
    description: "Adds a prompt to a pack at `position` (the end by default); positions stay 0…n-1. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: AddPackItemInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const packId = requireDatabaseId(input.packId, "PhotoPack");
      const promptId = requireDatabaseId(input.promptId, "SavedPrompt");
      const id = await audited(context, "packItem.add", { type: "PackItem" }, async (tx) => {
        const change = await packs.addPackItem(tx, { packId, promptId, position: input.position, previewUrl: input.previewUrl });
        return { result: change.after.id, targetId: change.after.id, ...change };
      });
      return context.prisma.packItem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updatePackItem: t.prismaField({
    type: PackItem,
    description: "Changes an item's prompt or preview, or moves it; positions stay 0…n-1. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UpdatePackItemInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.id, "PackItem");
      const promptId = input.promptId != null ? requireDatabaseId(input.promptId, "SavedPrompt") : undefined;
      await audited(context, "packItem.update", { type: "PackItem", id }, async (tx) => ({
        result: null,
        ...(await packs.updatePackItem(tx, id, { promptId, position: input.position ?? undefined, previewUrl: input.previewUrl })),
      }));
      return context.prisma.packItem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  removePackItem: t.prismaField({
    type: PhotoPack,
    description: "Removes an item from its pack (the items after it move up one) and answers the pack. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: RemovePackItemInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.id, "PackItem");
      const packId = await audited(context, "packItem.remove", { type: "PackItem", id }, async (tx) => {
        const { before, after, packId } = await packs.removePackItem(tx, id);
        return { result: packId, before, after };
      });
      return context.prisma.photoPack.findUniqueOrThrow({ ...query, where: { id: packId } });
    },
  }),
  reorderPackItems: t.prismaField({
    type: PhotoPack,
    description: "Puts a pack's items in the given order (positions 0…n-1). Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: ReorderPackItemsInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const packId = requireDatabaseId(input.packId, "PhotoPack");
      const itemIds = itemIdsOf(input.itemIds);
      await audited(context, "packItem.reorder", { type: "PhotoPack", id: packId }, async (tx) => ({
        result: null,
        ...(await packs.reorderPackItems(tx, packId, itemIds)),
      }));
      return context.prisma.photoPack.findUniqueOrThrow({ ...query, where: { id: packId } });
    },
  }),
}));
