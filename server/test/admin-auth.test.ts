// Admin panel sign-in: argon2 passwords, slow-down and lockout, sessions, explorer,
// admin introspection, no secret anywhere in the schema, and no development account
// (the demo seed's known passwords) working in production.
import { beforeAll, describe, expect, it } from "vitest";
import { getIntrospectionQuery, type IntrospectionQuery } from "graphql";
import { seedDemoData } from "../../prisma/seed.ts";
import { hashPassword } from "../src/auth/password.ts";
import { ADMIN_LOGIN_POLICY } from "../src/auth/admin-sessions.ts";
import { hashToken, newToken } from "../src/auth/tokens.ts";
import { deactivateDevelopmentAdminAccounts, DEVELOPMENT_ADMIN_PASSWORDS } from "../src/domain/admin-accounts.ts";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { startHttpServer } from "../src/http/server.ts";
import { createTestApi, type TestApi } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const AdminSignIn = graphql(`
  mutation AdminAuth_SignIn($input: AdminSignInInput!) {
    adminSignIn(input: $input) {
      __typename
      ... on AdminSignInPayload { token expiresAt admin { username role } }
      ... on AccountLockedError { code lockedUntil }
      ... on Error { code message }
    }
  }
`);

const AdminMe = graphql(`query AdminAuth_Me { adminMe { username role } admin { role } }`);
const AdminSignOut = graphql(`mutation AdminAuth_SignOut { adminSignOut }`);

let api: TestApi;
const PASSWORD = "correct horse battery staple";

async function createAdmin(username: string, role: "ADMIN" | "OPERATOR" | "VIEWER" = "ADMIN") {
  return api.prisma.adminUser.create({ data: { username, passwordHash: await hashPassword(PASSWORD), role } });
}

beforeAll(async () => {
  api = await createTestApi();
});

