// Support desk, operator mutations on tickets: assign, update (status, priority, tags),
// reply, internal note and escalation. OPERATOR or ADMIN; every change is audited.
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.ts";
import { addInternalNote, assignTicket, escalateTicket, replyToTicket, type TicketChange, updateTicket } from "../domain/support-desk.ts";
import { type EventBus, type PendingEvent, publishAll } from "../events/pubsub.ts";
import { TicketPriority as TicketPriorityValues, TicketStatus as TicketStatusValues } from "../generated/prisma/enums.ts";
import { requireDatabaseId } from "./access.ts";
import { messageBody } from "./inputs.ts";
import { SupportTicket, SupportTicketMessage, TicketPriority, TicketStatus } from "./support.ts";

const tag = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/, "letters, digits, _ or -, at most 50");
const ticketIdOf = (id: string) => requireDatabaseId(id, "SupportTicket");

/**
 * An audited ticket change whose events are published once its transaction committed
 * (a rolled-back change publishes nothing).
 */
async function auditedTicketChange(
  context: Parameters<typeof audited>[0] & { events: EventBus },
  action: string,
  ticketId: number,
  change: (tx: Parameters<Parameters<typeof audited>[3]>[0]) => Promise<TicketChange>,
): Promise<void> {
  let events: PendingEvent[] = [];
  await audited(context, action, { type: "SupportTicket", id: ticketId }, async (tx) => {
    const { before, after, events: pending } = await change(tx);
    events = pending;
    return { result: null, before, after };
  });
  publishAll(context.events, events);
}

const AssignTicketInput = builder.inputType("AssignTicketInput", {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    assigneeId: t.id({ description: "An active OPERATOR or ADMIN; null unassigns." }),
  }),
});

const UpdateTicketInput = builder.inputType("UpdateTicketInput", {
  description: "Only the given fields change. A new priority recomputes the SLA deadlines. CLOSED is final; ESCALATED: use escalateTicket.",
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    status: t.field({ type: TicketStatus }),
    priority: t.field({ type: TicketPriority }),
    tags: t.stringList({ description: "Replaces the tags (stored lower-case, each once)." }),
  }),
  validate: z
    .object({
      ticketId: z.string(),
      status: z.enum(TicketStatusValues).nullish(),
      priority: z.enum(TicketPriorityValues).nullish(),
      tags: z.array(tag).max(20, "at most 20 tags").nullish(),
    })
    .refine((input) => input.status != null || input.priority != null || input.tags != null, {
      message: "give a status, priority or tags to change",
      path: ["status"],
    }),
});

const ReplyToTicketInput = builder.inputType("ReplyToTicketInput", {
  description: "The reply is `body`, or the canned response's text when no body is given (its use is counted either way).",
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    body: t.string(),
    cannedResponseId: t.id(),
  }),
  validate: z
    .object({ ticketId: z.string(), body: messageBody.nullish(), cannedResponseId: z.string().nullish() })
    .refine((input) => input.body != null || input.cannedResponseId != null, {
      message: "give a body or a cannedResponseId",
      path: ["body"],
    }),
});

const AddInternalNoteInput = builder.inputType("AddInternalNoteInput", {
  fields: (t) => ({ ticketId: t.id({ required: true }), body: t.string({ required: true, validate: messageBody }) }),
});

const EscalateTicketInput = builder.inputType("EscalateTicketInput", {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    reason: t.string({ required: true, validate: z.string().trim().min(3, "at least 3 characters").max(1000, "at most 1000 characters") }),
  }),
});

builder.mutationFields((t) => ({
  assignTicket: t.prismaField({
    type: SupportTicket,
    description: "Assigns a ticket to an active OPERATOR or ADMIN, or unassigns it.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: AssignTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = ticketIdOf(input.ticketId);
      const invalid = () => ValidationError.of("input.assigneeId", "must be an active OPERATOR or ADMIN account");
      const assigneeId = input.assigneeId ? requireDatabaseId(input.assigneeId, "AdminUser", invalid) : null;
      await auditedTicketChange(context, "ticket.assign", id, (tx) => assignTicket(tx, id, assigneeId));
      return context.prisma.supportTicket.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateTicket: t.prismaField({
    type: SupportTicket,
    description: "Changes a ticket's status, priority and/or tags.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UpdateTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = ticketIdOf(input.ticketId);
      await auditedTicketChange(context, "ticket.update", id, (tx) => updateTicket(tx, id, input));
      return context.prisma.supportTicket.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  replyToTicket: t.prismaField({
    type: SupportTicketMessage,
    description: "Answers the user (the first answer stops the first-response clock); the ticket then waits on the user.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: ReplyToTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const ticketId = ticketIdOf(input.ticketId);
      const cannedResponseId = input.cannedResponseId ? requireDatabaseId(input.cannedResponseId, "SupportCannedResponse") : null;
      let events: PendingEvent[] = [];
      const messageId = await audited(context, "ticket.reply", { type: "SupportTicket", id: ticketId }, async (tx) => {
        const reply = await replyToTicket(tx, context.admin!.id, ticketId, { body: input.body, cannedResponseId });
        events = reply.events;
        return {
          result: reply.messageId,
          before: reply.before,
          after: { ...reply.after, messageId: reply.messageId, body: reply.body, cannedResponseId },
        };
      });
      publishAll(context.events, events);
      return context.prisma.supportTicketMessage.findUniqueOrThrow({ ...query, where: { id: messageId } });
    },
  }),
  addInternalNote: t.prismaField({
    type: SupportTicketMessage,
    description: "Adds a note to a ticket that only staff read.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: AddInternalNoteInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const ticketId = ticketIdOf(input.ticketId);
      let events: PendingEvent[] = [];
      const messageId = await audited(context, "ticket.note", { type: "SupportTicket", id: ticketId }, async (tx) => {
        const note = await addInternalNote(tx, context.admin!.id, ticketId, input.body);
        events = note.events;
        return { result: note.messageId, after: { messageId: note.messageId, isInternal: true, body: input.body.trim() } };
      });
      publishAll(context.events, events);
      return context.prisma.supportTicketMessage.findUniqueOrThrow({ ...query, where: { id: messageId } });
    },
  }),
  escalateTicket: t.prismaField({
    type: SupportTicket,
    description: "Escalates an open ticket one level, with the reason.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: EscalateTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = ticketIdOf(input.ticketId);
      await auditedTicketChange(context, "ticket.escalate", id, (tx) => escalateTicket(tx, id, input.reason));
      return context.prisma.supportTicket.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
