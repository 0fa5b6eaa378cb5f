// A local fake of the Telegram Bot API (https://core.telegram.org/bots/api), for tests of
// Stars payments, notifications and anything else that talks to the bot.
//
// The protocol as Telegram documents it: `POST|GET /bot<token>/<method>` with parameters
// as JSON, application/x-www-form-urlencoded or a query string, answered by
// `{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }` with
// error_code as the HTTP status (429 carries `parameters.retry_after`). A wrong token is
// 401 Unauthorized, an unknown method 404 Not Found.
//
// Methods: getMe, sendMessage, createInvoiceLink, answerPreCheckoutQuery, refundStarPayment
// (validated like Telegram does: the Stars rules, known query and charge ids, blocked
// chats…); more with handle(). Failures are injected per method with failNext(). The other
// direction, Telegram → our webhook, is simulated with the *Update builders and deliver().
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeBotApiCall {
  method: string;
  params: Record<string, unknown>;
  /** The HTTP status answered. */
  status: number;
  /** The `result` answered (ok calls), or the `description` (errors). */
  result?: unknown;
  description?: string;
  at: number;
}

/** An injected failure: an error answer, or a connection dropped without one. */
export type FakeBotApiFailure =
  | { status: 429; retryAfter?: number; description?: string }
  | { status: 400 | 403 | 404 | 409; description?: string }
  | { status: 500 | 502 | 503 | 504; description?: string }
  | { status: "drop" };

export class FakeBotApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

/** A method implementation: returns the `result`, or throws FakeBotApiError. */
export type FakeBotApiMethod = (params: Record<string, unknown>, fake: FakeBotApi) => unknown;

export interface FakeInvoice {
  /** The link createInvoiceLink answered. */
  link: string;
  params: Record<string, unknown>;
}

export interface FakeCharge {
  chargeId: string;
  userId: number;
  payload: string;
  currency: string;
  totalAmount: number;
  refunded: boolean;
}

export interface FakeBotApi {
  /** Base URL (TELEGRAM_API_URL), e.g. http://127.0.0.1:PORT. */
  url: string;
  token: string;
  /** Every call with the right token, in order. */
  calls: FakeBotApiCall[];
  /** Calls with a wrong token (answered 401). */
  unauthorized: number;
  callsOf(method: string): FakeBotApiCall[];
  /** Resolves with the first call of `method` (matching `where`), waiting for it if need be. */
  waitForCall(method: string, where?: (call: FakeBotApiCall) => boolean, timeoutMs?: number): Promise<FakeBotApiCall>;
  /** The next `times` calls of `method` ("*": any method) fail this way, before any validation. */
  failNext(method: string, failure: FakeBotApiFailure, times?: number): void;
  /** Every call of `method` waits this long before answering (0: none). */
  delay(method: string, ms: number): void;
  /** Adds or replaces a method. */
  handle(method: string, implementation: FakeBotApiMethod): void;
  /** sendMessage to these chats answers 403 "Forbidden: bot was blocked by the user". */
  blockedChats: Set<number>;
  invoices: FakeInvoice[];
  /** Pre-checkout query id → its answer once answerPreCheckoutQuery came. */
  preCheckoutAnswers: Map<string, { ok: boolean; errorMessage?: string } | null>;
  /** Charge id → charge: made by successfulPaymentUpdate(), refunded by refundStarPayment. */
  charges: Map<string, FakeCharge>;

  /** An update with a pre_checkout_query, whose id answerPreCheckoutQuery then accepts. */
  preCheckoutUpdate(query: { payload: string; fromId: number; totalAmount: number; currency?: string }): FakeUpdate;
  /** An update with message.successful_payment for a new charge (refundable with refundStarPayment). */
  successfulPaymentUpdate(payment: {
    payload: string;
    fromId: number;
    totalAmount: number;
    currency?: string;
    chargeId?: string;
  }): FakeUpdate;
  /** An update with message.refunded_payment for a charge. */
  refundedPaymentUpdate(chargeId: string): FakeUpdate;
  /** An update with a plain text message. */
  textMessageUpdate(message: { fromId: number; text: string }): FakeUpdate;
  /**
   * POSTs an update to a webhook as Telegram does: JSON, with X-Telegram-Bot-Api-Secret-Token
   * (`secret`; null sends none). Resolves with the status and body.
   */
  deliver(url: string, update: FakeUpdate, options: { secret: string | null }): Promise<{ status: number; body: string }>;

