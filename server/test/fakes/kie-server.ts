// A local fake of Kie.ai's jobs API, for tests of the provider and of the whole pipeline.
//
// It speaks the protocol the real API does (see src/generation/providers/kie.ts):
//   POST /api/v1/jobs/createTask          Bearer key; { model, input: { prompt, image_urls? }, callBackUrl? }
//   GET  /api/v1/jobs/recordInfo?taskId=  { code, msg, data: { taskId, state, resultJson, failCode, failMsg, … } }
//   GET  /results/<taskId>/<n>.png        the result images (real PNGs), which can expire (404)
// and, when a task finishes, POSTs a callback to its callBackUrl signed like Kie
// (X-Webhook-Timestamp, X-Webhook-Signature = base64 HMAC-SHA256(webhookKey, `${taskId}.${timestamp}`)).
// The signing here is written independently of the server's verifier on purpose.
//
// Behaviour is set per test with setBehaviour(): slow tasks (polls or ms), failures, rate
// limits, 5xx, a bad key or no credits, expired results, badly signed callbacks.
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { deflateSync } from "node:zlib";

export type FakeKieState = "waiting" | "queuing" | "generating" | "success" | "fail";

export interface FakeKieTaskBehaviour {
  /** recordInfo answers "in progress" this many times before the outcome (default 0). */
  polls?: number;
  /** …and the outcome comes no sooner than this many ms after creation (default 0; Infinity: only settle() ends it). */
  delayMs?: number;
  /** "success" (default), or a failure with Kie's failCode / failMsg. */
  outcome?: "success" | { failCode: string; failMsg: string };
  /** Result images per task (default 1). */
  images?: number;
  /** Callback when the task finishes: correctly signed (default), badly signed, or none. */
  callback?: "signed" | "bad-signature" | "none";
  /** Delay between finishing and POSTing the callback (default 20 ms). */
  callbackDelayMs?: number;
}

export interface FakeKieBehaviour {
  /** For each new task; a function sees the task's number (0, 1, …) and request. */
  task: FakeKieTaskBehaviour | ((info: { index: number; model: string; input: Record<string, unknown> }) => FakeKieTaskBehaviour);
  /** The next K API calls answer 429 (with Retry-After: retryAfterSeconds, unless null). */
  rateLimited: number;
  retryAfterSeconds: number | null;
  /** The next K API calls answer 500. */
  serverErrors: number;
  /** "bad-key": every API call answers 401; "no-credits": createTask answers 402. */
  account: "ok" | "bad-key" | "no-credits";
  /** Errors as the HTTP status (default) or as HTTP 200 with the status in the body's `code`, as Kie also does. */
  errorsIn: "status" | "body";
  /** Every result URL answers 404, as Kie's do once expired. */
  resultsExpired: boolean;
  /** The next K result downloads answer 503. */
  resultErrors: number;
  /** Result URLs answer 302 to where the bytes are. */
  redirectResults: boolean;
  /** Content-Type of result images (default image/png). */
  resultContentType: string;
}

export interface FakeKieTask {
  taskId: string;
  index: number;
  model: string;
  input: Record<string, unknown>;
  callBackUrl?: string;
  behaviour: Required<FakeKieTaskBehaviour>;
  state: FakeKieState;
  /** recordInfo answers given so far. */
  polls: number;
  createTime: number;
  completeTime?: number;
  failCode: string;
  failMsg: string;
  resultUrls: string[];
  /** This task's results answer 404. */
  expired: boolean;
}

export interface FakeKieRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  status: number;
}

export interface FakeKieCallback {
  taskId: string;
  url: string;
  signature: "signed" | "bad-signature" | "missing";
  timestamp: number;
  /** Our server's answer, or the delivery error. */
  status?: number;
  error?: string;
}

export interface FakeKieOptions {
  apiKey?: string;
  webhookKey?: string;
  behaviour?: Partial<FakeKieBehaviour>;
}

