// Runs the job worker (graphile-worker over the same PostgreSQL): inside the API process
// (WORKER_IN_PROCESS) or on its own (`pnpm worker`, worker/main.ts). Several workers may
// run at once: they share the queue (SKIP LOCKED) and the provider concurrency limit (the
// database counts tasks in flight).
import { Logger, parseCrontab, run, runMigrations, type LogLevel, type Runner } from "graphile-worker";
import type { Config } from "../config.ts";
import type { PrismaClient } from "../db/prisma.ts";
import type { EventBus } from "../events/pubsub.ts";
import { createPipeline } from "../generation/pipeline.ts";
import type { ImageProvider } from "../generation/providers/provider.ts";
import type { Storage } from "../storage/storage.ts";
import { createTaskList } from "./tasks.ts";
import { createTelegramDelivery } from "../telegram/tasks.ts";
import type { PaymentGateways } from "../domain/payment-gateway.ts";

export interface WorkerDependencies {
  /** A direct connection (LISTEN/NOTIFY does not go through transaction-mode poolers). */
  connectionString: string;
  prisma: PrismaClient;
  storage: Storage;
  provider: ImageProvider;
  events: EventBus;
  payments: PaymentGateways;
  config: Pick<Config, "isProduction" | "logLevel" | "generation" | "worker" | "telegram">;
  /** Where the worker's lines go (default: console, at LOG_LEVEL). */
  log?: (level: "error" | "warn" | "info" | "debug", line: string) => void;
}

export interface RunningWorker {
  /** Unfinished work queued again at start. */
  resumed: { jobs: number; tasks: number };
  /** Finishes running jobs (up to graphile-worker's grace period), then stops. */
  stop(): Promise<void>;
  /** Settles when the worker has stopped. */
  promise: Promise<void>;
}

const RANK = { debug: 0, info: 1, warn: 2, error: 3 } as const;

function consoleLog(minimum: keyof typeof RANK) {
  return (level: keyof typeof RANK, line: string) => {
    if (RANK[level] < RANK[minimum]) return;
    (level === "error" ? console.error : level === "warn" ? console.warn : console.log)(`[worker] ${line}`);
  };
}

/**
 * graphile-worker's logger, onto ours. Its info lines (one per job run) are debug here;
 * its warnings and errors (a job that threw, with the retry it scheduled) stay.
 */
function graphileLogger(log: NonNullable<WorkerDependencies["log"]>): Logger {
  const levels: Record<LogLevel, keyof typeof RANK> = { error: "error", warning: "warn", info: "debug", debug: "debug" } as Record<
    LogLevel,
    keyof typeof RANK
  >;
  return new Logger(() => (level, message) => log(levels[level] ?? "debug", message));
}

/**
 * Every minute, one worker sweeps for work a dead worker still holds (pipeline.sweep) and
 * applies the support SLA rules (escalation, auto-close: domain/support-sla.ts); every
 * hour, old API-key rate-limit windows are dropped.
 */
export const CRONTAB = [
  "* * * * * generation:sweep ?max=1",
  "17 * * * * maintenance:prune-rate-windows ?max=1",
  "* * * * * support:sla-sweep ?max=1",
  // Payments nobody paid are cancelled (their promo uses come back).
  "*/10 * * * * payments:expire-stale ?max=1",
  // Telegram: start due scheduled broadcasts, take back messages a dead worker held, re-queue lost jobs.
  "* * * * * telegram:sweep ?max=1",
  // TON: read the wallet's transfers every minute, refresh the TON/RUB rate every 5 minutes.
  "* * * * * payments:ton-scan ?max=1",
  "*/5 * * * * payments:ton-rate ?max=1",
].join("\n");

/**
 * Refuses a production worker with the local provider unless GENERATION_PROVIDER=local was
 * set on purpose: a forgotten variable must not hand paying users placeholder pictures.
 */
export function assertProviderAllowed(config: WorkerDependencies["config"]): void {
  if (config.isProduction && config.generation.provider === "local" && !config.generation.providerExplicit) {
    throw new Error(
      "GENERATION_PROVIDER is unset in production: set GENERATION_PROVIDER=kie (or GENERATION_PROVIDER=local on purpose, e.g. for a demo)",
    );
  }
}

export async function startWorker(deps: WorkerDependencies): Promise<RunningWorker> {
  const { config, connectionString } = deps;
  assertProviderAllowed(config);
  const log = deps.log ?? consoleLog(config.logLevel);
  const logger = graphileLogger(log);
  const pipelineDeps = {
    prisma: deps.prisma,
    storage: deps.storage,
    provider: deps.provider,
    events: deps.events,
    settings: config.generation,
    log: (line: string) => log("info", line),
  };
  await runMigrations({ connectionString, logger });
  // A worker killed mid-job left its queue jobs locked (graphile-worker frees them only
  // after hours): queue every unfinished task again, keyed, before taking work.
  const resumed = await createPipeline(pipelineDeps).resume();
  if (resumed.jobs) log("info", `resumed ${resumed.jobs} unfinished generation job(s), ${resumed.tasks} task(s)`);
  const runner: Runner = await run({
    connectionString,
    concurrency: config.worker.concurrency,
    pollInterval: config.worker.pollIntervalMs,
    maxPoolSize: Math.max(config.worker.concurrency + 2, 4),
    noHandleSignals: true,
    logger,
    taskList: createTaskList({
      ...pipelineDeps,
      payments: deps.payments,
      telegram: createTelegramDelivery(config.telegram, (line) => log("info", line)),
    }),
    parsedCronItems: parseCrontab(CRONTAB),
  });
  log(
    "info",
    `running: ${config.worker.concurrency} job(s) at a time, provider ${deps.provider.name}, at most ${config.generation.concurrency} provider task(s) in flight`,
  );
  return {
    resumed,
    stop: () => runner.stop(),
    promise: runner.promise,
  };
}
