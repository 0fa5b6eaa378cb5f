// The support desk's periodic rules (worker task `support:sla-sweep`, every minute):
//
// Escalation. A ticket the desk owes an action on (OPEN, IN_PROGRESS, ESCALATED; not
// WAITING_USER — the user holds it — nor RESOLVED/CLOSED) is escalated one level when
//   - its first response is escalateAfterMinutes (its priority's SLA config; null: never)
//     past firstResponseDueAt with no response, or
//   - its resolution deadline has passed unresolved,
// and it has not been escalated since that moment (escalatedAt older than the breach).
// Escalating sets escalatedAt to now, so the same breach never escalates twice; a later
// breach (the resolution deadline after the first response) escalates again. A run that
// escalated anything raises one admin alert (one fingerprint for every SLA breach: the
// open alert's count grows by one per such run, it is not one alert per ticket).
//
// Auto-close. A ticket RESOLVED more than AUTO_CLOSE_RESOLVED_AFTER_DAYS ago is CLOSED
// (final: the user opens a new ticket). The user writing in a resolved ticket re-opens it
// first (postSupportMessage clears resolvedAt), which stops the clock.
//
// Both lock their tickets with FOR UPDATE SKIP LOCKED and re-check the condition on the
// locked row, so two workers (or a worker and an operator) never act twice on one ticket.
// Each batch commits with its audit rows (admin_id null: a system action) and SYSTEM
// messages; events are published after the commit.
import type { PrismaClient } from "../db/prisma.ts";
import { publishAll, type EventBus, type PendingEvent } from "../events/pubsub.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { TicketPriority } from "../generated/prisma/enums.ts";
import { raiseAdminAlert } from "./alerts.ts";
import { auditJson } from "./audit.ts";
import { escalateTicket } from "./support-desk.ts";
import { messageAdded, ticketChanged } from "./support.ts";

export const SLA_SWEEP_TASK = "support:sla-sweep";

/** A ticket resolved this many days ago (and not re-opened since) is closed. */
export const AUTO_CLOSE_RESOLVED_AFTER_DAYS = 7;

/** Tickets one run handles at most per rule; the rest wait for the next minute. */
const BATCH = 100;

/** Every SLA breach counts on one admin alert (see raiseAdminAlert). */
export const SLA_ALERT = { source: "support:sla", fingerprintKey: "sla-breach" } as const;

export type SlaBreach = "FIRST_RESPONSE" | "RESOLUTION";

export interface EscalatedTicket {
  id: number;
  number: string;
  priority: TicketPriority;
  breaches: SlaBreach[];
  escalationLevel: number;
}

interface BreachedRow {
  id: number;
  number: string;
  priority: TicketPriority;
  escalateAfterMinutes: number | null;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
}

/**
 * The breached tickets not escalated since, locked for this transaction (rows another
 * transaction holds are skipped). The conditions sit in this one statement's WHERE so that
 * PostgreSQL re-checks them on the newest version of a row changed since the snapshot: a
 * ticket escalated, answered or resolved by a transaction that just committed is left out.
 */
function lockBreached(tx: Prisma.TransactionClient, now: Date) {
  const firstResponseEscalatesAt = Prisma.sql`(t.first_response_due_at + make_interval(mins => c.escalate_after_minutes))`;
  const firstResponseBreached = Prisma.sql`COALESCE(t.first_response_at IS NULL AND ${firstResponseEscalatesAt} < ${now}
    AND (t.escalated_at IS NULL OR t.escalated_at < ${firstResponseEscalatesAt}), false)`;
  const resolutionBreached = Prisma.sql`COALESCE(t.resolved_at IS NULL AND t.resolution_due_at < ${now}
    AND (t.escalated_at IS NULL OR t.escalated_at < t.resolution_due_at), false)`;
  return tx.$queryRaw<BreachedRow[]>`
    SELECT t.id, t.ticket_number AS number, t.priority::text AS priority, c.escalate_after_minutes AS "escalateAfterMinutes",
           ${firstResponseBreached} AS "firstResponseBreached", ${resolutionBreached} AS "resolutionBreached"
    FROM support_tickets t LEFT JOIN support_sla_configs c ON c.priority = t.priority
    WHERE t.status IN ('OPEN', 'IN_PROGRESS', 'ESCALATED') AND (${firstResponseBreached} OR ${resolutionBreached})
    ORDER BY t.priority, t.id
    LIMIT ${BATCH}
    FOR UPDATE OF t SKIP LOCKED`;
}

function reasonOf(ticket: BreachedRow): string {
  const reasons = [];
  if (ticket.firstResponseBreached) reasons.push(`no first response ${ticket.escalateAfterMinutes} min after it was due`);
  if (ticket.resolutionBreached) reasons.push("resolution deadline passed");
  return `SLA (${ticket.priority}): ${reasons.join("; ")}`;
}