export interface FakeKie {
  /** Base URL, e.g. http://127.0.0.1:PORT (KIE_API_URL). */
  url: string;
  apiKey: string;
  webhookKey: string;
  tasks: Map<string, FakeKieTask>;
  /** Every request, in order. */
  requests: FakeKieRequest[];
  /** Every callback POSTed, in order, with our server's answer once it came. */
  callbacks: FakeKieCallback[];
  behaviour: FakeKieBehaviour;
  setBehaviour(change: Partial<FakeKieBehaviour>): void;
  /** Back to the starting behaviour; forgets recorded requests and callbacks (tasks stay). */
  reset(): void;
  /** Ends a task now (success by default), sending its callback as its behaviour says. */
  settle(taskId: string, outcome?: FakeKieTaskBehaviour["outcome"]): void;
  /** POSTs a callback for a task now; resolves with our server's status. */
  sendCallback(taskId: string, options?: { signature?: FakeKieCallback["signature"]; timestamp?: number; url?: string }): Promise<number>;
  /** The PNG a result URL serves. */
  resultBytes(taskId: string, n: number): Buffer;
  /** Resolves when no callback is in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_BEHAVIOUR: FakeKieBehaviour = {
  task: {},
  rateLimited: 0,
  retryAfterSeconds: 2,
  serverErrors: 0,
  account: "ok",
  errorsIn: "status",
  resultsExpired: false,
  resultErrors: 0,
  redirectResults: false,
  resultContentType: "image/png",
};

const TASK_DEFAULTS: Required<FakeKieTaskBehaviour> = {
  polls: 0,
  delayMs: 0,
  outcome: "success",
  images: 1,
  callback: "signed",
  callbackDelayMs: 20,
};

export async function startFakeKie(options: FakeKieOptions = {}): Promise<FakeKie> {
  const apiKey = options.apiKey ?? `kie-test-${randomBytes(12).toString("hex")}`;
  const webhookKey = options.webhookKey ?? randomBytes(24).toString("base64url");
  const behaviour: FakeKieBehaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  const tasks = new Map<string, FakeKieTask>();
  const requests: FakeKieRequest[] = [];
  const callbacks: FakeKieCallback[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  let baseUrl = "";
  let taskCounter = 0;
  let closed = false;

  const later = (ms: number, fn: () => void) => {
    if (closed || !Number.isFinite(ms)) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) fn();
    }, ms);
    timers.add(timer);
  };

  // --- callbacks ----------------------------------------------------------------------
  function callbackBody(task: FakeKieTask) {
    return {
      code: task.state === "success" ? 200 : 501,
      msg: task.state === "success" ? "Playground task completed successfully." : `Playground task failed: ${task.failMsg}`,
      data: recordOf(task),
    };
  }

  async function sendCallback(
    taskId: string,
    { signature = "signed", timestamp = Math.floor(Date.now() / 1000), url }: Parameters<FakeKie["sendCallback"]>[1] = {},
  ): Promise<number> {
    const task = tasks.get(taskId);
    const target = url ?? task?.callBackUrl;
    if (!target) throw new Error(`fake Kie: task ${taskId} has no callBackUrl`);
    const record: FakeKieCallback = { taskId, url: target, signature, timestamp };
    callbacks.push(record);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (signature !== "missing") {
      const key = signature === "signed" ? webhookKey : `${webhookKey}-wrong`;
      headers["x-webhook-timestamp"] = String(timestamp);
      headers["x-webhook-signature"] = createHmac("sha256", key).update(`${taskId}.${timestamp}`).digest("base64");
    }
    const body = task ? callbackBody(task) : { code: 200, msg: "success", data: { taskId } };
    const delivery = fetch(target, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) })
      .then(async (response) => {
        record.status = response.status;
        await response.body?.cancel();
        return response.status;
      })
      .catch((error: unknown) => {
        record.error = error instanceof Error ? error.message : String(error);
        return 0;
      });
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
    return delivery;
  }

  // --- tasks --------------------------------------------------------------------------
  function finish(task: FakeKieTask, outcome = task.behaviour.outcome) {
    if (isDone(task)) return;
    task.completeTime = Date.now();
    if (outcome === "success") {
      task.state = "success";
      task.resultUrls = Array.from({ length: task.behaviour.images }, (_, n) => `${baseUrl}/results/${task.taskId}/${n}.png`);
    } else {
      task.state = "fail";
      task.failCode = outcome.failCode;
      task.failMsg = outcome.failMsg;
    }
    if (task.callBackUrl && task.behaviour.callback !== "none") {
      const signature = task.behaviour.callback;
      later(task.behaviour.callbackDelayMs, () => void sendCallback(task.taskId, { signature }));
    }
  }

  const isDone = (task: FakeKieTask) => task.state === "success" || task.state === "fail";

  /** Finishes the task when both its poll count and its delay have passed. */
  function advance(task: FakeKieTask) {
    if (isDone(task) || task.polls < task.behaviour.polls) return;
    const remaining = task.createTime + task.behaviour.delayMs - Date.now();
    // A timer may fire a millisecond early by Date.now(): then wait out the rest, or the
    // task would never finish (no poll comes to advance it when a test waits for the callback).
    if (remaining > 0) later(remaining, () => advance(task));
    else finish(task);
  }

