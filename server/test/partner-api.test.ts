// Partner API keys: created by partners only and shown once, stored as SHA-256, scoped
// (a key gets its scopes and nothing else: no viewer, no admin), rate limited per key,
// dead once revoked.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHash } from "node:crypto";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const CreateKey = graphql(`
  mutation PartnerApi_CreateKey($input: CreatePartnerApiKeyInput!) {
    createPartnerApiKey(input: $input) {
      __typename
      ... on CreatePartnerApiKeyPayload {
        key
        apiKey { id name prefix scopes rateLimitPerMinute lastUsedAt revokedAt isActive createdAt }
      }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const RevokeKey = graphql(`
  mutation PartnerApi_RevokeKey($input: RevokePartnerApiKeyInput!) {
    revokePartnerApiKey(input: $input) {
      __typename
      ... on PartnerApiKey { id revokedAt isActive }
      ... on Error { code message }
    }
  }
`);

const MyKeys = graphql(`
  query PartnerApi_MyKeys($active: Boolean) {
    viewer {
      partnerApiKeys(first: 20, active: $active) {
        totalCount
        edges { node { id name prefix scopes rateLimitPerMinute lastUsedAt revokedAt isActive } }
      }
    }
  }
`);

const KeyNode = graphql(`
  query PartnerApi_KeyNode($id: ID!) {
    node(id: $id) { id ... on PartnerApiKey { name prefix } }
  }
`);

const Partner = graphql(`
  query PartnerApi_Partner {
    partner {
      scopes
      stats { referralsCount earned { rub ton } balance { rub ton } isPartner commissionRate }
    }
  }
`);

const PartnerScopes = graphql(`
  query PartnerApi_Scopes {
    partner { scopes }
  }
`);

const PartnerEarnings = graphql(`
  query PartnerApi_Earnings($first: Int, $status: EarningStatus) {
    partner {
      earnings(first: $first, status: $status) {
        totalCount
        edges { node { id amount currency rate status referredUserName createdAt } }
      }
    }
  }
`);

const CreateLink = graphql(`
  mutation PartnerApi_CreateLink {
    partnerCreateReferralLink {
      __typename
      ... on PartnerReferralLink { code isActive }
      ... on Error { code message }
    }
  }
`);

const UserCreateCode = graphql(`
  mutation PartnerApi_UserCreateCode {
    createReferralCode { __typename ... on ReferralCode { code } }
  }
`);

const Viewer = graphql(`
  query PartnerApi_Viewer {
    viewer { id name }
  }
`);

const AdminPeek = graphql(`
  query PartnerApi_AdminPeek {
    admin { role }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

afterEach(() => {
  vi.useRealTimers();
});

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function partner(name = "Partner Paula", rate = "0.3"): Promise<TestUser> {
  const user = await api.signIn({ name });
  await api.prisma.referralBalance.create({ data: { userId: user.id, isPartner: true, commissionRate: rate, partnerSince: new Date() } });
  return user;
}

let payments = 0;
async function earning(referrerId: number, referredId: number, amount: string, status: "PENDING" | "CREDITED" = "CREDITED") {
  const payment = await api.prisma.payment.create({
    data: { userId: referredId, status: "SUCCEEDED", idempotencyKey: `partner-api-${++payments}`, amount: "990.00", photoCount: 7 },
  });
  return api.prisma.referralEarning.create({
    data: { referrerId, referredId, paymentId: payment.id, amount, rate: "0.3000", provider: "TBANK", status },
  });
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("creating and revoking keys", () => {
  it("gives a partner the key once; only its SHA-256 is stored, and lists never show it", async () => {
    const owner = await partner();
    const result = await api.execute(
      CreateKey,
      { input: { name: "  My CRM ", scopes: ["REFERRALS_READ", "REFERRALS_READ"] } },
      { headers: owner.headers },
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data!.createPartnerApiKey;
    if (payload.__typename !== "CreatePartnerApiKeyPayload") throw new Error(JSON.stringify(payload));
    expect(payload.key).toMatch(/^pgk_[\w-]{43}$/);
    expect(payload.apiKey).toMatchObject({
      name: "My CRM",
      prefix: payload.key.slice(0, 12),
      scopes: ["REFERRALS_READ"],
      rateLimitPerMinute: 60,
      lastUsedAt: null,
      revokedAt: null,
      isActive: true,
    });

    const row = await api.prisma.partnerApiKey.findFirstOrThrow({ where: { userId: owner.id } });
    expect(row.keyHash).toBe(sha256(payload.key));
    expect(JSON.stringify(row)).not.toContain(payload.key);

    const list = await api.execute(MyKeys, {}, { headers: owner.headers });
    expect(list.data?.viewer?.partnerApiKeys.edges.map((e) => e.node.id)).toEqual([payload.apiKey.id]);
    const text = JSON.stringify(list);
    expect(text).not.toContain(payload.key);
    expect(text).not.toContain(row.keyHash);
  });

  it("refuses users who are not partners with a typed ForbiddenError, creating nothing", async () => {
    const user = await api.signIn();
    const result = await api.execute(CreateKey, { input: { name: "Nope", scopes: ["REFERRALS_READ"] } }, { headers: user.headers });
    expect(result.data?.createPartnerApiKey).toMatchObject({ __typename: "ForbiddenError", code: "FORBIDDEN" });
    expect(await api.prisma.partnerApiKey.count({ where: { userId: user.id } })).toBe(0);
  });

  it("reports an empty name and no scopes at once", async () => {
    const owner = await partner();
    const result = await api.execute(CreateKey, { input: { name: "  ", scopes: [] } }, { headers: owner.headers });
    expect(result.data?.createPartnerApiKey.__typename).toBe("ValidationError");
    const fields = (result.data!.createPartnerApiKey as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((e) => e.field).sort();
    expect(fields).toEqual(["input.name", "input.scopes"]);
    const long = await api.execute(CreateKey, { input: { name: "x".repeat(101), scopes: ["REFERRALS_READ"] } }, { headers: owner.headers });
    expect(long.data?.createPartnerApiKey.__typename).toBe("ValidationError");
    expect(await api.prisma.partnerApiKey.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("is for signed-in users only: anonymous visitors, API keys and admins are refused", async () => {
    const owner = await partner();
    const key = await api.createApiKey(owner.id, ["REFERRALS_READ", "REFERRAL_LINKS_CREATE"]);
    const admin = await api.signInAdmin("ADMIN");
    const input = { input: { name: "x", scopes: ["REFERRALS_READ" as const] } };
    for (const [headers, code] of [
      [undefined, "UNAUTHENTICATED"],
      [key.headers, "FORBIDDEN"],
      [admin.headers, "FORBIDDEN"],
    ] as const) {
      const result = await api.execute(CreateKey, input, { headers });
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await api.prisma.partnerApiKey.count({ where: { userId: owner.id } })).toBe(1);
  });

  it("revoking makes the key UNAUTHENTICATED; someone else's key is not found and keeps working", async () => {
    const [owner, other] = await Promise.all([partner(), partner("Other Partner")]);
    const created = await api.execute(CreateKey, { input: { name: "Revoke me", scopes: ["REFERRALS_READ"] } }, { headers: owner.headers });
    const payload = created.data!.createPartnerApiKey as { key: string; apiKey: { id: string } };
    expect((await api.execute(PartnerScopes, {}, { headers: bearer(payload.key) })).data?.partner.scopes).toEqual(["REFERRALS_READ"]);

    const foreign = await api.execute(RevokeKey, { input: { apiKeyId: payload.apiKey.id } }, { headers: other.headers });
    expect(foreign.data?.revokePartnerApiKey).toMatchObject({ __typename: "NotFoundError" });
    expect((await api.execute(PartnerScopes, {}, { headers: bearer(payload.key) })).errors).toBeUndefined();

    const revoked = await api.execute(RevokeKey, { input: { apiKeyId: payload.apiKey.id } }, { headers: owner.headers });
    expect(revoked.data?.revokePartnerApiKey).toMatchObject({
      __typename: "PartnerApiKey",
      isActive: false,
      revokedAt: expect.any(String) as unknown,
    });
    const again = await api.execute(RevokeKey, { input: { apiKeyId: payload.apiKey.id } }, { headers: owner.headers });
    expect(again.data?.revokePartnerApiKey).toEqual(revoked.data?.revokePartnerApiKey);

    const refused = await api.execute(PartnerScopes, {}, { headers: bearer(payload.key) });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(refused.data ?? null).toBeNull();

    const active = await api.execute(MyKeys, { active: true }, { headers: owner.headers });
    expect(active.data?.viewer?.partnerApiKeys.totalCount).toBe(0);
    const inactive = await api.execute(MyKeys, { active: false }, { headers: owner.headers });
    expect(inactive.data?.viewer?.partnerApiKeys.edges.map((e) => e.node.id)).toEqual([payload.apiKey.id]);
  });

  it("hands a key to its owner (and staff) only through node(id)", async () => {
    const [owner, other] = await Promise.all([partner(), api.signIn()]);
    const created = await api.execute(CreateKey, { input: { name: "Node key", scopes: ["REFERRALS_READ"] } }, { headers: owner.headers });
    const { apiKey, key } = created.data!.createPartnerApiKey as { key: string; apiKey: { id: string; prefix: string } };
    expect((await api.execute(KeyNode, { id: apiKey.id }, { headers: owner.headers })).data?.node).toEqual({
      id: apiKey.id,
      name: "Node key",
      prefix: apiKey.prefix,
    });
    const viewer = await api.signInAdmin("VIEWER");
    expect((await api.execute(KeyNode, { id: apiKey.id }, { headers: viewer.headers })).data?.node?.id).toBe(apiKey.id);
    for (const headers of [other.headers, undefined, bearer(key)]) {
      const refused = await api.execute(KeyNode, { id: apiKey.id }, { headers });
      expect(refused.data?.node ?? null).toBeNull();
      expect(refused.errors).toBeUndefined();
    }
  });
});

describe("what a key reaches", () => {
  it("REFERRALS_READ: stats and earnings of its owner, the referred users by first name only", async () => {
    const owner = await partner("Stats Owner", "0.3");
    const code = await api.prisma.referralCode.create({ data: { userId: owner.id, code: "STATS234" } });
    const friend = await api.signIn({ name: "Lena Kuznetsova", referralCode: code.code });
    await api.signIn({ name: "Quiet Friend", referralCode: code.code });
    await earning(owner.id, friend.id, "297.00");
    await earning(owner.id, friend.id, "30.00", "PENDING");
    const stranger = await api.signIn();
    await earning(stranger.id, friend.id, "1000.00"); // someone else's commission
    await api.prisma.$transaction(async (tx) => {
      const { postLedgerEntry } = await import("../src/domain/ledger.ts");
      await postLedgerEntry(tx, { userId: owner.id, currency: "RUB", kind: "ADJUSTMENT", amount: "297.00", note: "test" });
    });
    const key = await api.createApiKey(owner.id, ["REFERRALS_READ"]);

    const stats = await api.execute(Partner, {}, { headers: key.headers });
    expect(stats.errors).toBeUndefined();
    expect(stats.data?.partner).toEqual({
      scopes: ["REFERRALS_READ"],
      stats: {
        referralsCount: 2,
        earned: { rub: "297", ton: "0" },
        balance: { rub: "297", ton: "0" },
        isPartner: true,
        commissionRate: "0.3",
      },
    });
    const earnings = await api.execute(PartnerEarnings, { first: 10 }, { headers: key.headers });
    expect(earnings.errors).toBeUndefined();
    expect(earnings.data?.partner.earnings.totalCount).toBe(2);
    expect(earnings.data?.partner.earnings.edges.map((e) => [e.node.amount, e.node.status, e.node.referredUserName])).toEqual([
      ["30", "PENDING", "Lena"],
      ["297", "CREDITED", "Lena"],
    ]);
    const credited = await api.execute(PartnerEarnings, { first: 10, status: "CREDITED" }, { headers: key.headers });
    expect(credited.data?.partner.earnings.totalCount).toBe(1);
    const text = JSON.stringify([stats.data, earnings.data]); // what the key reads (not its cost figures)
    expect(text).not.toContain("Kuznetsova");
    expect(text).not.toContain("1000");
  });

  it("REFERRALS_READ cannot create links; REFERRAL_LINKS_CREATE cannot read stats", async () => {
    const owner = await partner();
    const reader = await api.createApiKey(owner.id, ["REFERRALS_READ"]);
    const linker = await api.createApiKey(owner.id, ["REFERRAL_LINKS_CREATE"]);

    const refusedLink = await api.execute(CreateLink, {}, { headers: reader.headers });
    expect(refusedLink.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refusedLink.data?.partnerCreateReferralLink ?? null).toBeNull();
    expect(await api.prisma.referralCode.count({ where: { userId: owner.id } })).toBe(0);

    const link = await api.execute(CreateLink, {}, { headers: linker.headers });
    expect(link.data?.partnerCreateReferralLink).toMatchObject({ __typename: "PartnerReferralLink", isActive: true });
    const { code } = link.data!.partnerCreateReferralLink as { code: string };
    const again = await api.execute(CreateLink, {}, { headers: linker.headers });
    expect(again.data?.partnerCreateReferralLink).toEqual(link.data?.partnerCreateReferralLink);
    const mine = await api.execute(UserCreateCode, {}, { headers: owner.headers });
    expect(mine.data?.createReferralCode).toEqual({ __typename: "ReferralCode", code });

    const refusedStats = await api.execute(Partner, {}, { headers: linker.headers });
    expect(refusedStats.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(refusedStats)).not.toContain('referralsCount":');
    const refusedEarnings = await api.execute(PartnerEarnings, { first: 5 }, { headers: linker.headers });
    expect(refusedEarnings.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.execute(PartnerScopes, {}, { headers: linker.headers })).data?.partner.scopes).toEqual(["REFERRAL_LINKS_CREATE"]);
  });

  it("no key reaches the viewer, user mutations or the admin surface", async () => {
    const owner = await partner();
    const key = await api.createApiKey(owner.id, ["REFERRALS_READ", "REFERRAL_LINKS_CREATE"]);
    const viewer = await api.execute(Viewer, {}, { headers: key.headers });
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data?.viewer).toBeNull();
    const admin = await api.execute(AdminPeek, {}, { headers: key.headers });
    expect(admin.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const userMutation = await api.execute(UserCreateCode, {}, { headers: key.headers });
    expect(userMutation.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const ownerNode = await api.execute(KeyNode, { id: globalId("User", owner.id) }, { headers: key.headers });
    expect(ownerNode.data?.node ?? null).toBeNull();
    expect(ownerNode.errors).toBeUndefined();
  });

  it("is refused to callers without a key: UNAUTHENTICATED for visitors, FORBIDDEN for users and admins", async () => {
    const user = await partner();
    const admin = await api.signInAdmin("ADMIN");
    for (const [headers, code] of [
      [undefined, "UNAUTHENTICATED"],
      [user.headers, "FORBIDDEN"],
      [admin.headers, "FORBIDDEN"],
    ] as const) {
      for (const result of [await api.execute(PartnerScopes, {}, { headers }), await api.execute(CreateLink, {}, { headers })]) {
        expect(result.errors?.[0]?.extensions?.code).toBe(code);
      }
    }
  });

  it("an unknown key and a banned owner's key are UNAUTHENTICATED", async () => {
    const unknown = await api.execute(PartnerScopes, {}, { headers: bearer("pgk_thisKeyDoesNotExist0000000000000000000000") });
    expect(unknown.status).toBe(401);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const owner = await partner();
    const key = await api.createApiKey(owner.id, ["REFERRALS_READ"]);
    await api.prisma.user.update({ where: { id: owner.id }, data: { isBanned: true, bannedAt: new Date() } });
    const banned = await api.execute(PartnerScopes, {}, { headers: key.headers });
    expect(banned.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("loads earnings in the same number of statements for 3 and for 6 rows", async () => {
    const owner = await partner();
    const friend = await api.signIn();
    const key = await api.createApiKey(owner.id, ["REFERRALS_READ"]);
    const count = async () => {
      const result = await api.execute(PartnerEarnings, { first: 20 }, { headers: key.headers });
      expect(result.errors).toBeUndefined();
      return result.statements.length;
    };
    for (let i = 0; i < 3; i++) await earning(owner.id, friend.id, "1.00");
    const three = await count();
    for (let i = 0; i < 3; i++) await earning(owner.id, friend.id, "1.00");
    const six = await count();
    expect(six).toBe(three);
    console.info("partner earnings, statements per request (key lookup included):", six);
  });
});

describe("rate limit", () => {
  it("answers a key 3 times a minute, then RATE_LIMITED (429) with retryAfterSeconds; another key is unaffected", async () => {
    // One fixed minute for the whole test, so no window boundary falls between requests.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    vi.useFakeTimers({ toFake: ["Date"], now: minute + 1_000 });
    const owner = await partner();
    const limited = await api.createApiKey(owner.id, ["REFERRALS_READ"], { rateLimitPerMinute: 3 });
    const other = await api.createApiKey(owner.id, ["REFERRALS_READ"], { rateLimitPerMinute: 3 });

    for (let i = 0; i < 3; i++) {
      const ok = await api.execute(PartnerScopes, {}, { headers: limited.headers });
      expect(ok.errors, `request ${i + 1}`).toBeUndefined();
      expect(ok.status).toBe(200);
    }
    const refused = await api.execute(PartnerScopes, {}, { headers: limited.headers });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.errors?.[0]?.message).toMatch(/3 requests a minute/);
    expect(refused.data ?? null).toBeNull();

    const unaffected = await api.execute(PartnerScopes, {}, { headers: other.headers });
    expect(unaffected.errors).toBeUndefined();
    expect(unaffected.status).toBe(200);

    // The next minute starts afresh.
    vi.setSystemTime(minute + 61_000);
    expect((await api.execute(PartnerScopes, {}, { headers: limited.headers })).errors).toBeUndefined();

    // The owner sees when the key was last used.
    const keys = await api.execute(MyKeys, {}, { headers: owner.headers });
    const used = keys.data?.viewer?.partnerApiKeys.edges.find((e) => e.node.id === globalId("PartnerApiKey", limited.id));
    expect(used?.node.lastUsedAt).toBe(new Date(minute + 60_000).toISOString());
  });
});
