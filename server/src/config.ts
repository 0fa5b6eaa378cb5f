// Configuration: read from the environment and validated once, at start-up.
import { z } from "zod";

const flag = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"]).transform((v) => ["1", "true", "yes", "on"].includes(v));

// --- Kie.ai image provider (GENERATION_PROVIDER=kie) ------------------------------------
const KIE_ENV = {
  KIE_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.kie.ai"),
  /** Bearer key of the Kie.ai API. */
  KIE_API_KEY: z.string().min(1).optional(),
  /** Market model: takes `prompt` and reference `image_urls`. */
  KIE_MODEL: z.string().min(1).default("google/nano-banana-edit"),
  /** Kie's webhookHmacKey: verifies the X-Webhook-Signature of callbacks. */
  KIE_WEBHOOK_KEY: z.string().min(8, "must be the webhook HMAC key from Kie's settings page").optional(),
  /** Public origin of this API (Kie POSTs to `${PUBLIC_API_URL}/webhooks/kie`); default PUBLIC_BASE_URL. */
  PUBLIC_API_URL: z.url({ protocol: /^https?$/ }).optional(),
};

type KieEnv = z.output<ReturnType<typeof z.object<typeof KIE_ENV>>> & {
  GENERATION_PROVIDER?: string;
  PUBLIC_BASE_URL?: string;
};

function refineKieEnv(env: KieEnv, ctx: z.RefinementCtx) {
  if (env.GENERATION_PROVIDER !== "kie") return;
  for (const key of ["KIE_API_KEY", "KIE_WEBHOOK_KEY"] as const) {
    if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when GENERATION_PROVIDER=kie" });
  }
  if (!env.PUBLIC_API_URL && !env.PUBLIC_BASE_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["PUBLIC_API_URL"],
      message: "(or PUBLIC_BASE_URL) is required when GENERATION_PROVIDER=kie: Kie.ai calls back to it",
    });
  }
}

function kieConfig(env: KieEnv) {
  return {
    apiUrl: env.KIE_API_URL,
    apiKey: env.KIE_API_KEY,
    model: env.KIE_MODEL,
    webhookKey: env.KIE_WEBHOOK_KEY,
    /** Base of the callBackUrl (the provider appends /webhooks/kie). */
    publicApiUrl: env.PUBLIC_API_URL ?? env.PUBLIC_BASE_URL,
  };
}
// ------------------------------------------------------------------------------------------

// --- Generation pipeline and job worker ----------------------------------------------
const GENERATION_ENV = {
  /** Image provider: `local` (PNGs made here, offline) or `kie` (Kie.ai). Default local (a production worker refuses it unless set explicitly). */
  GENERATION_PROVIDER: z.enum(["local", "kie"]).optional(),
  /** Local provider: how long a task takes, and the share of attempts that fail (deterministic per task and attempt). */
  LOCAL_PROVIDER_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(1500),
  LOCAL_PROVIDER_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  /** Provider tasks in flight (submitted, not finished) across every worker. */
  GENERATION_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(8),
  /** A task with no answer from the provider this long after its submission counts as a failed attempt. */
  GENERATION_TASK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  /** Attempts per task (submissions to the provider) before it fails for good. */
  GENERATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Polling a submitted task: first check this long after submission, then every half of its age, up to the max. */
  GENERATION_POLL_INITIAL_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  GENERATION_POLL_MAX_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** Delay before retrying a failed attempt: base × 2^(attempt − 1). */
  GENERATION_RETRY_BASE_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  /** A job whose every task failed gives its payment back: `revert` (spendable again) or `refund` (marked for refund). */
  FAILED_GENERATION_PAYMENT: z.enum(["revert", "refund"]).default("revert"),
  /** Run the job worker inside the API process (development default); otherwise `pnpm worker` runs it. */
  WORKER_IN_PROCESS: flag.optional(),
  /** Queue jobs one worker process runs at a time. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  /** How often an idle worker looks for jobs scheduled in the future (new jobs arrive at once by NOTIFY). */
  WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
};

type GenerationEnv = Partial<{ [K in keyof typeof GENERATION_ENV]: z.output<(typeof GENERATION_ENV)[K]> }> &
  Pick<
    { [K in keyof typeof GENERATION_ENV]: z.output<(typeof GENERATION_ENV)[K]> },
    Exclude<keyof typeof GENERATION_ENV, "GENERATION_PROVIDER" | "WORKER_IN_PROCESS">
  >;

