// Request hardening: document limits (depth, cost, aliases, directives, tokens),
// malformed requests, body size, CSRF, introspection switch, and the masking of
// unexpected errors with a request id that is also in the log.
import { request as httpRequest } from "node:http";
import {
  getIntrospectionQuery,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { createApp, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createPrisma, type PrismaClient } from "../src/db/prisma.ts";
import type { ErrorLogger } from "../src/http/error-reporting.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import { schema } from "../src/schema/index.ts";
import { createTestApi, TEST_BOT_TOKEN, type TestApi } from "./support/harness.ts";

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await api.prisma.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7 } });
});

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  text: string;
  ms: number;
}

async function send(
  body: BodyInit,
  { app = api.app, headers = {}, method = "POST" }: { app?: App; headers?: Record<string, string>; method?: string } = {},
): Promise<Answer> {
  const started = performance.now();
  const response = await app.fetch("http://localhost/graphql", {
    method,
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  let parsed: Answer["body"] = {};
  try {
    parsed = JSON.parse(text) as Answer["body"];
  } catch {
    // kept as text
  }
  return { status: response.status, body: parsed, text, ms: performance.now() - started };
}

const query = (document: string, app?: App) => send(JSON.stringify({ query: document }), { app });

/** A refused document: a GraphQL error, 200 or 400 (never 500), nothing executed, answered fast. */
function expectRefused(answer: Answer, message: RegExp) {
  expect([200, 400], answer.text).toContain(answer.status);
  expect(answer.body.data ?? null, answer.text).toBeNull();
  expect(answer.body.errors?.length, answer.text).toBeGreaterThan(0);
  expect(answer.body.errors!.map((e) => e.message).join("\n")).toMatch(message);
  expect(answer.ms).toBeLessThan(3000);
}

/** What every answer that ran carries: its price against the anonymous budget (query-cost.test.ts). */
const anonymousCost = (requested: number) => ({ cost: { requested, limit: 2_000 } });

function testConfig(env: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: "test", DATABASE_URL: api.databaseUrl, TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, ...env });
}

// ---------------------------------------------------------------------------------------

/**
 * A chain of `depth` nested fields from Query (fields without required arguments, the
 * last one a leaf), found in the schema itself so that it follows the schema as it grows:
 * e.g. viewer { avatars { edges { node { latestJob { avatar { … } } } } } }.
 */
function deepChain(depth: number): string | null {
  const dead = new Set<string>();
  const usable = (field: GraphQLField<unknown, unknown>) => field.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);
  function walk(type: GraphQLObjectType | GraphQLInterfaceType, remaining: number): string | null {
    const key = `${type.name}:${remaining}`;
    if (dead.has(key)) return null;
    for (const field of Object.values(type.getFields())) {
      // Anonymous requests: keep to fields an anonymous visitor may resolve.
      if (!usable(field) || field.name.startsWith("__") || (type === schema.getQueryType() && ["admin", "partner"].includes(field.name)))
        continue;
      const named = getNamedType(field.type);
      if (remaining === 1) {
        if (isLeafType(named)) return field.name;
      } else if (isObjectType(named) || isInterfaceType(named)) {
        const inner = walk(named, remaining - 1);
        // One item per page: the chain is about depth, not cost.
        const page = field.args.some((a) => a.name === "first") ? "(first: 1)" : "";
        if (inner) return `${field.name}${page} { ${inner} }`;
      }
    }
    dead.add(key);
    return null;
  }
  return walk(schema.getQueryType()!, depth);
}

