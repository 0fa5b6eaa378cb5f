// Support desk rules, user side: opening a ticket (numbered TKT-YYYY-NNN, SLA deadlines
// from the priority's config), writing in it, rating and closing it. Operators' side
// (assignment, replies, escalation): support-desk.ts. Each change is published on the
// event bus (subscriptions) once its transaction has committed.
import type { PrismaClient } from "../db/prisma.ts";
import { publishAll, type EventBus, type PendingEvent } from "../events/pubsub.ts";
import type { TicketCategory, TicketPriority, TicketStatus } from "../generated/prisma/enums.ts";
import { ConflictError, NotFoundError, isUniqueViolation } from "./errors.ts";

/**
 * Priority a ticket starts with; operators re-prioritise. Every category starts at P3
 * ("regular: order questions, refunds" in the SLA config) until the seeds say otherwise.
 */
export const DEFAULT_PRIORITY: Record<TicketCategory, TicketPriority> = {
  GENERAL: "P3",
  PAYMENT: "P3",
  TECHNICAL: "P3",
  ACCOUNT: "P3",
};

/** Namespace of the advisory lock that serialises ticket numbering (one lock per year). */
const TICKET_NUMBER_LOCK = 0x544b5430; // "TKT0"
const NUMBER_ATTEMPTS = 3;

export const ticketNumber = (year: number, sequence: number) => `TKT-${year}-${String(sequence).padStart(3, "0")}`;

export const minutesAfter = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);

/** What a change to a ticket tells subscribers: its user and operators, and the operators' queue. */
export function ticketChanged(ticketId: number): PendingEvent[] {
  return [
    { channel: "support:ticket", args: [ticketId, { ticketId }] },
    { channel: "support:queue", args: [{ ticketId }] },
  ];
}

/** A new message of a ticket (an internal note included: subscribers filter what they may see). */
export function messageAdded(ticketId: number, messageId: number): PendingEvent {
  return { channel: "support:ticket-message", args: [ticketId, { ticketId, messageId }] };
}

export interface OpenTicketInput {
  subject: string;
  category: TicketCategory;
  message: string;
}

/**
 * Opens a ticket with its first message. The number is the year's highest plus one,
 * taken under a transaction-scoped advisory lock on the year, so concurrent opens get
 * distinct, gapless numbers; a writer that bypasses the lock (seeds, imports) at worst
 * makes us retry on the unique number.
 */
