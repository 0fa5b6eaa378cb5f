// The support desk's periodic rules and deduplicated alerts, on the real database: SLA
// escalation (once per breach, one alert per run, safe with concurrent workers),
// auto-closing resolved tickets, reopening and closing rules, and ticket numbering under
// concurrency.
import { parseCrontab } from "graphile-worker";
import { createPubSub } from "graphql-yoga";
import { beforeAll, describe, expect, it } from "vitest";
import { fingerprintOf, normaliseMessage, raiseAdminAlert, recordSystemLog } from "../src/domain/alerts.ts";
import { ConflictError } from "../src/domain/errors.ts";
import { escalateTicket, updateTicket } from "../src/domain/support-desk.ts";
import {
  AUTO_CLOSE_RESOLVED_AFTER_DAYS,
  SLA_ALERT,
  SLA_SWEEP_TASK,
  autoCloseResolvedTickets,
  escalateBreachedTickets,
} from "../src/domain/support-sla.ts";
import { openSupportTicket, postSupportMessage, rateSupportTicket } from "../src/domain/support.ts";
import type { Channels, EventBus } from "../src/events/pubsub.ts";
import type { TicketPriority, TicketStatus } from "../src/generated/prisma/enums.ts";
import { CRONTAB } from "../src/worker/runner.ts";
import { createTaskList } from "../src/worker/tasks.ts";
import { createTestApi, type TestApi } from "./support/harness.ts";

let api: TestApi;

/** A real in-memory bus that also remembers what was published, in order. */
const published: Array<{ channel: string; args: unknown[] }> = [];
const bus = createPubSub<Channels>();
const events = {
  publish: (channel: string, ...args: unknown[]) => {
    published.push({ channel, args });
    (bus.publish as (channel: string, ...args: unknown[]) => void)(channel, ...args);
  },
  subscribe: bus.subscribe.bind(bus),
} as unknown as EventBus;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ago = (ms: number, from = new Date()) => new Date(from.getTime() - ms);

beforeAll(async () => {
  api = await createTestApi();
  // The seeded production SLA: P1 and P2 escalate when the first response is late.
  await api.prisma.supportSlaConfig.createMany({
    data: [
      { priority: "P1", firstResponseMinutes: 15, resolutionMinutes: 240, escalateAfterMinutes: 30 },
      { priority: "P2", firstResponseMinutes: 60, resolutionMinutes: 480, escalateAfterMinutes: 120 },
      { priority: "P3", firstResponseMinutes: 240, resolutionMinutes: 1440, escalateAfterMinutes: null },
      { priority: "P4", firstResponseMinutes: 1440, resolutionMinutes: 4320, escalateAfterMinutes: null },
    ],
  });
});

/** A ticket opened `openedAgo` ms ago by a new user, re-prioritised by an operator (deadlines recomputed). */
async function openTicket(openedAgo: number, priority: TicketPriority = "P1", status?: TicketStatus) {
  const user = await api.signIn();
  const openedAt = ago(openedAgo);
  const { id } = await openSupportTicket(
    api.prisma,
    events,
    user.id,
    { subject: "Paid, nothing arrived", category: "PAYMENT", message: "Help" },
    openedAt,
  );
  if (priority !== "P3") await api.prisma.$transaction((tx) => updateTicket(tx, id, { priority }, openedAt));
  if (status) await api.prisma.$transaction((tx) => updateTicket(tx, id, { status }, openedAt));
  return { id, userId: user.id };
}

const ticketRow = (id: number) => api.prisma.supportTicket.findUniqueOrThrow({ where: { id } });
const systemMessages = (ticketId: number) =>
  api.prisma.supportTicketMessage.findMany({ where: { ticketId, senderType: "SYSTEM" }, orderBy: { id: "asc" } });
const slaAlerts = () => api.prisma.adminAlert.findMany({ where: { source: SLA_ALERT.source } });
const slaAlertCount = async () => (await slaAlerts())[0]?.count ?? 0;

