// Telegram, admin side: the bot's outbound message queue (the outbox), read by staff.
// Messages are queued by the rest of the app (and by broadcasts); nothing is changed here.
import { builder } from "../builder.ts";
import { ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { TelegramMessageStatus as TelegramMessageStatusValues } from "../generated/prisma/enums.ts";
import { requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { type DateRange, dateRangeFilter, DateRangeInput } from "./filters.ts";
import { newestFirst } from "./ordering.ts";

const TelegramMessageStatus = builder.enumType(TelegramMessageStatusValues, { name: "TelegramMessageStatus" });

const bigintText = (value: bigint | null) => value?.toString() ?? null;

const TelegramMessage = builder.prismaNode("TelegramMessage", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "TelegramMessage"),
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

const TelegramMessageFilter = builder.inputType("TelegramMessageFilter", {
  fields: (t) => ({
    status: t.field({ type: [TelegramMessageStatus] }),
    user: t.id({ description: "A User id." }),
    broadcast: t.id({ description: "A TelegramBroadcast id." }),
    kind: t.string(),
    range: t.field({ type: DateRangeInput, description: "When the message was queued." }),
  }),
});

function messageWhere(
  filter:
    | {
        status?: TelegramMessageStatusValues[] | null;
        user?: string | null;
        broadcast?: string | null;
        kind?: string | null;
        range?: DateRange;
      }
    | null
    | undefined,
): Prisma.TelegramMessageWhereInput {
  if (!filter) return {};
  const invalid = (field: string, type: string) => () => ValidationError.of(`filter.${field}`, `must be a ${type} id`);
  return {
    ...(filter.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter.user ? { userId: requireDatabaseId(filter.user, "User", invalid("user", "User")) } : {}),
    ...(filter.broadcast
      ? { broadcastId: requireDatabaseId(filter.broadcast, "TelegramBroadcast", invalid("broadcast", "TelegramBroadcast")) }
      : {}),
    ...(filter.kind?.trim() ? { kind: filter.kind.trim() } : {}),
    ...(dateRangeFilter(filter.range) ? { createdAt: dateRangeFilter(filter.range) } : {}),
  };
}

builder.objectFields(AdminQueries, (t) => ({
  telegramMessages: t.prismaConnection({
    type: TelegramMessage,
    cursor: "id",
    description: "The bot's outbox, newest first.",
    args: { filter: t.arg({ type: TelegramMessageFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.telegramMessage.count({ where: messageWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.telegramMessage.findMany({ ...query, where: messageWhere(filter), orderBy: newestFirst }),
  }),
}));
