// graphile-worker's own tables (schema graphile_worker), installed or upgraded. The API
// runs this at start: startGeneration queues its job from SQL, in its own transaction,
// so the queue must exist before the first request. Safe to run concurrently and again.
import { Logger, runMigrations } from "graphile-worker";

const silent = new Logger(() => () => {});

export async function migrateQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: silent });
}
