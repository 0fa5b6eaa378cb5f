// A local fake of T-Bank's Internet Acquiring API v2, for tests of the T-Bank provider.
//
// It speaks the documented protocol (developer.tbank.ru/eacq):
//   POST /v2/Init      { TerminalKey, Amount (kopecks), OrderId, Description?, NotificationURL?, SuccessURL?, FailURL?, Token }
//                      → { Success, ErrorCode: "0", TerminalKey, Status: "NEW", PaymentId, OrderId, Amount, PaymentURL }
//   POST /v2/Cancel    { TerminalKey, PaymentId, Amount?, Token } → { …, Status, OriginalAmount, NewAmount }
//   POST /v2/GetState  { TerminalKey, PaymentId, Token } → { …, Status, Amount }
// Every request's Token is checked (a bad one answers ErrorCode 204, as T-Bank does); errors
// answer HTTP 200 with Success false, ErrorCode, Message and Details. It also sends signed
// payment notifications (NotificationPayment) to a NotificationURL and reports our answer.
// The signing here is written independently of the server's on purpose.
//
// Per test: fail(method, …) makes the next calls of a method answer an ErrorCode, an HTTP
// status, or answer slowly; cancelStatus makes Cancel answer e.g. REFUNDING (asynchronous).
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeTbankMethod = "Init" | "Cancel" | "GetState";

export type FakeTbankFailure = { errorCode: string; message: string; details?: string } | { httpStatus: number } | { delayMs: number };

export interface FakeTbankPayment {
  paymentId: string;
  orderId: string;
  /** Kopecks, as opened. */
  amount: number;
  /** Kopecks given back by Cancel so far. */
  refunded: number;
  status: string;
  description?: string;
  notificationUrl?: string;
  successUrl?: string;
  failUrl?: string;
  paymentUrl: string;
}

export interface FakeTbankRequest {
  method: string;
  body: Record<string, unknown>;
  tokenValid: boolean;
  /** What the fake answered: the HTTP status and, on HTTP 200, ErrorCode. */
  httpStatus: number;
  errorCode?: string;
}

export interface FakeTbankNotificationFields {
  PaymentId: string | number;
  OrderId: string;
  /** Kopecks. */
  Amount: number;
  Status: string;
  [field: string]: unknown;
}

