// Admin catalogue: pricing tiers, styles, the prompt library, photo packs and their
// items. The public types (schema/catalogue.ts) show active rows only; staff lists here
// include retired ones and staff-only fields show what the public does not (prompt
// texts, display order, who created what). Staff read; only ADMIN changes.
import { z } from "zod";
import { builder } from "../../builder.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { audited } from "../../domain/audit.ts";
import * as catalogue from "../../domain/admin-catalogue.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors.ts";
import { PackItem, PhotoPack, PricingTier, Style } from "../catalogue.ts";
import { databaseIdOf, filterIdOf, money, staffOnly, targetIdOf } from "./billing.ts";
import { AdminQueries } from "./root.ts";

const staff = { staff: true } as const;
const displayOrder = [{ sortOrder: "asc" as const }, { id: "asc" as const }];
const insensitive = "insensitive" as const;

// ─── Types ───────────────────────────────────────────────────────────────────────

/** A prompt of the library. Its text is the product's know-how: staff only. */
export const SavedPrompt = builder.prismaNode("SavedPrompt", {
  id: { field: "id" },
  nullable: true,
  description: "A prompt of the library; with a style, one of that style's generation prompts. Staff only.",
  findUnique: (id, context) => staffOnly(id, context, "SavedPrompt"),
  authScopes: staff,
  fields: (t) => ({
    key: t.exposeString("key", { nullable: true, description: "Stable key referenced from code and seeds." }),
    title: t.exposeString("title"),
    prompt: t.exposeString("prompt"),
    negativePrompt: t.exposeString("negativePrompt", { nullable: true }),
    style: t.relation("style", { nullable: true }),
    previewUrl: t.exposeString("previewUrl", { nullable: true }),
    tags: t.exposeStringList("tags"),
    isActive: t.exposeBoolean("isActive"),
    isFavorite: t.exposeBoolean("isFavorite"),
    sortOrder: t.exposeInt("sortOrder"),
    createdBy: t.relation("createdBy", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    packItemCount: t.relationCount("packItems", { description: "How many pack items use this prompt." }),
  }),
});

builder.prismaObjectFields(PricingTier, (t) => ({
  isActive: t.exposeBoolean("isActive", { authScopes: staff, description: "Staff only (the public sees active tiers only)." }),
  sortOrder: t.exposeInt("sortOrder", { authScopes: staff }),
  createdAt: t.expose("createdAt", { type: "DateTime", authScopes: staff }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: staff }),
}));

builder.prismaObjectFields(Style, (t) => ({
  isActive: t.exposeBoolean("isActive", { authScopes: staff, description: "Staff only (the public sees active styles only)." }),
  sortOrder: t.exposeInt("sortOrder", { authScopes: staff }),
  createdAt: t.expose("createdAt", { type: "DateTime", authScopes: staff }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: staff }),
  prompts: t.relatedConnection("prompts", {
    cursor: "id",
    totalCount: true,
    authScopes: staff,
    type: SavedPrompt,
    description: "The style's prompts, inactive ones included, in display order. Staff only.",
    query: { orderBy: displayOrder },
  }),
}));

builder.prismaObjectFields(PhotoPack, (t) => ({
  sortOrder: t.exposeInt("sortOrder", { authScopes: staff }),
  createdBy: t.relation("createdBy", { nullable: true, authScopes: staff }),
  createdAt: t.expose("createdAt", { type: "DateTime", authScopes: staff }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: staff }),
  allItems: t.relatedConnection("items", {
    cursor: "id",
    totalCount: true,
    authScopes: staff,
    type: PackItem,
    description: "Every item, those with a retired prompt included, by position. Staff only.",
    query: { orderBy: [{ position: "asc" }, { id: "asc" }] },
  }),
}));

