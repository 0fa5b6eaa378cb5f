// The one way a live subscription field is made (schema/subscriptions.ts). `liveSubscription`
// takes a channel of the event bus, the object followed (a global id argument), how to load a
// row, and the streamed type's read policy: the function its node's `authScopes` apply on the
// query path (schema/access.ts, schema/support.ts), given the columns it reads. It returns the
// field's `authScopes`, `subscribe` and `resolve`.
//
// Authorisation happens when subscribing and again for every event, by the same rules:
// - the field's scopes (scope-auth runs them on subscribe, builder.ts); then the followed
//   object's policy columns are loaded and its policy applied, with the caller's session
//   checked: an id the caller may not see is refused (NOT_FOUND) before any event;
// - for every event (events carry ids only, events/pubsub.ts) the row is loaded once for every
//   subscriber with the same selection (plugin-prisma's query for it, with the policy's
//   columns added: one Prisma query per event, whatever the number of subscribers or the
//   nesting), and each subscriber's policy decided on it in memory. A row the caller may no
//   longer read (its owner changed, an internal note) is skipped; once the caller's session is
//   gone (signed out, revoked, expired, banned, deactivated, demoted below the field's scopes),
//   the next row handed to it ends the subscription, without that row (the stream completes:
//   an error thrown from a source stream would close a graphql-ws connection, every
//   subscription of it). Session answers are shared by all the subscriptions of a session and
//   reused for SESSION_RECHECK_MS (schema/live-sessions.ts).
// A subscriber that reads slower than events come gets them coalesced (events/live-groups.ts).
import { queryFromInfo } from "@pothos/plugin-prisma";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.ts";
import { liveRows, LoadFailure, type GroupSpec, type Payload } from "../events/live-groups.ts";
import type { ChannelEvent, Channels, EventBus } from "../events/pubsub.ts";
import { ReplayedEvent } from "../events/replayed-event.ts";
import { requireDatabaseId } from "./access.ts";
import { stillSignedIn, type LiveScopes } from "./live-sessions.ts";

// ─── Read policies ────────────────────────────────────────────────────────────────

/** Fields to add to a selection: `true` for a column, `{ select: … }` for a to-one relation's. */
export type Fields = { readonly [name: string]: true | { readonly select: Fields } };

/**
 * Who may read a row of a type, decided in memory: the columns the rule reads (`fields`,
 * loaded with every row) and the rule, the function the type's `authScopes` apply on the
 * query path.
 */
export interface ReadPolicy<Row> {
  readonly fields: Fields;
  readonly allows: (context: Context, row: Row) => boolean;
}

/** A read policy, keeping the type of its `fields` (a Prisma `select` as it is). */
export function readPolicy<const F extends Fields, Row>(fields: F, allows: (context: Context, row: Row) => boolean) {
  return { fields, allows } satisfies ReadPolicy<Row>;
}

/** The object a subscription follows: the channel's key, checked when subscribing. */
export interface Target<Row> {
  /** The argument holding its global id. */
  arg: string;
  typename: string;
  policy: ReadPolicy<Row>;
  /** Its row with the policy's fields, or null when there is none. */
  find: (prisma: Context["prisma"], id: number) => Promise<Row | null>;
}

// ─── The factory ──────────────────────────────────────────────────────────────────

type Query = { select?: Record<string, unknown>; include?: Record<string, unknown> } & Record<string, unknown>;

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

function withRelation(existing: unknown, wanted: { readonly select: Fields }): unknown {
  if (existing === undefined || existing === false) return wanted;
  if (existing === true) return true;
  return withFields(existing as Query, wanted.select);
}

function notFound(typename: string) {
  return new GraphQLError(`${typename} not found`, { extensions: { code: "NOT_FOUND" } });
}

/** What a row's load is given; it must not hold on to the subscriber's context (the group outlives it). */
export interface Load<Event> {
  prisma: Context["prisma"];
  /** The client's selection, with the policy's fields. */
  query: Query;
  /** The event, or undefined for the current state. */
  event: Event | undefined;
}

/** A streamed object type (a Pothos ref): its name, on which plugin-prisma plans the client's selection, and its shape. */
interface LiveType<Shape> {
  readonly name: string;
  readonly $inferType: Shape;
}

interface Stream<K extends keyof Channels, Seen> {
  scopes: LiveScopes;
  /** The bus channel, keyed by the followed object's id when there is one. */
  channel: K;
  /** Who may read a streamed row. */
  policy: ReadPolicy<Seen>;
  /** The current state first, without waiting for an event. */
  snapshot: boolean;
  /** Events with the same key coalesce while they wait (default: all of them, each bringing the latest state). */
  coalesce?: (event: ChannelEvent<K> | undefined) => unknown;
}

/** A subscription to one object, whose id keys the channel. */
export interface OneObject<K extends keyof Channels, Seen, Followed> extends Stream<K, Seen> {
  /** The object followed, checked when subscribing. */
  target: Target<Followed>;
  /** The row for an event (or the current state) of object `id`, or null when the event brings none. */
  load: (load: Load<ChannelEvent<K>> & { id: number }) => Promise<unknown>;
}

