// Admin accounts and settings: only ADMIN changes them (with an audit row that never
// holds a password or its hash), nobody demotes or deactivates themself, deactivation
// and password resets end sessions at once, and settings keep typed values.
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import { createTestApi, type TestAdmin, type TestApi, type TestApiKey, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

// ─── Documents ────────────────────────────────────────────────────────────────────

const AdminUsers = graphql(`
  query AdminAccounts_AdminUsers($filter: AdminAccountFilter, $first: Int) {
    admin { adminUsers(filter: $filter, first: $first) { totalCount edges { node { id username displayName email role isActive lockedUntil } } } }
  }
`);

const Settings = graphql(`
  query AdminAccounts_Settings($filter: SettingFilter, $key: String!) {
    admin {
      settings(filter: $filter, first: 50) { totalCount edges { node { id key value type description updatedBy { username } } } }
      setting(key: $key) { key value type }
    }
  }
`);

const Me = graphql(`query AdminAccounts_Me { adminMe { id role } }`);

const SignIn = graphql(`
  mutation AdminAccounts_SignIn($input: AdminSignInInput!) {
    adminSignIn(input: $input) { __typename ... on AdminSignInPayload { token admin { username role } } ... on Error { code } }
  }
`);

const CreateAdmin = graphql(`
  mutation AdminAccounts_Create($input: CreateAdminUserInput!) {
    createAdminUser(input: $input) {
      __typename
      ... on AdminUser { id username displayName email role isActive }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const UpdateAdmin = graphql(`
  mutation AdminAccounts_Update($input: UpdateAdminUserInput!) {
    updateAdminUser(input: $input) {
      __typename
      ... on AdminUser { id username displayName role isActive }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const ResetPassword = graphql(`
  mutation AdminAccounts_Reset($input: ResetAdminPasswordInput!) {
    resetAdminPassword(input: $input) {
      __typename
      ... on AdminUser { id username lockedUntil }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const UpdateSetting = graphql(`
  mutation AdminAccounts_UpdateSetting($input: UpdateSettingInput!) {
    updateSetting(input: $input) {
      __typename
      ... on AdminSetting { id key value type description updatedBy { username } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const OperatorOnly = graphql(`
  mutation AdminAccounts_OperatorOnly($input: CreateCannedResponseInput!) {
    createCannedResponse(input: $input) { __typename }
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
const PASSWORD = "correct horse battery staple";

type Result = { data?: unknown; errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> };
const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;
const fieldsOf = (payload: unknown) => (payload as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((e) => e.field).sort();
const lastAudit = () => api.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });

beforeAll(async () => {
  api = await createTestApi();
  [admin, operator, viewer] = await Promise.all([api.signInAdmin("ADMIN"), api.signInAdmin("OPERATOR"), api.signInAdmin("VIEWER")]);
  customer = await api.signIn({ name: "Customer" });
  apiKey = await api.createApiKey(customer.id, ["REFERRALS_READ", "REFERRAL_LINKS_CREATE"]);
});

async function signInAs(username: string, password = PASSWORD) {
  const result = await api.execute(SignIn, { input: { username, password } });
  const payload = result.data?.adminSignIn as { __typename: string; token?: string };
  return payload.__typename === "AdminSignInPayload" ? { authorization: `Bearer ${payload.token}` } : null;
}

// ─── Roles ────────────────────────────────────────────────────────────────────────

describe("who may do what", () => {
  it("lets staff read accounts and settings, and nobody else", async () => {
    for (const staff of [admin, operator, viewer]) {
      const users = await api.execute(AdminUsers, {}, { headers: staff.headers });
      expect(users.errors).toBeUndefined();
      expect(users.data!.admin.adminUsers.totalCount).toBeGreaterThanOrEqual(3);
      expect((await api.execute(Settings, { key: "x.y" }, { headers: staff.headers })).errors).toBeUndefined();
    }
    for (const [headers, code] of [
      [customer.headers, "FORBIDDEN"],
      [apiKey.headers, "FORBIDDEN"],
      [undefined, "UNAUTHENTICATED"],
    ] as const) {
      for (const result of [await api.execute(AdminUsers, {}, { headers }), await api.execute(Settings, { key: "x.y" }, { headers })]) {
        expect(codeOf(result)).toBe(code);
        expect(result.data ?? null).toBeNull();
      }
    }
  });

  it("lets only ADMIN change accounts and settings, each with an audit row; others change nothing", async () => {
    const target = await api.prisma.adminUser.create({
      data: { username: "matrix-target", passwordHash: await hashPassword(PASSWORD), role: "VIEWER" },
    });
    const targetId = globalId("AdminUser", target.id);
    const mutations = [
      {
        name: "createAdminUser",
        action: "admin_user.create",
        run: (h?: Record<string, string>) =>
          api.execute(CreateAdmin, { input: { username: "matrix-new", role: "OPERATOR", password: PASSWORD } }, { headers: h }),
      },
      {
        name: "updateAdminUser",
        action: "admin_user.update",
        run: (h?: Record<string, string>) =>
          api.execute(UpdateAdmin, { input: { adminUserId: targetId, role: "OPERATOR" } }, { headers: h }),
      },
      {
        name: "resetAdminPassword",
        action: "admin_user.reset_password",
        run: (h?: Record<string, string>) =>
          api.execute(ResetPassword, { input: { adminUserId: targetId, newPassword: "another long password" } }, { headers: h }),
      },
      {
        name: "updateSetting",
        action: "setting.update",
        run: (h?: Record<string, string>) =>
          api.execute(UpdateSetting, { input: { key: "matrix.flag", value: true, type: "BOOLEAN" } }, { headers: h }),
      },
    ];
    const snapshot = async () =>
      JSON.stringify([
        await api.prisma.adminUser.findMany({ orderBy: { id: "asc" } }),
        await api.prisma.adminSetting.findMany({ orderBy: { id: "asc" } }),
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
      expect(await lastAudit(), mutation.name).toMatchObject({
        action: mutation.action,
        adminId: admin.id,
        targetId: databaseId(payload.id),
      });
    }
  });
});

// ─── Accounts ─────────────────────────────────────────────────────────────────────

describe("creating accounts", () => {
  it("stores the username lower-case and an argon2 hash; the new account signs in", async () => {
    const result = await api.execute(
      CreateAdmin,
      { input: { username: " Olga.Support ", displayName: "Olga", email: "Olga@PinGlass.test", role: "OPERATOR", password: PASSWORD } },
      { headers: admin.headers },
    );
    expect(result.data?.createAdminUser).toMatchObject({
      __typename: "AdminUser",
      username: "olga.support",
      displayName: "Olga",
      email: "olga@pinglass.test",
      role: "OPERATOR",
      isActive: true,
    });
    const row = await api.prisma.adminUser.findUniqueOrThrow({ where: { username: "olga.support" } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const headers = await signInAs("olga.support");
    expect(headers).not.toBeNull();
    expect((await api.execute(Me, {}, { headers: headers! })).data?.adminMe).toMatchObject({ role: "OPERATOR" });
    expect(await lastAudit()).toMatchObject({
      action: "admin_user.create",
      targetType: "AdminUser",
      targetId: row.id,
      before: null,
      after: { username: "olga.support", email: "olga@pinglass.test", role: "OPERATOR", isActive: true },
    });
  });

  it("refuses a taken username or email, and invalid fields all at once", async () => {
    await api.prisma.adminUser.create({ data: { username: "taken", email: "taken@pinglass.test", passwordHash: "x" } });
    const count = await api.prisma.adminUser.count();
    for (const input of [
      { username: "TAKEN", role: "VIEWER" as const, password: PASSWORD },
      { username: "fresh-name", email: "TAKEN@pinglass.test", role: "VIEWER" as const, password: PASSWORD },
    ]) {
      const result = await api.execute(CreateAdmin, { input }, { headers: admin.headers });
      expect(result.data?.createAdminUser).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    }
    const invalid = await api.execute(
      CreateAdmin,
      { input: { username: "a b", email: "not-an-email", role: "ADMIN", password: "short" } },
      { headers: admin.headers },
    );
    expect(fieldsOf(invalid.data?.createAdminUser)).toEqual(["input.email", "input.password", "input.username"]);
    for (const username of ["ab", "x".repeat(51), "olga!"]) {
      const result = await api.execute(CreateAdmin, { input: { username, role: "ADMIN", password: PASSWORD } }, { headers: admin.headers });
      expect(fieldsOf(result.data?.createAdminUser)).toEqual(["input.username"]);
    }
    expect(await api.prisma.adminUser.count()).toBe(count);
  });

  it("lists accounts by username, filtered by role, activity and search", async () => {
    await api.prisma.adminUser.createMany({
      data: [
        { username: "list-zoe", displayName: "Zoe", role: "ADMIN", passwordHash: "x" },
        { username: "list-anna", displayName: "Anna", email: "anna@list.test", role: "OPERATOR", passwordHash: "x" },
        { username: "list-ivan", displayName: "Ivan", role: "OPERATOR", passwordHash: "x", isActive: false },
      ],
    });
    const names = async (filter: Record<string, unknown>) => {
      const result = await api.execute(AdminUsers, { filter: { search: "list-", ...filter } }, { headers: viewer.headers });
      expect(result.data!.admin.adminUsers.totalCount).toBe(result.data!.admin.adminUsers.edges.length);
      return result.data!.admin.adminUsers.edges.map((e) => e.node.username);
    };
    expect(await names({})).toEqual(["list-anna", "list-ivan", "list-zoe"]);
    expect(await names({ role: "OPERATOR" })).toEqual(["list-anna", "list-ivan"]);
    expect(await names({ active: false })).toEqual(["list-ivan"]);
    expect(await names({ search: "ANNA@LIST" })).toEqual(["list-anna"]);
  });

  it("lists accounts and settings in a constant number of statements", async () => {
    const load = async (prefix: string, count: number) => {
      for (let i = 0; i < count; i++) {
        await api.prisma.adminUser.create({ data: { username: `${prefix}-${i}`, passwordHash: "x" } });
        await api.prisma.adminSetting.create({ data: { key: `${prefix}.key_${i}`, value: i, updatedById: admin.id } });
      }
      const users = await api.execute(AdminUsers, { filter: { search: `${prefix}-` } }, { headers: viewer.headers });
      expect(users.data!.admin.adminUsers.edges).toHaveLength(count);
      const settings = await api.execute(
        Settings,
        { filter: { search: `${prefix}.` }, key: `${prefix}.key_0` },
        { headers: viewer.headers },
      );
      expect(settings.data!.admin.settings.edges).toHaveLength(count);
      return [users.statements.length, settings.statements.length];
    };
    const three = await load("stmtthree", 3);
    const six = await load("stmtsix", 6);
    expect(six).toEqual(three);
  });
});

describe("changing accounts", () => {
  it("refuses an admin's own demotion or deactivation, and changes nothing", async () => {
    const self = globalId("AdminUser", admin.id);
    const before = await api.prisma.adminUser.findUniqueOrThrow({ where: { id: admin.id } });
    const audits = await api.prisma.auditLog.count();
    for (const input of [
      { adminUserId: self, role: "OPERATOR" as const },
      { adminUserId: self, isActive: false },
    ]) {
      const result = await api.execute(UpdateAdmin, { input }, { headers: admin.headers });
      expect(result.data?.updateAdminUser).toMatchObject({ __typename: "ForbiddenError", code: "FORBIDDEN" });
    }
    expect(await api.prisma.adminUser.findUniqueOrThrow({ where: { id: admin.id } })).toEqual(before);
    expect(await api.prisma.auditLog.count()).toBe(audits);
    // Their own display name is theirs to change.
    const renamed = await api.execute(UpdateAdmin, { input: { adminUserId: self, displayName: "Chief" } }, { headers: admin.headers });
    expect(renamed.data?.updateAdminUser).toMatchObject({ displayName: "Chief", role: "ADMIN", isActive: true });
  });

  it("deactivating an admin ends their sessions at once; a role change applies to their next request", async () => {
    const other = await api.signInAdmin("OPERATOR");
    const otherId = globalId("AdminUser", other.id);
    expect(
      (await api.execute(OperatorOnly, { input: { title: "Before", body: "Body" } }, { headers: other.headers })).errors,
    ).toBeUndefined();
    const demoted = await api.execute(UpdateAdmin, { input: { adminUserId: otherId, role: "VIEWER" } }, { headers: admin.headers });
    expect(demoted.data?.updateAdminUser).toMatchObject({ role: "VIEWER" });
    expect(codeOf(await api.execute(OperatorOnly, { input: { title: "After", body: "Body" } }, { headers: other.headers }))).toBe(
      "FORBIDDEN",
    );
    expect(await lastAudit()).toMatchObject({
      action: "admin_user.update",
      targetId: other.id,
      before: { role: "OPERATOR" },
      after: { role: "VIEWER" },
    });

    const deactivated = await api.execute(
      UpdateAdmin,
      { input: { adminUserId: otherId, isActive: false, displayName: null } },
      { headers: admin.headers },
    );
    expect(deactivated.data?.updateAdminUser).toMatchObject({ isActive: false, displayName: null });
    const refused = await api.execute(Me, {}, { headers: other.headers });
    expect(codeOf(refused)).toBe("UNAUTHENTICATED");
    expect(await api.prisma.adminSession.count({ where: { adminId: other.id, revokedAt: null } })).toBe(0);
    expect(await lastAudit()).toMatchObject({ before: { isActive: true }, after: { isActive: false, sessionsRevoked: 1 } });

    // Reactivated, the account signs in anew; the old session stays revoked.
    await api.execute(UpdateAdmin, { input: { adminUserId: otherId, isActive: true } }, { headers: admin.headers });
    expect(codeOf(await api.execute(Me, {}, { headers: other.headers }))).toBe("UNAUTHENTICATED");

    const missing = await api.execute(
      UpdateAdmin,
      { input: { adminUserId: globalId("AdminUser", 999_999), role: "VIEWER" } },
      { headers: admin.headers },
    );
    expect(missing.data?.updateAdminUser).toMatchObject({ __typename: "NotFoundError" });
  });

  it("a password reset clears a lockout and ends the account's sessions, but not the caller's own", async () => {
    const locked = await api.prisma.adminUser.create({
      data: { username: "locked-out", passwordHash: await hashPassword(PASSWORD), role: "OPERATOR" },
    });
    const session = await signInAs("locked-out");
    expect(session).not.toBeNull();
    await api.prisma.adminUser.update({
      where: { id: locked.id },
      data: { lockedUntil: new Date(Date.now() + 600_000), failedLoginCount: 3 },
    });

    const NEW_PASSWORD = "a brand new long passphrase";
    const result = await api.execute(
      ResetPassword,
      { input: { adminUserId: globalId("AdminUser", locked.id), newPassword: NEW_PASSWORD } },
      { headers: admin.headers },
    );
    expect(result.data?.resetAdminPassword).toMatchObject({ __typename: "AdminUser", username: "locked-out", lockedUntil: null });
    expect(await api.prisma.adminUser.findUniqueOrThrow({ where: { id: locked.id } })).toMatchObject({
      failedLoginCount: 0,
      lockedUntil: null,
    });
    expect(codeOf(await api.execute(Me, {}, { headers: session! }))).toBe("UNAUTHENTICATED");
    expect(await signInAs("locked-out")).toBeNull();
    expect(await signInAs("locked-out", NEW_PASSWORD)).not.toBeNull();
    expect(await lastAudit()).toMatchObject({
      action: "admin_user.reset_password",
      targetId: locked.id,
      before: { failedLoginCount: 3, lockedUntil: expect.any(String) as unknown },
      after: { failedLoginCount: 0, lockedUntil: null, passwordChanged: true, sessionsRevoked: 1 },
    });

    const short = await api.execute(
      ResetPassword,
      { input: { adminUserId: globalId("AdminUser", locked.id), newPassword: "short" } },
      { headers: admin.headers },
    );
    expect(short.data?.resetAdminPassword).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.newPassword" }] });

    // An admin resetting their own password keeps the session they did it with.
    const own = await api.execute(
      ResetPassword,
      { input: { adminUserId: globalId("AdminUser", admin.id), newPassword: NEW_PASSWORD } },
      { headers: admin.headers },
    );
    expect(own.data?.resetAdminPassword).toMatchObject({ __typename: "AdminUser" });
    expect((await api.execute(Me, {}, { headers: admin.headers })).data?.adminMe).toMatchObject({ role: "ADMIN" });
  });

  it("never writes a password or a password hash into the audit log", async () => {
    const PLAIN = "never-log-this-passphrase";
    await api.execute(CreateAdmin, { input: { username: "audit-secret", role: "VIEWER", password: PLAIN } }, { headers: admin.headers });
    const row = await api.prisma.adminUser.findUniqueOrThrow({ where: { username: "audit-secret" } });
    await api.execute(
      ResetPassword,
      { input: { adminUserId: globalId("AdminUser", row.id), newPassword: `${PLAIN}-2` } },
      { headers: admin.headers },
    );
    const hashes = (await api.prisma.adminUser.findMany({ select: { passwordHash: true } }))
      .map((a) => a.passwordHash)
      .filter((h) => h.startsWith("$argon2"));
    const log = JSON.stringify(await api.prisma.auditLog.findMany());
    expect(log).toContain("audit-secret");
    expect(log).not.toContain(PLAIN);
    expect(log).not.toMatch(/argon2/);
    for (const hash of hashes) expect(log).not.toContain(hash);
    expect(log).not.toMatch(/"password(Hash)?"/);
  });
});

// ─── Settings ─────────────────────────────────────────────────────────────────────

describe("settings", () => {
  it("hold typed values: each value must match its declared type, and a type never changes", async () => {
    const cases = [
      { key: "referral.min_withdrawal_rub", value: "100.00", type: "STRING" as const },
      { key: "generation.max_parallel_tasks", value: 4, type: "NUMBER" as const },
      { key: "payments.tbank_enabled", value: false, type: "BOOLEAN" as const },
      { key: "bot.menu", value: { items: ["gallery", "support"] }, type: "JSON" as const },
    ];
    for (const input of cases) {
      const result = await api.execute(
        UpdateSetting,
        { input: { ...input, description: `The ${input.type} one` } },
        { headers: admin.headers },
      );
      expect(result.data?.updateSetting).toMatchObject({
        __typename: "AdminSetting",
        key: input.key,
        value: input.value,
        type: input.type,
        updatedBy: { username: expect.stringMatching(/^admin-/) as unknown },
      });
    }
    const count = await api.prisma.adminSetting.count();
    const mismatches = [
      { key: "x.string", value: 5, type: "STRING" as const },
      { key: "x.number", value: "5", type: "NUMBER" as const },
      { key: "x.boolean", value: "true", type: "BOOLEAN" as const },
      { key: "x.json", value: "{}", type: "JSON" as const },
      { key: "x.json", value: 1, type: "JSON" as const },
    ];
    for (const input of mismatches) {
      const result = await api.execute(UpdateSetting, { input }, { headers: admin.headers });
      expect(result.data?.updateSetting, JSON.stringify(input)).toMatchObject({
        __typename: "ValidationError",
        fieldErrors: [{ field: "input.value" }],
      });
    }
    for (const key of ["Upper.case", "1starts.with.digit", "x", "has space", `k${"x".repeat(100)}`]) {
      const result = await api.execute(UpdateSetting, { input: { key, value: "v", type: "STRING" } }, { headers: admin.headers });
      expect(fieldsOf(result.data?.updateSetting), key).toEqual(["input.key"]);
    }
    const retyped = await api.execute(
      UpdateSetting,
      { input: { key: "generation.max_parallel_tasks", value: "4", type: "STRING" } },
      { headers: admin.headers },
    );
    expect(retyped.data?.updateSetting).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.type" }] });
    expect(await api.prisma.adminSetting.count()).toBe(count);
    expect((await api.prisma.adminSetting.findUniqueOrThrow({ where: { key: "generation.max_parallel_tasks" } })).value).toBe(4);
  });

  it("records before and after of a change, and lists and finds settings by key", async () => {
    await api.execute(
      UpdateSetting,
      { input: { key: "audit.limit", value: 10, type: "NUMBER", description: "Limit" } },
      { headers: admin.headers },
    );
    const created = await lastAudit();
    expect(created).toMatchObject({
      action: "setting.update",
      targetType: "AdminSetting",
      before: null,
      after: { key: "audit.limit", type: "NUMBER", value: 10, description: "Limit" },
    });
    const changed = await api.execute(
      UpdateSetting,
      { input: { key: "audit.limit", value: 25, type: "NUMBER" } },
      { headers: admin.headers },
    );
    expect(changed.data?.updateSetting).toMatchObject({ value: 25, description: "Limit" });
    expect(await lastAudit()).toMatchObject({
      targetId: created.targetId,
      before: { value: 10 },
      after: { value: 25, description: "Limit" },
    });

    const listed = await api.execute(Settings, { filter: { search: "audit." }, key: "audit.limit" }, { headers: viewer.headers });
    expect(listed.data!.admin.settings.edges.map((e) => [e.node.key, e.node.value, e.node.type])).toEqual([["audit.limit", 25, "NUMBER"]]);
    expect(listed.data!.admin.setting).toEqual({ key: "audit.limit", value: 25, type: "NUMBER" });
    const none = await api.execute(Settings, { key: "missing.key" }, { headers: viewer.headers });
    expect(none.data!.admin.setting).toBeNull();
    expect(none.errors).toBeUndefined();
  });
});
