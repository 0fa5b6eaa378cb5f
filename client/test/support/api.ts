// The real API for browser tests: its own database (a fresh one on DATABASE_URL's server,
// else a throwaway embedded PostgreSQL), started as `pnpm start` starts it (server/src/main.ts:
// migrations, demo data with the dev admin accounts, the in-process worker), with the local
// image provider made quick, test-mode payments, and trusted documents enforced.
import { spawn, type ChildProcess } from "node:child_process";
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

export async function startApi(): Promise<RunningApi> {
  const name = `pinglass_browser_${process.pid}`;
  const configured = process.env.DATABASE_URL || undefined;
  const server = await provideDatabase(configured, { purpose: "test", databaseName: "postgres" });
  const url = databaseUrl(withDatabase(connectionOptions(server.url), name));
  await adminQuery(server.url, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await adminQuery(server.url, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  const uploads = await mkdtemp(path.join(tmpdir(), "pinglass-browser-uploads-"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;

  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(paths.root, "server/src/main.ts")], {
    cwd: paths.root,
    env: {
      ...process.env,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: url,
      SEED_DEMO_DATA: "1",
      WORKER_IN_PROCESS: "1",
      WORKER_POLL_INTERVAL_MS: "100",
      GENERATION_PROVIDER: "local",
      LOCAL_PROVIDER_LATENCY_MS: "300",
      GENERATION_POLL_INITIAL_MS: "100",
      GENERATION_POLL_MAX_MS: "300",
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      PAYMENTS_TEST_MODE: "1",
      PERSISTED_DOCUMENTS: "enforce",
      STORAGE_DRIVER: "local",
      STORAGE_LOCAL_DIR: uploads,
      PUBLIC_BASE_URL: origin,
      LOG_LEVEL: "warn",
      REDIS_URL: "",
    },
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
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).catch(() => {});
    await server.stop();
    await rm(uploads, { recursive: true, force: true });
  };

  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, output: () => output, stop };
}
