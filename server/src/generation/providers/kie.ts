// Kie.ai as an image provider: a plain HTTP client of its "jobs" API.
//
//   POST {apiUrl}/api/v1/jobs/createTask   Bearer key; { model, input: { prompt, image_urls? }, callBackUrl }
//        → { code: 200, msg, data: { taskId } }
//   GET  {apiUrl}/api/v1/jobs/recordInfo?taskId=…
//        → { code: 200, data: { taskId, state, resultJson: "{\"resultUrls\":[…]}", failCode, failMsg, … } }
//
// Kie reports errors either as the HTTP status or as HTTP 200 with that status in the body's
// `code`; both are mapped alike:
//   401 (bad key), 402 (no credits), 422 (bad input), other 4xx, unexpected 3xx → ProviderError, not retryable
//   429 (rate limit)                      → retryable, retryAfterMs from Retry-After (else a default)
//   408, 455 (Kie maintenance), 5xx       → retryable
//   network errors, timeouts, non-JSON    → retryable
//
// A task in state `fail` is { state: "failed" } with `retryable` true only when its failCode is
// one of the provider-side transient codes (408, 429, 455, 5xx but 501 "generation failed" and
// 505 "feature disabled"): a content-policy or bad-input failure would fail again.
//
// The API key lives in a private field: it is sent only as the Authorization header of API
// calls (never to result URLs, which are on a CDN), never logged, never put in an error message,
// and invisible to util.inspect / JSON.stringify of the provider.
import type { Config } from "../../config.ts";
import { ProviderError, type ImageProvider, type ResultImage, type SubmitRequest, type TaskState } from "./provider.ts";

/** Where Kie POSTs when a task finishes (see http/kie-webhook.ts). */
export const KIE_WEBHOOK_PATH = "/webhooks/kie";

export interface KieProviderOptions {
  /** Base URL of the API, e.g. https://api.kie.ai (a path prefix is kept). */
  apiUrl: string;
  apiKey: string;
  /** Market model, e.g. google/nano-banana-edit. */
  model: string;
  /** Default callBackUrl when a submit request names none. */
  callbackUrl?: string;
  /** Extra `input` fields for the model (e.g. { output_format: "png" }); prompt and image_urls win. */
  input?: Record<string, unknown>;
  /** Models take a bounded number of reference images (Nano Banana Edit: 10); the first ones are sent. */
  maxReferenceImages?: number;
  /** Per API call (createTask, recordInfo), body included. */
  requestTimeoutMs?: number;
  /** Per result download, body included. */
  downloadTimeoutMs?: number;
  /** Largest result image accepted. */
  maxResultBytes?: number;
  /** retryAfterMs of a 429 that carries no usable Retry-After. */
  defaultRetryAfterMs?: number;
}

const DEFAULTS = {
  maxReferenceImages: 10,
  requestTimeoutMs: 15_000,
  downloadTimeoutMs: 45_000,
  maxResultBytes: 20 * 1024 * 1024,
  defaultRetryAfterMs: 30_000,
};
/** API answers are small JSON documents; anything bigger is not one. */
const MAX_API_RESPONSE_BYTES = 1024 * 1024;
/** A Retry-After further away than this is clamped (the pipeline still backs off). */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

const PENDING_STATES = new Set(["waiting", "queuing", "generating"]);

type Operation = "createTask" | "recordInfo";

export class KieProvider implements ImageProvider {
  readonly name = "kie" as const;
  readonly #apiKey: string;
  readonly #apiBase: string;
  readonly #model: string;
  readonly #callbackUrl: string | undefined;
  readonly #input: Record<string, unknown>;
  readonly #limits: typeof DEFAULTS;

