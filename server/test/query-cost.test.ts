// Query cost: a list costs what its page asks for, each audience has its budget, the cost
// and the budget are in every answer, and an operation over budget runs nothing.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type NamedTypeNode,
} from "graphql";
import { createApp, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { measureOperation } from "../src/http/query-cost.ts";
import { schema } from "../src/schema/index.ts";
import { recordStatements } from "../src/db/prisma.ts";
import { createTestApi, TEST_BOT_TOKEN, type TestAdmin, type TestApi, type TestUser } from "./support/harness.ts";

let api: TestApi;
let viewer: TestAdmin;
let user: TestUser;

const DEFAULT_LIMITS = { anonymous: 2_000, user: 5_000, apiKey: 10_000, staff: 50_000 };

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: { cost?: { requested: number; limit: number } };
}

async function post(query: string, headers: Record<string, string> = {}, app: App = api.app) {
  const { result, statements } = await recordStatements(async () => {
    const response = await app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  });
  return { ...result, statements };
}

const cost = (query: string, variableValues: Record<string, unknown> = {}) =>
  measureOperation({ schema, document: parse(query), variableValues, contextValue: {} as never, limit: 0 })!.cost.requested;

/** Variables for a client document: they never set a page size, but must parse. */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(fields.map((field) => [field.name, placeholder(field.type)]));
  }
  return { Int: 1, Float: 1, Boolean: false, Decimal: "1.00", DateTime: new Date(0).toISOString() }[type.name] ?? "x";
}

function measureClientDocument(text: string) {
  const document = parse(text);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)!;
  const variableValues = Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      placeholder(typeFromAST(schema, definition.type as NamedTypeNode) as GraphQLInputType),
    ]),
  );
  return measureOperation({ schema, document, variableValues, contextValue: {} as never, limit: 0 });
}

// The admin panel's users page as a whole: 10 users, their avatars (the default page of
// 20), each avatar's first 20 photos and its latest job. It was refused at
// "complexity 7153 > 5000" when every list counted ×10 whatever it asked for.
const ADMIN_USERS_PAGE = `{ admin { users(first: 10) { totalCount edges { node { id name
  avatars { edges { node { id name status
    generatedPhotos(first: 20) { edges { node { id imageUrl } } }
    latestJob { id status progress } } } } } } } } }`;

beforeAll(async () => {
  api = await createTestApi();
  viewer = await api.signInAdmin("VIEWER");
  user = await api.signIn();
});

describe("the cost model", () => {
  it("counts objects, not scalars, and multiplies a connection's item by its page", () => {
    // photo: 1; photos page: 1 + 20 × 1 = 21; latestJob: 1; avatar: 1 + 21 + 1 = 23;
    // avatars page (default 20): 1 + 20 × 23 = 461; user: 1 + 461 = 462;
    // users page: 1 + 10 × 462 = 4,621; admin: 1 → 4,622.
    expect(cost(ADMIN_USERS_PAGE)).toBe(4_622);
    expect(cost("{ admin { users(first: 1) { edges { node { id } } } } }")).toBe(1 + 1 + 1 * 1);
    expect(cost("{ admin { users(last: 50) { edges { node { id } } pageInfo { hasNextPage } totalCount } } }")).toBe(1 + 1 + 50 * 1);
    // A page outside 1…100 serves nothing (the field's own typed error), so its items cost nothing.
    expect(cost("{ admin { users(first: 100000) { edges { node { id } } } } }")).toBe(1 + 1);
    expect(cost("{ admin { users(first: 0) { edges { node { id } } } } }")).toBe(1 + 1);
    // Plain lists (small bounded sets) count ×10; nodes(ids:) one per id.
    expect(cost("{ styles { id name } }")).toBe(1 + 10 * 0);
    expect(cost('{ sharedGallery(token: "x") { photos(first: 5) { edges { node { imageUrl } } } } }')).toBe(1 + 1 + 5 * 1);
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { id } }')).toBe(1 + 3 * 0);
  });

  it("fits every operation the client sends well within the smallest budget", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../client/src/gql/persisted-documents.json", import.meta.url), "utf8")) as Record<
      string,
      string
    >;
    const documents = Object.values(manifest);
    expect(documents.length).toBeGreaterThan(10);
    const costs: [string, number][] = [];
    for (const text of documents) {
      const measured = measureClientDocument(text);
      expect(measured, text.slice(0, 80)).toBeDefined();
      const requested = measured!.cost.requested;
      // Even the operator console's pages fit the smallest budget, with room to spare.
      expect(requested, text.slice(0, 60)).toBeLessThanOrEqual(DEFAULT_LIMITS.anonymous / 4);
      costs.push([/(?:query|mutation|subscription) (\w+)/.exec(text)?.[1] ?? "?", requested]);
    }
    console.info(
      `client documents by cost: ${costs
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([name, cost]) => `${name} ${cost}`)
        .join(", ")}`,
    );
  });
});

