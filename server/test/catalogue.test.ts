// The public catalogue: tiers, styles and photo packs. Anyone may read what is active;
// nobody sees a retired row, through a list or through node(id); prompt texts never leave.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";
import { expectStaffOnly, fieldsBeyond } from "./support/staff-fields.ts";

const PhotoPacksQuery = graphql(`
  query Catalogue_PhotoPacks($first: Int, $after: String) {
    photoPacks(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          name
          description
          coverUrl
          isActive
          items(first: 50) {
            totalCount
            edges { node { id position title previewUrl } }
          }
        }
      }
    }
  }
`);

const PhotoPackQuery = graphql(`
  query Catalogue_PhotoPack($id: ID!) {
    photoPack(id: $id) { id name items { edges { node { position title } } } }
  }
`);

const CatalogueNodeQuery = graphql(`
  query Catalogue_Node($id: ID!) {
    node(id: $id) {
      id
      ... on PricingTier { code }
      ... on Style { code }
      ... on PhotoPack { name }
      ... on PackItem { title }
    }
  }
`);

const StylesQuery = graphql(`
  query Catalogue_Styles {
    styles { code promptCount }
    pricingTiers { code }
  }
`);

const SECRET_PROMPT = "SECRET-PROMPT-TEXT lit by a 85mm lens";
const SECRET_NEGATIVE = "SECRET-NEGATIVE blurry";

let api: TestApi;
let user: TestUser;
const ids = {} as Record<
  | "activeTier"
  | "retiredTier"
  | "activeStyle"
  | "retiredStyle"
  | "summerPack"
  | "officePack"
  | "retiredPack"
  | "itemOfRetiredPack"
  | "itemWithRetiredPrompt"
  | "firstSummerItem",
  string
>;

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

/** A pack with `count` items over fresh active prompts, positions 0…count-1. */
async function createPack(name: string, count: number, options: { isActive?: boolean; sortOrder?: number } = {}) {
  return api.prisma.photoPack.create({
    data: {
      name,
      ...options,
      items: {
        create: Array.from({ length: count }, (_, position) => ({
          position,
          prompt: { create: { title: `${name} #${position}`, prompt: SECRET_PROMPT, negativePrompt: SECRET_NEGATIVE } },
        })),
      },
    },
    include: { items: { orderBy: { position: "asc" } } },
  });
}

beforeAll(async () => {
  api = await createTestApi();
  user = await api.signIn({ name: "Catalogue Reader" });
  const [activeTier, retiredTier] = await Promise.all([
    api.prisma.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7 } }),
    api.prisma.pricingTier.create({ data: { code: "retired", name: "Retired", price: "99.00", photoCount: 1, isActive: false } }),
  ]);
  const [activeStyle, retiredStyle] = await Promise.all([
    api.prisma.style.create({ data: { code: "professional", name: "Professional", sortOrder: 1 } }),
    api.prisma.style.create({ data: { code: "vintage", name: "Vintage", isActive: false } }),
  ]);
  await api.prisma.savedPrompt.createMany({
    data: [
      { title: "Office", prompt: SECRET_PROMPT, styleId: activeStyle.id },
      { title: "Studio", prompt: SECRET_PROMPT, styleId: activeStyle.id },
      { title: "Old studio", prompt: SECRET_PROMPT, styleId: activeStyle.id, isActive: false },
    ],
  });

  // Displayed second although created first: packs list by sortOrder.
  const office = await createPack("Office", 1, { sortOrder: 2 });
  const summer = await api.prisma.photoPack.create({
    data: {
      name: "Summer",
      description: "Beach and sun",
      coverUrl: "https://cdn.test/summer.jpg",
      sortOrder: 1,
      items: {
        create: [
          // Created out of order: items list by position.
          { position: 2, prompt: { create: { title: "Sunset", prompt: SECRET_PROMPT, previewUrl: "https://cdn.test/sunset-prompt.jpg" } } },
          {
            position: 0,
            previewUrl: "https://cdn.test/beach-item.jpg",
            prompt: { create: { title: "Beach", prompt: SECRET_PROMPT, previewUrl: "https://cdn.test/beach-prompt.jpg" } },
          },
          { position: 1, prompt: { create: { title: "Retired prompt", prompt: SECRET_PROMPT, isActive: false } } },
        ],
      },
    },
    include: { items: { orderBy: { position: "asc" } } },
  });
  const retired = await createPack("Retired pack", 2, { isActive: false, sortOrder: 0 });

  Object.assign(ids, {
    activeTier: globalId("PricingTier", activeTier.id),
    retiredTier: globalId("PricingTier", retiredTier.id),
    activeStyle: globalId("Style", activeStyle.id),
    retiredStyle: globalId("Style", retiredStyle.id),
    summerPack: globalId("PhotoPack", summer.id),
    officePack: globalId("PhotoPack", office.id),
    retiredPack: globalId("PhotoPack", retired.id),
    firstSummerItem: globalId("PackItem", summer.items[0]!.id),
    itemWithRetiredPrompt: globalId("PackItem", summer.items[1]!.id),
    itemOfRetiredPack: globalId("PackItem", retired.items[0]!.id),
  });
});

