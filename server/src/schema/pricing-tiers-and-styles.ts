// Catalogue: pricing tiers and styles. Public, active rows only (through lists and node(id)
// alike; a row reached from something the viewer owns stays readable after it is retired);
// staff also see retired rows and staff-only fields; only ADMIN creates and changes them.
import { z } from "zod";
import { builder } from "../builder.ts";
import * as catalogue from "../domain/admin-catalogue.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { activeById, requireDatabaseId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { ActiveFilter, type ActiveSearchFilter, activeWhere, searchText } from "./filters.ts";
import { description, flag, money, name, sortOrder } from "./inputs.ts";
import { displayOrder } from "./ordering.ts";
import { SavedPrompt } from "./saved-prompts.ts";

export const PricingTier = builder.prismaNode("PricingTier", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => activeById(id, "PricingTier", context),
  authScopes: { public: true },
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    price: t.expose("price", { type: "Decimal", description: "Price in RUB." }),
    photoCount: t.exposeInt("photoCount"),
    isPopular: t.exposeBoolean("isPopular"),
  }),
});

export const Style = builder.prismaNode("Style", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => activeById(id, "Style", context),
  authScopes: { public: true },
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    description: t.exposeString("description", { nullable: true }),
    promptCount: t.relationCount("prompts", {
      description: "How many active prompts this style generates with (one portrait each).",
      where: { isActive: true },
    }),
  }),
});

builder.queryFields((t) => ({
  pricingTiers: t.prismaField({
    type: [PricingTier],
    description: "Active pricing tiers, in display order.",
    authScopes: { public: true },
    resolve: (query, _root, _args, { prisma }) =>
      prisma.pricingTier.findMany({ ...query, where: { isActive: true }, orderBy: displayOrder }),
  }),
  styles: t.prismaField({
    type: [Style],
    description: "Active generation styles, in display order.",
    authScopes: { public: true },
    resolve: (query, _root, _args, { prisma }) => prisma.style.findMany({ ...query, where: { isActive: true }, orderBy: displayOrder }),
  }),
}));

// ─── Types ───────────────────────────────────────────────────────────────────────

builder.prismaObjectFields(PricingTier, (t) => ({
  isActive: t.exposeBoolean("isActive", { authScopes: { staff: true }, description: "Staff only (the public sees active tiers only)." }),
  sortOrder: t.exposeInt("sortOrder", { authScopes: { staff: true } }),
  createdAt: t.expose("createdAt", { type: "DateTime", authScopes: { staff: true } }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: { staff: true } }),
}));

builder.prismaObjectFields(Style, (t) => ({
  isActive: t.exposeBoolean("isActive", { authScopes: { staff: true }, description: "Staff only (the public sees active styles only)." }),
  sortOrder: t.exposeInt("sortOrder", { authScopes: { staff: true } }),
  createdAt: t.expose("createdAt", { type: "DateTime", authScopes: { staff: true } }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: { staff: true } }),
  prompts: t.relatedConnection("prompts", {
    cursor: "id",
    totalCount: true,
    authScopes: { staff: true },
    type: SavedPrompt,
    description: "The style's prompts, inactive ones included, in display order. Staff only.",
    query: { orderBy: displayOrder },
  }),
}));

// ─── Admin lists ─────────────────────────────────────────────────────────────────

const PricingTierFilter = ActiveFilter("AdminPricingTierFilter", "Part of the code or name.");
const StyleFilter = ActiveFilter("AdminStyleFilter", "Part of the code or name.");

function tierWhere(filter: ActiveSearchFilter): Prisma.PricingTierWhereInput {
  const search = searchText(filter?.search);
  return {
    ...activeWhere(filter?.active),
    ...(search
      ? { OR: [{ code: { contains: search, mode: "insensitive" as const } }, { name: { contains: search, mode: "insensitive" as const } }] }
      : {}),
  };
}

function styleWhere(filter: ActiveSearchFilter): Prisma.StyleWhereInput {
  const search = searchText(filter?.search);
  return {
    ...activeWhere(filter?.active),
    ...(search
      ? { OR: [{ code: { contains: search, mode: "insensitive" as const } }, { name: { contains: search, mode: "insensitive" as const } }] }
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
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.pricingTier.findMany({ ...query, where: tierWhere(filter), orderBy: displayOrder }),
  }),
  styles: t.prismaConnection({
    type: Style,
    cursor: "id",
    description: "Styles, retired ones included, in display order.",
    args: { filter: t.arg({ type: StyleFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.style.count({ where: styleWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.style.findMany({ ...query, where: styleWhere(filter), orderBy: displayOrder }),
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
const price = money.refine((value) => Number(value) > 0, "must be greater than 0");
const photoCount = z.number().int().min(1, "at least 1").max(100, "at most 100");

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
  validate: z.object({
    id: z.string(),
    name: name(100).optional(),
    description,
    isActive: flag.optional(),
    sortOrder: sortOrder.optional(),
  }),
});

// ─── Mutations ───────────────────────────────────────────────────────────────────

builder.mutationFields((t) => ({
  createPricingTier: t.prismaField({
    type: PricingTier,
    description: "Adds a pricing tier (a code in use answers ConflictError). Admin only.",
    authScopes: { admin: true },
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
    authScopes: { admin: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: UpdatePricingTierInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.id, "PricingTier");
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
    authScopes: { admin: true },
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
    authScopes: { admin: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: UpdateStyleInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.id, "Style");
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
}));