describe("document limits", () => {
  /** `__type(name: "User") { fields { type { ofType { ofType … { name } } } } }`: depth 3 + levels. */
  const ofTypeChain = (levels: number) => `${"ofType { ".repeat(levels)}name${" }".repeat(levels)}`;

  it("refuses a document nested deeper than 12 levels, and serves one 12 deep", async () => {
    const twelve = deepChain(12);
    const thirteen = deepChain(13);
    expect(thirteen, "the schema has a path of 13 nested fields").not.toBeNull();
    const refused = await query(`{ ${thirteen} }`);
    expectRefused(refused, /exceeds maximum depth \(depth: 13, max: 12\)/);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("DEPTH_LIMIT_EXCEEDED");
    // Nested fragments count the same as nested fields.
    expectRefused(await query(`{ ...Deep } fragment Deep on Query { ${deepChain(30)} }`), /exceeds maximum depth \(depth: 30, max: 12\)/);

    const served = await query(`{ ${twelve} }`);
    expect(served.status).toBe(200);
    expect(served.body.errors).toBeUndefined();
  });

  it("refuses introspection nested deeper than the standard introspection query", async () => {
    // Introspection types nest without end; the Pothos check does not look inside them, the validation rule does.
    const deep = await query(`{ __type(name: "User") { fields { type { ${ofTypeChain(20)} } } } }`);
    expectRefused(deep, /exceeds maximum depth \(depth: 24, max: 15\)/);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe("DEPTH_LIMIT_EXCEEDED");

    // Through fragments, the nesting is counted all the same.
    const viaFragments = await query(`
      query { ...Root }
      fragment Root on Query { __schema { types { ...TypeFields } } }
      fragment TypeFields on __Type { fields { type { ...Chain } } }
      fragment Chain on __Type { ${ofTypeChain(14)} }
    `);
    expectRefused(viaFragments, /exceeds maximum depth \(depth: 19, max: 15\)/);

    // Ordinary fields may go 12 deep (the schema's own data cannot go deeper yet):
    // the limit only bites past it. Just inside the introspection limit is fine.
    const inside = await query(`{ __type(name: "User") { fields { type { ${ofTypeChain(11)} } } } }`);
    expect(inside.status).toBe(200);
    expect(inside.body.errors).toBeUndefined();
  });

  it("lets the standard introspection query (GraphiQL, codegen) through", async () => {
    const answer = await query(
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const types = (answer.body.data?.__schema as { types: { name: string }[] }).types.map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(["Query", "Mutation", "User", "SignInPayload"]));
  });

  it("refuses introspection that multiplies (fields within fields within fields)", async () => {
    const answer = await query(
      `{ __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }`,
    );
    expectRefused(answer, /introspection depth/i);
  });

  it("refuses nested and cyclic fragments without hanging", async () => {
    const cyclic = await query(`
      query { viewer { ...A } }
      fragment A on User { identities { provider } ...B }
      fragment B on User { ...A }
    `);
    expectRefused(cyclic, /Cannot spread fragment "A" within itself/);

    // 40 levels of fragments each spreading the next one twice: 2^40 selections once
    // expanded. Answered at once (nothing walks the expanded tree), and refused for its breadth.
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const bomb = await query(`query { ...F0 }\n${levels}\nfragment F40 on Query { pricingTiers { code } }`);
    expectRefused(bomb, /exceeds maximum breadth/);

    // Ten levels (1024 copies of one selection) is merged by execution, yet counted by cost.
    const small = Array.from({ length: 10 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const wide = await query(`query { ...F0 }\n${small}\nfragment F10 on Query { pricingTiers { code } }`);
    expectRefused(wide, /exceeds maximum (breadth|complexity)/);
  });

  it("refuses a document over the anonymous cost budget (2,000) before running it", async () => {
    // nodes: 1 + 20 ids × (avatars page: 1 + first × 1 node); query-cost.test.ts has the model.
    const document = (first: number) =>
      `{ nodes(ids: [${Array.from({ length: 20 }, (_, i) => `"x${i}"`).join(",")}]) { ... on User { avatars(first: ${first}) { edges { node { id } } } } } }`;
    const costly = await query(document(99)); // 1 + 20 × (1 + 99) = 2,001
    expectRefused(costly, /^Query cost 2001 exceeds the limit of 2000 for anonymous callers/);
    expect(costly.body.errors?.[0]?.extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      kind: "cost",
      cost: { requested: 2001, limit: 2000 },
    });

    const affordable = await query(document(98)); // 1,981
    expect(affordable.status).toBe(200);
    // Runs: each malformed id is its own INVALID_ID error, nothing about cost.
    expect(affordable.body.data).toEqual({ nodes: Array.from({ length: 20 }, () => null) });
    expect(new Set(affordable.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["INVALID_ID"]));
  });

  it("refuses more than 20 aliases", async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: pricingTiers { code }`).join(" ")} }`;
    expectRefused(await query(aliased(21)), /Aliases limit of 20 exceeded, found 21/);
    // Through a fragment, too.
    const viaFragment = await query(`query { ...Many } fragment Many on Query ${aliased(25)}`);
    expectRefused(viaFragment, /Aliases limit of 20 exceeded, found 25/);

    const twenty = await query(aliased(20));
    expect(twenty.status).toBe(200);
    expect(Object.keys(twenty.body.data ?? {})).toHaveLength(20);
  });

  it("refuses more than 20 directives", async () => {
    // A directive may appear once per field: spread them over repeated __typename selections.
    const directed = (n: number) => `{ pricingTiers { code ${"__typename @include(if: true) ".repeat(n)} } }`;
    expectRefused(await query(directed(21)), /Directives limit of 20 exceeded, found 21/);
    const twenty = await query(directed(20));
    expect(twenty.body).toEqual({ data: { pricingTiers: [{ code: "starter", __typename: "PricingTier" }] }, extensions: anonymousCost(1) });
  });

  it("refuses more than 5000 tokens", async () => {
    // `{ nodes ( ids : [ … ] ) { __typename } }` is 10 tokens around the ids.
    const withIds = (n: number) => `{ nodes(ids: [${Array.from({ length: n }, (_, i) => `"x${i}"`).join(",")}]) { __typename } }`;
    expectRefused(await query(withIds(4991)), /Document exceeds the limit of 5000 tokens/);
    const justUnder = await query(withIds(90));
    expect(justUnder.status).toBe(200);
    expect(justUnder.body.errors?.[0]?.message ?? "").not.toMatch(/limit of 5000 tokens/);
  });

  it("refuses a very wide document without hanging", async () => {
    const wide = await query(`{ ${"pricingTiers { code } ".repeat(2400)} }`);
    expect(wide.status).toBeLessThan(500);
    expect(wide.body.data ?? null).toBeNull();
    expect(wide.body.errors?.[0]?.extensions?.code).toBe("DOCUMENT_TOO_LONG");
    expect(wide.ms).toBeLessThan(3000);
  });
});