function generationConfig(env: GenerationEnv) {
  return {
    provider: env.GENERATION_PROVIDER ?? ("local" as const),
    /** Whether GENERATION_PROVIDER was set: a production worker refuses the local provider by default. */
    providerExplicit: env.GENERATION_PROVIDER !== undefined,
    localLatencyMs: env.LOCAL_PROVIDER_LATENCY_MS,
    localFailureRate: env.LOCAL_PROVIDER_FAILURE_RATE,
    concurrency: env.GENERATION_CONCURRENCY,
    taskTimeoutMs: env.GENERATION_TASK_TIMEOUT_SECONDS * 1000,
    maxAttempts: env.GENERATION_MAX_ATTEMPTS,
    pollInitialMs: env.GENERATION_POLL_INITIAL_MS,
    pollMaxMs: Math.max(env.GENERATION_POLL_MAX_MS, env.GENERATION_POLL_INITIAL_MS),
    retryBaseMs: env.GENERATION_RETRY_BASE_MS,
    failedPayment: env.FAILED_GENERATION_PAYMENT,
  };
}

function workerConfig(env: { NODE_ENV: string; WORKER_IN_PROCESS?: boolean; WORKER_CONCURRENCY: number; WORKER_POLL_INTERVAL_MS: number }) {
  return {
    inProcess: env.WORKER_IN_PROCESS ?? env.NODE_ENV === "development",
    concurrency: env.WORKER_CONCURRENCY,
    pollIntervalMs: env.WORKER_POLL_INTERVAL_MS,
  };
}
// ------------------------------------------------------------------------------------------

// --- Payments (T-Bank, Telegram Stars, TON, test mode) ---------------------------------
// A provider is offered when its settings are present; the test-mode provider (payments
// completed by a mutation, no money) only outside production.
const PAYMENT_ENV = {
  /** T-Bank acquiring (Internet Acquiring API v2): terminal key and its password (signs requests and notifications). */
  TBANK_API_URL: z.url({ protocol: /^https?$/ }).default("https://securepay.tinkoff.ru/v2"),
  TBANK_TERMINAL_KEY: z.string().min(1).optional(),
  TBANK_PASSWORD: z.string().min(1).optional(),
  /** Where the browser returns after a card payment (the client app). */
  PUBLIC_WEB_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Telegram Bot API base (tests point it at a fake). */
  TELEGRAM_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.telegram.org"),
  /** X-Telegram-Bot-Api-Secret-Token of the bot webhook (setWebhook secret_token). */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 of A-Z a-z 0-9 _ -")
    .optional(),
  /** RUB per Telegram Star: a tier's Stars price is its RUB price divided by this, rounded up. */
  STARS_RUB_RATE: z.coerce.number().positive().max(1000).optional(),
  /**
   * TON: the merchant wallet transfers go to, the TON HTTP API and its key. toncenter's v3
   * (indexer) API: its transactions carry the masterchain block that confirmed them.
   */
  TON_WALLET_ADDRESS: z
    .string()
    .regex(/^[A-Za-z0-9_-]{48}$|^-?\d:[0-9a-fA-F]{64}$/, "a TON address (friendly or raw)")
    .optional(),
  TON_API_URL: z.url({ protocol: /^https?$/ }).default("https://toncenter.com/api/v3"),
  TON_API_KEY: z.string().min(1).optional(),
  /** How long a TON invoice's locked exchange rate holds. */
  TON_RATE_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Masterchain blocks (the including one counts) before a transfer is taken as paid. */
  TON_MIN_CONFIRMATIONS: z.coerce.number().int().min(1).max(1000).default(1),
  /** A CoinGecko-compatible API (`/simple/price`) the TON/RUB rate is fetched from. */
  TON_RATE_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.coingecko.com/api/v3"),
  /** A fixed RUB-per-TON rate instead of fetching one (offline development); refused in production. */
  TON_RUB_RATE: z.coerce.number().positive().max(1_000_000).optional(),
  /** A stored rate older than this is not used to price a payment. */
  TON_RATE_MAX_AGE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** The test-mode provider: completes payments on request, moves no money. Refused in production. */
  PAYMENTS_TEST_MODE: flag.optional(),
};

type PaymentEnv = z.output<ReturnType<typeof z.object<typeof PAYMENT_ENV>>> & {
  NODE_ENV: string;
  TELEGRAM_BOT_TOKEN?: string;
  PUBLIC_BASE_URL?: string;
  PUBLIC_API_URL?: string;
};

