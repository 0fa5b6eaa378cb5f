// A client of T-Bank's Internet Acquiring API v2 (https://securepay.tinkoff.ru/v2): the
// three methods we use, each a signed JSON POST to `${apiUrl}/${Method}`:
//   Init      opens a payment for our OrderId, answers PaymentId and PaymentURL (the bank's page)
//   Cancel    gives money back (a refund of a CONFIRMED payment, partial with Amount)
//   GetState  the payment's current Status
// Every answer carries Success and ErrorCode ("0" when it worked; Message and Details say
// why not). A refusal (Success false, or a 4xx) is final; a 5xx, a 429, a timeout or a
// broken connection is worth trying again (PaymentProviderError.retryable).
import { PaymentProviderError } from "../../domain/errors.ts";
import { tbankToken } from "./token.ts";

export interface TbankClientOptions {
  /** e.g. https://securepay.tinkoff.ru/v2 (TBANK_API_URL). */
  apiUrl: string;
  terminalKey: string;
  /** The terminal's password: signs requests, never sent. */
  password: string;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

export interface TbankInitRequest {
  /** Kopecks. */
  Amount: number;
  OrderId: string;
  Description?: string;
  NotificationURL?: string;
  SuccessURL?: string;
  FailURL?: string;
}

export interface TbankInitResponse {
  PaymentId: string;
  PaymentURL: string;
  Status: string;
}

export interface TbankCancelResponse {
  Status: string;
  /** Kopecks before and after the cancellation. */
  OriginalAmount?: number;
  NewAmount?: number;
}

export interface TbankStateResponse {
  Status: string;
  Amount?: number;
  OrderId?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

type Answer = Record<string, unknown>;

export class TbankClient {
  private readonly base: string;

  constructor(private readonly options: TbankClientOptions) {
    this.base = options.apiUrl.replace(/\/+$/, "");
  }

  get terminalKey(): string {
    return this.options.terminalKey;
  }

  async init(request: TbankInitRequest): Promise<TbankInitResponse> {
    const answer = await this.call("Init", { ...request });
    const paymentId = answer.PaymentId;
    const paymentUrl = answer.PaymentURL;
    if (
      (typeof paymentId !== "string" && typeof paymentId !== "number") ||
      typeof paymentUrl !== "string" ||
      !/^https?:\/\//.test(paymentUrl)
    ) {
      throw new PaymentProviderError("TBANK", "T-Bank Init answered without a PaymentId and PaymentURL", true);
    }
    return { PaymentId: String(paymentId), PaymentURL: paymentUrl, Status: String(answer.Status ?? "") };
  }

  /** Refunds (or, before confirmation, reverses) `Amount` kopecks; the whole payment without it. */
  async cancel(request: { PaymentId: string; Amount?: number }): Promise<TbankCancelResponse> {
    const answer = await this.call("Cancel", { ...request });
    return {
      Status: String(answer.Status ?? ""),
      OriginalAmount: typeof answer.OriginalAmount === "number" ? answer.OriginalAmount : undefined,
      NewAmount: typeof answer.NewAmount === "number" ? answer.NewAmount : undefined,
    };
  }

  async getState(request: { PaymentId: string }): Promise<TbankStateResponse> {
    const answer = await this.call("GetState", { ...request });
    return {
      Status: String(answer.Status ?? ""),
      Amount: typeof answer.Amount === "number" ? answer.Amount : undefined,
      OrderId: typeof answer.OrderId === "string" ? answer.OrderId : undefined,
    };
  }

  private async call(method: string, params: Record<string, unknown>): Promise<Answer> {
    const body: Record<string, unknown> = { TerminalKey: this.options.terminalKey, ...withoutUndefined(params) };
    body.Token = tbankToken(body, this.options.password);

    let response: Response;
    try {
      response = await fetch(`${this.base}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      const reason =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError") ? "timed out" : "could not be reached";
      throw new PaymentProviderError("TBANK", `T-Bank ${method} ${reason}`, true);
    }

    const text = await response.text().catch(() => "");
    if (!response.ok) {
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
      throw new PaymentProviderError("TBANK", `T-Bank ${method} answered HTTP ${response.status}`, retryable);
    }
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new PaymentProviderError("TBANK", `T-Bank ${method} answered something that is not JSON`, true);
    }
    if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
      throw new PaymentProviderError("TBANK", `T-Bank ${method} answered something that is not a JSON object`, true);
    }
    const record = answer as Answer;
    const errorCode = String(record.ErrorCode ?? "");
    if (record.Success !== true || errorCode !== "0") {
      const message = [record.Message, record.Details].filter((part) => typeof part === "string" && part.trim()).join(": ");
      throw new PaymentProviderError(
        "TBANK",
        `T-Bank refused ${method} (ErrorCode ${errorCode || "none"})${message ? `: ${message}` : ""}`.slice(0, 500),
        false,
      );
    }
    return record;
  }
}

function withoutUndefined(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}
