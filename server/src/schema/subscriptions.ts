// Live subscriptions: generation progress, avatars, support conversations and the
// operators' queue. Served over graphql-ws and SSE with the HTTP schema, context and plugins.
//
// Authorisation happens twice. When subscribing: the field's scopes (scope-auth runs them
// on subscribe, builder.ts) and a lookup of the id with the caller's ownership filter (joined
// with "this session is live, its user not banned"), so an id the caller may not see is
// refused (NOT_FOUND) before any event. Then for every event: events carry ids only
// (events/pubsub.ts); the row is loaded once per event for every subscriber with the same
// selection (plugin-prisma's query for it, with the row's owner fields added: one Prisma
// query per event, whatever the number of subscribers or the nesting), and each
// subscriber's visibility is decided in memory from the owner (staff see all; a user their
// own rows, never an internal note). What the caller may no longer see is skipped. The
// caller's session is checked with every event too, through an answer shared by all its
// subscriptions and reused for SESSION_RECHECK_MS (misses batched into one statement for
// all sessions): once the session is gone (revoked, expired, banned, deactivated, demoted),
// the next row handed to it after that delay ends the subscription instead of being
// delivered. A subscriber that reads slower than events come gets them coalesced
// (events/live-groups.ts).
import { queryFromInfo } from "@pothos/plugin-prisma";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import type { AvatarEvent, Channels, EventBus, GenerationJobEvent, TicketEvent } from "../events/pubsub.ts";
import { liveRows, LoadFailure, type GroupSpec, type Payload } from "../events/live-groups.ts";
import { ReplayedEvent } from "../events/replayed-event.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AdminRole } from "../generated/prisma/enums.ts";
import { requireDatabaseId } from "./access.ts";
import { GenerationJob } from "./generation.ts";
import { Avatar } from "./photos.ts";
import { SupportTicket, SupportTicketMessage } from "./support.ts";

builder.subscriptionType({
  description: "Live updates, over graphql-ws (`ws://…/graphql`) or SSE (POST /graphql with `Accept: text/event-stream`).",
});

// ─── Who is still allowed ─────────────────────────────────────────────────────────

const STAFF: AdminRole[] = ["ADMIN", "OPERATOR", "VIEWER"];
const OPERATORS: AdminRole[] = ["ADMIN", "OPERATOR"];

/**
 * The caller as a filter on `users`: matches only while the session the subscription was
 * opened with is live and the user is not banned.
 */
function signedInUser(context: Context): Prisma.UserWhereInput {
  const user = context.user!;
  return {
    id: user.id,
    isBanned: false,
    sessions: { some: { id: user.sessionId, revokedAt: null, expiresAt: { gt: new Date() } } },
  };
}

/**
 * How long an answer to "is this session still live (user not banned; admin active, and in
 * which role)" is reused for the events of open subscriptions. Revoking a session, banning a
 * user, deactivating or demoting an admin reaches their open subscriptions within this time:
 * the first event after it ends them (without delivering it).
 */
export const SESSION_RECHECK_MS = 2000;

type SessionAnswer = number | AdminRole | null; // the user's id, the admin's role, or gone
interface SessionCache {
  answers: Map<string, SessionEntry>;
  /** Checks asked for in this turn of the event loop: one statement per kind answers them all. */
  batch: {
    users: Map<number, (answer: SessionAnswer) => void>;
    admins: Map<number, (answer: SessionAnswer) => void>;
    failed: Array<(error: unknown) => void>;
  } | null;
}

const sessionCaches = new WeakMap<Context["prisma"], SessionCache>();

async function flushSessions(prisma: Context["prisma"], cache: SessionCache): Promise<void> {
  const batch = cache.batch!;
  cache.batch = null;
  const now = new Date();
  try {
    const [users, admins] = await Promise.all([
      batch.users.size === 0
        ? []
        : prisma.userSession.findMany({
            where: { id: { in: [...batch.users.keys()] }, revokedAt: null, expiresAt: { gt: now }, user: { isBanned: false } },
            select: { id: true, userId: true },
          }),
      batch.admins.size === 0
        ? []
        : prisma.adminSession.findMany({
            where: { id: { in: [...batch.admins.keys()] }, revokedAt: null, expiresAt: { gt: now }, admin: { isActive: true } },
            select: { id: true, admin: { select: { role: true } } },
          }),
    ]);
    const liveUsers = new Map(users.map((session) => [session.id, session.userId]));
    const liveAdmins = new Map(admins.map((session) => [session.id, session.admin.role]));
    for (const [id, resolve] of batch.users) resolve(liveUsers.get(id) ?? null);
    for (const [id, resolve] of batch.admins) resolve(liveAdmins.get(id) ?? null);
  } catch (error) {
    for (const reject of batch.failed) reject(error);
  }
  // Forget what is stale (sessions whose subscriptions have gone).
  const stale = Date.now() - SESSION_RECHECK_MS;
  for (const [key, entry] of cache.answers) if (entry.at < stale) cache.answers.delete(key);
}

