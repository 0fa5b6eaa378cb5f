// The GraphQL context, built in one place for HTTP, SSE and WebSocket requests.
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { GraphQLError } from "graphql";
import type { YogaInitialContext } from "graphql-yoga";
import type { Config } from "./config.ts";
import type { PrismaClient } from "./db/prisma.ts";
import type { Storage } from "./storage/storage.ts";
import type { ErrorLogger } from "./http/error-reporting.ts";
import { lookUpSession, type SessionLookup } from "./auth/sessions.ts";

/** The signed-in user of a request (admins and API keys join in the admin issue). */
export interface SignedInUser {
  id: number;
  sessionId: number;
}

export interface Context {
  prisma: PrismaClient;
  config: Config;
  storage: Storage;
  requestId: string;
  user: SignedInUser | null;
  client: { ip: string | null; userAgent: string | null };
}

export interface ContextDependencies {
  prisma: PrismaClient;
  config: Config;
  storage: Storage;
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

function authError(code: "UNAUTHENTICATED" | "USER_BANNED", message: string, status: number) {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
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

export function createContextFactory({ prisma, config, storage, logError }: ContextDependencies) {
  return async (initial: InitialContext): Promise<Context> => {
    const headers = initial.request?.headers;
    const requestId = requestIdOf(headers);
    const token = bearerToken(initial);
    let user: SignedInUser | null = null;
    if (token === MALFORMED) {
      throw authError("UNAUTHENTICATED", "The Authorization header must be `Bearer <session token>`", 401);
    }
    if (token) {
      let session: SessionLookup;
      try {
        session = await lookUpSession(prisma, token);
      } catch (error) {
        // Like a failing resolver: masked for the client, logged under the request id.
        logError?.({ requestId, error });
        throw new GraphQLError("Unexpected error", {
          extensions: { code: "INTERNAL_SERVER_ERROR", requestId, http: { status: 500 } },
        });
      }
      if (session.status === "invalid") {
        throw authError("UNAUTHENTICATED", "The session token is invalid or has expired; sign in again", 401);
      }
      if (session.status === "banned") {
        throw authError("USER_BANNED", session.reason ? `This account is banned: ${session.reason}` : "This account is banned", 403);
      }
      user = { id: session.userId, sessionId: session.sessionId };
    }
    return {
      prisma,
      config,
      storage,
      requestId,
      user,
      client: {
        ip: clientIp(headers),
        userAgent: headers?.get("user-agent") ?? null,
      },
    };
  };
}