builder.prismaObjectFields(PackItem, (t) => ({
  pack: t.relation("pack", { authScopes: staff }),
  prompt: t.relation("prompt", { authScopes: staff, type: SavedPrompt }),
  ownPreviewUrl: t.exposeString("previewUrl", { nullable: true, authScopes: staff, description: "The item's own preview (null: the prompt's is shown)." }),
  createdAt: t.expose("createdAt", { type: "DateTime", authScopes: staff }),
}));

// ─── Admin lists ─────────────────────────────────────────────────────────────────

const ActiveFilter = (name: string, search?: string) =>
  builder.inputType(name, {
    fields: (t) => ({
      active: t.boolean({ description: "Only active (true) or retired (false) rows." }),
      ...(search ? { search: t.string({ description: search }) } : {}),
    }),
  });

const PricingTierFilter = ActiveFilter("AdminPricingTierFilter", "Part of the code or name.");
const StyleFilter = ActiveFilter("AdminStyleFilter", "Part of the code or name.");
const PhotoPackFilter = ActiveFilter("AdminPhotoPackFilter", "Part of the name.");

const SavedPromptFilter = builder.inputType("AdminSavedPromptFilter", {
  fields: (t) => ({
    style: t.id({ description: "A Style's global id." }),
    active: t.boolean(),
    search: t.string({ description: "Part of the key, title or prompt text." }),
  }),
});

const searchText = (value: string | null | undefined) => value?.trim() || undefined;
const activeWhere = (active: boolean | null | undefined) => (active != null ? { isActive: active } : {});
type Filter = { active?: boolean | null; search?: string | null } | null | undefined;

function tierWhere(filter: Filter): Prisma.PricingTierWhereInput {
  const search = searchText(filter?.search);
  return {
    ...activeWhere(filter?.active),
    ...(search ? { OR: [{ code: { contains: search, mode: insensitive } }, { name: { contains: search, mode: insensitive } }] } : {}),
  };
}

function styleWhere(filter: Filter): Prisma.StyleWhereInput {
  const search = searchText(filter?.search);
  return {
    ...activeWhere(filter?.active),
    ...(search ? { OR: [{ code: { contains: search, mode: insensitive } }, { name: { contains: search, mode: insensitive } }] } : {}),
  };
}

function packWhere(filter: Filter): Prisma.PhotoPackWhereInput {
  const search = searchText(filter?.search);
  return { ...activeWhere(filter?.active), ...(search ? { name: { contains: search, mode: insensitive } } : {}) };
}

function promptWhere(filter: typeof SavedPromptFilter.$inferInput | null | undefined): Prisma.SavedPromptWhereInput {
  const search = searchText(filter?.search);
  return {
    ...activeWhere(filter?.active),
    ...(filter?.style ? { styleId: filterIdOf(filter.style, "Style") } : {}),
    ...(search
      ? {
          OR: [
            { key: { contains: search, mode: insensitive } },
            { title: { contains: search, mode: insensitive } },
            { prompt: { contains: search, mode: insensitive } },
          ],
        }
      : {}),
  };
}

