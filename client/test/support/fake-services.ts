// Stand-ins for the outside services a production API talks to, on one local port, so the
// production-mode journey pays by card and sends Telegram messages without the internet:
// - T-Bank's Internet Acquiring API (TBANK_API_URL = `${origin}/tbank/v2`): Init checks
//   the request's Token and answers a PaymentURL on this server; that page's "Pay" sends
//   the API a signed CONFIRMED notification (to the NotificationURL Init was given), as
//   the bank does, then returns the browser to the SuccessURL.
// - The Telegram Bot API (TELEGRAM_API_URL = origin): every method answers ok and is kept.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tbankToken, tbankTokenMatches } from "../../../server/src/payments/tbank/token.ts";

export const FAKE_TBANK_TERMINAL_KEY = "BrowserTestsTerminal";
export const FAKE_TBANK_PASSWORD = "browser-tests-tbank-password";

interface OpenedPayment {
  paymentId: number;
  orderId: string;
  amount: number;
  notificationUrl: string;
  successUrl: string;
  status: "NEW" | "CONFIRMED";
}

export interface FakeServices {
  origin: string;
  tbankApiUrl: string;
  /** Payments opened with Init, by PaymentId. */
  payments: Map<number, OpenedPayment>;
  /** Bot API calls: method and body. */
  botCalls: Array<{ method: string; body: unknown }>;
  /** Problems met (a bad Token, a notification the API refused): the journey asserts none. */
  problems: string[];
  stop(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": type, ...headers });
  res.end(body);
}

const json = (res: ServerResponse, value: unknown) => send(res, 200, "application/json", JSON.stringify(value));
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startFakeServices(): Promise<FakeServices> {
  const payments = new Map<number, OpenedPayment>();
  const botCalls: FakeServices["botCalls"] = [];
  const problems: string[] = [];
  let nextPaymentId = 4_000_000_001;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "POST" && url.pathname === "/tbank/v2/Init") {
      const body = JSON.parse(await bodyOf(req)) as Record<string, unknown>;
      if (body.TerminalKey !== FAKE_TBANK_TERMINAL_KEY || !tbankTokenMatches(body, FAKE_TBANK_PASSWORD)) {
        problems.push(`Init with a bad TerminalKey or Token: ${JSON.stringify(body)}`);
        return json(res, { Success: false, ErrorCode: "204", Message: "Неверный токен" });
      }
      const payment: OpenedPayment = {
        paymentId: nextPaymentId++,
        orderId: String(body.OrderId),
        amount: Number(body.Amount),
        notificationUrl: String(body.NotificationURL),
        successUrl: String(body.SuccessURL),
        status: "NEW",
      };
      payments.set(payment.paymentId, payment);
      return json(res, {
        Success: true,
        ErrorCode: "0",
        TerminalKey: FAKE_TBANK_TERMINAL_KEY,
        Status: "NEW",
        PaymentId: String(payment.paymentId),
        OrderId: payment.orderId,
        Amount: payment.amount,
        PaymentURL: `${origin}/tbank/pay/${payment.paymentId}`,
      });
    }
    const page = /^\/tbank\/pay\/(\d+)$/.exec(url.pathname);
    const payment = page ? payments.get(Number(page[1])) : undefined;
    if (page && payment && req.method === "GET") {
      const rub = (payment.amount / 100).toFixed(2);
      return send(
        res,
        200,
        "text/html; charset=utf-8",
        `<!doctype html><title>Test bank</title><h1>Test bank</h1><p>Order ${escapeHtml(payment.orderId)}: ${rub} RUB</p>` +
          `<form method="post"><button type="submit">Pay ${rub} RUB</button></form>`,
      );
    }
    if (page && payment && req.method === "POST") {
      // The bank's notification, signed with the terminal's password, then the way back.
      const notification: Record<string, unknown> = {
        TerminalKey: FAKE_TBANK_TERMINAL_KEY,
        OrderId: payment.orderId,
        Success: true,
        Status: "CONFIRMED",
        PaymentId: payment.paymentId,
        ErrorCode: "0",
        Amount: payment.amount,
        CardId: 7_000_001,
        Pan: "430000******0777",
        ExpDate: "1230",
      };
      notification.Token = tbankToken(notification, FAKE_TBANK_PASSWORD);
      const answer = await fetch(payment.notificationUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(notification),
      }).then(
        async (r) => `${r.status} ${await r.text()}`,
        (error: unknown) => `unreachable: ${String(error)}`,
      );
      if (answer !== "200 OK") problems.push(`the API answered the CONFIRMED notification of ${payment.orderId} with ${answer}`);
      else payment.status = "CONFIRMED";
      return send(res, 303, "text/plain", "", { location: payment.successUrl });
    }
    const bot = /^\/bot[^/]+\/(\w+)$/.exec(url.pathname);
    if (bot && req.method === "POST") {
      const text = await bodyOf(req);
      botCalls.push({ method: bot[1]!, body: text ? JSON.parse(text) : {} });
      return json(res, {
        ok: true,
        result: bot[1] === "sendMessage" ? { message_id: botCalls.length, date: Math.floor(Date.now() / 1000), chat: { id: 1 } } : true,
      });
    }
    send(res, 404, "text/plain", "not found");
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      problems.push(`fake services: ${String(error)}`);
      if (!res.headersSent) send(res, 500, "text/plain", "error");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    tbankApiUrl: `${origin}/tbank/v2`,
    payments,
    botCalls,
    problems,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
