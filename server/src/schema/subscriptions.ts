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
// the first event after that delay ends the subscription without being delivered. A
// subscriber that reads slower than events come gets them coalesced (see liveRows).
import { queryFromInfo } from "@pothos/plugin-prisma";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import type { AvatarEvent, GenerationJobEvent, TicketEvent } from "../events/pubsub.ts";
import { EventStream } from "../events/event-stream.ts";
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
  answers: Map<string, { at: number; answer: Promise<SessionAnswer> }>;
  /** Checks asked for in this turn of the event loop: one statement per kind answers them all. */
  batch: { users: Map<number, (answer: SessionAnswer) => void>; admins: Map<number, (answer: SessionAnswer) => void>; failed: Array<(error: unknown) => void> } | null;
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

function sessionAnswer(prisma: Context["prisma"], kind: "users" | "admins", sessionId: number): Promise<SessionAnswer> {
  let cache = sessionCaches.get(prisma);
  if (!cache) sessionCaches.set(prisma, (cache = { answers: new Map(), batch: null }));
  const key = `${kind}:${sessionId}`;
  const cached = cache.answers.get(key);
  if (cached && Date.now() - cached.at < SESSION_RECHECK_MS) return cached.answer;
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
  const entry = { at: Date.now(), answer };
  cache.answers.set(key, entry);
  // A failed check is not kept: the next event asks again.
  answer.catch(() => cache.answers.get(key) === entry && cache.answers.delete(key));
  return answer;
}

/**
 * Whether the caller's session still holds (and, for staff, the account is active in one of
 * `roles`), as of at most SESSION_RECHECK_MS ago: checks are shared by every subscription
 * of a session, and batched into one statement for all the sessions asked about at once.
 */
async function stillSignedIn(context: Context, roles: AdminRole[]): Promise<boolean> {
  const { admin, user, prisma } = context;
  if (admin) {
    const role = await sessionAnswer(prisma, "admins", admin.sessionId);
    return role !== null && roles.includes(role as AdminRole);
  }
  if (user) return (await sessionAnswer(prisma, "users", user.sessionId)) === user.id;
  return false;
}

/**
 * Work shared by every subscriber of one event: the bus hands the same payload object to
 * every listener of one event (graphql-yoga's in-memory EventTarget dispatches one
 * CustomEvent to all; the Redis event target parses each message once, then calls every
 * listener with it), so what is keyed by it (and by field and selection) is loaded once per
 * event, not once per subscriber. A load is reused for SHARED_LOAD_MS at most, in case a
 * publisher publishes the same payload object again later: that is a new event, reloaded.
 */
const SHARED_LOAD_MS = 1000;
const sharedLoads = new WeakMap<object, Map<string, { at: number; loading: Promise<unknown> }>>();

function sharedLoad<T>(event: object, key: string, load: () => Promise<T>): Promise<T> {
  let loads = sharedLoads.get(event);
  if (!loads) sharedLoads.set(event, (loads = new Map()));
  const now = Date.now();
  let entry = loads.get(key);
  if (!entry || now - entry.at > SHARED_LOAD_MS) loads.set(key, (entry = { at: now, loading: load() }));
  return entry.loading as Promise<T>;
}

// ─── Streams ──────────────────────────────────────────────────────────────────────

/** An event whose reload failed: answered as a (masked, logged) error of that event only. */
class LoadFailure {
  constructor(readonly error: unknown) {}
}

type Payload<Row> = Row | LoadFailure;

/** Events a subscriber may have waiting (after coalescing) before it is ended as too slow. */
export const MAX_PENDING_EVENTS = 1000;

/**
 * The rows to send, one per event that `load` finds visible.
 *
 * The bus is listened to before the initial row is loaded, so no change falls between the
 * two. It is drained at its own pace whatever the client's, into a queue where events of
 * the same `key` coalesce (each reload shows the current state, so a subscriber that fell
 * behind gets one reload for a burst, not one per event); a subscriber with more than
 * MAX_PENDING_EVENTS waiting is ended with SUBSCRIPTION_OVERFLOW. The caller's session is
 * checked with every event (`stillSignedIn`): gone, it ends the stream; else when `load`
 * finds nothing the caller may see, the event is skipped.
 */
