// The Kie.ai provider against a local fake of Kie's HTTP API (test/fakes/kie-server.ts):
// createTask / recordInfo / result downloads, every error mapping, and the signed callback
// route through the real HTTP server.
import { createHmac } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../src/config.ts";
import {
  createKieProvider,
  isRetryableFailCode,
  KieProvider,
  parseResultUrls,
  parseRetryAfter,
  type KieProviderOptions,
} from "../src/generation/providers/kie.ts";
import { ProviderError } from "../src/generation/providers/provider.ts";
import { kieSignatureProblem, signKieCallback } from "../src/http/kie-webhook.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import { startFakeKie, solidPng, type FakeKie } from "./fakes/kie-server.ts";
import { createTestApi, type TestApi } from "./support/harness.ts";

let fake: FakeKie;

beforeAll(async () => {
  fake = await startFakeKie();
});
afterAll(() => fake?.close());
beforeEach(() => fake.reset());

const provider = (options: Partial<KieProviderOptions> = {}) =>
  new KieProvider({ apiUrl: fake.url, apiKey: fake.apiKey, model: "google/nano-banana-edit", ...options });

const request = (overrides: Partial<Parameters<KieProvider["submit"]>[0]> = {}) => ({
  taskId: 1,
  prompt: "a portrait in a snowy forest, golden hour",
  referenceImageUrls: ["https://cdn.example.test/ref-1.jpg", "https://cdn.example.test/ref-2.jpg"],
  ...overrides,
});