  function recordOf(task: FakeKieTask) {
    return {
      taskId: task.taskId,
      model: task.model,
      state: task.state,
      param: JSON.stringify({ model: task.model, callBackUrl: task.callBackUrl, input: task.input }),
      resultJson: task.state === "success" ? JSON.stringify({ resultUrls: task.resultUrls }) : "",
      failCode: task.failCode,
      failMsg: task.failMsg,
      costTime: task.completeTime ? task.completeTime - task.createTime : null,
      completeTime: task.completeTime ?? null,
      createTime: task.createTime,
      updateTime: task.completeTime ?? task.createTime,
    };
  }

  // --- HTTP ---------------------------------------------------------------------------
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  /** An error as Kie gives it: the HTTP status, or HTTP 200 with the status as `code`. */
  const fail = (res: ServerResponse, code: number, msg: string, headers: Record<string, string> = {}) =>
    behaviour.errorsIn === "body" ? send(res, 200, { code, msg, data: null }) : send(res, code, { code, msg, data: null }, headers);

  function validate(body: unknown): string | null {
    if (typeof body !== "object" || body === null) return "body must be a JSON object";
    const { model, input, callBackUrl } = body as Record<string, unknown>;
    if (typeof model !== "string" || !model) return "model is required";
    if (typeof input !== "object" || input === null || Array.isArray(input)) return "input is required";
    const { prompt, image_urls } = input as Record<string, unknown>;
    if (typeof prompt !== "string" || !prompt.trim()) return "input.prompt is required";
    if (prompt.length > 5000) return "input.prompt is longer than 5000 characters";
    if (image_urls !== undefined) {
      if (!Array.isArray(image_urls) || image_urls.length > 10) return "input.image_urls must be an array of at most 10 URLs";
      if (!image_urls.every((u) => typeof u === "string" && /^https?:\/\//.test(u))) return "input.image_urls must be http(s) URLs";
    }
    if (callBackUrl !== undefined && (typeof callBackUrl !== "string" || !/^https?:\/\//.test(callBackUrl))) {
      return "callBackUrl must be an http(s) URL";
    }
    return null;
  }

  function serveResult(res: ServerResponse, taskId: string, n: number, direct: boolean) {
    const task = tasks.get(taskId);
    if (!task || task.state !== "success" || n >= task.resultUrls.length || behaviour.resultsExpired || task.expired) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("Not Found");
    }
    if (behaviour.resultErrors > 0) {
      behaviour.resultErrors--;
      res.writeHead(503, { "content-type": "text/plain" });
      return res.end("Service Unavailable");
    }
    if (behaviour.redirectResults && !direct) {
      res.writeHead(302, { location: `/cdn/${taskId}/${n}.png` });
      return res.end();
    }
    const png = resultBytes(taskId, n);
    res.writeHead(200, { "content-type": behaviour.resultContentType, "content-length": png.length });
    res.end(png);
  }

  function handle(req: IncomingMessage, res: ServerResponse, rawBody: Buffer) {
    const url = new URL(req.url ?? "/", "http://fake");
    const result = /^\/(results|cdn)\/([\w-]+)\/(\d+)\.png$/.exec(url.pathname);
    if (req.method === "GET" && result) return serveResult(res, result[2]!, Number(result[3]), result[1] === "cdn");

    const isCreate = req.method === "POST" && url.pathname === "/api/v1/jobs/createTask";
    const isRecord = req.method === "GET" && url.pathname === "/api/v1/jobs/recordInfo";
    if (!isCreate && !isRecord) return send(res, 404, { code: 404, msg: "Not Found", data: null });

    // Injected failures first, so "the next K calls" is exact.
    if (behaviour.serverErrors > 0) {
      behaviour.serverErrors--;
      return fail(res, 500, "Server Error");
    }
    if (behaviour.rateLimited > 0) {
      behaviour.rateLimited--;
      const headers: Record<string, string> =
        behaviour.retryAfterSeconds === null ? {} : { "retry-after": String(behaviour.retryAfterSeconds) };
      return fail(res, 429, "Rate Limited: too many requests", headers);
    }
    if (req.headers.authorization !== `Bearer ${apiKey}` || behaviour.account === "bad-key") {
      return fail(res, 401, "You do not have access permissions");
    }

    if (isCreate) {
      if (behaviour.account === "no-credits") return fail(res, 402, "The current credits are insufficient. Please top up.");
      let body: unknown;
      try {
        body = JSON.parse(rawBody.toString("utf8"));
      } catch {
        return fail(res, 422, "body is not JSON");
      }
      const problem = validate(body);
      if (problem) return fail(res, 422, problem);
      const { model, input, callBackUrl } = body as { model: string; input: Record<string, unknown>; callBackUrl?: string };
      const index = taskCounter++;
      const chosen = typeof behaviour.task === "function" ? behaviour.task({ index, model, input }) : behaviour.task;
      const task: FakeKieTask = {
        taskId: `task_${randomBytes(8).toString("hex")}`,
        index,
        model,
        input,
        callBackUrl,
        behaviour: { ...TASK_DEFAULTS, ...chosen },
        state: "waiting",
        polls: 0,
        createTime: Date.now(),
        failCode: "",
        failMsg: "",
        resultUrls: [],
        expired: false,
      };
      tasks.set(task.taskId, task);
      if (task.behaviour.polls === 0) {
        if (task.behaviour.delayMs === 0) finish(task);
        else later(task.behaviour.delayMs, () => advance(task));
      }
      return send(res, 200, { code: 200, msg: "success", data: { taskId: task.taskId } });
    }

    const taskId = url.searchParams.get("taskId");
    if (!taskId) return fail(res, 422, "taskId is required");
    const task = tasks.get(taskId);
    if (!task) return fail(res, 422, "recordInfo is null");
    if (!isDone(task)) {
      advance(task);
      if (!isDone(task)) {
        task.state = task.polls === 0 ? "waiting" : task.polls === 1 ? "queuing" : "generating";
        task.polls++;
        // The delay may end between polls; a timer sends the callback then.
        if (task.polls >= task.behaviour.polls)
          later(Math.max(0, task.createTime + task.behaviour.delayMs - Date.now()), () => advance(task));
      }
    }
    return send(res, 200, { code: 200, msg: "success", data: recordOf(task) });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.on("finish", () =>
        requests.push({ method: req.method!, path: req.url ?? "/", authorization: req.headers.authorization, status: res.statusCode }),
      );
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (error) {
        if (!res.headersSent) send(res, 500, { code: 500, msg: String(error), data: null });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function resultBytes(taskId: string, n: number): Buffer {
    return solidPng(`${taskId}/${n}`);
  }

  return {
    url: baseUrl,
    apiKey,
    webhookKey,
    tasks,
    requests,
    callbacks,
    behaviour,
    setBehaviour(change) {
      Object.assign(behaviour, change);
    },
    reset() {
      Object.assign(behaviour, DEFAULT_BEHAVIOUR, options.behaviour);
      requests.length = 0;
      callbacks.length = 0;
    },
    settle(taskId, outcome) {
      const task = tasks.get(taskId);
      if (!task) throw new Error(`fake Kie: no task ${taskId}`);
      finish(task, outcome ?? task.behaviour.outcome);
    },
    sendCallback,
    resultBytes,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// --- a real PNG: 32×32, one colour derived from the seed ---------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A valid 32×32 RGB PNG of one colour chosen by `seed`. */
export function solidPng(seed: string, size = 32): Buffer {
  const digest = createHmac("sha256", "fake-kie-png").update(seed).digest();
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) digest.copy(row, 1 + x * 3, 0, 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