describe("photo packs", () => {
  for (const who of ["an anonymous visitor", "a signed-in user"] as const) {
    it(`lists active packs in display order, items by position, to ${who}`, async () => {
      const headers = who === "a signed-in user" ? user.headers : undefined;
      const result = await api.execute(PhotoPacksQuery, {}, { headers });
      expect(result.errors).toBeUndefined();
      const packs = result.data!.photoPacks;
      expect(packs.totalCount).toBe(2);
      expect(packs.edges.map((e) => [e.node.id, e.node.name, e.node.isActive])).toEqual([
        [ids.summerPack, "Summer", true],
        [ids.officePack, "Office", true],
      ]);
      const summer = packs.edges[0]!.node;
      expect(summer).toMatchObject({ description: "Beach and sun", coverUrl: "https://cdn.test/summer.jpg" });
      // The item of a retired prompt is left out; the item's own preview wins over its prompt's.
      expect(summer.items.totalCount).toBe(2);
      expect(summer.items.edges.map((e) => e.node)).toEqual([
        { id: ids.firstSummerItem, position: 0, title: "Beach", previewUrl: "https://cdn.test/beach-item.jpg" },
        { id: expect.any(String) as unknown, position: 2, title: "Sunset", previewUrl: "https://cdn.test/sunset-prompt.jpg" },
      ]);
      expect(JSON.stringify(result.data)).not.toMatch(/SECRET|Retired/);
    });
  }

  it("pages with a cursor", async () => {
    const first = await api.execute(PhotoPacksQuery, { first: 1 });
    expect(first.data!.photoPacks.edges.map((e) => e.node.name)).toEqual(["Summer"]);
    expect(first.data!.photoPacks.pageInfo.hasNextPage).toBe(true);
    const second = await api.execute(PhotoPacksQuery, { first: 1, after: first.data!.photoPacks.pageInfo.endCursor });
    expect(second.data!.photoPacks.edges.map((e) => e.node.name)).toEqual(["Office"]);
    expect(second.data!.photoPacks.pageInfo.hasNextPage).toBe(false);
  });

  it("refuses a page size outside 1…100", async () => {
    const result = await api.execute(PhotoPacksQuery, { first: 101 });
    expect(result.data?.photoPacks ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe("VALIDATION_FAILED");
    expect(result.errors?.[0]?.message).toMatch(/at most 100/);
  });

  it("answers photoPack(id) for an active pack only", async () => {
    const active = await api.execute(PhotoPackQuery, { id: ids.summerPack });
    expect(active.data?.photoPack).toEqual({
      id: ids.summerPack,
      name: "Summer",
      items: { edges: [{ node: { position: 0, title: "Beach" } }, { node: { position: 2, title: "Sunset" } }] },
    });
    const retired = await api.execute(PhotoPackQuery, { id: ids.retiredPack }, { headers: user.headers });
    expect(retired.errors).toBeUndefined();
    expect(retired.data?.photoPack).toBeNull();
  });

  it("loads packs and their items in a number of statements independent of how many there are", async () => {
    const before = await api.execute(PhotoPacksQuery, { first: 20 });
    expect(before.data!.photoPacks.edges).toHaveLength(2);
    for (let i = 0; i < 4; i++) await createPack(`Bulk ${i}`, 6, { sortOrder: 10 + i });
    const after = await api.execute(PhotoPacksQuery, { first: 20 });
    expect(after.errors).toBeUndefined();
    expect(after.data!.photoPacks.edges).toHaveLength(6);
    expect(after.data!.photoPacks.edges[5]!.node.items.edges).toHaveLength(6);
    expect(after.statements).toHaveLength(before.statements.length);
    // packs (with their item counts), items, the items' prompt titles, the pack count
    expect(after.statements).toHaveLength(4);
  });
});

describe("tiers and styles", () => {
  it("lists active styles with their active prompt counts, and active tiers only", async () => {
    const result = await api.execute(StylesQuery);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ styles: [{ code: "professional", promptCount: 2 }], pricingTiers: [{ code: "starter" }] });
    // The prompt count rides in the styles statement.
    expect(result.statements).toHaveLength(2);
  });
});

describe("node(id) on the catalogue", () => {
  it("resolves active rows for anyone", async () => {
    for (const headers of [undefined, user.headers]) {
      const results = await Promise.all(
        [ids.activeTier, ids.activeStyle, ids.summerPack, ids.firstSummerItem].map((id) =>
          api.execute(CatalogueNodeQuery, { id }, { headers }),
        ),
      );
      expect(results.map((r) => r.data?.node)).toEqual([
        { id: ids.activeTier, code: "starter" },
        { id: ids.activeStyle, code: "professional" },
        { id: ids.summerPack, name: "Summer" },
        { id: ids.firstSummerItem, title: "Beach" },
      ]);
    }
  });

  it("answers null, with no error, for retired tiers, styles, packs and their items", async () => {
    for (const headers of [undefined, user.headers]) {
      for (const id of [ids.retiredTier, ids.retiredStyle, ids.retiredPack, ids.itemOfRetiredPack, ids.itemWithRetiredPrompt]) {
        const result = await api.execute(CatalogueNodeQuery, { id }, { headers });
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual({ node: null });
      }
    }
  });
});

describe("what the catalogue schema exposes", () => {
  it("gives pack items a title and preview; the prompt behind them is for staff only", async () => {
    const staffOnly = fieldsBeyond("PackItem", ["id", "position", "previewUrl", "title"]);
    expect(staffOnly).toContain("prompt");
    await expectStaffOnly(api, user.headers, "PackItem", ids.firstSummerItem, staffOnly);
  });
});
