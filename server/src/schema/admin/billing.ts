// Admin billing: every payment with its provider data, refunds (a state change; the
// provider call comes with the payments issue), webhook events, exchange rates, orphan
// TON transfers, promo codes and their usages. Staff read; only ADMIN changes.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../../builder.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import {
  Currency as CurrencyValues,
  DiscountType as DiscountTypeValues,
  OrphanPaymentStatus as OrphanPaymentStatusValues,
  PaymentProvider as PaymentProviderValues,
  PaymentStatus as PaymentStatusValues,
  WebhookEventStatus as WebhookEventStatusValues,
  WebhookProvider as WebhookProviderValues,
} from "../../generated/prisma/enums.ts";
import { audited } from "../../domain/audit.ts";
import {
  createPromoCode,
  deactivatePromoCode,
  requestRefund,
  resolveOrphanPayment,
  updatePromoCode,
  type OrphanResolution,
} from "../../domain/admin-billing.ts";
import { ConflictError, NotFoundError } from "../../domain/errors.ts";
import { isStaff, parseDatabaseId } from "../access.ts";
import { Currency, Payment, PaymentProvider, PaymentStatus } from "../payments.ts";
import { AdminQueries, DateRangeInput, SortDirection, dateRangeFilter, direction } from "./root.ts";

// ─── Ids ─────────────────────────────────────────────────────────────────────────

/** The database id inside a global id of `typename`, or null for anything else. */
export function databaseIdOf(globalId: string, typename: string): number | null {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename !== typename || !/^\d{1,10}$/.test(decoded.id)) return null;
    const id = Number(decoded.id);
    return id > 0 && id <= 2_147_483_647 ? id : null;
  } catch {
    return null;
  }
}

/** For a filter: the id, or one no row has (an unknown id matches nothing, it is no error). */
export const filterIdOf = (globalId: string, typename: string) => databaseIdOf(globalId, typename) ?? -1;

/** For a mutation: the id, or NotFoundError. */
export function targetIdOf(globalId: string, typename: string): number {
  const id = databaseIdOf(globalId, typename);
  if (id === null) throw new NotFoundError(typename);
  return id;
}

/** node(id) of a staff-only type: an impossible id for everyone else, so they get null. */
export const staffOnly = (id: string | number, context: Parameters<typeof isStaff>[0], entity: string) => ({
  id: isStaff(context) ? parseDatabaseId(id, entity) : -1,
});

/** A decimal string with at most two decimals (RUB, percent). */
export const money = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, "must be a positive amount with at most 2 decimals");

const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Masks what looks like a card number in a provider's payload (T-Bank sends `Pan` masked; never trust it). */
function maskCardNumbers(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => maskCardNumbers(item));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskCardNumbers(v, k)]));
  }
  if (typeof value === "string" && /pan|card/i.test(key)) {
    const digits = value.replace(/[\s-]/g, "");
    if (/^\d{12,19}$/.test(digits)) return `${digits.slice(0, 6)}${"*".repeat(digits.length - 10)}${digits.slice(-4)}`;
  }
  return value;
}

// ─── Types ───────────────────────────────────────────────────────────────────────

export const WebhookProvider = builder.enumType(WebhookProviderValues, { name: "WebhookProvider" });
export const WebhookEventStatus = builder.enumType(WebhookEventStatusValues, { name: "WebhookEventStatus" });
export const OrphanPaymentStatus = builder.enumType(OrphanPaymentStatusValues, { name: "OrphanPaymentStatus" });
export const DiscountType = builder.enumType(DiscountTypeValues, {
  name: "DiscountType",
  description: "PERCENT: discountValue is a percentage (1–100). FIXED: discountValue is RUB off.",
});

