// The subscribers of bench/subscription-fanout.ts, in a process of their own: N graphql-ws
// clients of one subscription, receipt times taken in epoch milliseconds (sub-millisecond,
// the clock of the API's EVENT_LOG lines). Kept apart from the bench's publisher and its database
// client so that their work and garbage collection do not delay receipts. Started with an
// IPC channel: the first message says what to subscribe to; for each message body `… #i`,
// once all N clients have it, the parent gets { index: i, at: [receipt times, ms] }.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

export interface ClientsOptions {
  url: string;
  token: string;
  operation: { query: string; variables: Record<string, unknown> };
  count: number;
  /** `lean` (graphql-transport-ws on a bare socket) or `graphql-ws` (its client, heavier per message). */
  client: string;
}

export interface HeardByAll {
  index: number;
  at: number[];
}

type OnBody = (body: string | undefined) => void;
interface Subscriber {
  close(): void | Promise<void>;
}

const epochMs = () => performance.timeOrigin + performance.now();

function graphqlWsSubscriber({ url, token, operation }: ClientsOptions, onBody: OnBody): Subscriber {
  const client = createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { token } });
  client.subscribe<{ supportTicketMessageAdded: { body: string } | null }>(operation, {
    next: (value) => onBody(value.data?.supportTicketMessageAdded?.body),
    error: () => {},
    complete: () => {},
  });
  return { close: () => client.dispose() };
}

/** graphql-transport-ws on a bare socket: connection_init with the token, one subscribe once acknowledged. */
function leanSubscriber({ url, token, operation }: ClientsOptions, onBody: OnBody): Subscriber {
  const socket = new WebSocket(url, "graphql-transport-ws");
  socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { token } })));
  socket.on("message", (data) => {
    const message = JSON.parse((data as Buffer).toString()) as {
      type: string;
      payload?: { data?: { supportTicketMessageAdded?: { body: string } | null } };
    };
    if (message.type === "connection_ack") socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: operation }));
    else if (message.type === "next") onBody(message.payload?.data?.supportTicketMessageAdded?.body);
    else if (message.type === "ping") socket.send(JSON.stringify({ type: "pong" }));
  });
  socket.on("error", () => {});
  return { close: () => socket.close() };
}

function run(options: ClientsOptions) {
  const pending = new Map<number, number[]>();
  const onBody: OnBody = (body) => {
    const at = epochMs();
    const index = Number(body?.split("#")[1]);
    let receipts = pending.get(index);
    if (!receipts) pending.set(index, (receipts = []));
    receipts.push(at);
    if (receipts.length < options.count) return;
    pending.delete(index);
    process.send!({ index, at: receipts } satisfies HeardByAll);
  };
  const subscribe = options.client === "graphql-ws" ? graphqlWsSubscriber : leanSubscriber;
  const subscribers = Array.from({ length: options.count }, () => subscribe(options, onBody));
  process.on("message", (message) => {
    if (message !== "close") return;
    void Promise.all(subscribers.map((subscriber) => Promise.resolve(subscriber.close()))).then(() => process.exit(0));
  });
}

process.once("message", (options) => run(options as ClientsOptions));