describe("adminSignIn", () => {
  it("signs in with the right password; the token works as a bearer and is stored hashed", async () => {
    await createAdmin("olga", "OPERATOR");
    const result = await api.execute(AdminSignIn, { input: { username: "olga", password: PASSWORD } });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const payload = result.data?.adminSignIn;
    expect(payload).toMatchObject({ __typename: "AdminSignInPayload", admin: { username: "olga", role: "OPERATOR" } });
    const token = (payload as { token: string }).token;
    expect(token).toMatch(/^pga_/);
    const session = await api.prisma.adminSession.findFirstOrThrow({ where: { admin: { username: "olga" } } });
    expect(session.tokenHash).toBe(hashToken(token));
    expect(session.tokenHash).not.toContain(token);

    const me = await api.execute(AdminMe, {}, { headers: { authorization: `Bearer ${token}` } });
    expect(me.data).toEqual({ adminMe: { username: "olga", role: "OPERATOR" }, admin: { role: "OPERATOR" } });
  });

  it("answers a wrong password and an unknown user alike, and counts the failure", async () => {
    await createAdmin("pavel");
    const wrong = await api.execute(AdminSignIn, { input: { username: "pavel", password: "nope" } });
    const unknown = await api.execute(AdminSignIn, { input: { username: "nobody", password: "nope" } });
    expect(wrong.data?.adminSignIn).toEqual(unknown.data?.adminSignIn);
    expect(wrong.data?.adminSignIn).toMatchObject({ __typename: "InvalidCredentialsError", code: "INVALID_CREDENTIALS" });
    expect((await api.prisma.adminUser.findUniqueOrThrow({ where: { username: "pavel" } })).failedLoginCount).toBe(1);
    expect(await api.prisma.adminSession.count({ where: { admin: { username: "pavel" } } })).toBe(0);
  });

  it("slows down each failure and locks the account after repeated failures, even for the right password", async () => {
    await createAdmin("rita");
    const started = Date.now();
    for (let i = 0; i < ADMIN_LOGIN_POLICY.maxFailures; i++) {
      const failed = await api.execute(AdminSignIn, { input: { username: "rita", password: `guess-${i}` } });
      expect(failed.data?.adminSignIn).toMatchObject({ __typename: "InvalidCredentialsError" });
    }
    // 200 + 400 + 600 + 800 + 1000 ms of deliberate delay
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    const locked = await api.execute(AdminSignIn, { input: { username: "rita", password: PASSWORD } });
    expect(locked.data?.adminSignIn).toMatchObject({ __typename: "AccountLockedError", code: "ACCOUNT_LOCKED" });
    const lockedUntil = new Date((locked.data?.adminSignIn as { lockedUntil: string }).lockedUntil);
    expect(lockedUntil.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await api.prisma.adminSession.count({ where: { admin: { username: "rita" } } })).toBe(0);

    // After the lock expires the right password works again and the counters reset.
    await api.prisma.adminUser.update({ where: { username: "rita" }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    const again = await api.execute(AdminSignIn, { input: { username: "rita", password: PASSWORD } });
    expect(again.data?.adminSignIn).toMatchObject({ __typename: "AdminSignInPayload" });
    expect(await api.prisma.adminUser.findUniqueOrThrow({ where: { username: "rita" } })).toMatchObject({
      failedLoginCount: 0,
      lockedUntil: null,
    });
  }, 20_000);

  it("refuses a deactivated account, and stops its existing sessions at once", async () => {
    const admin = await createAdmin("semyon");
    const signedIn = await api.execute(AdminSignIn, { input: { username: "semyon", password: PASSWORD } });
    const token = (signedIn.data?.adminSignIn as { token: string }).token;
    await api.prisma.adminUser.update({ where: { id: admin.id }, data: { isActive: false } });
    const me = await api.execute(AdminMe, {}, { headers: { authorization: `Bearer ${token}` } });
    expect(me.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const again = await api.execute(AdminSignIn, { input: { username: "semyon", password: PASSWORD } });
    expect(again.data?.adminSignIn).toMatchObject({ __typename: "InvalidCredentialsError" });
  });

  it("validates input and answers per field", async () => {
    const result = await api.execute(AdminSignIn, { input: { username: " ", password: "" } });
    expect(result.data?.adminSignIn).toMatchObject({ __typename: "ValidationError" });
  });
});

describe("admin sessions", () => {
  it("adminSignOut revokes the session", async () => {
    const admin = await api.signInAdmin("VIEWER");
    expect((await api.execute(AdminSignOut, {}, { headers: admin.headers })).data).toEqual({ adminSignOut: true });
    const after = await api.execute(AdminMe, {}, { headers: admin.headers });
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(after.status).toBe(401);
  });

  it("an admin session is not a user session: viewer is null, user mutations are refused", async () => {
    const admin = await api.signInAdmin("ADMIN");
    const viewer = await api.execute(graphql(`query AdminAuth_Viewer { viewer { id } }`), {}, { headers: admin.headers });
    expect(viewer.data).toEqual({ viewer: null });
  });

  it("a user session cannot reach the admin root", async () => {
    const user = await api.signIn();
    const result = await api.execute(AdminMe, {}, { headers: user.headers });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await api.execute(AdminMe);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("admin explorer and introspection", () => {
  it("lets admin sessions introspect where introspection is off for everyone else", async () => {
    const closed = await createTestApi({ INTROSPECTION: "false" });
    const admin = await closed.signInAdmin("VIEWER");
    const query = getIntrospectionQuery();
    const asAdmin = await closed.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...admin.headers },
      body: JSON.stringify({ query }),
    });
    expect(((await asAdmin.json()) as { data: IntrospectionQuery }).data.__schema.queryType.name).toBe("Query");
    const user = await closed.signIn();
    const asUser = await closed.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...user.headers },
      body: JSON.stringify({ query }),
    });
    expect(JSON.stringify(await asUser.json())).toMatch(/introspection/i);
    const forged = await closed.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer pga_forged" },
      body: JSON.stringify({ query }),
    });
    expect(forged.status).toBe(401);
    expect(JSON.stringify(await forged.json())).not.toContain("__schema");
  });

  it("serves the explorer page at /admin/explorer with the sign-in operation ready", async () => {
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: api.databaseUrl, GRAPHIQL: "false" });
    const server = await startHttpServer(createApp({ config, prisma: api.prisma }), { prisma: api.prisma, host: "127.0.0.1", port: 0 });
    try {
      const page = await fetch(new URL("/admin/explorer", server.url));
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain("PinGlass admin explorer");
      expect(html).toContain("adminSignIn");
    } finally {
      await server.close();
    }
  });

  it("no type exposes a password hash, token hash, key hash or session string", async () => {
    const result = await api.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    const { data } = (await result.json()) as { data: IntrospectionQuery };
    const fields = data.__schema.types.flatMap((type) =>
      "fields" in type && type.fields ? type.fields.map((field) => `${type.name}.${field.name}`) : [],
    );
    expect(fields.length).toBeGreaterThan(200);
    // Output fields only (mutation names like resetAdminPassword are verbs, not data).
    const dataFields = fields.filter((f) => !f.startsWith("Mutation."));
    expect(dataFields.filter((f) => /password|tokenhash|keyhash|sessionstring|cardnumber|\bpan$/i.test(f))).toEqual([]);
  });
});