describe("document limits over graphql-ws", () => {
  let server: RunningHttpServer;
  beforeAll(async () => {
    server = await startHttpServer(api.app, { prisma: api.prisma, host: "127.0.0.1", port: 0 });
  });
  afterAll(() => server?.close());

  it("answers a refused document with an operation error and keeps the socket usable", async () => {
    let closed: number | undefined;
    const client = createClient({
      url: server.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      on: { closed: (event) => (closed = (event as CloseEvent).code) },
    });
    const run = (document: string) =>
      new Promise<{ data?: unknown; errors?: { message: string }[] }>((resolve) => {
        let value: { data?: unknown } = {};
        const timer = setTimeout(() => resolve({ errors: [{ message: "timeout" }] }), 5000);
        client.subscribe(
          { query: document },
          {
            next: (result) => (value = result),
            error: (error) => {
              clearTimeout(timer);
              resolve({
                errors: Array.isArray(error) ? error : [{ message: `socket closed: ${String((error as CloseEvent).code ?? error)}` }],
              });
            },
            complete: () => {
              clearTimeout(timer);
              resolve(value);
            },
          },
        );
      });
    try {
      const refused: [string, RegExp][] = [
        ["{ pricingTiers { ", /Syntax Error: Expected Name/],
        [`{ ${Array.from({ length: 21 }, (_, i) => `a${i}: pricingTiers { code }`).join(" ")} }`, /Aliases limit of 20 exceeded/],
        [`{ nodes(ids: [${Array.from({ length: 5000 }, () => '"x"').join(",")}]) { id } }`, /Document exceeds the limit of 5000 tokens/],
        [`{ __type(name: "User") { fields { type { ${"ofType { ".repeat(20)}name${" }".repeat(20)} } } } }`, /exceeds maximum depth/],
        [
          `{ ${Array.from({ length: 50 }, () => `nodes(ids: [${'"x",'.repeat(9)}"x"]) { ... on User { avatars(first: 100) { edges { node { id } } } } }`).join(" ")} }`,
          /^Query cost \d+ exceeds the limit of 2000/,
        ],
      ];
      for (const [document, message] of refused) {
        const outcome = await run(document);
        expect(outcome.data ?? null, document.slice(0, 40)).toBeNull();
        expect(outcome.errors?.map((e) => e.message).join("\n"), document.slice(0, 40)).toMatch(message);
      }
      expect(closed).toBeUndefined();
      expect(await run("{ pricingTiers { code } }")).toEqual({
        data: { pricingTiers: [{ code: "starter" }] },
        extensions: anonymousCost(1),
      });
    } finally {
      await client.dispose();
    }
  });
});