  /** Forgets calls, injected failures, delays and blocked chats (invoices, charges and query answers stay). */
  reset(): void;
  close(): Promise<void>;
}

export type FakeUpdate = { update_id: number } & Record<string, unknown>;

const BOT_USER = { id: 7_000_000_001, is_bot: true, first_name: "PinGlass Test Bot", username: "pinglass_test_bot" };

const fail = (status: number, description: string, retryAfter?: number) => new FakeBotApiError(status, description, retryAfter);
const badRequest = (what: string) => fail(400, `Bad Request: ${what}`);

function requireString(params: Record<string, unknown>, name: string, { min = 1, max = Infinity, bytes = false } = {}): string {
  const value = params[name];
  if (value === undefined || value === null || value === "") {
    if (min === 0 && value === "") return "";
    throw badRequest(`parameter "${name}" is required`);
  }
  if (typeof value !== "string") throw badRequest(`parameter "${name}" must be a String`);
  const length = bytes ? Buffer.byteLength(value, "utf8") : [...value].length;
  if (length < min || length > max) throw badRequest(`${name.toUpperCase()}_INVALID`);
  return value;
}

function requireInteger(params: Record<string, unknown>, name: string): number {
  const value = params[name];
  const number = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number)) throw badRequest(`parameter "${name}" must be an Integer`);
  return number;
}

/** JSON-serialised parameters (prices…) arrive as JSON or, in form bodies, as JSON text. */
function jsonParam(params: Record<string, unknown>, name: string): unknown {
  const value = params[name];
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`can't parse ${name} JSON object`);
  }
}

function booleanParam(params: Record<string, unknown>, name: string): boolean {
  const value = params[name];
  if (value === true || value === "true" || value === "1" || value === 1) return true;
  if (value === false || value === "false" || value === "0" || value === 0) return false;
  throw badRequest(`parameter "${name}" must be a Boolean`);
}

