// The GraphQL application: schema + Yoga with its protections, independent of any
// listening socket, so tests drive it in-process through `yoga.fetch`.
import { createPubSub, createYoga, type YogaServerInstance } from "graphql-yoga";
import type { Channels, EventBus } from "./events/pubsub.ts";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import type { Config } from "./config.ts";
import { createContextFactory, type Context } from "./context.ts";
import type { PrismaClient } from "./db/prisma.ts";
import { useBadRequestStatus } from "./http/bad-request.ts";
import { useBodyLimit } from "./http/body-limit.ts";
import { useDepthLimit } from "./http/depth-limit.ts";
import { useDocumentGuard } from "./http/document-guard.ts";
import { useErrorReporting, type ErrorLogger } from "./http/error-reporting.ts";
import { persistedDocumentsPlugins } from "./http/persisted-documents.ts";
import { schema } from "./schema/index.ts";
import { TOKEN_PREFIX } from "./auth/tokens.ts";
import { documentCaches } from "./http/document-cache.ts";
import { useQueryCost } from "./http/query-cost.ts";
import { useTextInput } from "./http/text-input.ts";
import { createStorage, type Storage } from "./storage/storage.ts";
import { createPaymentGateways } from "./payments/gateways.ts";
import type { PaymentGateways } from "./domain/payment-gateway.ts";

export const GRAPHQL_PATH = "/graphql";

/**
 * Document limits: generous for real clients, fatal for abuse. Cost: http/query-cost.ts. Nesting
 * (of `{`, `(`, `[` in the text) is measured before parsing, so no document can overflow
 * the parser's stack; depth counts fields after parsing, checked there too (at execution)
 * with the same 12; introspection may go as deep as the standard introspection query (15).
 */
export const DOCUMENT_LIMITS = {
  aliases: 20,
  directives: 20,
  tokens: 5000,
  nesting: 64,
  depth: 12,
  introspectionDepth: 15,
  /** Fields selected in one operation, fragments expanded (cost budgets: config COST_LIMIT_*). */
  breadth: 300,
} as const;

export type App = YogaServerInstance<Record<string, unknown>, Context>;

const logUnexpected: ErrorLogger = ({ requestId, error, path }) =>
  console.error(`[api] request ${requestId} failed at ${path?.join(".") ?? "(operation)"}:`, error);

function hasAdminToken(request: Request): boolean {
  return (
    /^Bearer\s+/i.test(request.headers.get("authorization") ?? "") &&
    (request.headers.get("authorization") ?? "").replace(/^Bearer\s+/i, "").startsWith(TOKEN_PREFIX.adminSession)
  );
}

export function createApp({
  config,
  prisma,
  storage = createStorage(config),
  events = createPubSub<Channels>(),
  payments = createPaymentGateways(config),
  logError = logUnexpected,
}: {
  config: Config;
  prisma: PrismaClient;
  storage?: Storage;
  /** Subscriptions' event bus (in memory unless main.ts brings the Redis one). */
  events?: EventBus;
  /** Payment providers (default: those configured). */
  payments?: PaymentGateways;
  logError?: ErrorLogger;
}): App {
  const caches = documentCaches();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: createContextFactory({ prisma, config, storage, events, payments, logError }),
    graphiql: config.graphiql ? { title: "PinGlass API", subscriptionsProtocol: "WS" } : false,
    landingPage: false,
    // Parsed documents, parse errors and validation results, within a budget whatever callers send.
    parserAndValidationCache: caches.options,
    // Second line of defence: anything that still is not a GraphQLError is masked.
    maskedErrors: { isDev: config.env === "development" },
    logging: config.env === "test" ? false : config.logLevel,
    cors: config.corsOrigins.length ? { origin: config.corsOrigins, credentials: true } : config.isProduction ? false : undefined,
    plugins: [
      useBodyLimit(config.maxRequestBytes),
      useBadRequestStatus(),
      // Multipart uploads and GET requests must carry a header a cross-site form cannot set.
      useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf", "apollo-require-preflight"] }),
      caches.plugin,
      useDocumentGuard({ maxNesting: DOCUMENT_LIMITS.nesting, maxTokens: DOCUMENT_LIMITS.tokens }),
      // `__typename` counts too (armor allows it by default): 10,000 of them are as much work.
      maxAliasesPlugin({ n: DOCUMENT_LIMITS.aliases, allowList: [], exposeLimits: true }),
      maxDirectivesPlugin({ n: DOCUMENT_LIMITS.directives, exposeLimits: true }),
      useDepthLimit({ maxDepth: DOCUMENT_LIMITS.depth, maxIntrospectionDepth: DOCUMENT_LIMITS.introspectionDepth }),
      useQueryCost({ limits: config.costLimits, maxBreadth: DOCUMENT_LIMITS.breadth }),
      useTextInput(),
      // Admin sessions may always introspect (a forged admin token fails when the
      // context is built, before anything executes).
      ...(config.introspection ? [] : [useDisableIntrospection({ isDisabled: (request) => !hasAdminToken(request) })]),
      // Trusted documents: hashes from the client's manifest; only those when enforced.
      ...persistedDocumentsPlugins(config.persistedDocuments),
      useErrorReporting(logError, { hideInternals: config.isProduction }),
    ],
  });
}