export interface FakeTbank {
  /** API base (TBANK_API_URL), e.g. http://127.0.0.1:PORT/v2. */
  url: string;
  terminalKey: string;
  password: string;
  /** Payments opened by Init, by PaymentId. */
  payments: Map<string, FakeTbankPayment>;
  /** Every API request, in order. */
  requests: FakeTbankRequest[];
  /** The next `times` calls of `method` fail as told. */
  fail(method: FakeTbankMethod, failure: FakeTbankFailure, times?: number): void;
  /** Cancel's Status for a CONFIRMED payment (default REFUNDED / PARTIAL_REFUNDED as T-Bank does at once). */
  cancelStatus: string | null;
  /** Forgets failures and recorded requests (payments stay). */
  reset(): void;
  /** A notification body as T-Bank sends it, signed with the terminal's password (or `password`). */
  notification(fields: FakeTbankNotificationFields, options?: { password?: string; terminalKey?: string }): Record<string, unknown>;
  /** POSTs a notification body to `url`; resolves with our answer. */
  deliver(url: string, body: Record<string, unknown>): Promise<{ status: number; text: string }>;
  /** A payment's status changes: notifies its NotificationURL (or `url`), signed. */
  notify(paymentId: string, status: string, options?: { url?: string; amount?: number }): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

/** T-Bank's Token, written from its documentation independently of server/src/payments/tbank/token.ts. */
function sign(body: Record<string, unknown>, password: string): string {
  const pairs: Record<string, string> = { Password: password };
  for (const key of Object.keys(body)) {
    const value = body[key];
    if (key === "Token" || value === null || typeof value === "object" || value === undefined) continue;
    pairs[key] = `${value as string | number | boolean}`;
  }
  const concatenated = Object.keys(pairs)
    .sort()
    .map((key) => pairs[key])
    .join("");
  return createHash("sha256").update(concatenated).digest("hex");
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        resolve(typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});
      } catch {
        resolve({});
      }
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeTbank({ terminalKey = "PinGlassTEST", password = "fake-terminal-password" } = {}): Promise<FakeTbank> {
  const payments = new Map<string, FakeTbankPayment>();
  const requests: FakeTbankRequest[] = [];
  let failures: Array<{ method: FakeTbankMethod; failure: FakeTbankFailure }> = [];
  let nextPaymentId = 7_000_000_000;
  let base = "";

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = (req.url ?? "").replace(/^\/v2\//, "").split("?")[0]!;
    const body = await readJson(req);
    const tokenValid = body.TerminalKey === fake.terminalKey && typeof body.Token === "string" && body.Token === sign(body, fake.password);
    const record: FakeTbankRequest = { method, body, tokenValid, httpStatus: 200 };
    requests.push(record);

    const reply = (answer: Record<string, unknown>) => {
      record.errorCode = String(answer.ErrorCode);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ TerminalKey: fake.terminalKey, ...answer }));
    };
    const refuse = (errorCode: string, message: string, details = "") =>
      reply({ Success: false, ErrorCode: errorCode, Message: message, Details: details });

    const index = failures.findIndex((entry) => entry.method === method);
    if (index >= 0) {
      const failure = failures.splice(index, 1)[0]!.failure;
      if ("delayMs" in failure) await sleep(failure.delayMs);
      else if ("httpStatus" in failure) {
        record.httpStatus = failure.httpStatus;
        res.writeHead(failure.httpStatus, { "content-type": "text/html" });
        return res.end("<html><body>Bad Gateway</body></html>");
      } else return refuse(failure.errorCode, failure.message, failure.details);
    }
    if (req.method !== "POST" || !["Init", "Cancel", "GetState"].includes(method)) {
      record.httpStatus = 404;
      res.writeHead(404);
      return res.end();
    }
    if (!tokenValid) return refuse("204", "Неверный токен. Проверьте пару TerminalKey/SecretKey.");

    if (method === "Init") {
      const { Amount, OrderId } = body;
      if (typeof Amount !== "number" || !Number.isInteger(Amount) || Amount <= 0)
        return refuse("9999", "Неверные параметры.", "Поле Amount должно быть целым числом копеек.");
      if (typeof OrderId !== "string" || !OrderId || OrderId.length > 36)
        return refuse("9999", "Неверные параметры.", "Поле OrderId не должно быть пустым.");
      const paymentId = String(nextPaymentId++);
      const payment: FakeTbankPayment = {
        paymentId,
        orderId: OrderId,
        amount: Amount,
        refunded: 0,
        status: "NEW",
        description: body.Description as string | undefined,
        notificationUrl: body.NotificationURL as string | undefined,
        successUrl: body.SuccessURL as string | undefined,
        failUrl: body.FailURL as string | undefined,
        paymentUrl: `${base}/new/${randomBytes(6).toString("hex")}`,
      };
      payments.set(paymentId, payment);
      return reply({ Success: true, ErrorCode: "0", Status: "NEW", PaymentId: paymentId, OrderId, Amount, PaymentURL: payment.paymentUrl });
    }

    const payment = payments.get(String(body.PaymentId));
    if (!payment) return refuse("7", "Неверный статус транзакции.", `Платеж ${String(body.PaymentId)} не найден.`);
    if (method === "GetState") {
      return reply({
        Success: true,
        ErrorCode: "0",
        Status: payment.status,
        PaymentId: payment.paymentId,
        OrderId: payment.orderId,
        Amount: payment.amount,
      });
    }
    // Cancel
    const original = payment.amount - payment.refunded;
    const amount = body.Amount === undefined ? original : body.Amount;
    if (typeof amount !== "number" || !Number.isInteger(amount) || amount <= 0 || amount > original)
      return refuse("9999", "Неверные параметры.", "Сумма отмены больше суммы платежа.");
    const transitions: Record<string, string> = {
      NEW: "CANCELED",
      AUTHORIZED: amount === original ? "REVERSED" : "PARTIAL_REVERSED",
      CONFIRMED: amount === original ? "REFUNDED" : "PARTIAL_REFUNDED",
      PARTIAL_REFUNDED: amount === original ? "REFUNDED" : "PARTIAL_REFUNDED",
    };
    const next = transitions[payment.status];
    if (!next) return refuse("7", "Неверный статус транзакции.", `Платеж в статусе ${payment.status} нельзя отменить.`);
    payment.status = payment.status === "CONFIRMED" && fake.cancelStatus ? fake.cancelStatus : next;
    payment.refunded += amount;
    return reply({
      Success: true,
      ErrorCode: "0",
      Status: payment.status,
      PaymentId: payment.paymentId,
      OrderId: payment.orderId,
      OriginalAmount: original,
      NewAmount: original - amount,
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeTbank = {
    url: `${base}/v2`,
    terminalKey,
    password,
    payments,
    requests,
    cancelStatus: null,
    fail(method, failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ method, failure });
    },
    reset() {
      failures = [];
      requests.length = 0;
      fake.cancelStatus = null;
    },
    notification(fields, options = {}) {
      const rejected = fields.Status === "REJECTED";
      const body: Record<string, unknown> = {
        TerminalKey: options.terminalKey ?? fake.terminalKey,
        Success: !rejected,
        ErrorCode: rejected ? "1051" : "0",
        ...(rejected ? { Message: "Недостаточно средств на карте" } : {}),
        CardId: 481920,
        Pan: "430000******0777",
        ExpDate: "1230",
        // Nested objects take no part in the Token.
        DATA: { Source: "cards" },
        ...fields,
      };
      body.Token = sign(body, options.password ?? fake.password);
      return body;
    },
    async deliver(url, body) {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: response.status, text: await response.text() };
    },
    async notify(paymentId, status, options = {}) {
      const payment = payments.get(paymentId);
      if (!payment) throw new Error(`fake T-Bank: no payment ${paymentId}`);
      const url = options.url ?? payment.notificationUrl;
      if (!url) throw new Error(`fake T-Bank: payment ${paymentId} has no NotificationURL`);
      payment.status = status;
      const body = fake.notification({
        PaymentId: Number(paymentId),
        OrderId: payment.orderId,
        Amount: options.amount ?? payment.amount,
        Status: status,
      });
      return fake.deliver(url, body);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}
