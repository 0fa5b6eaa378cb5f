// The GraphQL context, built in one place for HTTP, SSE and WebSocket requests.
import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import type { YogaInitialContext } from "graphql-yoga";
import type { Config } from "./config.ts";
import type { PrismaClient } from "./db/prisma.ts";
import type { Storage } from "./storage/storage.ts";
import { lookUpSession } from "./auth/sessions.ts";

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

export function createContextFactory({ prisma, config, storage }: ContextDependencies) {
  return async (initial: InitialContext): Promise<Context> => {
    const headers = initial.request?.headers;
    const token = bearerToken(initial);
    let user: SignedInUser | null = null;
    if (token === MALFORMED) {
      throw authError("UNAUTHENTICATED", "The Authorization header must be `Bearer <session token>`", 401);
    }
    if (token) {
      const session = await lookUpSession(prisma, token);
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
      requestId: headers?.get("x-request-id")?.slice(0, 100) ?? randomUUID(),
      user,
      client: {
        ip: headers?.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
        userAgent: headers?.get("user-agent") ?? null,
      },
    };
  };
}
