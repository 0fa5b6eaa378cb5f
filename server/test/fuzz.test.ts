// Hostile documents against a production-mode server over the network: 2,400 requests
// from a seed (FUZZ_SEED, else a fixed one; printed), every category as often as the
// others, over POST, GET, multipart, SSE and graphql-ws, as an admin session (whose
// documents reach parsing and execution) and anonymously (trusted documents only).
// None may answer 5xx, carry an internal detail or a masked unexpected error, or get its
// socket closed; the server's memory stays bounded and it serves a normal query afterwards.
// `pnpm bench:fuzz` runs the same generator for as long as asked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import { createTestApi, TEST_BOT_TOKEN, type TestApi } from "./support/harness.ts";
import {
  describeRequest,
  heldMemoryMb,
  hostileRequests,
  RawGraphqlWs,
  send,
  Tally,
  type HostileRequest,
  type Target,
} from "./support/hostile-requests.ts";

const COUNT = 2_400;
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const CONCURRENCY = 4;

let api: TestApi;
let server: RunningHttpServer;
let target: Target;

beforeAll(async () => {
  api = await createTestApi();
  await api.prisma.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7 } });
  const config = loadConfig({
    DATABASE_URL: api.databaseUrl,
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    LOG_LEVEL: "error",
    NODE_ENV: "production",
  });
  server = await startHttpServer(createApp({ config, prisma: api.prisma }), { prisma: api.prisma, host: "127.0.0.1", port: 0 });
  const staff = await api.signInAdmin("VIEWER");
  const ws = server.url.replace(/^http/, "ws");
  target = {
    url: server.url,
    headers: { staff: staff.headers, anonymous: {} },
    sockets: {
      staff: await RawGraphqlWs.open(ws, { authorization: staff.headers.authorization }),
      anonymous: await RawGraphqlWs.open(ws, {}),
    },
  };
});
afterAll(async () => {
  target?.sockets.staff.close();
  target?.sockets.anonymous.close();
  await server?.close();
});

describe("hostile documents against production", () => {
  it(
    `answers ${COUNT} of them (seed ${SEED}) without a 5xx, a leak, an unexpected error or a closed socket`,
    { timeout: 240_000 },
    async () => {
      const tally = new Tally();
      const requests: Generator<HostileRequest, unknown> = hostileRequests(SEED, COUNT);
      const sendHalf = () =>
        Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            // next() by hand: breaking out of a for…of would close the shared generator.
            for (let sent = 0; sent < COUNT / 2 / CONCURRENCY; sent++) {
              const { value: request, done } = requests.next();
              if (done) return;
              tally.add(request, await send(target, request));
            }
          }),
        );
      const started = performance.now();
      const rssBefore = process.memoryUsage().rss;
      const heldBefore = heldMemoryMb();
      await sendHalf(); // fills the document caches, warms every code path
      const heldHalfway = heldMemoryMb();
      await sendHalf();
      const heldAfter = heldMemoryMb();
      const seconds = (performance.now() - started) / 1000;
      const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
      const signed = (mb: number) => `${mb >= 0 ? "+" : ""}${mb.toFixed(0)} MB`;
      console.info(
        `fuzz (seed ${SEED}): ${COUNT} requests in ${seconds.toFixed(1)} s; held after GC ${signed(heldHalfway - heldBefore)} over the first half, ` +
          `${signed(heldAfter - heldHalfway)} over the second; RSS ${signed(rssGrowth)}\n${tally.table()}`,
      );

      const defects = tally.defects.map(
        ({ request, outcome, verdict }) =>
          `${verdict} (${outcome.status}${outcome.closed ? `, closed ${outcome.closed}` : ""}) for ${describeRequest(request)}\n  → ${outcome.text.slice(0, 300)}`,
      );
      expect(defects, `FUZZ_SEED=${SEED} reproduces these`).toEqual([]);
      expect([...tally.counts.values()].reduce((a, b) => a + b)).toBe(COUNT);
      // Memory stays bounded: once the caches are full (first half), another 1,200 requests,
      // some of megabytes, leave no more than noise behind (server and clients share this
      // process; RSS, which the allocator gives back lazily, is printed, not judged).
      expect(heldAfter - heldHalfway).toBeLessThan(64); // the cache defect it found held +500 MB per 1,200
      expect(heldAfter - heldBefore).toBeLessThan(150);
    },
  );

  it("serves a normal query afterwards, over HTTP and graphql-ws", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...target.headers.staff },
      body: JSON.stringify({ query: "{ pricingTiers { code } }" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { pricingTiers: [{ code: "starter" }] } });
    const overWs = await target.sockets.staff.run({ query: "{ pricingTiers { code } }" });
    expect(overWs.closed).toBeUndefined();
    expect(JSON.parse(overWs.text.split("\n")[0]!)).toMatchObject({
      type: "next",
      payload: { data: { pricingTiers: [{ code: "starter" }] } },
    });
  });
});