describe("SLA escalation", () => {
  it("escalates a P1 ticket 30 minutes past its first-response deadline, and leaves fresh, answered-late-but-not-yet, resolved and waiting tickets alone", async () => {
    const breached = await openTicket(50 * MINUTE); // due at 15 min, escalates at 45
    const notYet = await openTicket(40 * MINUTE); // overdue by 25 of the 30 minutes
    const fresh = await openTicket(1 * MINUTE);
    const resolved = await openTicket(300 * MINUTE, "P1", "RESOLVED");
    const waiting = await openTicket(300 * MINUTE, "P1", "WAITING_USER");
    // P3 has no escalateAfterMinutes: a late first response alone does not escalate it.
    const p3Late = await openTicket(300 * MINUTE, "P3");
    published.length = 0;

    const escalated = await escalateBreachedTickets(api.prisma, events);

    expect(escalated.map((t) => t.id)).toEqual([breached.id]);
    expect(escalated[0]).toMatchObject({ priority: "P1", breaches: ["FIRST_RESPONSE"], escalationLevel: 1 });
    expect(await ticketRow(breached.id)).toMatchObject({
      status: "ESCALATED",
      escalationLevel: 1,
      escalatedAt: expect.any(Date) as unknown,
      escalationReason: "SLA (P1): no first response 30 min after it was due",
    });
    const [message] = await systemMessages(breached.id);
    // Staff only: the user's view of a ticket carries no SLA details.
    expect(message).toMatchObject({ isInternal: true, body: expect.stringMatching(/^Escalated automatically: SLA \(P1\)/) as unknown });
    expect(
      await api.prisma.auditLog.findFirst({ where: { targetType: "SupportTicket", targetId: breached.id, action: "ticket.escalate" } }),
    ).toMatchObject({
      adminId: null,
      before: { status: "OPEN", escalationLevel: 0 },
      after: { status: "ESCALATED", escalationLevel: 1 },
      metadata: { task: SLA_SWEEP_TASK },
    });
    // The operators' queue and the ticket's subscribers hear of it (after the commit).
    expect(published).toEqual(
      expect.arrayContaining([
        { channel: "support:queue", args: [{ ticketId: breached.id }] },
        { channel: "support:ticket", args: [breached.id, { ticketId: breached.id }] },
        { channel: "support:ticket-message", args: [breached.id, { ticketId: breached.id, messageId: message!.id }] },
      ]),
    );
    for (const untouched of [notYet, fresh, resolved, waiting, p3Late]) {
      expect(await ticketRow(untouched.id)).toMatchObject({ escalationLevel: 0, escalatedAt: null });
      expect(await systemMessages(untouched.id)).toEqual([]);
    }
    const [alert] = await slaAlerts();
    expect(alert).toMatchObject({ severity: "CRITICAL", title: "Support SLA breached", resolvedAt: null });
    expect(alert!.message).toContain((await ticketRow(breached.id)).number);
  });

  it("does not escalate a ticket answered in time, nor one an operator escalated after the breach", async () => {
    const answered = await openTicket(60 * MINUTE);
    await api.prisma.supportTicket.update({ where: { id: answered.id }, data: { firstResponseAt: ago(55 * MINUTE) } });
    const manual = await openTicket(60 * MINUTE);
    await api.prisma.$transaction((tx) => escalateTicket(tx, manual.id, "Operator saw it first", ago(5 * MINUTE)));

    const escalated = await escalateBreachedTickets(api.prisma, events);

    expect(escalated.map((t) => t.id)).not.toContain(answered.id);
    expect(escalated.map((t) => t.id)).not.toContain(manual.id);
    expect(await ticketRow(manual.id)).toMatchObject({ escalationLevel: 1, escalationReason: "Operator saw it first" });
  });

  it("escalates once per breach: again when the resolution deadline passes later, never twice for one", async () => {
    const start = new Date();
    const ticket = await openTicket(50 * MINUTE);
    await escalateBreachedTickets(api.prisma, events, start);
    expect(await ticketRow(ticket.id)).toMatchObject({ escalationLevel: 1 });

    // Opened 50 min before `start`: the 240-minute resolution deadline passes 190 min after it.
    expect((await escalateBreachedTickets(api.prisma, events, new Date(start.getTime() + 189 * MINUTE))).map((t) => t.id)).not.toContain(
      ticket.id,
    );
    const later = new Date(start.getTime() + 191 * MINUTE);
    const second = await escalateBreachedTickets(api.prisma, events, later);
    expect(second.find((t) => t.id === ticket.id)).toMatchObject({ breaches: ["RESOLUTION"], escalationLevel: 2 });
    expect(await ticketRow(ticket.id)).toMatchObject({
      escalationLevel: 2,
      escalatedAt: later,
      escalationReason: "SLA (P1): resolution deadline passed",
    });

    const afterwards = await escalateBreachedTickets(api.prisma, events, new Date(later.getTime() + 60 * MINUTE));
    expect(afterwards.map((t) => t.id)).not.toContain(ticket.id);
    expect(await systemMessages(ticket.id)).toHaveLength(2);
  });

  it("running the job twice gives one escalation and one alert; a later breach bumps the same alert's count", async () => {
    const ticket = await openTicket(50 * MINUTE);
    const countBefore = await slaAlertCount();

    expect((await escalateBreachedTickets(api.prisma, events)).map((t) => t.id)).toEqual([ticket.id]);
    expect(await escalateBreachedTickets(api.prisma, events)).toEqual([]);

    expect(await ticketRow(ticket.id)).toMatchObject({ escalationLevel: 1 });
    expect(await systemMessages(ticket.id)).toHaveLength(1);
    expect(await slaAlerts()).toHaveLength(1);
    expect(await slaAlertCount()).toBe(countBefore + 1);

    const next = await openTicket(200 * MINUTE, "P2"); // P2: due at 60 min, escalates at 180
    expect((await escalateBreachedTickets(api.prisma, events)).map((t) => t.id)).toEqual([next.id]);
    const alerts = await slaAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.count).toBe(countBefore + 2);
    expect(alerts[0]!.context).toMatchObject({ tickets: [{ priority: "P2", breaches: ["FIRST_RESPONSE"], escalationLevel: 1 }] });
  });

  it("with three workers at once, escalates each breached ticket exactly once and counts one alert per run that escalated", async () => {
    const tickets = await Promise.all(Array.from({ length: 6 }, () => openTicket(50 * MINUTE)));
    const countBefore = await slaAlertCount();

    const runs = await Promise.all([1, 2, 3].map(() => escalateBreachedTickets(api.prisma, events)));

    const escalatedIds = runs.flat().map((t) => t.id);
    expect(escalatedIds.sort((a, b) => a - b)).toEqual(tickets.map((t) => t.id).sort((a, b) => a - b));
    for (const ticket of tickets) {
      expect(await ticketRow(ticket.id)).toMatchObject({ escalationLevel: 1 });
      expect(await systemMessages(ticket.id)).toHaveLength(1);
    }
    expect(await slaAlerts()).toHaveLength(1);
    expect(await slaAlertCount()).toBe(countBefore + runs.filter((run) => run.length > 0).length);
  });

  it("reopens the resolved SLA alert on a new breach, clearing its acknowledgement", async () => {
    const [alert] = await slaAlerts();
    const admin = await api.signInAdmin("ADMIN");
    await api.prisma.adminAlert.update({
      where: { id: alert!.id },
      data: { acknowledgedAt: new Date(), acknowledgedById: admin.id, resolvedAt: new Date(), notifiedAt: new Date() },
    });
    await openTicket(50 * MINUTE);
    await escalateBreachedTickets(api.prisma, events);
    expect(await api.prisma.adminAlert.findUniqueOrThrow({ where: { id: alert!.id } })).toMatchObject({
      count: alert!.count + 1,
      resolvedAt: null,
      acknowledgedAt: null,
      acknowledgedById: null,
      notifiedAt: null,
    });
  });

  it("runs every minute as the worker task", async () => {
    const cron = parseCrontab(CRONTAB).find((item) => item.task === SLA_SWEEP_TASK);
    expect(cron?.options.maxAttempts).toBe(1);
    expect((cron?.match as unknown as { parsedCronMatch: { minutes: number[]; hours: number[] } }).parsedCronMatch).toMatchObject({
      minutes: Array.from({ length: 60 }, (_, i) => i),
      hours: Array.from({ length: 24 }, (_, i) => i),
    });
    const ticket = await openTicket(50 * MINUTE);
    const tasks = createTaskList({ prisma: api.prisma, events } as Parameters<typeof createTaskList>[0]);
    await tasks[SLA_SWEEP_TASK]!({}, {} as never);
    expect(await ticketRow(ticket.id)).toMatchObject({ status: "ESCALATED", escalationLevel: 1 });
  });
});

