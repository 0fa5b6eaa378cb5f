// Admin catalogue, the prompt library: saved prompts (their texts are staff only), the
// staff list, and their creation, changes and retirement. Staff read; only ADMIN changes.
import { z } from "zod";
import { builder } from "../builder.ts";
import * as catalogue from "../domain/admin-catalogue.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { filterDatabaseId, requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { activeWhere, searchText } from "./filters.ts";
import { flag, name, sortOrder, url } from "./inputs.ts";
import { displayOrder } from "./ordering.ts";

// ─── Types ───────────────────────────────────────────────────────────────────────

/** A prompt of the library. Its text is the product's know-how: staff only. */
export const SavedPrompt = builder.prismaNode("SavedPrompt", {
  id: { field: "id" },
  nullable: true,
  description: "A prompt of the library; with a style, one of that style's generation prompts. Staff only.",
  findUnique: (id, context) => staffOnlyLookup(id, context, "SavedPrompt"),
  authScopes: { staff: true },
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

// ─── Admin lists ─────────────────────────────────────────────────────────────────

const SavedPromptFilter = builder.inputType("AdminSavedPromptFilter", {
  fields: (t) => ({
    style: t.id({ description: "A Style's global id." }),
    active: t.boolean(),
    search: t.string({ description: "Part of the key, title or prompt text." }),
  }),
});

function promptWhere(filter: typeof SavedPromptFilter.$inferInput | null | undefined): Prisma.SavedPromptWhereInput {
  const search = searchText(filter?.search);
  return {
    ...activeWhere(filter?.active),
    ...(filter?.style ? { styleId: filterDatabaseId(filter.style, "Style") } : {}),
    ...(search
      ? {
          OR: [
            { key: { contains: search, mode: "insensitive" as const } },
            { title: { contains: search, mode: "insensitive" as const } },
            { prompt: { contains: search, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
}

builder.objectFields(AdminQueries, (t) => ({
  savedPrompts: t.prismaConnection({
    type: SavedPrompt,
    cursor: "id",
    description: "The prompt library, retired prompts included, in display order.",
    args: { filter: t.arg({ type: SavedPromptFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.savedPrompt.count({ where: promptWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.savedPrompt.findMany({ ...query, where: promptWhere(filter), orderBy: displayOrder }),
  }),
}));

// ─── Inputs ──────────────────────────────────────────────────────────────────────

const tags = z.array(z.string().trim().min(1, "must not be empty").max(50, "at most 50 characters")).max(30, "at most 30 tags");
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

const DeactivateSavedPromptInput = builder.inputType("DeactivateSavedPromptInput", { fields: (t) => ({ id: t.id({ required: true }) }) });

/** A style reference from an input: undefined (unchanged), null (none) or its id (NotFoundError if not a Style id). */
function styleIdOf(value: string | null | undefined): number | null | undefined {
  if (value == null) return value;
  return requireDatabaseId(value, "Style");
}

// ─── Mutations ───────────────────────────────────────────────────────────────────

builder.mutationFields((t) => ({
  createSavedPrompt: t.prismaField({
    type: SavedPrompt,
    description: "Adds a prompt to the library (a key in use answers ConflictError). Admin only.",
    authScopes: { admin: true },
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
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UpdateSavedPromptInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.id, "SavedPrompt");
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
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: DeactivateSavedPromptInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.id, "SavedPrompt");
      await audited(context, "savedPrompt.deactivate", { type: "SavedPrompt", id }, async (tx) => ({
        result: null,
        ...(await catalogue.deactivateSavedPrompt(tx, id)),
      }));
      return context.prisma.savedPrompt.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