describe("budgets per audience", () => {
  it("runs the admin panel's realistic page for a VIEWER and reports its cost", async () => {
    const answer = await post(ADMIN_USERS_PAGE, viewer.headers);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ admin: { users: { totalCount: expect.any(Number) as unknown } } });
    expect(answer.body.extensions?.cost).toEqual({ requested: 4_622, limit: DEFAULT_LIMITS.staff });
  });

  it("refuses 100 × 100 × 100 with the cost and the limit, and runs nothing", async () => {
    const huge = `{ admin { users(first: 100) { edges { node { id
      avatars(first: 100) { edges { node { id generatedPhotos(first: 100) { edges { node { id } } } } } } } } } } }`;
    const answer = await post(huge, viewer.headers);
    // 1 + 1 + 100 × (1 + 1 + 100 × (1 + 1 + 100 × 1)) = 1,020,202
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]!.message).toBe(
      "Query cost 1020202 exceeds the limit of 50000 for admin sessions; ask for smaller pages (first/last) or fewer nested lists",
    );
    expect(answer.body.errors![0]!.extensions).toEqual({
      code: "QUERY_TOO_COMPLEX",
      kind: "cost",
      cost: { requested: 1_020_202, limit: 50_000 },
    });
    expect(answer.body.extensions?.cost).toEqual({ requested: 1_020_202, limit: 50_000 });
    // Only the admin session's own lookup reached the database.
    expect(answer.statements.filter((sql) => /"(users|avatars|generated_photos)"/.test(sql))).toEqual([]);
  });

  it("holds a signed-in user to the user budget", async () => {
    const page = (size: number) =>
      `{ viewer { avatars(first: ${size}) { edges { node { id generatedPhotos(first: ${size}) { edges { node { id } } } } } } } }`;
    // 1 + 1 + 100 × (1 + 1 + 100) = 10,202 > 5,000; at 20: 1 + 1 + 20 × 22 = 442.
    const refused = await post(page(100), user.headers);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(refused.body.errors?.[0]?.message).toMatch(/^Query cost 10202 exceeds the limit of 5000 for signed-in users/);
    const fits = await post(page(20), user.headers);
    expect(fits.body.errors).toBeUndefined();
    expect(fits.body.extensions?.cost).toEqual({ requested: 442, limit: DEFAULT_LIMITS.user });
  });

  it("gives anonymous callers and partner keys their own budgets", async () => {
    const packs = (size: number) =>
      `{ photoPacks(first: ${size}) { edges { node { id items(first: ${size}) { edges { node { id } } } } } } }`;
    // 1 + 45 × (1 + 1 + 45) = 2,116 > 2,000
    const anonymous = await post(packs(45));
    expect(anonymous.body.errors?.[0]?.message).toMatch(/^Query cost 2116 exceeds the limit of 2000 for anonymous callers/);
    expect((await post(packs(20))).body.extensions?.cost).toEqual({ requested: 1 + 20 * 22, limit: 2_000 });

    const key = await api.createApiKey(user.id, ["REFERRALS_READ"]);
    expect((await post("{ __typename }", key.headers)).body.extensions?.cost).toEqual({ requested: 0, limit: DEFAULT_LIMITS.apiKey });
    // The catalogue is public: a key reaches it, within its own budget (2,116 fits 10,000; 1 + 100 × 102 does not).
    expect((await post(packs(45), key.headers)).body.extensions?.cost).toEqual({ requested: 2_116, limit: DEFAULT_LIMITS.apiKey });
    expect((await post(packs(100), key.headers)).body.errors?.[0]?.message).toMatch(
      /^Query cost 10201 exceeds the limit of 10000 for partner API keys/,
    );
  });

  it("takes its budgets from the configuration", async () => {
    const config = loadConfig({
      DATABASE_URL: api.databaseUrl,
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      NODE_ENV: "test",
      COST_LIMIT_USER: "100",
    });
    expect(config.costLimits).toEqual({ ...DEFAULT_LIMITS, user: 100 });
    const strict = createApp({ config, prisma: api.prisma });
    const answer = await post("{ viewer { avatars { edges { node { id } } } } }", user.headers, strict);
    // 1 + 1 + 20 × 1 = 22 fits; the same at first: 100 (102) does not.
    expect(answer.body.extensions?.cost).toEqual({ requested: 22, limit: 100 });
    const over = await post("{ viewer { avatars(first: 100) { edges { node { id } } } } }", user.headers, strict);
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", cost: { requested: 102, limit: 100 } });
    expect(() => loadConfig({ DATABASE_URL: api.databaseUrl, NODE_ENV: "test", COST_LIMIT_STAFF: "0" })).toThrow(/COST_LIMIT_STAFF/);
  });
});

describe("page sizes", () => {
  it("refuses a page over 100 with a typed error, not a cost refusal", async () => {
    // Over budget as priced at face value (100,000 users), but the page size is the error.
    const huge = await post("{ photoPacks(first: 100000) { edges { node { items(first: 100) { edges { node { id } } } } } } }");
    expect(huge.body.errors?.map((e) => e.extensions?.code)).toEqual(["VALIDATION_FAILED"]);
    expect(huge.body.errors?.[0]?.message).toMatch(/at most 100/);
    const answer = await post("{ admin { users(first: 101) { edges { node { id } } } } }", viewer.headers);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(answer.body.errors?.[0]?.message).not.toMatch(/cost/i);
    const none = await post("{ admin { users(first: 0) { edges { node { id } } } } }", viewer.headers);
    expect(none.body.errors?.[0]?.extensions).toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