describe("development accounts in production", () => {
  let production: TestApi;
  const productionEnv = { NODE_ENV: "production", TELEGRAM_BOT_TOKEN: "1:abcdefghijklmnopqrstuvwxyz", PERSISTED_DOCUMENTS: "allow" };

  beforeAll(async () => {
    production = await createTestApi(productionEnv);
  });

  async function openSession(adminId: number) {
    const token = newToken("adminSession");
    return production.prisma.adminSession.create({
      data: { adminId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) },
    });
  }

  it("the start-up check deactivates every active account with a seed password, whatever its name, and only those", async () => {
    // A database seeded for development, then served in production.
    await seedDemoData(production.prisma);
    await production.prisma.adminUser.update({ where: { username: "operator" }, data: { username: "olga-support" } });
    const seedAdmin = await production.prisma.adminUser.findUniqueOrThrow({ where: { username: "admin" } });
    const real = await production.prisma.adminUser.create({
      data: { username: "real-admin", passwordHash: await hashPassword(PASSWORD), role: "ADMIN" },
    });
    const [seedSession, realSession] = [await openSession(seedAdmin.id), await openSession(real.id)];
    const warnings: string[] = [];
    const warn = (line: string) => warnings.push(line);

    const development = loadConfig({ NODE_ENV: "development", DATABASE_URL: production.databaseUrl });
    expect(await deactivateDevelopmentAdminAccounts(development, production.prisma, warn)).toEqual([]);
    expect(await production.prisma.adminUser.count({ where: { isActive: false } })).toBe(0);

    const config = loadConfig({ ...productionEnv, DATABASE_URL: production.databaseUrl });
    const deactivated = await deactivateDevelopmentAdminAccounts(config, production.prisma, warn);
    expect(deactivated.sort()).toEqual(["admin", "olga-support", "viewer"]);
    expect(warnings).toHaveLength(3);
    for (const username of deactivated) {
      expect(warnings.find((line) => line.includes(`"${username}"`))).toMatch(
        /^warning: .* deactivated: its password is a development password .*resetAdminPassword/,
      );
    }
    const accounts = await production.prisma.adminUser.findMany({
      select: { username: true, isActive: true },
      orderBy: { username: "asc" },
    });
    expect(accounts).toEqual([
      { username: "admin", isActive: false },
      { username: "olga-support", isActive: false },
      { username: "real-admin", isActive: true },
      { username: "viewer", isActive: false },
    ]);
    expect((await production.prisma.adminSession.findUniqueOrThrow({ where: { id: seedSession.id } })).revokedAt).not.toBeNull();
    expect((await production.prisma.adminSession.findUniqueOrThrow({ where: { id: realSession.id } })).revokedAt).toBeNull();

    const audit = await production.prisma.auditLog.findMany({
      where: { adminId: null, targetType: "AdminUser" },
      orderBy: { targetId: "asc" },
    });
    expect(audit).toHaveLength(3);
    expect(audit.find((row) => row.targetId === seedAdmin.id)).toMatchObject({
      action: "admin_user.update",
      before: { isActive: true },
      after: { isActive: false, sessionsRevoked: 1 },
    });

    // Nothing left to do on the next start.
    expect(await deactivateDevelopmentAdminAccounts(config, production.prisma, warn)).toEqual([]);
    expect(warnings).toHaveLength(3);
  });

  it("adminSignIn refuses a development password in production even if the start-up check was bypassed; development accepts it", async () => {
    const password = DEVELOPMENT_ADMIN_PASSWORDS.viewer;
    // E.g. a password set back to the seed's after the check ran.
    const setBack = await production.prisma.adminUser.create({
      data: { username: "set-back", passwordHash: await hashPassword(password), role: "VIEWER" },
    });
    const refused = await production.execute(AdminSignIn, { input: { username: "set-back", password } });
    expect(refused.data?.adminSignIn ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toMatch(/development password .* production refuses/);
    expect(await production.prisma.adminSession.count({ where: { adminId: setBack.id } })).toBe(0);

    await production.prisma.adminUser.create({
      data: { username: "real-operator", passwordHash: await hashPassword(PASSWORD), role: "OPERATOR" },
    });
    const real = await production.execute(AdminSignIn, { input: { username: "real-operator", password: PASSWORD } });
    expect(real.data?.adminSignIn).toMatchObject({ __typename: "AdminSignInPayload" });

    const development = await createTestApi({ NODE_ENV: "development" });
    await development.prisma.adminUser.create({
      data: { username: "set-back", passwordHash: await hashPassword(password), role: "VIEWER" },
    });
    const accepted = await development.execute(AdminSignIn, { input: { username: "set-back", password } });
    expect(accepted.data?.adminSignIn).toMatchObject({ __typename: "AdminSignInPayload", admin: { username: "set-back" } });
  });
});
