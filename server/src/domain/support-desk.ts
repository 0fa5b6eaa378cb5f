// Support desk rules, operators' side: SLA state, assignment, status and priority
// changes, replies, internal notes, escalation, canned responses and the SLA config.
// Every function runs inside the caller's transaction (the audited one), locks the
// ticket it changes, and answers what the audit row records.
//
// Status rules (updateTicket): CLOSED is final — neither operators nor the user
// (postSupportMessage refuses it) re-open a closed ticket; the user opens a new one.
// ESCALATED is reached only through escalateTicket (it carries a reason and a level).
// RESOLVED sets resolvedAt; leaving RESOLVED for an open status clears it; CLOSED sets
// closedAt. A reply always hands the ticket to the user (WAITING_USER). The periodic
// rules (automatic escalation on an SLA breach, auto-close): support-sla.ts.
//
// Each ticket function also answers `events`: what to publish for subscriptions once the
// caller's transaction has committed (publishAll, events/pubsub.ts) — never before.
import type { PendingEvent } from "../events/pubsub.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { TicketCategory, TicketPriority, TicketStatus } from "../generated/prisma/enums.ts";
import { changes } from "./audit.ts";
import { ConflictError, NotFoundError, ValidationError, isUniqueViolation } from "./errors.ts";
import { messageAdded, minutesAfter, ticketChanged } from "./support.ts";
import { notifyTicketReply } from "./notifications.ts";

type Tx = Prisma.TransactionClient;

export type SlaState = "BREACHED" | "DUE_SOON" | "ON_TRACK";

/** A deadline within this many minutes is DUE_SOON. */
export const DUE_SOON_MINUTES = 60;

/** Statuses whose deadlines no longer run. */
export const FINAL_STATUSES: TicketStatus[] = ["RESOLVED", "CLOSED"];

export interface SlaFields {
  status: TicketStatus;
  firstResponseDueAt: Date | null;
  firstResponseAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
}

/** The deadlines still running on a ticket (a met or absent deadline does not count). */
function runningDeadlines(ticket: SlaFields): Date[] {
  if (FINAL_STATUSES.includes(ticket.status)) return [];
  return [
    ticket.firstResponseAt === null ? ticket.firstResponseDueAt : null,
    ticket.resolvedAt === null ? ticket.resolutionDueAt : null,
  ].filter((d): d is Date => d !== null);
}

/**
 * BREACHED: a running deadline has passed; DUE_SOON: one passes within the hour;
 * ON_TRACK: otherwise. Null for RESOLVED and CLOSED tickets (no deadline runs).
 */
export function slaStateOf(ticket: SlaFields, now = new Date()): SlaState | null {
  if (FINAL_STATUSES.includes(ticket.status)) return null;
  const deadlines = runningDeadlines(ticket);
  if (deadlines.some((d) => d < now)) return "BREACHED";
  if (deadlines.some((d) => d < minutesAfter(now, DUE_SOON_MINUTES))) return "DUE_SOON";
  return "ON_TRACK";
}

const firstResponseLate = (at: Date): Prisma.SupportTicketWhereInput => ({ firstResponseAt: null, firstResponseDueAt: { lt: at } });
const resolutionLate = (at: Date): Prisma.SupportTicketWhereInput => ({ resolvedAt: null, resolutionDueAt: { lt: at } });
// Written positively (no NOT): NOT over a comparison with NULL would drop tickets without deadlines.
const firstResponseKept = (at: Date): Prisma.SupportTicketWhereInput => ({
  OR: [{ firstResponseAt: { not: null } }, { firstResponseDueAt: null }, { firstResponseDueAt: { gte: at } }],
});
const resolutionKept = (at: Date): Prisma.SupportTicketWhereInput => ({
  OR: [{ resolvedAt: { not: null } }, { resolutionDueAt: null }, { resolutionDueAt: { gte: at } }],
});

/** The tickets in `state`, exactly as slaStateOf decides it (deadline columns are indexed). */
export function slaStateWhere(state: SlaState, now = new Date()): Prisma.SupportTicketWhereInput {
  const running = { status: { notIn: FINAL_STATUSES } };
  const soon = minutesAfter(now, DUE_SOON_MINUTES);
  switch (state) {
    case "BREACHED":
      return { AND: [running, { OR: [firstResponseLate(now), resolutionLate(now)] }] };
    case "DUE_SOON":
      return { AND: [running, firstResponseKept(now), resolutionKept(now), { OR: [firstResponseLate(soon), resolutionLate(soon)] }] };
    case "ON_TRACK":
      return { AND: [running, firstResponseKept(soon), resolutionKept(soon)] };
  }
}

