// File storage: the local folder (and its /files/ route on the real HTTP server) and
// S3-compatible object storage, against a fake S3 written here that checks AWS
// Signature V4 for real (recomputed with the known secret).
import { createHash, createHmac } from "node:crypto";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import { LocalStorage } from "../src/storage/local-storage.ts";
import { S3Storage, S3StorageError } from "../src/storage/s3-storage.ts";
import { assertSafeKey, createStorage } from "../src/storage/storage.ts";
import { createTestApi, type TestApi } from "./support/harness.ts";

const UNSAFE_KEYS = ["../secret.png", "a/../../b.png", "/etc/passwd", "a//b.png", "", ".hidden/../x", "a\\b.png", "a b.png", "x?.png"];

// ---------------------------------------------------------------------------------------
// Local storage
// ---------------------------------------------------------------------------------------

describe("LocalStorage", () => {
  let directory: string;
  let storage: LocalStorage;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "pinglass-local-storage-"));
    storage = new LocalStorage({ directory, publicBaseUrl: "https://api.example.test/files/" });
  });

  it("puts, reads back with the type of its extension, and deletes", async () => {
    const body = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    await storage.put("avatars/7/ref-1.png", body);
    expect(new Uint8Array(await readFile(path.join(directory, "avatars/7/ref-1.png")))).toEqual(body);

    const read = await storage.read("avatars/7/ref-1.png");
    expect(read?.contentType).toBe("image/png");
    expect(new Uint8Array(read!.body)).toEqual(body);
    await storage.put("x/photo.JPG", new Uint8Array([1]));
    expect((await storage.read("x/photo.JPG"))?.contentType).toBe("image/jpeg");
    await storage.put("x/blob.bin", new Uint8Array([1]));
    expect((await storage.read("x/blob.bin"))?.contentType).toBe("application/octet-stream");

    await storage.delete("avatars/7/ref-1.png");
    expect(await storage.read("avatars/7/ref-1.png")).toBeNull();
    await expect(stat(path.join(directory, "avatars/7/ref-1.png"))).rejects.toThrow(/ENOENT/);
    // Deleting what is not there is fine.
    await expect(storage.delete("avatars/7/ref-1.png")).resolves.toBeUndefined();
  });

  it("overwrites a key", async () => {
    await storage.put("o/same.webp", new Uint8Array([1, 2, 3]));
    await storage.put("o/same.webp", new Uint8Array([9]));
    expect(new Uint8Array((await storage.read("o/same.webp"))!.body)).toEqual(new Uint8Array([9]));
  });

  it("gives public URLs under its base", () => {
    expect(storage.publicUrl("avatars/7/ref-1.png")).toBe("https://api.example.test/files/avatars/7/ref-1.png");
  });

  it("refuses keys that could leave its folder", async () => {
    for (const key of UNSAFE_KEYS) {
      expect(() => assertSafeKey(key), key).toThrow(/unsafe storage key/);
      await expect(storage.put(key, new Uint8Array([1])), key).rejects.toThrow(/unsafe storage key/);
      await expect(storage.delete(key), key).rejects.toThrow(/unsafe storage key/);
      expect(() => storage.publicUrl(key), key).toThrow(/unsafe storage key/);
      expect(await storage.read(key), key).toBeNull();
    }
  });
});

