// Promo codes and their usages (one per user): staff lists; only ADMIN creates, changes and
// deactivates. (Applying a code: payment-checkout.ts.)
import { z } from "zod";
import { builder } from "../builder.ts";
import { createPromoCode, deactivatePromoCode, updatePromoCode } from "../domain/admin-billing.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { DiscountType as DiscountTypeValues } from "../generated/prisma/enums.ts";
import { filterDatabaseId, requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { dateRangeFilter, DateRangeInput, searchText } from "./filters.ts";
import { money } from "./inputs.ts";
import { newestFirst } from "./ordering.ts";

// ─── Types ───────────────────────────────────────────────────────────────────────

export const DiscountType = builder.enumType(DiscountTypeValues, {
  name: "DiscountType",
  description: "PERCENT: discountValue is a percentage (1–100). FIXED: discountValue is RUB off.",
});

export const PromoCode = builder.prismaNode("PromoCode", {
  id: { field: "id" },
  nullable: true,
  description: "A discount code. One use per user; `usesCount` rises with each use. Staff only.",
  findUnique: (id, context) => staffOnlyLookup(id, context, "PromoCode"),
  authScopes: { staff: true },
  fields: (t) => ({
    code: t.exposeString("code"),
    description: t.exposeString("description", { nullable: true }),
    discountType: t.expose("discountType", { type: DiscountType }),
    discountValue: t.expose("discountValue", { type: "Decimal" }),
    maxUses: t.exposeInt("maxUses", { nullable: true, description: "Null: unlimited." }),
    usesCount: t.exposeInt("usesCount"),
    validFrom: t.expose("validFrom", { type: "DateTime", nullable: true }),
    validUntil: t.expose("validUntil", { type: "DateTime", nullable: true, description: "Expiry; null: never expires." }),
    isActive: t.exposeBoolean("isActive"),
    createdBy: t.relation("createdBy", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    usages: t.relatedConnection("usages", { cursor: "id", totalCount: true, query: { orderBy: newestFirst } }),
  }),
});

export const PromoCodeUsage = builder.prismaNode("PromoCodeUsage", {
  id: { field: "id" },
  nullable: true,
  description: "A user's redemption of a promo code (at most one per user and code). Staff only.",
  findUnique: (id, context) => staffOnlyLookup(id, context, "PromoCodeUsage"),
  authScopes: { staff: true },
  fields: (t) => ({
    promoCode: t.relation("promoCode"),
    user: t.relation("user"),
    payment: t.relation("payment", { nullable: true }),
    discountAmount: t.expose("discountAmount", { type: "Decimal", description: "RUB taken off." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// ─── Admin lists ─────────────────────────────────────────────────────────────────

const PromoCodeFilter = builder.inputType("AdminPromoCodeFilter", {
  fields: (t) => ({
    active: t.boolean({ description: "Only codes switched on (true) or off (false)." }),
    search: t.string({ description: "Part of the code or its description." }),
  }),
});

const PromoCodeUsageFilter = builder.inputType("AdminPromoCodeUsageFilter", {
  fields: (t) => ({
    promoCode: t.id({ description: "A PromoCode's global id." }),
    user: t.id({ description: "A User's global id." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

function promoCodeWhere(filter: typeof PromoCodeFilter.$inferInput | null | undefined): Prisma.PromoCodeWhereInput {
  const search = searchText(filter?.search);
  return {
    ...(filter?.active != null ? { isActive: filter.active } : {}),
    ...(search
      ? {
          OR: [
            { code: { contains: search, mode: "insensitive" as const } },
            { description: { contains: search, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
}

function promoCodeUsageWhere(filter: typeof PromoCodeUsageFilter.$inferInput | null | undefined): Prisma.PromoCodeUsageWhereInput {
  return {
    ...(filter?.promoCode ? { promoCodeId: filterDatabaseId(filter.promoCode, "PromoCode") } : {}),
    ...(filter?.user ? { userId: filterDatabaseId(filter.user, "User") } : {}),
    ...(dateRangeFilter(filter?.createdAt) ? { createdAt: dateRangeFilter(filter?.createdAt) } : {}),
  };
}

builder.objectFields(AdminQueries, (t) => ({
  promoCodes: t.prismaConnection({
    type: PromoCode,
    cursor: "id",
    description: "Promo codes, inactive ones included, newest first.",
    args: { filter: t.arg({ type: PromoCodeFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.promoCode.count({ where: promoCodeWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.promoCode.findMany({ ...query, where: promoCodeWhere(filter), orderBy: newestFirst }),
  }),
  promoCodeUsages: t.prismaConnection({
    type: PromoCodeUsage,
    cursor: "id",
    description: "Promo code redemptions, newest first.",
    args: { filter: t.arg({ type: PromoCodeUsageFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.promoCodeUsage.count({ where: promoCodeUsageWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.promoCodeUsage.findMany({ ...query, where: promoCodeUsageWhere(filter), orderBy: newestFirst }),
  }),
}));

// ─── Mutations ───────────────────────────────────────────────────────────────────

const promoCodeText = z
  .string()
  .trim()
  .min(3, "at least 3 characters")
  .max(32, "at most 32 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "only letters A–Z, digits, _ and -");
const percentOrAmount = money.refine((value) => Number(value) > 0, "must be greater than 0");
const discountRange = (input: { discountType?: string | null; discountValue?: string | null }, ctx: z.RefinementCtx) => {
  if (input.discountType === "PERCENT" && input.discountValue && (Number(input.discountValue) < 1 || Number(input.discountValue) > 100)) {
    ctx.addIssue({ code: "custom", path: ["discountValue"], message: "a percent discount is between 1 and 100" });
  }
};
const validityOrder = (input: { validFrom?: Date | null; validUntil?: Date | null }, ctx: z.RefinementCtx) => {
  if (input.validFrom && input.validUntil && input.validUntil <= input.validFrom) {
    ctx.addIssue({ code: "custom", path: ["validUntil"], message: "must be after validFrom" });
  }
};
const promoFields = {
  description: z.string().trim().max(500, "at most 500 characters").nullish(),
  maxUses: z.number().int().min(1, "at least 1").max(10_000_000, "at most 10000000").nullish(),
  validFrom: z.date().nullish(),
  validUntil: z.date().nullish(),
};

const CreatePromoCodeInput = builder.inputType("CreatePromoCodeInput", {
  fields: (t) => ({
    code: t.string({ required: true, description: "3–32 of A–Z, 0–9, _ and -; stored upper-case." }),
    description: t.string(),
    discountType: t.field({ type: DiscountType, required: true }),
    discountValue: t.field({ type: "Decimal", required: true }),
    maxUses: t.int({ description: "Null: unlimited." }),
    validFrom: t.field({ type: "DateTime" }),
    validUntil: t.field({ type: "DateTime" }),
    isActive: t.boolean({ description: "Default true." }),
  }),
  validate: z
    .object({
      code: promoCodeText,
      discountType: z.enum(DiscountTypeValues),
      discountValue: percentOrAmount,
      isActive: z.boolean().nullish(),
      ...promoFields,
    })
    .superRefine(discountRange)
    .superRefine(validityOrder),
});

const UpdatePromoCodeInput = builder.inputType("UpdatePromoCodeInput", {
  description: "Fields left out stay as they are; null clears description, maxUses, validFrom and validUntil.",
  fields: (t) => ({
    id: t.id({ required: true }),
    code: t.string(),
    description: t.string(),
    discountType: t.field({ type: DiscountType }),
    discountValue: t.field({ type: "Decimal" }),
    maxUses: t.int(),
    validFrom: t.field({ type: "DateTime" }),
    validUntil: t.field({ type: "DateTime" }),
    isActive: t.boolean(),
  }),
  validate: z
    .object({
      id: z.string(),
      code: promoCodeText.optional(),
      discountType: z.enum(DiscountTypeValues, "must not be null").optional(),
      discountValue: percentOrAmount.optional(),
      isActive: z.boolean("must not be null").optional(),
      ...promoFields,
    })
    .superRefine(discountRange)
    .superRefine(validityOrder),
});

const DeactivatePromoCodeInput = builder.inputType("DeactivatePromoCodeInput", { fields: (t) => ({ id: t.id({ required: true }) }) });

builder.mutationFields((t) => ({
  createPromoCode: t.prismaField({
    type: PromoCode,
    description: "Creates a promo code (stored upper-case; a code in use answers ConflictError). Admin only.",
    authScopes: { admin: true },
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: CreatePromoCodeInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await audited(context, "promoCode.create", { type: "PromoCode" }, async (tx) => {
        const { before, after } = await createPromoCode(tx, context.admin!.id, {
          code: input.code,
          description: input.description,
          discountType: input.discountType,
          discountValue: input.discountValue,
          maxUses: input.maxUses,
          validFrom: input.validFrom,
          validUntil: input.validUntil,
          isActive: input.isActive ?? undefined,
        });
        return { result: after.id, before, after, targetId: after.id };
      });
      return context.prisma.promoCode.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updatePromoCode: t.prismaField({
    type: PromoCode,
    description: "Changes a promo code. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UpdatePromoCodeInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.id, "PromoCode");
      await audited(context, "promoCode.update", { type: "PromoCode", id }, async (tx) => {
        const change = await updatePromoCode(tx, id, {
          code: input.code ?? undefined,
          description: input.description, // undefined: unchanged; null: cleared
          discountType: input.discountType ?? undefined,
          discountValue: input.discountValue ?? undefined,
          maxUses: input.maxUses, // undefined: unchanged; null: cleared
          validFrom: input.validFrom, // undefined: unchanged; null: cleared
          validUntil: input.validUntil, // undefined: unchanged; null: cleared
          isActive: input.isActive ?? undefined,
        });
        return { result: null, ...change };
      });
      return context.prisma.promoCode.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  deactivatePromoCode: t.prismaField({
    type: PromoCode,
    description: "Switches a promo code off (it stays listed, with its usages). Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: DeactivatePromoCodeInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.id, "PromoCode");
      await audited(context, "promoCode.deactivate", { type: "PromoCode", id }, async (tx) => ({
        result: null,
        ...(await deactivatePromoCode(tx, id)),
      }));
      return context.prisma.promoCode.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
