// The real API for browser tests: its own database (a fresh one on DATABASE_URL's server,
// else a throwaway embedded PostgreSQL), started as `pnpm start` starts it (server/src/main.ts).
// - Test mode (the default): migrations, demo data with the dev admin accounts, the
//   in-process worker, the local image provider made quick, test-mode payments, and
//   trusted documents enforced.
// - Production mode (`production`): NODE_ENV=production as a deployment runs it: the
//   migrations deployed first (`pnpm db:deploy`; a production API applies none), the
//   caller's own rows seeded into the database (production refuses demo data), no
//   test-mode payments, Telegram delivery through the Bot API, trusted documents
//   enforced, and the settings the caller gives (payment providers, the web origin).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { provideDatabase } from "../../../server/src/db/database.ts";
import { connectionOptions, databaseUrl, withDatabase } from "../../../server/src/db/connection.ts";
import { paths } from "../../../server/src/paths.ts";

/** A bot token of the tests' own: the API verifies Mini App initData with it. */
export const TEST_BOT_TOKEN = "2000000000:browser-tests-token-not-a-secret";
/** The bot the client's Login Widget names (VITE_TELEGRAM_BOT_USERNAME of the test build). */
export const TEST_BOT_USERNAME = "pinglass_browser_test_bot";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client(withDatabase(connectionOptions(url), "postgres"));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface RunningApi {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Everything the API printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface ProductionSetup {
  /** Rows the journey needs, written before the API starts (the database is migrated). */
  seed(databaseUrl: string): Promise<void>;
  /** Further settings (providers, PUBLIC_WEB_URL, …). */
  env: Record<string, string>;
}

/** Settings the test runner's environment may carry that would change the API under test. */
const UNSET = Object.fromEntries(
  [
    "SEED_DEMO_DATA",
    "PAYMENTS_TEST_MODE",
    "GRAPHIQL",
    "INTROSPECTION",
    "CORS_ORIGINS",
    "TELEGRAM_DELIVERY",
    "TON_RUB_RATE",
    "STARS_RUB_RATE",
    "TON_WALLET_ADDRESS",
    "TBANK_TERMINAL_KEY",
    "TBANK_PASSWORD",
    "TELEGRAM_WEBHOOK_SECRET",
    "PERSISTED_DOCUMENTS_MANIFEST",
    "KIE_API_KEY",
    "KIE_WEBHOOK_KEY",
  ].map((key) => [key, ""]),
);

function modeEnv(production: ProductionSetup | undefined): Record<string, string> {
  if (!production) {
    return {
      NODE_ENV: "test",
      SEED_DEMO_DATA: "1",
      LOCAL_PROVIDER_LATENCY_MS: "300",
      PAYMENTS_TEST_MODE: "1",
    };
  }
  return {
    NODE_ENV: "production",
    // A production worker refuses the local provider unless it is chosen on purpose (a demo);
    // Kie.ai cannot be reached from here.
    LOCAL_PROVIDER_LATENCY_MS: "300",
    ...production.env,
  };
}

export async function startApi({ production }: { production?: ProductionSetup } = {}): Promise<RunningApi> {
  const name = `pinglass_browser_${production ? "production_" : ""}${process.pid}`;
  const configured = process.env.DATABASE_URL || undefined;
  const server = await provideDatabase(configured, { purpose: "test", databaseName: "postgres" });
  const url = databaseUrl(withDatabase(connectionOptions(server.url), name));
  await adminQuery(server.url, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await adminQuery(server.url, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  const uploads = await mkdtemp(path.join(tmpdir(), "pinglass-browser-uploads-"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    ...UNSET,
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: url,
    WORKER_IN_PROCESS: "1",
    WORKER_POLL_INTERVAL_MS: "100",
    GENERATION_PROVIDER: "local",
    GENERATION_POLL_INITIAL_MS: "100",
    GENERATION_POLL_MAX_MS: "300",
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    PERSISTED_DOCUMENTS: "enforce",
    STORAGE_DRIVER: "local",
    STORAGE_LOCAL_DIR: uploads,
    PUBLIC_BASE_URL: origin,
    LOG_LEVEL: "warn",
    REDIS_URL: "",
    ...modeEnv(production),
  };
  const cleanUp = async () => {
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).catch(() => {});
    await server.stop();
    await rm(uploads, { recursive: true, force: true });
  };
  if (production) {
    // As a deployment does: `pnpm db:deploy` (a production API applies no migrations), then rows.
    try {
      await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(paths.root, "server/src/cli/db.ts"), "deploy"], {
        cwd: paths.root,
        env,
      });
      await production.seed(url);
    } catch (error) {
      await cleanUp();
      throw error;
    }
  }

  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(paths.root, "server/src/main.ts")], {
    cwd: paths.root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("GraphQL on ")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => reject(new Error(`the API exited (${code}) before it was ready:\n${output}`)));
    setTimeout(() => reject(new Error(`the API was not ready within 120 s:\n${output}`)), 120_000).unref();
  });

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await cleanUp();
  };

  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, output: () => output, stop };
}