describe("the /files/ route", () => {
  let api: TestApi;
  let server: RunningHttpServer;
  let root: string;
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);

  beforeAll(async () => {
    api = await createTestApi();
    // The storage folder sits inside `root`; next to it, a file that must never be served.
    root = await mkdtemp(path.join(tmpdir(), "pinglass-files-route-"));
    const storage = new LocalStorage({ directory: path.join(root, "uploads"), publicBaseUrl: "http://127.0.0.1/files/" });
    await storage.put("avatars/1/a.png", png);
    await storage.put("generated/9/out.jpeg", Buffer.from("jpeg bytes"));
    await writeFile(path.join(root, "secret.png"), "TOP SECRET");
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: api.databaseUrl, PORT: "0" });
    server = await startHttpServer(createApp({ config, prisma: api.prisma, storage }), {
      prisma: api.prisma,
      host: "127.0.0.1",
      port: 0,
      storage,
    });
  });
  afterAll(() => server?.close());

  /** A request with the path sent exactly as given (fetch() would normalise `..`). */
  function get(rawPath: string, method = "GET") {
    return new Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
      const { port } = new URL(server.url);
      const req = httpRequest({ host: "127.0.0.1", port, path: rawPath, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.setTimeout(5000, () => req.destroy(new Error("timeout")));
      req.end();
    });
  }

  it("serves a stored file's bytes with its content type", async () => {
    const answer = await get("/files/avatars/1/a.png");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("image/png");
    expect(answer.headers["content-length"]).toBe(String(png.length));
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.body.equals(png)).toBe(true);

    const jpeg = await get("/files/generated/9/out.jpeg");
    expect(jpeg.headers["content-type"]).toBe("image/jpeg");
    expect(jpeg.body.toString()).toBe("jpeg bytes");
  });

  it("ignores a query string after the key", async () => {
    const answer = await get("/files/avatars/1/a.png?v=2");
    expect(answer.status).toBe(200);
    expect(answer.body.equals(png)).toBe(true);
  });

  it("answers 404 for a missing file and for anything but GET", async () => {
    expect((await get("/files/avatars/1/missing.png")).status).toBe(404);
    expect((await get("/files/")).status).toBe(404);
    expect((await get("/files/avatars/1/a.png", "DELETE")).status).toBe(404);
    expect((await get("/files/avatars/1/a.png", "PUT")).status).toBe(404);
  });

  it("answers 404 to path traversal, plain or encoded", async () => {
    const attempts = [
      "/files/../../etc/passwd",
      "/files/../secret.png",
      "/files/..%2fsecret.png",
      "/files/..%2F..%2Fetc%2Fpasswd",
      "/files/%2e%2e/secret.png",
      "/files/%2e%2e%2fsecret.png",
      "/files/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "/files/avatars/..%2f..%2fsecret.png",
      "/files/avatars/1/..%2f..%2f..%2fsecret.png",
      "/files/%252e%252e%252fsecret.png",
      "/files/..%5csecret.png",
      "/files/..\\secret.png",
      "/files//etc/passwd",
      "/files/%2fetc%2fpasswd",
      "/files/avatars/1/a.png%00.txt",
      "/files/%E0%A4%A",
      "/files/.%2e/secret.png",
    ];
    for (const attempt of attempts) {
      const answer = await get(attempt);
      expect(answer.status, attempt).toBe(404);
      expect(answer.body.toString(), attempt).not.toMatch(/TOP SECRET|root:/);
    }
  });
});

// ---------------------------------------------------------------------------------------
// S3, against a fake S3 that verifies Signature V4
// ---------------------------------------------------------------------------------------

const ACCESS_KEY = "AKIAFAKEEXAMPLE";
const SECRET_KEY = "fake/secret+Key0123456789abcdefEXAMPLE";
const REGION = "ru-central1";
const BUCKET = "pinglass-test";

interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  signatureValid: boolean;
}

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/** Why a request's SigV4 signature is wrong, or null when it is right (per the AWS spec). */
function signatureProblem(req: IncomingMessage, rawPath: string, body: Buffer): { code: string; message: string } | null {
  const auth = AUTHORIZATION.exec(req.headers.authorization ?? "");
  if (!auth) return { code: "AccessDenied", message: "Authorization header missing or not AWS4-HMAC-SHA256" };
  const [, accessKey, date, region, signedHeaderList, signature] = auth as unknown as string[];
  if (accessKey !== ACCESS_KEY) return { code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist" };
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== date) return { code: "AccessDenied", message: "bad x-amz-date" };
  const skew = Math.abs(Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z")) - Date.now());
  if (!(skew < 15 * 60_000)) return { code: "RequestTimeTooSkewed", message: "x-amz-date too far from now" };
  if (region !== REGION) return { code: "AuthorizationHeaderMalformed", message: `region ${region}` };
  const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
  if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256Hex(body)) {
    return { code: "XAmzContentSHA256Mismatch", message: "x-amz-content-sha256 does not match the body" };
  }
  const signedHeaders = signedHeaderList!.split(";");
  for (const required of ["host", "x-amz-date", "x-amz-content-sha256"]) {
    if (!signedHeaders.includes(required)) return { code: "AccessDenied", message: `${required} is not signed` };
  }
  const [pathname, search = ""] = rawPath.split("?") as [string, string?];
  const canonicalUri = pathname
    .split("/")
    .map((segment) => rfc3986(decodeURIComponent(segment)))
    .join("/");
  const canonicalQuery = [...new URLSearchParams(search)]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a, x], [b, y]) => (a! < b! ? -1 : a! > b! ? 1 : x! < y! ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalHeaders = signedHeaders
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? "")
          .trim()
          .replace(/\s+/g, " ")}\n`,
    )
    .join("");
  const canonicalRequest = [req.method, canonicalUri, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join("\n");
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${SECRET_KEY}`, date), region), "s3"), "aws4_request");
  const expected = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  return expected === signature
    ? null
    : { code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided." };
}

