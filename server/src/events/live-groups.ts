// Live rows for subscriptions, fanned out by group. Subscribers of one topic who asked for
// the same selection form a group: one bus listener and one load per event for all of them
// (at 1,000 subscribers of one job, one listener and one query per event, not 1,000 of
// each). Each member reads at its own pace: rows it has not taken yet wait for it,
// coalesced by key, up to MAX_PENDING_EVENTS; and it decides about each row when the row is
// handed to its reader, in memory and usually at once (`MemberSpec`: its session still
// live, the row visible to it). A member whose session check is being refreshed waits
// alone; the group goes on.
//
// A group loads one event at a time, in order, so every member sees the rows in the order
// of their loads: never an older state after a newer one. A member that wants the current
// state when it joins gets it through the group's queue too (a snapshot load after every
// row already under way), for the same reason.
import { GraphQLError } from "graphql";
import { EventStream } from "./event-stream.ts";

/** An event whose load (or its member's check) failed: answered as a (masked, logged) error of that event only. */
export class LoadFailure {
  constructor(readonly error: unknown) {}
}

export type Payload<Row> = Row | LoadFailure;

/** Events a group, or rows a member, may have waiting (after coalescing) before being ended as too slow. */
export const MAX_PENDING_EVENTS = 1000;

export interface GroupSpec<Event, Row> {
  /** Subscribers with the same key share the group: same topic, same selection, same load. */
  key: string;
  /** The topic, for `liveSubscriberCount`. */
  topic: string;
  /** The bus stream of the topic (opened when the group forms, returned when its last member leaves). */
  listen: () => AsyncIterator<Event>;
  /** The row for an event, or for a snapshot (`undefined`): once per event for the whole group. */
  load: (event: Event | undefined) => Promise<Row | null>;
  /** Events (and rows) with the same key coalesce while they wait. */
  coalesce: (event: Event | undefined) => unknown;
}

export interface MemberSpec<Row> {
  /** Whether its session still holds (false ends it); a promise only while the answer is being refreshed. */
  live: () => boolean | Promise<boolean>;
  /** Whether it may see `row` (if not, the row is skipped). */
  visible: (row: Row) => boolean;
  /** Whether the member's first row is the current state, without waiting for an event. */
  snapshot: boolean;
}

const overflowError = () =>
  new GraphQLError("This subscription fell too far behind its events; subscribe again", {
    extensions: { code: "SUBSCRIPTION_OVERFLOW" },
  });

/** A subscriber: its own stream, with the rows it has not taken yet coalesced behind it. */
class Member<Row> {
  readonly stream: EventStream<Payload<Row>>;
  /** Rows not handed to the reader yet, by coalescing key (re-set to take the latest place). */
  #waiting = new Map<unknown, Payload<Row>>();
  /** A row waits for the member's session check: what comes meanwhile waits behind it. */
  #checking = false;

  constructor(
    readonly spec: MemberSpec<Row>,
    hooks: { join: (member: Member<Row>) => void; leave: (member: Member<Row>) => void },
  ) {
    this.stream = new EventStream<Payload<Row>>({
      start: () => hooks.join(this),
      refill: () => this.#handOver(),
      end: () => hooks.leave(this),
    });
  }

  /** Queues `payload` for the reader (handed over at once if the reader holds nothing). */
  offer(payload: Payload<Row>, key: unknown): void {
    if (this.stream.ended) return;
    this.#waiting.delete(key);
    this.#waiting.set(key, payload);
    if (this.#waiting.size > MAX_PENDING_EVENTS) return this.overflow();
    this.#handOver();
  }

  /** Too slow: what waits is dropped, the reader hears why, and the member stops listening at once. */
  overflow(): void {
    this.#waiting.clear();
    this.stream.discard();
    this.stream.push(new LoadFailure(overflowError()));
    this.stream.end();
  }

  /** Ended by the server (session gone, topic closed): nothing more is delivered. */
  end(error?: unknown): void {
    this.#waiting.clear();
    this.stream.discard();
    if (error === undefined) this.stream.end();
    else this.stream.end(error);
  }

  /**
   * Moves the oldest waiting row to the stream, once the reader holds nothing: the session
   * is checked then (ended: nothing more), and the row skipped if the member may not see it.
   * So the reader holds at most one row, checked when it was handed over.
   */
  #handOver(): void {
    while (!this.#checking && this.stream.buffered === 0 && !this.stream.ended) {
      const next = this.#waiting.entries().next();
      if (next.done) return;
      const [key, payload] = next.value;
      this.#waiting.delete(key);
      const live = this.spec.live();
      if (typeof live === "boolean") {
        this.#decide(payload, live);
        continue;
      }
      this.#checking = true;
      live
        .then(
          (live) => this.#decide(payload, live),
          (error: unknown) => this.#decide(new LoadFailure(error), true),
        )
        .finally(() => {
          this.#checking = false;
          this.#handOver();
        });
    }
  }

