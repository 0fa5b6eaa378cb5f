// The provider webhooks this deployment listens on, from configuration: a provider that is
// not configured has no route (its path answers like any unknown path).
import type { Config } from "../config.ts";
import type { PrismaClient } from "../db/prisma.ts";
import type { EventBus } from "../events/pubsub.ts";
import type { WebhookHandler, WebhookRoutes } from "../http/webhooks.ts";
import type { PaymentGateways } from "../domain/payment-gateway.ts";
import { TBANK_WEBHOOK_PATH } from "./tbank/gateway.ts";
import { createTbankWebhook } from "./tbank/webhook.ts";
import { BotApi } from "../telegram/bot-api.ts";
import { createBotWebhook, TELEGRAM_WEBHOOK_PATH } from "../telegram/bot-webhook.ts";
import { starsUpdateRoutes } from "../telegram/stars.ts";

export interface WebhookDependencies {
  config: Config;
  prisma: PrismaClient;
  events: EventBus;
  payments: PaymentGateways;
}

export function createWebhookRoutes(deps: WebhookDependencies): WebhookRoutes {
  const routes = new Map<string, WebhookHandler>();
  const { tbank } = deps.config.payments;
  if (tbank)
    routes.set(TBANK_WEBHOOK_PATH, createTbankWebhook({ prisma: deps.prisma, terminalKey: tbank.terminalKey, password: tbank.password }));
  // The bot's updates: Stars checkouts and payments now; other updates are acknowledged and ignored.
  const { botToken, apiUrl, webhookSecret } = deps.config.telegram;
  if (botToken && webhookSecret) {
    // answerPreCheckoutQuery must reach Telegram within 10 s of the query.
    const bot = new BotApi({ apiUrl, token: botToken, timeoutMs: 5_000 });
    routes.set(
      TELEGRAM_WEBHOOK_PATH,
      createBotWebhook({ secret: webhookSecret, prisma: deps.prisma, routes: starsUpdateRoutes({ prisma: deps.prisma, bot }) }),
    );
  }
  return routes;
}