/** The ProviderError a promise rejects with. */
async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a ProviderError");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("submit, check, fetch", () => {
  it("creates a task with the Bearer key, model, prompt, reference images and callBackUrl", async () => {
    const kie = provider({ callbackUrl: "https://api.pinglass.test/webhooks/kie" });
    const { providerTaskId } = await kie.submit(request());

    const task = fake.tasks.get(providerTaskId)!;
    expect(task).toBeDefined();
    expect(task.model).toBe("google/nano-banana-edit");
    expect(task.input).toEqual({
      prompt: "a portrait in a snowy forest, golden hour",
      image_urls: ["https://cdn.example.test/ref-1.jpg", "https://cdn.example.test/ref-2.jpg"],
    });
    expect(task.callBackUrl).toBe("https://api.pinglass.test/webhooks/kie");
    const [call] = fake.requests;
    expect(call).toMatchObject({ method: "POST", path: "/api/v1/jobs/createTask", authorization: `Bearer ${fake.apiKey}`, status: 200 });
  });

  it("sends no image_urls without references, caps them, and lets a request name its own callback", async () => {
    const kie = provider({ callbackUrl: "https://default.test/webhooks/kie", maxReferenceImages: 3, input: { output_format: "png" } });
    const bare = await kie.submit(request({ referenceImageUrls: [] }));
    expect(fake.tasks.get(bare.providerTaskId)!.input).toEqual({ output_format: "png", prompt: request().prompt });

    const many = Array.from({ length: 12 }, (_, i) => `https://cdn.example.test/ref-${i}.jpg`);
    const capped = await kie.submit(request({ referenceImageUrls: many, callbackUrl: "https://other.test/hook" }));
    const task = fake.tasks.get(capped.providerTaskId)!;
    expect(task.input.image_urls).toEqual(many.slice(0, 3));
    expect(task.callBackUrl).toBe("https://other.test/hook");

    const none = await provider().submit(request());
    expect(fake.tasks.get(none.providerTaskId)!.callBackUrl).toBeUndefined();
  });

  it("follows a slow task through waiting/queuing/generating to success and downloads a real PNG", async () => {
    fake.setBehaviour({ task: { polls: 3, images: 2, callback: "none" } });
    const kie = provider();
    const { providerTaskId } = await kie.submit(request());

    for (let i = 0; i < 3; i++) expect(await kie.check(providerTaskId)).toEqual({ state: "pending" });
    const done = await kie.check(providerTaskId);
    expect(done).toEqual({
      state: "succeeded",
      resultUrls: [`${fake.url}/results/${providerTaskId}/0.png`, `${fake.url}/results/${providerTaskId}/1.png`],
    });
    // Polled states went through Kie's three in-progress names.
    const states = fake.requests.filter((r) => r.path.startsWith("/api/v1/jobs/recordInfo")).length;
    expect(states).toBe(4);
    expect(fake.requests.at(-1)!.path).toBe(`/api/v1/jobs/recordInfo?taskId=${providerTaskId}`);

    const image = await kie.fetchResult((done as { resultUrls: string[] }).resultUrls[1]!);
    expect(image.contentType).toBe("image/png");
    expect(Buffer.from(image.bytes).equals(fake.resultBytes(providerTaskId, 1))).toBe(true);
    expect(Buffer.from(image.bytes.subarray(0, 8))).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // The result URL got no key: it is a CDN's.
    expect(fake.requests.at(-1)).toMatchObject({ path: `/results/${providerTaskId}/1.png`, authorization: undefined });
  });

  it("waits out a task slow by time", async () => {
    fake.setBehaviour({ task: { delayMs: 150, callback: "none" } });
    const kie = provider();
    const { providerTaskId } = await kie.submit(request());
    expect(await kie.check(providerTaskId)).toEqual({ state: "pending" });
    await new Promise((r) => setTimeout(r, 200));
    expect((await kie.check(providerTaskId)).state).toBe("succeeded");
  });

  it("maps a failed task: final unless its failCode is a transient provider code", async () => {
    const kie = provider();
    fake.setBehaviour({
      task: { outcome: { failCode: "400", failMsg: "Your prompt was flagged by the content policy" }, callback: "none" },
    });
    const flagged = await kie.submit(request());
    expect(await kie.check(flagged.providerTaskId)).toEqual({
      state: "failed",
      error: "Kie.ai task failed (400): Your prompt was flagged by the content policy",
      retryable: false,
    });

    fake.setBehaviour({ task: { outcome: { failCode: "500", failMsg: "Internal Error, Please try again later." }, callback: "none" } });
    const internal = await kie.submit(request());
    expect(await kie.check(internal.providerTaskId)).toMatchObject({ state: "failed", retryable: true });
  });

  it("parses resultJson (a JSON string) and decides which failCodes are retryable", () => {
    expect(parseResultUrls(JSON.stringify({ resultUrls: ["https://a.test/1.png", "ftp://x", 7, "https://a.test/2.webp"] }))).toEqual([
      "https://a.test/1.png",
      "https://a.test/2.webp",
    ]);
    expect(parseResultUrls({ resultUrls: ["https://a.test/o.png"] })).toEqual(["https://a.test/o.png"]);
    expect(parseResultUrls("not json")).toEqual([]);
    expect(parseResultUrls("")).toEqual([]);
    expect(parseResultUrls(JSON.stringify({ resultUrls: "https://a.test/1.png" }))).toEqual([]);
    expect(parseResultUrls(undefined)).toEqual([]);

    for (const code of ["429", "455", "500", "502", "503", "504", "408"]) expect(isRetryableFailCode(code), code).toBe(true);
    for (const code of ["", "400", "401", "402", "422", "501", "505", "content_policy", "5000"]) {
      expect(isRetryableFailCode(code), code).toBe(false);
    }
  });
});

