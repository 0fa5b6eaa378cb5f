// A client of the Telegram Bot API (https://core.telegram.org/bots/api): every method is
// `POST {apiUrl}/bot{token}/{method}` with a JSON body, answered by
// `{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }`.
// Failures are classified once, here: 429 carries `parameters.retry_after` (seconds to
// wait), 5xx and network errors are worth retrying, other 4xx are refusals (a blocked
// bot, a bad request) that retrying will not fix.

export interface BotApiOptions {
  /** https://api.telegram.org, or a fake in tests. */
  apiUrl: string;
  token: string;
  /** Per call (Telegram answers in well under a second; a stuck call must not hold a job). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class BotApiError extends Error {
  constructor(
    readonly method: string,
    /** Telegram's error_code (HTTP status), or 0 when no answer came. */
    readonly errorCode: number,
    readonly description: string,
    /** Seconds Telegram asks us to wait (429 Too Many Requests). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`Telegram ${method} failed: ${errorCode || "no answer"} ${description}`);
  }

  /** Worth trying again: rate limited, Telegram's side failed, or no answer. */
  get retryable(): boolean {
    return this.errorCode === 0 || this.errorCode === 429 || this.errorCode >= 500;
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class BotApi {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: BotApiOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** Calls `method` and returns its `result`; throws BotApiError. */
  async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const url = `${this.options.apiUrl.replace(/\/+$/, "")}/bot${this.options.token}/${method}`;
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      // The token is in the URL: never put the URL or the raw error (which may quote it) in the message.
      const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "network error";
      throw new BotApiError(method, 0, reason);
    }
    let body: { ok?: boolean; result?: T; error_code?: number; description?: string; parameters?: { retry_after?: number } };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new BotApiError(method, response.status >= 500 ? response.status : 502, `unreadable answer (HTTP ${response.status})`);
    }
    if (body.ok === true) return body.result as T;
    const retryAfter = body.parameters?.retry_after;
    throw new BotApiError(
      method,
      body.error_code ?? response.status,
      body.description ?? `HTTP ${response.status}`,
      typeof retryAfter === "number" && retryAfter >= 0 ? retryAfter : null,
    );
  }
}
