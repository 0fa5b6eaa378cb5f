// Admin panel, users and content: who may read the lists and moderate, what banning
// does (audit, sessions), the filters and orderings of every list, the dashboard
// figures against hand-computed numbers, and statement counts.
import { beforeAll, describe, expect, it } from "vitest";
import { issueSession } from "../src/auth/sessions.ts";
import { postLedgerEntry } from "../src/domain/ledger.ts";
import { createTestApi, type TestAdmin, type TestApi, type TestApiKey, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

// ─── Documents ────────────────────────────────────────────────────────────────────

const Users = graphql(`
  query AdminUsers_Users($filter: AdminUsersFilter, $orderBy: AdminUsersOrder, $first: Int, $after: String) {
    admin {
      users(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id name } }
      }
    }
  }
`);

const UsersDetailed = graphql(`
  query AdminUsers_UsersDetailed($filter: AdminUsersFilter, $first: Int) {
    admin {
      users(filter: $filter, first: $first) {
        totalCount
        edges {
          node {
            id name email telegramUserId telegramUsername isPro createdAt
            isBanned bannedAt banReason bannedBy { username role }
            referredBy { id name }
            referredUsers(first: 5) { totalCount edges { node { id } } }
            authProvider telegramChatId emailVerified activeSessionCount
            sessions(first: 5) { edges { node { provider isActive createdAt ip user { id } } } }
            identities { provider providerUserId email }
            avatars(first: 3) { totalCount edges { node { id name latestJob { id status } } } }
            payments(first: 3) { totalCount edges { node { id amount status } } }
            supportTickets(first: 3) { totalCount edges { node { id number } } }
            sharedGalleries(first: 3) { edges { node { id token } } }
          }
        }
      }
    }
  }
`);

const Ban = graphql(`
  mutation AdminUsers_Ban($input: BanUserInput!) {
    banUser(input: $input) {
      __typename
      ... on User { id isBanned bannedAt banReason bannedBy { id username } activeSessionCount }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Unban = graphql(`
  mutation AdminUsers_Unban($input: UnbanUserInput!) {
    unbanUser(input: $input) {
      __typename
      ... on User { id isBanned bannedAt banReason bannedBy { id } activeSessionCount }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Viewer = graphql(`query AdminUsers_Viewer { viewer { id name } }`);
const ViewerStaffField = graphql(`query AdminUsers_ViewerStaffField { viewer { id isBanned } }`);

const Avatars = graphql(`
  query AdminUsers_Avatars($filter: AdminAvatarsFilter, $orderBy: AdminAvatarsOrder, $first: Int) {
    admin {
      avatars(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges { node { id name status user { id name } latestJob { id status } referencePhotoCount generatedPhotoCount } }
      }
    }
  }
`);

const Photos = graphql(`
  query AdminUsers_Photos($filter: AdminGeneratedPhotosFilter, $orderBy: AdminGeneratedPhotosOrder, $first: Int) {
    admin {
      generatedPhotos(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges { node { id prompt favoriteCount style { code } avatar { id user { id } } job { id status } } }
      }
    }
  }
`);

const Jobs = graphql(`
  query AdminUsers_Jobs($filter: AdminGenerationJobsFilter, $orderBy: AdminGenerationJobsOrder, $first: Int) {
    admin {
      generationJobs(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges {
          node {
            id status createdAt completedAt
            avatar { id user { id } }
            payment { id amount }
            providerTasks(first: 5) { totalCount edges { node { id promptIndex prompt providerTaskId status attempts errorMessage } } }
          }
        }
      }
    }
  }
`);

const Tasks = graphql(`
  query AdminUsers_Tasks($filter: AdminGenerationTasksFilter, $orderBy: AdminGenerationTasksOrder, $first: Int) {
    admin {
      generationTasks(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges {
          node {
            id promptIndex prompt providerTaskId status attempts maxAttempts errorMessage nextPollAt
            job { id status avatar { id } }
            generatedPhoto { id }
          }
        }
      }
    }
  }
`);

const Galleries = graphql(`
  query AdminUsers_Galleries($filter: AdminSharedGalleriesFilter, $orderBy: AdminSharedGalleriesOrder, $first: Int) {
    admin {
      sharedGalleries(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges { node { id token viewCount revokedAt expiresAt user { id } avatar { id } } }
      }
    }
  }
`);

const Identities = graphql(`
  query AdminUsers_Identities($filter: AdminUserIdentitiesFilter, $orderBy: AdminUserIdentitiesOrder, $first: Int) {
    admin {
      userIdentities(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges { node { provider providerUserId email lastUsedAt user { id } } }
      }
    }
  }
`);

const Favorites = graphql(`
  query AdminUsers_Favorites($filter: AdminPhotoFavoritesFilter, $first: Int) {
    admin {
      photoFavorites(filter: $filter, first: $first) {
        totalCount
        edges { node { createdAt user { id } photo { id } } }
      }
    }
  }
`);

const Sessions = graphql(`
  query AdminUsers_Sessions($filter: AdminUserSessionsFilter, $first: Int) {
    admin {
      userSessions(filter: $filter, first: $first) {
        totalCount
        edges { node { provider isActive revokedAt user { id } } }
      }
    }
  }
`);

const Dashboard = graphql(`
  query AdminUsers_Dashboard($range: DateRangeInput) {
    admin {
      dashboard(range: $range) {
        from to
        revenue { day provider amount payments }
        generation { completed failed inProgress successRate }
        openTicketsByPriority { priority count }
        slaBreaches { firstResponse resolution tickets }
        pendingWithdrawals { currency count amount }
      }
    }
  }
`);

const DashboardRevenue = graphql(`
  query AdminUsers_DashboardRevenue($range: DateRangeInput) {
    admin { dashboard(range: $range) { from to revenue { day provider amount payments } } }
  }
`);

const Node = graphql(`
  query AdminUsers_Node($id: ID!) {
    node(id: $id) {
      id
      ... on User { name isBanned }
      ... on GenerationJob { status updatedAt }
    }
  }
`);

// ─── Set-up ───────────────────────────────────────────────────────────────────────

let api: TestApi;
let admin: TestAdmin;
let operator: TestAdmin;
let viewer: TestAdmin;
let member: TestUser;
let apiKey: TestApiKey;
let styleId: number;
let otherStyleId: number;

const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString("base64");
let sequence = 0;
const unique = (prefix: string) => `${prefix}-${++sequence}-${Date.now()}`;

beforeAll(async () => {
  api = await createTestApi();
  [admin, operator, viewer] = [await api.signInAdmin("ADMIN"), await api.signInAdmin("OPERATOR"), await api.signInAdmin("VIEWER")];
  member = await api.signIn({ name: "Plain Member" });
  apiKey = await api.createApiKey(member.id, ["REFERRALS_READ", "REFERRAL_LINKS_CREATE"]);
  styleId = (await api.prisma.style.create({ data: { code: "admin-studio", name: "Studio" } })).id;
  otherStyleId = (await api.prisma.style.create({ data: { code: "admin-outdoor", name: "Outdoor" } })).id;
});

type Caller = { name: string; headers: Record<string, string> };
const staffCallers = (): Caller[] => [
  { name: "ADMIN", headers: admin.headers },
  { name: "OPERATOR", headers: operator.headers },
  { name: "VIEWER", headers: viewer.headers },
];
const outsiders = (): Array<Caller & { code: string }> => [
  { name: "user", headers: member.headers, code: "FORBIDDEN" },
  { name: "API key", headers: apiKey.headers, code: "FORBIDDEN" },
  { name: "anonymous", headers: {}, code: "UNAUTHENTICATED" },
];

function codeOf(result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) {
  return result.errors?.[0]?.extensions?.code;
}

async function createAvatar(userId: number, data: { name?: string; status?: "DRAFT" | "PROCESSING" | "READY"; createdAt?: Date } = {}) {
  return api.prisma.avatar.create({ data: { userId, name: data.name ?? "Avatar", status: data.status, createdAt: data.createdAt } });
}

let paymentNumber = 0;
async function createPayment(
  userId: number,
  data: {
    amount?: string;
    status?: "PENDING" | "SUCCEEDED" | "FAILED";
    provider?: "TBANK" | "STARS" | "TON" | "TEST";
    isTestMode?: boolean;
    createdAt?: Date;
  } = {},
) {
  const provider = data.provider ?? "TBANK";
  return api.prisma.payment.create({
    data: {
      userId,
      provider,
      status: data.status ?? "SUCCEEDED",
      idempotencyKey: `pay-${++paymentNumber}-${Date.now()}`,
      amount: data.amount ?? "1490.00",
      photoCount: 23,
      isTestMode: data.isTestMode ?? false,
      createdAt: data.createdAt,
      ...(provider === "STARS" ? { starsAmount: 250 } : {}),
      ...(provider === "TON" ? { tonAmount: "1.5" } : {}),
    },
  });
}

type Connection<N = object> = { totalCount?: number; edges: Array<{ node: N & { id: string } }> };
const ids = (connection: Connection) => connection.edges.map((edge) => edge.node.id);

// ─── Who may read and moderate ────────────────────────────────────────────────────

describe("role × entity: the admin lists", () => {
  const lists = [
    ["users", Users],
    ["avatars", Avatars],
    ["generatedPhotos", Photos],
    ["generationJobs", Jobs],
    ["generationTasks", Tasks],
    ["sharedGalleries", Galleries],
    ["userIdentities", Identities],
    ["photoFavorites", Favorites],
    ["userSessions", Sessions],
  ] as const;

  for (const [field, document] of lists) {
    it(`${field}: every staff role reads; a user, an API key and an anonymous visitor are refused`, async () => {
      for (const caller of staffCallers()) {
        const result = await api.execute(document as typeof Users, { first: 5 }, { headers: caller.headers });
        expect(result.errors, `${field} as ${caller.name}`).toBeUndefined();
        const connection = (result.data!.admin as unknown as Record<string, Connection>)[field]!;
        expect(typeof connection.totalCount).toBe("number");
      }
      for (const caller of outsiders()) {
        const result = await api.execute(document as typeof Users, { first: 5 }, { headers: caller.headers });
        expect(codeOf(result), `${field} as ${caller.name}`).toBe(caller.code);
        expect(result.data?.admin ?? null).toBeNull();
      }
    });
  }

  it("dashboard: every staff role reads; others are refused", async () => {
    for (const caller of staffCallers()) {
      const result = await api.execute(Dashboard, {}, { headers: caller.headers });
      expect(result.errors, caller.name).toBeUndefined();
      expect(result.data!.admin.dashboard.openTicketsByPriority).toHaveLength(4);
    }
    for (const caller of outsiders()) {
      const result = await api.execute(Dashboard, {}, { headers: caller.headers });
      expect(codeOf(result), caller.name).toBe(caller.code);
    }
  });

  it("staff-only User fields are refused to the user themself", async () => {
    const own = await api.execute(Viewer, {}, { headers: member.headers });
    expect(own.errors).toBeUndefined();
    const result = await api.execute(ViewerStaffField, {}, { headers: member.headers });
    expect(codeOf(result)).toBe("FORBIDDEN");
  });

  it("node(id) gives staff any user's row and job; other users get null", async () => {
    const someone = await api.signIn({ name: "Node Target" });
    const avatar = await createAvatar(someone.id);
    const job = await api.prisma.generationJob.create({ data: { avatarId: avatar.id, styleId, isTestMode: true } });
    const asViewer = await api.execute(Node, { id: globalId("User", someone.id) }, { headers: viewer.headers });
    expect(asViewer.data?.node).toMatchObject({ name: "Node Target", isBanned: false });
    const jobAsViewer = await api.execute(Node, { id: globalId("GenerationJob", job.id) }, { headers: viewer.headers });
    expect(jobAsViewer.data?.node).toMatchObject({ status: "PENDING", updatedAt: job.updatedAt.toISOString() });
    const asOther = await api.execute(Node, { id: globalId("User", someone.id) }, { headers: member.headers });
    expect(asOther.data?.node).toBeNull();
    expect(asOther.errors).toBeUndefined();
  });
});

describe("role × entity: banUser and unbanUser", () => {
  it("ADMIN and OPERATOR ban and unban; each change is audited", async () => {
    for (const moderator of [admin, operator]) {
      const target = await api.signIn({ name: `Target of ${moderator.role}` });
      const banned = await api.execute(
        Ban,
        { input: { userId: globalId("User", target.id), reason: "Spam" } },
        { headers: moderator.headers },
      );
      expect(banned.errors).toBeUndefined();
      expect(banned.data?.banUser).toMatchObject({
        __typename: "User",
        isBanned: true,
        banReason: "Spam",
        bannedBy: { id: globalId("AdminUser", moderator.id) },
      });
      const unbanned = await api.execute(Unban, { input: { userId: globalId("User", target.id) } }, { headers: moderator.headers });
      expect(unbanned.data?.unbanUser).toMatchObject({ __typename: "User", isBanned: false, banReason: null, bannedBy: null });
      const audit = await api.prisma.auditLog.findMany({ where: { targetType: "User", targetId: target.id }, orderBy: { id: "asc" } });
      expect(audit.map((row) => [row.action, row.adminId])).toEqual([
        ["user.ban", moderator.id],
        ["user.unban", moderator.id],
      ]);
    }
  });

  it("VIEWER, a user, an API key and an anonymous visitor are refused, and nothing changes", async () => {
    const target = await api.signIn({ name: "Untouchable" });
    const refused = [{ name: "VIEWER", headers: viewer.headers, code: "FORBIDDEN" }, ...outsiders()];
    for (const caller of refused) {
      const ban = await api.execute(Ban, { input: { userId: globalId("User", target.id), reason: "Spam" } }, { headers: caller.headers });
      expect(codeOf(ban), `ban as ${caller.name}`).toBe(caller.code);
      expect(ban.data?.banUser ?? null).toBeNull();
    }
    expect(await api.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      isBanned: false,
      bannedAt: null,
      banReason: null,
    });
    // A banned target for the unban attempts.
    await api.prisma.user.update({
      where: { id: target.id },
      data: { isBanned: true, bannedAt: new Date(), banReason: "Fraud", bannedById: admin.id },
    });
    for (const caller of refused) {
      const unban = await api.execute(Unban, { input: { userId: globalId("User", target.id) } }, { headers: caller.headers });
      expect(codeOf(unban), `unban as ${caller.name}`).toBe(caller.code);
    }
    expect(await api.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ isBanned: true, banReason: "Fraud" });
    expect(await api.prisma.auditLog.count({ where: { targetType: "User", targetId: target.id } })).toBe(0);
  });
});

// ─── Banning ──────────────────────────────────────────────────────────────────────

describe("banUser", () => {
  it("bans at once: the user's open session answers USER_BANNED, the audit row holds before and after", async () => {
    const target = await api.signIn({ name: "Soon Banned" });
    const key = await api.createApiKey(target.id, ["REFERRALS_READ"]);
    expect((await api.execute(Viewer, {}, { headers: target.headers })).data?.viewer).toMatchObject({ name: "Soon Banned" });

    const started = new Date();
    const result = await api.execute(
      Ban,
      { input: { userId: globalId("User", target.id), reason: "  Chargeback fraud  " } },
      { headers: { ...operator.headers, "x-forwarded-for": "203.0.113.7", "user-agent": "panel-test" } },
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data!.banUser;
    expect(payload).toMatchObject({
      __typename: "User",
      id: globalId("User", target.id),
      isBanned: true,
      banReason: "Chargeback fraud",
      bannedBy: { id: globalId("AdminUser", operator.id) },
      activeSessionCount: 1,
    });

    const refused = await api.execute(Viewer, {}, { headers: target.headers });
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "USER_BANNED" }, message: "This account is banned: Chargeback fraud" });
    const keyRefused = await api.execute(Viewer, {}, { headers: key.headers });
    expect(codeOf(keyRefused)).toBe("UNAUTHENTICATED");

    const row = await api.prisma.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(row).toMatchObject({ isBanned: true, banReason: "Chargeback fraud", bannedById: operator.id });
    expect(row.bannedAt!.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);

    const [audit, ...more] = await api.prisma.auditLog.findMany({ where: { action: "user.ban", targetId: target.id } });
    expect(more).toHaveLength(0);
    expect(audit).toMatchObject({
      adminId: operator.id,
      targetType: "User",
      targetId: target.id,
      ip: "203.0.113.7",
      userAgent: "panel-test",
      before: { isBanned: false, bannedAt: null, banReason: null, bannedById: null },
      after: { isBanned: true, bannedAt: row.bannedAt!.toISOString(), banReason: "Chargeback fraud", bannedById: operator.id },
    });
  });

  it("refuses to ban twice (ConflictError), and the refusal writes nothing", async () => {
    const target = await api.signIn({ name: "Banned Once" });
    const first = await api.execute(Ban, { input: { userId: globalId("User", target.id), reason: "Abuse" } }, { headers: admin.headers });
    expect(first.data?.banUser.__typename).toBe("User");
    const before = await api.prisma.user.findUniqueOrThrow({ where: { id: target.id } });
    const second = await api.execute(
      Ban,
      { input: { userId: globalId("User", target.id), reason: "Other reason" } },
      { headers: operator.headers },
    );
    expect(second.data?.banUser).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    expect(await api.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).toEqual(before);
    expect(await api.prisma.auditLog.count({ where: { action: "user.ban", targetId: target.id } })).toBe(1);
  });

  it("validates the reason (3–500 characters) and the user id", async () => {
    const target = await api.signIn({ name: "Validated" });
    const short = await api.execute(Ban, { input: { userId: globalId("User", target.id), reason: " ab " } }, { headers: admin.headers });
    expect(short.data?.banUser).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.reason" }] });
    const long = await api.execute(
      Ban,
      { input: { userId: globalId("User", target.id), reason: "x".repeat(501) } },
      { headers: admin.headers },
    );
    expect(long.data?.banUser).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.reason" }] });
    const exact = await api.execute(
      Ban,
      { input: { userId: globalId("User", target.id), reason: "x".repeat(500) } },
      { headers: admin.headers },
    );
    expect(exact.data?.banUser).toMatchObject({ __typename: "User", isBanned: true });
    for (const userId of [globalId("Avatar", target.id), globalId("User", 987_654), "garbage"]) {
      const missing = await api.execute(Ban, { input: { userId, reason: "Spam" } }, { headers: admin.headers });
      expect(missing.data?.banUser).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    }
    expect(await api.prisma.auditLog.count({ where: { action: "user.ban", targetId: target.id } })).toBe(1);
  });
});