describe("deduplicated system logs and alerts", () => {
  it("normalises ids and numbers out of the fingerprint", () => {
    expect(normaliseMessage("Payment 41 failed: tx 9f8e7d6c5b4a39281706f5e4d3c2b1a0, 12.50 RUB  ")).toBe(
      "Payment <n> failed: tx <id>, <n> RUB",
    );
    expect(normaliseMessage("job 3f2b8c1e-9a4d-4e21-b7c3-0d5e6f7a8b9c timed out")).toBe("job <uuid> timed out");
    expect(fingerprintOf("payments", "Payment 41 failed")).toBe(fingerprintOf("payments", "Payment 42 failed"));
    expect(fingerprintOf("payments", "Payment 41 failed")).not.toBe(fingerprintOf("ton", "Payment 41 failed"));
    expect(fingerprintOf("payments", "Payment 41 failed")).not.toBe(fingerprintOf("payments", "Payment 41 refunded"));
    expect(fingerprintOf("payments", "anything", "key")).toBe(fingerprintOf("payments", "something else", "key"));
    expect(fingerprintOf("payments", "x")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps one system log row per problem: count, last seen, the highest level, the latest context", async () => {
    const first = new Date(Date.now() - 10 * MINUTE);
    const one = await recordSystemLog(api.prisma, {
      level: "WARN",
      source: "payments:webhook",
      message: "Forged signature on payment 41",
      context: { paymentId: 41, chatId: 7_000_000_001n },
      at: first,
    });
    expect(one).toMatchObject({ count: 1, created: true });
    const two = await recordSystemLog(api.prisma, {
      level: "ERROR",
      source: "payments:webhook",
      message: "Forged signature on payment 42",
      context: { paymentId: 42 },
    });
    // A caller with an older clock does not move last_seen_at back.
    const three = await recordSystemLog(api.prisma, {
      level: "INFO",
      source: "payments:webhook",
      message: "Forged signature on payment 43",
      at: ago(DAY),
    });
    expect(two).toEqual({ id: one.id, count: 2, created: false });
    expect(three).toEqual({ id: one.id, count: 3, created: false });
    const row = await api.prisma.systemLog.findUniqueOrThrow({ where: { id: one.id } });
    expect(row).toMatchObject({ level: "ERROR", message: "Forged signature on payment 43", context: null, firstSeenAt: first });
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(first.getTime());
    expect(await api.prisma.systemLog.count({ where: { source: "payments:webhook" } })).toBe(1);
  });

  it("works in a transaction (rolled back with it) and under concurrency (one row, every occurrence counted)", async () => {
    await expect(
      api.prisma.$transaction(async (tx) => {
        await recordSystemLog(tx, { level: "ERROR", source: "rollback-test", message: "never committed" });
        throw new ConflictError("roll back");
      }),
    ).rejects.toThrow(ConflictError);
    expect(await api.prisma.systemLog.count({ where: { source: "rollback-test" } })).toBe(0);

    const raised = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        raiseAdminAlert(api.prisma, {
          severity: "WARNING",
          source: "ton:poller",
          title: "TON poller failing",
          message: `Request ${i} timed out`,
        }),
      ),
    );
    expect(new Set(raised.map((r) => r.id)).size).toBe(1);
    expect(raised.filter((r) => r.created)).toHaveLength(1);
    expect(raised.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("keeps an acknowledged open alert acknowledged with the highest severity; a resolved one is reopened", async () => {
    const admin = await api.signInAdmin("ADMIN");
    const alert = { source: "payments", title: "Refunds failing", message: "Refund 7 failed", fingerprintKey: "refunds" };
    const first = await raiseAdminAlert(api.prisma, { ...alert, severity: "CRITICAL" });
    await api.prisma.adminAlert.update({ where: { id: first.id }, data: { acknowledgedAt: new Date(), acknowledgedById: admin.id } });
    const repeat = await raiseAdminAlert(api.prisma, { ...alert, severity: "INFO", message: "Refund 8 failed differently" });
    expect(repeat).toEqual({ id: first.id, count: 2, created: false, reopened: false });
    expect(await api.prisma.adminAlert.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      severity: "CRITICAL",
      acknowledgedById: admin.id,
      message: "Refund 8 failed differently",
    });

    await api.prisma.adminAlert.update({ where: { id: first.id }, data: { resolvedAt: new Date(), notifiedAt: new Date() } });
    const reopened = await raiseAdminAlert(api.prisma, { ...alert, severity: "WARNING" });
    expect(reopened).toEqual({ id: first.id, count: 3, created: false, reopened: true });
    expect(await api.prisma.adminAlert.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      severity: "WARNING",
      resolvedAt: null,
      acknowledgedAt: null,
      acknowledgedById: null,
      notifiedAt: null,
    });
  });
});