export const WebhookEvent = builder.prismaNode("WebhookEvent", {
  id: { field: "id" },
  nullable: true,
  description: "One provider notification as received: the audit trail and the exactly-once guard of its effect. Staff only.",
  findUnique: (id, context) => staffOnly(id, context, "WebhookEvent"),
  authScopes: { staff: true },
  fields: (t) => ({
    provider: t.expose("provider", { type: WebhookProvider }),
    eventId: t.exposeString("eventId"),
    eventType: t.exposeString("eventType", { nullable: true }),
    status: t.expose("status", { type: WebhookEventStatus }),
    payload: t.field({
      type: "JSON",
      description: "The notification body; anything that looks like a card number is masked.",
      select: { payload: true },
      resolve: (event) => maskCardNumbers(event.payload),
    }),
    payment: t.relation("payment", { nullable: true }),
    errorMessage: t.exposeString("errorMessage", { nullable: true }),
    processedAt: t.expose("processedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

export const ExchangeRate = builder.prismaNode("ExchangeRate", {
  id: { field: "id" },
  nullable: true,
  description: "A fetched rate: units of `quoteCurrency` per one `baseCurrency`. Staff only.",
  findUnique: (id, context) => staffOnly(id, context, "ExchangeRate"),
  authScopes: { staff: true },
  fields: (t) => ({
    baseCurrency: t.expose("baseCurrency", { type: Currency }),
    quoteCurrency: t.expose("quoteCurrency", { type: Currency }),
    rate: t.expose("rate", { type: "Decimal" }),
    source: t.exposeString("source"),
    fetchedAt: t.expose("fetchedAt", { type: "DateTime" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const NANO_PER_TON = 1_000_000_000n;

export const OrphanPayment = builder.prismaNode("OrphanPayment", {
  id: { field: "id" },
  nullable: true,
  description: "A TON transfer to the merchant wallet that matched no pending payment. Staff only.",
  findUnique: (id, context) => staffOnly(id, context, "OrphanPayment"),
  authScopes: { staff: true },
  fields: (t) => ({
    tonTxHash: t.string({ resolve: (orphan) => orphan.tonTxHash.trim() }),
    senderAddress: t.exposeString("senderAddress", { nullable: true }),
    amountNano: t.string({ description: "The raw chain amount in nanoton.", resolve: (orphan) => orphan.amountNano.toString() }),
    amountTon: t.field({
      type: "Decimal",
      resolve: (orphan) => `${orphan.amountNano / NANO_PER_TON}.${(orphan.amountNano % NANO_PER_TON).toString().padStart(9, "0")}`,
    }),
    comment: t.exposeString("comment", { nullable: true }),
    status: t.expose("status", { type: OrphanPaymentStatus }),
    matchedPayment: t.relation("matchedPayment", { nullable: true }),
    resolvedBy: t.relation("resolvedBy", { nullable: true }),
    resolvedAt: t.expose("resolvedAt", { type: "DateTime", nullable: true }),
    note: t.exposeString("note", { nullable: true }),
    receivedAt: t.expose("receivedAt", { type: "DateTime" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const PromoCode = builder.prismaNode("PromoCode", {
  id: { field: "id" },
  nullable: true,
  description: "A discount code. One use per user; `usesCount` rises with each use. Staff only.",
  findUnique: (id, context) => staffOnly(id, context, "PromoCode"),
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
  findUnique: (id, context) => staffOnly(id, context, "PromoCodeUsage"),
  authScopes: { staff: true },
  fields: (t) => ({
    promoCode: t.relation("promoCode"),
    user: t.relation("user"),
    payment: t.relation("payment", { nullable: true }),
    discountAmount: t.expose("discountAmount", { type: "Decimal", description: "RUB taken off." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// What only staff see of a payment (the owner's receipt fields are in schema/payments.ts).
const staff = { staff: true } as const;
builder.prismaObjectFields("Payment", (t) => ({
  user: t.relation("user", { authScopes: staff }),
  idempotencyKey: t.exposeString("idempotencyKey", { authScopes: staff }),
  tbankPaymentId: t.exposeString("tbankPaymentId", { nullable: true, authScopes: staff }),
  telegramChargeId: t.exposeString("telegramChargeId", { nullable: true, authScopes: staff }),
  tonTxHash: t.string({ nullable: true, authScopes: staff, select: { tonTxHash: true }, resolve: (p) => p.tonTxHash?.trim() ?? null }),
  tonSenderAddress: t.exposeString("tonSenderAddress", { nullable: true, authScopes: staff }),
  tonConfirmations: t.exposeInt("tonConfirmations", { nullable: true, authScopes: staff }),
  rateLockedAt: t.expose("rateLockedAt", { type: "DateTime", nullable: true, authScopes: staff }),
  rateExpiresAt: t.expose("rateExpiresAt", { type: "DateTime", nullable: true, authScopes: staff }),
  refundReason: t.exposeString("refundReason", { nullable: true, authScopes: staff }),
  consumedAvatar: t.relation("consumedAvatar", { nullable: true, authScopes: staff }),
  promoCodeUsage: t.relation("promoCodeUsage", { nullable: true, authScopes: staff }),
  updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: staff }),
  webhookEvents: t.relatedConnection("webhookEvents", {
    cursor: "id",
    totalCount: true,
    authScopes: staff,
    description: "The provider notifications about this payment, newest first. Staff only.",
    query: { orderBy: newestFirst },
  }),
}));

// ─── Admin lists ─────────────────────────────────────────────────────────────────

const PaymentFilter = builder.inputType("AdminPaymentFilter", {
  fields: (t) => ({
    status: t.field({ type: PaymentStatus }),
    provider: t.field({ type: PaymentProvider }),
    user: t.id({ description: "A User's global id." }),
    createdAt: t.field({ type: DateRangeInput }),
    isTestMode: t.boolean(),
    search: t.string({ description: "A provider's payment id (T-Bank id, Telegram charge id or TON hash), exactly." }),
  }),
});

const PaymentOrderField = builder.enumType("AdminPaymentOrderField", { values: ["CREATED_AT", "AMOUNT"] as const });

const PaymentOrder = builder.inputType("AdminPaymentOrder", {
  fields: (t) => ({
    field: t.field({ type: PaymentOrderField, required: true, defaultValue: "CREATED_AT" }),
    direction: t.field({ type: SortDirection, required: true, defaultValue: "DESC" }),
  }),
});

const WebhookEventFilter = builder.inputType("AdminWebhookEventFilter", {
  fields: (t) => ({
    provider: t.field({ type: WebhookProvider }),
    status: t.field({ type: WebhookEventStatus }),
    payment: t.id({ description: "A Payment's global id." }),
    search: t.string({ description: "Part of the provider's event id." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

const ExchangeRateFilter = builder.inputType("AdminExchangeRateFilter", {
  fields: (t) => ({
    baseCurrency: t.field({ type: Currency }),
    quoteCurrency: t.field({ type: Currency }),
    fetchedAt: t.field({ type: DateRangeInput }),
  }),
});

const OrphanPaymentFilter = builder.inputType("AdminOrphanPaymentFilter", {
  fields: (t) => ({
    status: t.field({ type: OrphanPaymentStatus }),
    receivedAt: t.field({ type: DateRangeInput }),
    search: t.string({ description: "A TON transaction hash or sender address, exactly." }),
  }),
});

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

/** Trimmed text, or undefined when empty: an empty search filters nothing. */
const searchText = (value: string | null | undefined) => value?.trim() || undefined;

export function paymentWhere(filter: typeof PaymentFilter.$inferInput | null | undefined): Prisma.PaymentWhereInput {
  const search = searchText(filter?.search);
  return {
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.provider ? { provider: filter.provider } : {}),
    ...(filter?.user ? { userId: filterIdOf(filter.user, "User") } : {}),
    ...(filter?.isTestMode != null ? { isTestMode: filter.isTestMode } : {}),
    ...(dateRangeFilter(filter?.createdAt) ? { createdAt: dateRangeFilter(filter?.createdAt) } : {}),
    ...(search ? { OR: [{ tbankPaymentId: search }, { telegramChargeId: search }, { tonTxHash: search }] } : {}),
  };
}

function paymentOrder(order: typeof PaymentOrder.$inferInput | null | undefined): Prisma.PaymentOrderByWithRelationInput[] {
  const dir = direction(order?.direction ?? "DESC");
  return [order?.field === "AMOUNT" ? { amount: dir } : { createdAt: dir }, { id: dir }];
}

function webhookEventWhere(filter: typeof WebhookEventFilter.$inferInput | null | undefined): Prisma.WebhookEventWhereInput {
  const search = searchText(filter?.search);
  return {
    ...(filter?.provider ? { provider: filter.provider } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.payment ? { paymentId: filterIdOf(filter.payment, "Payment") } : {}),
    ...(search ? { eventId: { contains: search, mode: "insensitive" as const } } : {}),
    ...(dateRangeFilter(filter?.createdAt) ? { createdAt: dateRangeFilter(filter?.createdAt) } : {}),
  };
}

function exchangeRateWhere(filter: typeof ExchangeRateFilter.$inferInput | null | undefined): Prisma.ExchangeRateWhereInput {
  return {
    ...(filter?.baseCurrency ? { baseCurrency: filter.baseCurrency } : {}),
    ...(filter?.quoteCurrency ? { quoteCurrency: filter.quoteCurrency } : {}),
    ...(dateRangeFilter(filter?.fetchedAt) ? { fetchedAt: dateRangeFilter(filter?.fetchedAt) } : {}),
  };
}

function orphanPaymentWhere(filter: typeof OrphanPaymentFilter.$inferInput | null | undefined): Prisma.OrphanPaymentWhereInput {
  const search = searchText(filter?.search);
  return {
    ...(filter?.status ? { status: filter.status } : {}),
    ...(dateRangeFilter(filter?.receivedAt) ? { receivedAt: dateRangeFilter(filter?.receivedAt) } : {}),
    ...(search ? { OR: [{ tonTxHash: search }, { senderAddress: search }] } : {}),
  };
}

function promoCodeWhere(filter: typeof PromoCodeFilter.$inferInput | null | undefined): Prisma.PromoCodeWhereInput {
  const search = searchText(filter?.search);
  return {
    ...(filter?.active != null ? { isActive: filter.active } : {}),
    ...(search
      ? { OR: [{ code: { contains: search, mode: "insensitive" as const } }, { description: { contains: search, mode: "insensitive" as const } }] }
      : {}),
  };
}

function promoCodeUsageWhere(filter: typeof PromoCodeUsageFilter.$inferInput | null | undefined): Prisma.PromoCodeUsageWhereInput {
  return {
    ...(filter?.promoCode ? { promoCodeId: filterIdOf(filter.promoCode, "PromoCode") } : {}),
    ...(filter?.user ? { userId: filterIdOf(filter.user, "User") } : {}),
    ...(dateRangeFilter(filter?.createdAt) ? { createdAt: dateRangeFilter(filter?.createdAt) } : {}),
  };
}

builder.objectFields(AdminQueries, (t) => ({
  payments: t.prismaConnection({
    type: Payment,
    cursor: "id",
    description: "Every payment, newest first unless `orderBy` says otherwise.",
    args: {
      filter: t.arg({ type: PaymentFilter }),
      orderBy: t.arg({ type: PaymentOrder }),
    },
    totalCount: (_root, { filter }, { prisma }) => prisma.payment.count({ where: paymentWhere(filter) }),
    resolve: (query, _root, { filter, orderBy }, { prisma }) =>
      prisma.payment.findMany({ ...query, where: paymentWhere(filter), orderBy: paymentOrder(orderBy) }),
  }),
  webhookEvents: t.prismaConnection({
    type: WebhookEvent,
    cursor: "id",
    description: "Provider notifications, newest first.",
    args: { filter: t.arg({ type: WebhookEventFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.webhookEvent.count({ where: webhookEventWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.webhookEvent.findMany({ ...query, where: webhookEventWhere(filter), orderBy: newestFirst }),
  }),
  exchangeRates: t.prismaConnection({
    type: ExchangeRate,
    cursor: "id",
    description: "Rate history, latest first.",
    args: { filter: t.arg({ type: ExchangeRateFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.exchangeRate.count({ where: exchangeRateWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.exchangeRate.findMany({ ...query, where: exchangeRateWhere(filter), orderBy: [{ fetchedAt: "desc" }, { id: "desc" }] }),
  }),
  orphanPayments: t.prismaConnection({
    type: OrphanPayment,
    cursor: "id",
    description: "TON transfers that matched no payment, latest received first.",
    args: { filter: t.arg({ type: OrphanPaymentFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.orphanPayment.count({ where: orphanPaymentWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.orphanPayment.findMany({ ...query, where: orphanPaymentWhere(filter), orderBy: [{ receivedAt: "desc" }, { id: "desc" }] }),
  }),
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

const RefundPaymentInput = builder.inputType("RefundPaymentInput", {
  fields: (t) => ({
    paymentId: t.id({ required: true }),
    amount: t.field({ type: "Decimal", description: "RUB to refund; everything not refunded yet when omitted." }),
    reason: t.string({ required: true }),
  }),
  validate: z.object({
    paymentId: z.string(),
    amount: money.refine((value) => Number(value) > 0, "must be greater than 0").nullish(),
    reason: z.string().trim().min(3, "at least 3 characters").max(500, "at most 500 characters"),
  }),
});

const OrphanResolutionValue = builder.enumType("OrphanPaymentResolution", {
  values: ["MATCHED", "REFUNDED", "IGNORED"] as const satisfies readonly OrphanResolution[],
});

const ResolveOrphanPaymentInput = builder.inputType("ResolveOrphanPaymentInput", {
  fields: (t) => ({
    orphanPaymentId: t.id({ required: true }),
    resolution: t.field({ type: OrphanResolutionValue, required: true }),
    paymentId: t.id({ description: "The TON payment the transfer belongs to: required for MATCHED, refused otherwise." }),
    note: t.string({ required: true }),
  }),
  validate: z
    .object({
      orphanPaymentId: z.string(),
      resolution: z.enum(["MATCHED", "REFUNDED", "IGNORED"]),
      paymentId: z.string().nullish(),
      note: z.string().trim().min(3, "at least 3 characters").max(1000, "at most 1000 characters"),
    })
    .superRefine((input, ctx) => {
      if (input.resolution === "MATCHED" && !input.paymentId) {
        ctx.addIssue({ code: "custom", path: ["paymentId"], message: "is required to match a transfer to a payment" });
      }
      if (input.resolution !== "MATCHED" && input.paymentId) {
        ctx.addIssue({ code: "custom", path: ["paymentId"], message: "only a MATCHED resolution names a payment" });
      }
    }),
});

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

const IdInput = (name: string) => builder.inputType(name, { fields: (t) => ({ id: t.id({ required: true }) }) });
const DeactivatePromoCodeInput = IdInput("DeactivatePromoCodeInput");

builder.mutationFields((t) => ({
  refundPayment: t.prismaField({
    type: Payment,
    description:
      "Asks for a refund of a succeeded payment (all of what is not refunded yet, or `amount`). The payment becomes REFUNDING " +
      "with a PENDING refund; the provider call and refundedAt come with the provider's confirmation. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: RefundPaymentInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = targetIdOf(input.paymentId, "Payment");
      await audited(context, "payment.refund", { type: "Payment", id }, async (tx) => {
        const change = await requestRefund(tx, { paymentId: id, amount: input.amount, reason: input.reason });
        return { result: null, ...change };
      });
      return context.prisma.payment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  resolveOrphanPayment: t.prismaField({
    type: OrphanPayment,
    description: "Records how an unmatched TON transfer was resolved: matched to a TON payment, refunded, or ignored. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: ResolveOrphanPaymentInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = targetIdOf(input.orphanPaymentId, "OrphanPayment");
      const paymentId = input.paymentId ? targetIdOf(input.paymentId, "Payment") : null;
      await audited(context, "orphanPayment.resolve", { type: "OrphanPayment", id }, async (tx) => {
        const change = await resolveOrphanPayment(tx, context.admin!.id, { orphanPaymentId: id, resolution: input.resolution, paymentId, note: input.note });
        return { result: null, ...change };
      });
      return context.prisma.orphanPayment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
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
      const id = targetIdOf(input.id, "PromoCode");
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
      const id = targetIdOf(input.id, "PromoCode");
      await audited(context, "promoCode.deactivate", { type: "PromoCode", id }, async (tx) => ({ result: null, ...(await deactivatePromoCode(tx, id)) }));
      return context.prisma.promoCode.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