const s3Error = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>FAKE</RequestId></Error>`;

interface FakeS3 {
  endpoint: string;
  objects: Map<string, { body: Buffer; contentType: string | undefined }>;
  requests: RecordedRequest[];
  /** Answers the next requests with this status and body instead of serving them. */
  failures: { status: number; code: string }[];
  close(): Promise<void>;
}

async function startFakeS3(): Promise<FakeS3> {
  const objects: FakeS3["objects"] = new Map();
  const requests: RecordedRequest[] = [];
  const failures: FakeS3["failures"] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const rawPath = req.url ?? "/";
      const problem = signatureProblem(req, rawPath, body);
      requests.push({ method: req.method!, path: rawPath, headers: req.headers, body, signatureValid: problem === null });
      const reply = (status: number, xml?: string) => {
        res.writeHead(status, xml ? { "content-type": "application/xml" } : {});
        res.end(xml);
      };
      const failure = failures.shift();
      if (failure) return reply(failure.status, s3Error(failure.code, `injected ${failure.status}`));
      if (problem) return reply(403, s3Error(problem.code, problem.message));
      const match = /^\/([^/?]+)\/([^?]+)$/.exec(rawPath);
      if (!match || match[1] !== BUCKET) return reply(404, s3Error("NoSuchBucket", "The specified bucket does not exist"));
      const key = decodeURIComponent(match[2]!);
      if (req.method === "PUT") {
        if (req.headers["content-length"] !== String(body.length)) return reply(400, s3Error("IncompleteBody", "length mismatch"));
        objects.set(key, { body, contentType: req.headers["content-type"] });
        res.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
        return res.end();
      }
      if (req.method === "DELETE") {
        // Real S3 answers 204 either way; some compatible stores answer 404 for a missing key.
        if (!objects.delete(key)) return reply(404, s3Error("NoSuchKey", "The specified key does not exist."));
        return reply(204);
      }
      return reply(405, s3Error("MethodNotAllowed", "not in this fake"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    failures,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("S3Storage", () => {
  let fake: FakeS3;
  const s3 = (overrides: Partial<ConstructorParameters<typeof S3Storage>[0]> = {}) =>
    new S3Storage({
      endpoint: fake.endpoint,
      region: REGION,
      bucket: BUCKET,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET_KEY,
      ...overrides,
    });

  beforeAll(async () => {
    fake = await startFakeS3();
  });
  afterAll(() => fake?.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.failures.length = 0;
  });

  it("PUTs the object path-style, signed with SigV4", async () => {
    const body = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));
    await s3().put("avatars/12/ref-1.jpg", body, "image/jpeg");

    expect(fake.objects.get("avatars/12/ref-1.jpg")).toEqual({ body: Buffer.from(body), contentType: "image/jpeg" });
    expect(fake.requests).toHaveLength(1);
    const [put] = fake.requests;
    expect(put).toMatchObject({ method: "PUT", path: `/${BUCKET}/avatars/12/ref-1.jpg`, signatureValid: true });
    expect(put!.headers.authorization).toMatch(AUTHORIZATION);
    const today = new Date().toISOString().slice(0, 10).replaceAll("-", "");
    expect(put!.headers.authorization).toContain(`Credential=${ACCESS_KEY}/`);
    expect(put!.headers.authorization).toMatch(new RegExp(`Credential=${ACCESS_KEY}/(${today}|\\d{8})/${REGION}/s3/aws4_request`));
    expect(put!.headers.authorization).toMatch(/SignedHeaders=[^,]*host[^,]*x-amz-content-sha256[^,]*x-amz-date/);
    expect(put!.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(put!.headers["x-amz-content-sha256"]).toMatch(/^(UNSIGNED-PAYLOAD|[0-9a-f]{64})$/);
  });

  it("sends exactly the bytes of a view into a larger buffer", async () => {
    const backing = Buffer.alloc(1000, 0xaa);
    backing.set([1, 2, 3, 4, 5], 100);
    const view = backing.subarray(100, 105);
    await s3().put("generated/1/view.png", view, "image/png");
    expect(fake.objects.get("generated/1/view.png")?.body).toEqual(Buffer.from([1, 2, 3, 4, 5]));
  });

  it("surfaces a refused signature (wrong secret) and a wrong access key as errors", async () => {
    const wrongSecret = s3({ secretAccessKey: "not-the-secret" }).put("a/denied.png", new Uint8Array([1]), "image/png");
    await expect(wrongSecret).rejects.toBeInstanceOf(S3StorageError);
    await expect(wrongSecret).rejects.toThrow(/403[\s\S]*SignatureDoesNotMatch/);
    expect(fake.requests.at(-1)?.signatureValid).toBe(false);

    await expect(s3({ accessKeyId: "AKIAWHOISTHIS" }).put("a/denied.png", new Uint8Array([1]), "image/png")).rejects.toThrow(
      /403[\s\S]*InvalidAccessKeyId/,
    );
    await expect(s3({ region: "us-east-1" }).put("a/denied.png", new Uint8Array([1]), "image/png")).rejects.toThrow(/403/);
    expect(fake.objects.has("a/denied.png")).toBe(false);
  });

  it("surfaces a 403 and a lasting 500 from S3 as errors, retrying server errors a bounded number of times", async () => {
    fake.failures.push({ status: 403, code: "AccessDenied" });
    await expect(s3().put("a/forbidden.png", new Uint8Array([1]), "image/png")).rejects.toThrow(/403[\s\S]*AccessDenied/);
    expect(fake.requests).toHaveLength(1); // a 4xx is final

    fake.requests.length = 0;
    fake.failures.push(...Array.from({ length: 10 }, () => ({ status: 500, code: "InternalError" })));
    const started = performance.now();
    await expect(s3().put("a/broken.png", new Uint8Array([1]), "image/png")).rejects.toThrow(/500[\s\S]*InternalError/);
    expect(fake.requests).toHaveLength(3); // the first try and two retries
    expect(performance.now() - started).toBeLessThan(3000);
    expect(fake.objects.has("a/broken.png")).toBe(false);
  });

  it("gets through a transient 503", async () => {
    fake.failures.push({ status: 503, code: "SlowDown" });
    await s3().put("a/retried.png", new Uint8Array([7, 7]), "image/png");
    expect(fake.requests.map((r) => r.signatureValid)).toEqual([true, true]);
    expect(fake.objects.get("a/retried.png")?.body).toEqual(Buffer.from([7, 7]));
  });

  it("DELETEs an object, tolerating one that is already gone (404)", async () => {
    await s3().put("a/gone.png", new Uint8Array([1]), "image/png");
    await s3().delete("a/gone.png");
    expect(fake.objects.has("a/gone.png")).toBe(false);
    expect(fake.requests.at(-1)).toMatchObject({ method: "DELETE", path: `/${BUCKET}/a/gone.png`, signatureValid: true });

    await expect(s3().delete("a/gone.png")).resolves.toBeUndefined();
    expect(fake.requests.at(-1)?.path).toBe(`/${BUCKET}/a/gone.png`);

    await expect(s3({ secretAccessKey: "wrong" }).delete("a/other.png")).rejects.toThrow(/403[\s\S]*SignatureDoesNotMatch/);
    fake.failures.push(...Array.from({ length: 3 }, () => ({ status: 500, code: "InternalError" })));
    await expect(s3().delete("a/other.png")).rejects.toBeInstanceOf(S3StorageError);
  });

  it("refuses unsafe keys before sending anything", async () => {
    for (const key of UNSAFE_KEYS) {
      await expect(s3().put(key, new Uint8Array([1]), "image/png"), key).rejects.toThrow(/unsafe storage key/);
      await expect(s3().delete(key), key).rejects.toThrow(/unsafe storage key/);
      expect(() => s3().publicUrl(key), key).toThrow(/unsafe storage key/);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("builds public URLs from S3_PUBLIC_URL, or from the endpoint and bucket", () => {
    const env = {
      NODE_ENV: "test",
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: "https://storage.yandexcloud.net/",
      S3_REGION: REGION,
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: SECRET_KEY,
    };
    const direct = createStorage(loadConfig(env));
    expect(direct).toBeInstanceOf(S3Storage);
    expect(direct.publicUrl("avatars/1/a.png")).toBe(`https://storage.yandexcloud.net/${BUCKET}/avatars/1/a.png`);

    const viaCdn = createStorage(loadConfig({ ...env, S3_PUBLIC_URL: "https://cdn.pinglass.test/media/" }));
    expect(viaCdn.publicUrl("avatars/1/a.png")).toBe("https://cdn.pinglass.test/media/avatars/1/a.png");

    expect(createStorage(loadConfig({ NODE_ENV: "test", STORAGE_LOCAL_DIR: tmpdir() }))).toBeInstanceOf(LocalStorage);
  });

  it("writes through the configured storage into the fake bucket", async () => {
    const storage = createStorage(
      loadConfig({
        NODE_ENV: "test",
        STORAGE_DRIVER: "s3",
        S3_ENDPOINT: `${fake.endpoint}/`,
        S3_REGION: REGION,
        S3_BUCKET: BUCKET,
        S3_ACCESS_KEY_ID: ACCESS_KEY,
        S3_SECRET_ACCESS_KEY: SECRET_KEY,
      }),
    );
    await storage.put("generated/5/final.webp", new Uint8Array([5, 5, 5]), "image/webp");
    expect(fake.objects.get("generated/5/final.webp")).toEqual({ body: Buffer.from([5, 5, 5]), contentType: "image/webp" });
    expect(fake.requests.every((r) => r.signatureValid)).toBe(true);
  });
});