describe("unbanUser", () => {
  it("lifts the ban and revokes the sessions from before it: the old token is dead, a new sign-in works", async () => {
    const target = await api.signIn({ name: "Forgiven" });
    await api.execute(Ban, { input: { userId: globalId("User", target.id), reason: "Temporary" } }, { headers: admin.headers });
    const result = await api.execute(Unban, { input: { userId: globalId("User", target.id) } }, { headers: operator.headers });
    expect(result.data?.unbanUser).toMatchObject({
      __typename: "User",
      isBanned: false,
      bannedAt: null,
      banReason: null,
      bannedBy: null,
      activeSessionCount: 0,
    });

    const old = await api.execute(Viewer, {}, { headers: target.headers });
    expect(codeOf(old)).toBe("UNAUTHENTICATED");
    const fresh = await issueSession(api.prisma, { userId: target.id, provider: "TELEGRAM", ttlDays: 1 });
    const signedIn = await api.execute(Viewer, {}, { headers: { authorization: `Bearer ${fresh.token}` } });
    expect(signedIn.data?.viewer).toMatchObject({ name: "Forgiven" });

    const audit = await api.prisma.auditLog.findFirstOrThrow({ where: { action: "user.unban", targetId: target.id } });
    expect(audit).toMatchObject({
      adminId: operator.id,
      targetType: "User",
      before: { isBanned: true, banReason: "Temporary", bannedById: admin.id },
      after: { isBanned: false, bannedAt: null, banReason: null, bannedById: null, sessionsRevoked: 1 },
    });
  });

  it("answers ConflictError for a user who is not banned, and NotFoundError for an unknown one", async () => {
    const target = await api.signIn({ name: "Never Banned" });
    const result = await api.execute(Unban, { input: { userId: globalId("User", target.id) } }, { headers: admin.headers });
    expect(result.data?.unbanUser).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    const unknown = await api.execute(Unban, { input: { userId: globalId("User", 999_999) } }, { headers: admin.headers });
    expect(unknown.data?.unbanUser).toMatchObject({ __typename: "NotFoundError" });
    expect(codeOf(await api.execute(Viewer, {}, { headers: target.headers }))).toBeUndefined();
    expect(await api.prisma.auditLog.count({ where: { action: "user.unban", targetId: target.id } })).toBe(0);
  });
});