const TICKET_STATE = {
  status: true,
  priority: true,
  tags: true,
  assignedToId: true,
  assignedAt: true,
  firstResponseDueAt: true,
  resolutionDueAt: true,
  firstResponseAt: true,
  resolvedAt: true,
  closedAt: true,
  escalationLevel: true,
  escalatedAt: true,
  escalationReason: true,
} satisfies Prisma.SupportTicketSelect;

type TicketState = Prisma.SupportTicketGetPayload<{ select: typeof TICKET_STATE }>;

export interface TicketChange {
  before: Partial<TicketState>;
  after: Partial<TicketState>;
  /** To publish after the commit (none when the ticket was left as it was). */
  events: PendingEvent[];
}

/** Locks the ticket row for the rest of the transaction and reads its state. */
async function lockTicket(tx: Tx, ticketId: number): Promise<TicketState & { createdAt: Date }> {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM support_tickets WHERE id = ${ticketId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("SupportTicket");
  return tx.supportTicket.findUniqueOrThrow({ where: { id: ticketId }, select: { ...TICKET_STATE, createdAt: true } });
}

async function applyTicketChange(
  tx: Tx,
  ticketId: number,
  before: TicketState,
  data: Prisma.SupportTicketUpdateInput,
): Promise<TicketChange> {
  const after = await tx.supportTicket.update({ where: { id: ticketId }, data, select: TICKET_STATE });
  return { ...changes(before, after), events: ticketChanged(ticketId) };
}

function refuseClosed(ticket: { status: TicketStatus }, what: string) {
  if (ticket.status === "CLOSED") throw new ConflictError(`This ticket is closed; ${what}`);
}

/** Assigns the ticket to an active OPERATOR or ADMIN, or unassigns it (null). */
export async function assignTicket(tx: Tx, ticketId: number, assigneeId: number | null, now = new Date()): Promise<TicketChange> {
  const ticket = await lockTicket(tx, ticketId);
  refuseClosed(ticket, "it cannot be assigned");
  if (assigneeId !== null) {
    const assignee = await tx.adminUser.findUnique({ where: { id: assigneeId }, select: { role: true, isActive: true } });
    if (!assignee || !assignee.isActive || assignee.role === "VIEWER") {
      throw ValidationError.of("input.assigneeId", "must be an active OPERATOR or ADMIN account");
    }
    await tx.supportOperator.updateMany({ where: { adminId: assigneeId }, data: { lastAssignedAt: now } });
  }
  if (ticket.assignedToId === assigneeId) return { before: {}, after: {}, events: [] };
  return applyTicketChange(tx, ticketId, ticket, {
    assignedTo: assigneeId === null ? { disconnect: true } : { connect: { id: assigneeId } },
    assignedAt: assigneeId === null ? null : now,
  });
}

export interface TicketUpdate {
  status?: TicketStatus | null;
  priority?: TicketPriority | null;
  tags?: string[] | null;
}

/** Tags are compared and stored lower-case, each once, in the order given. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()))];
}

/** SLA deadlines of a ticket opened at `openedAt` with `priority` (null where no config). */
export async function slaDeadlines(tx: Tx, priority: TicketPriority, openedAt: Date) {
  const sla = await tx.supportSlaConfig.findUnique({
    where: { priority },
    select: { firstResponseMinutes: true, resolutionMinutes: true },
  });
  return {
    firstResponseDueAt: sla ? minutesAfter(openedAt, sla.firstResponseMinutes) : null,
    resolutionDueAt: sla ? minutesAfter(openedAt, sla.resolutionMinutes) : null,
  };
}

/**
 * Changes status, priority and/or tags. A new priority recomputes both SLA deadlines
 * from the ticket's opening time with that priority's config. A closed ticket keeps its
 * status and priority (tags may still change, for reporting).
 */
export async function updateTicket(tx: Tx, ticketId: number, update: TicketUpdate, now = new Date()): Promise<TicketChange> {
  const ticket = await lockTicket(tx, ticketId);
  const data: Prisma.SupportTicketUpdateInput = {};
  if (update.status && update.status !== ticket.status) {
    refuseClosed(ticket, "its status is final (the user opens a new ticket)");
    if (update.status === "ESCALATED") throw ValidationError.of("input.status", "use escalateTicket to escalate");
    data.status = update.status;
    if (update.status === "RESOLVED") data.resolvedAt = now;
    else if (update.status === "CLOSED") data.closedAt = now;
    else if (ticket.status === "RESOLVED") data.resolvedAt = null;
  }
  if (update.priority && update.priority !== ticket.priority) {
    refuseClosed(ticket, "its priority cannot change");
    data.priority = update.priority;
    Object.assign(data, await slaDeadlines(tx, update.priority, ticket.createdAt));
  }
  if (update.tags) data.tags = normaliseTags(update.tags);
  return applyTicketChange(tx, ticketId, ticket, data);
}

/** How an operator signs their messages: their support display name, else their account's. */
async function operatorName(tx: Tx, adminId: number): Promise<string | null> {
  const admin = await tx.adminUser.findUniqueOrThrow({
    where: { id: adminId },
    select: { displayName: true, supportOperator: { select: { displayName: true } } },
  });
  return admin.supportOperator?.displayName ?? admin.displayName;
}

export interface Reply {
  body?: string | null;
  cannedResponseId?: number | null;
}

/**
 * An operator's reply: the given body, or the canned response's (whose usage is counted
 * either way). The first reply records firstResponseAt; every reply hands the ticket to
 * the user (WAITING_USER; a resolved ticket is no longer resolved).
 */
export async function replyToTicket(tx: Tx, adminId: number, ticketId: number, reply: Reply, now = new Date()) {
  const ticket = await lockTicket(tx, ticketId);
  refuseClosed(ticket, "the user opens a new ticket");
  let body = reply.body?.trim();
  if (reply.cannedResponseId != null) {
    const canned = await tx.supportCannedResponse.findUnique({
      where: { id: reply.cannedResponseId },
      select: { body: true, isActive: true },
    });
    if (!canned) throw new NotFoundError("SupportCannedResponse");
    if (!canned.isActive) throw new ConflictError("This canned response is deactivated");
    body ||= canned.body;
    await tx.supportCannedResponse.update({
      where: { id: reply.cannedResponseId },
      data: { usageCount: { increment: 1 } },
      select: { id: true },
    });
  }
  if (!body) throw ValidationError.of("input.body", "give a body or a cannedResponseId");
  const message = await tx.supportTicketMessage.create({
    data: { ticketId, senderType: "OPERATOR", senderAdminId: adminId, senderName: await operatorName(tx, adminId), body, createdAt: now },
    select: { id: true },
  });
  const change = await applyTicketChange(tx, ticketId, ticket, {
    status: "WAITING_USER",
    ...(ticket.firstResponseAt ? {} : { firstResponseAt: now }),
    ...(ticket.resolvedAt ? { resolvedAt: null } : {}),
    updatedAt: now,
  });
  await notifyTicketReply(tx, ticketId, body);
  return { messageId: message.id, body, ...change, events: [messageAdded(ticketId, message.id), ...change.events] };
}

/** A note only staff read. It changes neither the status nor the first-response clock. */
export async function addInternalNote(tx: Tx, adminId: number, ticketId: number, body: string, now = new Date()) {
  await lockTicket(tx, ticketId);
  const message = await tx.supportTicketMessage.create({
    data: {
      ticketId,
      senderType: "OPERATOR",
      senderAdminId: adminId,
      senderName: await operatorName(tx, adminId),
      body: body.trim(),
      isInternal: true,
      createdAt: now,
    },
    select: { id: true },
  });
  // Activity orders the queue by updatedAt.
  await tx.supportTicket.update({ where: { id: ticketId }, data: { updatedAt: now }, select: { id: true } });
  // Staff only: the note and the queue. The user's view of the ticket gets no event (nothing
  // they may read changed, and an event would tell them that a note was written).
  const events: PendingEvent[] = [messageAdded(ticketId, message.id), { channel: "support:queue", args: [{ ticketId }] }];
  return { messageId: message.id, events };
}

/** Escalates an open ticket one level up, with the reason. */
export async function escalateTicket(tx: Tx, ticketId: number, reason: string, now = new Date()): Promise<TicketChange> {
  const ticket = await lockTicket(tx, ticketId);
  if (FINAL_STATUSES.includes(ticket.status)) throw new ConflictError(`A ${ticket.status.toLowerCase()} ticket cannot be escalated`);
  return applyTicketChange(tx, ticketId, ticket, {
    status: "ESCALATED",
    escalationLevel: ticket.escalationLevel + 1,
    escalatedAt: now,
    escalationReason: reason.trim(),
  });
}

// ---------------------------------------------------------------------------------------
// Canned responses
// ---------------------------------------------------------------------------------------

export interface CannedResponseFields {
  title?: string | null;
  shortcut?: string | null;
  body?: string | null;
  category?: TicketCategory | null;
  isActive?: boolean | null;
}

const CANNED_STATE = {
  title: true,
  shortcut: true,
  body: true,
  category: true,
  isActive: true,
} satisfies Prisma.SupportCannedResponseSelect;

async function shortcutFree(tx: Tx, shortcut: string | null | undefined, exceptId?: number) {
  if (!shortcut) return;
  const taken = await tx.supportCannedResponse.findUnique({ where: { shortcut }, select: { id: true } });
  if (taken && taken.id !== exceptId) throw new ConflictError(`The shortcut ${shortcut} is taken`);
}

export interface NewCannedResponse {
  title: string;
  body: string;
  shortcut?: string | null;
  category?: TicketCategory | null;
}

export async function createCannedResponse(tx: Tx, adminId: number, fields: NewCannedResponse) {
  await shortcutFree(tx, fields.shortcut);
  const row = await tx.supportCannedResponse
    .create({
      data: {
        title: fields.title.trim(),
        body: fields.body.trim(),
        shortcut: fields.shortcut || null,
        category: fields.category ?? null,
        createdById: adminId,
      },
      select: { id: true, ...CANNED_STATE },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? new ConflictError(`The shortcut ${fields.shortcut} is taken`) : error;
    });
  const { id, ...after } = row;
  return { id, after };
}

/** Changes the given fields; `shortcut: null` / `category: null` clear them. */
export async function updateCannedResponse(tx: Tx, id: number, fields: CannedResponseFields) {
  const before = await tx.supportCannedResponse.findUnique({ where: { id }, select: CANNED_STATE });
  if (!before) throw new NotFoundError("SupportCannedResponse");
  if (fields.shortcut !== undefined) await shortcutFree(tx, fields.shortcut, id);
  const data: Prisma.SupportCannedResponseUpdateInput = {
    ...(fields.title ? { title: fields.title.trim() } : {}),
    ...(fields.body ? { body: fields.body.trim() } : {}),
    ...(fields.shortcut !== undefined ? { shortcut: fields.shortcut || null } : {}),
    ...(fields.category !== undefined ? { category: fields.category } : {}),
    ...(fields.isActive != null ? { isActive: fields.isActive } : {}),
  };
  const after = await tx.supportCannedResponse.update({ where: { id }, data, select: CANNED_STATE }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? new ConflictError(`The shortcut ${fields.shortcut} is taken`) : error;
  });
  return changes(before, after);
}

