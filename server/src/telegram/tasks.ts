// The worker's Telegram tasks (names in domain/telegram-outbox.ts): personal messages, broadcasts
// and the sweep. Built lazily, so task lists made for other tests need no sender.
import type { TaskList } from "graphile-worker";
import type { Config } from "../config.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { createBroadcastDelivery } from "./broadcast-delivery.ts";
import { TELEGRAM_TASK, type BroadcastJob } from "../domain/telegram-outbox.ts";
import { createOutbox, type OutboxSettings } from "./outbox.ts";
import { createTelegramSender, type TelegramSender } from "./sender.ts";

export interface TelegramDelivery {
  sender: TelegramSender;
  settings: OutboxSettings;
}

/** The sender and settings of `config.telegram` (TELEGRAM_DELIVERY). */
export function createTelegramDelivery(
  telegram: Pick<Config["telegram"], "apiUrl" | "botToken" | "delivery">,
  log?: (line: string) => void,
): TelegramDelivery {
  return {
    sender: createTelegramSender(telegram, log),
    settings: { ratePerSecond: telegram.delivery.ratePerSecond, retryBaseMs: telegram.delivery.retryBaseMs },
  };
}

export interface TelegramTaskDependencies {
  prisma: PrismaClient;
  telegram: TelegramDelivery;
  log?: (line: string) => void;
}

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0)
    throw new Error(`payload.${field} must be a positive integer, got ${JSON.stringify(value)}`);
  return value;
}

export function createTelegramTasks(deps: TelegramTaskDependencies): TaskList {
  let built: ReturnType<typeof build> | undefined;
  function build() {
    const outbox = createOutbox({ prisma: deps.prisma, sender: deps.telegram.sender, settings: deps.telegram.settings, log: deps.log });
    const broadcasts = createBroadcastDelivery({
      prisma: deps.prisma,
      outbox,
      ratePerSecond: deps.telegram.settings.ratePerSecond,
      log: deps.log,
    });
    return { outbox, broadcasts };
  }
  const parts = () => (built ??= build());
  return {
    [TELEGRAM_TASK.send]: async (payload) => {
      await parts().outbox.deliverMessage(positiveInt((payload as { messageId?: unknown }).messageId, "messageId"));
    },
    [TELEGRAM_TASK.broadcast]: async (payload) => {
      const job = payload as Partial<BroadcastJob>;
      await parts().broadcasts.runBroadcast({
        broadcastId: positiveInt(job.broadcastId, "broadcastId"),
        afterUserId: typeof job.afterUserId === "number" && job.afterUserId > 0 ? job.afterUserId : 0,
        queued: job.queued === true,
      });
    },
    [TELEGRAM_TASK.sweep]: async () => {
      const { reclaimed, requeued } = await parts().outbox.sweepMessages();
      const broadcasts = await parts().broadcasts.sweepBroadcasts();
      if (reclaimed || requeued || broadcasts.started || broadcasts.requeued) {
        deps.log?.(
          `telegram sweep: ${reclaimed} stuck message(s) taken back, ${requeued} re-queued; ${broadcasts.started} broadcast(s) started, ${broadcasts.requeued} resumed`,
        );
      }
    },
  };
}
