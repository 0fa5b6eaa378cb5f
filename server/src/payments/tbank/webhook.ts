// POST /webhooks/tbank: T-Bank's payment notifications (NotificationPayment). T-Bank POSTs
// JSON to the NotificationURL given at Init and re-sends it until the answer is HTTP 200
// with the body `OK` (developer.tbank.ru/eacq/intro/developer/notification).
//
// A notification is trusted only when its Token (token.ts: the root-level values with our
// password, SHA-256) matches in constant time and its TerminalKey is ours; anything else is
// refused with 403 and kept as a system log. Its Amount must be the payment's. Each
// (PaymentId, Status) of one of our T-Bank payments is one event, stored in the
// transaction of its effect, so repeats and replays answer OK and change nothing; a
// failure answers 500 and rolls the claim back, so T-Bank's retry is processed afresh.
//
//   CONFIRMED                    → settle (SUCCEEDED, commission), PaymentId kept
//   AUTHORIZED                   → recorded only: one-stage payments confirm by themselves
//   REJECTED                     → FAILED
//   CANCELED, REVERSED           → CANCELED
//   REFUNDED, PARTIAL_REFUNDED   → refund completed (settling first if it came before CONFIRMED)
//   anything else                → recorded as IGNORED
//
// An OrderId that is none of our T-Bank payments claims nothing: its PaymentId:Status stays
// free for the delivery that finds the order. A status that would change a payment raises
// an admin alert (one per PaymentId; re-sends count on it) and is answered 404, not OK:
// T-Bank re-sends what is not answered OK and keeps it as undelivered (its Resend method
// sends those again), so the payment settles by itself once the order exists (a row
// restored, an OrderId corrected); OK would end the deliveries and leave only settling by
// hand. The re-sends are bounded by T-Bank's schedule. Other statuses are answered OK.
import type { ServerResponse } from "node:http";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../db/prisma.ts";
import { raiseAdminAlert } from "../../domain/alerts.ts";
import { completeRefund, failPayment, settlePayment } from "../../domain/payments.ts";
import { claimWebhookEvent, finishWebhookEvent, logRefusedWebhook } from "../../domain/webhook-events.ts";
import { readBody, type WebhookHandler } from "../../http/webhooks.ts";
import { fromKopecks } from "./gateway.ts";
import { tbankTokenMatches } from "./token.ts";

type Tx = Prisma.TransactionClient;

