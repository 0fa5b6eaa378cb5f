// Subscription events over graphql-ws, executed once for every subscriber that would get
// the same answer. Each subscriber still gets its own event stream (the field's subscribe:
// its scopes and visibility when subscribing, its session and visibility for every event,
// schema/subscriptions.ts), so what reaches a subscriber is still decided per subscriber
// and per event. Only turning an event's payload into a result is shared: the payload is
// the row loaded once for all subscribers of the event (schema/subscriptions.ts), and the
// same row, operation, variables and caller give the same result.
import { createSourceEventStream, type ExecutionArgs, type ExecutionResult } from "graphql";
import { isAsyncIterable } from "graphql-yoga";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";
import { ReplayedEvent } from "../events/replayed-event.ts";

export type EnvelopedExecution = Pick<ReturnType<App["getEnveloped"]>, "execute" | "subscribe">;

/** What `onSubscribe` puts in the execution's rootValue for `subscribeShared`. */
export interface SharedRoot extends EnvelopedExecution {
  /** The operation as sent: its text, name and variables. */
  operationKey: string;
}

/**
 * Who the result is for, as far as resolvers can tell: the caller's identity (and, for
 * staff, role). Nothing else of the context changes what a query resolver answers; session
 * and request ids only appear in errors, and results with errors are never shared.
 */
function callerKey({ admin, user, apiKey }: Context): string {
  if (admin) return `admin:${admin.id}:${admin.role}`;
  if (user) return `user:${user.id}`;
  if (apiKey) return `apiKey:${apiKey.id}:${apiKey.scopes.join(",")}`;
  return "anonymous";
}

export function operationKey(query: string, operationName: string | null | undefined, variables: unknown): string {
  return `${operationName ?? ""}\n${JSON.stringify(variables ?? null)}\n${query}`;
}

/** Per event payload (one object for every subscriber of the event), the results by operation and caller. */
const sharedResults = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

async function sharedResult(payload: unknown, key: string, run: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
  if (typeof payload !== "object" || payload === null) return run();
  let results = sharedResults.get(payload);
  if (!results) sharedResults.set(payload, (results = new Map()));
  const shared = results.get(key);
  if (shared) {
    const result = await shared.catch(() => null);
    // An error carries the request id of whoever ran it: each subscriber gets its own.
    return result && !result.errors ? result : run();
  }
  const running = run();
  results.set(key, running);
  return running;
}

/**
 * The result of one event: the event replayed through Yoga's own subscription pipeline (its
 * error masking, every plugin), so it is executed exactly as an unshared subscription's.
 */
async function executeEvent(args: ExecutionArgs, root: SharedRoot, payload: unknown): Promise<ExecutionResult> {
  const replay = await root.subscribe({ ...args, rootValue: new ReplayedEvent(payload) });
  if (!isAsyncIterable(replay)) return replay;
  const results = (replay as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
  try {
    const { value, done } = await results.next();
    if (done) throw new Error("A replayed subscription event gave no result");
    return value;
  } finally {
    await results.return?.();
  }
}

/** graphql-ws's `subscribe`: the subscriber's own event stream, its events' results shared. */
export async function subscribeShared(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const root = args.rootValue as SharedRoot;
  const source = await createSourceEventStream(args);
  // Refused or failed: Yoga's own path answers it, with the masking and reporting of every
  // other operation (the subscribe resolver runs again, repeating only its checks).
  if (!isAsyncIterable(source)) return root.subscribe(args) as Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
  const key = `${callerKey(args.contextValue as Context)}\n${root.operationKey}`;
  const events = source[Symbol.asyncIterator]();
  // A plain mapping (graphql-yoga's mapAsyncIterator costs more per event): `return` reaches
  // the subscriber's own stream at once, so an unsubscribe stops its listening.
  const results: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const event = await events.next();
      if (event.done) return event;
      return { value: await sharedResult(event.value, key, () => executeEvent(args, root, event.value)), done: false };
    },
    async return() {
      await events.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => results,
  };
  return results;
}