/**
 * Escalates the tickets whose SLA is breached (the rules above) and, when any was, raises
 * the SLA admin alert, all in one transaction. Answers the escalated tickets.
 */
export async function escalateBreachedTickets(prisma: PrismaClient, events: EventBus, now = new Date()): Promise<EscalatedTicket[]> {
  const pending: PendingEvent[] = [];
  const escalated = await prisma.$transaction(async (tx) => {
    const breached = await lockBreached(tx, now);
    const done: EscalatedTicket[] = [];
    for (const ticket of breached) {
      const reason = reasonOf(ticket);
      const change = await escalateTicket(tx, ticket.id, reason, now);
      const message = await tx.supportTicketMessage.create({
        // Internal: the user's view shows no SLA or escalation details.
        data: { ticketId: ticket.id, senderType: "SYSTEM", body: `Escalated automatically: ${reason}`, isInternal: true, createdAt: now },
        select: { id: true },
      });
      await tx.auditLog.create({
        data: {
          adminId: null,
          action: "ticket.escalate",
          targetType: "SupportTicket",
          targetId: ticket.id,
          before: auditJson(change.before),
          after: auditJson(change.after),
          metadata: { task: SLA_SWEEP_TASK },
        },
      });
      pending.push(...change.events, messageAdded(ticket.id, message.id));
      const breaches: SlaBreach[] = [];
      if (ticket.firstResponseBreached) breaches.push("FIRST_RESPONSE");
      if (ticket.resolutionBreached) breaches.push("RESOLUTION");
      done.push({
        id: ticket.id,
        number: ticket.number,
        priority: ticket.priority,
        breaches,
        escalationLevel: change.after.escalationLevel ?? 0,
      });
    }
    if (done.length > 0) {
      await raiseAdminAlert(tx, {
        ...SLA_ALERT,
        severity: done.some((t) => t.priority === "P1") ? "CRITICAL" : "WARNING",
        title: "Support SLA breached",
        message: `${done.length} ticket(s) escalated: ${done.map((t) => `${t.number} (${t.priority})`).join(", ")}`,
        context: {
          tickets: done.map(({ number, priority, breaches, escalationLevel }) => ({ number, priority, breaches, escalationLevel })),
        },
        at: now,
      });
    }
    return done;
  });
  publishAll(events, pending);
  return escalated;
}

export interface ClosedTicket {
  id: number;
  number: string;
}

/** Closes RESOLVED tickets resolved more than `afterDays` ago, with a message telling the user. */
export async function autoCloseResolvedTickets(
  prisma: PrismaClient,
  events: EventBus,
  { now = new Date(), afterDays = AUTO_CLOSE_RESOLVED_AFTER_DAYS }: { now?: Date; afterDays?: number } = {},
): Promise<ClosedTicket[]> {
  const cutoff = new Date(now.getTime() - afterDays * 86_400_000);
  const pending: PendingEvent[] = [];
  const closed = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<ClosedTicket & { resolvedAt: Date }>>`
      UPDATE support_tickets t SET status = 'CLOSED', closed_at = ${now}, updated_at = ${now}
      FROM (
        SELECT id FROM support_tickets
        WHERE status = 'RESOLVED' AND resolved_at < ${cutoff}
        ORDER BY resolved_at, id LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE t.id = due.id AND t.status = 'RESOLVED'
      RETURNING t.id, t.ticket_number AS number, t.resolved_at AS "resolvedAt"`;
    if (rows.length === 0) return [];
    const messages = await tx.supportTicketMessage.createManyAndReturn({
      data: rows.map((row) => ({
        ticketId: row.id,
        senderType: "SYSTEM" as const,
        body: `This ticket was closed automatically ${afterDays} days after it was resolved. If you still need help, please open a new ticket.`,
        createdAt: now,
      })),
      select: { id: true, ticketId: true },
    });
    await tx.auditLog.createMany({
      data: rows.map((row) => ({
        adminId: null,
        action: "ticket.close",
        targetType: "SupportTicket",
        targetId: row.id,
        before: auditJson({ status: "RESOLVED" }),
        after: auditJson({ status: "CLOSED", closedAt: now }),
        metadata: { task: SLA_SWEEP_TASK, resolvedAt: row.resolvedAt.toISOString() },
      })),
    });
    for (const message of messages) pending.push(...ticketChanged(message.ticketId), messageAdded(message.ticketId, message.id));
    return rows.map(({ id, number }) => ({ id, number }));
  });
  publishAll(events, pending);
  return closed;
}

/** One run of the periodic support job. */
export async function runSlaSweep(prisma: PrismaClient, events: EventBus, now = new Date()) {
  const escalated = await escalateBreachedTickets(prisma, events, now);
  const closed = await autoCloseResolvedTickets(prisma, events, { now });
  return { escalated, closed };
}