/** Deletes a canned response (nothing references one; replies keep their own copy of the text). */
export async function deleteCannedResponse(tx: Tx, id: number) {
  const before = await tx.supportCannedResponse.findUnique({ where: { id }, select: CANNED_STATE });
  if (!before) throw new NotFoundError("SupportCannedResponse");
  await tx.supportCannedResponse.delete({ where: { id }, select: { id: true } });
  return { before };
}

// ---------------------------------------------------------------------------------------
// SLA configuration
// ---------------------------------------------------------------------------------------

export interface SlaConfigInput {
  priority: TicketPriority;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  escalateAfterMinutes?: number | null;
  description?: string | null;
}

const SLA_STATE = {
  firstResponseMinutes: true,
  resolutionMinutes: true,
  escalateAfterMinutes: true,
  description: true,
} satisfies Prisma.SupportSlaConfigSelect;

/**
 * Sets one priority's SLA (creating its row the first time). Tickets keep the deadlines
 * they were given; new tickets and re-prioritised ones get the new ones.
 */
export async function updateSlaConfig(tx: Tx, input: SlaConfigInput) {
  const { priority, ...values } = input;
  const before = await tx.supportSlaConfig.findUnique({ where: { priority }, select: { id: true, ...SLA_STATE } });
  const data = {
    firstResponseMinutes: values.firstResponseMinutes,
    resolutionMinutes: values.resolutionMinutes,
    ...(values.escalateAfterMinutes !== undefined ? { escalateAfterMinutes: values.escalateAfterMinutes } : {}),
    ...(values.description !== undefined ? { description: values.description?.trim() || null } : {}),
  };
  const row = await tx.supportSlaConfig.upsert({
    where: { priority },
    create: { priority, ...data },
    update: data,
    select: { id: true, ...SLA_STATE },
  });
  const { id, ...after } = row;
  if (!before) return { id, before: null, after };
  const { id: _id, ...previous } = before;
  return { id, ...changes(previous, after) };
}