  #decide(payload: Payload<Row>, live: boolean): void {
    if (!live) return this.end();
    if (payload instanceof LoadFailure || this.spec.visible(payload)) this.stream.push(payload);
  }
}

interface Waiting<Event, Row> {
  /** The event, if one came (else a snapshot for `snapshotFor`). */
  event?: Event;
  /** Members that joined wanting the current state. */
  snapshotFor: Member<Row>[];
}

class Group<Event, Row> {
  readonly members = new Set<Member<Row>>();
  #events: AsyncIterator<Event>;
  #waiting = new Map<unknown, Waiting<Event, Row>>();
  #wake: (() => void) | null = null;
  #closed = false;

  constructor(
    readonly spec: GroupSpec<Event, Row>,
    private readonly onClose: () => void,
  ) {
    this.#events = spec.listen();
    void this.#listen();
    // A bug in a member's check must not leave the group silent (or end the process).
    this.#run().catch((error: unknown) => {
      for (const member of this.members) member.end(error);
      this.#close();
    });
  }

  join(member: Member<Row>): void {
    this.members.add(member);
    if (!member.spec.snapshot) return;
    const key = this.spec.coalesce(undefined);
    const waiting = this.#waiting.get(key);
    if (waiting) waiting.snapshotFor.push(member);
    else this.#waiting.set(key, { snapshotFor: [member] });
    this.#wake?.();
  }

  leave(member: Member<Row>): void {
    this.members.delete(member);
    if (this.members.size === 0) this.#close();
  }

  /** Drains the bus at its own pace into `#waiting`, coalescing. */
  async #listen(): Promise<void> {
    try {
      for (let result = await this.#events.next(); !result.done; result = await this.#events.next()) {
        const key = this.spec.coalesce(result.value);
        const waiting = this.#waiting.get(key);
        this.#waiting.delete(key); // a coalesced event takes the latest place
        this.#waiting.set(key, { event: result.value, snapshotFor: waiting?.snapshotFor ?? [] });
        if (this.#waiting.size > MAX_PENDING_EVENTS) {
          // Loads cannot keep up: every member hears why, and the group stops listening.
          for (const member of this.members) member.overflow();
          return;
        }
        this.#wake?.();
      }
      for (const member of this.members) member.end();
    } catch (error) {
      for (const member of this.members) member.end(error);
    }
  }

  /** Loads what waits, one at a time, and hands each row to the members. */
  async #run(): Promise<void> {
    while (!this.#closed) {
      const next = this.#waiting.entries().next();
      if (next.done) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = null;
        continue;
      }
      const [key, { event, snapshotFor }] = next.value;
      this.#waiting.delete(key);
      // An event's row goes to the members there when it came to be loaded; a snapshot only
      // to those who asked for it.
      const members = event === undefined ? snapshotFor : [...this.members];
      let row: Row | LoadFailure | null;
      try {
        row = await this.spec.load(event);
      } catch (error) {
        row = new LoadFailure(error);
      }
      if (row !== null) for (const member of members) member.offer(row, key);
    }
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.onClose();
    void this.#events.return?.();
    this.#wake?.();
  }
}

/** The groups of one bus (an app's), by key. */
const groupsByBus = new WeakMap<object, Map<string, Group<unknown, unknown>>>();

/**
 * A subscriber's stream of rows: it joins the group of `group.key` on `bus` (formed now if
 * there is none) when first read, and leaves it when the stream ends, from either side.
 */
export function liveRows<Event, Row>(bus: object, group: GroupSpec<Event, Row>, member: MemberSpec<Row>): EventStream<Payload<Row>> {
  let groups = groupsByBus.get(bus);
  if (!groups) groupsByBus.set(bus, (groups = new Map()));
  const registry = groups;
  let joined: Group<Event, Row> | null = null;
  return new Member<Row>(member, {
    join: (self) => {
      let existing = registry.get(group.key) as Group<Event, Row> | undefined;
      if (!existing) {
        const formed: Group<Event, Row> = new Group(group, () => registry.get(group.key) === formed && registry.delete(group.key));
        registry.set(group.key, formed as Group<unknown, unknown>);
        existing = formed;
      }
      joined = existing;
      joined.join(self);
    },
    leave: (self) => joined?.leave(self),
  }).stream;
}

/** How many subscribers follow `topic` on `bus` now (for metrics and tests). */
export function liveSubscriberCount(bus: object, topic: string): number {
  let count = 0;
  for (const group of groupsByBus.get(bus)?.values() ?? []) if (group.spec.topic === topic) count += group.members.size;
  return count;
}
