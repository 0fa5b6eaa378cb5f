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
    /** Largest accepted request body, in bytes (uploads included). */
    MAX_REQUEST_BYTES: z.coerce.number().int().positive().default(60_000_000),
    /** Introspection; on by default outside production (admin sessions get it regardless). */
    INTROSPECTION: flag.optional(),
    /** Browser origins allowed to call the API with credentials (comma-separated). */
    CORS_ORIGINS: z.string().optional(),
    /** Bot token: verifies Telegram Mini App initData and Login Widget data. */
    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, "must look like 123456:ABC…").optional(),
    /** How old Telegram sign-in data may be, in seconds (24 h). */
    TELEGRAM_AUTH_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(86_400),
    /** Lifetime of a user session, in days. */
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Where uploads live: a local folder (default) or S3-compatible object storage. */
    STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
    STORAGE_LOCAL_DIR: z.string().optional(),
    /** Public base URL files are served from (local: this API's /files/). */
    PUBLIC_BASE_URL: z.url().optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().default("us-east-1"),
    S3_BUCKET: z.string().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_PUBLIC_URL: z.url().optional(),
    /** Largest reference photo, in bytes, and how many an avatar may have. */
    UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10_000_000),
    REFERENCE_PHOTOS_PER_AVATAR: z.coerce.number().int().positive().default(20),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && !env.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["TELEGRAM_BOT_TOKEN"], message: "is required in production" });
    }
    if (env.STORAGE_DRIVER === "s3") {
      for (const key of ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when STORAGE_DRIVER=s3" });
      }
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
    introspection: env.INTROSPECTION ?? !isProduction,
    corsOrigins: env.CORS_ORIGINS?.split(",").map((o) => o.trim()).filter(Boolean) ?? [],
    telegram: {
      botToken: env.TELEGRAM_BOT_TOKEN,
      authMaxAgeSeconds: env.TELEGRAM_AUTH_MAX_AGE_SECONDS,
    },
    sessionTtlDays: env.SESSION_TTL_DAYS,
    storage:
      env.STORAGE_DRIVER === "s3"
        ? {
            driver: "s3" as const,
            endpoint: env.S3_ENDPOINT!,
            region: env.S3_REGION,
            bucket: env.S3_BUCKET!,
            accessKeyId: env.S3_ACCESS_KEY_ID!,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
            publicUrl: env.S3_PUBLIC_URL,
          }
        : {
            driver: "local" as const,
            directory: env.STORAGE_LOCAL_DIR,
            publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`,
          },
    uploads: {
      maxBytes: env.UPLOAD_MAX_BYTES,
      perAvatar: env.REFERENCE_PHOTOS_PER_AVATAR,
    },
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
