// Telegram, admin side: the outbound message queue (read), broadcasts (create, schedule,
// cancel; delivery is a later issue), the bot's affiliate settings and the MTProto
// sessions (listed without their session string, which never enters the schema).
// Staff read; only ADMIN changes anything.
import { z } from "zod";
import { builder } from "../../builder.ts";
import { audited } from "../../domain/audit.ts";
import {
  BROADCAST_SEGMENTS,
  CURRENT_AFFILIATE_FIRST,
  audienceOf,
  cancelBroadcast,
  createBroadcast,
  scheduleBroadcast,
  updateAffiliateSettings,
} from "../../domain/broadcasts.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import {
  BroadcastStatus as BroadcastStatusValues,
  TelegramMessageStatus as TelegramMessageStatusValues,
} from "../../generated/prisma/enums.ts";
import { AdminQueries, DateRangeInput, dateRangeFilter } from "./root.ts";
import { containing, databaseIdOf, staffOnly } from "./support.ts";

const TelegramMessageStatus = builder.enumType(TelegramMessageStatusValues, { name: "TelegramMessageStatus" });
const BroadcastStatus = builder.enumType(BroadcastStatusValues, { name: "BroadcastStatus" });
const BroadcastSegment = builder.enumType("BroadcastSegment", {
  description: "ALL: every user with a Telegram chat. PAID / UNPAID: with / without a succeeded payment. PARTNERS: partner program members.",
  values: BROADCAST_SEGMENTS,
});

const bigintText = (value: bigint | null) => value?.toString() ?? null;
const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

const BroadcastAudience = builder.objectRef<{ segment: (typeof BROADCAST_SEGMENTS)[number]; excludeBanned: boolean }>("BroadcastAudience").implement({
  fields: (t) => ({
    segment: t.field({ type: BroadcastSegment, resolve: (audience) => audience.segment }),
    excludeBanned: t.exposeBoolean("excludeBanned"),
  }),
});

