// Configuration: read from the environment and validated once, at start-up.
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000), // 0: any free port
    /** Unset: an embedded PostgreSQL is started (development and tests only). */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** GraphiQL and introspection; on by default outside production. */
    GRAPHIQL: flag.optional(),
    /** Seed demo data on start (development default). */
    SEED_DEMO_DATA: flag.optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Largest accepted request body, in bytes. */
    MAX_REQUEST_BYTES: z.coerce.number().int().positive().default(1_000_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && env.SEED_DEMO_DATA) {
      ctx.addIssue({ code: "custom", path: ["SEED_DEMO_DATA"], message: "demo data is refused in production" });
    }
  });

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.output<typeof ConfigSchema>) {
  const isProduction = env.NODE_ENV === "production";
  return {
    env: env.NODE_ENV,
    isProduction,
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    graphiql: env.GRAPHIQL ?? !isProduction,
    seedDemoData: env.SEED_DEMO_DATA ?? env.NODE_ENV === "development",
    logLevel: env.LOG_LEVEL,
    maxRequestBytes: env.MAX_REQUEST_BYTES,
  } as const;
}

export class ConfigError extends Error {}

/** Parses the given environment; throws one ConfigError listing every bad value. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return toConfig(parsed.data);
}