describe("error mapping", () => {
  it("401: a wrong key, and an account Kie refuses, are final and say so without the key", async () => {
    const wrong = provider({ apiKey: "sk-wrong-key-0123456789" });
    const error = await providerError(wrong.submit(request()));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/refused the API key \(401\)/);
    expect(error.message).not.toContain("sk-wrong-key-0123456789");

    fake.setBehaviour({ account: "bad-key" });
    const refused = await providerError(provider().check("task_whatever"));
    expect(refused).toMatchObject({ retryable: false });
    expect(refused.message).toMatch(/recordInfo refused the API key \(401\)/);
  });

  it("402: no credits is final", async () => {
    fake.setBehaviour({ account: "no-credits" });
    const error = await providerError(provider().submit(request()));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/run out of credits \(402\)/);
  });

  it("422: a bad request is final and carries Kie's reason", async () => {
    const error = await providerError(provider().submit(request({ prompt: "   " })));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/refused the request as invalid \(422\): input\.prompt is required/);

    const unknown = await providerError(provider().check("task_never_created"));
    expect(unknown.retryable).toBe(false);
    expect(unknown.message).toMatch(/422/);
  });

  it("429: retryable, after Retry-After when given, else after the default", async () => {
    fake.setBehaviour({ rateLimited: 1, retryAfterSeconds: 7 });
    const limited = await providerError(provider().submit(request()));
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(limited.message).toMatch(/rate limited \(429\)/);

    fake.setBehaviour({ rateLimited: 1, retryAfterSeconds: null });
    const bare = await providerError(provider({ defaultRetryAfterMs: 12_345 }).submit(request()));
    expect(bare).toMatchObject({ retryable: true, retryAfterMs: 12_345 });

    // The limit passes: the next call goes through.
    await expect(provider().submit(request())).resolves.toMatchObject({ providerTaskId: expect.any(String) as unknown });
  });

  it("Retry-After as seconds or an HTTP date, clamped, with a fallback", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("3", 1000, now)).toBe(3000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", 1000, now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", 1000, now)).toBe(0);
    expect(parseRetryAfter("86400", 1000, now)).toBe(600_000);
    expect(parseRetryAfter("soon", 1000, now)).toBe(1000);
    expect(parseRetryAfter(null, 1000, now)).toBe(1000);
  });

  it("5xx: retryable, and the call after succeeds", async () => {
    fake.setBehaviour({ serverErrors: 2 });
    const kie = provider();
    for (let i = 0; i < 2; i++) {
      const error = await providerError(kie.submit(request()));
      expect(error).toMatchObject({ retryable: true, retryAfterMs: undefined });
      expect(error.message).toMatch(/unavailable \(500\)/);
    }
    await expect(kie.submit(request())).resolves.toBeDefined();
  });

  it("maps codes given in the body of an HTTP 200 answer the same way", async () => {
    fake.setBehaviour({ errorsIn: "body", account: "no-credits" });
    expect(await providerError(provider().submit(request()))).toMatchObject({
      retryable: false,
      message: expect.stringMatching(/402/) as unknown,
    });
    fake.setBehaviour({ account: "ok", rateLimited: 1 });
    const limited = await providerError(provider({ defaultRetryAfterMs: 4321 }).submit(request()));
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 4321 });
    fake.setBehaviour({ serverErrors: 1 });
    expect(await providerError(provider().check("task_x"))).toMatchObject({ retryable: true });
    expect(await providerError(provider().submit(request({ prompt: "" })))).toMatchObject({ retryable: false });
  });

  describe("against a misbehaving server", () => {
    let server: Server;
    let base: string;
    let answer: (res: ServerResponse) => void;

    beforeAll(async () => {
      server = createServer((req, res) => {
        req.resume();
        answer(res);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const against = (options: Partial<KieProviderOptions> = {}) =>
      new KieProvider({ apiUrl: base, apiKey: "sk-secret-abc", model: "m", ...options });

    it("a timeout is retryable", async () => {
      answer = () => undefined; // never answers
      const error = await providerError(against({ requestTimeoutMs: 150 }).submit(request()));
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/no answer within 150 ms/);
    });

    it("a dropped connection and a refused port are retryable", async () => {
      answer = (res) => res.socket?.destroy();
      expect(await providerError(against().check("t"))).toMatchObject({
        retryable: true,
        message: expect.stringMatching(/network error/) as unknown,
      });

      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const refused = new KieProvider({ apiUrl: `http://127.0.0.1:${port}`, apiKey: "k", model: "m" });
      expect(await providerError(refused.submit(request()))).toMatchObject({
        retryable: true,
        message: expect.stringMatching(/ECONNREFUSED/) as unknown,
      });
    });

    it("an HTML page instead of JSON is retryable; a redirect is final and not followed", async () => {
      answer = (res) => {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html>maintenance</html>");
      };
      expect(await providerError(against().check("t"))).toMatchObject({
        retryable: true,
        message: expect.stringMatching(/other than JSON/) as unknown,
      });

      answer = (res) => {
        res.writeHead(502, { "content-type": "text/html" });
        res.end("<html>Bad gateway</html>");
      };
      expect(await providerError(against().check("t"))).toMatchObject({
        retryable: true,
        message: expect.stringMatching(/502/) as unknown,
      });

      let redirected = false;
      answer = (res) => {
        res.writeHead(301, { location: `${base}/elsewhere` });
        res.end();
        answer = () => {
          redirected = true;
        };
      };
      expect(await providerError(against().submit(request()))).toMatchObject({
        retryable: false,
        message: expect.stringMatching(/redirect/) as unknown,
      });
      expect(redirected).toBe(false);
    });

    it("a success without taskId, or with an unknown state, is retryable", async () => {
      answer = (res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 200, msg: "success", data: {} }));
      };
      expect(await providerError(against().submit(request()))).toMatchObject({
        retryable: true,
        message: expect.stringMatching(/without a taskId/) as unknown,
      });
      answer = (res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 200, data: { taskId: "t", state: "teleporting" } }));
      };
      expect(await providerError(against().check("t"))).toMatchObject({
        retryable: true,
        message: expect.stringMatching(/unknown state/) as unknown,
      });
      answer = (res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 200, data: { taskId: "t", state: "success", resultJson: '{"resultUrls":[]}' } }));
      };
      expect(await against().check("t")).toEqual({
        state: "failed",
        error: expect.stringMatching(/no result URLs/) as unknown,
        retryable: true,
      });
    });

    it("a result served as octet-stream is sniffed; HTML is refused (retryable); SVG is refused", async () => {
      const png = solidPng("sniff");
      answer = (res) => {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.end(png);
      };
      expect(await against().fetchResult(`${base}/r.png`)).toMatchObject({ contentType: "image/png" });

      answer = (res) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end("<html>please wait</html>");
      };
      expect(await providerError(against().fetchResult(`${base}/r.png`))).toMatchObject({
        retryable: true,
        message: expect.stringMatching(/not an image/) as unknown,
      });

      answer = (res) => {
        res.writeHead(200, { "content-type": "image/svg+xml" });
        res.end("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
      };
      expect(await providerError(against().fetchResult(`${base}/r.svg`))).toMatchObject({
        retryable: false,
        message: expect.stringMatching(/SVG/) as unknown,
      });
    });

    it("a result download that stalls times out (retryable); a big one is refused (final)", async () => {
      answer = (res) => {
        res.writeHead(200, { "content-type": "image/png" });
        res.write(Buffer.alloc(10)); // and never ends
      };
      expect(await providerError(against({ downloadTimeoutMs: 150 }).fetchResult(`${base}/slow.png`))).toMatchObject({
        retryable: true,
        message: expect.stringMatching(/no answer within 150 ms/) as unknown,
      });

      answer = (res) => {
        res.writeHead(200, { "content-type": "image/png" }); // chunked: no length announced
        res.write(Buffer.alloc(600));
        res.end(Buffer.alloc(600));
      };
      expect(await providerError(against({ maxResultBytes: 1000 }).fetchResult(`${base}/big.png`))).toMatchObject({
        retryable: false,
        message: expect.stringMatching(/larger than 1000 bytes/) as unknown,
      });
      answer = (res) => {
        res.writeHead(200, { "content-type": "image/png", "content-length": 5000 });
        res.end(Buffer.alloc(5000));
      };
      expect(await providerError(against({ maxResultBytes: 1000 }).fetchResult(`${base}/big.png`))).toMatchObject({ retryable: false });
    });
  });

  it("result downloads: redirects followed, 5xx retryable, expired (404) final, bad URLs final", async () => {
    fake.setBehaviour({ task: { callback: "none" } });
    const kie = provider();
    const { providerTaskId } = await kie.submit(request());
    const done = (await kie.check(providerTaskId)) as { resultUrls: string[] };
    const url = done.resultUrls[0]!;

    fake.setBehaviour({ redirectResults: true });
    const image = await kie.fetchResult(url);
    expect(Buffer.from(image.bytes).equals(fake.resultBytes(providerTaskId, 0))).toBe(true);
    expect(fake.requests.slice(-2).map((r) => r.status)).toEqual([302, 200]);

    fake.setBehaviour({ redirectResults: false, resultErrors: 1 });
    const unavailable = await providerError(kie.fetchResult(url));
    expect(unavailable).toMatchObject({ retryable: true, message: expect.stringMatching(/HTTP 503/) as unknown });
    await expect(kie.fetchResult(url)).resolves.toMatchObject({ contentType: "image/png" });

    fake.setBehaviour({ resultsExpired: true });
    const expired = await providerError(kie.fetchResult(url));
    expect(expired).toMatchObject({ retryable: false, message: expect.stringMatching(/gone \(HTTP 404\)/) as unknown });

    expect(await providerError(kie.fetchResult("not a url"))).toMatchObject({ retryable: false });
    expect(await providerError(kie.fetchResult("file:///etc/passwd"))).toMatchObject({ retryable: false });
  });
});