// ─── The user list ────────────────────────────────────────────────────────────────

describe("admin.users", () => {
  let tag: string;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let nameless: TestUser;

  beforeAll(async () => {
    tag = `Zq${Date.now().toString(36)}`;
    alice = await api.signIn({ name: `${tag} Alice` });
    bob = await api.signIn({ name: `${tag} Bob` });
    carol = await api.signIn({ name: `${tag} Carol` });
    nameless = await api.signIn({ name: `${tag} placeholder` });
    await api.prisma.user.update({
      where: { id: alice.id },
      data: {
        email: `${tag.toLowerCase()}-alice@example.com`,
        telegramUsername: `${tag}_ali`,
        createdAt: new Date("2025-01-10T00:00:00Z"),
      },
    });
    await api.prisma.user.update({ where: { id: bob.id }, data: { referredById: alice.id, createdAt: new Date("2025-02-10T00:00:00Z") } });
    await api.prisma.user.update({
      where: { id: carol.id },
      data: {
        referredById: alice.id,
        isBanned: true,
        bannedAt: new Date(),
        banReason: "Spam",
        bannedById: admin.id,
        createdAt: new Date("2025-03-10T00:00:00Z"),
      },
    });
    // Email holds the tag so the search still finds this user without a name.
    await api.prisma.user.update({
      where: { id: nameless.id },
      data: { name: null, email: `${tag.toLowerCase()}-nobody@example.com`, createdAt: new Date("2025-04-10T00:00:00Z") },
    });
    await createPayment(bob.id, { status: "SUCCEEDED" });
    await createPayment(carol.id, { status: "PENDING" });
  });

  const search = (extra: object = {}) => ({ search: tag, ...extra });
  const run = async (variables: Record<string, unknown>) => {
    const result = await api.execute(Users, variables, { headers: viewer.headers });
    expect(result.errors).toBeUndefined();
    return result.data!.admin.users;
  };
  const u = (user: TestUser) => globalId("User", user.id);

  it("searches names, emails, @usernames and exact Telegram ids", async () => {
    expect(ids(await run({ filter: search() }))).toEqual([u(nameless), u(carol), u(bob), u(alice)]);
    expect(ids(await run({ filter: { search: `${tag} bo` } }))).toEqual([u(bob)]);
    expect(ids(await run({ filter: { search: `${tag.toUpperCase()}-ALICE@` } }))).toEqual([u(alice)]);
    expect(ids(await run({ filter: { search: `@${tag.toLowerCase()}_A` } }))).toEqual([u(alice)]);
    // An @ searches usernames only: the names containing the tag do not match.
    expect(ids(await run({ filter: { search: `@${tag} Bob` } }))).toEqual([]);
    const { telegramUserId } = await api.prisma.user.findUniqueOrThrow({ where: { id: carol.id } });
    expect(ids(await run({ filter: { search: telegramUserId!.toString() } }))).toEqual([u(carol)]);
    expect(ids(await run({ filter: { search: telegramUserId!.toString().slice(0, -1) } }))).toEqual([]);
  });

  it("filters by ban, Pro status, creation date and referrer, with totalCount", async () => {
    expect(ids(await run({ filter: search({ banned: true }) }))).toEqual([u(carol)]);
    expect(ids(await run({ filter: search({ banned: false }) }))).toEqual([u(nameless), u(bob), u(alice)]);
    expect(ids(await run({ filter: search({ isPro: true }) }))).toEqual([u(bob)]);
    expect(ids(await run({ filter: search({ isPro: false }) }))).toEqual([u(nameless), u(carol), u(alice)]);
    const range = await run({ filter: search({ createdAt: { from: "2025-02-10T00:00:00Z", to: "2025-04-10T00:00:00Z" } }) });
    expect(ids(range)).toEqual([u(carol), u(bob)]);
    expect(range.totalCount).toBe(2);
    const referred = await run({ filter: { referredBy: u(alice) } });
    expect(ids(referred)).toEqual([u(carol), u(bob)]);
    expect(referred.totalCount).toBe(2);
    // An id of another type matches nobody rather than failing.
    expect((await run({ filter: { referredBy: globalId("Avatar", alice.id) } })).totalCount).toBe(0);
  });

  it("orders by creation date or name, either direction, and pages through nameless users too", async () => {
    expect(ids(await run({ filter: search(), orderBy: { field: "CREATED_AT", direction: "ASC" } }))).toEqual([
      u(alice),
      u(bob),
      u(carol),
      u(nameless),
    ]);
    expect(ids(await run({ filter: search(), orderBy: { field: "NAME", direction: "ASC" } }))).toEqual([
      u(alice),
      u(bob),
      u(carol),
      u(nameless),
    ]);
    expect(ids(await run({ filter: search(), orderBy: { field: "NAME" } }))).toEqual([u(carol), u(bob), u(alice), u(nameless)]);
    for (const direction of ["ASC", "DESC"] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 5; page++) {
        const connection = await run({ filter: search(), orderBy: { field: "NAME", direction }, first: 1, after });
        seen.push(...ids(connection));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor!;
      }
      expect(seen, direction).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);
    }
  });

  it("shows staff the user page: ban, referrer, sessions, identities and the user's own connections", async () => {
    await api.prisma.user.update({ where: { id: alice.id }, data: { telegramChatId: 5_551_234n } });
    const avatar = await createAvatar(alice.id, { name: "Alice main" });
    await api.prisma.generationJob.create({ data: { avatarId: avatar.id, styleId, status: "COMPLETED" } });
    await api.prisma.sharedGallery.create({ data: { userId: alice.id, avatarId: avatar.id, token: unique("tok") } });
    await api.prisma.supportTicket.create({ data: { number: "TKT-2025-901", userId: alice.id, subject: "Hi" } });
    await api.prisma.userSession.updateMany({ where: { userId: alice.id }, data: { ip: "198.51.100.4" } });

    const result = await api.execute(UsersDetailed, { filter: search({ banned: true }) }, { headers: viewer.headers });
    expect(result.errors).toBeUndefined();
    expect(result.data!.admin.users.edges[0]!.node).toMatchObject({
      isBanned: true,
      banReason: "Spam",
      bannedBy: { username: expect.stringMatching(/^admin-/) as unknown, role: "ADMIN" },
      referredBy: { id: u(alice), name: `${tag} Alice` },
      isPro: false,
      payments: { totalCount: 1, edges: [{ node: { status: "PENDING" } }] },
    });
    const aliceResult = await api.execute(UsersDetailed, { filter: { search: `@${tag}_ali` } }, { headers: admin.headers });
    expect(aliceResult.errors).toBeUndefined();
    expect(aliceResult.data!.admin.users.edges[0]!.node).toMatchObject({
      id: u(alice),
      isBanned: false,
      bannedBy: null,
      referredBy: null,
      referredUsers: { totalCount: 2 },
      authProvider: "TELEGRAM",
      telegramChatId: "5551234",
      activeSessionCount: 1,
      sessions: { edges: [{ node: { provider: "TELEGRAM", isActive: true, ip: "198.51.100.4", user: { id: u(alice) } } }] },
      identities: [{ provider: "TELEGRAM" }],
      avatars: { totalCount: 1, edges: [{ node: { name: "Alice main", latestJob: { status: "COMPLETED" } } }] },
      supportTickets: { totalCount: 1, edges: [{ node: { number: "TKT-2025-901" } }] },
      sharedGalleries: { edges: [{ node: {} }] },
    });
  });

  it("validates the search length", async () => {
    const result = await api.execute(Users, { filter: { search: "x".repeat(201) } }, { headers: admin.headers });
    expect(codeOf(result)).toBe("VALIDATION_FAILED");
  });
});

