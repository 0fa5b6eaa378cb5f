// Production mode (NODE_ENV=production, trusted documents enforced) against hostile
// input: documents nested past any parser's stack, over every transport; nothing internal
// in any answer; the smaller findings of the outside probe (aliases of __typename,
// multipart status, nodes(ids) with a bad id, sharedGallery in every mode).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createApp, DOCUMENT_LIMITS, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { guardedParse, nestsDeeperThan } from "../src/http/document-guard.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import { createTestApi, TEST_BOT_TOKEN, type TestAdmin, type TestApi } from "./support/harness.ts";
import { INTERNALS } from "./support/hostile-requests.ts";

let api: TestApi;
let production: App;
let development: App;
let staff: TestAdmin;
let server: RunningHttpServer;

beforeAll(async () => {
  api = await createTestApi();
  const config = (env: Record<string, string>) =>
    loadConfig({ DATABASE_URL: api.databaseUrl, TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, LOG_LEVEL: "error", ...env });
  production = createApp({ config: config({ NODE_ENV: "production" }), prisma: api.prisma });
  development = createApp({ config: config({ NODE_ENV: "development" }), prisma: api.prisma });
  staff = await api.signInAdmin("VIEWER");
  server = await startHttpServer(production, { prisma: api.prisma, host: "127.0.0.1", port: 0 });
});
afterAll(() => server?.close());

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

/** GraphQL over HTTP's own media type: request errors are 400 (with `application/json`, 200: see README). */
const GRAPHQL_RESPONSE = "application/graphql-response+json";

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: Answer["body"] = {};
  try {
    body = JSON.parse(text) as Answer["body"];
  } catch {
    // an event stream, kept as text
  }
  return { status: response.status, text, body };
}

type Transport = "POST" | "GET" | "multipart" | "SSE";

function send(app: App, transport: Transport, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const url = "http://localhost/graphql";
  const common = { accept: GRAPHQL_RESPONSE, "x-graphql-yoga-csrf": "1", ...headers };
  if (transport === "GET") return Promise.resolve(app.fetch(`${url}?query=${encodeURIComponent(query)}`, { headers: common })).then(answer);
  if (transport === "multipart") {
    const form = new FormData();
    form.set("operations", JSON.stringify({ query }));
    form.set("map", "{}");
    return Promise.resolve(app.fetch(url, { method: "POST", body: form, headers: common })).then(answer);
  }
  return Promise.resolve(
    app.fetch(url, {
      method: "POST",
      body: JSON.stringify({ query }),
      headers: { ...common, "content-type": "application/json", ...(transport === "SSE" ? { accept: "text/event-stream" } : {}) },
    }),
  ).then(answer);
}

