// The worker's task list: queue job names → pipeline steps. Dependencies come in through
// the factory (no globals), so tests, the API process and `pnpm worker` each build their own.
import type { Task, TaskList } from "graphile-worker";
import { createPipeline, type PipelineDependencies } from "../generation/pipeline.ts";
import { TASK } from "../generation/queue.ts";
import { pruneRateWindows } from "../auth/api-keys.ts";

/** Housekeeping that is not part of the pipeline. */
export const MAINTENANCE_TASK = { pruneRateWindows: "maintenance:prune-rate-windows" } as const;

function idOf(payload: unknown, field: "jobId" | "taskId"): number {
  const value = (payload as Record<string, unknown> | null)?.[field];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`payload.${field} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function createTaskList(deps: PipelineDependencies): TaskList {
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
  return {
    [TASK.start]: start,
    [TASK.submit]: submit,
    [TASK.poll]: poll,
    [TASK.sweep]: sweep,
    [MAINTENANCE_TASK.pruneRateWindows]: pruneWindows,
  };
}
