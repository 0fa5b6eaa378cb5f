// The fan-out by group (events/live-groups.ts) on its own: a topic's events from a stream
// the test pushes to, loads the test controls. What it must hold: one listener and one load
// per event for a whole group, each member's own verdict, coalescing and the overflow limit
// for a member that does not read, snapshots in order, and the listener gone with the last
// member. (The subscriptions over a real database: subscriptions.test.ts.)
import { describe, expect, it } from "vitest";
import { EventStream } from "../src/events/event-stream.ts";
import {
  liveRows,
  liveSubscriberCount,
  LoadFailure,
  MAX_PENDING_EVENTS,
  type MemberSpec,
  type Payload,
} from "../src/events/live-groups.ts";

interface Event {
  key: number;
  version: number;
}
interface Row {
  key: number;
  version: number;
  load: number;
}

/** A topic: its bus stream (opened once per group), and a load that counts its calls. */
function topic({ state = new Map<number, number>(), failOn }: { state?: Map<number, number>; failOn?: number } = {}) {
  const bus = {};
  let stream: EventStream<Event> | null = null;
  let opened = 0;
  let loads = 0;
  const spec = {
    key: "topic",
    topic: "things",
    listen: () => {
      opened += 1;
      return (stream = new EventStream<Event>({ end: () => (stream = null) }));
    },
    load: async (event: Event | undefined): Promise<Row | null> => {
      loads += 1;
      if (event && event.version === failOn) throw new Error("load failed");
      const key = event?.key ?? 0;
      const version = state.get(key);
      return version === undefined ? null : { key, version, load: loads };
    },
    coalesce: (event: Event | undefined) => event?.key ?? 0,
  };
  return {
    bus,
    spec,
    state,
    get listening() {
      return stream !== null;
    },
    opened: () => opened,
    loads: () => loads,
    /** Changes the state of `key` and publishes it. */
    publish(key: number, version: number) {
      state.set(key, version);
      stream?.push({ key, version });
    },
    follow({ live = () => true, visible = () => true, snapshot = false }: Partial<MemberSpec<Row>> = {}) {
      return liveRows<Event, Row>(bus, spec, { live, visible, snapshot });
    },
  };
}