function refinePaymentEnv(env: PaymentEnv, ctx: z.RefinementCtx) {
  if (Boolean(env.TBANK_TERMINAL_KEY) !== Boolean(env.TBANK_PASSWORD)) {
    ctx.addIssue({ code: "custom", path: ["TBANK_PASSWORD"], message: "TBANK_TERMINAL_KEY and TBANK_PASSWORD go together" });
  }
  if (env.NODE_ENV === "production" && env.PAYMENTS_TEST_MODE) {
    ctx.addIssue({ code: "custom", path: ["PAYMENTS_TEST_MODE"], message: "test-mode payments are refused in production" });
  }
  if (env.NODE_ENV === "production" && env.TON_RUB_RATE) {
    ctx.addIssue({
      code: "custom",
      path: ["TON_RUB_RATE"],
      message: "a fixed TON rate is refused in production (rates are fetched from TON_RATE_API_URL)",
    });
  }
  if (env.STARS_RUB_RATE && !env.TELEGRAM_BOT_TOKEN) {
    ctx.addIssue({
      code: "custom",
      path: ["TELEGRAM_BOT_TOKEN"],
      message: "is required for Telegram Stars payments (STARS_RUB_RATE is set)",
    });
  }
}

function paymentConfig(env: PaymentEnv) {
  const publicApiUrl = env.PUBLIC_API_URL ?? env.PUBLIC_BASE_URL;
  return {
    /** Offered when set (and the bot token is the real one, for Stars). */
    tbank:
      env.TBANK_TERMINAL_KEY && env.TBANK_PASSWORD
        ? { apiUrl: env.TBANK_API_URL, terminalKey: env.TBANK_TERMINAL_KEY, password: env.TBANK_PASSWORD }
        : undefined,
    stars: env.STARS_RUB_RATE && env.TELEGRAM_BOT_TOKEN ? { rubPerStar: env.STARS_RUB_RATE } : undefined,
    ton: env.TON_WALLET_ADDRESS
      ? {
          walletAddress: env.TON_WALLET_ADDRESS,
          apiUrl: env.TON_API_URL,
          apiKey: env.TON_API_KEY,
          rateTtlMinutes: env.TON_RATE_TTL_MINUTES,
          minConfirmations: env.TON_MIN_CONFIRMATIONS,
          rateApiUrl: env.TON_RATE_API_URL,
          fixedRubRate: env.TON_RUB_RATE,
          rateMaxAgeMinutes: env.TON_RATE_MAX_AGE_MINUTES,
        }
      : undefined,
    testMode: env.PAYMENTS_TEST_MODE ?? env.NODE_ENV !== "production",
    /** Base of webhook URLs given to providers (T-Bank NotificationURL). */
    publicApiUrl,
    /** Where the browser lands after paying (SuccessURL / FailURL). */
    publicWebUrl: env.PUBLIC_WEB_URL ?? "http://127.0.0.1:5173",
  };
}

function telegramApiConfig(env: PaymentEnv) {
  return { apiUrl: env.TELEGRAM_API_URL, webhookSecret: env.TELEGRAM_WEBHOOK_SECRET };
}

// --- Telegram notifications (the outbox the worker sends: server/src/telegram/outbox.ts) ---
const TELEGRAM_DELIVERY_ENV = {
  /** `bot-api`: sendMessage through the Bot API (production); `log`: marked sent and printed by the worker (development default). */
  TELEGRAM_DELIVERY: z.enum(["bot-api", "log"]).optional(),
  /** Messages per second across every worker (Telegram allows about 30 a second to different chats). */
  TELEGRAM_SEND_RATE_PER_SECOND: z.coerce.number().int().min(1).max(30).default(25),
  /** Delay before retrying a message whose attempt failed (5xx, no answer): base × 2^(attempt − 1), at most 10 minutes. */
  TELEGRAM_RETRY_BASE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
};

type TelegramDeliveryEnv = Partial<{ [K in keyof typeof TELEGRAM_DELIVERY_ENV]: z.output<(typeof TELEGRAM_DELIVERY_ENV)[K]> }> & {
  NODE_ENV: string;
  TELEGRAM_BOT_TOKEN?: string;
};

function refineTelegramDeliveryEnv(env: TelegramDeliveryEnv, ctx: z.RefinementCtx) {
  if (env.NODE_ENV === "production" && env.TELEGRAM_DELIVERY === "log") {
    ctx.addIssue({ code: "custom", path: ["TELEGRAM_DELIVERY"], message: "must be bot-api in production (log delivers nothing)" });
  }
  // The built-in development token must never reach the real Bot API.
  if (env.TELEGRAM_DELIVERY === "bot-api" && !env.TELEGRAM_BOT_TOKEN) {
    ctx.addIssue({ code: "custom", path: ["TELEGRAM_BOT_TOKEN"], message: "is required when TELEGRAM_DELIVERY=bot-api" });
  }
}

