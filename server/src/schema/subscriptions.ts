// Live subscriptions: generation progress, avatars, support conversations and the
// operators' queue. Served over graphql-ws and SSE with the HTTP schema, context and plugins.
//
// Authorisation happens twice. When subscribing: the field's scopes (scope-auth runs them
// on subscribe, builder.ts) and a lookup of the id with the caller's ownership filter, so
// an id the caller may not see is refused (NOT_FOUND) before any event. Then for every
// event: events carry ids only (events/pubsub.ts), and each one is reloaded with the same
// filter — joined with "this session is still live and its user not banned" for users,
// and an admin session check for staff — using plugin-prisma's query for the client's
// selection (for a user, one Prisma query per event and subscriber, whatever the nesting).
// What the caller may no longer see is skipped; once the caller's session is gone
// (revoked, expired, banned, deactivated, demoted), the subscription ends. A subscriber
// that reads slower than events come gets them coalesced (see liveRows).
import { queryFromInfo } from "@pothos/plugin-prisma";
import { decodeGlobalID } from "@pothos/plugin-relay";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { Repeater } from "graphql-yoga";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import type { AvatarEvent, GenerationJobEvent, TicketEvent } from "../events/pubsub.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AdminRole } from "../generated/prisma/enums.ts";
import { parseDatabaseId } from "./access.ts";
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

/** Whether the caller's session still holds (and, for staff, the account is active in one of `roles`). */
async function stillSignedIn(context: Context, roles: AdminRole[]): Promise<boolean> {
  const now = new Date();
  if (context.admin) {
    const live = await context.prisma.adminSession.count({
      where: { id: context.admin.sessionId, revokedAt: null, expiresAt: { gt: now }, admin: { isActive: true, role: { in: roles } } },
    });
    return live > 0;
  }
  if (context.user) return (await context.prisma.user.count({ where: signedInUser(context) })) > 0;
  return false;
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
 * MAX_PENDING_EVENTS waiting is ended with SUBSCRIPTION_OVERFLOW. When `load` finds
 * nothing the event is skipped — unless the caller's session is gone, which ends the stream.
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
  return new Repeater<Payload<Row>>(async (push, stop) => {
    const events = source[Symbol.asyncIterator]();
    const pending = new Map<unknown, Event>();
    let sourceEnded = false;
    let overflowed = false;
    let stopped = false;
    let wake = () => {};
    const changed = () => wake();
    void stop.then(() => {
      stopped = true;
      void events.return?.();
      changed();
    });
    // Starts listening now (a pubsub stream subscribes on its first pull).
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
    })().catch((error: unknown) => stop(error));

    const deliver = async (loading: () => Promise<Row | null>): Promise<boolean> => {
      let row: Row | null;
      try {
        // Staff have no row to join their session check with: it is checked first.
        if (context.admin && !(await stillSignedIn(context, roles))) return false;
        row = await loading();
      } catch (error) {
        await push(new LoadFailure(error));
        return true;
      }
      if (row !== null) await push(row);
      else if (context.user && !(await stillSignedIn(context, roles))) return false;
      return true;
    };

    if (initial && !(await deliver(initial))) return stop();
    while (!stopped) {
      if (overflowed) {
        await push(
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
    stop();
  });
}

/** A subscription's row: a failed reload becomes this event's error. */
function rowOf<Row>(payload: Payload<Row>): Row {
  if (payload instanceof LoadFailure) throw payload.error;
  return payload;
}

/** The query plugin-prisma plans for the client's selection of this field. */
async function selection(context: Context, info: GraphQLResolveInfo, typeName: string) {
  return queryFromInfo({ context, info, typeName, awaitSelections: true }) as Promise<{ select?: object; include?: object }>;
}

/** The database id in a global id of `typename`; anything else is not found. */
function idOf(globalId: string, typename: string): number {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw notFound(typename);
  }
  if (decoded.typename !== typename) throw notFound(typename);
  try {
    return parseDatabaseId(decoded.id, typename);
  } catch {
    throw notFound(typename);
  }
}

function notFound(typename: string) {
  return new GraphQLError(`${typename} not found`, { extensions: { code: "NOT_FOUND" } });
}