describe("closing and reopening", () => {
  it(`closes tickets resolved more than ${AUTO_CLOSE_RESOLVED_AFTER_DAYS} days ago, telling the user; newer and re-opened ones stay`, async () => {
    const now = new Date();
    const old = await openTicket(9 * DAY, "P3");
    await api.prisma.$transaction((tx) => updateTicket(tx, old.id, { status: "RESOLVED" }, ago(8 * DAY, now)));
    const recent = await openTicket(9 * DAY, "P3");
    await api.prisma.$transaction((tx) => updateTicket(tx, recent.id, { status: "RESOLVED" }, ago(6 * DAY, now)));
    const reopened = await openTicket(9 * DAY, "P3");
    await api.prisma.$transaction((tx) => updateTicket(tx, reopened.id, { status: "RESOLVED" }, ago(8 * DAY, now)));
    await postSupportMessage(api.prisma, events, reopened.userId, reopened.id, "Still broken");
    published.length = 0;

    const closed = await autoCloseResolvedTickets(api.prisma, events, { now });

    expect(closed.map((t) => t.id)).toEqual([old.id]);
    expect(await ticketRow(old.id)).toMatchObject({ status: "CLOSED", closedAt: now });
    const [message] = await systemMessages(old.id);
    expect(message).toMatchObject({
      isInternal: false,
      body: expect.stringMatching(/closed automatically 7 days after it was resolved/) as unknown,
    });
    expect(published).toEqual(expect.arrayContaining([{ channel: "support:ticket", args: [old.id, { ticketId: old.id }] }]));
    expect(await api.prisma.auditLog.findFirst({ where: { targetId: old.id, action: "ticket.close" } })).toMatchObject({
      adminId: null,
      after: { status: "CLOSED" },
    });
    expect(await ticketRow(recent.id)).toMatchObject({ status: "RESOLVED", closedAt: null });
    expect(await ticketRow(reopened.id)).toMatchObject({ status: "OPEN", resolvedAt: null, closedAt: null });

    // Idempotent: a second run (or a second worker) finds nothing left.
    expect(await autoCloseResolvedTickets(api.prisma, events, { now })).toEqual([]);
    expect(await systemMessages(old.id)).toHaveLength(1);
  });

  it("lets two concurrent runs close each ticket once", async () => {
    const now = new Date();
    const tickets = await Promise.all(Array.from({ length: 5 }, () => openTicket(10 * DAY, "P3")));
    for (const t of tickets) await api.prisma.$transaction((tx) => updateTicket(tx, t.id, { status: "RESOLVED" }, ago(9 * DAY, now)));
    const runs = await Promise.all([1, 2].map(() => autoCloseResolvedTickets(api.prisma, events, { now })));
    expect(
      runs
        .flat()
        .map((t) => t.id)
        .sort((a, b) => a - b),
    ).toEqual(tickets.map((t) => t.id).sort((a, b) => a - b));
    for (const t of tickets) expect(await systemMessages(t.id)).toHaveLength(1);
  });

  it("refuses the user's message on an auto-closed ticket; the closed ticket can still be rated, once", async () => {
    const now = new Date();
    const ticket = await openTicket(9 * DAY, "P3");
    await api.prisma.$transaction((tx) => updateTicket(tx, ticket.id, { status: "RESOLVED" }, ago(8 * DAY, now)));
    await autoCloseResolvedTickets(api.prisma, events, { now });

    await expect(postSupportMessage(api.prisma, events, ticket.userId, ticket.id, "Hello?")).rejects.toThrow(ConflictError);
    await rateSupportTicket(api.prisma, events, ticket.userId, ticket.id, { rating: 5, comment: " Thanks " });
    await expect(rateSupportTicket(api.prisma, events, ticket.userId, ticket.id, { rating: 1 })).rejects.toThrow(/already rated/);
    expect(await ticketRow(ticket.id)).toMatchObject({ status: "CLOSED", rating: 5, ratingComment: "Thanks" });
  });
});

describe("ticket numbers", () => {
  it("gives 20 concurrent opens 20 distinct, gapless numbers", async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => api.signIn()));
    const year = new Date().getUTCFullYear();
    const sequence = (number: string) => Number(number.slice(`TKT-${year}-`.length));
    const existing = await api.prisma.supportTicket.findMany({
      where: { number: { startsWith: `TKT-${year}-` } },
      select: { number: true },
    });
    const last = Math.max(0, ...existing.map((t) => sequence(t.number)));

    const opened = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        openSupportTicket(api.prisma, events, users[i % 4]!.id, { subject: `Concurrent ${i}`, category: "GENERAL", message: "Hi" }),
      ),
    );

    const numbers = await api.prisma.supportTicket.findMany({ where: { id: { in: opened.map((t) => t.id) } }, select: { number: true } });
    expect(numbers.map((t) => sequence(t.number)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => last + 1 + i));
    expect(numbers.every((t) => /^TKT-\d{4}-\d{3,}$/.test(t.number))).toBe(true);
  });
});
