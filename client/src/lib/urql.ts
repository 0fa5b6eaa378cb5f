// The one urql client (one instance per signed-in session, so nobody ever sees the
// cache of the session before): queries and mutations over HTTP with the session as a
// bearer header, subscriptions over graphql-ws, a document cache, and trusted documents.
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from "urql";
import { persistedExchange } from "@urql/exchange-persisted";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";

const GRAPHQL_PATH = "/graphql";

function webSocketUrl(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/** The hash codegen embedded in each document (client preset, persistedDocuments). */
function documentHash(document: unknown): string | undefined {
  return (document as { __meta__?: { hash?: string } }).__meta__?.hash;
}

function isUnauthenticated(error: CombinedError): boolean {
  return (
    (error.response as Response | undefined)?.status === 401 ||
    error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED" || e.extensions?.code === "USER_BANNED")
  );
}

export interface SessionClient {
  client: Client;
  /** Closes the subscription socket (when the session changes). */
  dispose(): void;
}

export function createUrqlClient({
  token,
  onUnauthenticated,
}: {
  /** Bearer token of the session (pgs_… user, pga_… admin), or null for anonymous calls. */
  token: string | null;
  /** The API refused the session (expired, revoked, banned): the caller signs out. */
  onUnauthenticated?: () => void;
}): SessionClient {
  const authorization = token ? `Bearer ${token}` : undefined;
  const ws: WsClient = createWsClient({
    url: webSocketUrl(),
    lazy: true,
    // The server reads the session from the connection_init payload.
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 15_000))),
  });
  const client = new Client({
    url: GRAPHQL_PATH,
    // Mutations' results invalidate the cached queries that hold their typenames; a few
    // list queries name theirs (additionalTypenames) so an empty list refreshes too.
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({
      headers: {
        // The API's CSRF check wants this on multipart uploads (and GETs).
        "x-graphql-yoga-csrf": "1",
        ...(authorization ? { authorization } : {}),
      },
    }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (token && isUnauthenticated(error)) onUnauthenticated?.();
        },
      }),
      cacheExchange,
      // Queries and mutations travel as their hash only; the API looks the text up in
      // the manifest codegen wrote (persisted-documents.json) and, when it enforces
      // trusted documents, refuses anything else. Subscriptions go over the socket
      // with their text, which the API checks against the same manifest.
      persistedExchange({
        enforcePersistedQueries: true,
        enableForMutation: true,
        preferGetForPersistedQueries: false,
        generateHash: (_query, document) => Promise.resolve(documentHash(document)),
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? "" }, sink) }),
        }),
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