  constructor(options: KieProviderOptions) {
    if (!options.apiKey) throw new Error("KieProvider needs an API key");
    if (!options.model) throw new Error("KieProvider needs a model");
    const base = new URL(options.apiUrl);
    if (base.protocol !== "https:" && base.protocol !== "http:") throw new Error("KieProvider apiUrl must be http(s)");
    this.#apiBase = base.href.replace(/\/+$/, "");
    this.#apiKey = options.apiKey;
    this.#model = options.model;
    this.#callbackUrl = options.callbackUrl;
    this.#input = options.input ?? {};
    this.#limits = {
      maxReferenceImages: options.maxReferenceImages ?? DEFAULTS.maxReferenceImages,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      downloadTimeoutMs: options.downloadTimeoutMs ?? DEFAULTS.downloadTimeoutMs,
      maxResultBytes: options.maxResultBytes ?? DEFAULTS.maxResultBytes,
      defaultRetryAfterMs: options.defaultRetryAfterMs ?? DEFAULTS.defaultRetryAfterMs,
    };
  }

  async submit(request: SubmitRequest): Promise<{ providerTaskId: string }> {
    const input: Record<string, unknown> = { ...this.#input, prompt: request.prompt };
    const references = request.referenceImageUrls.slice(0, this.#limits.maxReferenceImages);
    if (references.length > 0) input.image_urls = references;
    const callBackUrl = request.callbackUrl ?? this.#callbackUrl;
    const data = await this.#call("createTask", "/api/v1/jobs/createTask", {
      model: this.#model,
      input,
      ...(callBackUrl ? { callBackUrl } : {}),
    });
    const taskId = isRecord(data) ? data.taskId : undefined;
    if (typeof taskId !== "string" || taskId === "") {
      throw new ProviderError("Kie.ai createTask answered without a taskId", true);
    }
    return { providerTaskId: taskId };
  }

  async check(providerTaskId: string): Promise<TaskState> {
    const data = await this.#call("recordInfo", `/api/v1/jobs/recordInfo?taskId=${encodeURIComponent(providerTaskId)}`);
    if (!isRecord(data)) throw new ProviderError(`Kie.ai recordInfo answered without data for task ${providerTaskId}`, true);
    const state = data.state;
    if (typeof state === "string" && PENDING_STATES.has(state)) return { state: "pending" };
    if (state === "success") {
      const resultUrls = parseResultUrls(data.resultJson);
      if (resultUrls.length === 0) {
        // Success without a usable image: another attempt may well produce one.
        return { state: "failed", error: "Kie.ai reported success but gave no result URLs", retryable: true };
      }
      return { state: "succeeded", resultUrls };
    }
    if (state === "fail") {
      const failCode = data.failCode == null ? "" : String(data.failCode).trim();
      const failMsg = typeof data.failMsg === "string" ? clean(data.failMsg) : "";
      const error = `Kie.ai task failed${failCode ? ` (${failCode})` : ""}: ${failMsg || "no reason given"}`;
      return { state: "failed", error, retryable: isRetryableFailCode(failCode) };
    }
    // A state this client does not know: say so; the pipeline retries the check with backoff.
    throw new ProviderError(`Kie.ai recordInfo answered an unknown state ${JSON.stringify(clean(String(state)))}`, true);
  }

  async fetchResult(url: string): Promise<ResultImage> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new ProviderError("Kie.ai result URL is not a URL", false);
    }
    if (target.protocol !== "https:" && target.protocol !== "http:") {
      throw new ProviderError(`Kie.ai result URL has an unsupported scheme ${target.protocol}`, false);
    }
    const where = `result ${target.host}${target.pathname}`;
    const signal = AbortSignal.timeout(this.#limits.downloadTimeoutMs);
    let response: Response;
    try {
      // No Authorization header: result URLs are on a CDN, the key stays with the API.
      response = await fetch(target, { redirect: "follow", signal, headers: { accept: "image/*" } });
    } catch (error) {
      throw new ProviderError(`Kie.ai ${where}: ${describeNetworkError(error, this.#limits.downloadTimeoutMs)}`, true);
    }
    if (response.status === 403 || response.status === 404 || response.status === 410) {
      await discard(response);
      throw new ProviderError(`Kie.ai ${where} is gone (HTTP ${response.status}): result URLs expire`, false);
    }
    if (!response.ok) {
      await discard(response);
      const retryAfterMs =
        response.status === 429 ? parseRetryAfter(response.headers.get("retry-after"), this.#limits.defaultRetryAfterMs) : undefined;
      throw new ProviderError(`Kie.ai ${where} answered HTTP ${response.status}`, true, retryAfterMs);
    }
    const max = this.#limits.maxResultBytes;
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > max) {
      await discard(response);
      throw new ProviderError(`Kie.ai ${where} is larger than ${max} bytes`, false);
    }
    let bytes: Uint8Array | null;
    try {
      bytes = await readCapped(response, max);
    } catch (error) {
      throw new ProviderError(`Kie.ai ${where}: ${describeNetworkError(error, this.#limits.downloadTimeoutMs)}`, true);
    }
    if (bytes === null) throw new ProviderError(`Kie.ai ${where} is larger than ${max} bytes`, false);
    if (bytes.byteLength === 0) throw new ProviderError(`Kie.ai ${where} is empty`, true);

    const declaredType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    // SVG can carry script, and we serve results from our own origin: raster images only.
    if (declaredType === "image/svg+xml") throw new ProviderError(`Kie.ai ${where} is an SVG, not a raster image`, false);
    const sniffed = sniffImageType(bytes);
    let contentType: string;
    if (declaredType.startsWith("image/")) contentType = declaredType;
    else if (sniffed && (declaredType === "" || declaredType === "application/octet-stream" || declaredType === "binary/octet-stream")) {
      contentType = sniffed; // a CDN that does not label its files
    } else {
      // An HTML error page or interstitial served as 200: URLs can be briefly unavailable.
      throw new ProviderError(`Kie.ai ${where} is not an image (content-type ${declaredType || "none"})`, true);
    }
    return { bytes, contentType };
  }

  /** One API call: the `data` of a `code: 200` answer, or a ProviderError. */
  async #call(operation: Operation, path: string, body?: unknown): Promise<unknown> {
    const timeoutMs = this.#limits.requestTimeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.#apiBase}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          authorization: `Bearer ${this.#apiKey}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect is not part of the protocol; never carry the key anywhere else.
        redirect: "manual",
        signal,
      });
      const bytes = await readCapped(response, MAX_API_RESPONSE_BYTES);
      text = bytes === null ? "" : new TextDecoder().decode(bytes);
    } catch (error) {
      throw new ProviderError(`Kie.ai ${operation}: ${describeNetworkError(error, timeoutMs)}`, true);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const message = isRecord(json) ? messageOf(json) : clean(text.slice(0, 200));
    if (response.status !== 200) {
      throw this.#error(operation, response.status, message, response.headers.get("retry-after"));
    }
    if (!isRecord(json)) throw new ProviderError(`Kie.ai ${operation} answered something other than JSON`, true);
    const code = Number(json.code);
    if (code !== 200) throw this.#error(operation, Number.isFinite(code) ? code : 0, message, null);
    return json.data;
  }

  #error(operation: Operation, status: number, message: string, retryAfter: string | null): ProviderError {
    const said = this.#redact(message) ? `: ${this.#redact(message)}` : "";
    const prefix = `Kie.ai ${operation}`;
    if (status === 401) return new ProviderError(`${prefix} refused the API key (401)${said}`, false);
    if (status === 402) return new ProviderError(`${prefix}: the Kie.ai account has run out of credits (402)${said}`, false);
    if (status === 422) return new ProviderError(`${prefix} refused the request as invalid (422)${said}`, false);
    if (status === 429) {
      return new ProviderError(
        `${prefix} is rate limited (429)${said}`,
        true,
        parseRetryAfter(retryAfter, this.#limits.defaultRetryAfterMs),
      );
    }
    if (status === 408 || status === 455 || (status >= 500 && status <= 599)) {
      return new ProviderError(`${prefix} is unavailable (${status})${said}`, true);
    }
    if (status >= 300 && status < 400) return new ProviderError(`${prefix} answered an unexpected redirect (${status})`, false);
    return new ProviderError(`${prefix} failed (${status || "no code"})${said}`, false);
  }

  /** Belt and braces: an echo of the key in a provider message never reaches our logs. */
  #redact(text: string): string {
    return text.split(this.#apiKey).join("[redacted]");
  }
}

