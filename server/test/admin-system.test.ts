// Admin panel, system: who reads the audit log, system logs, alerts and notifications;
// acknowledging alerts (admins, audited); each admin's own notifications; filters,
// ordering and statement counts.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestAdmin, type TestApi, type TestApiKey, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const AuditLog = graphql(`
  query AdminSystem_AuditLog($filter: AdminAuditLogFilter, $first: Int) {
    admin {
      auditLog(filter: $filter, first: $first) {
        totalCount
        edges { node { id action targetType targetId target before after metadata admin { id username } ip userAgent createdAt } }
      }
    }
  }
`);

const SystemLogs = graphql(`
  query AdminSystem_SystemLogs($filter: AdminSystemLogsFilter, $first: Int) {
    admin {
      systemLogs(filter: $filter, first: $first) {
        totalCount
        edges { node { id fingerprint level source message context count firstSeenAt lastSeenAt } }
      }
    }
  }
`);

const Alerts = graphql(`
  query AdminSystem_Alerts($filter: AdminAlertsFilter, $first: Int) {
    admin {
      alerts(filter: $filter, first: $first) {
        totalCount
        edges { node { id severity source title message count lastSeenAt acknowledgedAt acknowledgedBy { id username } resolvedAt } }
      }
    }
  }
`);

const Notifications = graphql(`
  query AdminSystem_Notifications($filter: AdminNotificationsFilter, $first: Int) {
    admin {
      unreadNotificationCount
      notifications(filter: $filter, first: $first) {
        totalCount
        edges { node { id type title message data forEveryAdmin isRead readAt createdAt } }
      }
    }
  }
`);

const Acknowledge = graphql(`
  mutation AdminSystem_Acknowledge($input: AcknowledgeAlertInput!) {
    acknowledgeAlert(input: $input) {
      __typename
      ... on AdminAlert { id acknowledgedAt acknowledgedBy { id } }
      ... on Error { code message }
    }
  }
`);

const MarkRead = graphql(`
  mutation AdminSystem_MarkRead($input: MarkAdminNotificationReadInput!) {
    markAdminNotificationRead(input: $input) {
      __typename
      ... on AdminNotification { id isRead readAt }
      ... on Error { code message }
    }
  }
`);

const Ban = graphql(`
  mutation AdminSystem_Ban($input: BanUserInput!) {
    banUser(input: $input) { __typename ... on User { id isBanned } ... on Error { code } }
  }
`);

const Node = graphql(`
  query AdminSystem_Node($id: ID!) {
    node(id: $id) {
      id
      ... on AuditLog { action }
      ... on SystemLog { message }
      ... on AdminAlert { title }
      ... on AdminNotification { title }
    }
  }