function liveRows<Event, Row>(
  context: Context,
  { source, roles, initial, load, key }: {
    source: AsyncIterable<Event>;
    roles: AdminRole[];
    initial?: () => Promise<Row | null>;
    load: (event: Event) => Promise<Row | null>;
    /** Events with the same key coalesce while waiting. */
    key: (event: Event) => unknown;
  },
): AsyncIterable<Payload<Row>> {
  const events = source[Symbol.asyncIterator]();
  const pending = new Map<unknown, Event>();
  let sourceEnded = false;
  let overflowed = false;
  let stopped = false;
  let wake = () => {};
  const changed = () => wake();

  const run = async () => {
    // Starts listening now (a bus stream subscribes on its first pull).
    const first = events.next();
    void (async () => {
      for (let result = await first; !result.done; result = await events.next()) {
        const k = key(result.value);
        pending.delete(k); // a coalesced event takes the latest place
        pending.set(k, result.value);
        if (pending.size > MAX_PENDING_EVENTS) {
          // Stop listening at once (the client may stay stalled); it hears why when it reads.
          overflowed = true;
          pending.clear();
          void events.return?.();
          break;
        }
        changed();
      }
      sourceEnded = true;
      changed();
    })().catch((error: unknown) => rows.end(error));

    const deliver = async (loading: () => Promise<Row | null>): Promise<boolean> => {
      let row: Row | null;
      try {
        // One batched session check per event for all its subscribers, alongside the shared load.
        const [live, loaded] = await Promise.all([stillSignedIn(context, roles), loading()]);
        if (!live) return false;
        row = loaded;
      } catch (error) {
        await rows.pushAndWait(new LoadFailure(error));
        return true;
      }
      if (row !== null) await rows.pushAndWait(row);
      return true;
    };

    if (initial && !(await deliver(initial))) return;
    while (!stopped) {
      if (overflowed) {
        await rows.pushAndWait(
          new LoadFailure(
            new GraphQLError("This subscription fell too far behind its events; subscribe again", {
              extensions: { code: "SUBSCRIPTION_OVERFLOW" },
            }),
          ),
        );
        break;
      }
      const waiting = pending.entries().next();
      if (waiting.done) {
        if (sourceEnded) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const [k, event] = waiting.value;
      pending.delete(k);
      if (!(await deliver(() => load(event)))) break;
    }
  };

  const rows: EventStream<Payload<Row>> = new EventStream({
    // The work starts with the first read, and stops with the stream (either side's end).
    start: () => void run().then(() => rows.end(), (error: unknown) => rows.end(error)),
    end: () => {
      stopped = true;
      void events.return?.();
      changed();
    },
  });
  return rows;
}

/** A subscription's row: a failed reload becomes this event's error. */
function rowOf<Row>(payload: Payload<Row>): Row {
  if (payload instanceof LoadFailure) throw payload.error;
  return payload;
}

/** The query plugin-prisma plans for the client's selection of a field, and a key for it (field and query). */
interface Planned {
  query: Query;
  key: string;
}

/**
 * The query plugin-prisma plans for the client's selection of this field, planned once per
 * subscriber: the selection never changes, and the loader mappings the plan records for the
 * event's resolvers are kept on the subscriber's own context (one per graphql-ws operation),
 * so they hold for every event. A plan that fails is tried again at the next event.
 */
function selection(context: Context, info: GraphQLResolveInfo, typeName: string): () => Promise<Planned> {
  let planned: Promise<Planned> | null = null;
  const plan = async (): Promise<Planned> => {
    const query = (await queryFromInfo({ context, info, typeName, awaitSelections: true })) as Query;
    return { query, key: `${info.fieldName} ${JSON.stringify(query)}` };
  };
  return () => {
    if (!planned) {
      const planning = (planned = plan());
      planning.catch(() => planned === planning && (planned = null));
    }
    return planned;
  };
}

/** The database id in a global id of `typename`; anything else is not found. */
const idOf = (globalId: string, typename: string) => requireDatabaseId(globalId, typename, () => notFound(typename));

function notFound(typename: string) {
  return new GraphQLError(`${typename} not found`, { extensions: { code: "NOT_FOUND" } });
}

// Ownership, as in schema/access.ts, with the caller's session checked in the same statement
// (when subscribing; for events, see `visibleRow`).
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
 * The row of `event` as the client's selection wants it, if the caller may see it. The row
 * is read once per event and selection for every subscriber (`sharedLoad`), together with
 * its owner (`ownerFields`, merged into the same query), and each subscriber's visibility
 * is decided in memory: staff see every row, a user only their own and never an internal
 * note. The session is checked alongside (`stillSignedIn`).
 */
async function visibleRow<Row>(
  context: Context,
  event: object,
  { query, key }: Planned,
  { ownerFields, owner, read }: { ownerFields: Fields; owner: (row: Row) => Owner; read: (query: object) => Promise<unknown> },
): Promise<Row | null> {
  const row = (await sharedLoad(event, key, () => read(withFields(query, ownerFields)))) as Row | null;
  if (row === null) return null;
  if (context.admin) return row;
  const { userId, internal } = owner(row);
  return context.user && !internal && userId === context.user.id ? row : null;
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
      const plan = selection(context, info, "GenerationJob");
      const load = async (event: object) =>
        visibleRow<JobRow & { avatar: { userId: number } }>(context, event, await plan(), {
          ownerFields: { avatar: { select: { userId: true } } },
          owner: (row) => ({ userId: row.avatar.userId }),
          read: (query) => prisma.generationJob.findUnique({ ...query, where: { id } }),
        });
      return liveRows<GenerationJobEvent, JobRow>(context, {
        source: context.events.subscribe("generation:job", id),
        roles: STAFF,
        initial: () => load({}), // the caller's own snapshot
        load,
        key: () => id,
      });
    },
    resolve: (payload) => rowOf(payload as Payload<JobRow>),
  }),

  avatarUpdated: t.field({
    type: Avatar,
    nullable: true,
    description: "An avatar of the viewer's (staff: any): its current state at once, then again after every change (status, thumbnail, photos).",
    authScopes: { user: true, staff: true },
    args: { avatarId: t.arg.id({ required: true }) },
    subscribe: async (root, args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream(); // an event this stream delivered, executed for its sharers
      const id = idOf(String(args.avatarId), "Avatar");
      const { prisma } = context;
      await requireVisible(prisma.avatar.findFirst({ where: avatarWhere(context, id), select: { id: true } }), "Avatar");
      const plan = selection(context, info, "Avatar");
      const load = async (event: object) =>
        visibleRow<AvatarRow>(context, event, await plan(), {
          ownerFields: { userId: true },
          owner: (row) => ({ userId: row.userId }),
          read: (query) => prisma.avatar.findUnique({ ...query, where: { id } }),
        });
      return liveRows<AvatarEvent, AvatarRow>(context, {
        source: context.events.subscribe("avatar", id),
        roles: STAFF,
        initial: () => load({}), // the caller's own snapshot
        load,
        key: () => id,
      });
    },
    resolve: (payload) => rowOf(payload as Payload<AvatarRow>),
  }),

  supportTicketMessageAdded: t.field({
    type: SupportTicketMessage,
    nullable: true,
    description: "Each new message of one of the viewer's tickets (staff: any ticket, internal notes included; a user never receives them).",
    authScopes: { user: true, staff: true },
    args: { ticketId: t.arg.id({ required: true }) },
    subscribe: async (root, args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream(); // an event this stream delivered, executed for its sharers
      const ticketId = idOf(String(args.ticketId), "SupportTicket");
      const { prisma } = context;
      await requireVisible(prisma.supportTicket.findFirst({ where: ticketWhere(context, ticketId), select: { id: true } }), "SupportTicket");
      const plan = selection(context, info, "SupportTicketMessage");
      return liveRows<TicketEvent, MessageRow>(context, {
        source: context.events.subscribe("support:ticket-message", ticketId),
        roles: STAFF,
        // Every message is its own event.
        key: ({ messageId }) => messageId,
        load: async (event) => {
          const { messageId } = event;
          if (messageId === undefined) return null;
          return visibleRow<MessageRow & { ticket: { userId: number } }>(context, event, await plan(), {
            ownerFields: { isInternal: true, ticket: { select: { userId: true } } },
            owner: (row) => ({ userId: row.ticket.userId, internal: row.isInternal }),
            read: (query) => prisma.supportTicketMessage.findFirst({ ...query, where: { id: messageId, ticketId } }),
          });
        },
      });
    },
    resolve: (payload) => rowOf(payload as Payload<MessageRow>),
  }),

  supportTicketUpdated: t.field({
    type: SupportTicket,
    nullable: true,
    description: "One of the viewer's tickets (staff: any): its current state at once, then again after every change (status, rating, assignment…).",
    authScopes: { user: true, staff: true },
    args: { ticketId: t.arg.id({ required: true }) },
    subscribe: async (root, args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream(); // an event this stream delivered, executed for its sharers
      const id = idOf(String(args.ticketId), "SupportTicket");
      const { prisma } = context;
      await requireVisible(prisma.supportTicket.findFirst({ where: ticketWhere(context, id), select: { id: true } }), "SupportTicket");
      const plan = selection(context, info, "SupportTicket");
      const load = async (event: object) =>
        visibleRow<TicketRow>(context, event, await plan(), {
          ownerFields: { userId: true },
          owner: (row) => ({ userId: row.userId }),
          read: (query) => prisma.supportTicket.findUnique({ ...query, where: { id } }),
        });
      return liveRows<TicketEvent, TicketRow>(context, {
        source: context.events.subscribe("support:ticket", id),
        roles: STAFF,
        initial: () => load({}), // the caller's own snapshot
        load,
        key: () => id,
      });
    },
    resolve: (payload) => rowOf(payload as Payload<TicketRow>),
  }),

  supportQueueUpdated: t.field({
    type: SupportTicket,
    nullable: true,
    description: "Operators (OPERATOR, ADMIN): every ticket that is opened or changes (a message, a note, a status, an assignment…), as it is now.",
    authScopes: { operator: true },
    subscribe: (root, _args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream(); // an event this stream delivered, executed for its sharers
      const plan = selection(context, info, "SupportTicket");
      return liveRows<TicketEvent, TicketRow>(context, {
        source: context.events.subscribe("support:queue"),
        roles: OPERATORS,
        key: ({ ticketId }) => ticketId,
        // Operators see every ticket: only the row is shared.
        load: async (event) => {
          const { query, key } = await plan();
          return sharedLoad(
            event,
            key,
            () => context.prisma.supportTicket.findUnique({ ...query, where: { id: event.ticketId } }) as Promise<TicketRow | null>,
          );
        },
      });
    },
    resolve: (payload) => rowOf(payload as Payload<TicketRow>),
  }),
}));
