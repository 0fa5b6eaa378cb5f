// The GraphQL context, built in one place for HTTP, SSE and WebSocket requests.
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { GraphQLError } from "graphql";
import type { YogaInitialContext } from "graphql-yoga";
import type { Config } from "./config.ts";
import type { PrismaClient } from "./db/prisma.ts";
import type { Storage } from "./domain/storage.ts";
import type { EventBus } from "./events/pubsub.ts";
import type { PaymentGateways } from "./domain/payment-gateway.ts";
import { lookUpSession } from "./auth/sessions.ts";
import { lookUpAdminSession } from "./auth/admin-sessions.ts";
import { useApiKey } from "./auth/api-keys.ts";
import { tokenKind } from "./auth/tokens.ts";
import type { AdminRole, ApiKeyScope } from "./generated/prisma/enums.ts";

/** A user signed in with a session. */
export interface SignedInUser {
  id: number;
  sessionId: number;
}

/** An admin panel account (role ADMIN, OPERATOR or VIEWER) signed in with an admin session. */
export interface SignedInAdmin {
  id: number;
  role: AdminRole;
  sessionId: number;
}

/** A partner integration: acts for `userId`, within `scopes` only. */
export interface ApiKeyCaller {
  id: number;
  userId: number;
  scopes: ApiKeyScope[];
}

/** Who is calling: at most one of these is set. */
interface Caller {
  user: SignedInUser | null;
  admin: SignedInAdmin | null;
  apiKey: ApiKeyCaller | null;
}

export interface Context {
  prisma: PrismaClient;
  config: Config;
  storage: Storage;
  events: EventBus;
  /** The payment providers this deployment offers. */
  payments: PaymentGateways;
  requestId: string;
  user: SignedInUser | null;
  admin: SignedInAdmin | null;
  apiKey: ApiKeyCaller | null;
  client: { ip: string | null; userAgent: string | null };
}

/** Where unexpected errors go (the HTTP layer's error reporting logs through it). */
export type ErrorLogger = (entry: { requestId: string; error: unknown; path?: readonly (string | number)[] }) => void;

export interface ContextDependencies {
  prisma: PrismaClient;
  config: Config;
  storage: Storage;
  events: EventBus;
  payments: PaymentGateways;
  /** Where a failure while building the context (e.g. the database is down) is logged. */
  logError?: ErrorLogger;
}

type InitialContext = YogaInitialContext & { connectionParams?: Record<string, unknown> };

const MALFORMED = Symbol("malformed");

function parseBearer(value: string): string | typeof MALFORMED {
  return /^Bearer\s+(\S+)$/i.exec(value.trim())?.[1] ?? MALFORMED;
}

/**
 * The session token: `Authorization: Bearer <token>` over HTTP and SSE; in the
 * graphql-ws connection_init payload, `{ authorization: "Bearer <token>" }` or `{ token }`.
 */
function bearerToken(initial: InitialContext): string | typeof MALFORMED | null {
  const params = initial.connectionParams;
  if (typeof params?.token === "string") return params.token;
  const fromParams = params?.authorization ?? params?.Authorization;
  if (typeof fromParams === "string") return parseBearer(fromParams);
  const header = initial.request?.headers.get("authorization");
  return header ? parseBearer(header) : null;
}

function authError(code: "UNAUTHENTICATED" | "USER_BANNED" | "RATE_LIMITED", message: string, status: number, extra = {}) {
  return new GraphQLError(message, { extensions: { code, http: { status }, ...extra } });
}

const ANONYMOUS: Caller = { user: null, admin: null, apiKey: null };

/** Resolves a bearer token to its caller, or throws the error the client should see. */
async function identify(prisma: PrismaClient, token: string): Promise<Caller> {
  switch (tokenKind(token)) {
    case "adminSession": {
      const session = await lookUpAdminSession(prisma, token);
      if (session.status === "valid") {
        return { ...ANONYMOUS, admin: { id: session.adminId, role: session.role, sessionId: session.sessionId } };
      }
      break;
    }
    case "apiKey": {
      const key = await useApiKey(prisma, token);
      if (key.status === "valid") return { ...ANONYMOUS, apiKey: { id: key.apiKeyId, userId: key.userId, scopes: key.scopes } };
      if (key.status === "rate-limited") {
        throw authError(
          "RATE_LIMITED",
          `This API key is limited to ${key.limit} requests a minute; retry in ${key.retryAfterSeconds} s`,
          429,
          {
            retryAfterSeconds: key.retryAfterSeconds,
          },
        );
      }
      break;
    }
    default: {
      const session = await lookUpSession(prisma, token);
      if (session.status === "valid") return { ...ANONYMOUS, user: { id: session.userId, sessionId: session.sessionId } };
      if (session.status === "banned") {
        throw authError("USER_BANNED", session.reason ? `This account is banned: ${session.reason}` : "This account is banned", 403);
      }
    }
  }
  throw authError("UNAUTHENTICATED", "The token is invalid, revoked or expired; sign in again", 401);
}

/**
 * The first `X-Forwarded-For` address (set by the proxy in front of the API), or null when
 * it is not an IP address: it is stored with sessions, and a client can send anything.
 */
function clientIp(headers: Headers | undefined): string | null {
  const first = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first && isIP(first) ? first : null;
}

/** A caller's `X-Request-Id` when it is a plain token (it goes into logs), else a new one. */
function requestIdOf(headers: Headers | undefined): string {
  const supplied = headers?.get("x-request-id");
  return supplied && /^[\w.:-]{1,100}$/.test(supplied) ? supplied : randomUUID();
}

export function createContextFactory({ prisma, config, storage, events, payments, logError }: ContextDependencies) {
  return async (initial: InitialContext): Promise<Context> => {
    const headers = initial.request?.headers;
    const requestId = requestIdOf(headers);
    const token = bearerToken(initial);
    if (token === MALFORMED) {
      throw authError("UNAUTHENTICATED", "The Authorization header must be `Bearer <token>`", 401);
    }
    let caller = ANONYMOUS;
    if (token) {
      try {
        caller = await identify(prisma, token);
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        // Like a failing resolver: masked for the client, logged under the request id.
        logError?.({ requestId, error });
        throw new GraphQLError("Unexpected error", {
          extensions: { code: "INTERNAL_SERVER_ERROR", requestId, http: { status: 500 } },
        });
      }
    }
    return {
      prisma,
      config,
      storage,
      events,
      payments,
      requestId,
      ...caller,
      client: {
        ip: clientIp(headers),
        userAgent: headers?.get("user-agent") ?? null,
      },
    };
  };
}