/** A session's answer: reused for SESSION_RECHECK_MS, read at once once it has settled. */
interface SessionEntry {
  at: number;
  answer: Promise<SessionAnswer>;
  settled?: { value: SessionAnswer };
}

function sessionAnswer(prisma: Context["prisma"], kind: "users" | "admins", sessionId: number): SessionAnswer | Promise<SessionAnswer> {
  let cache = sessionCaches.get(prisma);
  if (!cache) sessionCaches.set(prisma, (cache = { answers: new Map(), batch: null }));
  const key = `${kind}:${sessionId}`;
  const cached = cache.answers.get(key);
  if (cached && Date.now() - cached.at < SESSION_RECHECK_MS) return cached.settled ? cached.settled.value : cached.answer;
  if (!cache.batch) {
    cache.batch = { users: new Map(), admins: new Map(), failed: [] };
    const current = cache;
    setImmediate(() => void flushSessions(prisma, current));
  }
  const batch = cache.batch;
  const answer = new Promise<SessionAnswer>((resolve, reject) => {
    batch[kind].set(sessionId, resolve);
    batch.failed.push(reject);
  });
  const entry: SessionEntry = { at: Date.now(), answer };
  cache.answers.set(key, entry);
  answer.then(
    (value) => (entry.settled = { value }),
    // A failed check is not kept: the next event asks again.
    () => cache.answers.get(key) === entry && cache.answers.delete(key),
  );
  return answer;
}

/**
 * Whether the caller's session still holds (and, for staff, the account is active in one of
 * `roles`), as of at most SESSION_RECHECK_MS ago: checks are shared by every subscription
 * of a session, batched into one statement for all the sessions asked about at once, and
 * answered at once (no promise) while a settled answer is fresh.
 */
function stillSignedIn(context: Context, roles: AdminRole[]): boolean | Promise<boolean> {
  const { admin, user, prisma } = context;
  if (admin) {
    const role = sessionAnswer(prisma, "admins", admin.sessionId);
    const allowed = (role: SessionAnswer) => role !== null && roles.includes(role as AdminRole);
    return role instanceof Promise ? role.then(allowed) : allowed(role);
  }
  if (user) {
    const id = sessionAnswer(prisma, "users", user.sessionId);
    return id instanceof Promise ? id.then((id) => id === user.id) : id === user.id;
  }
  return false;
}

// ─── Streams ──────────────────────────────────────────────────────────────────────

/** A subscription's row: a failed load becomes this event's error. */
function rowOf<Row>(payload: Payload<Row>): Row {
  if (payload instanceof LoadFailure) throw payload.error;
  return payload;
}

/** The database id in a global id of `typename`; anything else is not found. */
const idOf = (globalId: string, typename: string) => requireDatabaseId(globalId, typename, () => notFound(typename));

function notFound(typename: string) {
  return new GraphQLError(`${typename} not found`, { extensions: { code: "NOT_FOUND" } });
}

// Ownership, as in schema/access.ts, with the caller's session checked in the same statement
// (when subscribing; for events, see `follow`).
const jobWhere = (context: Context, id: number): Prisma.GenerationJobWhereInput =>
  context.admin ? { id } : { id, avatar: { user: signedInUser(context) } };
const avatarWhere = (context: Context, id: number): Prisma.AvatarWhereInput =>
  context.admin ? { id } : { id, user: signedInUser(context) };
const ticketWhere = (context: Context, id: number): Prisma.SupportTicketWhereInput =>
  context.admin ? { id } : { id, user: signedInUser(context) };

type Query = { select?: Record<string, unknown>; include?: Record<string, unknown> } & Record<string, unknown>;
/** Fields to add to a selection: `true` for a column, `{ select: … }` for a to-one relation's. */
type Fields = Record<string, true | { select: Fields }>;

/** `query` (plugin-prisma's, for the client's selection) also loading `fields`. */
function withFields(query: Query, fields: Fields): Query {
  if (query.select) {
    const select = { ...query.select };
    for (const [name, wanted] of Object.entries(fields)) select[name] = wanted === true ? true : withRelation(select[name], wanted);
    return { ...query, select };
  }
  // No select: every column comes; relations must be included.
  let include: Record<string, unknown> | undefined;
  for (const [name, wanted] of Object.entries(fields)) {
    if (wanted === true) continue;
    include ??= { ...query.include };
    include[name] = withRelation(include[name], wanted);
  }
  return include ? { ...query, include } : query;
}