export async function openSupportTicket(
  prisma: PrismaClient,
  events: EventBus,
  userId: number,
  input: OpenTicketInput,
  now = new Date(),
): Promise<{ id: number }> {
  const priority = DEFAULT_PRIORITY[input.category];
  const [user, sla] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, telegramUsername: true, telegramChatId: true } }),
    prisma.supportSlaConfig.findUnique({ where: { priority }, select: { firstResponseMinutes: true, resolutionMinutes: true } }),
  ]);
  const year = now.getUTCFullYear();
  const prefix = `TKT-${year}-`;
  for (let attempt = 1; ; attempt++) {
    try {
      const ticket = await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TICKET_NUMBER_LOCK}::int, ${year}::int)`;
        // Compared as numbers: TKT-2026-1000 sorts before TKT-2026-999 as text.
        const [{ last }] = await tx.$queryRaw<[{ last: number | null }]>`
          SELECT max(substring(ticket_number FROM ${prefix.length + 1}::int)::int) AS last
          FROM support_tickets WHERE ticket_number LIKE ${`${prefix}%`}`;
        return tx.supportTicket.create({
          data: {
            number: ticketNumber(year, (last ?? 0) + 1),
            userId,
            // Contact snapshot: the ticket stays answerable if the user row goes.
            telegramChatId: user.telegramChatId,
            telegramUsername: user.telegramUsername,
            userName: user.name,
            subject: input.subject.trim(),
            category: input.category,
            priority,
            // Opened through the app's API (Mini App or site), not the bot's chat flow.
            source: "WEB",
            firstResponseDueAt: sla ? minutesAfter(now, sla.firstResponseMinutes) : null,
            resolutionDueAt: sla ? minutesAfter(now, sla.resolutionMinutes) : null,
            createdAt: now,
            messages: {
              create: { senderType: "USER", senderUserId: userId, senderName: user.name, body: input.message.trim(), createdAt: now },
            },
          },
          select: { id: true, messages: { select: { id: true } } },
        });
      });
      publishAll(events, [...ticketChanged(ticket.id), ...ticket.messages.map((m) => messageAdded(ticket.id, m.id))]);
      return { id: ticket.id };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= NUMBER_ATTEMPTS) throw error;
    }
  }
}

/** A user writing back re-opens a ticket that waited on them or was resolved. */
const REOPENED_BY_USER_MESSAGE: ReadonlySet<TicketStatus> = new Set(["RESOLVED", "WAITING_USER"]);

/**
 * Adds the user's message to their own ticket. Refused on a CLOSED ticket; a RESOLVED
 * or WAITING_USER ticket goes back to OPEN. The ticket row is locked so a concurrent
 * close cannot slip between the check and the insert.
 */
export async function postSupportMessage(
  prisma: PrismaClient,
  events: EventBus,
  userId: number,
  ticketId: number,
  body: string,
): Promise<{ id: number }> {
  const message = await prisma.$transaction(async (tx) => {
    const [ticket] = await tx.$queryRaw<Array<{ status: TicketStatus; name: string | null }>>`
      SELECT t.status::text AS status, u.name
      FROM support_tickets t JOIN users u ON u.id = t.user_id
      WHERE t.id = ${ticketId} AND t.user_id = ${userId}
      FOR UPDATE OF t`;
    if (!ticket) throw new NotFoundError("SupportTicket");
    if (ticket.status === "CLOSED") throw new ConflictError("This ticket is closed; open a new one");
    const message = await tx.supportTicketMessage.create({
      data: { ticketId, senderType: "USER", senderUserId: userId, senderName: ticket.name, body: body.trim() },
      select: { id: true },
    });
    const reopen = REOPENED_BY_USER_MESSAGE.has(ticket.status);
    // Always touched: updatedAt orders the operators' queue by latest activity.
    await tx.supportTicket.update({
      where: { id: ticketId },
      data: reopen ? { status: "OPEN", resolvedAt: null } : { updatedAt: new Date() },
      select: { id: true },
    });
    return message;
  });
  publishAll(events, [messageAdded(ticketId, message.id), ...ticketChanged(ticketId)]);
  return message;
}

const RATEABLE: TicketStatus[] = ["RESOLVED", "CLOSED"];

/** Rates the user's own RESOLVED or CLOSED ticket, once. */
export async function rateSupportTicket(
  prisma: PrismaClient,
  events: EventBus,
  userId: number,
  ticketId: number,
  { rating, comment }: { rating: number; comment?: string | null },
): Promise<void> {
  // One conditional update: two concurrent ratings cannot both pass.
  const { count } = await prisma.supportTicket.updateMany({
    where: { id: ticketId, userId, status: { in: RATEABLE }, rating: null },
    data: { rating, ratingComment: comment?.trim() || null },
  });
  if (count === 1) return publishAll(events, ticketChanged(ticketId));
  const ticket = await prisma.supportTicket.findFirst({ where: { id: ticketId, userId }, select: { rating: true } });
  if (!ticket) throw new NotFoundError("SupportTicket");
  if (ticket.rating !== null) throw new ConflictError("This ticket is already rated");
  throw new ConflictError("Only a resolved or closed ticket can be rated");
}

/** Closes the user's own ticket; closing a closed ticket changes nothing. */
export async function closeSupportTicket(
  prisma: PrismaClient,
  events: EventBus,
  userId: number,
  ticketId: number,
  now = new Date(),
): Promise<void> {
  const { count } = await prisma.supportTicket.updateMany({
    where: { id: ticketId, userId, status: { not: "CLOSED" } },
    data: { status: "CLOSED", closedAt: now },
  });
  if (count === 1) return publishAll(events, ticketChanged(ticketId));
  const exists = await prisma.supportTicket.findFirst({ where: { id: ticketId, userId }, select: { id: true } });
  if (!exists) throw new NotFoundError("SupportTicket");
}
