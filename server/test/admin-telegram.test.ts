// Telegram, admin side: who may read and change what, audit rows, the outbox filters,
// the broadcast lifecycle (create, schedule, cancel), affiliate settings history, and
// MTProto sessions that never expose their session string.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestAdmin, type TestApi, type TestApiKey, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

// ─── Documents ────────────────────────────────────────────────────────────────────

const Messages = graphql(`
  query AdminTelegram_Messages($filter: TelegramMessageFilter, $first: Int) {
    admin {
      telegramMessages(filter: $filter, first: $first) {
        totalCount
        edges { node { id kind text status attempts errorMessage telegramChatId telegramMessageId user { id name } broadcast { id title } } }
      }
    }
  }
`);

const Broadcasts = graphql(`
  query AdminTelegram_Broadcasts($filter: BroadcastFilter, $first: Int) {
    admin {
      broadcasts(filter: $filter, first: $first) {
        totalCount
        edges {
          node {
            id title text status scheduledAt mediaUrl buttons audience { segment excludeBanned }
            createdBy { username }
            messages(first: 5) { edges { node { id status } } }
          }
        }
      }
    }
  }
`);

const Reads = graphql(`
  query AdminTelegram_Reads {
    admin {
      telegramMessages(first: 5) { totalCount edges { node { id } } }
      broadcasts(first: 5) { totalCount edges { node { id } } }
      affiliateSettings { id commissionPerMille }
      mtprotoSessions(first: 5) { totalCount edges { node { id } } }
    }
  }
`);

const Affiliate = graphql(`
  query AdminTelegram_Affiliate {
    admin { affiliateSettings { id commissionPerMille commissionPercent durationMonths isActive updatedBy { username } } }
  }
`);

const Sessions = graphql(`
  query AdminTelegram_Sessions($filter: MtprotoSessionFilter) {
    admin { mtprotoSessions(filter: $filter, first: 10) { totalCount edges { node { id phoneNumber isActive lastUsedAt admin { username } createdAt } } } }
  }
`);

const SessionType = graphql(`
  query AdminTelegram_SessionType { __type(name: "TelegramMtprotoSession") { fields { name } } }
`);

const NodeQuery = graphql(`
  query AdminTelegram_Node($id: ID!) {
    node(id: $id) {
      id
      ... on TelegramBroadcast { title }
      ... on TelegramMessage { kind }
      ... on TelegramMtprotoSession { phoneNumber }
      ... on TelegramAffiliateSetting { commissionPerMille }
    }
  }
`);