export async function startFakeBotApi({
  token = `${Math.floor(Math.random() * 1e9)}:${randomBytes(18).toString("base64url")}`,
} = {}): Promise<FakeBotApi> {
  const calls: FakeBotApiCall[] = [];
  const failures = new Map<string, FakeBotApiFailure[]>();
  const delays = new Map<string, number>();
  const waiters = new Set<{ method: string; where?: (call: FakeBotApiCall) => boolean; resolve: (call: FakeBotApiCall) => void }>();
  let updateId = 500_000;
  let messageId = 1;
  let sequence = 0;

  const fake = {} as FakeBotApi;

  const methods = new Map<string, FakeBotApiMethod>([
    ["getMe", () => BOT_USER],
    [
      "sendMessage",
      (params) => {
        const chatId = requireInteger(params, "chat_id");
        const text = requireString(params, "text", { max: 4096 });
        if (fake.blockedChats.has(chatId)) throw fail(403, "Forbidden: bot was blocked by the user");
        return {
          message_id: messageId++,
          from: BOT_USER,
          chat: { id: chatId, type: "private" },
          date: Math.floor(Date.now() / 1000),
          text,
        };
      },
    ],
    [
      "createInvoiceLink",
      (params) => {
        requireString(params, "title", { max: 32 });
        requireString(params, "description", { max: 255 });
        requireString(params, "payload", { max: 128, bytes: true });
        const currency = requireString(params, "currency", { min: 3, max: 3 });
        const prices = jsonParam(params, "prices");
        if (!Array.isArray(prices) || prices.length === 0) throw badRequest('parameter "prices" is required');
        for (const price of prices) {
          const { label, amount } = (price ?? {}) as { label?: unknown; amount?: unknown };
          if (typeof label !== "string" || !label || typeof amount !== "number" || !Number.isSafeInteger(amount))
            throw badRequest("can't parse prices JSON object");
        }
        if (currency === "XTR") {
          // Stars: no provider token (absent or empty), exactly one price, a positive amount.
          if (params.provider_token !== undefined && params.provider_token !== "") throw badRequest("PAYMENT_PROVIDER_INVALID");
          if (prices.length !== 1) throw badRequest("STARS_INVOICE_INVALID");
          if ((prices[0] as { amount: number }).amount <= 0) throw badRequest("STARS_INVOICE_INVALID");
        } else if (typeof params.provider_token !== "string" || !params.provider_token) {
          throw badRequest("PAYMENT_PROVIDER_INVALID");
        }
        const link = `https://t.me/$${randomBytes(12).toString("base64url")}`;
        fake.invoices.push({ link, params });
        return link;
      },
    ],
    [
      "answerPreCheckoutQuery",
      (params) => {
        const id = requireString(params, "pre_checkout_query_id");
        const ok = booleanParam(params, "ok");
        const errorMessage = params.error_message;
        if (!ok && (typeof errorMessage !== "string" || !errorMessage)) throw badRequest("ERROR_TEXT_EMPTY");
        // Unknown or already answered: Telegram's "too old" answer.
        if (!fake.preCheckoutAnswers.has(id) || fake.preCheckoutAnswers.get(id) !== null) {
          throw badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        fake.preCheckoutAnswers.set(id, ok ? { ok } : { ok, errorMessage: errorMessage as string });
        return true;
      },
    ],
    [
      "refundStarPayment",
      (params) => {
        const userId = requireInteger(params, "user_id");
        const chargeId = requireString(params, "telegram_payment_charge_id");
        const charge = fake.charges.get(chargeId);
        if (!charge || charge.userId !== userId) throw badRequest("CHARGE_NOT_FOUND");
        if (charge.refunded) throw badRequest("CHARGE_ALREADY_REFUNDED");
        charge.refunded = true;
        return true;
      },
    ],
  ]);

  function record(call: FakeBotApiCall) {
    calls.push(call);
    for (const waiter of waiters) {
      if (waiter.method === call.method && (!waiter.where || waiter.where(call))) {
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }

  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  function paramsOf(req: IncomingMessage, raw: Buffer, url: URL): Record<string, unknown> {
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const type = (req.headers["content-type"] ?? "").split(";", 1)[0]!.trim().toLowerCase();
    if (raw.length === 0) return params;
    if (type === "application/json") {
      const body: unknown = JSON.parse(raw.toString("utf8"));
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest("request body must be a JSON object");
      return { ...params, ...(body as Record<string, unknown>) };
    }
    if (type === "application/x-www-form-urlencoded")
      return { ...params, ...Object.fromEntries(new URLSearchParams(raw.toString("utf8"))) };
    throw badRequest(`unsupported content type ${type || "(none)"}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const url = new URL(req.url ?? "/", "http://fake");
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match || (req.method !== "POST" && req.method !== "GET"))
      return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (decodeURIComponent(match[1]!) !== token) {
      fake.unauthorized++;
      return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    }
    const method = match[2]!;
    let params: Record<string, unknown> = {};
    const at = Date.now();
    const answerError = (error: FakeBotApiError) => {
      record({ method, params, status: error.status, description: error.description, at });
      send(res, error.status, {
        ok: false,
        error_code: error.status,
        description: error.description,
        ...(error.retryAfter !== undefined ? { parameters: { retry_after: error.retryAfter } } : {}),
      });
    };
    try {
      params = paramsOf(req, raw, url);
    } catch (error) {
      return answerError(error instanceof FakeBotApiError ? error : badRequest("can't parse request body"));
    }
    const wait = delays.get(method) ?? 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    const queue = failures.get(method)?.length ? failures.get(method)! : failures.get("*");
    const failure = queue?.shift();
    if (failure) {
      if (failure.status === "drop") {
        record({ method, params, status: 0, description: "connection dropped", at });
        return req.socket.destroy();
      }
      if (failure.status === 429) {
        const retryAfter = failure.retryAfter ?? 1;
        return answerError(fail(429, failure.description ?? `Too Many Requests: retry after ${retryAfter}`, retryAfter));
      }
      const defaults: Record<number, string> = {
        400: "Bad Request",
        403: "Forbidden",
        404: "Not Found",
        409: "Conflict",
        500: "Internal Server Error",
        502: "Bad Gateway",
      };
      return answerError(fail(failure.status, failure.description ?? defaults[failure.status] ?? "Service Unavailable"));
    }

    const implementation = methods.get(method);
    if (!implementation) return answerError(fail(404, "Not Found: method not found"));
    try {
      const result = await implementation(params, fake);
      record({ method, params, status: 200, result, at });
      send(res, 200, { ok: true, result });
    } catch (error) {
      if (error instanceof FakeBotApiError) return answerError(error);
      throw error;
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  const nextUpdateId = () => ++updateId;
  const privateChat = (id: number) => ({ id, type: "private", first_name: `User ${id}` });
  const user = (id: number) => ({ id, is_bot: false, first_name: `User ${id}` });
  const serviceMessage = (fromId: number, content: Record<string, unknown>) => ({
    message_id: messageId++,
    from: user(fromId),
    chat: privateChat(fromId),
    date: Math.floor(Date.now() / 1000),
    ...content,
  });

  Object.assign(fake, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    calls,
    unauthorized: 0,
    blockedChats: new Set<number>(),
    invoices: [],
    preCheckoutAnswers: new Map(),
    charges: new Map(),
    callsOf: (method: string) => calls.filter((call) => call.method === method),
    waitForCall(method: string, where?: (call: FakeBotApiCall) => boolean, timeoutMs = 5_000) {
      const found = calls.find((call) => call.method === method && (!where || where(call)));
      if (found) return Promise.resolve(found);
      return new Promise<FakeBotApiCall>((resolve, reject) => {
        const waiter = { method, where, resolve: (call: FakeBotApiCall) => (clearTimeout(timer), resolve(call)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`fake Bot API: no ${method} call within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    failNext(method: string, failure: FakeBotApiFailure, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(method, queue);
    },
    delay(method: string, ms: number) {
      delays.set(method, ms);
    },
    handle(method: string, implementation: FakeBotApiMethod) {
      methods.set(method, implementation);
    },
    preCheckoutUpdate({ payload, fromId, totalAmount, currency = "XTR" }) {
      const id = `${Date.now()}${++sequence}`;
      fake.preCheckoutAnswers.set(id, null);
      return {
        update_id: nextUpdateId(),
        pre_checkout_query: { id, from: user(fromId), currency, total_amount: totalAmount, invoice_payload: payload },
      };
    },
    successfulPaymentUpdate({ payload, fromId, totalAmount, currency = "XTR", chargeId = `stxfake${randomBytes(16).toString("hex")}` }) {
      fake.charges.set(chargeId, { chargeId, userId: fromId, payload, currency, totalAmount, refunded: false });
      return {
        update_id: nextUpdateId(),
        message: serviceMessage(fromId, {
          successful_payment: {
            currency,
            total_amount: totalAmount,
            invoice_payload: payload,
            telegram_payment_charge_id: chargeId,
            provider_payment_charge_id: "",
          },
        }),
      };
    },
    refundedPaymentUpdate(chargeId: string) {
      const charge = fake.charges.get(chargeId);
      if (!charge) throw new Error(`fake Bot API: no charge ${chargeId}`);
      charge.refunded = true;
      return {
        update_id: nextUpdateId(),
        message: serviceMessage(charge.userId, {
          refunded_payment: {
            currency: charge.currency,
            total_amount: charge.totalAmount,
            invoice_payload: charge.payload,
            telegram_payment_charge_id: chargeId,
          },
        }),
      };
    },
    textMessageUpdate({ fromId, text }) {
      return { update_id: nextUpdateId(), message: serviceMessage(fromId, { text }) };
    },
    async deliver(url: string, update: FakeUpdate, { secret }: { secret: string | null }) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (secret !== null) headers["x-telegram-bot-api-secret-token"] = secret;
      const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(update), signal: AbortSignal.timeout(15_000) });
      return { status: response.status, body: await response.text() };
    },
    reset() {
      calls.length = 0;
      failures.clear();
      delays.clear();
      fake.unauthorized = 0;
      fake.blockedChats.clear();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } satisfies Omit<FakeBotApi, never>);
  return fake;
}