export interface TbankWebhookOptions {
  prisma: PrismaClient;
  terminalKey: string;
  password: string;
  /** Largest accepted body (64 KiB). */
  maxBodyBytes?: number;
  /** Where processing failures are reported (console.error). */
  log?: (line: string) => void;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const ORDER_ID = /^[A-Za-z0-9_.:-]{1,50}$/;
const PAYMENT_ID = /^[0-9A-Za-z_-]{1,50}$/;
const STATUS = /^[A-Z0-9_]{1,40}$/;
/** One notification's transaction waits at most this long for a connection, and runs at most this long (T-Bank waits ~10 s). */
const TRANSACTION = { maxWait: 5_000, timeout: 10_000 } as const;

/** The parts of a notification we act on. */
interface Notification {
  status: string;
  paymentId: string;
  orderId: string;
  /** Kopecks. */
  amount: number;
}

export function createTbankWebhook(options: TbankWebhookOptions): WebhookHandler {
  const { prisma } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return async (req, res) => {
    const remoteAddress = req.socket.remoteAddress ?? null;
    const refuse = async (status: number, reason: string, context: Record<string, unknown> = {}) => {
      try {
        await logRefusedWebhook(prisma, { provider: "TBANK", reason, remoteAddress, context });
      } catch (error) {
        log(`[tbank-webhook] could not log a refusal (${reason}): ${message(error)}`);
      }
      // A body we will not read closes the connection rather than leave it half-read.
      answer(res, status, status === 403 ? "FORBIDDEN" : "REFUSED", status === 413 ? { connection: "close" } : {});
    };
    try {
      if (req.method !== "POST") return answer(res, 405, "METHOD NOT ALLOWED", { allow: "POST" });
      if (Number(req.headers["content-length"] ?? 0) > max) return refuse(413, `body over ${max} bytes`);
      const raw = await readBody(req, max);
      if (raw === null) return refuse(413, `body over ${max} bytes`);
      const body = parseObject(raw);
      if (!body) return refuse(400, "body is not a JSON object");

      if (body.TerminalKey !== options.terminalKey)
        return refuse(403, "another terminal's notification", { terminalKey: String(body.TerminalKey ?? "") });
      if (!tbankTokenMatches(body, options.password))
        return refuse(403, "bad token", { orderId: body.OrderId ?? null, status: body.Status ?? null });

      const notification = parseNotification(body);
      // Signed by T-Bank but not about a payment (card binding and the like): nothing for us to do.
      if (!notification) return answer(res, 200, "OK");

      const effect = EFFECTS.get(notification.status);
      const payment = await prisma.payment.findUnique({
        where: { orderId: notification.orderId },
        select: { id: true, provider: true, amount: true },
      });
      if (payment?.provider !== "TBANK") {
        // See the top of this file: T-Bank re-sends what is not answered OK.
        if (!effect) return answer(res, 200, "OK");
        await alertUnknownOrder(prisma, notification);
        return answer(res, 404, "UNKNOWN ORDER");
      }
      const problem = amountProblem(notification, payment.amount.times(100).toNumber());
      if (problem)
        return refuse(400, problem, {
          paymentId: payment.id,
          orderId: notification.orderId,
          status: notification.status,
          amount: notification.amount,
        });

      const { Token: _signature, ...payload } = body;
      await prisma.$transaction(async (tx) => {
        const eventId = await claimWebhookEvent(tx, {
          provider: "TBANK",
          eventId: `${notification.paymentId}:${notification.status}`,
          eventType: notification.status,
          payload: payload as Prisma.InputJsonValue,
          paymentId: payment.id,
        });
        if (eventId === null) return; // a repeat: its effect is already there
        // AUTHORIZED (CONFIRMED follows for one-stage payments), NEW, FORM_SHOWED, … change nothing.
        if (effect) await effect(tx, payment.id, notification);
        await finishWebhookEvent(tx, eventId, { status: effect ? "PROCESSED" : "IGNORED" });
      }, TRANSACTION);
      answer(res, 200, "OK");
    } catch (error) {
      log(`[tbank-webhook] processing a notification failed: ${message(error)}`);
      if (!res.headersSent) answer(res, 500, "ERROR");
      else res.end();
    }
  };
}

type Effect = (tx: Tx, paymentId: number, notification: Notification) => Promise<unknown>;

/** What each status does to its payment (domain/payments.ts holds the rules); other statuses do nothing. */
const EFFECTS = new Map<string, Effect>([
  ["CONFIRMED", (tx, paymentId, { paymentId: tbankPaymentId }) => settlePayment(tx, paymentId, { tbankPaymentId })],
  ["REJECTED", (tx, paymentId) => failPayment(tx, paymentId, "FAILED")],
  ["CANCELED", (tx, paymentId) => failPayment(tx, paymentId, "CANCELED")],
  ["REVERSED", (tx, paymentId) => failPayment(tx, paymentId, "CANCELED")],
  // The whole payment, or what we asked for when we asked (domain default).
  ["REFUNDED", (tx, paymentId, { paymentId: tbankPaymentId }) => completeRefund(tx, paymentId, { fields: { tbankPaymentId } })],
  [
    "PARTIAL_REFUNDED",
    async (tx, paymentId, notification) => {
      const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, select: { status: true } });
      // Our own request knows its amount; a refund made in T-Bank's cabinet takes the notification's.
      const amount = payment.status === "REFUNDING" ? undefined : fromKopecks(notification.amount);
      return completeRefund(tx, paymentId, { amount, fields: { tbankPaymentId: notification.paymentId } });
    },
  ],
]);

/** A status that would change a payment, for an OrderId that is none of our T-Bank payments. */
function alertUnknownOrder(prisma: PrismaClient, { status, paymentId, orderId, amount }: Notification) {
  return raiseAdminAlert(prisma, {
    // CONFIRMED: someone paid, and no payment of ours shows it.
    severity: status === "CONFIRMED" ? "CRITICAL" : "WARNING",
    source: "payments:tbank",
    title: "T-Bank notified an unknown order",
    message:
      `T-Bank payment ${paymentId} is ${status} for OrderId ${orderId}, which is none of our T-Bank payments. ` +
      "T-Bank re-sends it, and it is applied once the order exists; if it never does, settle or refund it by hand.",
    context: { tbankPaymentId: paymentId, orderId, status, amountKopecks: amount },
    fingerprintKey: `tbank-unknown-order:${paymentId}`,
  });
}

/** Why the notification's Amount cannot be this payment's, or null. */
function amountProblem(notification: Notification, expected: number): string | null {
  const { status, amount } = notification;
  if ((status === "CONFIRMED" || status === "AUTHORIZED") && amount !== expected) {
    return `amount mismatch: ${status} for ${amount} kopecks, the payment is ${expected}`;
  }
  if (amount > expected) return `amount mismatch: ${status} for ${amount} kopecks, more than the payment's ${expected}`;
  return null;
}

function parseNotification(body: Record<string, unknown>): Notification | null {
  const { Status: status, OrderId: orderId, Amount: amount } = body;
  const paymentId = typeof body.PaymentId === "number" && Number.isSafeInteger(body.PaymentId) ? String(body.PaymentId) : body.PaymentId;
  if (typeof status !== "string" || !STATUS.test(status)) return null;
  if (typeof paymentId !== "string" || !PAYMENT_ID.test(paymentId)) return null;
  if (typeof orderId !== "string" || !ORDER_ID.test(orderId)) return null;
  if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount < 0) return null;
  return { status, paymentId, orderId, amount };
}

function parseObject(raw: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