describe("malformed requests", () => {
  it("answers a body that is not JSON (or not a GraphQL request) with 400, never 500", async () => {
    const cases: string[] = [
      "{not json",
      "",
      "[]",
      "null",
      '"query"',
      '{"query": 5}',
      '{"query": "{ __typename }", "variables": "nope"}',
      '{"nope": 1}',
    ];
    for (const body of cases) {
      const answer = await send(body);
      expect(answer.status, body).toBe(400);
      expect(answer.body.errors?.length, body).toBeGreaterThan(0);
    }
  });

  it("answers a syntactically bad document with a parse error, never 500", async () => {
    for (const document of ["{ viewer { ", "query {", "}}}", "{ viewer(id: ) { id } }", "\u0000", "mutation"]) {
      const answer = await query(document);
      expect([200, 400], document).toContain(answer.status);
      expect(answer.body.errors?.[0]?.message, document).toMatch(/Syntax Error/);
      expect(answer.body.data ?? null).toBeNull();
      expect(answer.body.errors?.[0]?.extensions?.code, document).toBe("GRAPHQL_PARSE_FAILED");
    }
  });

  it("answers an unknown operation name and bad variables with errors, never 500", async () => {
    const unknownOperation = await send(JSON.stringify({ query: "query A { __typename }", operationName: "B" }));
    expect([200, 400]).toContain(unknownOperation.status);
    expect(unknownOperation.body.errors?.[0]?.message).toMatch(/operation/i);
    const badVariable = await send(JSON.stringify({ query: "query ($id: ID!) { node(id: $id) { id } }", variables: { id: { x: 1 } } }));
    expect([200, 400]).toContain(badVariable.status);
    expect(badVariable.body.errors?.[0]?.message).toMatch(/\$id/);
  });
});

