// Subscription clients for tests: graphql-ws and GraphQL over SSE, each read as a queue
// of payloads, and an event bus that tells when a subscriber is listening.
import type { ExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import { Repeater } from "graphql-yoga";
import WebSocket from "ws";
import { liveSubscriberCount } from "../../src/events/live-groups.ts";
import type { EventBus } from "../../src/events/pubsub.ts";

type Payload = ExecutionResult<Record<string, unknown>>;

/** Payloads of one subscription, in order, and how it ended. */
export class LiveStream {
  private readonly received: Payload[] = [];
  private waiters: Array<() => void> = [];
  private ended: { error?: unknown } | null = null;
  private read = 0;

  constructor(private readonly cancel: () => void) {}

  push(payload: Payload) {
    this.received.push(payload);
    this.wake();
  }

  end(error?: unknown) {
    this.ended ??= { error };
    this.wake();
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private async until(ready: () => boolean, what: string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next payload; fails when the stream ends first or nothing comes in time. */
  async next(timeoutMs = 10_000): Promise<Payload> {
    await this.until(() => this.received.length > this.read || this.ended !== null, "the next payload", timeoutMs);
    if (this.received.length > this.read) return this.received[this.read++]!;
    throw new Error(`the stream ended (${JSON.stringify(this.ended)}) after ${JSON.stringify(this.received)}`);
  }

  /** Resolves once the server ended the stream (complete or error), with what was still unread. */
  async ending(timeoutMs = 10_000): Promise<{ unread: Payload[]; error?: unknown }> {
    await this.until(() => this.ended !== null, "the end of the stream", timeoutMs);
    return { unread: this.received.slice(this.read), error: this.ended!.error };
  }

  /** Nothing more arrives within `ms` (and the stream is still open). */
  async quietFor(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (this.received.length > this.read) throw new Error(`unexpected payload ${JSON.stringify(this.received.slice(this.read))}`);
  }

  get isEnded() {
    return this.ended !== null;
  }

  close() {
    this.cancel();
  }
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

/** A graphql-ws connection authenticated by its connection_init payload. */
export function wsClient(httpUrl: string, connectionParams: Record<string, unknown> = {}): Client {
  return createClient({ url: httpUrl.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams });
}

export function subscribeWs(client: Client, operation: Operation): LiveStream {
  let unsubscribe = () => {};
  const stream = new LiveStream(() => unsubscribe());
  unsubscribe = client.subscribe(operation, {
    next: (payload) => stream.push(payload as Payload),
    // Errors of the operation itself (a refused session, an invalid document) come as an
    // `error` message: read them as the payload they would be over HTTP.
    error: (error) => {
      if (Array.isArray(error)) {
        stream.push({ errors: error });
        return stream.end();
      }
      stream.end(error ?? "error");
    },
    complete: () => stream.end(),
  });
  return stream;
}

/** GraphQL over SSE: POST with `Accept: text/event-stream`. */
export function subscribeSse(httpUrl: string, operation: Operation, headers: Record<string, string> = {}): LiveStream {
  const abort = new AbortController();
  const stream = new LiveStream(() => abort.abort());
  void (async () => {
    const response = await fetch(httpUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...headers },
      body: JSON.stringify(operation),
      signal: abort.signal,
    });
    if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
      stream.push((await response.json()) as Payload);
      return stream.end();
    }
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const lines = message.split("\n");
        const event = lines
          .find((line) => line.startsWith("event:"))
          ?.slice(6)
          .trim();
        const data = lines
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trim())
          .join("\n");
        if (event === "complete") return stream.end();
        if (data) stream.push(JSON.parse(data) as Payload);
      }
    }
    stream.end();
  })().catch((error: unknown) => stream.end(abort.signal.aborted ? undefined : error));
  return stream;
}

/**
 * An event bus that tells when a subscriber starts listening on a topic, so a test
 * publishes only once someone can hear it.
 */
export function observedBus(bus: EventBus) {
  const listening = new Map<string, number>();
  const waiters = new Map<string, Array<() => void>>();
  // The bus's ids are database ids (numbers), printed as the bus prints them.
  const topic = (channel: string, id?: unknown) => (id === undefined ? channel : `${channel}:${id as number}`);
  const observed: EventBus = {
    publish: bus.publish,
    subscribe: ((channel: string, ...id: unknown[]) => {
      const key = topic(channel, id[0]);
      const source = (bus.subscribe as unknown as (channel: string, ...id: unknown[]) => AsyncIterable<unknown>)(channel, ...id);
      return new Repeater(async (push, stop) => {
        const iterator = source[Symbol.asyncIterator]();
        let next = iterator.next(); // the source listens from its first pull
        listening.set(key, (listening.get(key) ?? 0) + 1);
        for (const wake of waiters.get(key) ?? []) wake();
        waiters.delete(key);
        void stop.then(() => iterator.return?.());
        try {
          for (let result = await next; !result.done; result = await next) {
            await push(result.value);
            next = iterator.next();
          }
        } finally {
          listening.set(key, (listening.get(key) ?? 1) - 1);
        }
        stop();
      });
    }) as unknown as EventBus["subscribe"],
  };
  return {
    bus: observed,
    /**
     * Resolves once `count` subscribers follow the topic (subscribers of one selection share
     * one bus listener: events/live-groups.ts) and the bus is listened to for them.
     */
    async listening(channel: string, id?: unknown, count = 1): Promise<void> {
      const key = topic(channel, id);
      const deadline = Date.now() + 10_000;
      while ((listening.get(key) ?? 0) < 1 || liveSubscriberCount(observed, key) < count) {
        if (Date.now() > deadline) throw new Error(`nobody listens on ${key}`);
        await new Promise<void>((resolve) => {
          const list = waiters.get(key) ?? [];
          list.push(resolve);
          waiters.set(key, list);
          setTimeout(resolve, 50);
        });
      }
    },
    /** How many subscribers follow the topic now. */
    subscribers(channel: string, id?: unknown): number {
      return liveSubscriberCount(observed, topic(channel, id));
    },
    /** How many bus listeners the topic has now (one per group of subscribers). */
    listeners(channel: string, id?: unknown): number {
      return listening.get(topic(channel, id)) ?? 0;
    },
  };
}