/** Lets the group load and hand out what was published (loads here resolve at once). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

const version = (result: IteratorResult<Payload<Row>>) => (result.value as Row).version;

describe("a group of subscribers of one topic", () => {
  it("listens once and loads once per event for all its members; each member decides for itself", async () => {
    const things = topic();
    const everyone = Array.from({ length: 50 }, () => things.follow());
    const skipping = things.follow({ visible: () => false });
    const ending = things.follow({ live: () => false });
    const reads = [...everyone, skipping, ending].map((member) => member.next());
    await settle();
    expect(things.opened()).toBe(1);
    expect(liveSubscriberCount(things.bus, "things")).toBe(52);

    things.publish(1, 1);
    const delivered = await Promise.all(reads.slice(0, 50));
    expect(delivered.map(version)).toEqual(Array(50).fill(1));
    expect(new Set(delivered.map((result) => result.value)).size).toBe(1); // one row object for all
    expect(things.loads()).toBe(1);
    expect(await reads[51]).toEqual({ value: undefined, done: true }); // ended, nothing delivered
    expect(await Promise.race([reads[50], settle().then(() => "nothing")])).toBe("nothing"); // skipped
    expect(liveSubscriberCount(things.bus, "things")).toBe(51);

    await Promise.all([...everyone, skipping].map((member) => member.return()));
    expect(things.listening).toBe(false);
    expect(liveSubscriberCount(things.bus, "things")).toBe(0);
  });

  it("holds one row for a member that does not read and coalesces the rest by key, latest state last", async () => {
    const things = topic();
    const slow = things.follow();
    const first = slow.next();
    await settle();
    things.publish(1, 1);
    expect(version(await first)).toBe(1);
    for (let v = 2; v <= 20; v++) {
      things.publish(1, v);
      things.publish(2, v);
      await settle();
    }
    // The row it did not read yet (key 1, version 2), then each key once, at its latest, in
    // the order of their latest events.
    const rows = [await slow.next(), await slow.next(), await slow.next()].map((result) => result.value as Row);
    expect(rows.map(({ key, version }) => [key, version])).toEqual([
      [1, 2],
      [1, 20],
      [2, 20],
    ]);
    expect(await Promise.race([slow.next(), settle().then(() => "nothing")])).toBe("nothing");
    await slow.return();
  });

  it(`ends a member with more than ${MAX_PENDING_EVENTS} rows waiting with SUBSCRIPTION_OVERFLOW, and stops listening for it at once`, async () => {
    const things = topic();
    const stalled = things.follow();
    const reading = things.follow();
    const first = stalled.next();
    let read = 0;
    const readingAll = (async () => {
      for await (const _row of reading) read += 1;
    })();
    await settle();
    things.publish(0, 1);
    await first;
    // One row held for it, then more than the limit waiting behind it.
    for (let key = 1; key <= MAX_PENDING_EVENTS + 2; key++) {
      things.publish(key, 1);
      if (key % 100 === 0) await settle(); // the group keeps up: only the member falls behind
    }
    await settle();
    expect(liveSubscriberCount(things.bus, "things")).toBe(1);
    expect(read).toBe(MAX_PENDING_EVENTS + 3); // the other member read every row
    const overflow = await stalled.next();
    expect(overflow.value).toBeInstanceOf(LoadFailure);
    expect(((overflow.value as LoadFailure).error as { extensions: { code: string } }).extensions.code).toBe("SUBSCRIPTION_OVERFLOW");
    expect((await stalled.next()).done).toBe(true);
    await reading.return();
    await readingAll;
    expect(things.listening).toBe(false);
  });

  it("gives a joining member the current state through the group's queue, to it alone", async () => {
    const things = topic({ state: new Map([[0, 7]]) });
    const early = things.follow({ snapshot: true });
    expect(version(await early.next())).toBe(7);
    const late = things.follow({ snapshot: true });
    expect(version(await late.next())).toBe(7);
    expect(things.opened()).toBe(1);
    // The early member got no second copy of the state it already has.
    expect(await Promise.race([early.next(), settle().then(() => "nothing")])).toBe("nothing");
    things.publish(0, 8);
    await settle();
    expect(version(await late.next())).toBe(8);
    await Promise.all([early.return(), late.return()]);
  });

  it("keeps a member's rows in order while its session check is refreshed, the others going on; a failed check is that row's error", async () => {
    const things = topic();
    let answer: ((live: boolean) => void) | null = null;
    let failNext = false;
    const checked = things.follow({
      live: () => {
        if (failNext) return Promise.reject(new Error("session check failed"));
        return answer ? true : new Promise<boolean>((resolve) => (answer = resolve));
      },
    });
    const other = things.follow();
    const [first, otherFirst] = [checked.next(), other.next()];
    await settle();
    things.publish(1, 1);
    await settle();
    things.publish(2, 1); // waits behind the first row's check, for this member only
    expect((await otherFirst).value).toMatchObject({ key: 1 });
    expect((await other.next()).value).toMatchObject({ key: 2 });
    answer!(true);
    expect((await first).value).toMatchObject({ key: 1 });
    expect((await checked.next()).value).toMatchObject({ key: 2 });
    failNext = true;
    things.publish(3, 1);
    expect((await checked.next()).value).toBeInstanceOf(LoadFailure);
    await Promise.all([checked.return(), other.return()]);
  });

  it("checks a slow reader's waiting rows when it takes them: once its session is gone, nothing more", async () => {
    const things = topic();
    let live = true;
    const slow = things.follow({ live: () => live });
    const first = slow.next();
    await settle();
    things.publish(1, 1);
    expect(version(await first)).toBe(1);
    for (let key = 2; key <= 5; key++) things.publish(key, 1);
    await settle();
    live = false; // revoked while rows wait for it
    // The one row it already held (checked when handed over), then nothing more.
    expect((await slow.next()).value).toMatchObject({ key: 2 });
    expect(await slow.next()).toEqual({ value: undefined, done: true });
    expect(things.listening).toBe(false);
  });

  it("gives a member that joins while an event loads not that event, and a stream read after its end no group", async () => {
    let release: () => void = () => {};
    const things = topic();
    const early = things.follow();
    const earlyRead = early.next();
    await settle();
    const loading = new Promise<void>((resolve) => (release = resolve));
    const load = things.spec.load;
    things.spec.load = async (event) => (await loading, load(event));
    things.publish(1, 1);
    await settle();
    const late = things.follow();
    const lateRead = late.next(); // joins while event 1 loads
    release();
    expect(version(await earlyRead)).toBe(1);
    expect(await Promise.race([lateRead, settle().then(() => "nothing")])).toBe("nothing");
    things.spec.load = load;
    await late.return();
    expect(await late.next()).toEqual({ value: undefined, done: true });
    expect(liveSubscriberCount(things.bus, "things")).toBe(1);
    await early.return();
    expect(things.listening).toBe(false);
  });

  it("answers a failed load as that event's error to every member, and goes on", async () => {
    const things = topic({ failOn: 2 });
    const members = [things.follow(), things.follow()];
    const reads = members.map((member) => member.next());
    await settle();
    things.publish(1, 2);
    for (const read of reads) expect((await read).value).toBeInstanceOf(LoadFailure);
    things.publish(1, 3);
    for (const member of members) expect(version(await member.next())).toBe(3);
    await Promise.all(members.map((member) => member.return()));
  });

  it("forms a new group (a new listener) for a member that comes after the last one left", async () => {
    const things = topic();
    const once = things.follow();
    void once.next();
    await settle();
    await once.return();
    expect(things.listening).toBe(false);
    const again = things.follow();
    const read = again.next();
    await settle();
    expect(things.opened()).toBe(2);
    things.publish(1, 1);
    expect(version(await read)).toBe(1);
    await again.return();
  });
});
