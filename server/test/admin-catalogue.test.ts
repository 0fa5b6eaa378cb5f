// Admin catalogue: staff read every pricing tier, style, prompt and pack (retired rows
// included, prompt texts included); only ADMIN changes them, each change audited with
// before and after. Pack positions stay unique and dense through every edit.
import { beforeAll, describe, expect, it } from "vitest";
import { isObjectType } from "graphql";
import { schema } from "../src/schema/index.ts";
import { createTestApi, type OperationResult, type TestAdmin, type TestApi, type TestApiKey, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

// ─── Documents ───────────────────────────────────────────────────────────────────

const ListsQuery = graphql(`
  query AdminCatalogue_Lists($promptFilter: AdminSavedPromptFilter, $tierFilter: AdminPricingTierFilter, $styleFilter: AdminStyleFilter, $packFilter: AdminPhotoPackFilter) {
    admin {
      pricingTiers(filter: $tierFilter, first: 50) { totalCount edges { node { id code name price photoCount isPopular isActive sortOrder } } }
      styles(filter: $styleFilter, first: 50) { totalCount edges { node { id code name isActive sortOrder promptCount } } }
      savedPrompts(filter: $promptFilter, first: 50) {
        totalCount
        edges { node { id key title prompt negativePrompt tags isActive isFavorite sortOrder previewUrl style { id code } createdBy { id } packItemCount } }
      }
      photoPacks(filter: $packFilter, first: 50) { totalCount edges { node { id name isActive sortOrder } } }
    }
  }
`);

const PacksQuery = graphql(`
  query AdminCatalogue_Packs($first: Int, $filter: AdminPhotoPackFilter) {
    admin {
      photoPacks(first: $first, filter: $filter) {
        totalCount
        edges {
          node {
            id name isActive sortOrder createdBy { id username }
            allItems(first: 50) {
              totalCount
              edges { node { id position title previewUrl ownPreviewUrl prompt { id title prompt isActive style { code } } } }
            }
          }
        }
      }
    }
  }
`);

const PackPublicAndAllItemsQuery = graphql(`
  query AdminCatalogue_PackPublicAndAllItems($id: ID!) {
    photoPack(id: $id) { id items(first: 50) { totalCount } allItems(first: 50) { totalCount edges { node { position title } } } }
  }
`);

const PromptsQuery = graphql(`
  query AdminCatalogue_Prompts($first: Int, $filter: AdminSavedPromptFilter) {
    admin { savedPrompts(first: $first, filter: $filter) { totalCount edges { node { id title prompt style { id name } createdBy { id } } } } }
  }
`);

const PublicTierStaffFieldQuery = graphql(`query AdminCatalogue_PublicTierStaffField { pricingTiers { id isActive } }`);
const PublicPackItemPromptQuery = graphql(`
  query AdminCatalogue_PublicPackItemPrompt($id: ID!) { photoPack(id: $id) { id items(first: 10) { edges { node { id prompt { prompt } } } } } }
`);
const NodeQuery = graphql(`
  query AdminCatalogue_Node($id: ID!) {
    node(id: $id) { id ... on SavedPrompt { prompt } ... on PricingTier { code } ... on PhotoPack { name } }
  }
`);

const CreatePricingTier = graphql(`
  mutation AdminCatalogue_CreatePricingTier($input: CreatePricingTierInput!) {
    createPricingTier(input: $input) {
      __typename
      ... on PricingTier { id code name price photoCount isPopular isActive sortOrder }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const UpdatePricingTier = graphql(`
  mutation AdminCatalogue_UpdatePricingTier($input: UpdatePricingTierInput!) {
    updatePricingTier(input: $input) {
      __typename
      ... on PricingTier { id code name price photoCount isPopular isActive sortOrder }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const CreateStyle = graphql(`
  mutation AdminCatalogue_CreateStyle($input: CreateStyleInput!) {
    createStyle(input: $input) {
      __typename
      ... on Style { id code name description isActive sortOrder }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const UpdateStyle = graphql(`
  mutation AdminCatalogue_UpdateStyle($input: UpdateStyleInput!) {
    updateStyle(input: $input) {
      __typename
      ... on Style { id code name description isActive sortOrder }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const CreateSavedPrompt = graphql(`
  mutation AdminCatalogue_CreateSavedPrompt($input: CreateSavedPromptInput!) {
    createSavedPrompt(input: $input) {
      __typename
      ... on SavedPrompt { id key title prompt negativePrompt tags isActive isFavorite sortOrder previewUrl style { id } createdBy { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const UpdateSavedPrompt = graphql(`
  mutation AdminCatalogue_UpdateSavedPrompt($input: UpdateSavedPromptInput!) {
    updateSavedPrompt(input: $input) {
      __typename
      ... on SavedPrompt { id key title prompt negativePrompt tags isActive isFavorite sortOrder previewUrl style { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const DeactivateSavedPrompt = graphql(`
  mutation AdminCatalogue_DeactivateSavedPrompt($input: DeactivateSavedPromptInput!) {
    deactivateSavedPrompt(input: $input) {
      __typename
      ... on SavedPrompt { id isActive }
      ... on Error { code message }
    }
  }
`);
const CreatePhotoPack = graphql(`
  mutation AdminCatalogue_CreatePhotoPack($input: CreatePhotoPackInput!) {
    createPhotoPack(input: $input) {
      __typename
      ... on PhotoPack { id name description coverUrl isActive sortOrder createdBy { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const UpdatePhotoPack = graphql(`
  mutation AdminCatalogue_UpdatePhotoPack($input: UpdatePhotoPackInput!) {
    updatePhotoPack(input: $input) {
      __typename
      ... on PhotoPack { id name description coverUrl isActive sortOrder }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const AddPackItem = graphql(`
  mutation AdminCatalogue_AddPackItem($input: AddPackItemInput!) {
    addPackItem(input: $input) {
      __typename
      ... on PackItem { id position title ownPreviewUrl prompt { id } pack { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const UpdatePackItem = graphql(`
  mutation AdminCatalogue_UpdatePackItem($input: UpdatePackItemInput!) {
    updatePackItem(input: $input) {
      __typename
      ... on PackItem { id position title ownPreviewUrl prompt { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const RemovePackItem = graphql(`
  mutation AdminCatalogue_RemovePackItem($input: RemovePackItemInput!) {
    removePackItem(input: $input) {
      __typename
      ... on PhotoPack { id allItems(first: 50) { edges { node { id position } } } }
      ... on Error { code message }
    }
  }
`);
const ReorderPackItems = graphql(`
  mutation AdminCatalogue_ReorderPackItems($input: ReorderPackItemsInput!) {
    reorderPackItems(input: $input) {
      __typename
      ... on PhotoPack { id allItems(first: 50) { edges { node { id position } } } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

// ─── Fixtures ────────────────────────────────────────────────────────────────────

let api: TestApi;
let admin: TestAdmin;
let operator: TestAdmin;
let viewer: TestAdmin;
let user: TestUser;
let apiKey: TestApiKey;

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
const dbId = (globalId: string) => Number(Buffer.from(globalId, "base64").toString().split(":")[1]);

type Caller = { name: string; headers: Record<string, string> | undefined; code: "FORBIDDEN" | "UNAUTHENTICATED" };
let refusedReaders: Caller[];
let refusedWriters: Caller[];

const rows = {} as {
  tiers: { starter: number; retired: number };
  styles: { pro: number; retired: number };
  prompts: { office: number; park: number; studio: number; retired: number; loose: number; extra: number[] };
  packs: { main: number; retired: number; empty: number };
};

async function snapshot() {
  const [tiers, styles, prompts, packs, items, audits] = await Promise.all([
    api.prisma.pricingTier.findMany({ orderBy: { id: "asc" } }),
    api.prisma.style.findMany({ orderBy: { id: "asc" } }),
    api.prisma.savedPrompt.findMany({ orderBy: { id: "asc" } }),
    api.prisma.photoPack.findMany({ orderBy: { id: "asc" } }),
    api.prisma.packItem.findMany({ orderBy: { id: "asc" } }),
    api.prisma.auditLog.count(),
  ]);
  return JSON.stringify({ tiers, styles, prompts, packs, items, audits });
}

/** The pack's item ids by position; positions must be exactly 0…n-1. */
async function packOrder(packId: number): Promise<number[]> {
  const items = await api.prisma.packItem.findMany({ where: { packId }, orderBy: { position: "asc" } });
  expect(items.map((item) => item.position)).toEqual(items.map((_, index) => index));
  return items.map((item) => item.id);
}

async function lastAudit(action: string) {
  return api.prisma.auditLog.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });
}

/** Any of this file's mutation documents with an arbitrary (possibly invalid) input. */
function executeAny(document: unknown, variables: Record<string, unknown>, headers: Record<string, string> | undefined) {
  const execute = api.execute.bind(api) as unknown as (d: unknown, v: unknown, o: unknown) => Promise<OperationResult<unknown>>;
  return execute(document, variables, { headers });
}

async function run<T>(document: unknown, input: Record<string, unknown>, headers = admin.headers) {
  const result = await executeAny(document, { input }, headers);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return Object.values(result.data as Record<string, unknown>)[0] as T & { __typename: string };
}

const fieldsOf = (result: unknown) =>
  [...new Set((result as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((error) => error.field))].sort();

beforeAll(async () => {
  api = await createTestApi();
  [admin, operator, viewer] = await Promise.all([api.signInAdmin("ADMIN"), api.signInAdmin("OPERATOR"), api.signInAdmin("VIEWER")]);
  user = await api.signIn({ name: "Customer" });
  apiKey = await api.createApiKey(user.id, ["REFERRALS_READ"], { rateLimitPerMinute: 1000 });
  refusedReaders = [
    { name: "user", headers: user.headers, code: "FORBIDDEN" },
    { name: "api key", headers: apiKey.headers, code: "FORBIDDEN" },
    { name: "anonymous", headers: undefined, code: "UNAUTHENTICATED" },
  ];
  refusedWriters = [
    { name: "OPERATOR", headers: operator.headers, code: "FORBIDDEN" },
    { name: "VIEWER", headers: viewer.headers, code: "FORBIDDEN" },
    ...refusedReaders,
  ];

  const db = api.prisma;
  rows.tiers = {
    starter: (await db.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7, sortOrder: 2 } })).id,
    retired: (
      await db.pricingTier.create({
        data: { code: "legacy", name: "Legacy", price: "299.00", photoCount: 5, sortOrder: 1, isActive: false },
      })
    ).id,
  };
  rows.styles = {
    pro: (await db.style.create({ data: { code: "professional", name: "Professional", sortOrder: 1 } })).id,
    retired: (await db.style.create({ data: { code: "vintage", name: "Vintage", sortOrder: 0, isActive: false } })).id,
  };
  const prompt = (title: string, data: Record<string, unknown> = {}) =>
    db.savedPrompt.create({ data: { title, prompt: `A portrait: ${title.toLowerCase()}, soft light`, ...data } }).then((p) => p.id);
  rows.prompts = {
    office: await prompt("Office", { key: "pro-office", styleId: rows.styles.pro, sortOrder: 1, tags: ["pro"] }),
    park: await prompt("Park", { key: "pro-park", styleId: rows.styles.pro, sortOrder: 2 }),
    studio: await prompt("Studio", { styleId: rows.styles.pro, sortOrder: 3, negativePrompt: "blurry" }),
    retired: await prompt("Sepia", { key: "vintage-sepia", styleId: rows.styles.retired, isActive: false }),
    loose: await prompt("Beach", { key: "beach", sortOrder: 5 }),
    extra: [],
  };
  for (let n = 0; n < 6; n++) rows.prompts.extra.push(await prompt(`Extra ${n}`, { sortOrder: 10 + n, tags: ["bulk"] }));
  rows.packs = {
    main: (await db.photoPack.create({ data: { name: "Business pack", sortOrder: 1 } })).id,
    retired: (await db.photoPack.create({ data: { name: "Old pack", sortOrder: 2, isActive: false } })).id,
    empty: (await db.photoPack.create({ data: { name: "Empty pack", sortOrder: 3 } })).id,
  };
  await db.packItem.createMany({
    data: [
      { packId: rows.packs.main, promptId: rows.prompts.office, position: 0 },
      { packId: rows.packs.main, promptId: rows.prompts.park, position: 1, previewUrl: "https://cdn.test/park.jpg" },
      { packId: rows.packs.main, promptId: rows.prompts.retired, position: 2 },
      { packId: rows.packs.retired, promptId: rows.prompts.studio, position: 0 },
    ],
  });
});

// ─── Roles ───────────────────────────────────────────────────────────────────────

describe("who may read the catalogue lists", () => {
  it("every staff role reads every list, retired rows included", async () => {
    for (const staff of [admin, operator, viewer]) {
      const result = await api.execute(ListsQuery, {}, { headers: staff.headers });
      expect(result.errors, `${staff.role}: ${JSON.stringify(result.errors)}`).toBeUndefined();
      const lists = result.data!.admin;
      expect(lists.pricingTiers.edges.map((edge) => [edge.node.code, edge.node.isActive])).toEqual([
        ["legacy", false],
        ["starter", true],
      ]);
      expect(lists.styles.edges.map((edge) => [edge.node.code, edge.node.isActive, edge.node.promptCount])).toEqual([
        ["vintage", false, 0],
        ["professional", true, 3],
      ]);
      expect(lists.savedPrompts.totalCount).toBe(11);
      expect(lists.photoPacks.edges.map((edge) => [edge.node.name, edge.node.isActive])).toEqual([
        ["Business pack", true],
        ["Old pack", false],
        ["Empty pack", true],
      ]);
    }
  });

  it("users, API keys and anonymous visitors are refused the lists and the staff-only fields", async () => {
    for (const caller of refusedReaders) {
      const lists = await api.execute(ListsQuery, {}, { headers: caller.headers });
      expect(lists.errors?.[0]?.extensions?.code, caller.name).toBe(caller.code);
      expect(lists.data?.admin ?? null).toBeNull();
      const tiers = await api.execute(PublicTierStaffFieldQuery, {}, { headers: caller.headers });
      expect(tiers.errors?.[0]?.extensions?.code, caller.name).toBe(caller.code);
      const prompts = await api.execute(PublicPackItemPromptQuery, { id: gid("PhotoPack", rows.packs.main) }, { headers: caller.headers });
      expect(prompts.errors?.[0]?.extensions?.code, caller.name).toBe(caller.code);
      expect(JSON.stringify(prompts.data ?? null)).not.toContain("soft light");
      const node = await api.execute(NodeQuery, { id: gid("SavedPrompt", rows.prompts.office) }, { headers: caller.headers });
      expect(node.data?.node ?? null, caller.name).toBeNull();
    }
    const asViewer = await api.execute(NodeQuery, { id: gid("SavedPrompt", rows.prompts.office) }, { headers: viewer.headers });
    expect(asViewer.data?.node).toEqual({ id: gid("SavedPrompt", rows.prompts.office), prompt: "A portrait: office, soft light" });
  });

  it("node(id) reaches retired catalogue rows for staff only; everyone else gets null", async () => {
    const user = await api.signIn();
    for (const id of [gid("PricingTier", rows.tiers.retired), gid("PhotoPack", rows.packs.retired)]) {
      const asStaff = await api.execute(NodeQuery, { id }, { headers: admin.headers });
      expect(asStaff.data?.node).toMatchObject({ id });
      const asUser = await api.execute(NodeQuery, { id }, { headers: user.headers });
      expect(asUser.data?.node ?? null).toBeNull();
      expect(asUser.errors).toBeUndefined();
      const asVisitor = await api.execute(NodeQuery, { id });
      expect(asVisitor.data?.node ?? null).toBeNull();
      expect(asVisitor.errors).toBeUndefined();
    }
  });
});

describe("public catalogue types", () => {
  // What schema/catalogue.ts shows everyone; what this area adds is staff-only.
  const PUBLIC: Record<string, string[]> = {
    PricingTier: ["id", "code", "name", "price", "photoCount", "isPopular"],
    Style: ["id", "code", "name", "description", "promptCount"],
    PhotoPack: ["id", "name", "description", "coverUrl", "isActive", "items"],
    PackItem: ["id", "position", "title", "previewUrl"],
  };

  it("guards every field added for staff with the staff scope; prompt texts stay behind it", () => {
    for (const [typeName, publicFields] of Object.entries(PUBLIC)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      const extra = Object.values(type.getFields()).filter((field) => !publicFields.includes(field.name));
      expect(extra.length, typeName).toBeGreaterThan(0);
      for (const field of extra) {
        expect(
          (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes,
          `${typeName}.${field.name}`,
        ).toEqual({ staff: true });
      }
    }
    const prompt = schema.getType("SavedPrompt");
    expect(isObjectType(prompt) && (prompt.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes).toEqual({
      staff: true,
    });
  });
});

describe("who may change the catalogue", () => {
  const mutations = () =>
    [
      [CreatePricingTier, { code: "new-tier", name: "New", price: "100.00", photoCount: 3 }],
      [UpdatePricingTier, { id: gid("PricingTier", rows.tiers.starter), price: "1.00" }],
      [CreateStyle, { code: "new-style", name: "New" }],
      [UpdateStyle, { id: gid("Style", rows.styles.pro), name: "Renamed" }],
      [CreateSavedPrompt, { title: "New", prompt: "A brand new prompt text" }],
      [UpdateSavedPrompt, { id: gid("SavedPrompt", rows.prompts.office), title: "Renamed" }],
      [DeactivateSavedPrompt, { id: gid("SavedPrompt", rows.prompts.office) }],
      [CreatePhotoPack, { name: "New pack" }],
      [UpdatePhotoPack, { id: gid("PhotoPack", rows.packs.main), isActive: false }],
      [AddPackItem, { packId: gid("PhotoPack", rows.packs.main), promptId: gid("SavedPrompt", rows.prompts.loose) }],
      [UpdatePackItem, { id: gid("PackItem", 1), position: 2 }],
      [RemovePackItem, { id: gid("PackItem", 1) }],
      [ReorderPackItems, { packId: gid("PhotoPack", rows.packs.main), itemIds: [] }],
    ] as const;

  it("OPERATOR, VIEWER, users, API keys and anonymous visitors are refused every mutation, and nothing changes", async () => {
    const before = await snapshot();
    for (const [document, input] of mutations()) {
      for (const caller of refusedWriters) {
        const result = await executeAny(document, { input }, caller.headers);
        const name = (document.definitions[0] as { name: { value: string } }).name.value;
        expect(result.errors?.[0]?.extensions?.code, `${name} as ${caller.name}`).toBe(caller.code);
        expect(Object.values((result.data as Record<string, unknown> | null) ?? {}).filter(Boolean), name).toEqual([]);
      }
    }
    expect(await snapshot()).toBe(before);
  });
});

// ─── Lists ───────────────────────────────────────────────────────────────────────

describe("admin lists: filters and order", () => {
  it("filters prompts by style, active flag and text; in display order", async () => {
    const list = async (filter: Record<string, unknown>) => {
      const result = await api.execute(ListsQuery, { promptFilter: filter }, { headers: admin.headers });
      expect(result.errors).toBeUndefined();
      return result.data!.admin.savedPrompts.edges.map((edge) => edge.node.title);
    };
    expect(await list({ style: gid("Style", rows.styles.pro) })).toEqual(["Office", "Park", "Studio"]);
    expect(await list({ style: gid("Style", rows.styles.retired) })).toEqual(["Sepia"]);
    expect(await list({ active: false })).toEqual(["Sepia"]);
    expect(await list({ search: "PRO-" })).toEqual(["Office", "Park"]);
    expect(await list({ search: "soft light", style: gid("Style", rows.styles.pro), active: true })).toEqual(["Office", "Park", "Studio"]);
    expect(await list({ style: gid("PricingTier", rows.styles.pro) })).toEqual([]);
    const all = await api.execute(ListsQuery, {}, { headers: admin.headers });
    const first = all.data!.admin.savedPrompts.edges[0]!.node;
    expect(all.data!.admin.savedPrompts.edges.map((edge) => edge.node.title).slice(0, 5)).toEqual([
      "Sepia",
      "Office",
      "Park",
      "Studio",
      "Beach",
    ]);
    expect(first).toMatchObject({
      key: "vintage-sepia",
      prompt: "A portrait: sepia, soft light",
      style: { code: "vintage" },
      isActive: false,
      packItemCount: 1,
    });
  });

  it("filters tiers, styles and packs by active flag and text", async () => {
    const result = await api.execute(
      ListsQuery,
      { tierFilter: { active: true }, styleFilter: { search: "vint" }, packFilter: { active: true, search: "pack" } },
      { headers: admin.headers },
    );
    expect(result.data!.admin.pricingTiers.edges.map((edge) => edge.node.code)).toEqual(["starter"]);
    expect(result.data!.admin.styles.edges.map((edge) => edge.node.code)).toEqual(["vintage"]);
    expect(result.data!.admin.photoPacks.edges.map((edge) => edge.node.name)).toEqual(["Business pack", "Empty pack"]);
    expect(result.data!.admin.photoPacks.totalCount).toBe(2);
  });

  it("shows staff every pack item with its prompt, where the public sees only items with active prompts", async () => {
    const result = await api.execute(PacksQuery, { first: 1 }, { headers: viewer.headers });
    const pack = result.data!.admin.photoPacks.edges[0]!.node;
    const both = await api.execute(PackPublicAndAllItemsQuery, { id: gid("PhotoPack", rows.packs.main) }, { headers: viewer.headers });
    expect(both.errors).toBeUndefined();
    expect(both.data!.photoPack).toMatchObject({ items: { totalCount: 2 }, allItems: { totalCount: 3 } });
    expect(
      pack.allItems.edges.map((edge) => [edge.node.position, edge.node.title, edge.node.prompt.isActive, edge.node.ownPreviewUrl]),
    ).toEqual([
      [0, "Office", true, null],
      [1, "Park", true, "https://cdn.test/park.jpg"],
      [2, "Sepia", false, null],
    ]);
  });

  it("takes as many statements for 6 packs or prompts as for 3", async () => {
    for (let n = 0; n < 4; n++) {
      const pack = await api.prisma.photoPack.create({ data: { name: `Bulk pack ${n}`, sortOrder: 100 + n, createdById: admin.id } });
      await api.prisma.packItem.create({ data: { packId: pack.id, promptId: rows.prompts.extra[n]!, position: 0 } });
    }
    try {
      const three = await api.execute(PacksQuery, { first: 3 }, { headers: admin.headers });
      const six = await api.execute(PacksQuery, { first: 6 }, { headers: admin.headers });
      expect(three.errors).toBeUndefined();
      expect(three.data!.admin.photoPacks.edges).toHaveLength(3);
      expect(six.data!.admin.photoPacks.edges).toHaveLength(6);
      console.info(
        `admin.photoPacks (createdBy, allItems → prompt → style): ${three.statements.length} statements for 3, ${six.statements.length} for 6`,
      );
      expect(six.statements.length).toBe(three.statements.length);

      const threePrompts = await api.execute(PromptsQuery, { first: 3 }, { headers: admin.headers });
      const sixPrompts = await api.execute(PromptsQuery, { first: 6 }, { headers: admin.headers });
      expect(sixPrompts.data!.admin.savedPrompts.edges).toHaveLength(6);
      console.info(
        `admin.savedPrompts (style, createdBy): ${threePrompts.statements.length} statements for 3, ${sixPrompts.statements.length} for 6`,
      );
      expect(sixPrompts.statements.length).toBe(threePrompts.statements.length);
    } finally {
      await api.prisma.packItem.deleteMany({ where: { pack: { name: { startsWith: "Bulk pack" } } } });
      await api.prisma.photoPack.deleteMany({ where: { name: { startsWith: "Bulk pack" } } });
    }
  });
});

// ─── Pricing tiers and styles ────────────────────────────────────────────────────

describe("pricing tiers and styles", () => {
  it("creates and updates a tier, audited with before and after; a retired tier leaves the public list", async () => {
    const created = await run<{ id: string }>(CreatePricingTier, {
      code: "pro",
      name: " Pro ",
      price: "1999.00",
      photoCount: 40,
      isPopular: true,
      sortOrder: 5,
    });
    expect(created).toEqual({
      __typename: "PricingTier",
      id: expect.any(String) as unknown,
      code: "pro",
      name: "Pro",
      price: "1999",
      photoCount: 40,
      isPopular: true,
      isActive: true,
      sortOrder: 5,
    });
    const id = dbId(created.id);
    expect(await lastAudit("pricingTier.create")).toMatchObject({
      adminId: admin.id,
      targetType: "PricingTier",
      targetId: id,
      before: null,
      after: { code: "pro", name: "Pro", price: "1999", photoCount: 40, isActive: true },
    });

    const updated = await run(UpdatePricingTier, { id: created.id, price: "1799.50", isActive: false });
    expect(updated).toMatchObject({ __typename: "PricingTier", price: "1799.5", isActive: false, name: "Pro" });
    expect(await lastAudit("pricingTier.update")).toMatchObject({
      adminId: admin.id,
      targetId: id,
      before: { price: "1999", isActive: true },
      after: { price: "1799.5", isActive: false },
    });
    const publicTiers = await api.execute(graphql(`query AdminCatalogue_PublicTiers { pricingTiers { code } }`));
    expect(publicTiers.data!.pricingTiers.map((tier) => tier.code)).toEqual(["starter"]);
    // A retired tier is still changeable by id.
    expect(await run(UpdatePricingTier, { id: created.id, isActive: true })).toMatchObject({ isActive: true });
  });

  it("validates each tier field and refuses a code in use; nothing changes", async () => {
    const before = await snapshot();
    const bad = await run(CreatePricingTier, { code: "Bad Code!", name: " ", price: "0", photoCount: 101, sortOrder: -1 });
    expect(fieldsOf(bad)).toEqual(["input.code", "input.name", "input.photoCount", "input.price", "input.sortOrder"]);
    expect(fieldsOf(await run(CreatePricingTier, { code: "x".repeat(21), name: "Ok", price: "10.005", photoCount: 0 }))).toEqual([
      "input.code",
      "input.photoCount",
      "input.price",
    ]);
    expect(await run(CreatePricingTier, { code: "starter", name: "Again", price: "10", photoCount: 1 })).toMatchObject({
      __typename: "ConflictError",
    });
    const id = gid("PricingTier", rows.tiers.starter);
    expect(fieldsOf(await run(UpdatePricingTier, { id, isActive: null, name: "", photoCount: 0 }))).toEqual([
      "input.isActive",
      "input.name",
      "input.photoCount",
    ]);
    expect(await run(UpdatePricingTier, { id: gid("PricingTier", 999_999), name: "Nope" })).toMatchObject({ __typename: "NotFoundError" });
    expect(await run(UpdatePricingTier, { id: gid("Style", rows.tiers.starter), name: "Nope" })).toMatchObject({
      __typename: "NotFoundError",
    });
    expect(await snapshot()).toBe(before);
  });

  it("creates and updates a style, audited; validates; refuses a code in use", async () => {
    const created = await run<{ id: string }>(CreateStyle, { code: "creative", name: "Creative", description: "  Bold  ", sortOrder: 3 });
    expect(created).toMatchObject({
      __typename: "Style",
      code: "creative",
      name: "Creative",
      description: "Bold",
      isActive: true,
      sortOrder: 3,
    });
    expect(await lastAudit("style.create")).toMatchObject({
      adminId: admin.id,
      targetType: "Style",
      targetId: dbId(created.id),
      before: null,
      after: { code: "creative" },
    });
    const updated = await run(UpdateStyle, { id: created.id, description: null, isActive: false });
    expect(updated).toMatchObject({ description: null, isActive: false });
    expect(await lastAudit("style.update")).toMatchObject({
      targetId: dbId(created.id),
      before: { description: "Bold", isActive: true },
      after: { description: null, isActive: false },
    });

    const before = await snapshot();
    expect(fieldsOf(await run(CreateStyle, { code: "-x", name: "", description: "d".repeat(2001) }))).toEqual([
      "input.code",
      "input.description",
      "input.name",
    ]);
    expect(await run(CreateStyle, { code: "professional", name: "Dup" })).toMatchObject({ __typename: "ConflictError" });
    expect(fieldsOf(await run(UpdateStyle, { id: created.id, sortOrder: 2_000_000 }))).toEqual(["input.sortOrder"]);
    expect(await snapshot()).toBe(before);
  });
});

// ─── Prompts ─────────────────────────────────────────────────────────────────────

describe("saved prompts", () => {
  it("creates a prompt by the signed-in admin, audited; tags are normalised", async () => {
    const created = await run<{ id: string }>(CreateSavedPrompt, {
      key: "pro-rooftop",
      title: "Rooftop",
      prompt: "  A portrait on a rooftop at dusk  ",
      negativePrompt: "cartoon",
      style: gid("Style", rows.styles.pro),
      previewUrl: "https://cdn.test/rooftop.jpg",
      tags: [" City ", "city", "dusk"],
      sortOrder: 4,
    });
    expect(created).toEqual({
      __typename: "SavedPrompt",
      id: expect.any(String) as unknown,
      key: "pro-rooftop",
      title: "Rooftop",
      prompt: "A portrait on a rooftop at dusk",
      negativePrompt: "cartoon",
      tags: ["city", "dusk"],
      isActive: true,
      isFavorite: false,
      sortOrder: 4,
      previewUrl: "https://cdn.test/rooftop.jpg",
      style: { id: gid("Style", rows.styles.pro) },
      createdBy: { id: gid("AdminUser", admin.id) },
    });
    expect(await lastAudit("savedPrompt.create")).toMatchObject({
      adminId: admin.id,
      targetType: "SavedPrompt",
      targetId: dbId(created.id),
      before: null,
      after: { key: "pro-rooftop", prompt: "A portrait on a rooftop at dusk", styleId: rows.styles.pro, tags: ["city", "dusk"] },
    });
  });

  it("updates a prompt (null clears), audited; deactivates it once", async () => {
    const id = gid("SavedPrompt", rows.prompts.studio);
    const updated = await run(UpdateSavedPrompt, { id, title: "Studio light", negativePrompt: null, style: null, isFavorite: true });
    expect(updated).toMatchObject({
      title: "Studio light",
      negativePrompt: null,
      style: null,
      isFavorite: true,
      prompt: "A portrait: studio, soft light",
    });
    expect(await lastAudit("savedPrompt.update")).toMatchObject({
      adminId: admin.id,
      targetId: rows.prompts.studio,
      before: { title: "Studio", negativePrompt: "blurry", styleId: rows.styles.pro, isFavorite: false },
      after: { title: "Studio light", negativePrompt: null, styleId: null, isFavorite: true },
    });
    expect(await run(DeactivateSavedPrompt, { id })).toEqual({ __typename: "SavedPrompt", id, isActive: false });
    expect(await lastAudit("savedPrompt.deactivate")).toMatchObject({
      targetId: rows.prompts.studio,
      before: { isActive: true },
      after: { isActive: false },
    });
    const audits = await api.prisma.auditLog.count();
    expect(await run(DeactivateSavedPrompt, { id })).toMatchObject({ __typename: "ConflictError" });
    expect(await api.prisma.auditLog.count()).toBe(audits);
  });

  it("validates each field, refuses a key in use and an unknown style; nothing changes", async () => {
    const before = await snapshot();
    const bad = await run(CreateSavedPrompt, {
      key: "Has Spaces",
      title: "",
      prompt: "short",
      previewUrl: "javascript:alert(1)",
      tags: ["x".repeat(51)],
      sortOrder: -5,
    });
    expect(fieldsOf(bad)).toEqual(["input.key", "input.previewUrl", "input.prompt", "input.sortOrder", "input.tags.0", "input.title"]);
    expect(await run(CreateSavedPrompt, { key: "pro-office", title: "Dup", prompt: "A duplicate key prompt" })).toMatchObject({
      __typename: "ConflictError",
    });
    expect(
      await run(CreateSavedPrompt, { title: "Styled", prompt: "A prompt with a lost style", style: gid("Style", 999_999) }),
    ).toMatchObject({
      __typename: "NotFoundError",
    });
    const id = gid("SavedPrompt", rows.prompts.park);
    expect(await run(UpdateSavedPrompt, { id, key: "pro-office" })).toMatchObject({ __typename: "ConflictError" });
    expect(fieldsOf(await run(UpdateSavedPrompt, { id, title: null, isActive: null }))).toEqual(["input.isActive", "input.title"]);
    expect(await run(UpdateSavedPrompt, { id: gid("SavedPrompt", 999_999), title: "x" })).toMatchObject({ __typename: "NotFoundError" });
    expect(await snapshot()).toBe(before);
  });
});

// ─── Packs and items ─────────────────────────────────────────────────────────────

describe("photo packs and their items", () => {
  it("creates and updates a pack, audited", async () => {
    const created = await run<{ id: string }>(CreatePhotoPack, {
      name: "Wedding",
      description: "For two",
      coverUrl: "https://cdn.test/w.jpg",
      sortOrder: 7,
    });
    expect(created).toMatchObject({
      __typename: "PhotoPack",
      name: "Wedding",
      isActive: true,
      sortOrder: 7,
      createdBy: { id: gid("AdminUser", admin.id) },
    });
    expect(await lastAudit("photoPack.create")).toMatchObject({
      adminId: admin.id,
      targetType: "PhotoPack",
      targetId: dbId(created.id),
      before: null,
      after: { name: "Wedding" },
    });
    const updated = await run(UpdatePhotoPack, { id: created.id, coverUrl: null, isActive: false, name: "Wedding day" });
    expect(updated).toMatchObject({ name: "Wedding day", coverUrl: null, isActive: false });
    expect(await lastAudit("photoPack.update")).toMatchObject({
      targetId: dbId(created.id),
      before: { name: "Wedding", coverUrl: "https://cdn.test/w.jpg", isActive: true },
      after: { name: "Wedding day", coverUrl: null, isActive: false },
    });
    const before = await snapshot();
    expect(fieldsOf(await run(CreatePhotoPack, { name: " ", coverUrl: "ftp://cdn.test/x.jpg", sortOrder: -1 }))).toEqual([
      "input.coverUrl",
      "input.name",
      "input.sortOrder",
    ]);
    expect(fieldsOf(await run(UpdatePhotoPack, { id: created.id, isActive: null, description: "d".repeat(2001) }))).toEqual([
      "input.description",
      "input.isActive",
    ]);
    expect(await snapshot()).toBe(before);
  });

  it("adds items at the end or at a position, keeping positions dense; audited", async () => {
    const pack = rows.packs.empty;
    const packGid = gid("PhotoPack", pack);
    const first = await run<{ id: string }>(AddPackItem, { packId: packGid, promptId: gid("SavedPrompt", rows.prompts.office) });
    expect(first).toMatchObject({ __typename: "PackItem", position: 0, title: "Office", pack: { id: packGid } });
    const second = await run<{ id: string }>(AddPackItem, {
      packId: packGid,
      promptId: gid("SavedPrompt", rows.prompts.park),
      previewUrl: "https://cdn.test/p.jpg",
    });
    expect(second).toMatchObject({ position: 1, ownPreviewUrl: "https://cdn.test/p.jpg" });
    const front = await run<{ id: string }>(AddPackItem, {
      packId: packGid,
      promptId: gid("SavedPrompt", rows.prompts.loose),
      position: 0,
    });
    expect(front).toMatchObject({ position: 0, title: "Beach" });
    expect(await packOrder(pack)).toEqual([front, first, second].map((item) => dbId(item.id)));
    expect(await lastAudit("packItem.add")).toMatchObject({
      adminId: admin.id,
      targetType: "PackItem",
      targetId: dbId(front.id),
      before: null,
      after: { packId: pack, promptId: rows.prompts.loose, position: 0 },
    });
  });

  it("refuses a retired prompt, a prompt already in the pack, a position past the end, unknown ids; nothing changes", async () => {
    const packGid = gid("PhotoPack", rows.packs.empty);
    const before = await snapshot();
    expect(await run(AddPackItem, { packId: packGid, promptId: gid("SavedPrompt", rows.prompts.retired) })).toMatchObject({
      __typename: "ConflictError",
      message: expect.stringContaining("inactive") as unknown,
    });
    expect(await run(AddPackItem, { packId: packGid, promptId: gid("SavedPrompt", rows.prompts.office) })).toMatchObject({
      __typename: "ConflictError",
      message: expect.stringContaining("already in the pack") as unknown,
    });
    expect(await run(AddPackItem, { packId: packGid, promptId: gid("SavedPrompt", rows.prompts.extra[0]!), position: 4 })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.position", message: expect.stringContaining("at most 3") as unknown }],
    });
    expect(
      fieldsOf(
        await run(AddPackItem, { packId: packGid, promptId: gid("SavedPrompt", rows.prompts.extra[0]!), position: -1, previewUrl: "nope" }),
      ),
    ).toEqual(["input.position", "input.previewUrl"]);
    expect(
      await run(AddPackItem, { packId: gid("PhotoPack", 999_999), promptId: gid("SavedPrompt", rows.prompts.extra[0]!) }),
    ).toMatchObject({ __typename: "NotFoundError" });
    expect(await run(AddPackItem, { packId: packGid, promptId: gid("SavedPrompt", 999_999) })).toMatchObject({
      __typename: "NotFoundError",
    });
    expect(await snapshot()).toBe(before);
  });

  it("moves an item, changes its prompt and preview; audited", async () => {
    const pack = rows.packs.empty;
    const [beach, office, park] = await packOrder(pack);
    const moved = await run(UpdatePackItem, { id: gid("PackItem", beach!), position: 2 });
    expect(moved).toMatchObject({ position: 2 });
    expect(await packOrder(pack)).toEqual([office, park, beach]);
    expect(await lastAudit("packItem.update")).toMatchObject({ targetId: beach, before: { position: 0 }, after: { position: 2 } });

    const changed = await run(UpdatePackItem, {
      id: gid("PackItem", park!),
      promptId: gid("SavedPrompt", rows.prompts.extra[1]!),
      previewUrl: null,
      position: 0,
    });
    expect(changed).toMatchObject({
      position: 0,
      title: "Extra 1",
      ownPreviewUrl: null,
      prompt: { id: gid("SavedPrompt", rows.prompts.extra[1]!) },
    });
    expect(await packOrder(pack)).toEqual([park, office, beach]);
    expect(await lastAudit("packItem.update")).toMatchObject({
      targetId: park,
      before: { promptId: rows.prompts.park, previewUrl: "https://cdn.test/p.jpg", position: 1 },
      after: { promptId: rows.prompts.extra[1], previewUrl: null, position: 0 },
    });

    const before = await snapshot();
    expect(await run(UpdatePackItem, { id: gid("PackItem", park!), position: 3 })).toMatchObject({ __typename: "ValidationError" });
    expect(await run(UpdatePackItem, { id: gid("PackItem", park!), promptId: gid("SavedPrompt", rows.prompts.office) })).toMatchObject({
      __typename: "ConflictError",
    });
    expect(await run(UpdatePackItem, { id: gid("PackItem", 999_999), position: 0 })).toMatchObject({ __typename: "NotFoundError" });
    expect(await snapshot()).toBe(before);
  });

  it("reorders every item at once; refuses a list that is not exactly the pack's items", async () => {
    const pack = rows.packs.empty;
    const order = await packOrder(pack);
    const reversed = [...order].reverse();
    const result = await run<{ allItems: { edges: Array<{ node: { id: string; position: number } }> } }>(ReorderPackItems, {
      packId: gid("PhotoPack", pack),
      itemIds: reversed.map((id) => gid("PackItem", id)),
    });
    expect(result.allItems.edges.map((edge) => [dbId(edge.node.id), edge.node.position])).toEqual(reversed.map((id, index) => [id, index]));
    expect(await packOrder(pack)).toEqual(reversed);
    expect(await lastAudit("packItem.reorder")).toMatchObject({
      adminId: admin.id,
      targetType: "PhotoPack",
      targetId: pack,
      before: { itemIds: order },
      after: { itemIds: reversed },
    });

    const before = await snapshot();
    const mainItem = (await packOrder(rows.packs.main))[0]!;
    for (const itemIds of [
      reversed.slice(1),
      [...reversed, reversed[0]!],
      [...reversed.slice(1), mainItem],
      [reversed[0], reversed[0], reversed[1]],
    ]) {
      const refused = await run(ReorderPackItems, { packId: gid("PhotoPack", pack), itemIds: itemIds.map((id) => gid("PackItem", id!)) });
      expect(refused, JSON.stringify(itemIds)).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.itemIds" }] });
    }
    expect(await run(ReorderPackItems, { packId: gid("PhotoPack", pack), itemIds: [gid("SavedPrompt", 1)] })).toMatchObject({
      __typename: "ValidationError",
    });
    expect(await snapshot()).toBe(before);
  });

  it("removes an item and closes the gap; audited", async () => {
    const pack = rows.packs.empty;
    const [a, b, c] = await packOrder(pack);
    const result = await run<{ id: string; allItems: { edges: Array<{ node: { id: string; position: number } }> } }>(RemovePackItem, {
      id: gid("PackItem", b!),
    });
    expect(result.id).toBe(gid("PhotoPack", pack));
    expect(result.allItems.edges.map((edge) => [dbId(edge.node.id), edge.node.position])).toEqual([
      [a, 0],
      [c, 1],
    ]);
    expect(await packOrder(pack)).toEqual([a, c]);
    expect(await lastAudit("packItem.remove")).toMatchObject({
      adminId: admin.id,
      targetType: "PackItem",
      targetId: b,
      before: { packId: pack, position: 1 },
      after: null,
    });
    expect(await run(RemovePackItem, { id: gid("PackItem", b!) })).toMatchObject({ __typename: "NotFoundError" });
  });

  it("serialises concurrent edits of one pack: positions stay unique and dense", async () => {
    const pack = await api.prisma.photoPack.create({ data: { name: "Concurrent pack" } });
    const packGid = gid("PhotoPack", pack.id);
    const added = await Promise.all(
      rows.prompts.extra.slice(0, 4).map((promptId, index) =>
        run<{ __typename: string }>(AddPackItem, {
          packId: packGid,
          promptId: gid("SavedPrompt", promptId),
          position: index % 2 === 0 ? 0 : null,
        }),
      ),
    );
    expect(added.map((item) => item.__typename)).toEqual(["PackItem", "PackItem", "PackItem", "PackItem"]);
    const order = await packOrder(pack.id);
    expect(order).toHaveLength(4);
    await Promise.all([
      run(ReorderPackItems, { packId: packGid, itemIds: [...order].reverse().map((id) => gid("PackItem", id)) }),
      run(RemovePackItem, { id: gid("PackItem", order[1]!) }),
      run(UpdatePackItem, { id: gid("PackItem", order[3]!), position: 0 }),
    ]);
    expect(await packOrder(pack.id)).toHaveLength(3);
  });
});
