// One port for everything: GraphQL over HTTP and SSE (Yoga), GraphQL over
// WebSocket (graphql-ws) on the same path, and the health endpoints.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { GraphQLError } from "graphql";
import { GRAPHQL_PATH, type App } from "../app.ts";
import { ADMIN_EXPLORER_PATH, adminExplorerPage } from "./admin-explorer.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { LocalStorage } from "../storage/local-storage.ts";
import type { Storage } from "../storage/storage.ts";
import { handleKieWebhook, isKieWebhookRequest, type KieWebhookOptions } from "./kie-webhook.ts";
import { operationKey, subscribeShared, type EnvelopedExecution, type SharedRoot } from "./shared-execution.ts";
import { webhookFor, type WebhookRoutes } from "./webhooks.ts";

export interface RunningHttpServer {
  server: Server;
  url: string;
  close(drainMs?: number): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function handleHealth(req: IncomingMessage, res: ServerResponse, prisma: PrismaClient) {
  if (req.url === "/healthz") return (sendJson(res, 200, { status: "ok" }), true);
  if (req.url === "/readyz") {
    try {
      await prisma.$queryRaw`SELECT 1`;
      sendJson(res, 200, { status: "ready", database: "ok" });
    } catch {
      sendJson(res, 503, { status: "unavailable", database: "unreachable" });
    }
    return true;
  }
  return false;
}

/** Local storage's files, served back read-only under /files/. */
async function handleFiles(req: IncomingMessage, res: ServerResponse, storage: Storage | undefined) {
  if (!(storage instanceof LocalStorage) || !req.url?.startsWith(LocalStorage.PUBLIC_PATH)) return false;
  let file: Awaited<ReturnType<LocalStorage["read"]>> = null;
  // The key is the path after /files/; a query string (cache busting) is not part of it.
  const path = req.url.split("?", 1)[0]!;
  try {
    file = req.method === "GET" ? await storage.read(decodeURIComponent(path.slice(LocalStorage.PUBLIC_PATH.length))) : null;
  } catch {
    file = null; // an unsafe key is just not found
  }
  if (!file) return (sendJson(res, 404, { error: "not found" }), true);
  res.writeHead(200, {
    "content-type": file.contentType,
    "content-length": file.body.byteLength,
    "cache-control": "public, max-age=31536000, immutable",
    "x-content-type-options": "nosniff",
  });
  res.end(file.body);
  return true;
}

/** `extensions.http` (a status for HTTP responses, which Yoga strips there) means nothing on a socket. */
function withoutHttpExtension(error: GraphQLError): GraphQLError {
  if (!("http" in error.extensions)) return error;
  const { http: _status, ...extensions } = error.extensions;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

/** Streamed bodies of unknown length could dodge the size limit: ask for a Content-Length. */
function refuseUnsizedBody(req: IncomingMessage, res: ServerResponse) {
  if (req.method === "POST" && req.headers["content-length"] === undefined && req.headers["transfer-encoding"]) {
    sendJson(res, 411, { errors: [{ message: "Content-Length is required", extensions: { code: "LENGTH_REQUIRED" } }] });
    return true;
  }
  return false;
}

export async function startHttpServer(
  app: App,
  {
    prisma,
    host,
    port,
    storage,
    kieWebhook,
    webhooks,
  }: {
    prisma: PrismaClient;
    host: string;
    port: number;
    storage?: Storage;
    /** POST /webhooks/kie: Kie.ai task callbacks (verified, then handed to the pipeline); off when unset. */
    kieWebhook?: KieWebhookOptions;
    /** Payment and bot webhooks (http/webhooks.ts). */
    webhooks?: WebhookRoutes;
  },
): Promise<RunningHttpServer> {
  const server = createServer(async (req, res) => {
    if (await handleHealth(req, res, prisma)) return;
    if (await handleFiles(req, res, storage)) return;
    if (req.method === "GET" && req.url?.split("?")[0] === ADMIN_EXPLORER_PATH) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      return res.end(adminExplorerPage());
    }
    if (kieWebhook && isKieWebhookRequest(req)) return handleKieWebhook(req, res, kieWebhook);
    const webhook = webhookFor(webhooks, req);
    if (webhook) return webhook(req, res);
    if (refuseUnsizedBody(req, res)) return;
    return app(req, res);
  });

  const wsServer = new WebSocketServer({ server, path: GRAPHQL_PATH });
  // graphql-ws runs each operation through Yoga's envelop: same schema,
  // context factory and plugins as HTTP.
  const wsHandle = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      execute: (args) => (args.rootValue as EnvelopedExecution).execute(args),
      // Each subscriber's own events; their results shared by subscribers who would get the same.
      subscribe: (args) => subscribeShared(args),
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          request: new Request(`http://${host}${GRAPHQL_PATH}`, {
            headers: ctx.extra.request.headers as Record<string, string>,
          }),
          connectionParams: ctx.connectionParams,
        });
        try {
          const document = parse(params.query);
          const errors = validate(schema, document);
          if (errors.length > 0) return errors;
          return {
            schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: {
              execute,
              subscribe,
              operationKey: operationKey(params.query, params.operationName, params.variables),
            } satisfies SharedRoot,
          };
        } catch (error) {
          // A refused session (UNAUTHENTICATED, USER_BANNED), a syntax error or a document
          // limit: an error of this operation, not a reason to drop the whole socket.
          if (error instanceof GraphQLError) return [withoutHttpExtension(error)];
          throw error;
        }
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    server,
    url: `http://${address.address}:${address.port}${GRAPHQL_PATH}`,
    /** Stops accepting, lets requests in flight finish, then ends long-lived streams (SSE). */
    async close(drainMs = 3000) {
      await wsHandle.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      server.closeIdleConnections();
      const forceClose = setTimeout(() => server.closeAllConnections(), drainMs);
      try {
        await closed;
      } finally {
        clearTimeout(forceClose);
      }
    },
  };
}