describe("the API key", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is never logged, never in an error, and not visible on the provider object", async () => {
    const secret = fake.apiKey;
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => inspect(a)).join(" ")));
    }
    const kie = provider();
    const messages: string[] = [];
    const attempt = async (p: Promise<unknown>) => p.catch((e: unknown) => void messages.push(String(e), inspect(e)));

    fake.setBehaviour({ task: { polls: 1, callback: "none" } });
    const { providerTaskId } = await kie.submit(request());
    await kie.check(providerTaskId);
    const done = (await kie.check(providerTaskId)) as { resultUrls: string[] };
    await kie.fetchResult(done.resultUrls[0]!);
    fake.setBehaviour({ rateLimited: 1 });
    await attempt(kie.submit(request()));
    fake.setBehaviour({ serverErrors: 1 });
    await attempt(kie.check(providerTaskId));
    fake.setBehaviour({ account: "no-credits" });
    await attempt(kie.submit(request()));
    fake.setBehaviour({ account: "bad-key" });
    await attempt(kie.submit(request()));
    await attempt(new KieProvider({ apiUrl: "http://127.0.0.1:1", apiKey: secret, model: "m" }).submit(request()));

    expect(messages.length).toBeGreaterThanOrEqual(10);
    for (const text of [...lines, ...messages, inspect(kie, { depth: 5, showHidden: true }), JSON.stringify(kie)]) {
      expect(text).not.toContain(secret);
    }
  });

  it("is redacted should Kie echo it back in a message", async () => {
    const server = createServer((req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 401, msg: `invalid key ${String(req.headers.authorization).slice(7)}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const kie = new KieProvider({
        apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        apiKey: "sk-echoed-1234",
        model: "m",
      });
      const error = await providerError(kie.submit(request()));
      expect(error.message).toBe("Kie.ai createTask refused the API key (401): invalid key [redacted]");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("configuration", () => {
  it("builds the provider from KIE_* keys with the callback under PUBLIC_API_URL (else PUBLIC_BASE_URL)", async () => {
    const config = loadConfig({
      NODE_ENV: "test",
      KIE_API_URL: fake.url,
      KIE_API_KEY: fake.apiKey,
      KIE_WEBHOOK_KEY: fake.webhookKey,
      PUBLIC_API_URL: "https://api.pinglass.test/",
    });
    expect(config.kie).toEqual({
      apiUrl: fake.url,
      apiKey: fake.apiKey,
      model: "google/nano-banana-edit",
      webhookKey: fake.webhookKey,
      publicApiUrl: "https://api.pinglass.test/",
    });
    const { providerTaskId } = await createKieProvider(config).submit(request());
    expect(fake.tasks.get(providerTaskId)!.callBackUrl).toBe("https://api.pinglass.test/webhooks/kie");

    const fallback = loadConfig({ KIE_API_KEY: "k", PUBLIC_BASE_URL: "https://files.pinglass.test" });
    expect(fallback.kie).toMatchObject({ apiUrl: "https://api.kie.ai", publicApiUrl: "https://files.pinglass.test" });
    expect(loadConfig({}).kie.apiKey).toBeUndefined();
    expect(() => createKieProvider(loadConfig({}))).toThrow(/KIE_API_KEY is required/);
    expect(() => loadConfig({ KIE_API_URL: "ftp://kie" })).toThrow(/KIE_API_URL/);
  });

  it("requires the key, the webhook key and a public URL when GENERATION_PROVIDER=kie", () => {
    const error = (() => {
      try {
        loadConfig({ GENERATION_PROVIDER: "kie" });
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(error).toMatch(/KIE_API_KEY: is required when GENERATION_PROVIDER=kie/);
    expect(error).toMatch(/KIE_WEBHOOK_KEY: is required when GENERATION_PROVIDER=kie/);
    expect(error).toMatch(/PUBLIC_API_URL: \(or PUBLIC_BASE_URL\) is required/);
    expect(() =>
      loadConfig({ GENERATION_PROVIDER: "kie", KIE_API_KEY: "k", KIE_WEBHOOK_KEY: "whk-0123456789", PUBLIC_BASE_URL: "https://x.test" }),
    ).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------
// The callback route, through the real HTTP server
// ---------------------------------------------------------------------------------------

describe("POST /webhooks/kie", () => {
  let api: TestApi;
  let server: RunningHttpServer;
  let hookUrl: string;
  const onCallback = vi.fn<(providerTaskId: string) => Promise<void>>(async () => undefined);
  const log = vi.fn<(line: string) => void>();

  beforeAll(async () => {
    api = await createTestApi();
    server = await startHttpServer(api.app, {
      prisma: api.prisma,
      host: "127.0.0.1",
      port: 0,
      kieWebhook: { webhookKey: fake.webhookKey, onCallback, log },
    });
    hookUrl = new URL("/webhooks/kie", server.url).href;
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    onCallback.mockReset();
    onCallback.mockImplementation(async () => undefined);
    log.mockReset();
  });

  const sign = (taskId: string, timestamp: number | string, key = fake.webhookKey) =>
    createHmac("sha256", key).update(`${taskId}.${timestamp}`).digest("base64");
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const post = (body: unknown, headers: Record<string, string> = {}, init: RequestInit = {}) =>
    fetch(hookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
      ...init,
    });
  const kieBody = (taskId: string) => ({
    code: 200,
    msg: "Playground task completed successfully.",
    data: { taskId, state: "success", resultJson: JSON.stringify({ resultUrls: ["https://evil.test/not-trusted.png"] }) },
  });
  /** Gives a wrongly accepted callback time to reach onCallback before asserting it did not. */
  const settle = () => new Promise((r) => setTimeout(r, 50));

  it("a correctly signed callback answers 200 and hands the taskId to the pipeline", async () => {
    fake.setBehaviour({ task: { delayMs: 30 } });
    const kie = provider({ callbackUrl: hookUrl });
    const { providerTaskId } = await kie.submit(request());

    await vi.waitFor(() => expect(onCallback).toHaveBeenCalledWith(providerTaskId), { timeout: 5000 });
    expect(onCallback).toHaveBeenCalledTimes(1);
    await fake.idle();
    expect(fake.callbacks.find((c) => c.taskId === providerTaskId)).toMatchObject({ signature: "signed", status: 200 });
    // The pipeline then asks recordInfo, which has the result.
    expect((await kie.check(providerTaskId)).state).toBe("succeeded");
    expect(log).not.toHaveBeenCalled();
  });

  it("answers { ok: true } and accepts data.task_id too", async () => {
    const ts = nowSeconds();
    const response = await post(
      { code: 200, data: { task_id: "task_snake" } },
      { "x-webhook-timestamp": String(ts), "x-webhook-signature": sign("task_snake", ts) },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    await vi.waitFor(() => expect(onCallback).toHaveBeenCalledWith("task_snake"));
  });

  it("a badly signed callback from the fake is refused with 401 and logged, without the signature or key", async () => {
    fake.setBehaviour({ task: { delayMs: 0, callback: "bad-signature", callbackDelayMs: 0 } });
    const { providerTaskId } = await provider({ callbackUrl: hookUrl }).submit(request());
    await vi.waitFor(() => expect(fake.callbacks.find((c) => c.taskId === providerTaskId)?.status).toBe(401));
    await settle();
    expect(onCallback).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(1);
    const line = log.mock.calls[0]![0];
    expect(line).toMatch(/\[kie-webhook\] refused a callback from .*: bad signature \(task task_/);
    expect(line).not.toContain(fake.webhookKey);
  });

  it("refuses bad, stale, future, missing and malformed signatures with 401 and calls nothing", async () => {
    const ts = nowSeconds();
    const cases: [string, Record<string, string>][] = [
      ["wrong key", { "x-webhook-timestamp": String(ts), "x-webhook-signature": sign("task_a", ts, "another-key") }],
      ["signed for another task", { "x-webhook-timestamp": String(ts), "x-webhook-signature": sign("task_b", ts) }],
      ["signed for another time", { "x-webhook-timestamp": String(ts), "x-webhook-signature": sign("task_a", ts - 1) }],
      ["older than 5 minutes", { "x-webhook-timestamp": String(ts - 301), "x-webhook-signature": sign("task_a", ts - 301) }],
      ["10 minutes ahead", { "x-webhook-timestamp": String(ts + 600), "x-webhook-signature": sign("task_a", ts + 600) }],
      ["no headers", {}],
      ["no signature", { "x-webhook-timestamp": String(ts) }],
      ["no timestamp", { "x-webhook-signature": sign("task_a", ts) }],
      ["timestamp in ms", { "x-webhook-timestamp": String(ts * 1000), "x-webhook-signature": sign("task_a", ts * 1000) }],
      ["timestamp not a number", { "x-webhook-timestamp": "now", "x-webhook-signature": sign("task_a", "now") }],
      [
        "hex instead of base64",
        {
          "x-webhook-timestamp": String(ts),
          "x-webhook-signature": createHmac("sha256", fake.webhookKey).update(`task_a.${ts}`).digest("hex"),
        },
      ],
      ["truncated", { "x-webhook-timestamp": String(ts), "x-webhook-signature": sign("task_a", ts).slice(0, 20) }],
      ["empty", { "x-webhook-timestamp": String(ts), "x-webhook-signature": "" }],
    ];
    for (const [name, headers] of cases) {
      const response = await post(kieBody("task_a"), headers);
      expect(response.status, name).toBe(401);
      expect(await response.json(), name).toEqual({ ok: false, error: "invalid signature" });
    }
    await settle();
    expect(onCallback).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(cases.length);
    expect(log.mock.calls.map(([line]) => line.replace(/.*: /, ""))).toEqual(
      expect.arrayContaining(["stale timestamp (task task_a)", "missing headers (task task_a)", "bad signature (task task_a)"]),
    );

    // The fake's own signed-but-old callback, and one with no headers at all.
    fake.setBehaviour({ task: { callback: "none" } });
    const { providerTaskId } = await provider({ callbackUrl: hookUrl }).submit(request());
    expect(await fake.sendCallback(providerTaskId, { timestamp: ts - 3600 })).toBe(401);
    expect(await fake.sendCallback(providerTaskId, { signature: "missing" })).toBe(401);
    expect(await fake.sendCallback(providerTaskId)).toBe(200);
    await vi.waitFor(() => expect(onCallback).toHaveBeenCalledTimes(1));
    expect(onCallback).toHaveBeenCalledWith(providerTaskId);
  });

  it("accepts a timestamp a little in the past, up to five minutes", async () => {
    const ts = nowSeconds() - 290;
    const response = await post(kieBody("task_recent"), {
      "x-webhook-timestamp": String(ts),
      "x-webhook-signature": sign("task_recent", ts),
    });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(onCallback).toHaveBeenCalledWith("task_recent"));
  });

  it("refuses bodies that are not JSON, name no task, or are too large; and anything but POST", async () => {
    const ts = String(nowSeconds());
    const good = { "x-webhook-timestamp": ts, "x-webhook-signature": sign("task_a", ts) };
    expect((await post("{not json", good)).status).toBe(400);
    expect((await post({ code: 200, data: {} }, good)).status).toBe(400);
    expect((await post({ code: 200, data: { taskId: "../../etc/passwd" } }, good)).status).toBe(400);
    expect((await post({ code: 200, data: { taskId: 12345 } }, good)).status).toBe(400);

    const huge = { ...kieBody("task_a"), padding: "x".repeat(70 * 1024) };
    expect((await post(huge, good)).status).toBe(413);
    // Streamed without a length: cut off once past the limit.
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new Uint8Array(1024).fill(0x20));
        controller.close();
      },
    });
    const chunked = await fetch(hookUrl, { method: "POST", headers: good, body: streamed, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);

    const get = await fetch(hookUrl);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    await settle();
    expect(onCallback).not.toHaveBeenCalled();
  });

  it("answers 200 even when the pipeline's handler fails, and logs that", async () => {
    onCallback.mockImplementation(async () => {
      throw new Error("database unreachable");
    });
    const ts = nowSeconds();
    const response = await post(kieBody("task_err"), { "x-webhook-timestamp": String(ts), "x-webhook-signature": sign("task_err", ts) });
    expect(response.status).toBe(200);
    await vi.waitFor(() =>
      expect(log).toHaveBeenCalledWith("[kie-webhook] handling the callback of task task_err failed: database unreachable"),
    );
  });

  it("leaves the rest of the server alone", async () => {
    expect((await fetch(new URL("/healthz", server.url))).status).toBe(200);
    const graphql = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: "Query" }, extensions: { cost: { requested: 0, limit: 2_000 } } });
  });

  it("is not routed when the server has no Kie webhook configured", async () => {
    const bare = await startHttpServer(api.app, { prisma: api.prisma, host: "127.0.0.1", port: 0 });
    try {
      const ts = nowSeconds();
      const response = await fetch(new URL("/webhooks/kie", bare.url), {
        method: "POST",
        headers: { "content-type": "application/json", "x-webhook-timestamp": String(ts), "x-webhook-signature": sign("task_a", ts) },
        body: JSON.stringify(kieBody("task_a")),
      });
      expect(response.status).toBe(404);
      await settle();
      expect(onCallback).not.toHaveBeenCalled();
    } finally {
      await bare.close();
    }
  });
});

describe("signature helpers", () => {
  it("sign and verify agree with an independent HMAC, within the window only", () => {
    const key = "whk_test_key_0123456789";
    const now = 1_750_000_000_000;
    const ts = String(now / 1000);
    const signature = signKieCallback("task_1", ts, key);
    expect(signature).toBe(createHmac("sha256", key).update(`task_1.${ts}`).digest("base64"));
    const check = (overrides: Partial<Parameters<typeof kieSignatureProblem>[0]>) =>
      kieSignatureProblem({ taskId: "task_1", timestamp: ts, signature, webhookKey: key, nowMs: now, ...overrides });
    expect(check({})).toBeNull();
    expect(check({ nowMs: now + 300_000 })).toBeNull();
    expect(check({ nowMs: now + 301_000 })).toBe("stale timestamp");
    expect(check({ nowMs: now - 301_000 })).toBe("stale timestamp");
    expect(check({ taskId: "task_2" })).toBe("bad signature");
    expect(check({ webhookKey: "other" })).toBe("bad signature");
    expect(check({ signature: undefined })).toBe("missing headers");
    expect(check({ timestamp: "" })).toBe("missing headers");
    expect(check({ signature: `${signature}AAAA` })).toBe("malformed signature");
    expect(check({ signature: signature.replace(/=$/, "") })).toBeNull(); // unpadded base64 is the same digest
  });
});
