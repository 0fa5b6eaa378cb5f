import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const CatalogueQuery = graphql(`
  query Api_Catalogue {
    pricingTiers { id code name price photoCount isPopular }
    styles { id code name description }
  }
`);

const NodeQuery = graphql(`
  query Api_Node($id: ID!) {
    node(id: $id) {
      id
      ... on PricingTier { code price }
      ... on User { name }
    }
  }
`);

const ViewerQuery = graphql(`
  query Api_Viewer { viewer { id name } }
`);

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await api.prisma.pricingTier.createMany({
    data: [
      { code: "premium", name: "Premium", price: "1499.00", photoCount: 23, sortOrder: 3 },
      { code: "starter", name: "Starter", price: "499.00", photoCount: 7, sortOrder: 1 },
      { code: "retired", name: "Retired", price: "99.00", photoCount: 1, sortOrder: 0, isActive: false },
    ],
  });
  await api.prisma.style.create({ data: { code: "professional", name: "Professional", description: "Business portraits" } });
});

describe("catalogue", () => {
  it("lists active tiers in display order, money as exact decimal strings, in one statement each", async () => {
    const result = await api.execute(CatalogueQuery);
    expect(result.errors).toBeUndefined();
    expect(result.data?.pricingTiers.map((t) => [t.code, t.price, t.photoCount])).toEqual([
      ["starter", "499", 7],
      ["premium", "1499", 23],
    ]);
    expect(result.data?.styles).toEqual([expect.objectContaining({ code: "professional", description: "Business portraits" })]);
    expect(result.statements).toHaveLength(2);
  });

  it("counts statements per request, even for requests running at the same time", async () => {
    const results = await Promise.all([api.execute(CatalogueQuery), api.execute(ViewerQuery), api.execute(CatalogueQuery)]);
    expect(results.map((r) => r.statements.length)).toEqual([2, 0, 2]);
    expect(results[0].statements.join("\n")).toMatch(/pricing_tiers/);
  });

  it("resolves a tier by its global id through node()", async () => {
    const { data } = await api.execute(CatalogueQuery);
    const starter = data!.pricingTiers[0]!;
    const result = await api.execute(NodeQuery, { id: starter.id });
    expect(result.data?.node).toEqual({ id: starter.id, code: "starter", price: "499" });
  });
});

describe("viewer and node authorization", () => {
  it("is null for an anonymous request", async () => {
    const result = await api.execute(ViewerQuery);
    expect(result).toMatchObject({ data: { viewer: null } });
    expect(result.errors).toBeUndefined();
  });

  it("does not hand a user's node to an anonymous request", async () => {
    const user = await api.prisma.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { name: "Anna", telegramUserId: 1001n } });
      await tx.userIdentity.create({ data: { userId: created.id, provider: "TELEGRAM", providerUserId: "1001" } });
      return created;
    });
    const globalId = Buffer.from(`User:${user.id}`).toString("base64");
    const result = await api.execute(NodeQuery, { id: globalId });
    expect(result.data?.node ?? null).toBeNull();
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain("Anna");
  });

  it("answers a malformed global id with a GraphQL error, not a 500", async () => {
    const result = await api.execute(NodeQuery, { id: "not-a-global-id" });
    expect(result.status).toBe(200);
    expect(result.errors?.length).toBeGreaterThan(0);
    // A typed error, as for nodes(ids:) (schema/nodes.ts replaces the relay plugin's uncoded one).
    expect(result.errors?.[0]?.message).toBe('Not a valid node id: "not-a-global-id"');
    expect(result.errors?.[0]?.extensions?.code).toBe("INVALID_ID");
    expect(result.data?.node ?? null).toBeNull();
  });
});