function withRelation(existing: unknown, wanted: { select: Fields }): unknown {
  if (existing === undefined || existing === false) return wanted;
  if (existing === true) return true;
  return withFields(existing as Query, wanted.select);
}

/** Who may see a row: its owner, and whether it is an internal note (which a user never sees). */
interface Owner {
  userId: number | null;
  internal?: boolean;
}

/**
 * The rows of a topic for this subscriber (events/live-groups.ts): loaded once per event for
 * every subscriber of the topic with the same selection, together with the row's owner
 * (`ownerFields`, merged into plugin-prisma's query for the client's selection, planned now,
 * once), then decided per subscriber in memory: its session still live (`stillSignedIn`, for
 * `roles`), and the row visible to it (staff see every row; a user only their own, never an
 * internal note; with no `owner`, the roles decide alone).
 */
async function follow<Event, Row>(
  context: Context,
  info: GraphQLResolveInfo,
  spec: {
    typeName: string;
    channel: keyof Channels;
    id?: number;
    roles: AdminRole[];
    /** The current state first, without waiting for an event. */
    snapshot: boolean;
    coalesce: (event: Event | undefined) => unknown;
    ownerFields?: Fields;
    owner?: (row: Row) => Owner;
    /** The row (must not hold on to the subscriber's context: the group outlives it). */
    read: (query: Query, event: Event | undefined) => Promise<unknown>;
  },
): Promise<AsyncIterable<Payload<Row>>> {
  // The loader mappings plugin-prisma records while planning stay on this subscriber's
  // context, so its events' resolvers know what the load already holds.
  const planned = (await queryFromInfo({ context, info, typeName: spec.typeName, awaitSelections: true })) as Query;
  const query = spec.ownerFields ? withFields(planned, spec.ownerFields) : planned;
  const { owner, roles } = spec;
  return liveRows<Event, Row>(context.events, topicGroup(context.events, info.fieldName, query, spec), {
    snapshot: spec.snapshot,
    live: () => stillSignedIn(context, roles),
    visible: (row) => {
      if (context.admin || !owner) return true;
      const { userId, internal } = owner(row);
      return context.user !== null && context.user !== undefined && !internal && userId === context.user.id;
    },
  });
}

/** The group's side of `follow`, made apart from the subscriber's context, which a group (shared, long-lived) must not keep. */
function topicGroup<Event, Row>(
  bus: EventBus,
  fieldName: string,
  query: Query,
  {
    channel,
    id,
    coalesce,
    read,
  }: {
    channel: keyof Channels;
    id?: number;
    coalesce: (event: Event | undefined) => unknown;
    read: (query: Query, event: Event | undefined) => Promise<unknown>;
  },
): GroupSpec<Event, Row> {
  const topic = id === undefined ? channel : `${channel}:${id}`;
  const subscribe = bus.subscribe as unknown as (...topic: unknown[]) => AsyncIterator<Event>;
  return {
    key: `${fieldName}\n${topic}\n${JSON.stringify(query)}`,
    topic,
    listen: () => subscribe.apply(bus, id === undefined ? [channel] : [channel, id]),
    load: (event) => read(query, event) as Promise<Row | null>,
    coalesce,
  };
}

/** Refuses an id the caller may not see, before any event. */
async function requireVisible(found: Promise<unknown>, typename: string): Promise<void> {
  if (!(await found)) throw notFound(typename);
}

// ─── Fields ───────────────────────────────────────────────────────────────────────

type JobRow = Prisma.GenerationJobGetPayload<object>;
type AvatarRow = Prisma.AvatarGetPayload<object>;
type TicketRow = Prisma.SupportTicketGetPayload<object>;
type MessageRow = Prisma.SupportTicketMessageGetPayload<object>;

