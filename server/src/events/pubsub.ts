// Live events for subscriptions. Events carry ids, not data: subscribers reload what they
// may see, so authorization is checked again for every event. Every listener of one event
// gets the same payload object (one CustomEvent in memory; one parse per Redis message):
// schema/live-subscription.ts keys the load it shares between subscribers on it. In memory by
// default; with REDIS_URL through Redis, so every API instance and worker process
// shares one stream.
import type { PubSub } from "graphql-yoga";
import { EventStream } from "./event-stream.ts";

export interface GenerationJobEvent {
  jobId: number;
  /** The photo that just finished, if that is what happened. */
  photoId?: number;
}

export interface AvatarEvent {
  avatarId: number;
}

export interface TicketEvent {
  ticketId: number;
  /** The message that was just added, if that is what happened. */
  messageId?: number;
}

export type Channels = {
  "generation:job": [jobId: number, payload: GenerationJobEvent];
  avatar: [avatarId: number, payload: AvatarEvent];
  "support:ticket-message": [ticketId: number, payload: TicketEvent];
  "support:ticket": [ticketId: number, payload: TicketEvent];
  "support:queue": [payload: TicketEvent];
};

type Channel = Extract<keyof Channels, string>;
type MapToNull<T> = T extends undefined ? null : T;
/** What a subscriber of `K` receives (the last publish argument). */
export type ChannelEvent<K extends Channel> = Channels[K][1] extends undefined ? MapToNull<Channels[K][0]> : MapToNull<Channels[K][1]>;

/** graphql-yoga's PubSub (which it accepts too), with streams that are any async iterator. */
export interface EventBus {
  publish: PubSub<Channels>["publish"];
  subscribe<K extends Channel>(
    ...[routingKey, id]: Channels[K][1] extends undefined ? [K] : [K, Channels[K][0]]
  ): AsyncIterableIterator<ChannelEvent<K>>;
}

/** An event to publish once the transaction that caused it has committed. */
export type PendingEvent = {
  [K in keyof Channels]: { channel: K; args: Channels[K] };
}[keyof Channels];

export function publishAll(bus: EventBus, events: PendingEvent[]): void {
  for (const event of events) (bus.publish as (channel: string, ...args: unknown[]) => void)(event.channel, ...event.args);
}

export interface RunningEventBus {
  bus: EventBus;
  close(): Promise<void>;
}

/** Default namespace of the bus's topics (`EVENT_CHANNEL_PREFIX`). */
export const DEFAULT_CHANNEL_PREFIX = "pinglass";

/**
 * Every topic under `prefix:`. Events carry database ids, so two deployments (or two test
 * runs on their own databases) sharing one Redis must not hear each other.
 */
function withChannelPrefix(bus: EventBus, prefix: string): EventBus {
  const namespaced = (channel: string) => `${prefix}:${channel}` as keyof Channels;
  return {
    publish: ((channel: keyof Channels, ...args: unknown[]) =>
      (bus.publish as (channel: string, ...args: unknown[]) => void)(namespaced(channel), ...args)) as EventBus["publish"],
    subscribe: ((channel: keyof Channels, ...id: unknown[]) =>
      (bus.subscribe as (channel: string, ...id: unknown[]) => ReturnType<EventBus["subscribe"]>)(
        namespaced(channel),
        ...id,
      )) as EventBus["subscribe"],
  };
}

export interface EventBusOptions {
  /** Namespace of the topics (default `pinglass`). */
  channelPrefix?: string;
  /** Given: one line per published event (`EVENT_LOG`), with the time in epoch milliseconds. */
  log?: (line: string) => void;
}

/** Each publish also logged: topic, payload and when (what a subscriber's delay is measured from). */
function withPublishLog(bus: EventBus, log: (line: string) => void): EventBus {
  return {
    publish: ((channel: string, ...args: unknown[]) => {
      const at = performance.timeOrigin + performance.now();
      (bus.publish as (channel: string, ...args: unknown[]) => void)(channel, ...args);
      try {
        const topic = args.length > 1 ? `${channel}:${String(args[0])}` : channel;
        log(`published ${topic} ${JSON.stringify(args.at(-1) ?? null)} at ${at.toFixed(3)}`);
      } catch {
        // A diagnostic line that cannot be written must not fail what was published.
      }
    }) as EventBus["publish"],
    subscribe: bus.subscribe,
  };
}

/**
 * graphql-yoga's createPubSub over `target` (same topics, same events), with cheaper streams
 * (events/event-stream.ts): every listener of a topic gets the event's one payload object.
 */
function pubSubOver(target: EventTarget): EventBus {
  return {
    publish: ((routingKey: string, ...args: unknown[]) => {
      const payload = args[1] ?? args[0] ?? null;
      const topic = args[1] === undefined ? routingKey : `${routingKey}:${String(args[0])}`;
      target.dispatchEvent(new CustomEvent(topic, { detail: payload }));
    }) as EventBus["publish"],
    subscribe: ((routingKey: string, id?: unknown) => {
      const topic = id === undefined ? routingKey : `${routingKey}:${String(id)}`;
      const listener = (event: Event) => stream.push((event as CustomEvent).detail);
      // Listens from the first read (as graphql-yoga's streams do), until either side ends.
      const stream = new EventStream<unknown>({
        start: () => target.addEventListener(topic, listener),
        end: () => target.removeEventListener(topic, listener),
      });
      return stream;
    }) as EventBus["subscribe"],
  };
}

/**
 * The client with `methods` answering failures to `onError` instead of rejecting: the Redis
 * event target fires PUBLISH/SUBSCRIBE without awaiting them, and an unhandled rejection
 * (Redis unreachable for longer than the retries) would end the process. Such an event is
 * lost; subscribers catch up at the next one (each reloads the current state).
 */
function reportingFailures<T extends object>(client: T, methods: string[], onError: (error: unknown) => void): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (typeof property === "string" && methods.includes(property)) {
        return (...args: unknown[]) => (value.apply(target, args) as Promise<unknown>).catch(onError);
      }
      return value.bind(target);
    },
  });
}

/**
 * The bus: through Redis when `redisUrl` is given (every API instance and worker process
 * shares it), else in memory (one process).
 */
export async function createEventBus(
  redisUrl: string | undefined,
  { channelPrefix = DEFAULT_CHANNEL_PREFIX, log }: EventBusOptions = {},
): Promise<RunningEventBus> {
  const outward = (bus: EventBus) =>
    log ? withPublishLog(withChannelPrefix(bus, channelPrefix), log) : withChannelPrefix(bus, channelPrefix);
  if (!redisUrl) return { bus: outward(pubSubOver(new EventTarget())), close: async () => {} };
  const [{ Redis }, { createRedisEventTarget }] = await Promise.all([import("ioredis"), import("@graphql-yoga/redis-event-target")]);
  // Publishing and subscribing need separate connections (a subscribed client can only listen).
  const publishClient = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  const report = (error: unknown) => console.error("[events] Redis pub/sub failed; the event is lost:", error);
  const bus = pubSubOver(
    createRedisEventTarget({
      publishClient: reportingFailures(publishClient, ["publish"], report),
      subscribeClient: reportingFailures(subscribeClient, ["subscribe", "unsubscribe"], report),
    }) as EventTarget,
  );
  return {
    bus: outward(bus),
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