const TelegramBroadcast = builder.prismaNode("TelegramBroadcast", {
  id: { field: "id" },
  nullable: true,
  findUnique: staffOnly("TelegramBroadcast"),
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

const TelegramMessage = builder.prismaNode("TelegramMessage", {
  id: { field: "id" },
  nullable: true,
  findUnique: staffOnly("TelegramMessage"),
  authScopes: { staff: true },
  description: "A message in the bot's outbox.",
  fields: (t) => ({
    telegramChatId: t.string({ resolve: (message) => message.telegramChatId.toString() }),
    user: t.relation("user", { nullable: true }),
    broadcast: t.relation("broadcast", { nullable: true }),
    kind: t.exposeString("kind", { description: "generation_ready, payment_succeeded, ticket_reply, broadcast, …" }),
    text: t.exposeString("text", { nullable: true }),
    payload: t.expose("payload", { type: "JSON", nullable: true }),
    status: t.expose("status", { type: TelegramMessageStatus }),
    attempts: t.exposeInt("attempts"),
    maxAttempts: t.exposeInt("maxAttempts"),
    errorMessage: t.exposeString("errorMessage", { nullable: true }),
    sendAfter: t.expose("sendAfter", { type: "DateTime" }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
    telegramMessageId: t.string({ nullable: true, resolve: (message) => bigintText(message.telegramMessageId) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectFields(TelegramBroadcast, (t) => ({
  messages: t.relatedConnection("messages", { cursor: "id", description: "Its outbox messages, newest first.", query: { orderBy: newestFirst } }),
}));

const TelegramAffiliateSetting = builder.prismaNode("TelegramAffiliateSetting", {
  id: { field: "id" },
  nullable: true,
  findUnique: staffOnly("TelegramAffiliateSetting"),
  authScopes: { staff: true },
  description: "Telegram's affiliate program for the bot. Every change is a new row; at most one is active.",
  fields: (t) => ({
    commissionPerMille: t.exposeInt("commissionPerMille", { description: "1–1000 (‰)." }),
    commissionPercent: t.field({ type: "Decimal", resolve: (setting) => (setting.commissionPerMille / 10).toString() }),
    durationMonths: t.exposeInt("durationMonths", { nullable: true, description: "Null: no time limit." }),
    isActive: t.exposeBoolean("isActive"),
    updatedBy: t.relation("updatedBy", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/** Only the last four digits: enough to tell sessions apart. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return `${phone.trim().startsWith("+") ? "+" : ""}${"•".repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
}

// Select mode: only the columns the exposed fields name are read, so the session string
// never leaves the database through the API (not even into memory).
const TelegramMtprotoSession = builder.prismaNode("TelegramMtprotoSession", {
  id: { field: "id" },
  nullable: true,
  select: { id: true },
  findUnique: staffOnly("TelegramMtprotoSession"),
  authScopes: { staff: true },
  description: "A Telegram user-account session that admins signed in for tasks the Bot API cannot do. Its secret is never exposed.",
  fields: (t) => ({
    phoneNumber: t.string({
      description: "Masked: only the last four digits.",
      select: { phoneNumber: true },
      resolve: (session) => maskPhone(session.phoneNumber),
    }),
    isActive: t.exposeBoolean("isActive"),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
    admin: t.relation("admin", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

// ---------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------

const TelegramMessageFilter = builder.inputType("TelegramMessageFilter", {
  fields: (t) => ({
    status: t.field({ type: [TelegramMessageStatus] }),
    user: t.id({ description: "A User id." }),
    broadcast: t.id({ description: "A TelegramBroadcast id." }),
    kind: t.string(),
    range: t.field({ type: DateRangeInput, description: "When the message was queued." }),
  }),
});

const BroadcastFilter = builder.inputType("BroadcastFilter", {
  fields: (t) => ({
    status: t.field({ type: [BroadcastStatus] }),
    search: t.string({ description: "Part of the title or text." }),
    range: t.field({ type: DateRangeInput, description: "When the broadcast was created." }),
  }),
});

const MtprotoSessionFilter = builder.inputType("MtprotoSessionFilter", {
  fields: (t) => ({ active: t.boolean() }),
});

type Range = { from?: Date | null; to?: Date | null } | null | undefined;

function messageWhere(
  filter: { status?: TelegramMessageStatusValues[] | null; user?: string | null; broadcast?: string | null; kind?: string | null; range?: Range } | null | undefined,
): Prisma.TelegramMessageWhereInput {
  if (!filter) return {};
  const invalid = (field: string, type: string) => () => ValidationError.of(`filter.${field}`, `must be a ${type} id`);
  return {
    ...(filter.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter.user ? { userId: databaseIdOf(filter.user, "User", invalid("user", "User")) } : {}),
    ...(filter.broadcast ? { broadcastId: databaseIdOf(filter.broadcast, "TelegramBroadcast", invalid("broadcast", "TelegramBroadcast")) } : {}),
    ...(filter.kind?.trim() ? { kind: filter.kind.trim() } : {}),
    ...(dateRangeFilter(filter.range) ? { createdAt: dateRangeFilter(filter.range) } : {}),
  };
}

function broadcastWhere(filter: { status?: BroadcastStatusValues[] | null; search?: string | null; range?: Range } | null | undefined): Prisma.TelegramBroadcastWhereInput {
  const search = containing(filter?.search);
  return {
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
    ...(search ? { OR: [{ title: search }, { text: search }] } : {}),
    ...(dateRangeFilter(filter?.range) ? { createdAt: dateRangeFilter(filter?.range) } : {}),
  };
}

const mtprotoWhere = (filter: { active?: boolean | null } | null | undefined) => (filter?.active != null ? { isActive: filter.active } : {});

builder.objectFields(AdminQueries, (t) => ({
  telegramMessages: t.prismaConnection({
    type: TelegramMessage,
    cursor: "id",
    description: "The bot's outbox, newest first.",
    args: { filter: t.arg({ type: TelegramMessageFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.telegramMessage.count({ where: messageWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) => prisma.telegramMessage.findMany({ ...query, where: messageWhere(filter), orderBy: newestFirst }),
  }),
  broadcasts: t.prismaConnection({
    type: TelegramBroadcast,
    cursor: "id",
    description: "Broadcasts, newest first.",
    args: { filter: t.arg({ type: BroadcastFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.telegramBroadcast.count({ where: broadcastWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) => prisma.telegramBroadcast.findMany({ ...query, where: broadcastWhere(filter), orderBy: newestFirst }),
  }),
  affiliateSettings: t.prismaField({
    type: TelegramAffiliateSetting,
    nullable: true,
    description: "The affiliate settings in force (the active row), else the latest (the program is off), else null.",
    resolve: (query, _root, _args, { prisma }) => prisma.telegramAffiliateSetting.findFirst({ ...query, orderBy: CURRENT_AFFILIATE_FIRST }),
  }),
  mtprotoSessions: t.prismaConnection({
    type: TelegramMtprotoSession,
    cursor: "id",
    description: "MTProto sessions, newest first (never their session string).",
    args: { filter: t.arg({ type: MtprotoSessionFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.telegramMtprotoSession.count({ where: mtprotoWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) => prisma.telegramMtprotoSession.findMany({ ...query, where: mtprotoWhere(filter), orderBy: newestFirst }),
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
  description: "Without scheduledAt the broadcast is a DRAFT; with it (in the future), SCHEDULED. Audience defaults to ALL, banned users excluded.",
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

const CancelBroadcastInput = builder.inputType("CancelBroadcastInput", {
  fields: (t) => ({ broadcastId: t.id({ required: true }) }),
});

const UpdateAffiliateSettingsInput = builder.inputType("UpdateAffiliateSettingsInput", {
  fields: (t) => ({
    commissionPerMille: t.int({ required: true, description: "1–1000 (‰)." }),
    durationMonths: t.int({ description: "Null: no time limit." }),
    isActive: t.boolean({ required: true }),
  }),
  validate: z.object({
    commissionPerMille: z.number().int().min(1, "at least 1").max(1000, "at most 1000"),
    durationMonths: z.number().int().min(1, "at least 1").max(120, "at most 120").nullish(),
    isActive: z.boolean(),
  }),
});

const broadcastIdOf = (id: string) => databaseIdOf(id, "TelegramBroadcast");

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
  cancelBroadcast: t.prismaField({
    type: TelegramBroadcast,
    description: "Cancels a draft, scheduled or sending broadcast, and its messages still waiting. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: CancelBroadcastInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = broadcastIdOf(input.broadcastId);
      await audited(context, "broadcast.cancel", { type: "TelegramBroadcast", id }, async (tx) => ({ result: null, ...(await cancelBroadcast(tx, id)) }));
      return context.prisma.telegramBroadcast.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateAffiliateSettings: t.prismaField({
    type: TelegramAffiliateSetting,
    description: "Sets the bot's affiliate program (a new settings row; the previous stays as history). Admin only.",
    authScopes: { admin: true },
    errors: {},
    args: { input: t.arg({ type: UpdateAffiliateSettingsInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await audited(context, "affiliate_settings.update", { type: "TelegramAffiliateSetting" }, async (tx) => {
        const { id, before, after } = await updateAffiliateSettings(tx, context.admin!.id, input);
        return { result: id, targetId: id, before, after };
      });
      return context.prisma.telegramAffiliateSetting.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