describe("request body size", () => {
  const LIMIT = 2000;
  let small: App;
  let server: RunningHttpServer;

  beforeAll(async () => {
    small = createApp({ config: testConfig({ MAX_REQUEST_BYTES: String(LIMIT) }), prisma: api.prisma });
    server = await startHttpServer(small, { prisma: api.prisma, host: "127.0.0.1", port: 0 });
  });
  afterAll(() => server?.close());

  /** A valid request padded (with a long operation name comment) to `bytes` bytes. */
  const paddedRequest = (bytes: number) => {
    const base = JSON.stringify({ query: "{ pricingTiers { code } } #" });
    return JSON.stringify({ query: `{ pricingTiers { code } } #${"x".repeat(bytes - base.length)}` });
  };

  it("answers 413 to a declared body over MAX_REQUEST_BYTES (in-process)", async () => {
    const body = paddedRequest(LIMIT + 1);
    expect(Buffer.byteLength(body)).toBe(LIMIT + 1);
    const answer = await send(body, { app: small, headers: { "content-length": String(LIMIT + 1) } });
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");

    const fits = paddedRequest(LIMIT);
    const ok = await send(fits, { app: small, headers: { "content-length": String(LIMIT) } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ data: { pricingTiers: [{ code: "starter" }] }, extensions: anonymousCost(1) });
  });

  function raw(path: string, { method = "POST", headers = {}, chunks = [] as string[] } = {}) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(server.url);
      const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject);
      req.setTimeout(5000, () => req.destroy(new Error("timeout")));
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
  }

  it("answers 413 through the HTTP server, before reading the body", async () => {
    const body = paddedRequest(LIMIT * 5);
    const answer = await raw("/graphql", {
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      chunks: [body],
    });
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.body) as Answer["body"]).errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");

    const fits = paddedRequest(LIMIT - 10);
    const ok = await raw("/graphql", {
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(fits)) },
      chunks: [fits],
    });
    expect(ok.status).toBe(200);
  });

  it("answers 411 to a chunked body without Content-Length", async () => {
    const body = paddedRequest(LIMIT * 5);
    const answer = await raw("/graphql", {
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      chunks: [body.slice(0, 100), body.slice(100)],
    });
    expect(answer.status).toBe(411);
    expect((JSON.parse(answer.body) as Answer["body"]).errors?.[0]?.extensions?.code).toBe("LENGTH_REQUIRED");
  });
});

describe("CSRF prevention", () => {
  const getUrl = `http://localhost/graphql?query=${encodeURIComponent("{ pricingTiers { code } }")}`;

  it("refuses a GET without the x-graphql-yoga-csrf header, serves it with one", async () => {
    const refused = await api.app.fetch(getUrl, { method: "GET" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/CSRF/);
    const allowed = await api.app.fetch(getUrl, { method: "GET", headers: { "x-graphql-yoga-csrf": "1" } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { pricingTiers: [{ code: "starter" }] }, extensions: anonymousCost(1) });
  });

  it("refuses a multipart (or other simple form) POST without the header", async () => {
    const form = () => {
      const data = new FormData();
      data.set("operations", JSON.stringify({ query: "{ pricingTiers { code } }" }));
      data.set("map", "{}");
      return data;
    };
    const refused = await api.app.fetch("http://localhost/graphql", { method: "POST", body: form() });
    expect(refused.status).toBe(403);
    const textPlain = await api.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ pricingTiers { code } }" }),
    });
    expect(textPlain.status).toBe(403);

    const allowed = await api.app.fetch("http://localhost/graphql", {
      method: "POST",
      body: form(),
      headers: { "x-graphql-yoga-csrf": "1" },
    });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { pricingTiers: [{ code: "starter" }] }, extensions: anonymousCost(1) });
  });

  it("does not ask a JSON POST (preflighted by browsers) for the header", async () => {
    expect((await query("{ pricingTiers { code } }")).status).toBe(200);
  });
});

describe("introspection switch", () => {
  const schemaQuery = "{ __schema { queryType { name } } }";

  it("is on in the development configuration", async () => {
    const app = createApp({ config: testConfig({ NODE_ENV: "development", LOG_LEVEL: "error" }), prisma: api.prisma });
    const answer = await query(schemaQuery, app);
    expect(answer.body).toEqual({ data: { __schema: { queryType: { name: "Query" } } }, extensions: anonymousCost(0) });
  });

  it("is refused with INTROSPECTION=false, and by default in production", async () => {
    const off = createApp({ config: testConfig({ INTROSPECTION: "false" }), prisma: api.prisma });
    const production = createApp({
      // Trusted documents (enforced by default in production) would refuse these first: off here.
      config: testConfig({ NODE_ENV: "production", LOG_LEVEL: "error", PERSISTED_DOCUMENTS: "allow" }),
      prisma: api.prisma,
    });
    for (const app of [off, production]) {
      for (const document of [schemaQuery, '{ __type(name: "User") { name } }', getIntrospectionQuery()]) {
        expectRefused(await query(document, app), /introspection has been disabled/);
      }
      // __typename is not introspection.
      expect((await query("{ __typename }", app)).body).toEqual({ data: { __typename: "Query" }, extensions: anonymousCost(0) });
    }
  });
});