// ─── Content lists ────────────────────────────────────────────────────────────────

describe("content lists", () => {
  let owner: TestUser;
  let other: TestUser;
  let ownerAvatars: Array<{ id: number }>;
  let otherAvatar: { id: number };
  let jobs: { done: { id: number }; failed: { id: number }; test: { id: number }; otherJob: { id: number } };
  let photos: Array<{ id: number }>;

  beforeAll(async () => {
    owner = await api.signIn({ name: "Content Owner" });
    other = await api.signIn({ name: "Content Other" });
    ownerAvatars = [
      await createAvatar(owner.id, { name: "Draft one", status: "DRAFT", createdAt: new Date("2025-05-01T00:00:00Z") }),
      await createAvatar(owner.id, { name: "Ready one", status: "READY", createdAt: new Date("2025-05-02T00:00:00Z") }),
      await createAvatar(owner.id, { name: "Ready two", status: "READY", createdAt: new Date("2025-05-03T00:00:00Z") }),
    ];
    otherAvatar = await createAvatar(other.id, { name: "Other ready", status: "READY", createdAt: new Date("2025-05-04T00:00:00Z") });
    const payment = await createPayment(owner.id, { amount: "990.00" });
    jobs = {
      done: await api.prisma.generationJob.create({
        data: {
          avatarId: ownerAvatars[1]!.id,
          styleId,
          paymentId: payment.id,
          status: "COMPLETED",
          createdAt: new Date("2025-05-05T00:00:00Z"),
          completedAt: new Date("2025-05-05T02:00:00Z"),
        },
      }),
      failed: await api.prisma.generationJob.create({
        data: {
          avatarId: ownerAvatars[1]!.id,
          styleId,
          status: "FAILED",
          createdAt: new Date("2025-05-06T00:00:00Z"),
          completedAt: new Date("2025-05-06T01:00:00Z"),
        },
      }),
      test: await api.prisma.generationJob.create({
        data: {
          avatarId: ownerAvatars[2]!.id,
          styleId: otherStyleId,
          status: "PROCESSING",
          isTestMode: true,
          createdAt: new Date("2025-05-07T00:00:00Z"),
        },
      }),
      otherJob: await api.prisma.generationJob.create({
        data: {
          avatarId: otherAvatar.id,
          styleId,
          status: "COMPLETED",
          createdAt: new Date("2025-05-08T00:00:00Z"),
          completedAt: new Date("2025-05-08T00:30:00Z"),
        },
      }),
    };
    await api.prisma.generationTask.createMany({
      data: [
        {
          jobId: jobs.done.id,
          avatarId: ownerAvatars[1]!.id,
          promptIndex: 0,
          prompt: "studio portrait 0",
          status: "SUCCEEDED",
          providerTaskId: unique("kie"),
          attempts: 1,
        },
        {
          jobId: jobs.done.id,
          avatarId: ownerAvatars[1]!.id,
          promptIndex: 1,
          prompt: "studio portrait 1",
          status: "SUCCEEDED",
          providerTaskId: unique("kie"),
          attempts: 2,
        },
        {
          jobId: jobs.failed.id,
          avatarId: ownerAvatars[1]!.id,
          promptIndex: 0,
          prompt: "studio portrait 0",
          status: "FAILED",
          attempts: 3,
          errorMessage: "provider timeout",
        },
        {
          jobId: jobs.test.id,
          avatarId: ownerAvatars[2]!.id,
          promptIndex: 0,
          prompt: "outdoor 0",
          status: "PROCESSING",
          attempts: 1,
          providerTaskId: unique("kie"),
        },
      ],
    });
    const doneTasks = await api.prisma.generationTask.findMany({ where: { jobId: jobs.done.id }, orderBy: { promptIndex: "asc" } });
    photos = [];
    for (const [i, task] of doneTasks.entries()) {
      photos.push(
        await api.prisma.generatedPhoto.create({
          data: {
            avatarId: ownerAvatars[1]!.id,
            jobId: jobs.done.id,
            taskId: task.id,
            styleId,
            prompt: task.prompt,
            imageUrl: `https://x/${i}.jpg`,
            createdAt: new Date(`2025-05-05T01:0${i}:00Z`),
          },
        }),
      );
    }
    photos.push(
      await api.prisma.generatedPhoto.create({
        data: {
          avatarId: otherAvatar.id,
          jobId: jobs.otherJob.id,
          styleId: otherStyleId,
          prompt: "outdoor",
          imageUrl: "https://x/o.jpg",
          createdAt: new Date("2025-05-08T00:10:00Z"),
        },
      }),
    );
    await api.prisma.photoFavorite.create({ data: { userId: owner.id, photoId: photos[0]!.id } });
    await api.prisma.photoFavorite.create({ data: { userId: other.id, photoId: photos[0]!.id } });
    await api.prisma.photoFavorite.create({ data: { userId: other.id, photoId: photos[2]!.id } });
  });

  const gid = (type: string, row: { id: number }) => globalId(type, row.id);
  const read = async <T>(document: Parameters<typeof api.execute>[0], variables: object): Promise<T> => {
    const result = await api.execute(document as typeof Users, variables, { headers: viewer.headers });
    expect(result.errors).toBeUndefined();
    return result.data!.admin as unknown as T;
  };

  it("avatars: by owner, status, name and creation date; ordered either way", async () => {
    type R = { avatars: Connection<{ user: { id: string } }> };
    const mine = await read<R>(Avatars, { filter: { user: globalId("User", owner.id) } });
    expect(ids(mine.avatars)).toEqual(ownerAvatars.map((a) => gid("Avatar", a)).reverse());
    expect(mine.avatars.totalCount).toBe(3);
    expect(mine.avatars.edges[0]!.node.user.id).toBe(globalId("User", owner.id));
    const ready = await read<R>(Avatars, {
      filter: { user: globalId("User", owner.id), status: "READY" },
      orderBy: { field: "CREATED_AT", direction: "ASC" },
    });
    expect(ids(ready.avatars)).toEqual([gid("Avatar", ownerAvatars[1]!), gid("Avatar", ownerAvatars[2]!)]);
    const named = await read<R>(Avatars, {
      filter: { search: "ready", createdAt: { from: "2025-05-03T00:00:00Z", to: "2025-05-05T00:00:00Z" } },
    });
    expect(ids(named.avatars)).toEqual([gid("Avatar", otherAvatar), gid("Avatar", ownerAvatars[2]!)]);
  });

  it("generatedPhotos: by avatar, owner, style and job, newest first or oldest first", async () => {
    type R = { generatedPhotos: Connection<{ favoriteCount: number }> };
    const byJob = await read<R>(Photos, { filter: { job: gid("GenerationJob", jobs.done) } });
    expect(ids(byJob.generatedPhotos)).toEqual([gid("GeneratedPhoto", photos[1]!), gid("GeneratedPhoto", photos[0]!)]);
    expect(byJob.generatedPhotos.edges.map((e) => e.node.favoriteCount)).toEqual([0, 2]);
    const byOwner = await read<R>(Photos, { filter: { user: globalId("User", other.id) } });
    expect(ids(byOwner.generatedPhotos)).toEqual([gid("GeneratedPhoto", photos[2]!)]);
    const byStyle = await read<R>(Photos, {
      filter: { style: globalId("Style", styleId), avatar: gid("Avatar", ownerAvatars[1]!) },
      orderBy: { field: "CREATED_AT", direction: "ASC" },
    });
    expect(ids(byStyle.generatedPhotos)).toEqual([gid("GeneratedPhoto", photos[0]!), gid("GeneratedPhoto", photos[1]!)]);
    const none = await read<R>(Photos, { filter: { style: globalId("Style", otherStyleId), avatar: gid("Avatar", ownerAvatars[1]!) } });
    expect(none.generatedPhotos.totalCount).toBe(0);
  });

  it("generationJobs: by status, owner, avatar, date and test mode; by creation or completion", async () => {
    type R = {
      generationJobs: Connection<{
        payment: { amount: string } | null;
        providerTasks: { totalCount: number; edges: Array<{ node: { prompt: string; providerTaskId: string | null } }> };
      }>;
    };
    const owned = await read<R>(Jobs, { filter: { user: globalId("User", owner.id) } });
    expect(ids(owned.generationJobs)).toEqual([
      gid("GenerationJob", jobs.test),
      gid("GenerationJob", jobs.failed),
      gid("GenerationJob", jobs.done),
    ]);
    const done = owned.generationJobs.edges[2]!.node;
    expect(done.payment).toMatchObject({ amount: "990" });
    expect(done.providerTasks.totalCount).toBe(2);
    expect(done.providerTasks.edges.map((e) => e.node.prompt)).toEqual(["studio portrait 0", "studio portrait 1"]);
    expect(done.providerTasks.edges[0]!.node.providerTaskId).toMatch(/^kie-/);

    const may = { from: "2025-05-01T00:00:00Z", to: "2025-06-01T00:00:00Z" };
    expect(ids((await read<R>(Jobs, { filter: { status: "COMPLETED", createdAt: may } })).generationJobs)).toEqual([
      gid("GenerationJob", jobs.otherJob),
      gid("GenerationJob", jobs.done),
    ]);
    expect(ids((await read<R>(Jobs, { filter: { isTestMode: true, createdAt: may } })).generationJobs)).toEqual([
      gid("GenerationJob", jobs.test),
    ]);
    expect(
      ids(
        (await read<R>(Jobs, { filter: { avatar: gid("Avatar", ownerAvatars[1]!), createdAt: { from: "2025-05-06T00:00:00Z" } } }))
          .generationJobs,
      ),
    ).toEqual([gid("GenerationJob", jobs.failed)]);
    // By completion: latest completion first, unfinished jobs last.
    const byCompletion = await read<R>(Jobs, {
      filter: { createdAt: { from: "2025-05-05T00:00:00Z", to: "2025-05-09T00:00:00Z" } },
      orderBy: { field: "COMPLETED_AT" },
    });
    expect(ids(byCompletion.generationJobs)).toEqual(
      [jobs.otherJob, jobs.failed, jobs.done, jobs.test].map((j) => gid("GenerationJob", j)),
    );
    const ascending = await read<R>(Jobs, {
      filter: { createdAt: { from: "2025-05-05T00:00:00Z", to: "2025-05-09T00:00:00Z" } },
      orderBy: { field: "COMPLETED_AT", direction: "ASC" },
    });
    expect(ids(ascending.generationJobs)).toEqual([jobs.done, jobs.failed, jobs.otherJob, jobs.test].map((j) => gid("GenerationJob", j)));
  });

  it("generationTasks: staff see prompts, provider ids, attempts and errors; filtered by status, job and trouble", async () => {
    type R = {
      generationTasks: Connection<{
        promptIndex: number;
        errorMessage: string | null;
        attempts: number;
        job: { id: string };
        generatedPhoto: { id: string } | null;
      }>;
    };
    const failed = await read<R>(Tasks, { filter: { status: "FAILED", job: gid("GenerationJob", jobs.failed) } });
    expect(failed.generationTasks.totalCount).toBe(1);
    expect(failed.generationTasks.edges[0]!.node).toMatchObject({
      errorMessage: "provider timeout",
      attempts: 3,
      job: { id: gid("GenerationJob", jobs.failed) },
      generatedPhoto: null,
    });
    const ofDone = await read<R>(Tasks, {
      filter: { job: gid("GenerationJob", jobs.done) },
      orderBy: { field: "CREATED_AT", direction: "ASC" },
    });
    expect(ofDone.generationTasks.edges.map((e) => e.node.promptIndex)).toEqual([0, 1]);
    expect(ofDone.generationTasks.edges[0]!.node.generatedPhoto).toEqual({ id: gid("GeneratedPhoto", photos[0]!) });
    expect(ids(ofDone.generationTasks)[0]).toBe(
      globalId("GenerationTask", (await api.prisma.generationTask.findFirstOrThrow({ where: { jobId: jobs.done.id, promptIndex: 0 } })).id),
    );
    const troubled = await read<R>(Tasks, { filter: { failedAttempts: true } });
    expect(troubled.generationTasks.edges.map((e) => [e.node.job.id, e.node.promptIndex])).toEqual([
      [gid("GenerationJob", jobs.failed), 0],
      [gid("GenerationJob", jobs.done), 1],
    ]);
    const fine = await read<R>(Tasks, { filter: { failedAttempts: false } });
    expect(fine.generationTasks.totalCount).toBe(2);
  });

  it("sharedGalleries: by owner, avatar and liveness; by views", async () => {
    const live = await api.prisma.sharedGallery.create({
      data: { userId: owner.id, avatarId: ownerAvatars[1]!.id, token: unique("g"), viewCount: 5 },
    });
    const revoked = await api.prisma.sharedGallery.create({
      data: { userId: owner.id, avatarId: ownerAvatars[1]!.id, token: unique("g"), revokedAt: new Date(), viewCount: 9 },
    });
    const expired = await api.prisma.sharedGallery.create({
      data: { userId: owner.id, avatarId: ownerAvatars[2]!.id, token: unique("g"), expiresAt: new Date(Date.now() - 1000), viewCount: 1 },
    });
    const later = await api.prisma.sharedGallery.create({
      data: { userId: owner.id, avatarId: ownerAvatars[2]!.id, token: unique("g"), expiresAt: new Date(Date.now() + 3_600_000) },
    });
    type R = { sharedGalleries: Connection };
    const user = globalId("User", owner.id);
    expect(ids((await read<R>(Galleries, { filter: { user } })).sharedGalleries)).toEqual(
      [later, expired, revoked, live].map((g) => gid("SharedGallery", g)),
    );
    expect(ids((await read<R>(Galleries, { filter: { user, live: true } })).sharedGalleries)).toEqual(
      [later, live].map((g) => gid("SharedGallery", g)),
    );
    expect(ids((await read<R>(Galleries, { filter: { user, live: false } })).sharedGalleries)).toEqual(
      [expired, revoked].map((g) => gid("SharedGallery", g)),
    );
    expect(ids((await read<R>(Galleries, { filter: { avatar: gid("Avatar", ownerAvatars[2]!) } })).sharedGalleries)).toEqual(
      [later, expired].map((g) => gid("SharedGallery", g)),
    );
    expect(ids((await read<R>(Galleries, { filter: { user }, orderBy: { field: "VIEW_COUNT" } })).sharedGalleries)).toEqual(
      [revoked, live, expired, later].map((g) => gid("SharedGallery", g)),
    );
  });

  it("userIdentities: by provider, user and account id or email", async () => {
    await api.prisma.userIdentity.create({
      data: { userId: owner.id, provider: "EMAIL", providerUserId: "owner@example.org", email: "owner@example.org" },
    });
    await api.prisma.userIdentity.create({
      data: { userId: other.id, provider: "GOOGLE", providerUserId: "google-sub-42", email: "other@example.org" },
    });
    type R = {
      userIdentities: { totalCount: number; edges: Array<{ node: { provider: string; providerUserId: string; user: { id: string } } }> };
    };
    const email = await read<R>(Identities, { filter: { provider: "EMAIL" } });
    expect(email.userIdentities.edges.map((e) => e.node.providerUserId)).toEqual(["owner@example.org"]);
    const owners = await read<R>(Identities, {
      filter: { user: globalId("User", owner.id) },
      orderBy: { field: "CREATED_AT", direction: "ASC" },
    });
    expect(owners.userIdentities.edges.map((e) => e.node.provider)).toEqual(["TELEGRAM", "EMAIL"]);
    const bySubject = await read<R>(Identities, { filter: { search: "google-sub-42" } });
    expect(bySubject.userIdentities.edges.map((e) => e.node.user.id)).toEqual([globalId("User", other.id)]);
    const byEmail = await read<R>(Identities, { filter: { search: "OTHER@example" } });
    expect(byEmail.userIdentities.totalCount).toBe(1);
  });

  it("photoFavorites and userSessions: by user, photo and liveness", async () => {
    type F = { photoFavorites: { totalCount: number; edges: Array<{ node: { user: { id: string }; photo: { id: string } } }> } };
    const onPhoto = await read<F>(Favorites, { filter: { photo: gid("GeneratedPhoto", photos[0]!) } });
    expect(onPhoto.photoFavorites.edges.map((e) => e.node.user.id)).toEqual([globalId("User", other.id), globalId("User", owner.id)]);
    const byOther = await read<F>(Favorites, { filter: { user: globalId("User", other.id) } });
    expect(byOther.photoFavorites.edges.map((e) => e.node.photo.id)).toEqual([
      gid("GeneratedPhoto", photos[2]!),
      gid("GeneratedPhoto", photos[0]!),
    ]);

    await issueSession(api.prisma, { userId: other.id, provider: "TELEGRAM", ttlDays: 1 });
    await api.prisma.userSession.create({
      data: { userId: other.id, provider: "EMAIL", tokenHash: "e".repeat(64), expiresAt: new Date(Date.now() - 1000) },
    });
    type S = { userSessions: { totalCount: number; edges: Array<{ node: { provider: string; isActive: boolean } }> } };
    const all = await read<S>(Sessions, { filter: { user: globalId("User", other.id) } });
    expect(all.userSessions.totalCount).toBe(3);
    const active = await read<S>(Sessions, { filter: { user: globalId("User", other.id), active: true } });
    expect(active.userSessions.edges.map((e) => e.node.isActive)).toEqual([true, true]);
    const ended = await read<S>(Sessions, { filter: { user: globalId("User", other.id), active: false } });
    expect(ended.userSessions.edges.map((e) => [e.node.provider, e.node.isActive])).toEqual([["EMAIL", false]]);
  });
});

