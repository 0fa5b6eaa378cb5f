// The worker's task list: queue job names → pipeline steps. Dependencies come in through
// the factory (no globals), so tests, the API process and `pnpm worker` each build their own.
import type { Task, TaskList } from "graphile-worker";
import { createPipeline, type PipelineDependencies } from "../generation/pipeline.ts";
import { TASK } from "../generation/queue.ts";
import { pruneRateWindows } from "../auth/api-keys.ts";
import { EXPIRE_STALE_TASK, REFUND_TASK, expireStalePayments, runProviderRefund } from "../domain/payments.ts";
import type { PaymentGateways } from "../domain/payment-gateway.ts";
import { createTonTasks } from "../payments/ton/tasks.ts";
import { createTelegramTasks, type TelegramDelivery } from "../telegram/tasks.ts";

/** What the tasks need: the pipeline's dependencies and the payment providers. */
export interface TaskDependencies extends PipelineDependencies {
  payments: PaymentGateways;
  /** Telegram outbox delivery (telegram/tasks.ts). */
  telegram: TelegramDelivery;
}
import { runSlaSweep, SLA_SWEEP_TASK } from "../domain/support-sla.ts";

/** Housekeeping that is not part of the pipeline. */
export const MAINTENANCE_TASK = { pruneRateWindows: "maintenance:prune-rate-windows" } as const;

function idOf(payload: unknown, field: "jobId" | "taskId" | "paymentId"): number {
  const value = (payload as Record<string, unknown> | null)?.[field];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`payload.${field} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function createTaskList(deps: TaskDependencies): TaskList {
  const pipeline = createPipeline(deps);
  const start: Task = async (payload) => pipeline.startJob(idOf(payload, "jobId"));
  const submit: Task = async (payload) => {
    const waits = (payload as { waits?: unknown }).waits;
    await pipeline.submitTask(idOf(payload, "taskId"), typeof waits === "number" && waits >= 0 ? waits : 0);
  };
  const poll: Task = async (payload) => pipeline.pollTask(idOf(payload, "taskId"));
  const sweep: Task = async () => {
    await pipeline.sweep();
  };
  const pruneWindows: Task = async () => {
    await pruneRateWindows(deps.prisma);
  };
  const slaSweep: Task = async () => {
    const { escalated, closed } = await runSlaSweep(deps.prisma, deps.events);
    if (escalated.length || closed.length) deps.log?.(`support: ${escalated.length} ticket(s) escalated, ${closed.length} auto-closed`);
  };
  const refund: Task = async (payload) => {
    await runProviderRefund(deps.prisma, deps.payments, idOf(payload, "paymentId"));
  };
  const expireStale: Task = async () => {
    const cancelled = await expireStalePayments(deps.prisma);
    if (cancelled) deps.log?.(`payments: ${cancelled} unpaid payment(s) cancelled`);
  };
  return {
    [TASK.start]: start,
    [TASK.submit]: submit,
    [TASK.poll]: poll,
    [TASK.sweep]: sweep,
    [MAINTENANCE_TASK.pruneRateWindows]: pruneWindows,
    [REFUND_TASK]: refund,
    [EXPIRE_STALE_TASK]: expireStale,
    [SLA_SWEEP_TASK]: slaSweep,
    ...createTonTasks(deps),
    ...createTelegramTasks(deps),
  };
}
