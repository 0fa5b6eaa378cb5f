// The TON worker tasks (crontab in worker/runner.ts). Without TON configured both do nothing.
import type { Task, TaskList } from "graphile-worker";
import type { PrismaClient } from "../../db/prisma.ts";
import { recordSystemLog } from "../../domain/alerts.ts";
import type { PaymentGateways } from "../../domain/payment-gateway.ts";
import { tonGatewayOf } from "./gateway.ts";
import { scanTonTransfers, TON_RATE_TASK, TON_SCAN_TASK } from "./matcher.ts";
import { refreshTonRate } from "./rates.ts";

export interface TonTaskDependencies {
  prisma: PrismaClient;
  payments: PaymentGateways;
  log?: (line: string) => void;
}

export function createTonTasks(deps: TonTaskDependencies): TaskList {
  // A failure is logged (deduplicated) and thrown: the job fails, the next run starts again
  // from the stored cursor, and a rate that is not refreshed goes stale and stops TON sales.
  const logged = async <T>(what: string, run: () => Promise<T>) => {
    try {
      return await run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await recordSystemLog(deps.prisma, { level: "WARN", source: "payments:ton", message: `${what} failed: ${message}` });
      throw error;
    }
  };
  const scan: Task = async () => {
    const ton = deps.payments && tonGatewayOf(deps.payments);
    if (!ton) return;
    const result = await logged("Reading TON transfers", () => scanTonTransfers(deps.prisma, ton));
    if (result.settled.length || result.orphaned)
      deps.log?.(`ton: ${result.settled.length} payment(s) settled, ${result.orphaned} orphan transfer(s)`);
  };
  const rate: Task = async () => {
    const ton = deps.payments && tonGatewayOf(deps.payments);
    if (!ton) return;
    await logged("Refreshing the TON/RUB rate", () => refreshTonRate(deps.prisma, ton.settings));
  };
  return { [TON_SCAN_TASK]: scan, [TON_RATE_TASK]: rate };
}