// ─── Statement counts ─────────────────────────────────────────────────────────────

describe("statement counts", () => {
  beforeAll(async () => {
    // Six users with everything the detailed query loads.
    for (let i = 0; i < 6; i++) {
      const user = await api.signIn({ name: `Stmt ${i}` });
      await api.prisma.user.update({
        where: { id: user.id },
        data: { referredById: member.id, isBanned: i % 2 === 0, bannedById: i % 2 === 0 ? admin.id : null },
      });
      const avatar = await createAvatar(user.id, { name: `Stmt avatar ${i}` });
      const job = await api.prisma.generationJob.create({ data: { avatarId: avatar.id, styleId, status: "COMPLETED" } });
      const task = await api.prisma.generationTask.create({
        data: { jobId: job.id, avatarId: avatar.id, promptIndex: 0, prompt: "p", providerTaskId: unique("stmt") },
      });
      const photo = await api.prisma.generatedPhoto.create({
        data: { avatarId: avatar.id, jobId: job.id, taskId: task.id, styleId, prompt: "p", imageUrl: "https://x/p.jpg" },
      });
      await api.prisma.photoFavorite.create({ data: { userId: user.id, photoId: photo.id } });
      await api.prisma.sharedGallery.create({ data: { userId: user.id, avatarId: avatar.id, token: unique("stmt") } });
      await createPayment(user.id);
      await api.prisma.supportTicket.create({ data: { number: `TKT-2024-${500 + i}`, userId: user.id } });
    }
  });

  async function countsFor(document: Parameters<typeof api.execute>[0], variables: object, path: string) {
    const counts: number[] = [];
    for (const first of [3, 6]) {
      const result = await api.execute(document as typeof Users, { ...variables, first }, { headers: admin.headers });
      expect(result.errors).toBeUndefined();
      const connection = (result.data!.admin as unknown as Record<string, Connection>)[path]!;
      expect(connection.edges).toHaveLength(first);
      counts.push(result.statements.length);
    }
    expect(counts[0], path).toBe(counts[1]);
    return counts[0]!;
  }

  it("users with their staff page fields: constant in the number of rows", async () => {
    const count = await countsFor(UsersDetailed, { filter: { search: "Stmt" } }, "users");
    expect(count).toBeLessThanOrEqual(20);
  });

  it("content lists: constant in the number of rows", async () => {
    await countsFor(Avatars, { filter: { search: "Stmt avatar" } }, "avatars");
    await countsFor(Photos, {}, "generatedPhotos");
    await countsFor(Jobs, {}, "generationJobs");
    await countsFor(Tasks, {}, "generationTasks");
    await countsFor(Galleries, {}, "sharedGalleries");
    await countsFor(Identities, {}, "userIdentities");
    await countsFor(Favorites, {}, "photoFavorites");
    await countsFor(Sessions, {}, "userSessions");
  });
});

