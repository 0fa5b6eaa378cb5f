// What PinGlass sells and in which styles: public, no sign-in needed. Only active rows
// are visible, through lists and through node(id) alike; a row reached from something
// the viewer owns (a payment's tier, a job's pack) stays readable after it is retired.
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { isStaff, parseDatabaseId } from "./access.ts";

/** The filter every catalogue lookup by id adds: retired rows answer null, like unknown ids (staff see them). */
function activeById(id: string | number, entity: string, context: Context) {
  return { id: parseDatabaseId(id, entity), ...(isStaff(context) ? {} : { isActive: true }) };
}

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

const activeInDisplayOrder = {
  where: { isActive: true },
  orderBy: [{ sortOrder: "asc" as const }, { id: "asc" as const }],
};

builder.queryFields((t) => ({
  pricingTiers: t.prismaField({
    type: [PricingTier],
    description: "Active pricing tiers, in display order.",
    authScopes: { public: true },
    resolve: (query, _root, _args, { prisma }) => prisma.pricingTier.findMany({ ...query, ...activeInDisplayOrder }),
  }),
  styles: t.prismaField({
    type: [Style],
    description: "Active generation styles, in display order.",
    authScopes: { public: true },
    resolve: (query, _root, _args, { prisma }) => prisma.style.findMany({ ...query, ...activeInDisplayOrder }),
  }),
  photoPacks: t.prismaConnection({
    type: PhotoPack,
    cursor: "id",
    description: "Active photo packs, in display order.",
    authScopes: { public: true },
    totalCount: (_root, _args, { prisma }) => prisma.photoPack.count({ where: activeInDisplayOrder.where }),
    resolve: (query, _root, _args, { prisma }) => prisma.photoPack.findMany({ ...query, ...activeInDisplayOrder }),
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