/** A subscription to a whole channel. */
export interface WholeChannel<K extends keyof Channels, Seen> extends Stream<K, Seen> {
  target?: undefined;
  /** The row for an event, or null when it brings none. */
  load: (load: Load<ChannelEvent<K>>) => Promise<unknown>;
}

/** What a subscription field is given besides its type, description and arguments. */
export interface LiveField<Row> {
  authScopes: LiveScopes;
  subscribe: (
    root: unknown,
    args: Record<string, unknown>,
    context: Context,
    info: GraphQLResolveInfo,
  ) => Promise<AsyncIterable<Payload<Row>>>;
  resolve: (payload: Payload<Row>) => Row;
}

const LATEST = Symbol("latest state");

/** A subscription field's `authScopes`, `subscribe` and `resolve`, streaming rows of `type`. */
export function liveSubscription<K extends keyof Channels, Shape, Seen, Followed>(
  type: LiveType<Shape>,
  spec: OneObject<K, Seen, Followed>,
): LiveField<Shape & Seen>;
export function liveSubscription<K extends keyof Channels, Shape, Seen>(
  type: LiveType<Shape>,
  spec: WholeChannel<K, Seen>,
): LiveField<Shape & Seen>;
export function liveSubscription<K extends keyof Channels, Shape, Seen, Followed>(
  type: LiveType<Shape>,
  spec: OneObject<K, Seen, Followed> | WholeChannel<K, Seen>,
): LiveField<Shape & Seen> {
  type Event = ChannelEvent<K>;
  type Row = Shape & Seen;
  const { scopes, policy } = spec;
  return {
    authScopes: scopes,
    subscribe: async (root, args, context, info) => {
      if (root instanceof ReplayedEvent) return root.stream<Payload<Row>>(); // an event this stream delivered, executed for its sharers
      const id = spec.target ? await followedId(spec.target, args, context, scopes) : undefined;
      // The loader mappings plugin-prisma records while planning stay on this subscriber's
      // context, so its events' resolvers know what the load already holds.
      const planned = (await queryFromInfo({ context, info, typeName: type.name, awaitSelections: true })) as Query;
      const query = withFields(planned, policy.fields);
      const group = topicGroup<Event, Row>(context.events, `${info.fieldName}\n${JSON.stringify(query)}`, spec.channel, id, {
        load: rowLoader<K, Seen, Followed, Row>(spec, context.prisma, query, id),
        coalesce: spec.coalesce ?? (() => LATEST),
      });
      return liveRows<Event, Row>(context.events, group, {
        snapshot: spec.snapshot,
        live: () => stillSignedIn(context, scopes),
        visible: (row) => policy.allows(context, row),
      });
    },
    resolve: (payload) => {
      if (payload instanceof LoadFailure) throw payload.error; // a failed load is this event's error
      return payload;
    },
  };
}

/** The database id of the object the caller asks to follow, once its policy lets the caller (still signed in) read it; else NOT_FOUND. */
async function followedId<Followed>(target: Target<Followed>, args: Record<string, unknown>, context: Context, scopes: LiveScopes) {
  const id = requireDatabaseId(String(args[target.arg]), target.typename, () => notFound(target.typename));
  const [row, live] = await Promise.all([target.find(context.prisma, id), stillSignedIn(context, scopes)]);
  if (!row || !live || !target.policy.allows(context, row)) throw notFound(target.typename);
  return id;
}

/** The group's load of a row, given the followed object's id. */
function rowLoader<K extends keyof Channels, Seen, Followed, Row>(
  spec: OneObject<K, Seen, Followed> | WholeChannel<K, Seen>,
  prisma: Context["prisma"],
  query: Query,
  id: number | undefined,
): GroupSpec<ChannelEvent<K>, Row>["load"] {
  if (spec.target === undefined) {
    const { load } = spec;
    return (event) => load({ prisma, query, event }) as Promise<Row | null>;
  }
  if (id === undefined) throw new Error("A subscription to one object needs its id");
  const { load } = spec;
  return (event) => load({ prisma, query, event, id }) as Promise<Row | null>;
}

/** The group's side of a subscription, made apart from the subscriber's context, which a group (shared, long-lived) must not keep. */
function topicGroup<Event, Row>(
  bus: EventBus,
  selection: string,
  channel: keyof Channels,
  id: number | undefined,
  { load, coalesce }: Pick<GroupSpec<Event, Row>, "load" | "coalesce">,
): GroupSpec<Event, Row> {
  const topic = id === undefined ? channel : `${channel}:${id}`;
  const subscribe = bus.subscribe as unknown as (...topic: unknown[]) => AsyncIterator<Event>;
  return {
    key: `${topic}\n${selection}`,
    topic,
    listen: () => subscribe.apply(bus, id === undefined ? [channel] : [channel, id]),
    load,
    coalesce,
  };
}