// ─── Dashboard ────────────────────────────────────────────────────────────────────

describe("admin.dashboard", () => {
  // Its own database: the figures cover every row, so nothing else may add any.
  let board: TestApi;
  let boardAdmin: TestAdmin;

  beforeAll(async () => {
    board = await createTestApi();
    boardAdmin = await board.signInAdmin("VIEWER");
    const payer = await board.signIn({ name: "Payer" });
    const style = await board.prisma.style.create({ data: { code: "dash", name: "Dash" } });
    const avatar = await board.prisma.avatar.create({ data: { userId: payer.id } });
    let n = 0;
    const pay = (
      provider: "TBANK" | "STARS" | "TON" | "TEST",
      amount: string,
      createdAt: string,
      extra: { status?: "PENDING" | "SUCCEEDED" | "REFUNDED"; isTestMode?: boolean } = {},
    ) =>
      board.prisma.payment.create({
        data: {
          userId: payer.id,
          provider,
          amount,
          photoCount: 23,
          idempotencyKey: `dash-${++n}`,
          createdAt: new Date(createdAt),
          status: extra.status ?? "SUCCEEDED",
          isTestMode: extra.isTestMode ?? false,
          ...(provider === "STARS" ? { starsAmount: 300 } : {}),
          ...(provider === "TON" ? { tonAmount: "2" } : {}),
        },
      });
    await pay("TBANK", "1490.00", "2030-01-01T10:00:00Z");
    await pay("TBANK", "990.50", "2030-01-01T23:30:00Z"); // 02:30 in Moscow, still 1 January in UTC
    await pay("STARS", "500.00", "2030-01-01T12:00:00Z");
    await pay("TBANK", "100.00", "2030-01-02T00:10:00Z");
    await pay("TON", "250.25", "2030-01-02T08:00:00Z");
    await pay("TBANK", "777.00", "2030-01-01T11:00:00Z", { status: "PENDING" });
    await pay("TBANK", "888.00", "2030-01-01T11:00:00Z", { status: "REFUNDED" });
    await pay("TBANK", "999.00", "2030-01-01T11:00:00Z", { isTestMode: true });
    await pay("TEST", "111.00", "2030-01-01T11:00:00Z");
    await pay("TBANK", "123.00", "2029-12-31T23:59:59Z"); // before the range
    await pay("TBANK", "321.00", "2030-01-03T00:00:00Z"); // the range's end is open

    const job = (status: "PENDING" | "PROCESSING" | "COMPLETED" | "FAILED", createdAt: string, isTestMode = false) =>
      board.prisma.generationJob.create({
        data: { avatarId: avatar.id, styleId: style.id, status, isTestMode, createdAt: new Date(createdAt) },
      });
    for (const at of ["2030-01-01T01:00:00Z", "2030-01-01T02:00:00Z", "2030-01-02T03:00:00Z"]) await job("COMPLETED", at);
    await job("FAILED", "2030-01-02T04:00:00Z");
    await job("PROCESSING", "2030-01-02T05:00:00Z");
    await job("PENDING", "2030-01-02T05:30:00Z");
    await job("COMPLETED", "2030-01-02T06:00:00Z", true);
    await job("FAILED", "2029-12-30T00:00:00Z");

    const past = new Date(Date.now() - 3_600_000);
    const future = new Date(Date.now() + 3_600_000);
    let t = 0;
    const ticket = (
      priority: "P1" | "P2" | "P3" | "P4",
      status: "OPEN" | "IN_PROGRESS" | "WAITING_USER" | "ESCALATED" | "RESOLVED" | "CLOSED",
      sla: object = {},
    ) =>
      board.prisma.supportTicket.create({
        data: { number: `TKT-2030-${String(++t).padStart(3, "0")}`, priority, status, userId: payer.id, ...sla },
      });
    await ticket("P1", "OPEN", { firstResponseDueAt: past, resolutionDueAt: future }); // late first response
    await ticket("P1", "IN_PROGRESS", { firstResponseDueAt: past, firstResponseAt: past, resolutionDueAt: past }); // late resolution
    await ticket("P2", "ESCALATED", { firstResponseDueAt: past, resolutionDueAt: past }); // late on both counts
    await ticket("P3", "RESOLVED", { firstResponseDueAt: past, resolutionDueAt: past, resolvedAt: new Date() }); // closed: not counted
    await ticket("P3", "CLOSED", { firstResponseDueAt: past, resolutionDueAt: past, closedAt: new Date() });
    await ticket("P4", "WAITING_USER", { firstResponseDueAt: past, firstResponseAt: past, resolutionDueAt: future }); // answered late, in time now
    await ticket("P4", "OPEN"); // no deadlines

    // Withdrawals reserve their amount on the ledger; the database checks balance == ledger at commit.
    const partner = await board.signIn({ name: "Partner" });
    await board.prisma.$transaction(async (tx) => {
      await postLedgerEntry(tx, { userId: partner.id, currency: "RUB", kind: "ADJUSTMENT", amount: "1000.00", note: "test funding" });
      await postLedgerEntry(tx, { userId: partner.id, currency: "TON", kind: "ADJUSTMENT", amount: "10", note: "test funding" });
      const withdraw = async (currency: "RUB" | "TON", amount: string, status: "PENDING" | "APPROVED" | "PAID" | "REJECTED") => {
        const method = currency === "TON" ? "TON" : "CARD";
        const row = await tx.withdrawal.create({
          data: {
            userId: partner.id,
            currency,
            amount,
            payoutAmount: amount,
            method,
            status,
            details: method === "TON" ? { address: "UQ-test-wallet" } : { card: "220070******1234" },
          },
        });
        await postLedgerEntry(tx, { userId: partner.id, currency, kind: "WITHDRAWAL_RESERVE", amount: `-${amount}`, withdrawalId: row.id });
      };
      await withdraw("RUB", "300.00", "PENDING");
      await withdraw("RUB", "200.50", "APPROVED");
      await withdraw("RUB", "100.00", "PAID");
      await withdraw("RUB", "50.00", "REJECTED");
      await withdraw("TON", "2.5", "PENDING");
    });
  });

  const range = { from: "2030-01-01T00:00:00Z", to: "2030-01-03T00:00:00Z" };

  it("computes every figure, one statement each", async () => {
    const result = await board.execute(Dashboard, { range }, { headers: boardAdmin.headers });
    expect(result.errors).toBeUndefined();
    expect(result.data!.admin.dashboard).toEqual({
      from: "2030-01-01T00:00:00.000Z",
      to: "2030-01-03T00:00:00.000Z",
      revenue: [
        { day: "2030-01-01", provider: "STARS", amount: "500", payments: 1 },
        { day: "2030-01-01", provider: "TBANK", amount: "2480.5", payments: 2 },
        { day: "2030-01-02", provider: "TBANK", amount: "100", payments: 1 },
        { day: "2030-01-02", provider: "TON", amount: "250.25", payments: 1 },
      ],
      generation: { completed: 3, failed: 1, inProgress: 2, successRate: 0.75 },
      openTicketsByPriority: [
        { priority: "P1", count: 2 },
        { priority: "P2", count: 1 },
        { priority: "P3", count: 0 },
        { priority: "P4", count: 2 },
      ],
      slaBreaches: { firstResponse: 2, resolution: 2, tickets: 3 },
      pendingWithdrawals: [
        { currency: "RUB", count: 2, amount: "500.5" },
        { currency: "TON", count: 1, amount: "2.5" },
      ],
    });
    const figures = result.statements.filter((sql) => !/admin_sessions/.test(sql));
    expect(figures).toHaveLength(5);
  });

  it("runs only the figures asked for; without a range, revenue covers the last 30 days", async () => {
    const payer = await board.signIn({ name: "Recent payer" });
    await board.prisma.payment.create({
      data: {
        userId: payer.id,
        provider: "TBANK",
        amount: "42.00",
        photoCount: 5,
        idempotencyKey: "recent",
        status: "SUCCEEDED",
        createdAt: new Date(Date.now() - 86_400_000),
      },
    });
    await board.prisma.payment.create({
      data: {
        userId: payer.id,
        provider: "TBANK",
        amount: "43.00",
        photoCount: 5,
        idempotencyKey: "too-old",
        status: "SUCCEEDED",
        createdAt: new Date(Date.now() - 31 * 86_400_000),
      },
    });
    const result = await board.execute(DashboardRevenue, {}, { headers: boardAdmin.headers });
    expect(result.errors).toBeUndefined();
    const { from, to, revenue } = result.data!.admin.dashboard;
    expect(new Date(to!).getTime() - new Date(from!).getTime()).toBe(30 * 86_400_000);
    expect(revenue).toEqual([
      { day: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), provider: "TBANK", amount: "42", payments: 1 },
    ]);
    expect(result.statements.filter((sql) => !/admin_sessions/.test(sql))).toHaveLength(1);
  });

  it("reports a null success rate when no job finished, and refuses an empty range", async () => {
    const empty = await board.execute(
      Dashboard,
      { range: { from: "2040-01-01T00:00:00Z", to: "2040-02-01T00:00:00Z" } },
      { headers: boardAdmin.headers },
    );
    expect(empty.data!.admin.dashboard).toMatchObject({
      revenue: [],
      generation: { completed: 0, failed: 0, inProgress: 0, successRate: null },
    });
    const backwards = await board.execute(
      Dashboard,
      { range: { from: "2030-02-01T00:00:00Z", to: "2030-01-01T00:00:00Z" } },
      { headers: boardAdmin.headers },
    );
    expect(codeOf(backwards)).toBe("VALIDATION_FAILED");
  });
});
