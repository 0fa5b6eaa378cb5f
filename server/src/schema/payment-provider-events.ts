// Admin billing, what the providers sent: webhook events as received, and TON transfers
// to the merchant wallet that matched no payment (orphans), with their resolution.
import { z } from "zod";
import { builder } from "../builder.ts";
import { type OrphanResolution, resolveOrphanPayment } from "../domain/admin-billing.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import {
  OrphanPaymentStatus as OrphanPaymentStatusValues,
  WebhookEventStatus as WebhookEventStatusValues,
  WebhookProvider as WebhookProviderValues,
} from "../generated/prisma/enums.ts";
import { filterDatabaseId, requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { dateRangeFilter, DateRangeInput, searchText } from "./filters.ts";
import { newestBy, newestFirst } from "./ordering.ts";

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

export const WebhookEvent = builder.prismaNode("WebhookEvent", {
  id: { field: "id" },
  nullable: true,
  description: "One provider notification as received: the audit trail and the exactly-once guard of its effect. Staff only.",
  findUnique: (id, context) => staffOnlyLookup(id, context, "WebhookEvent"),
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

const NANO_PER_TON = 1_000_000_000n;

export const OrphanPayment = builder.prismaNode("OrphanPayment", {
  id: { field: "id" },
  nullable: true,
  description: "A TON transfer to the merchant wallet that matched no pending payment. Staff only.",
  findUnique: (id, context) => staffOnlyLookup(id, context, "OrphanPayment"),
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

// ─── Admin lists ─────────────────────────────────────────────────────────────────

const WebhookEventFilter = builder.inputType("AdminWebhookEventFilter", {
  fields: (t) => ({
    provider: t.field({ type: WebhookProvider }),
    status: t.field({ type: WebhookEventStatus }),
    payment: t.id({ description: "A Payment's global id." }),
    search: t.string({ description: "Part of the provider's event id." }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

const OrphanPaymentFilter = builder.inputType("AdminOrphanPaymentFilter", {
  fields: (t) => ({
    status: t.field({ type: OrphanPaymentStatus }),
    receivedAt: t.field({ type: DateRangeInput }),
    search: t.string({ description: "A TON transaction hash or sender address, exactly." }),
  }),
});

function webhookEventWhere(filter: typeof WebhookEventFilter.$inferInput | null | undefined): Prisma.WebhookEventWhereInput {
  const search = searchText(filter?.search);
  return {
    ...(filter?.provider ? { provider: filter.provider } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.payment ? { paymentId: filterDatabaseId(filter.payment, "Payment") } : {}),
    ...(search ? { eventId: { contains: search, mode: "insensitive" as const } } : {}),
    ...(dateRangeFilter(filter?.createdAt) ? { createdAt: dateRangeFilter(filter?.createdAt) } : {}),
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

builder.objectFields(AdminQueries, (t) => ({
  webhookEvents: t.prismaConnection({
    type: WebhookEvent,
    cursor: "id",
    description: "Provider notifications, newest first.",
    args: { filter: t.arg({ type: WebhookEventFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.webhookEvent.count({ where: webhookEventWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.webhookEvent.findMany({ ...query, where: webhookEventWhere(filter), orderBy: newestFirst }),
  }),
  orphanPayments: t.prismaConnection({
    type: OrphanPayment,
    cursor: "id",
    description: "TON transfers that matched no payment, latest received first.",
    args: { filter: t.arg({ type: OrphanPaymentFilter }) },
    totalCount: (_root, { filter }, { prisma }) => prisma.orphanPayment.count({ where: orphanPaymentWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.orphanPayment.findMany({ ...query, where: orphanPaymentWhere(filter), orderBy: newestBy("receivedAt") }),
  }),
}));

// ─── Mutations ───────────────────────────────────────────────────────────────────

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

builder.mutationFields((t) => ({
  resolveOrphanPayment: t.prismaField({
    type: OrphanPayment,
    description: "Records how an unmatched TON transfer was resolved: matched to a TON payment, refunded, or ignored. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: ResolveOrphanPaymentInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.orphanPaymentId, "OrphanPayment");
      const paymentId = input.paymentId ? requireDatabaseId(input.paymentId, "Payment") : null;
      await audited(context, "orphanPayment.resolve", { type: "OrphanPayment", id }, async (tx) => {
        const change = await resolveOrphanPayment(tx, context.admin!.id, {
          orphanPaymentId: id,
          resolution: input.resolution,
          paymentId,
          note: input.note,
        });
        return { result: null, ...change };
      });
      return context.prisma.orphanPayment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