/** The provider from configuration (GENERATION_PROVIDER=kie; config validated the KIE_* keys). */
export function createKieProvider(config: Pick<Config, "kie">, overrides: Partial<KieProviderOptions> = {}): KieProvider {
  const { apiUrl, apiKey, model, publicApiUrl } = config.kie;
  if (!apiKey) throw new Error("KIE_API_KEY is required for the Kie.ai provider");
  return new KieProvider({
    apiUrl,
    apiKey,
    model,
    callbackUrl: publicApiUrl ? `${publicApiUrl.replace(/\/+$/, "")}${KIE_WEBHOOK_PATH}` : undefined,
    ...overrides,
  });
}

// ---------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Printable, single-line, bounded: provider text goes into our errors and logs. */
function clean(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim()
    .slice(0, 300);
}

function messageOf(json: Record<string, unknown>): string {
  const message = json.msg ?? json.message;
  return typeof message === "string" ? clean(message) : "";
}

/** `resultJson` is a JSON string (some gateways send the object): its http(s) `resultUrls`. */
export function parseResultUrls(resultJson: unknown): string[] {
  let parsed: unknown = resultJson;
  if (typeof resultJson === "string") {
    try {
      parsed = JSON.parse(resultJson);
    } catch {
      return [];
    }
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.resultUrls)) return [];
  return parsed.resultUrls.filter((url): url is string => typeof url === "string" && /^https?:\/\/\S+$/i.test(url));
}

/** Provider-side, transient failure codes; everything else (content policy, bad input, "generation failed") is final. */
export function isRetryableFailCode(failCode: string): boolean {
  if (!/^\d{3}$/.test(failCode)) return false;
  const code = Number(failCode);
  if (code === 408 || code === 429 || code === 455) return true;
  return code >= 500 && code <= 599 && code !== 501 && code !== 505;
}

/** Retry-After as delta-seconds or an HTTP date, clamped; the default when absent or unusable. */
export function parseRetryAfter(header: string | null, fallbackMs: number, now = Date.now()): number {
  if (!header) return fallbackMs;
  const value = header.trim();
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    const date = Date.parse(value);
    if (Number.isNaN(date)) return fallbackMs;
    ms = date - now;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `network error (${clean(String(detail))})`;
}

/** The body, or null once it passes `max` bytes (the rest is not read). */
async function readCapped(response: Response, max: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function discard(response: Response) {
  await response.body?.cancel().catch(() => undefined);
}

function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) {
    return "image/webp";
  }
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  return undefined;
}
