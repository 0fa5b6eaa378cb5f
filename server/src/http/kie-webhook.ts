// POST /webhooks/kie: Kie.ai says a task finished. Verified as Kie specifies:
//   X-Webhook-Timestamp: unix seconds when Kie sent it
//   X-Webhook-Signature: base64(HMAC-SHA256(key = webhook HMAC key, message = `${taskId}.${timestamp}`))
// with taskId from the JSON body (`data.taskId`; `data.task_id` also accepted). The signature
// is compared in constant time; timestamps more than five minutes away are refused (replay);
// a bad or missing signature answers 401 and is logged (never the signature or the key).
//
// The body is not trusted for the result: a verified callback only tells the pipeline which
// task to look at, and the pipeline asks recordInfo. So a replay inside the window costs one
// extra poll, nothing more. We answer 200 at once and run the callback after.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { KIE_WEBHOOK_PATH } from "../generation/providers/kie.ts";
import { readBody } from "./webhooks.ts";

export interface KieWebhookOptions {
  /** Kie's webhookHmacKey (KIE_WEBHOOK_KEY). */
  webhookKey: string;
  /** Called once the callback is verified, after the answer is sent (the pipeline's onProviderCallback). */
  onCallback: (providerTaskId: string) => Promise<void>;
  /** How far a timestamp may be from now, either way (300 s). */
  maxAgeSeconds?: number;
  /** Largest accepted body (64 KiB). */
  maxBodyBytes?: number;
  /** Where refusals and callback failures are reported (console.warn). */
  log?: (line: string) => void;
  /** Clock, in ms (tests). */
  now?: () => number;
}

const DEFAULT_MAX_AGE_SECONDS = 300;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const TASK_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const TIMESTAMP = /^\d{1,12}$/;
/** Standard base64 of a 32-byte digest: 43 characters and one pad. */
const SIGNATURE = /^[A-Za-z0-9+/]{43}=?$/;

/** The webhook options from configuration, or undefined when Kie is not configured. */
export function kieWebhookFromConfig(
  config: { kie: { webhookKey?: string } },
  onCallback: (providerTaskId: string) => Promise<void>,
): KieWebhookOptions | undefined {
  return config.kie.webhookKey ? { webhookKey: config.kie.webhookKey, onCallback } : undefined;
}

export function isKieWebhookRequest(req: IncomingMessage): boolean {
  return req.url?.split("?", 1)[0] === KIE_WEBHOOK_PATH;
}

/** base64(HMAC-SHA256(key, `${taskId}.${timestamp}`)), as Kie signs callbacks. */
export function signKieCallback(taskId: string, timestamp: number | string, webhookKey: string): string {
  return createHmac("sha256", webhookKey).update(`${taskId}.${timestamp}`).digest("base64");
}

export type KieSignatureProblem = "missing headers" | "malformed timestamp" | "stale timestamp" | "malformed signature" | "bad signature";

/** Null when the signature is Kie's and fresh; else what is wrong with it. */
export function kieSignatureProblem(input: {
  taskId: string;
  timestamp: string | undefined;
  signature: string | undefined;
  webhookKey: string;
  nowMs: number;
  maxAgeSeconds?: number;
}): KieSignatureProblem | null {
  const { taskId, timestamp, signature, webhookKey } = input;
  if (!timestamp || !signature) return "missing headers";
  if (!TIMESTAMP.test(timestamp)) return "malformed timestamp";
  const ageSeconds = input.nowMs / 1000 - Number(timestamp);
  if (Math.abs(ageSeconds) > (input.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS)) return "stale timestamp";
  if (!SIGNATURE.test(signature)) return "malformed signature";
  const received = Buffer.from(signature, "base64");
  const expected = createHmac("sha256", webhookKey).update(`${taskId}.${timestamp}`).digest();
  // Both are 32 bytes here (the pattern fixes the length), so the comparison is constant-time.
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return "bad signature";
  return null;
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value.trim() : undefined; // repeated headers are refused
}

function taskIdOf(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const data = record.data;
  if (typeof data === "object" && data !== null) {
    const d = data as Record<string, unknown>;
    if (d.taskId !== undefined) return d.taskId;
    if (d.task_id !== undefined) return d.task_id;
  }
  return record.taskId ?? record.task_id;
}

/** Handles a request for KIE_WEBHOOK_PATH completely (never throws). */
export async function handleKieWebhook(req: IncomingMessage, res: ServerResponse, options: KieWebhookOptions): Promise<void> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const from = req.socket.remoteAddress ?? "unknown";
  const refuse = (status: number, error: string, why: string) => {
    log(`[kie-webhook] refused a callback from ${from}: ${why}`);
    reply(res, status, { ok: false, error }, status === 413 ? { connection: "close" } : {});
  };
  try {
    if (req.method !== "POST") return reply(res, 405, { ok: false, error: "method not allowed" }, { allow: "POST" });
    const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (Number(req.headers["content-length"] ?? 0) > max) return refuse(413, "body too large", `body over ${max} bytes`);
    const raw = await readBody(req, max);
    if (raw === null) return refuse(413, "body too large", `body over ${max} bytes`);

    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return refuse(400, "body is not JSON", "body is not JSON");
    }
    const taskId = taskIdOf(body);
    if (typeof taskId !== "string" || !TASK_ID.test(taskId)) return refuse(400, "no taskId", "no usable taskId in the body");

    const problem = kieSignatureProblem({
      taskId,
      timestamp: header(req, "x-webhook-timestamp"),
      signature: header(req, "x-webhook-signature"),
      webhookKey: options.webhookKey,
      nowMs: options.now?.() ?? Date.now(),
      maxAgeSeconds: options.maxAgeSeconds,
    });
    if (problem) return refuse(401, "invalid signature", `${problem} (task ${taskId})`);

    reply(res, 200, { ok: true });
    // After the answer: Kie is not kept waiting, and a failure here is ours to log (the
    // pipeline also polls, so a lost callback only delays the task).
    setImmediate(() => {
      Promise.resolve()
        .then(() => options.onCallback(taskId))
        .catch((error: unknown) => {
          log(`[kie-webhook] handling the callback of task ${taskId} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
    });
  } catch (error) {
    log(`[kie-webhook] ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) reply(res, 500, { ok: false, error: "internal error" });
    else res.end();
  }
}
