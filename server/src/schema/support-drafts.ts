// Tickets users are still drafting in the bot: staff read them.
import { builder } from "../builder.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { newestFirst } from "./ordering.ts";
import { TicketCategory } from "./support.ts";

const SupportTicketDraft = builder.prismaNode("SupportTicketDraft", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "SupportTicketDraft"),
  authScopes: { staff: true },
  description: "A ticket the bot is walking a user through creating.",
  fields: (t) => ({
    telegramChatId: t.string({ resolve: (draft) => draft.telegramChatId.toString() }),
    user: t.relation("user", { nullable: true }),
    step: t.exposeString("step"),
    category: t.expose("category", { type: TicketCategory, nullable: true }),
    subject: t.exposeString("subject", { nullable: true }),
    body: t.exposeString("body", { nullable: true }),
    data: t.expose("data", { type: "JSON", nullable: true }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const TicketDraftFilter = builder.inputType("TicketDraftFilter", {
  fields: (t) => ({ expired: t.boolean({ description: "true: only expired drafts; false: only live ones." }) }),
});

builder.objectFields(AdminQueries, (t) => ({
  ticketDrafts: t.prismaConnection({
    type: SupportTicketDraft,
    cursor: "id",
    description: "Tickets users are creating in the bot, newest first.",
    args: { filter: t.arg({ type: TicketDraftFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.supportTicketDraft.count({ where: draftWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.supportTicketDraft.findMany({ ...query, where: draftWhere(filter), orderBy: newestFirst }),
  }),
}));

function draftWhere(filter: { expired?: boolean | null } | null | undefined): Prisma.SupportTicketDraftWhereInput {
  if (filter?.expired == null) return {};
  const now = new Date();
  return { expiresAt: filter.expired ? { lte: now } : { gt: now } };
}
