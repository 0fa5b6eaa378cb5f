// Telegram, admin side: broadcasts, listed by staff (with their progress: status,
// totalRecipients, sentCount, failedCount) and created, scheduled, sent and cancelled by
// ADMIN (audited; the worker delivers them: telegram/broadcast-delivery.ts).
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import {
  audienceOf,
  BROADCAST_SEGMENTS,
  cancelBroadcast,
  createBroadcast,
  scheduleBroadcast,
  startBroadcast,
} from "../domain/broadcasts.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { BroadcastStatus as BroadcastStatusValues } from "../generated/prisma/enums.ts";
import { requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { containing, type DateRange, dateRangeFilter, DateRangeInput } from "./filters.ts";
import { newestFirst } from "./ordering.ts";

const BroadcastStatus = builder.enumType(BroadcastStatusValues, { name: "BroadcastStatus" });
const BroadcastSegment = builder.enumType("BroadcastSegment", {
  description:
    "ALL: every user with a Telegram chat. PAID / UNPAID: with / without a succeeded payment. PARTNERS: partner program members.",
  values: BROADCAST_SEGMENTS,
});

const BroadcastAudience = builder
  .objectRef<{ segment: (typeof BROADCAST_SEGMENTS)[number]; excludeBanned: boolean }>("BroadcastAudience")
  .implement({
    fields: (t) => ({
      segment: t.field({ type: BroadcastSegment, resolve: (audience) => audience.segment }),
      excludeBanned: t.exposeBoolean("excludeBanned"),
    }),
  });

const TelegramBroadcast = builder.prismaNode("TelegramBroadcast", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "TelegramBroadcast"),
  authScopes: { staff: true },
  fields: (t) => ({
    title: t.exposeString("title"),
    text: t.exposeString("text"),
    mediaUrl: t.exposeString("mediaUrl", { nullable: true }),
    buttons: t.expose("buttons", { type: "JSON", nullable: true, description: "The inline keyboard: rows of { text, url }." }),
    audience: t.field({
      type: BroadcastAudience,
      nullable: true,
      description: "Null when the stored audience is not one this API understands.",
      resolve: (broadcast) => audienceOf(broadcast.audience),
    }),
    status: t.expose("status", { type: BroadcastStatus }),
    scheduledAt: t.expose("scheduledAt", { type: "DateTime", nullable: true }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    totalRecipients: t.exposeInt("totalRecipients"),
    sentCount: t.exposeInt("sentCount"),
    failedCount: t.exposeInt("failedCount"),
    createdBy: t.relation("admin", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectFields(TelegramBroadcast, (t) => ({
  messages: t.relatedConnection("messages", {
    cursor: "id",
    description: "Its outbox messages, newest first.",
    query: { orderBy: newestFirst },
  }),
}));

const BroadcastFilter = builder.inputType("BroadcastFilter", {
  fields: (t) => ({
    status: t.field({ type: [BroadcastStatus] }),
    search: t.string({ description: "Part of the title or text." }),
    range: t.field({ type: DateRangeInput, description: "When the broadcast was created." }),
  }),
});

function broadcastWhere(
  filter: { status?: BroadcastStatusValues[] | null; search?: string | null; range?: DateRange } | null | undefined,
): Prisma.TelegramBroadcastWhereInput {
  const search = containing(filter?.search);
  return {
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
    ...(search ? { OR: [{ title: search }, { text: search }] } : {}),
    ...(dateRangeFilter(filter?.range) ? { createdAt: dateRangeFilter(filter?.range) } : {}),
  };
}

builder.objectFields(AdminQueries, (t) => ({
  broadcasts: t.prismaConnection({
    type: TelegramBroadcast,
    cursor: "id",
    description: "Broadcasts, newest first.",
    args: { filter: t.arg({ type: BroadcastFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.telegramBroadcast.count({ where: broadcastWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.telegramBroadcast.findMany({ ...query, where: broadcastWhere(filter), orderBy: newestFirst }),
  }),
}));

// ---------------------------------------------------------------------------------------
// Mutations (ADMIN)
// ---------------------------------------------------------------------------------------

const httpsUrl = z.url({ protocol: /^https$/, message: "must be an https URL" }).max(2000, "at most 2000 characters");
const inTheFuture = z.date().refine((date) => date.getTime() > Date.now(), "must be in the future");

const BroadcastAudienceInput = builder.inputType("BroadcastAudienceInput", {
  fields: (t) => ({
    segment: t.field({ type: BroadcastSegment, required: true }),
    excludeBanned: t.boolean({ description: "Default true." }),
  }),
});

const BroadcastButtonInput = builder.inputType("BroadcastButtonInput", {
  fields: (t) => ({ text: t.string({ required: true }), url: t.string({ required: true }) }),
});

const CreateBroadcastInput = builder.inputType("CreateBroadcastInput", {
  description:
    "Without scheduledAt the broadcast is a DRAFT; with it (in the future), SCHEDULED. Audience defaults to ALL, banned users excluded.",
  fields: (t) => ({
    title: t.string({ description: "Defaults to the text's first line." }),
    text: t.string({ required: true }),
    mediaUrl: t.string(),
    buttons: t.field({ type: [BroadcastButtonInput], description: "Link buttons, one per row." }),
    audience: t.field({ type: BroadcastAudienceInput }),
    scheduledAt: t.field({ type: "DateTime" }),
  }),
  validate: z.object({
    title: z.string().trim().min(1, "must not be empty").max(255, "at most 255 characters").nullish(),
    text: z.string().trim().min(1, "must not be empty").max(4096, "at most 4096 characters"),
    mediaUrl: httpsUrl.nullish(),
    buttons: z
      .array(z.object({ text: z.string().trim().min(1, "must not be empty").max(64, "at most 64 characters"), url: httpsUrl }))
      .max(10, "at most 10 buttons")
      .nullish(),
    audience: z.object({ segment: z.enum(BROADCAST_SEGMENTS), excludeBanned: z.boolean().nullish() }).nullish(),
    scheduledAt: inTheFuture.nullish(),
  }),
});

const ScheduleBroadcastInput = builder.inputType("ScheduleBroadcastInput", {
  fields: (t) => ({
    broadcastId: t.id({ required: true }),
    scheduledAt: t.field({ type: "DateTime", required: true, validate: inTheFuture }),
  }),
});

const SendBroadcastInput = builder.inputType("SendBroadcastInput", {
  fields: (t) => ({ broadcastId: t.id({ required: true }) }),
});

const CancelBroadcastInput = builder.inputType("CancelBroadcastInput", {
  fields: (t) => ({ broadcastId: t.id({ required: true }) }),
});

const broadcastIdOf = (id: string) => requireDatabaseId(id, "TelegramBroadcast");

builder.mutationFields((t) => ({
  createBroadcast: t.prismaField({
    type: TelegramBroadcast,
    description: "Creates a broadcast (DRAFT, or SCHEDULED with scheduledAt). Admin only.",
    authScopes: { admin: true },
    errors: {},
    args: { input: t.arg({ type: CreateBroadcastInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await audited(context, "broadcast.create", { type: "TelegramBroadcast" }, async (tx) => {
        const { id, after } = await createBroadcast(tx, context.admin!.id, input);
        return { result: id, targetId: id, after };
      });
      return context.prisma.telegramBroadcast.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  scheduleBroadcast: t.prismaField({
    type: TelegramBroadcast,
    description: "Schedules a draft, or reschedules a scheduled broadcast. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: ScheduleBroadcastInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = broadcastIdOf(input.broadcastId);
      await audited(context, "broadcast.schedule", { type: "TelegramBroadcast", id }, async (tx) => ({
        result: null,
        ...(await scheduleBroadcast(tx, id, input.scheduledAt)),
      }));
      return context.prisma.telegramBroadcast.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  sendBroadcast: t.prismaField({
    type: TelegramBroadcast,
    description:
      "Starts sending a draft or scheduled broadcast now (SENDING). Its audience is queued in batches: totalRecipients grows while recipients are queued, sentCount and failedCount as messages finish; COMPLETED when every message is final. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: SendBroadcastInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = broadcastIdOf(input.broadcastId);
      await audited(context, "broadcast.send", { type: "TelegramBroadcast", id }, async (tx) => ({
        result: null,
        ...(await startBroadcast(tx, id)),
      }));
      return context.prisma.telegramBroadcast.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  cancelBroadcast: t.prismaField({
    type: TelegramBroadcast,
    description: "Cancels a draft, scheduled or sending broadcast, and its messages still waiting. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: CancelBroadcastInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = broadcastIdOf(input.broadcastId);
      await audited(context, "broadcast.cancel", { type: "TelegramBroadcast", id }, async (tx) => ({
        result: null,
        ...(await cancelBroadcast(tx, id)),
      }));
      return context.prisma.telegramBroadcast.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