builder.objectFields(AdminQueries, (t) => ({
  pricingTiers: t.prismaConnection({
    type: PricingTier,
    cursor: "id",
    description: "Pricing tiers, retired ones included, in display order.",
    args: { filter: t.arg({ type: PricingTierFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.pricingTier.count({ where: tierWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) => prisma.pricingTier.findMany({ ...query, where: tierWhere(filter), orderBy: displayOrder }),
  }),
  styles: t.prismaConnection({
    type: Style,
    cursor: "id",
    description: "Styles, retired ones included, in display order.",
    args: { filter: t.arg({ type: StyleFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.style.count({ where: styleWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) => prisma.style.findMany({ ...query, where: styleWhere(filter), orderBy: displayOrder }),
  }),
  savedPrompts: t.prismaConnection({
    type: SavedPrompt,
    cursor: "id",
    description: "The prompt library, retired prompts included, in display order.",
    args: { filter: t.arg({ type: SavedPromptFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.savedPrompt.count({ where: promptWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) => prisma.savedPrompt.findMany({ ...query, where: promptWhere(filter), orderBy: displayOrder }),
  }),
  photoPacks: t.prismaConnection({
    type: PhotoPack,
    cursor: "id",
    description: "Photo packs, retired ones included, in display order.",
    args: { filter: t.arg({ type: PhotoPackFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.photoPack.count({ where: packWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) => prisma.photoPack.findMany({ ...query, where: packWhere(filter), orderBy: displayOrder }),
  }),
}));

// ─── Inputs ──────────────────────────────────────────────────────────────────────

const catalogueCode = (max: number) =>
  z
    .string()
    .trim()
    .min(2, "at least 2 characters")
    .max(max, `at most ${max} characters`)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "lower-case letters a–z, digits, _ and -, starting with a letter or digit");
const name = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);
const description = z.string().trim().max(2000, "at most 2000 characters").nullish();
const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000, "at most 2000 characters");
const price = money.refine((value) => Number(value) > 0, "must be greater than 0");
const photoCount = z.number().int().min(1, "at least 1").max(100, "at most 100");
const sortOrder = z.number().int().min(0, "at least 0").max(1_000_000, "at most 1000000");
const position = z.number().int().min(0, "at least 0").max(10_000, "at most 10000");
const notNull = "must not be null";
const flag = z.boolean(notNull);
const tags = z.array(z.string().trim().min(1, "must not be empty").max(50, "at most 50 characters")).max(30, "at most 30 tags");

const CreatePricingTierInput = builder.inputType("CreatePricingTierInput", {
  fields: (t) => ({
    code: t.string({ required: true, description: "2–20 of a–z, 0–9, _ and -; cannot change later." }),
    name: t.string({ required: true }),
    price: t.field({ type: "Decimal", required: true, description: "RUB." }),
    photoCount: t.int({ required: true }),
    isPopular: t.boolean(),
    isActive: t.boolean(),
    sortOrder: t.int(),
  }),
  validate: z.object({
    code: catalogueCode(20),
    name: name(100),
    price,
    photoCount,
    isPopular: flag.nullish(),
    isActive: flag.nullish(),
    sortOrder: sortOrder.nullish(),
  }),
});

const UpdatePricingTierInput = builder.inputType("UpdatePricingTierInput", {
  description: "Fields left out stay as they are. A new price applies to new payments only.",
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    price: t.field({ type: "Decimal" }),
    photoCount: t.int(),
    isPopular: t.boolean(),
    isActive: t.boolean(),
    sortOrder: t.int(),
  }),
  validate: z.object({
    id: z.string(),
    name: name(100).optional(),
    price: price.optional(),
    photoCount: photoCount.optional(),
    isPopular: flag.optional(),
    isActive: flag.optional(),
    sortOrder: sortOrder.optional(),
  }),
});

const CreateStyleInput = builder.inputType("CreateStyleInput", {
  fields: (t) => ({
    code: t.string({ required: true, description: "2–50 of a–z, 0–9, _ and -; cannot change later." }),
    name: t.string({ required: true }),
    description: t.string(),
    isActive: t.boolean(),
    sortOrder: t.int(),
  }),
  validate: z.object({ code: catalogueCode(50), name: name(100), description, isActive: flag.nullish(), sortOrder: sortOrder.nullish() }),
});

const UpdateStyleInput = builder.inputType("UpdateStyleInput", {
  description: "Fields left out stay as they are; a null description clears it.",
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    description: t.string(),
    isActive: t.boolean(),
    sortOrder: t.int(),
  }),
  validate: z.object({ id: z.string(), name: name(100).optional(), description, isActive: flag.optional(), sortOrder: sortOrder.optional() }),
});

const promptKey = z
  .string()
  .trim()
  .min(2, "at least 2 characters")
  .max(50, "at most 50 characters")
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, "lower-case letters a–z, digits, _, . and -");
const promptText = z.string().trim().min(10, "at least 10 characters").max(4000, "at most 4000 characters");

const CreateSavedPromptInput = builder.inputType("CreateSavedPromptInput", {
  fields: (t) => ({
    key: t.string(),
    title: t.string({ required: true }),
    prompt: t.string({ required: true }),
    negativePrompt: t.string(),
    style: t.id({ description: "A Style's global id: the prompt becomes one of that style's generation prompts." }),
    previewUrl: t.string(),
    tags: t.stringList(),
    isActive: t.boolean(),
    isFavorite: t.boolean(),
    sortOrder: t.int(),
  }),
  validate: z.object({
    key: promptKey.nullish(),
    title: name(255),
    prompt: promptText,
    negativePrompt: z.string().trim().max(4000, "at most 4000 characters").nullish(),
    style: z.string().nullish(),
    previewUrl: url.nullish(),
    tags: tags.nullish(),
    isActive: flag.nullish(),
    isFavorite: flag.nullish(),
    sortOrder: sortOrder.nullish(),
  }),
});

const UpdateSavedPromptInput = builder.inputType("UpdateSavedPromptInput", {
  description: "Fields left out stay as they are; null clears key, negativePrompt, style and previewUrl.",
  fields: (t) => ({
    id: t.id({ required: true }),
    key: t.string(),
    title: t.string(),
    prompt: t.string(),
    negativePrompt: t.string(),
    style: t.id(),
    previewUrl: t.string(),
    tags: t.stringList(),
    isActive: t.boolean(),
    isFavorite: t.boolean(),
    sortOrder: t.int(),
  }),
  validate: z.object({
    id: z.string(),
    key: promptKey.nullish(),
    title: name(255).optional(),
    prompt: promptText.optional(),
    negativePrompt: z.string().trim().max(4000, "at most 4000 characters").nullish(),
    style: z.string().nullish(),
    previewUrl: url.nullish(),
    tags: tags.optional(),
    isActive: flag.optional(),
    isFavorite: flag.optional(),
    sortOrder: sortOrder.optional(),
  }),
});

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
const DeactivateSavedPromptInput = builder.inputType("DeactivateSavedPromptInput", { fields: (t) => ({ id: t.id({ required: true }) }) });

const ReorderPackItemsInput = builder.inputType("ReorderPackItemsInput", {
  fields: (t) => ({
    packId: t.id({ required: true }),
    itemIds: t.idList({ required: true, description: "Every item of the pack, each once, in the new order." }),
  }),
  validate: z.object({ packId: z.string(), itemIds: z.array(z.string()).max(1000, "at most 1000 items") }),
});

/** A style reference from an input: undefined (unchanged), null (none) or its id (NotFoundError if not a Style id). */
function styleIdOf(value: string | null | undefined): number | null | undefined {
  if (value == null) return value;
  return targetIdOf(value, "Style");
}

/** Item ids of a reorder: anything that is not a PackItem id of the pack is a validation error, not a lookup. */
function itemIdsOf(values: readonly string[]): number[] {
  const ids = values.map((value) => databaseIdOf(value, "PackItem"));
  if (ids.some((id) => id === null)) throw ValidationError.of("input.itemIds", "must be PackItem ids");
  return ids as number[];
}

// ─── Mutations ───────────────────────────────────────────────────────────────────

const admin = { admin: true } as const;

builder.mutationFields((t) => ({
  createPricingTier: t.prismaField({
    type: PricingTier,
    description: "Adds a pricing tier (a code in use answers ConflictError). Admin only.",
    authScopes: admin,
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: CreatePricingTierInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await audited(context, "pricingTier.create", { type: "PricingTier" }, async (tx) => {
        const change = await catalogue.createPricingTier(tx, {
          code: input.code,
          name: input.name,
          price: input.price,
          photoCount: input.photoCount,
          isPopular: input.isPopular ?? undefined,
          isActive: input.isActive ?? undefined,
          sortOrder: input.sortOrder ?? undefined,
        });
        return { result: change.after.id, targetId: change.after.id, ...change };
      });
      return context.prisma.pricingTier.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updatePricingTier: t.prismaField({
    type: PricingTier,
    description: "Changes a pricing tier; isActive false retires it from the public catalogue. Admin only.",
    authScopes: admin,
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: UpdatePricingTierInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = targetIdOf(input.id, "PricingTier");
      await audited(context, "pricingTier.update", { type: "PricingTier", id }, async (tx) => ({
        result: null,
        ...(await catalogue.updatePricingTier(tx, id, {
          name: input.name ?? undefined,
          price: input.price ?? undefined,
          photoCount: input.photoCount ?? undefined,
          isPopular: input.isPopular ?? undefined,
          isActive: input.isActive ?? undefined,
          sortOrder: input.sortOrder ?? undefined,
        })),
      }));
      return context.prisma.pricingTier.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  createStyle: t.prismaField({
    type: Style,
    description: "Adds a generation style (a code in use answers ConflictError). Admin only.",
    authScopes: admin,
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: CreateStyleInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await audited(context, "style.create", { type: "Style" }, async (tx) => {
        const change = await catalogue.createStyle(tx, {
          code: input.code,
          name: input.name,
          description: input.description,
          isActive: input.isActive ?? undefined,
          sortOrder: input.sortOrder ?? undefined,
        });
        return { result: change.after.id, targetId: change.after.id, ...change };
      });
      return context.prisma.style.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateStyle: t.prismaField({
    type: Style,
    description: "Changes a style; isActive false retires it from the public catalogue. Admin only.",
    authScopes: admin,
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: UpdateStyleInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = targetIdOf(input.id, "Style");
      await audited(context, "style.update", { type: "Style", id }, async (tx) => ({
        result: null,
        ...(await catalogue.updateStyle(tx, id, {
          name: input.name ?? undefined,
          description: input.description,
          isActive: input.isActive ?? undefined,
          sortOrder: input.sortOrder ?? undefined,
        })),
      }));
      return context.prisma.style.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  createSavedPrompt: t.prismaField({
    type: SavedPrompt,
    description: "Adds a prompt to the library (a key in use answers ConflictError). Admin only.",
    authScopes: admin,
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: CreateSavedPromptInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const styleId = styleIdOf(input.style);
      const id = await audited(context, "savedPrompt.create", { type: "SavedPrompt" }, async (tx) => {
        const change = await catalogue.createSavedPrompt(tx, context.admin!.id, {
          key: input.key,
          title: input.title,
          prompt: input.prompt,
          negativePrompt: input.negativePrompt,
          styleId,
          previewUrl: input.previewUrl,
          tags: input.tags ?? undefined,
          isActive: input.isActive ?? undefined,
          isFavorite: input.isFavorite ?? undefined,
          sortOrder: input.sortOrder ?? undefined,
        });
        return { result: change.after.id, targetId: change.after.id, ...change };
      });
      return context.prisma.savedPrompt.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateSavedPrompt: t.prismaField({
    type: SavedPrompt,
    description: "Changes a prompt. Admin only.",
    authScopes: admin,
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UpdateSavedPromptInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = targetIdOf(input.id, "SavedPrompt");
      const styleId = styleIdOf(input.style);
      await audited(context, "savedPrompt.update", { type: "SavedPrompt", id }, async (tx) => ({
        result: null,
        ...(await catalogue.updateSavedPrompt(tx, id, {
          key: input.key,
          title: input.title ?? undefined,
          prompt: input.prompt ?? undefined,
          negativePrompt: input.negativePrompt,
          styleId,
          previewUrl: input.previewUrl,
          tags: input.tags ?? undefined,
          isActive: input.isActive ?? undefined,
          isFavorite: input.isFavorite ?? undefined,
          sortOrder: input.sortOrder ?? undefined,
        })),
      }));
      return context.prisma.savedPrompt.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  deactivateSavedPrompt: t.prismaField({
    type: SavedPrompt,
    description: "Retires a prompt: its style stops generating with it and packs stop showing its items. Admin only.",
    authScopes: admin,
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: DeactivateSavedPromptInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = targetIdOf(input.id, "SavedPrompt");
      await audited(context, "savedPrompt.deactivate", { type: "SavedPrompt", id }, async (tx) => ({
        result: null,
        ...(await catalogue.deactivateSavedPrompt(tx, id)),
      }));
      return context.prisma.savedPrompt.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  createPhotoPack: t.prismaField({
    type: PhotoPack,
    description: "Adds a photo pack (empty; add items next). Admin only.",
    authScopes: admin,
    errors: {},
    args: { input: t.arg({ type: CreatePhotoPackInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await audited(context, "photoPack.create", { type: "PhotoPack" }, async (tx) => {
        const change = await catalogue.createPhotoPack(tx, context.admin!.id, {
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
    authScopes: admin,
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: UpdatePhotoPackInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = targetIdOf(input.id, "PhotoPack");
      await audited(context, "photoPack.update", { type: "PhotoPack", id }, async (tx) => ({
        result: null,
        ...(await catalogue.updatePhotoPack(tx, id, {
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
    authScopes: admin,
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: AddPackItemInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const packId = targetIdOf(input.packId, "PhotoPack");
      const promptId = targetIdOf(input.promptId, "SavedPrompt");
      const id = await audited(context, "packItem.add", { type: "PackItem" }, async (tx) => {
        const change = await catalogue.addPackItem(tx, { packId, promptId, position: input.position, previewUrl: input.previewUrl });
        return { result: change.after.id, targetId: change.after.id, ...change };
      });
      return context.prisma.packItem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updatePackItem: t.prismaField({
    type: PackItem,
    description: "Changes an item's prompt or preview, or moves it; positions stay 0…n-1. Admin only.",
    authScopes: admin,
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UpdatePackItemInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = targetIdOf(input.id, "PackItem");
      const promptId = input.promptId != null ? targetIdOf(input.promptId, "SavedPrompt") : undefined;
      await audited(context, "packItem.update", { type: "PackItem", id }, async (tx) => ({
        result: null,
        ...(await catalogue.updatePackItem(tx, id, { promptId, position: input.position ?? undefined, previewUrl: input.previewUrl })),
      }));
      return context.prisma.packItem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  removePackItem: t.prismaField({
    type: PhotoPack,
    description: "Removes an item from its pack (the items after it move up one) and answers the pack. Admin only.",
    authScopes: admin,
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: RemovePackItemInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = targetIdOf(input.id, "PackItem");
      const packId = await audited(context, "packItem.remove", { type: "PackItem", id }, async (tx) => {
        const { before, after, packId } = await catalogue.removePackItem(tx, id);
        return { result: packId, before, after };
      });
      return context.prisma.photoPack.findUniqueOrThrow({ ...query, where: { id: packId } });
    },
  }),
  reorderPackItems: t.prismaField({
    type: PhotoPack,
    description: "Puts a pack's items in the given order (positions 0…n-1). Admin only.",
    authScopes: admin,
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: ReorderPackItemsInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const packId = targetIdOf(input.packId, "PhotoPack");
      const itemIds = itemIdsOf(input.itemIds);
      await audited(context, "packItem.reorder", { type: "PhotoPack", id: packId }, async (tx) => ({
        result: null,
        ...(await catalogue.reorderPackItems(tx, packId, itemIds)),
      }));
      return context.prisma.photoPack.findUniqueOrThrow({ ...query, where: { id: packId } });
    },
  }),
}));
