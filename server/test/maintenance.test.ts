// Housekeeping jobs of the worker.
import { beforeAll, expect, it } from "vitest";
import { parseCrontab } from "graphile-worker";
import { pruneRateWindows } from "../src/auth/api-keys.ts";
import { createTaskList, MAINTENANCE_TASK } from "../src/worker/tasks.ts";
import { CRONTAB } from "../src/worker/runner.ts";
import { createTestApi, type TestApi } from "./support/harness.ts";

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});

it("drops API-key rate windows older than an hour and keeps recent ones", async () => {
  const owner = await api.signIn();
  const key = await api.createApiKey(owner.id, ["REFERRALS_READ"]);
  const now = new Date("2026-11-21T12:30:00Z");
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  await api.prisma.apiKeyRateWindow.createMany({
    data: [90, 61, 59, 1].map((m) => ({ apiKeyId: key.id, windowStart: minutesAgo(m), requests: 5 })),
  });
  expect(await pruneRateWindows(api.prisma, now)).toBe(2);
  const left = await api.prisma.apiKeyRateWindow.findMany({ where: { apiKeyId: key.id }, orderBy: { windowStart: "asc" } });
  expect(left.map((w) => w.windowStart)).toEqual([minutesAgo(59), minutesAgo(1)]);
});

it("runs hourly as a worker task", async () => {
  const tasks = createTaskList({ prisma: api.prisma } as Parameters<typeof createTaskList>[0]);
  expect(parseCrontab(CRONTAB).map((item) => item.task)).toContain(MAINTENANCE_TASK.pruneRateWindows);
  const owner = await api.signIn();
  const key = await api.createApiKey(owner.id, ["REFERRALS_READ"]);
  await api.prisma.apiKeyRateWindow.create({ data: { apiKeyId: key.id, windowStart: new Date(Date.now() - 2 * 3_600_000) } });
  await tasks[MAINTENANCE_TASK.pruneRateWindows]!({}, {} as never);
  expect(await api.prisma.apiKeyRateWindow.count({ where: { apiKeyId: key.id } })).toBe(0);
});