`);

let api: TestApi;
let admin: TestAdmin;
let operator: TestAdmin;
let viewer: TestAdmin;
let member: TestUser;
let apiKey: TestApiKey;

const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString("base64");
let sequence = 0;
const unique = (prefix: string) => `${prefix}-${++sequence}-${Date.now()}`;

beforeAll(async () => {
  api = await createTestApi();
  [admin, operator, viewer] = [await api.signInAdmin("ADMIN"), await api.signInAdmin("OPERATOR"), await api.signInAdmin("VIEWER")];
  member = await api.signIn({ name: "Member" });
  apiKey = await api.createApiKey(member.id, ["REFERRALS_READ"]);
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
const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;

type Connection<N = object> = { totalCount: number; edges: Array<{ node: N & { id: string } }> };
const ids = (connection: Connection) => connection.edges.map((edge) => edge.node.id);

function createAlert(
  data: {
    severity?: "INFO" | "WARNING" | "CRITICAL";
    title?: string;
    lastSeenAt?: Date;
    acknowledgedAt?: Date;
    acknowledgedById?: number;
    resolvedAt?: Date;
  } = {},
) {
  const lastSeenAt = data.lastSeenAt ?? new Date();
  return api.prisma.adminAlert.create({
    data: {
      fingerprint: unique("fp"),
      severity: data.severity ?? "WARNING",
      source: "payments",
      title: data.title ?? "Webhook failures",
      message: "T-Bank webhooks fail signature checks",
      firstSeenAt: new Date(lastSeenAt.getTime() - 60_000),
      lastSeenAt,
      acknowledgedAt: data.acknowledgedAt,
      acknowledgedById: data.acknowledgedById,
      resolvedAt: data.resolvedAt,
    },
  });
}

function createLog(data: { level: "DEBUG" | "INFO" | "WARN" | "ERROR" | "FATAL"; source: string; message: string; lastSeenAt: Date }) {
  return api.prisma.systemLog.create({
    data: { fingerprint: unique("log"), ...data, firstSeenAt: new Date(data.lastSeenAt.getTime() - 1000), context: { attempt: 1 } },
  });
}

// ─── Who may read ─────────────────────────────────────────────────────────────────

describe("role × entity: the system lists", () => {
  const lists = [
    ["auditLog", AuditLog],
    ["systemLogs", SystemLogs],
    ["alerts", Alerts],
    ["notifications", Notifications],
  ] as const;
  for (const [field, document] of lists) {
    it(`${field}: every staff role reads; a user, an API key and an anonymous visitor are refused`, async () => {
      for (const caller of staffCallers()) {
        const result = await api.execute(document as typeof AuditLog, { first: 5 }, { headers: caller.headers });
        expect(result.errors, `${field} as ${caller.name}`).toBeUndefined();
        expect(typeof (result.data!.admin as unknown as Record<string, Connection>)[field]!.totalCount).toBe("number");
      }
      for (const caller of outsiders()) {
        const result = await api.execute(document as typeof AuditLog, { first: 5 }, { headers: caller.headers });
        expect(codeOf(result), `${field} as ${caller.name}`).toBe(caller.code);
        expect(result.data?.admin ?? null).toBeNull();
      }
    });
  }

  it("node(id) finds audit rows, logs and alerts for staff only", async () => {
    const alert = await createAlert({ title: "Node alert" });
    const log = await createLog({ level: "ERROR", source: "worker", message: "Node log", lastSeenAt: new Date() });
    const audit = await api.prisma.auditLog.create({ data: { adminId: admin.id, action: "probe.node", targetType: "Probe", targetId: 1 } });
    const cases = [
      [globalId("AdminAlert", alert.id), { title: "Node alert" }],
      [globalId("SystemLog", log.id), { message: "Node log" }],
      [globalId("AuditLog", audit.id), { action: "probe.node" }],
    ] as const;
    for (const [id, expected] of cases) {
      for (const caller of staffCallers()) {
        const result = await api.execute(Node, { id }, { headers: caller.headers });
        expect(result.data?.node, caller.name).toMatchObject(expected);
      }
      for (const caller of outsiders()) {
        const result = await api.execute(Node, { id }, { headers: caller.headers });
        expect(result.data?.node ?? null, caller.name).toBeNull();
        expect(result.errors).toBeUndefined();
      }
    }
  });
});

// ─── Audit log ────────────────────────────────────────────────────────────────────

describe("admin.auditLog", () => {
  let rows: Array<{ id: number }>;

  beforeAll(async () => {
    const at = (day: number) => new Date(Date.UTC(2021, 0, day));
    rows = [
      await api.prisma.auditLog.create({
        data: { adminId: admin.id, action: "probe.create", targetType: "Probe", targetId: 1, after: { name: "a" }, createdAt: at(1) },
      }),
      await api.prisma.auditLog.create({
        data: {
          adminId: operator.id,
          action: "probe.update",
          targetType: "Probe",
          targetId: 1,
          before: { name: "a" },
          after: { name: "b" },
          createdAt: at(2),
        },
      }),
      await api.prisma.auditLog.create({
        data: { adminId: admin.id, action: "probe.update", targetType: "Probe", targetId: 2, createdAt: at(3) },
      }),
      await api.prisma.auditLog.create({
        data: { adminId: null, action: "probeextra.run", targetType: "Other", targetId: null, createdAt: at(4) },
      }),
    ];
  });

  const year2021 = { from: "2021-01-01T00:00:00Z", to: "2022-01-01T00:00:00Z" };
  const read = async (filter: Record<string, unknown>) => {
    const result = await api.execute(AuditLog, { filter: { createdAt: year2021, ...filter } as never }, { headers: viewer.headers });
    expect(result.errors).toBeUndefined();
    return result.data!.admin.auditLog;
  };
  const a = (i: number) => globalId("AuditLog", rows[i]!.id);

  it("lists newest first and filters by action, area, target, admin and date", async () => {
    expect(ids(await read({}))).toEqual([a(3), a(2), a(1), a(0)]);
    expect(ids(await read({ action: "probe.update" }))).toEqual([a(2), a(1)]);
    // An area with its dot: every action of it, not of an area that merely starts alike.
    expect(ids(await read({ action: "probe." }))).toEqual([a(2), a(1), a(0)]);
    expect(ids(await read({ targetType: "Probe", targetId: 1 }))).toEqual([a(1), a(0)]);
    expect(ids(await read({ admin: globalId("AdminUser", operator.id) }))).toEqual([a(1)]);
    const dated = await read({ createdAt: { from: "2021-01-02T00:00:00Z", to: "2021-01-04T00:00:00Z" } });
    expect(ids(dated)).toEqual([a(2), a(1)]);
    expect(dated.totalCount).toBe(2);
    expect(ids(await read({ admin: globalId("User", operator.id) }))).toEqual([]);
  });

  it("shows before, after, the admin and the target's global id", async () => {
    const result = await read({ action: "probe.update", targetId: 1 });
    expect(result.edges[0]!.node).toMatchObject({
      action: "probe.update",
      targetType: "Probe",
      targetId: 1,
      target: globalId("Probe", 1),
      before: { name: "a" },
      after: { name: "b" },
      admin: { id: globalId("AdminUser", operator.id), username: expect.stringMatching(/^operator-/) as unknown },
    });
    const system = await read({ action: "probeextra.run" });
    expect(system.edges[0]!.node).toMatchObject({ admin: null, target: null, targetId: null });
  });

  it("records a ban made through the API, readable right away", async () => {
    const target = await api.signIn({ name: "Audited Target" });
    const banned = await api.execute(
      Ban,
      { input: { userId: globalId("User", target.id), reason: "Scam links" } },
      { headers: { ...admin.headers, "x-forwarded-for": "192.0.2.10", "x-request-id": "req-ban-1" } },
    );
    expect(banned.data?.banUser).toMatchObject({ __typename: "User", isBanned: true });
    const result = await api.execute(
      AuditLog,
      { filter: { action: "user.ban", targetType: "User", targetId: target.id } },
      { headers: viewer.headers },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.admin.auditLog.totalCount).toBe(1);
    expect(result.data!.admin.auditLog.edges[0]!.node).toMatchObject({
      target: globalId("User", target.id),
      admin: { id: globalId("AdminUser", admin.id) },
      ip: "192.0.2.10",
      metadata: { requestId: "req-ban-1" },
      before: { isBanned: false, banReason: null },
      after: { isBanned: true, banReason: "Scam links", bannedById: admin.id },
    });
  });

  it("validates the filter", async () => {
    const result = await api.execute(AuditLog, { filter: { action: "x".repeat(101) } }, { headers: admin.headers });
    expect(codeOf(result)).toBe("VALIDATION_FAILED");
  });
});

// ─── System logs ──────────────────────────────────────────────────────────────────

describe("admin.systemLogs", () => {
  let logs: Array<{ id: number }>;
  beforeAll(async () => {
    const at = (hour: number) => new Date(Date.UTC(2022, 5, 1, hour));
    logs = [
      await createLog({ level: "ERROR", source: "payments", message: "T-Bank webhook signature mismatch", lastSeenAt: at(1) }),
      await createLog({ level: "WARN", source: "payments", message: "Slow T-Bank response", lastSeenAt: at(2) }),
      await createLog({ level: "ERROR", source: "generation", message: "Kie task timed out", lastSeenAt: at(3) }),
      await createLog({ level: "FATAL", source: "generation", message: "Worker crashed: webhook queue", lastSeenAt: at(4) }),
    ];
  });
  const june = { from: "2022-06-01T00:00:00Z", to: "2022-06-02T00:00:00Z" };
  const read = async (filter: Record<string, unknown>) => {
    const result = await api.execute(SystemLogs, { filter: { lastSeenAt: june, ...filter } as never }, { headers: operator.headers });
    expect(result.errors).toBeUndefined();
    return result.data!.admin.systemLogs;
  };
  const l = (i: number) => globalId("SystemLog", logs[i]!.id);

  it("lists the most recently seen first and filters by level, source, text and time", async () => {
    expect(ids(await read({}))).toEqual([l(3), l(2), l(1), l(0)]);
    expect(ids(await read({ level: "ERROR" }))).toEqual([l(2), l(0)]);
    expect(ids(await read({ source: "payments" }))).toEqual([l(1), l(0)]);
    expect(ids(await read({ search: "WEBHOOK" }))).toEqual([l(3), l(0)]);
    expect(ids(await read({ level: "ERROR", source: "generation" }))).toEqual([l(2)]);
    const window = await read({ lastSeenAt: { from: "2022-06-01T02:00:00Z", to: "2022-06-01T04:00:00Z" } });
    expect(ids(window)).toEqual([l(2), l(1)]);
    expect(window.totalCount).toBe(2);
    expect((await read({ level: "FATAL" })).edges[0]!.node).toMatchObject({ source: "generation", count: 1, context: { attempt: 1 } });
  });
});

// ─── Alerts ───────────────────────────────────────────────────────────────────────

describe("admin.alerts", () => {
  let alerts: Array<{ id: number }>;
  beforeAll(async () => {
    const at = (day: number) => new Date(Date.UTC(2023, 2, day));
    alerts = [
      await createAlert({ severity: "CRITICAL", title: "A", lastSeenAt: at(1) }),
      await createAlert({ severity: "WARNING", title: "B", lastSeenAt: at(2), acknowledgedAt: at(2), acknowledgedById: admin.id }),
      await createAlert({
        severity: "CRITICAL",
        title: "C",
        lastSeenAt: at(3),
        acknowledgedAt: at(3),
        acknowledgedById: admin.id,
        resolvedAt: at(4),
      }),
      await createAlert({ severity: "INFO", title: "D", lastSeenAt: at(4) }),
    ];
  });
  const read = async (filter: Record<string, unknown>) => {
    const result = await api.execute(Alerts, { filter: filter as never, first: 100 }, { headers: viewer.headers });
    expect(result.errors).toBeUndefined();
    const mine = new Set(alerts.map((row) => globalId("AdminAlert", row.id)));
    return ids(result.data!.admin.alerts).filter((id) => mine.has(id));
  };
  const x = (i: number) => globalId("AdminAlert", alerts[i]!.id);

  it("lists the most recently seen first and filters by acknowledgement, resolution and severity", async () => {
    expect(await read({})).toEqual([x(3), x(2), x(1), x(0)]);
    expect(await read({ acknowledged: false })).toEqual([x(3), x(0)]);
    expect(await read({ acknowledged: true })).toEqual([x(2), x(1)]);
    expect(await read({ resolved: true })).toEqual([x(2)]);
    expect(await read({ severity: "CRITICAL" })).toEqual([x(2), x(0)]);
    expect(await read({ severity: "CRITICAL", acknowledged: false })).toEqual([x(0)]);
  });
});

describe("acknowledgeAlert", () => {
  it("is for ADMIN only: OPERATOR, VIEWER, users, API keys and anonymous visitors are refused and nothing changes", async () => {
    const alert = await createAlert();
    const refused = [
      { name: "OPERATOR", headers: operator.headers, code: "FORBIDDEN" },
      { name: "VIEWER", headers: viewer.headers, code: "FORBIDDEN" },
      ...outsiders(),
    ];
    for (const caller of refused) {
      const result = await api.execute(Acknowledge, { input: { alertId: globalId("AdminAlert", alert.id) } }, { headers: caller.headers });
      expect(codeOf(result), caller.name).toBe(caller.code);
      expect(result.data?.acknowledgeAlert ?? null).toBeNull();
    }
    expect(await api.prisma.adminAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      acknowledgedAt: null,
      acknowledgedById: null,
    });
    expect(await api.prisma.auditLog.count({ where: { targetType: "AdminAlert", targetId: alert.id } })).toBe(0);
  });

  it("acknowledges once, audited with before and after; a second time is a ConflictError", async () => {
    const alert = await createAlert({ severity: "CRITICAL" });
    const result = await api.execute(
      Acknowledge,
      { input: { alertId: globalId("AdminAlert", alert.id) } },
      { headers: { ...admin.headers, "x-forwarded-for": "198.51.100.20" } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.acknowledgeAlert).toMatchObject({
      __typename: "AdminAlert",
      acknowledgedBy: { id: globalId("AdminUser", admin.id) },
    });
    const row = await api.prisma.adminAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(row.acknowledgedById).toBe(admin.id);
    expect((result.data?.acknowledgeAlert as { acknowledgedAt: string }).acknowledgedAt).toBe(row.acknowledgedAt!.toISOString());

    const audit = await api.prisma.auditLog.findMany({ where: { targetType: "AdminAlert", targetId: alert.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "alert.acknowledge",
      adminId: admin.id,
      ip: "198.51.100.20",
      before: { acknowledgedAt: null, acknowledgedById: null },
      after: { acknowledgedAt: row.acknowledgedAt!.toISOString(), acknowledgedById: admin.id },
    });

    const other = await api.signInAdmin("ADMIN");
    const again = await api.execute(Acknowledge, { input: { alertId: globalId("AdminAlert", alert.id) } }, { headers: other.headers });
    expect(again.data?.acknowledgeAlert).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    expect(await api.prisma.adminAlert.findUniqueOrThrow({ where: { id: alert.id } })).toEqual(row);
    expect(await api.prisma.auditLog.count({ where: { targetType: "AdminAlert", targetId: alert.id } })).toBe(1);
  });

  it("answers NotFoundError for an unknown alert or an id of another type", async () => {
    const alert = await createAlert();
    for (const alertId of [globalId("AdminAlert", 987_654), globalId("SystemLog", alert.id), "nonsense"]) {
      const result = await api.execute(Acknowledge, { input: { alertId } }, { headers: admin.headers });
      expect(result.data?.acknowledgeAlert).toMatchObject({ __typename: "NotFoundError" });
    }
    expect(await api.prisma.auditLog.count({ where: { action: "alert.acknowledge", targetId: alert.id } })).toBe(0);
  });
});

// ─── Notifications ────────────────────────────────────────────────────────────────

describe("admin notifications", () => {
  let mine: { id: number };
  let mineOlder: { id: number };
  let everyone: { id: number };
  let theirs: { id: number };
  let reader: TestAdmin;
  let someoneElse: TestAdmin;

  beforeAll(async () => {
    reader = await api.signInAdmin("VIEWER");
    someoneElse = await api.signInAdmin("OPERATOR");
    const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));
    mineOlder = await api.prisma.adminNotification.create({
      data: { adminId: reader.id, type: "new_ticket", title: "Older", message: "m", readAt: at(5), createdAt: at(1) },
    });
    everyone = await api.prisma.adminNotification.create({
      data: { adminId: null, type: "partner_application", title: "For all", message: "m", createdAt: at(2) },
    });
    mine = await api.prisma.adminNotification.create({
      data: { adminId: reader.id, type: "new_payment", title: "Mine", message: "m", data: { paymentId: 7 }, createdAt: at(3) },
    });
    theirs = await api.prisma.adminNotification.create({
      data: { adminId: someoneElse.id, type: "new_ticket", title: "Theirs", message: "m", createdAt: at(4) },
    });
  });
  const n = (row: { id: number }) => globalId("AdminNotification", row.id);

  it("lists the signed-in admin's own notices and those for every admin, never another admin's", async () => {
    const result = await api.execute(Notifications, {}, { headers: reader.headers });
    expect(result.errors).toBeUndefined();
    expect(ids(result.data!.admin.notifications)).toEqual([n(mine), n(everyone), n(mineOlder)]);
    expect(result.data!.admin.unreadNotificationCount).toBe(2);
    expect(result.data!.admin.notifications.edges[0]!.node).toMatchObject({
      title: "Mine",
      data: { paymentId: 7 },
      forEveryAdmin: false,
      isRead: false,
    });
    const unread = await api.execute(Notifications, { filter: { unread: true } }, { headers: reader.headers });
    expect(ids(unread.data!.admin.notifications)).toEqual([n(mine), n(everyone)]);
    const read = await api.execute(Notifications, { filter: { unread: false } }, { headers: reader.headers });
    expect(ids(read.data!.admin.notifications)).toEqual([n(mineOlder)]);
    const theirList = await api.execute(Notifications, {}, { headers: someoneElse.headers });
    expect(ids(theirList.data!.admin.notifications)).toEqual([n(theirs), n(everyone)]);

    const asReader = await api.execute(Node, { id: n(theirs) }, { headers: reader.headers });
    expect(asReader.data?.node).toBeNull();
    expect(asReader.errors).toBeUndefined();
    expect((await api.execute(Node, { id: n(mine) }, { headers: reader.headers })).data?.node).toMatchObject({ title: "Mine" });
    const asMember = await api.execute(Node, { id: n(mine) }, { headers: member.headers });
    expect(asMember.data?.node ?? null).toBeNull();
    expect(asMember.errors).toBeUndefined();
  });

  it("each admin, VIEWER included, marks their own notice read, once; not audited", async () => {
    const auditBefore = await api.prisma.auditLog.count();
    const first = await api.execute(MarkRead, { input: { notificationId: n(mine) } }, { headers: reader.headers });
    expect(first.errors).toBeUndefined();
    expect(first.data?.markAdminNotificationRead).toMatchObject({ __typename: "AdminNotification", id: n(mine), isRead: true });
    const readAt = (first.data?.markAdminNotificationRead as { readAt: string }).readAt;
    const again = await api.execute(MarkRead, { input: { notificationId: n(mine) } }, { headers: reader.headers });
    expect(again.data?.markAdminNotificationRead).toMatchObject({ readAt });
    expect((await api.prisma.adminNotification.findUniqueOrThrow({ where: { id: mine.id } })).readAt!.toISOString()).toBe(readAt);
    expect(await api.prisma.auditLog.count()).toBe(auditBefore);

    for (const staffAdmin of [admin, operator]) {
      const own = await api.prisma.adminNotification.create({ data: { adminId: staffAdmin.id, type: "t", title: "own", message: "m" } });
      const result = await api.execute(MarkRead, { input: { notificationId: n(own) } }, { headers: staffAdmin.headers });
      expect(result.data?.markAdminNotificationRead, staffAdmin.role).toMatchObject({ __typename: "AdminNotification", isRead: true });
    }
  });

  it("refuses another admin's notice (NotFoundError) and outsiders, changing nothing", async () => {
    const result = await api.execute(MarkRead, { input: { notificationId: n(theirs) } }, { headers: reader.headers });
    expect(result.data?.markAdminNotificationRead).toMatchObject({ __typename: "NotFoundError" });
    for (const caller of outsiders()) {
      const refused = await api.execute(MarkRead, { input: { notificationId: n(theirs) } }, { headers: caller.headers });
      expect(codeOf(refused), caller.name).toBe(caller.code);
    }
    expect((await api.prisma.adminNotification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });

  it("a notice for every admin has one read state", async () => {
    const result = await api.execute(MarkRead, { input: { notificationId: n(everyone) } }, { headers: someoneElse.headers });
    expect(result.data?.markAdminNotificationRead).toMatchObject({ isRead: true });
    const seenByReader = await api.execute(Notifications, { filter: { unread: true } }, { headers: reader.headers });
    expect(ids(seenByReader.data!.admin.notifications)).not.toContain(n(everyone));
  });
});

// ─── Statement counts ─────────────────────────────────────────────────────────────

describe("statement counts", () => {
  beforeAll(async () => {
    for (let i = 0; i < 6; i++) {
      const by = await api.signInAdmin("ADMIN");
      await api.prisma.auditLog.create({ data: { adminId: by.id, action: "count.probe", targetType: "Probe", targetId: i } });
      await createAlert({ title: `Count ${i}`, acknowledgedAt: new Date(), acknowledgedById: by.id });
      await createLog({ level: "INFO", source: "count", message: `Count ${i}`, lastSeenAt: new Date() });
      await api.prisma.adminNotification.create({ data: { adminId: viewer.id, type: "t", title: `Count ${i}`, message: "m" } });
    }
  });

  const cases = [
    ["auditLog", AuditLog, { action: "count.probe" }],
    ["alerts", Alerts, { acknowledged: true }],
    ["systemLogs", SystemLogs, { source: "count" }],
    ["notifications", Notifications, {}],
  ] as const;
  for (const [field, document, filter] of cases) {
    it(`${field}: constant in the number of rows`, async () => {
      const counts: number[] = [];
      for (const first of [3, 6]) {
        const result = await api.execute(document as typeof AuditLog, { filter: filter as never, first }, { headers: viewer.headers });
        expect(result.errors).toBeUndefined();
        expect((result.data!.admin as unknown as Record<string, Connection>)[field]!.edges).toHaveLength(first);
        counts.push(result.statements.length);
      }
      expect(counts[0]).toBe(counts[1]);
    });
  }
});
