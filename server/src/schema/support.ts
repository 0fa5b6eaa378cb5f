// Support desk, user side: the viewer's tickets and their conversations. Internal notes
// and SLA deadlines are operators' business and never reach a user; operators appear
// only under their display name. Operator tools: support-desk.ts and support-ticket-actions.ts.
import { z } from "zod";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import { closeSupportTicket, openSupportTicket, postSupportMessage, rateSupportTicket } from "../domain/support.ts";
import {
  MessageSender as MessageSenderValues,
  TicketCategory as TicketCategoryValues,
  TicketPriority as TicketPriorityValues,
  TicketStatus as TicketStatusValues,
} from "../generated/prisma/enums.ts";
import { canRead, isStaff, ownedByViewer, parseDatabaseId, requireDatabaseId, viewerId } from "./access.ts";
import { newestFirst } from "./ordering.ts";
import { User } from "./user.ts";

export const TicketCategory = builder.enumType(TicketCategoryValues, { name: "TicketCategory" });
export const TicketPriority = builder.enumType(TicketPriorityValues, { name: "TicketPriority", description: "P1 (critical) … P4 (low)." });
export const TicketStatus = builder.enumType(TicketStatusValues, { name: "TicketStatus" });
export const MessageSender = builder.enumType(MessageSenderValues, { name: "MessageSender" });

/** What users see of a message: never an operator's internal note. */
const visibleToUser = { isInternal: false };

interface Attachment {
  url: string;
  name: string | null;
  mimeType: string | null;
}

/** `attachments` is free-form JSON; entries without a url are left out. */
function attachmentsOf(value: unknown): Attachment[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const entry = item && typeof item === "object" ? (item as Record<string, unknown>) : {};
    const text = (v: unknown) => (typeof v === "string" && v ? v : null);
    const url = text(entry.url);
    return url ? [{ url, name: text(entry.name) ?? text(entry.fileName), mimeType: text(entry.mimeType) ?? text(entry.contentType) }] : [];
  });
}

const SupportAttachment = builder.objectRef<Attachment>("SupportAttachment").implement({
  fields: (t) => ({
    url: t.exposeString("url"),
    name: t.exposeString("name", { nullable: true }),
    mimeType: t.exposeString("mimeType", { nullable: true }),
  }),
});

export const SupportTicket = builder.prismaNode("SupportTicket", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "SupportTicket"), ...ownedByViewer(context) }),
  authScopes: (ticket, context) => canRead(context, ticket.userId),
  fields: (t) => ({
    number: t.exposeString("number", { description: "TKT-YYYY-NNN, to quote to support." }),
    subject: t.exposeString("subject", { nullable: true }),
    category: t.expose("category", { type: TicketCategory }),
    priority: t.expose("priority", { type: TicketPriority }),
    status: t.expose("status", { type: TicketStatus }),
    rating: t.exposeInt("rating", { nullable: true, description: "1–5, given once the ticket is resolved or closed." }),
    ratingComment: t.exposeString("ratingComment", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    resolvedAt: t.expose("resolvedAt", { type: "DateTime", nullable: true }),
    closedAt: t.expose("closedAt", { type: "DateTime", nullable: true }),
    // No totalCount: under a list of tickets Prisma counts with a GROUP BY over the whole
    // messages table.
    messages: t.relatedConnection("messages", {
      cursor: "id",
      description: "The conversation, oldest first.",
      query: { where: visibleToUser, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    }),
  }),
});

/** May the caller read this message of a ticket it may read: staff, or its user unless it is an internal note. */
export function canReadMessage(context: Context, message: { isInternal: boolean }): boolean {
  return isStaff(context) || (context.user !== null && !message.isInternal);
}

