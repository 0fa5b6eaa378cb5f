// Live events for subscriptions. Events carry ids, not data: each subscriber reloads
// what it may see, so authorization is checked again for every event. In memory by
// default; with REDIS_URL through Redis, so every API instance and worker process
// shares one stream.
import { createPubSub, type PubSub } from "graphql-yoga";

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

export type EventBus = PubSub<Channels>;

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

export async function createEventBus(redisUrl: string | undefined): Promise<RunningEventBus> {
  if (!redisUrl) return { bus: createPubSub<Channels>(), close: async () => {} };
  const [{ Redis }, { createRedisEventTarget }] = await Promise.all([
    import("ioredis"),
    import("@graphql-yoga/redis-event-target"),
  ]);
  // Publishing and subscribing need separate connections (a subscribed client can only listen).
  const publishClient = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  const bus = createPubSub<Channels>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  return {
    bus,
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
