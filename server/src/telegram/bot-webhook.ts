// POST /webhooks/telegram: the bot's updates, as Telegram delivers them to the URL given to
// setWebhook (https://core.telegram.org/bots/api#setwebhook). setWebhook's `secret_token`
// comes back in the X-Telegram-Bot-Api-Secret-Token header of every delivery; a request
// without it, or with another value, is not Telegram's: refused (401 missing, 403 wrong) and
// kept as a system log, before its body is read. The comparison is constant-time.
//
// A verified update goes to the first route that wants it (pre_checkout_query,
// successful_payment, …: see telegram/stars.ts); an update no route wants is acknowledged
// and ignored, so adding a kind of update is adding a route. The answer is 200 once the
// route is done; a route that throws answers 500, and Telegram delivers the update again
// (routes with effects store them exactly once, so a redelivery is harmless).
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PrismaClient } from "../db/prisma.ts";
import { logRefusedWebhook } from "../domain/webhook-events.ts";
import { readBody, type WebhookHandler } from "../http/webhooks.ts";

export const TELEGRAM_WEBHOOK_PATH = "/webhooks/telegram";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

// --- The parts of an Update (https://core.telegram.org/bots/api#update) the routes read ---

export interface BotUser {
  /** At most 52 significant bits: a safe integer in JavaScript. */
  id: number;
  is_bot?: boolean;
  first_name?: string;
  username?: string;
}

export interface SuccessfulPayment {
  currency: string;
  /** In the currency's smallest units; Stars for XTR. */
  total_amount: number;
  invoice_payload: string;
  telegram_payment_charge_id: string;
  provider_payment_charge_id?: string;
}

/** Message.refunded_payment: a service message when a Stars payment was refunded (https://core.telegram.org/bots/api#refundedpayment). */
export interface RefundedPayment {
  currency: string;
  total_amount: number;
  invoice_payload: string;
  telegram_payment_charge_id: string;
  provider_payment_charge_id?: string;
}

export interface BotMessage {
  message_id: number;
  from?: BotUser;
  chat: { id: number; type: string };
  date: number;
  text?: string;
  successful_payment?: SuccessfulPayment;
  refunded_payment?: RefundedPayment;
}

export interface PreCheckoutQuery {
  id: string;
  from: BotUser;
  currency: string;
  total_amount: number;
  invoice_payload: string;
}

export interface BotUpdate {
  update_id: number;
  message?: BotMessage;
  pre_checkout_query?: PreCheckoutQuery;
  [kind: string]: unknown;
}

// --- Routing -------------------------------------------------------------------------------

export interface BotUpdateRoute {
  /** For logs: what the route handles. */
  readonly name: string;
  /** The work for this update, or undefined when the route does not want it. */
  match(update: BotUpdate): (() => Promise<void>) | undefined;
}

/** A route for the updates where `select` finds something; `handle` gets what it found. */
export function botRoute<T>(
  name: string,
  select: (update: BotUpdate) => T | undefined | null,
  handle: (found: T, update: BotUpdate) => Promise<void>,
): BotUpdateRoute {
  return {
    name,
    match(update) {
      const found = select(update);
      return found === undefined || found === null ? undefined : () => handle(found, update);
    },
  };
}

// --- The handler ---------------------------------------------------------------------------

export interface BotWebhookOptions {
  /** setWebhook's secret_token (TELEGRAM_WEBHOOK_SECRET). */
  secret: string;
  /** Where refused requests are logged (system_logs). */
  prisma: PrismaClient;
  routes: readonly BotUpdateRoute[];
  /** Largest accepted body (1 MiB: updates are a few KiB). */
  maxBodyBytes?: number;
  /** Where failures are reported (console.warn). */
  log?: (line: string) => void;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** True when `received` is the secret. Hashing first makes both sides 32 bytes, so the comparison leaks no length either. */
export function secretTokenMatches(received: string, secret: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(received), digest(secret));
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  // Never a "method" field: Telegram would run it as a Bot API call.
  res.end(JSON.stringify(body));
}

function isUpdate(body: unknown): body is BotUpdate {
  return (
    typeof body === "object" && body !== null && !Array.isArray(body) && Number.isSafeInteger((body as { update_id?: unknown }).update_id)
  );
}

export function createBotWebhook(options: BotWebhookOptions): WebhookHandler {
  const log = options.log ?? ((line: string) => console.warn(line));
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  async function refuse(req: IncomingMessage, res: ServerResponse, status: 401 | 403, reason: string) {
    const remoteAddress = req.socket.remoteAddress ?? null;
    log(`[telegram-webhook] refused a request from ${remoteAddress ?? "unknown"}: ${reason}`);
    try {
      await logRefusedWebhook(options.prisma, { provider: "TELEGRAM", reason, remoteAddress });
    } catch (error) {
      log(`[telegram-webhook] could not log a refused request: ${error instanceof Error ? error.message : String(error)}`);
    }
    reply(res, status, { ok: false, error: "invalid secret token" });
  }

  return async (req, res) => {
    let update: BotUpdate | null = null;
    let routeName = "none";
    try {
      if (req.method !== "POST") return reply(res, 405, { ok: false, error: "method not allowed" }, { allow: "POST" });
      const received = req.headers[SECRET_HEADER];
      // A repeated header arrives as an array (or joined): not what Telegram sends.
      if (received === undefined || received === "") return await refuse(req, res, 401, "missing secret token");
      if (typeof received !== "string" || !secretTokenMatches(received, options.secret))
        return await refuse(req, res, 403, "wrong secret token");

      if (Number(req.headers["content-length"] ?? 0) > max)
        return reply(res, 413, { ok: false, error: "body too large" }, { connection: "close" });
      const raw = await readBody(req, max);
      if (raw === null) return reply(res, 413, { ok: false, error: "body too large" }, { connection: "close" });
      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        body = null;
      }
      if (!isUpdate(body)) {
        log("[telegram-webhook] a verified request carried no update");
        return reply(res, 400, { ok: false, error: "not an update" });
      }
      update = body;

      for (const route of options.routes) {
        const work = route.match(update);
        if (!work) continue;
        routeName = route.name;
        await work();
        break;
      }
      reply(res, 200, { ok: true });
    } catch (error) {
      const what = update ? `update ${update.update_id} (${routeName})` : "a request";
      log(`[telegram-webhook] handling ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) reply(res, 500, { ok: false, error: "internal error" });
      else res.end();
    }
  };
}