describe("unexpected errors", () => {
  let broken: PrismaClient;
  let logged: Parameters<ErrorLogger>[0][];
  let brokenApp: (env?: Record<string, string>) => App;

  beforeAll(() => {
    // A client for a database nobody listens for: every statement fails unexpectedly.
    broken = createPrisma("postgresql://postgres@127.0.0.1:1/nowhere", { poolSize: 1 });
    logged = [];
    brokenApp = (env = {}) => createApp({ config: testConfig(env), prisma: broken, logError: (entry) => logged.push(entry) });
  });
  afterAll(() => broken?.$disconnect());

  it("masks a failing resolver as 'Unexpected error' with the request id, and logs it under that id", async () => {
    logged.length = 0;
    const answer = await send(JSON.stringify({ query: "{ pricingTiers { code } }" }), {
      app: brokenApp(),
      headers: { "x-request-id": "req-abc.123" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: null,
      errors: [
        {
          message: "Unexpected error",
          locations: [{ line: 1, column: 3 }],
          path: ["pricingTiers"],
          extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-abc.123" },
        },
      ],
      extensions: anonymousCost(1),
    });
    // Nothing about the database reaches the client…
    expect(answer.text).not.toMatch(/prisma|127\.0\.0\.1|postgres|ECONNREFUSED/i);
    // …all of it reaches the log, under the same id.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ requestId: "req-abc.123", path: ["pricingTiers"] });
    expect(logged[0]!.error).toBeInstanceOf(Error);
    expect(String((logged[0]!.error as Error).message)).toMatch(/pricingTier/);
  });

  it("makes up a request id when the client sends none (or an unusable one), and logs the same one", async () => {
    const variants: Record<string, string>[] = [{}, { "x-request-id": "has spaces and ünïcode" }, { "x-request-id": "x".repeat(101) }];
    for (const headers of variants) {
      logged.length = 0;
      const answer = await send(JSON.stringify({ query: "{ styles { code } }" }), { app: brokenApp(), headers });
      const requestId = answer.body.errors?.[0]?.extensions?.requestId;
      expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(logged.map((entry) => entry.requestId)).toEqual([requestId]);
    }
  });

  it("masks it in the development configuration too", async () => {
    logged.length = 0;
    const answer = await send(JSON.stringify({ query: "{ pricingTiers { code } }" }), {
      app: brokenApp({ NODE_ENV: "development", LOG_LEVEL: "error" }),
    });
    expect(answer.body.errors?.[0]).toMatchObject({ message: "Unexpected error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(answer.text).not.toMatch(/prisma|ECONNREFUSED/i);
    expect(logged).toHaveLength(1);
  });

  it("masks a failure while checking the session the same way", async () => {
    logged.length = 0;
    const answer = await send(JSON.stringify({ query: "{ viewer { id } }" }), {
      app: brokenApp(),
      headers: { authorization: "Bearer pgs_whatever", "x-request-id": "req-session-1" },
    });
    expect(answer.status).toBe(500);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: "Unexpected error",
        extensions: expect.objectContaining({ code: "INTERNAL_SERVER_ERROR", requestId: "req-session-1" }) as unknown,
      }),
    ]);
    expect(answer.text).not.toMatch(/prisma|ECONNREFUSED/i);
    expect(logged).toEqual([expect.objectContaining({ requestId: "req-session-1", error: expect.any(Error) as unknown })]);
  });

  it("keeps expected errors (auth, validation) as they are, unlogged", async () => {
    logged.length = 0;
    const answer = await send(JSON.stringify({ query: "mutation { signOut }" }), { app: brokenApp() });
    expect(answer.body.errors?.[0]).toMatchObject({ message: "Sign in first", extensions: { code: "UNAUTHENTICATED" } });
    expect(logged).toHaveLength(0);
  });
});