const Create = graphql(`
  mutation AdminTelegram_Create($input: CreateBroadcastInput!) {
    createBroadcast(input: $input) {
      __typename
      ... on TelegramBroadcast { id title text status scheduledAt mediaUrl buttons audience { segment excludeBanned } createdBy { username } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Schedule = graphql(`
  mutation AdminTelegram_Schedule($input: ScheduleBroadcastInput!) {
    scheduleBroadcast(input: $input) {
      __typename
      ... on TelegramBroadcast { id status scheduledAt }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Cancel = graphql(`
  mutation AdminTelegram_Cancel($input: CancelBroadcastInput!) {
    cancelBroadcast(input: $input) {
      __typename
      ... on TelegramBroadcast { id status completedAt }
      ... on Error { code message }
    }
  }
`);

const UpdateAffiliate = graphql(`
  mutation AdminTelegram_UpdateAffiliate($input: UpdateAffiliateSettingsInput!) {
    updateAffiliateSettings(input: $input) {
      __typename
      ... on TelegramAffiliateSetting { id commissionPerMille commissionPercent durationMonths isActive updatedBy { username } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

// ─── Set-up ───────────────────────────────────────────────────────────────────────

let api: TestApi;
let admin: TestAdmin;
let operator: TestAdmin;
let viewer: TestAdmin;
let customer: TestUser;
let apiKey: TestApiKey;

const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString("base64");
const databaseId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * MINUTE);
const SESSION_SECRET = "1BVtsOK4Bu-SECRET-MTPROTO-SESSION-STRING";

type Result = { data?: unknown; errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> };
const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  api = await createTestApi();
  [admin, operator, viewer] = await Promise.all([api.signInAdmin("ADMIN"), api.signInAdmin("OPERATOR"), api.signInAdmin("VIEWER")]);
  customer = await api.signIn({ name: "Customer" });
  apiKey = await api.createApiKey(customer.id, ["REFERRALS_READ", "REFERRAL_LINKS_CREATE"]);
  await api.prisma.telegramMtprotoSession.create({
    data: { adminId: admin.id, phoneNumber: "+79001234567", sessionString: SESSION_SECRET },
  });
});

// ─── Roles and audit ──────────────────────────────────────────────────────────────

describe("who may do what", () => {
  it("lets every staff role read, and nobody else", async () => {
    for (const staff of [admin, operator, viewer]) {
      const result = await api.execute(Reads, {}, { headers: staff.headers });
      expect(result.errors).toBeUndefined();
      expect(result.data?.admin.mtprotoSessions.totalCount).toBe(1);
    }
    for (const [headers, code] of [
      [customer.headers, "FORBIDDEN"],
      [apiKey.headers, "FORBIDDEN"],
      [undefined, "UNAUTHENTICATED"],
    ] as const) {
      const result = await api.execute(Reads, {}, { headers });
      expect(codeOf(result)).toBe(code);
      expect(result.data ?? null).toBeNull();
    }
    const session = await api.prisma.telegramMtprotoSession.findFirstOrThrow();
    const id = globalId("TelegramMtprotoSession", session.id);
    expect((await api.execute(NodeQuery, { id }, { headers: viewer.headers })).data?.node).toMatchObject({ phoneNumber: "+•••••••4567" });
    for (const headers of [customer.headers, apiKey.headers, undefined]) {
      const refused = await api.execute(NodeQuery, { id }, { headers });
      expect(refused.data?.node ?? null).toBeNull();
      expect(refused.errors).toBeUndefined();
    }
  });

  it("lets only ADMIN change anything, with an audit row each; others change nothing", async () => {
    const draft = await api.prisma.telegramBroadcast.create({ data: { title: "Roles draft", text: "Hello" } });
    const cancellable = await api.prisma.telegramBroadcast.create({ data: { title: "Roles cancel", text: "Bye" } });
    const later = inMinutes(120).toISOString();
    const mutations = [
      {
        name: "createBroadcast",
        action: "broadcast.create",
        run: (h?: Record<string, string>) => api.execute(Create, { input: { text: "Roles broadcast" } }, { headers: h }),
      },
      {
        name: "scheduleBroadcast",
        action: "broadcast.schedule",
        run: (h?: Record<string, string>) =>
          api.execute(Schedule, { input: { broadcastId: globalId("TelegramBroadcast", draft.id), scheduledAt: later } }, { headers: h }),
      },
      {
        name: "cancelBroadcast",
        action: "broadcast.cancel",
        run: (h?: Record<string, string>) =>
          api.execute(Cancel, { input: { broadcastId: globalId("TelegramBroadcast", cancellable.id) } }, { headers: h }),
      },
      {
        name: "updateAffiliateSettings",
        action: "affiliate_settings.update",
        run: (h?: Record<string, string>) =>
          api.execute(UpdateAffiliate, { input: { commissionPerMille: 150, durationMonths: 6, isActive: true } }, { headers: h }),
      },
    ];
    const snapshot = async () =>
      JSON.stringify([
        await api.prisma.telegramBroadcast.findMany({ orderBy: { id: "asc" } }),
        await api.prisma.telegramAffiliateSetting.findMany({ orderBy: { id: "asc" } }),
        await api.prisma.auditLog.count(),
      ]);
    const before = await snapshot();
    for (const mutation of mutations) {
      for (const [headers, code] of [
        [operator.headers, "FORBIDDEN"],
        [viewer.headers, "FORBIDDEN"],
        [customer.headers, "FORBIDDEN"],
        [apiKey.headers, "FORBIDDEN"],
        [undefined, "UNAUTHENTICATED"],
      ] as const) {
        const result = await mutation.run(headers);
        expect(codeOf(result), `${mutation.name} as ${JSON.stringify(headers)}`).toBe(code);
        expect((result.data as Record<string, unknown> | null)?.[mutation.name] ?? null).toBeNull();
      }
    }
    expect(await snapshot()).toBe(before);

    for (const mutation of mutations) {
      const result = await mutation.run(admin.headers);
      expect(result.errors, mutation.name).toBeUndefined();
      const payload = (result.data as Record<string, { __typename: string; id: string }>)[mutation.name]!;
      expect(payload.__typename, mutation.name).not.toMatch(/Error$/);
      const audit = await api.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect(audit, mutation.name).toMatchObject({ action: mutation.action, adminId: admin.id, targetId: databaseId(payload.id) });
      expect(audit.after, mutation.name).not.toBeNull();
    }
    const audits = await api.prisma.auditLog.findMany({
      where: { action: { in: mutations.map((m) => m.action) } },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => [a.action, a.targetType])).toEqual([
      ["broadcast.create", "TelegramBroadcast"],
      ["broadcast.schedule", "TelegramBroadcast"],
      ["broadcast.cancel", "TelegramBroadcast"],
      ["affiliate_settings.update", "TelegramAffiliateSetting"],
    ]);
    expect(audits[0]!.after).toMatchObject({
      title: "Roles broadcast",
      text: "Roles broadcast",
      status: "DRAFT",
      audience: { segment: "all", excludeBanned: true },
    });
    expect(audits[1]).toMatchObject({ before: { status: "DRAFT", scheduledAt: null }, after: { status: "SCHEDULED", scheduledAt: later } });
    expect(audits[2]).toMatchObject({ before: { status: "DRAFT" }, after: { status: "CANCELLED", cancelledMessages: 0 } });
    expect(audits[3]).toMatchObject({ before: null, after: { commissionPerMille: 150, durationMonths: 6, isActive: true } });
  });
});

// ─── The outbox ───────────────────────────────────────────────────────────────────

describe("the outbound queue", () => {
  it("filters by status, user, broadcast, kind and date range, newest first", async () => {
    const [anna, boris] = await Promise.all([api.signIn({ name: "Anna" }), api.signIn({ name: "Boris" })]);
    const broadcast = await api.prisma.telegramBroadcast.create({ data: { title: "Outbox broadcast", text: "News", status: "SENDING" } });
    const rows = [
      {
        telegramChatId: 101n,
        userId: anna.id,
        kind: "generation_ready",
        status: "SENT" as const,
        sentAt: ago(50),
        telegramMessageId: 1842n,
        createdAt: ago(60),
      },
      {
        telegramChatId: 101n,
        userId: anna.id,
        kind: "broadcast",
        broadcastId: broadcast.id,
        status: "PENDING" as const,
        createdAt: ago(40),
      },
      {
        telegramChatId: 202n,
        userId: boris.id,
        kind: "broadcast",
        broadcastId: broadcast.id,
        status: "FAILED" as const,
        attempts: 3,
        errorMessage: "bot was blocked",
        createdAt: ago(20),
      },
      { telegramChatId: 202n, userId: boris.id, kind: "payment_succeeded", status: "PENDING" as const, createdAt: ago(10) },
    ];
    const ids: number[] = [];
    for (const row of rows) ids.push((await api.prisma.telegramMessage.create({ data: row })).id);
    const listed = async (filter: Record<string, unknown>) => {
      const result = await api.execute(
        Messages,
        { filter: { range: { from: ago(61).toISOString() }, ...filter }, first: 50 },
        { headers: viewer.headers },
      );
      expect(result.errors).toBeUndefined();
      const connection = result.data!.admin.telegramMessages;
      expect(connection.totalCount).toBe(connection.edges.length);
      return connection.edges.map((e) => databaseId(e.node.id));
    };
    expect(await listed({})).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(await listed({ status: ["PENDING"] })).toEqual([ids[3], ids[1]]);
    expect(await listed({ user: globalId("User", anna.id) })).toEqual([ids[1], ids[0]]);
    expect(await listed({ broadcast: globalId("TelegramBroadcast", broadcast.id) })).toEqual([ids[2], ids[1]]);
    expect(await listed({ kind: "broadcast", status: ["FAILED"] })).toEqual([ids[2]]);
    expect(await listed({ range: { from: ago(45).toISOString(), to: ago(15).toISOString() } })).toEqual([ids[2], ids[1]]);

    const detailed = await api.execute(
      Messages,
      { filter: { user: globalId("User", boris.id), status: ["FAILED"] } },
      { headers: viewer.headers },
    );
    expect(detailed.data!.admin.telegramMessages.edges[0]!.node).toMatchObject({
      kind: "broadcast",
      attempts: 3,
      errorMessage: "bot was blocked",
      telegramChatId: "202",
      user: { name: "Boris" },
      broadcast: { title: "Outbox broadcast" },
    });
    const bad = await api.execute(Messages, { filter: { user: globalId("TelegramBroadcast", broadcast.id) } }, { headers: viewer.headers });
    expect(codeOf(bad)).toBe("VALIDATION_FAILED");
  });

  it("loads messages with their user and broadcast, and broadcasts with their messages, in constant statements", async () => {
    const load = async (kind: string, count: number) => {
      for (let i = 0; i < count; i++) {
        const user = await api.signIn();
        const broadcast = await api.prisma.telegramBroadcast.create({ data: { title: `${kind} ${i}`, text: "Hello", adminId: admin.id } });
        await api.prisma.telegramMessage.createMany({
          data: [
            { telegramChatId: 300n + BigInt(i), userId: user.id, broadcastId: broadcast.id, kind },
            { telegramChatId: 300n + BigInt(i), userId: user.id, broadcastId: broadcast.id, kind },
          ],
        });
      }
      const messages = await api.execute(Messages, { filter: { kind }, first: 50 }, { headers: viewer.headers });
      expect(messages.data!.admin.telegramMessages.edges).toHaveLength(count * 2);
      const broadcasts = await api.execute(Broadcasts, { filter: { search: `${kind} ` }, first: 50 }, { headers: viewer.headers });
      expect(broadcasts.data!.admin.broadcasts.edges).toHaveLength(count);
      expect(broadcasts.data!.admin.broadcasts.edges.every((e) => e.node.messages.edges.length === 2)).toBe(true);
      return [messages.statements.length, broadcasts.statements.length];
    };
    const three = await load("stmt_three", 3);
    const six = await load("stmt_six", 6);
    expect(six).toEqual(three);
    expect(three[0]).toBeLessThanOrEqual(5);
    expect(three[1]).toBeLessThanOrEqual(5);
  });
});

// ─── Broadcasts ───────────────────────────────────────────────────────────────────

describe("broadcasts", () => {
  it("are created as DRAFT, or SCHEDULED with a future time, with their audience and buttons", async () => {
    const draft = await api.execute(
      Create,
      {
        input: {
          text: "❄️ New pack: winter lights\nOnly until January 10",
          mediaUrl: "https://cdn.test/new-year.jpg",
          buttons: [{ text: "Create", url: "https://t.me/bot?start=ny" }],
          audience: { segment: "PAID" },
        },
      },
      { headers: admin.headers },
    );
    expect(draft.data?.createBroadcast).toMatchObject({
      __typename: "TelegramBroadcast",
      title: "❄️ New pack: winter lights",
      status: "DRAFT",
      scheduledAt: null,
      mediaUrl: "https://cdn.test/new-year.jpg",
      buttons: [[{ text: "Create", url: "https://t.me/bot?start=ny" }]],
      audience: { segment: "PAID", excludeBanned: true },
    });
    const when = inMinutes(60).toISOString();
    const scheduled = await api.execute(
      Create,
      { input: { title: "Scheduled", text: "Soon", scheduledAt: when, audience: { segment: "PARTNERS", excludeBanned: false } } },
      { headers: admin.headers },
    );
    expect(scheduled.data?.createBroadcast).toMatchObject({
      status: "SCHEDULED",
      scheduledAt: when,
      audience: { segment: "PARTNERS", excludeBanned: false },
    });

    const count = await api.prisma.telegramBroadcast.count();
    const invalid = await api.execute(
      Create,
      {
        input: {
          text: "x".repeat(4097),
          mediaUrl: "http://insecure.test/a.jpg",
          scheduledAt: ago(1).toISOString(),
          buttons: [{ text: "", url: "https://ok.test" }],
        },
      },
      { headers: admin.headers },
    );
    const fields = (invalid.data?.createBroadcast as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((e) => e.field).sort();
    expect(fields).toEqual(["input.buttons.0.text", "input.mediaUrl", "input.scheduledAt", "input.text"]);
    const empty = await api.execute(Create, { input: { text: "   " } }, { headers: admin.headers });
    expect(empty.data?.createBroadcast).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.text" }] });
    expect(await api.prisma.telegramBroadcast.count()).toBe(count);

    const longTitle = await api.execute(Create, { input: { text: "y".repeat(100) } }, { headers: admin.headers });
    expect((longTitle.data?.createBroadcast as { title: string }).title).toBe(`${"y".repeat(59)}…`);
  });

  it("are scheduled from DRAFT or SCHEDULED only, always in the future", async () => {
    const draft = await api.prisma.telegramBroadcast.create({ data: { title: "To schedule", text: "Hi" } });
    const id = globalId("TelegramBroadcast", draft.id);
    const first = inMinutes(30).toISOString();
    expect(
      (await api.execute(Schedule, { input: { broadcastId: id, scheduledAt: first } }, { headers: admin.headers })).data?.scheduleBroadcast,
    ).toMatchObject({ status: "SCHEDULED", scheduledAt: first });
    const moved = inMinutes(90).toISOString();
    expect(
      (await api.execute(Schedule, { input: { broadcastId: id, scheduledAt: moved } }, { headers: admin.headers })).data?.scheduleBroadcast,
    ).toMatchObject({ status: "SCHEDULED", scheduledAt: moved });
    const past = await api.execute(Schedule, { input: { broadcastId: id, scheduledAt: ago(1).toISOString() } }, { headers: admin.headers });
    expect(past.data?.scheduleBroadcast).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.scheduledAt" }] });

    const done = await api.prisma.telegramBroadcast.create({ data: { title: "Done", text: "Hi", status: "COMPLETED" } });
    const refused = await api.execute(
      Schedule,
      { input: { broadcastId: globalId("TelegramBroadcast", done.id), scheduledAt: moved } },
      { headers: admin.headers },
    );
    expect(refused.data?.scheduleBroadcast).toMatchObject({ __typename: "ConflictError" });
    const missing = await api.execute(
      Schedule,
      { input: { broadcastId: globalId("TelegramBroadcast", 999_999), scheduledAt: moved } },
      { headers: admin.headers },
    );
    expect(missing.data?.scheduleBroadcast).toMatchObject({ __typename: "NotFoundError" });
    expect((await api.prisma.telegramBroadcast.findUniqueOrThrow({ where: { id: done.id } })).status).toBe("COMPLETED");
  });

  it("are cancelled with their waiting messages; sent ones stay sent, finished broadcasts are not cancelled", async () => {
    const sending = await api.prisma.telegramBroadcast.create({
      data: { title: "Sending", text: "Hi", status: "SENDING", totalRecipients: 2, sentCount: 1 },
    });
    const [sent, pending] = await Promise.all([
      api.prisma.telegramMessage.create({ data: { telegramChatId: 1n, broadcastId: sending.id, kind: "broadcast", status: "SENT" } }),
      api.prisma.telegramMessage.create({ data: { telegramChatId: 2n, broadcastId: sending.id, kind: "broadcast", status: "PENDING" } }),
    ]);
    const id = globalId("TelegramBroadcast", sending.id);
    const cancelled = await api.execute(Cancel, { input: { broadcastId: id } }, { headers: admin.headers });
    expect(cancelled.data?.cancelBroadcast).toMatchObject({ status: "CANCELLED", completedAt: expect.any(String) as unknown });
    expect((await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id: sent.id } })).status).toBe("SENT");
    expect((await api.prisma.telegramMessage.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("CANCELLED");
    expect((await api.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } })).after).toMatchObject({
      status: "CANCELLED",
      cancelledMessages: 1,
    });
    const again = await api.execute(Cancel, { input: { broadcastId: id } }, { headers: admin.headers });
    expect(again.data?.cancelBroadcast).toMatchObject({ __typename: "ConflictError" });
  });

  it("are listed newest first, filtered by status, text and creation time", async () => {
    const old = await api.prisma.telegramBroadcast.create({
      data: { title: "bl Winter sale", text: "Discount", status: "COMPLETED", createdAt: ago(300) },
    });
    const mid = await api.prisma.telegramBroadcast.create({
      data: { title: "bl Spring", text: "New styles", status: "DRAFT", createdAt: ago(200) },
    });
    const recent = await api.prisma.telegramBroadcast.create({
      data: { title: "bl Summer", text: "Discount again", status: "SCHEDULED", scheduledAt: inMinutes(10), createdAt: ago(100) },
    });
    const listed = async (filter: Record<string, unknown>) => {
      const result = await api.execute(Broadcasts, { filter: { search: "bl ", ...filter } }, { headers: viewer.headers });
      expect(result.data!.admin.broadcasts.totalCount).toBe(result.data!.admin.broadcasts.edges.length);
      return result.data!.admin.broadcasts.edges.map((e) => databaseId(e.node.id));
    };
    expect(await listed({})).toEqual([recent.id, mid.id, old.id]);
    expect(await listed({ status: ["DRAFT", "COMPLETED"] })).toEqual([mid.id, old.id]);
    expect(await listed({ search: "discount" })).toEqual([recent.id, old.id]);
    expect(await listed({ range: { from: ago(250).toISOString() } })).toEqual([recent.id, mid.id]);
  });
});

// ─── Affiliate settings and MTProto sessions ──────────────────────────────────────

describe("affiliate settings", () => {
  it("keep history: each change is a new row and the only active one; switching off leaves none active", async () => {
    const first = await api.execute(
      UpdateAffiliate,
      { input: { commissionPerMille: 200, durationMonths: null, isActive: true } },
      { headers: admin.headers },
    );
    expect(first.data?.updateAffiliateSettings).toMatchObject({
      commissionPerMille: 200,
      commissionPercent: "20",
      durationMonths: null,
      isActive: true,
      updatedBy: { username: expect.stringMatching(/^admin-/) as unknown },
    });
    const second = await api.execute(
      UpdateAffiliate,
      { input: { commissionPerMille: 125, durationMonths: 12, isActive: true } },
      { headers: admin.headers },
    );
    expect(second.data?.updateAffiliateSettings).toMatchObject({ commissionPercent: "12.5", isActive: true });
    expect(await api.prisma.telegramAffiliateSetting.count({ where: { isActive: true } })).toBe(1);
    expect((await api.execute(Affiliate, {}, { headers: viewer.headers })).data?.admin.affiliateSettings).toMatchObject({
      commissionPerMille: 125,
      isActive: true,
    });
    expect(await api.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({
      action: "affiliate_settings.update",
      before: { commissionPerMille: 200, isActive: true },
      after: { commissionPerMille: 125, durationMonths: 12, isActive: true },
    });

    await api.execute(
      UpdateAffiliate,
      { input: { commissionPerMille: 125, durationMonths: 12, isActive: false } },
      { headers: admin.headers },
    );
    expect(await api.prisma.telegramAffiliateSetting.count({ where: { isActive: true } })).toBe(0);
    expect((await api.execute(Affiliate, {}, { headers: viewer.headers })).data?.admin.affiliateSettings).toMatchObject({
      commissionPerMille: 125,
      isActive: false,
    });

    const rows = await api.prisma.telegramAffiliateSetting.count();
    const invalid = await api.execute(
      UpdateAffiliate,
      { input: { commissionPerMille: 1001, durationMonths: 0, isActive: true } },
      { headers: admin.headers },
    );
    expect(
      (invalid.data?.updateAffiliateSettings as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((e) => e.field).sort(),
    ).toEqual(["input.commissionPerMille", "input.durationMonths"]);
    expect(await api.prisma.telegramAffiliateSetting.count()).toBe(rows);
  });
});

describe("MTProto sessions", () => {
  it("are listed masked, and their session string is neither in the schema nor read from the database", async () => {
    const type = await api.execute(SessionType, {}, { headers: viewer.headers });
    const fields = type.data?.__type?.fields?.map((f) => f.name) ?? [];
    expect(fields.sort()).toEqual(["admin", "createdAt", "id", "isActive", "lastUsedAt", "phoneNumber", "updatedAt"]);
    expect(fields.filter((f) => /session|secret|string/i.test(f))).toEqual([]);

    await api.prisma.telegramMtprotoSession.create({
      data: { phoneNumber: "+15550001111", sessionString: `${SESSION_SECRET}-2`, isActive: false },
    });
    const result = await api.execute(Sessions, {}, { headers: viewer.headers });
    expect(result.errors).toBeUndefined();
    expect(
      result.data!.admin.mtprotoSessions.edges.map((e) => [e.node.phoneNumber, e.node.isActive, e.node.admin?.username ?? null]),
    ).toEqual([
      ["+•••••••1111", false, null],
      ["+•••••••4567", true, expect.stringMatching(/^admin-/)],
    ]);
    expect(JSON.stringify(result)).not.toContain("SECRET");
    expect(result.statements.join("\n")).not.toMatch(/session_string/);
    const active = await api.execute(Sessions, { filter: { active: true } }, { headers: viewer.headers });
    expect(active.data!.admin.mtprotoSessions.totalCount).toBe(1);
  });
});