// Ownership, as in schema/access.ts, with the caller's session checked in the same statement.
const jobWhere = (context: Context, id: number): Prisma.GenerationJobWhereInput =>
  context.admin ? { id } : { id, avatar: { user: signedInUser(context) } };
const avatarWhere = (context: Context, id: number): Prisma.AvatarWhereInput =>
  context.admin ? { id } : { id, user: signedInUser(context) };
const ticketWhere = (context: Context, id: number): Prisma.SupportTicketWhereInput =>
  context.admin ? { id } : { id, user: signedInUser(context) };
/** A user never receives an internal note. */
const messageWhere = (context: Context, ticketId: number, id: number): Prisma.SupportTicketMessageWhereInput =>
  context.admin ? { id, ticketId } : { id, ticketId, isInternal: false, ticket: { user: signedInUser(context) } };

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
    subscribe: async (_root, args, context, info) => {
      const id = idOf(String(args.jobId), "GenerationJob");
      const { prisma } = context;
      await requireVisible(prisma.generationJob.findFirst({ where: jobWhere(context, id), select: { id: true } }), "GenerationJob");
      const load = async () =>
        prisma.generationJob.findFirst({ ...(await selection(context, info, "GenerationJob")), where: jobWhere(context, id) }) as Promise<JobRow | null>;
      return liveRows<GenerationJobEvent, JobRow>(context, {
        source: context.events.subscribe("generation:job", id),
        roles: STAFF,
        initial: load,
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
    subscribe: async (_root, args, context, info) => {
      const id = idOf(String(args.avatarId), "Avatar");
      const { prisma } = context;
      await requireVisible(prisma.avatar.findFirst({ where: avatarWhere(context, id), select: { id: true } }), "Avatar");
      const load = async () =>
        prisma.avatar.findFirst({ ...(await selection(context, info, "Avatar")), where: avatarWhere(context, id) }) as Promise<AvatarRow | null>;
      return liveRows<AvatarEvent, AvatarRow>(context, {
        source: context.events.subscribe("avatar", id),
        roles: STAFF,
        initial: load,
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
    subscribe: async (_root, args, context, info) => {
      const ticketId = idOf(String(args.ticketId), "SupportTicket");
      const { prisma } = context;
      await requireVisible(prisma.supportTicket.findFirst({ where: ticketWhere(context, ticketId), select: { id: true } }), "SupportTicket");
      return liveRows<TicketEvent, MessageRow>(context, {
        source: context.events.subscribe("support:ticket-message", ticketId),
        roles: STAFF,
        // Every message is its own event.
        key: ({ messageId }) => messageId,
        load: async ({ messageId }) =>
          messageId === undefined
            ? null
            : (prisma.supportTicketMessage.findFirst({
                ...(await selection(context, info, "SupportTicketMessage")),
                where: messageWhere(context, ticketId, messageId),
              }) as Promise<MessageRow | null>),
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
    subscribe: async (_root, args, context, info) => {
      const id = idOf(String(args.ticketId), "SupportTicket");
      const { prisma } = context;
      await requireVisible(prisma.supportTicket.findFirst({ where: ticketWhere(context, id), select: { id: true } }), "SupportTicket");
      const load = async () =>
        prisma.supportTicket.findFirst({ ...(await selection(context, info, "SupportTicket")), where: ticketWhere(context, id) }) as Promise<TicketRow | null>;
      return liveRows<TicketEvent, TicketRow>(context, {
        source: context.events.subscribe("support:ticket", id),
        roles: STAFF,
        initial: load,
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
    subscribe: (_root, _args, context, info) =>
      liveRows<TicketEvent, TicketRow>(context, {
        source: context.events.subscribe("support:queue"),
        roles: OPERATORS,
        key: ({ ticketId }) => ticketId,
        load: async ({ ticketId }) =>
          context.prisma.supportTicket.findUnique({
            ...(await selection(context, info, "SupportTicket")),
            where: { id: ticketId },
          }) as Promise<TicketRow | null>,
      }),
    resolve: (payload) => rowOf(payload as Payload<TicketRow>),
  }),
}));
