// The GraphQL application: schema + Yoga, independent of any listening socket,
// so tests drive it in-process through `yoga.fetch`.
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import type { Config } from "./config.ts";
import { createContextFactory, type Context } from "./context.ts";
import type { PrismaClient } from "./db/prisma.ts";
import { schema } from "./schema/index.ts";

export const GRAPHQL_PATH = "/graphql";

export type App = YogaServerInstance<Record<string, unknown>, Context>;

export function createApp({ config, prisma }: { config: Config; prisma: PrismaClient }): App {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: createContextFactory({ prisma }),
    graphiql: config.graphiql ? { title: "PinGlass API", subscriptionsProtocol: "WS" } : false,
    landingPage: false,
    maskedErrors: { isDev: !config.isProduction },
    logging: config.env === "test" ? false : config.logLevel,
  });
}
