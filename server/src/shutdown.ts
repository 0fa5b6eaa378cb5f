// Graceful stop for the process entry points (API and worker): on SIGTERM/SIGINT, run each
// step in order even if one before it failed, exit 0 when all succeeded, and give up after
// `forceAfterMs`.
export function stopGracefullyOnSignals({
  steps,
  forceAfterMs,
  log,
  describe,
}: {
  steps: Array<() => Promise<unknown>>;
  forceAfterMs: number;
  log: (line: string) => void;
  /** What stopping means, for the log line (e.g. "draining connections"). */
  describe: string;
}): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: ${describe}`);
    const force = setTimeout(() => process.exit(1), forceAfterMs).unref();
    let clean = true;
    for (const step of steps) {
      await step().catch((error: unknown) => {
        clean = false;
        console.error(error);
      });
    }
    clearTimeout(force);
    process.exit(clean ? 0 : 1);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
