// The GraphQL context, built in one place for HTTP and WebSocket requests.
import { randomUUID } from "node:crypto";
import type { YogaInitialContext } from "graphql-yoga";
import type { PrismaClient } from "./db/prisma.ts";

export interface Context {
  prisma: PrismaClient;
  requestId: string;
  /** The signed-in user; authentication arrives with the auth issue. */
  viewer: { userId: number } | null;
}

export interface ContextDependencies {
  prisma: PrismaClient;
}

export function createContextFactory({ prisma }: ContextDependencies) {
  return (initial: YogaInitialContext): Context => ({
    prisma,
    requestId: initial.request?.headers.get("x-request-id") ?? randomUUID(),
    viewer: null,
  });
}