builder.subscriptionFields((t) => ({
  generationJobUpdated: t.field({
    type: GenerationJob,
    nullable: true,
    description:
      "A generation job of the viewer's (staff: any): its current state at once, then again after every change — progress, each new photo, completion or failure.",
    authScopes: { user: true, staff: true },
    args: { jobId: t.arg.id({ required: true }) },
    subscribe: async (root, args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream(); // an event this stream delivered, executed for its sharers
      const id = idOf(String(args.jobId), "GenerationJob");
      const { prisma } = context;
      await requireVisible(prisma.generationJob.findFirst({ where: jobWhere(context, id), select: { id: true } }), "GenerationJob");
      return follow<GenerationJobEvent, JobRow & { avatar: { userId: number } }>(context, info, {
        typeName: "GenerationJob",
        channel: "generation:job",
        id,
        roles: STAFF,
        snapshot: true,
        coalesce: () => id,
        ownerFields: { avatar: { select: { userId: true } } },
        owner: (row) => ({ userId: row.avatar.userId }),
        read: (query) => prisma.generationJob.findUnique({ ...query, where: { id } }),
      });
    },
    resolve: (payload) => rowOf(payload as Payload<JobRow>),
  }),

  avatarUpdated: t.field({
    type: Avatar,
    nullable: true,
    description:
      "An avatar of the viewer's (staff: any): its current state at once, then again after every change (status, thumbnail, photos).",
    authScopes: { user: true, staff: true },
    args: { avatarId: t.arg.id({ required: true }) },
    subscribe: async (root, args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream(); // an event this stream delivered, executed for its sharers
      const id = idOf(String(args.avatarId), "Avatar");
      const { prisma } = context;
      await requireVisible(prisma.avatar.findFirst({ where: avatarWhere(context, id), select: { id: true } }), "Avatar");
      return follow<AvatarEvent, AvatarRow>(context, info, {
        typeName: "Avatar",
        channel: "avatar",
        id,
        roles: STAFF,
        snapshot: true,
        coalesce: () => id,
        ownerFields: { userId: true },
        owner: (row) => ({ userId: row.userId }),
        read: (query) => prisma.avatar.findUnique({ ...query, where: { id } }),
      });
    },
    resolve: (payload) => rowOf(payload as Payload<AvatarRow>),
  }),

  supportTicketMessageAdded: t.field({
    type: SupportTicketMessage,
    nullable: true,
    description:
      "Each new message of one of the viewer's tickets (staff: any ticket, internal notes included; a user never receives them).",
    authScopes: { user: true, staff: true },
    args: { ticketId: t.arg.id({ required: true }) },
    subscribe: async (root, args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream(); // an event this stream delivered, executed for its sharers
      const ticketId = idOf(String(args.ticketId), "SupportTicket");
      const { prisma } = context;
      await requireVisible(
        prisma.supportTicket.findFirst({ where: ticketWhere(context, ticketId), select: { id: true } }),
        "SupportTicket",
      );
      return follow<TicketEvent, MessageRow & { ticket: { userId: number } }>(context, info, {
        typeName: "SupportTicketMessage",
        channel: "support:ticket-message",
        id: ticketId,
        roles: STAFF,
        snapshot: false,
        // Every message is its own event.
        coalesce: (event) => event?.messageId,
        ownerFields: { isInternal: true, ticket: { select: { userId: true } } },
        owner: (row) => ({ userId: row.ticket.userId, internal: row.isInternal }),
        read: async (query, event) =>
          event?.messageId === undefined
            ? null
            : prisma.supportTicketMessage.findFirst({ ...query, where: { id: event.messageId, ticketId } }),
      });
    },
    resolve: (payload) => rowOf(payload as Payload<MessageRow>),
  }),

  supportTicketUpdated: t.field({
    type: SupportTicket,
    nullable: true,
    description:
      "One of the viewer's tickets (staff: any): its current state at once, then again after every change (status, rating, assignment…).",
    authScopes: { user: true, staff: true },
    args: { ticketId: t.arg.id({ required: true }) },
    subscribe: async (root, args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream(); // an event this stream delivered, executed for its sharers
      const id = idOf(String(args.ticketId), "SupportTicket");
      const { prisma } = context;
      await requireVisible(prisma.supportTicket.findFirst({ where: ticketWhere(context, id), select: { id: true } }), "SupportTicket");
      return follow<TicketEvent, TicketRow>(context, info, {
        typeName: "SupportTicket",
        channel: "support:ticket",
        id,
        roles: STAFF,
        snapshot: true,
        coalesce: () => id,
        ownerFields: { userId: true },
        owner: (row) => ({ userId: row.userId }),
        read: (query) => prisma.supportTicket.findUnique({ ...query, where: { id } }),
      });
    },
    resolve: (payload) => rowOf(payload as Payload<TicketRow>),
  }),

  supportQueueUpdated: t.field({
    type: SupportTicket,
    nullable: true,
    description:
      "Operators (OPERATOR, ADMIN): every ticket that is opened or changes (a message, a note, a status, an assignment…), as it is now.",
    authScopes: { operator: true },
    subscribe: (root, _args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream(); // an event this stream delivered, executed for its sharers
      // Operators see every ticket: the roles decide alone.
      const { prisma } = context;
      return follow<TicketEvent, TicketRow>(context, info, {
        typeName: "SupportTicket",
        channel: "support:queue",
        roles: OPERATORS,
        snapshot: false,
        coalesce: (event) => event?.ticketId,
        read: async (query, event) => (event ? prisma.supportTicket.findUnique({ ...query, where: { id: event.ticketId } }) : null),
      });
    },
    resolve: (payload) => rowOf(payload as Payload<TicketRow>),
  }),
}));