export const SupportTicketMessage = builder.prismaNode("SupportTicketMessage", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({
    id: parseDatabaseId(id, "SupportTicketMessage"),
    ...(isStaff(context) ? {} : visibleToUser),
    ticket: ownedByViewer(context),
  }),
  // Reachable only through the owner-filtered lookup above or an owned ticket's `messages`
  // (its type checks the owner); the note check here is the last line for internal notes.
  // Internal notes are for staff only; a user reads the rest of their tickets.
  authScopes: (message, context) => canReadMessage(context, message),
  fields: (t) => ({
    body: t.exposeString("body"),
    senderType: t.expose("senderType", { type: MessageSender }),
    senderName: t.string({
      nullable: true,
      description: "Operators appear under their display name, or as Support.",
      resolve: (message) => (message.senderType === "OPERATOR" ? message.senderName?.trim() || "Support" : message.senderName),
    }),
    attachments: t.field({ type: [SupportAttachment], resolve: (message) => attachmentsOf(message.attachments) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    ticket: t.relation("ticket"),
  }),
});

builder.prismaObjectFields(User, (t) => ({
  supportTickets: t.relatedConnection("supportTickets", {
    cursor: "id",
    totalCount: true,
    description: "The viewer's tickets, newest first.",
    args: { status: t.arg({ type: TicketStatus }) },
    query: ({ status }) => ({
      where: status ? { status } : {},
      orderBy: newestFirst,
    }),
  }),
}));

/** A SupportTicket global id from an input, as its database id; anything else is not found. */
const ticketIdOf = (globalId: string) => requireDatabaseId(globalId, "SupportTicket");

const messageBody = z.string().trim().min(1, "must not be empty").max(4000, "at most 4000 characters");

// Validated as a whole, so every bad field is reported at once.
const OpenSupportTicketInput = builder.inputType("OpenSupportTicketInput", {
  fields: (t) => ({
    subject: t.string({ required: true }),
    category: t.field({ type: TicketCategory, required: true }),
    message: t.string({ required: true }),
  }),
  validate: z.object({
    subject: z.string().trim().min(3, "at least 3 characters").max(200, "at most 200 characters"),
    category: z.enum(TicketCategoryValues),
    message: messageBody,
  }),
});

const PostSupportMessageInput = builder.inputType("PostSupportMessageInput", {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    body: t.string({ required: true, validate: messageBody }),
  }),
});

const RateSupportTicketInput = builder.inputType("RateSupportTicketInput", {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    rating: t.int({ required: true }),
    comment: t.string(),
  }),
  validate: z.object({
    ticketId: z.string(),
    rating: z.number().int().min(1, "at least 1").max(5, "at most 5"),
    comment: z.string().trim().max(1000, "at most 1000 characters").nullish(),
  }),
});

const CloseSupportTicketInput = builder.inputType("CloseSupportTicketInput", {
  fields: (t) => ({ ticketId: t.id({ required: true }) }),
});

builder.mutationFields((t) => ({
  openSupportTicket: t.prismaField({
    type: SupportTicket,
    description: "Opens a ticket with its first message.",
    authScopes: { user: true },
    errors: {},
    args: { input: t.arg({ type: OpenSupportTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = await openSupportTicket(context.prisma, context.events, viewerId(context), input);
      return context.prisma.supportTicket.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  postSupportMessage: t.prismaField({
    type: SupportTicketMessage,
    description: "Writes in one of the viewer's tickets. A resolved ticket, or one waiting on the viewer, re-opens.",
    authScopes: { user: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: PostSupportMessageInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = await postSupportMessage(context.prisma, context.events, viewerId(context), ticketIdOf(input.ticketId), input.body);
      return context.prisma.supportTicketMessage.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  rateSupportTicket: t.prismaField({
    type: SupportTicket,
    description: "Rates a resolved or closed ticket, once.",
    authScopes: { user: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: RateSupportTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = ticketIdOf(input.ticketId);
      await rateSupportTicket(context.prisma, context.events, viewerId(context), id, input);
      return context.prisma.supportTicket.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  closeSupportTicket: t.prismaField({
    type: SupportTicket,
    description: "Closes one of the viewer's tickets (no more messages; it can still be rated).",
    authScopes: { user: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: CloseSupportTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = ticketIdOf(input.ticketId);
      await closeSupportTicket(context.prisma, context.events, viewerId(context), id);
      return context.prisma.supportTicket.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