const nested = (field: string, depth: number) => `{ ${`${field} { `.repeat(depth)}id${" }".repeat(depth)} }`;
const hostileDocuments: [string, string][] = [
  ...[100, 1_000, 10_000, 100_000].flatMap((depth): [string, string][] => [
    [`viewer/referredBy × ${depth}`, `{ viewer ${nested("referredBy", depth)} }`],
    [`unknown field × ${depth}`, nested("a", depth)],
    [`list value × ${depth}`, `{ nodes(ids: ${"[".repeat(depth)}"x"${"]".repeat(depth)}) { id } }`],
  ]),
  ["1 MB of {", "{".repeat(1 << 20)],
];

const tooDeep = new RegExp(`Document nesting exceeds the limit of ${DOCUMENT_LIMITS.nesting} levels`);

describe("documents nested past the parser's stack", () => {
  it("are measured without recursion, each in well under 50 ms", () => {
    const parse = guardedParse({ maxNesting: DOCUMENT_LIMITS.nesting, maxTokens: DOCUMENT_LIMITS.tokens });
    for (const [name, document] of hostileDocuments) {
      expect(() => parse(document), name).toThrow(tooDeep);
      // The best of three, so that a collection pause of the test process is not counted.
      const times = [0, 1, 2].map(() => {
        const started = performance.now();
        expect(() => parse(document)).toThrow(tooDeep);
        return performance.now() - started;
      });
      expect(Math.min(...times), name).toBeLessThan(50);
    }
    // Brackets inside strings, block strings and comments are not nesting.
    expect(nestsDeeperThan(`{ a(s: "${"{".repeat(100)}", b: """${"[".repeat(100)}\\""" """) # ${"(".repeat(100)}\n }`, 3)).toBe(false);
    expect(nestsDeeperThan("{{{{", 3)).toBe(true);
    // The deepest document the client sends passes with room to spare.
    expect(nestsDeeperThan(nested("a", 40), DOCUMENT_LIMITS.nesting)).toBe(false);
  });

  for (const transport of ["POST", "GET", "multipart", "SSE"] as const) {
    it(`get a clean error naming the limit over ${transport}, in production and development`, async () => {
      for (const [name, document] of hostileDocuments) {
        for (const [who, app, headers] of [
          ["staff in production", production, staff.headers],
          ["anonymous in development", development, {}],
        ] as const) {
          const started = performance.now();
          const result = await send(app, transport, document, headers);
          const label = `${transport} ${name} (${who})`;
          expect(performance.now() - started, label).toBeLessThan(1000);
          if (transport === "multipart" && document.length > 1_000_000) {
            // Past Yoga's 1 MB limit for one form field: refused before anything parses.
            expect(result.status, label).toBe(400);
            expect(result.body.errors?.[0]?.message, label).toMatch(/invalid multipart data/);
          } else if (transport === "SSE") {
            // An event stream reports the error as its one event (GraphQL over SSE).
            expect(result.status, label).toBe(200);
            expect(result.text, label).toMatch(tooDeep);
            expect(result.text, label).toContain('"code":"DOCUMENT_TOO_DEEP"');
          } else {
            expect(result.status, `${label}: ${result.text.slice(0, 200)}`).toBe(400);
            expect(result.body.errors?.[0]?.message, label).toMatch(tooDeep);
            expect(result.body.errors?.[0]?.extensions, label).toEqual({ code: "DOCUMENT_TOO_DEEP", limit: DOCUMENT_LIMITS.nesting });
          }
        }
      }
    });
  }

  it("are refused for anonymous callers in production before anything parses (trusted documents only)", async () => {
    for (const [name, document] of hostileDocuments) {
      const result = await send(production, "POST", document);
      expect(result.status, name).toBe(400);
      expect(result.body.errors?.[0]?.extensions?.code, name).toBe("PERSISTED_DOCUMENT_REQUIRED");
    }
  });

  it("answer 200 with the error under Accept: application/json, as GraphQL over HTTP specifies", async () => {
    const result = await send(production, "POST", nested("a", 1000), { ...staff.headers, accept: "application/json" });
    expect(result.status).toBe(200);
    expect(result.body.errors?.[0]?.extensions?.code).toBe("DOCUMENT_TOO_DEEP");
  });

  it("over graphql-ws get an error for that operation, anonymous or staff, and the socket stays open", async () => {
    const url = server.url.replace(/^http/, "ws");
    const closes: number[] = [];
    const connect = (connectionParams: Record<string, unknown>): Client =>
      createClient({
        url,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        connectionParams,
        on: { closed: (event) => closes.push((event as CloseEvent).code) },
      });
    const run = (client: Client, query: string) =>
      new Promise<{ data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }>((resolve) => {
        let value = {};
        const timer = setTimeout(() => resolve({ errors: [{ message: "timeout" }] }), 5000);
        client.subscribe(
          { query },
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
    const anonymous = connect({});
    const admin = connect({ authorization: staff.headers.authorization });
    try {
      for (const client of [anonymous, admin]) {
        for (const [name, document] of hostileDocuments) {
          const outcome = await run(client, document);
          expect(outcome.errors?.[0]?.message, name).toMatch(tooDeep);
          expect(outcome.errors?.[0]?.extensions, name).toEqual({ code: "DOCUMENT_TOO_DEEP", limit: DOCUMENT_LIMITS.nesting });
        }
      }
      expect(await run(admin, "{ __typename }")).toMatchObject({ data: { __typename: "Query" } });
      expect(closes).toEqual([]);
    } finally {
      await anonymous.dispose();
      await admin.dispose();
    }
  });
});

describe("nothing internal in production answers", () => {
  const malformed: { name: string; body: BodyInit; headers?: Record<string, string> }[] = [
    ...[
      "{not json",
      "",
      "[]",
      "null",
      '"query"',
      '{"query": 5}',
      '{"query": "{ __typename }", "variables": "nope"}',
      '{"nope": 1}',
      "\u0000",
      '{"query": "{ __typename }", "extensions": 5}',
    ].map((body) => ({ name: `body ${JSON.stringify(body)}`, body })),
    ...[
      "{ pricingTierz { code } }",
      "{ pricingTiers { codee } }",
      "{ viewer { avatars(frist: 1) { totalCount } } }",
      "query ($s: String!) { sharedGallery(tokn: $s) { id } }",
      "{ pricingTiers { ...F } } fragment F on PricingTer { code }",
      "{ viewer { ",
      "query ($x: Int!) { pricingTiers { code } }",
      '{ nodes(ids: ["0"]) { ... on Usr { id } } }',
    ].map((query) => ({ name: query, body: JSON.stringify({ query }) })),
    {
      name: "wrong variable type",
      body: JSON.stringify({ query: "query ($t: String!) { sharedGallery(token: $t) { id } }", variables: { t: { a: 1 } } }),
    },
    {
      name: "enum variable with a typo",
      body: JSON.stringify({ query: "query ($r: AdminRole!) { __typename }", variables: { r: "ADMN" } }),
    },
  ];

  it("for every malformed input the suite knows", async () => {
    for (const { name, body } of malformed) {
      for (const headers of [staff.headers, {}]) {
        const response = await production.fetch("http://localhost/graphql", {
          method: "POST",
          body,
          headers: { "content-type": "application/json", accept: GRAPHQL_RESPONSE, ...headers },
        });
        const result = await answer(response);
        expect(result.status, `${name}: ${result.text}`).toBeLessThan(500);
        expect(result.text, name).not.toMatch(INTERNALS);
      }
    }
    const badForms = [
      ["{bad", "{}"],
      [JSON.stringify({ query: "{ __typename }" }), "[1"],
    ];
    for (const [operations, map] of badForms) {
      const form = new FormData();
      form.set("operations", operations!);
      form.set("map", map!);
      const result = await answer(
        await production.fetch("http://localhost/graphql", { method: "POST", body: form, headers: { "x-graphql-yoga-csrf": "1" } }),
      );
      expect(result.text).not.toMatch(INTERNALS);
    }
  });

  it("while development still suggests and shows the JSON parser's message", async () => {
    const typo = await answer(
      await development.fetch("http://localhost/graphql", {
        method: "POST",
        body: JSON.stringify({ query: "{ pricingTierz { code } }" }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "pricingTiers"\?/);
    const notJson = await answer(
      await development.fetch("http://localhost/graphql", {
        method: "POST",
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
    );
    expect(notJson.text).toMatch(/originalError/);
  });

  it("keeps the message otherwise: production names the unknown field, without the suggestion", async () => {
    const result = await answer(
      await production.fetch("http://localhost/graphql", {
        method: "POST",
        body: JSON.stringify({ query: "{ pricingTierz { code } }" }),
        headers: { "content-type": "application/json", ...staff.headers },
      }),
    );
    expect(result.body.errors?.[0]?.message).toBe('Cannot query field "pricingTierz" on type "Query".');
  });
});

describe("smaller findings", () => {
  it("counts __typename aliases against the alias limit", async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    const over = await send(production, "POST", aliased(DOCUMENT_LIMITS.aliases + 1), staff.headers);
    expect(over.body.errors?.[0]?.message).toMatch(/Aliases limit of 20 exceeded, found 21/);
    const at = await send(production, "POST", aliased(DOCUMENT_LIMITS.aliases), staff.headers);
    expect(Object.keys(at.body.data ?? {})).toHaveLength(DOCUMENT_LIMITS.aliases);
    // A plain __typename (urql adds one to every selection) is no alias.
    expect((await send(production, "POST", "{ __typename pricingTiers { __typename } }", staff.headers)).body.errors).toBeUndefined();
  });

  it("answers a multipart request with malformed operations or map with 400", async () => {
    for (const [operations, map] of [
      ["{bad", "{}"],
      [JSON.stringify({ query: "{ __typename }" }), "[1"],
      // JSON, but not a request (Yoga's parser answered 500 to these, found by the fuzz suite).
      ["null", '{"0": ["variables.f"]}'],
      ["null", "{}"],
      ["5", "{}"],
    ]) {
      const form = new FormData();
      form.set("operations", operations!);
      form.set("map", map!);
      const result = await answer(
        await production.fetch("http://localhost/graphql", { method: "POST", body: form, headers: { "x-graphql-yoga-csrf": "1" } }),
      );
      expect(result.status, result.text).toBe(400);
      expect(result.body.errors?.[0]?.message).toMatch(/must be a valid JSON string|is a JSON object with a `query`/);
      expect(result.text).not.toMatch(INTERNALS);
    }
    // The same over plain JSON: a body that is JSON but not a request object, nor a list of them.
    for (const body of ["null", "5", '"x"', "[5]", "[null]"]) {
      const result = await answer(
        await production.fetch("http://localhost/graphql", {
          method: "POST",
          body,
          headers: { "content-type": "application/json", accept: GRAPHQL_RESPONSE, ...staff.headers },
        }),
      );
      expect(result.status, `${body}: ${result.text}`).toBe(400);
      expect(result.text, body).not.toMatch(INTERNALS);
    }
  });

  it("refuses text with a NUL character (PostgreSQL cannot store it) as bad input, before anything runs", async () => {
    const search = "query ($s: String) { admin { savedPrompts(first: 1, filter: { search: $s }) { totalCount } } }";
    for (const [query, variables] of [
      [search, { s: "a\u0000b" }],
      ['{ admin { savedPrompts(first: 1, filter: { search: "a\\u0000b" }) { totalCount } } }', undefined],
      [
        "mutation ($input: OpenSupportTicketInput!) { openSupportTicket(input: $input) { __typename } }",
        { input: { category: "GENERAL", subject: "Hello", message: "deep \u0000 inside" } },
      ],
    ] as const) {
      const response = await production.fetch("http://localhost/graphql", {
        method: "POST",
        body: JSON.stringify({ query, variables }),
        headers: { "content-type": "application/json", ...staff.headers },
      });
      const result = await answer(response);
      expect(result.body.data ?? null, result.text).toBeNull();
      expect(result.body.errors?.[0]?.extensions?.code, result.text).toBe("BAD_USER_INPUT");
      expect(result.body.errors?.[0]?.message).toMatch(/^Text may not contain the NUL character \(U\+0000\)/);
    }
    // Other unusual text is stored as it is.
    const fine = await send(
      production,
      "POST",
      '{ admin { savedPrompts(first: 1, filter: { search: "\u202e\ud83d\ude00é" }) { totalCount } } }',
      staff.headers,
    );
    expect(fine.body.errors, fine.text).toBeUndefined();
  });

  it("answers sharedGallery with a short or unknown token with null in every mode", async () => {
    const query = 'query { sharedGallery(token: "abc") { __typename } }';
    const test = createApp({
      config: loadConfig({ NODE_ENV: "test", DATABASE_URL: api.databaseUrl, TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN }),
      prisma: api.prisma,
    });
    for (const app of [development, test]) {
      for (const token of ["abc", "x".repeat(43)]) {
        const result = await send(app, "POST", query.replace("abc", token));
        expect(result.body, token).toMatchObject({ data: { sharedGallery: null } });
        expect(result.body.errors, token).toBeUndefined();
      }
    }
    const result = await send(production, "POST", query, staff.headers);
    expect(result.body).toMatchObject({ data: { sharedGallery: null } });
    expect(result.body.errors).toBeUndefined();
  });

  it("gives nodes(ids:) a null and an error at each bad id's position, and loads the others", async () => {
    const user = await api.signIn({ name: "Nodes" });
    const good = encodeGlobalID("User", user.id);
    const ids = ["0", good, encodeGlobalID("NoSuchType", 1), "%%%", encodeGlobalID("User", "not-a-number"), good];
    const result = await send(production, "POST", `{ nodes(ids: ${JSON.stringify(ids)}) { id } }`, staff.headers);
    expect(result.status, result.text).toBe(200);
    expect(result.body.data, result.text).toEqual({ nodes: [null, { id: good }, null, null, null, { id: good }] });
    const errors = result.body.errors ?? [];
    expect(errors.map((e) => e.path)).toEqual([
      ["nodes", 0],
      ["nodes", 2],
      ["nodes", 3],
      ["nodes", 4],
    ]);
    expect(errors.every((e) => e.extensions?.code === "INVALID_ID")).toBe(true);
    expect(errors[0]!.message).toBe('Not a valid node id: "0"');
  });
});