function telegramDeliveryConfig(env: TelegramDeliveryEnv) {
  return {
    mode: env.TELEGRAM_DELIVERY ?? (env.NODE_ENV === "production" ? ("bot-api" as const) : ("log" as const)),
    ratePerSecond: env.TELEGRAM_SEND_RATE_PER_SECOND ?? 25,
    retryBaseMs: env.TELEGRAM_RETRY_BASE_MS ?? 10_000,
  };
}
// ------------------------------------------------------------------------------------------

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000), // 0: any free port
    /** Unset: an embedded PostgreSQL is started (development and tests only). */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** Namespace of the pub/sub topics, so deployments sharing one Redis never hear each other. */
    EVENT_CHANNEL_PREFIX: z
      .string()
      .regex(/^[\w.-]{1,64}$/, "letters, digits, _ . or -, at most 64")
      .default("pinglass"),
    /** One log line per published event: its topic, payload and time (diagnostics; off by default). */
    EVENT_LOG: flag.optional(),
    /** GraphiQL and introspection; on by default outside production. */
    GRAPHIQL: flag.optional(),
    /** Seed demo data on start (development default). */
    SEED_DEMO_DATA: flag.optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Largest accepted request body, in bytes (uploads included). */
    MAX_REQUEST_BYTES: z.coerce.number().int().positive().default(60_000_000),
    /** Query cost budgets per audience (see http/query-cost.ts): the most one operation may cost. */
    COST_LIMIT_ANONYMOUS: z.coerce.number().int().positive().default(2_000),
    COST_LIMIT_USER: z.coerce.number().int().positive().default(5_000),
    COST_LIMIT_API_KEY: z.coerce.number().int().positive().default(10_000),
    COST_LIMIT_STAFF: z.coerce.number().int().positive().default(50_000),
    /** Introspection; on by default outside production (admin sessions get it regardless). */
    INTROSPECTION: flag.optional(),
    /** Browser origins allowed to call the API with credentials (comma-separated). */
    CORS_ORIGINS: z.string().optional(),
    /** Bot token: verifies Telegram Mini App initData and Login Widget data. */
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, "must look like 123456:ABC…")
      .optional(),
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
    /** Trusted documents: `enforce` (production default) runs only the client's persisted documents for users; `allow` also runs any other. */
    PERSISTED_DOCUMENTS: z.enum(["allow", "enforce"]).optional(),
    /** The manifest codegen writes (hash → document); default client/src/gql/persisted-documents.json. */
    PERSISTED_DOCUMENTS_MANIFEST: z.string().min(1).optional(),
    ...KIE_ENV,
    ...GENERATION_ENV,
    ...PAYMENT_ENV,
    ...TELEGRAM_DELIVERY_ENV,
  })
  .superRefine((env, ctx) => {
    refineKieEnv(env, ctx);
    refinePaymentEnv(env, ctx);
    refineTelegramDeliveryEnv(env, ctx);
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
    eventChannelPrefix: env.EVENT_CHANNEL_PREFIX,
    eventLog: env.EVENT_LOG ?? false,
    graphiql: env.GRAPHIQL ?? !isProduction,
    seedDemoData: env.SEED_DEMO_DATA ?? env.NODE_ENV === "development",
    logLevel: env.LOG_LEVEL,
    maxRequestBytes: env.MAX_REQUEST_BYTES,
    costLimits: {
      anonymous: env.COST_LIMIT_ANONYMOUS,
      user: env.COST_LIMIT_USER,
      apiKey: env.COST_LIMIT_API_KEY,
      staff: env.COST_LIMIT_STAFF,
    },
    introspection: env.INTROSPECTION ?? !isProduction,
    corsOrigins:
      env.CORS_ORIGINS?.split(",")
        .map((o) => o.trim())
        .filter(Boolean) ?? [],
    telegram: {
      // Development signs in offline with a known token (pnpm dev:init-data signs initData
      // with it); every other environment must bring the real bot's token.
      botToken: env.TELEGRAM_BOT_TOKEN ?? (env.NODE_ENV === "development" ? DEVELOPMENT_BOT_TOKEN : undefined),
      authMaxAgeSeconds: env.TELEGRAM_AUTH_MAX_AGE_SECONDS,
      ...telegramApiConfig(env),
      delivery: telegramDeliveryConfig(env),
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
    persistedDocuments: {
      mode: env.PERSISTED_DOCUMENTS ?? (isProduction ? ("enforce" as const) : ("allow" as const)),
      manifestPath: env.PERSISTED_DOCUMENTS_MANIFEST,
    },
    kie: kieConfig(env),
    generation: generationConfig(env),
    worker: workerConfig(env),
    payments: paymentConfig(env),
  } as const;
}

/** Not a secret: only accepted when NODE_ENV=development and TELEGRAM_BOT_TOKEN is unset. */
export const DEVELOPMENT_BOT_TOKEN = "1000000000:development-only-token-not-a-secret";

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
