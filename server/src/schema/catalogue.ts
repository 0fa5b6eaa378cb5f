// What PinGlass sells and in which styles: public, no sign-in needed.
import { builder } from "../builder.ts";

export const PricingTier = builder.prismaNode("PricingTier", {
  id: { field: "id" },
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
  authScopes: { public: true },
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    description: t.exposeString("description", { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  pricingTiers: t.prismaField({
    type: [PricingTier],
    description: "Active pricing tiers, in display order.",
    resolve: (query, _root, _args, { prisma }) =>
      prisma.pricingTier.findMany({ ...query, where: { isActive: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
  }),
  styles: t.prismaField({
    type: [Style],
    description: "Active generation styles, in display order.",
    resolve: (query, _root, _args, { prisma }) =>
      prisma.style.findMany({ ...query, where: { isActive: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
  }),
}));
