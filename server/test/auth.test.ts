// Signing in: Telegram Mini App initData and Login Widget verification (against
// vectors signed here, independently of the module, exactly as Telegram specifies),
// the sign-in mutations, bearer sessions over HTTP and graphql-ws, sign-out, bans.
import { createHash, createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { TelegramAuthError, verifyLoginWidget, verifyMiniAppInitData, type TelegramAuthFailure } from "../src/auth/telegram.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import { createTestApi, TEST_BOT_TOKEN, type TestApi } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

// ---------------------------------------------------------------------------------------
// Telegram's signing, written from the spec (https://core.telegram.org/bots/webapps and
// https://core.telegram.org/widgets/login), not from the module under test.
// ---------------------------------------------------------------------------------------

type Fields = Array<[string, string]>;

/** Every field but `hash`, sorted by key, `key=value` joined by "\n". */
function dataCheckString(fields: Fields): string {
  return fields
    .filter(([key]) => key !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
}

/** Mini App: secret = HMAC-SHA256(key "WebAppData", message bot token). */
const miniAppSecret = (botToken: string) => createHmac("sha256", "WebAppData").update(botToken).digest();
/** Login Widget: secret = SHA-256(bot token). */
const widgetSecret = (botToken: string) => createHash("sha256").update(botToken).digest();
const hmacHex = (secret: Buffer, message: string) => createHmac("sha256", secret).update(message).digest("hex");

/** A query string the way Telegram.WebApp.initData is one: values percent-encoded. */
const queryString = (fields: Fields) => fields.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&");

function miniAppHash(fields: Fields, botToken = TEST_BOT_TOKEN) {
  return hmacHex(miniAppSecret(botToken), dataCheckString(fields));
}

/** initData with the hash appended (or placed where `hashAt` says). */
function signInitData(fields: Fields, { botToken = TEST_BOT_TOKEN, hashAt = fields.length } = {}): string {
  const signed: Fields = [...fields];
  signed.splice(hashAt, 0, ["hash", miniAppHash(fields, botToken)]);
  return queryString(signed);
}

function signWidget(fields: Record<string, string>, botToken = TEST_BOT_TOKEN): Record<string, string> {
  return { ...fields, hash: hmacHex(widgetSecret(botToken), dataCheckString(Object.entries(fields))) };
}

function failure(verify: () => unknown): TelegramAuthFailure | "NO ERROR" | "OTHER ERROR" {
  try {
    verify();
    return "NO ERROR";
  } catch (error) {
    return error instanceof TelegramAuthError ? error.reason : "OTHER ERROR";
  }
}

// ---------------------------------------------------------------------------------------
// Mini App initData
// ---------------------------------------------------------------------------------------

const NOW = new Date("2025-06-01T12:00:00Z");
const NOW_SECONDS = NOW.getTime() / 1000;
const DAY = 86_400;
const options = { botToken: TEST_BOT_TOKEN, maxAgeSeconds: DAY, now: NOW };

const telegramUser = {
  id: 279058397,
  first_name: "Vladislav",
  last_name: "Kibenko",
  username: "vdkfrost",
  language_code: "ru",
  is_premium: true,
  allows_write_to_pm: true,
  photo_url: "https://t.me/i/userpic/320/abc.svg",
};

function initFields({
  user = telegramUser,
  authDate = NOW_SECONDS - 60,
  startParam = "FRIEND42",
}: { user?: object; authDate?: number; startParam?: string } = {}): Fields {
  return [
    ["query_id", "AAHdF6IQAAAAAN0XohDhrOrc"],
    ["user", JSON.stringify(user)],
    ["auth_date", String(authDate)],
    ["start_param", startParam],
    ["chat_type", "sender"],
    ["chat_instance", "-3788475317572404878"],
  ];
}

describe("verifyMiniAppInitData", () => {
  it("accepts data signed with the bot token and reads the user, auth date and start_param", () => {
    const result = verifyMiniAppInitData(signInitData(initFields()), options);
    expect(result).toEqual({
      authDate: new Date((NOW_SECONDS - 60) * 1000),
      startParam: "FRIEND42",
      user: {
        id: 279058397n,
        firstName: "Vladislav",
        lastName: "Kibenko",
        username: "vdkfrost",
        languageCode: "ru",
        photoUrl: "https://t.me/i/userpic/320/abc.svg",
      },
    });
  });

  it("refuses a field changed after signing (user, auth_date, start_param)", () => {
    const initData = signInitData(initFields());
    const otherUser = encodeURIComponent(JSON.stringify({ ...telegramUser, id: 1 }));
    const tamperedUser = initData.replace(/user=[^&]*/, `user=${otherUser}`);
    expect(tamperedUser).not.toBe(initData);
    expect(failure(() => verifyMiniAppInitData(tamperedUser, options))).toBe("BAD_SIGNATURE");

    // Renewing stale data by moving auth_date forward is the classic replay.
    const tamperedDate = initData.replace(/auth_date=\d+/, `auth_date=${NOW_SECONDS}`);
    expect(tamperedDate).not.toBe(initData);
    expect(failure(() => verifyMiniAppInitData(tamperedDate, options))).toBe("BAD_SIGNATURE");

    const tamperedStart = initData.replace("start_param=FRIEND42", "start_param=MINE");
    expect(failure(() => verifyMiniAppInitData(tamperedStart, options))).toBe("BAD_SIGNATURE");
  });

  it("refuses data older than the window and accepts data just inside it", () => {
    const at = (authDate: number) => signInitData(initFields({ authDate }));
    expect(failure(() => verifyMiniAppInitData(at(NOW_SECONDS - DAY - 1), options))).toBe("EXPIRED");
    expect(failure(() => verifyMiniAppInitData(at(NOW_SECONDS - 30 * DAY), options))).toBe("EXPIRED");
    expect(failure(() => verifyMiniAppInitData(at(NOW_SECONDS - DAY + 1), options))).toBe("NO ERROR");
    expect(failure(() => verifyMiniAppInitData(at(NOW_SECONDS - DAY), options))).toBe("NO ERROR");
    // A shorter configured window applies.
    expect(failure(() => verifyMiniAppInitData(at(NOW_SECONDS - 3601), { ...options, maxAgeSeconds: 3600 }))).toBe("EXPIRED");
    // Clock skew of a minute is tolerated; data from the future beyond that is not.
    expect(failure(() => verifyMiniAppInitData(at(NOW_SECONDS + 30), options))).toBe("NO ERROR");
    expect(failure(() => verifyMiniAppInitData(at(NOW_SECONDS + 3600), options))).toBe("MALFORMED");
  });

  it("refuses data without a hash, or with an empty one", () => {
    expect(failure(() => verifyMiniAppInitData(queryString(initFields()), options))).toBe("MISSING_HASH");
    expect(failure(() => verifyMiniAppInitData(`${queryString(initFields())}&hash=`, options))).toBe("MISSING_HASH");
  });

  it("refuses data signed with another bot's token, or with the Login Widget's secret", () => {
    const otherBot = signInitData(initFields(), { botToken: "987654321:ANOTHER-bot-token-abcdefghij" });
    expect(failure(() => verifyMiniAppInitData(otherBot, options))).toBe("BAD_SIGNATURE");
    const fields = initFields();
    const widgetSigned = queryString([...fields, ["hash", hmacHex(widgetSecret(TEST_BOT_TOKEN), dataCheckString(fields))]]);
    expect(failure(() => verifyMiniAppInitData(widgetSigned, options))).toBe("BAD_SIGNATURE");
  });

  it("refuses a malformed hash", () => {
    const fields = initFields();
    const good = miniAppHash(fields);
    for (const hash of ["z".repeat(64), good.slice(0, 63), `${good}00`, "not-a-hash", good.replace(/./, "g")]) {
      expect(
        failure(() => verifyMiniAppInitData(queryString([...fields, ["hash", hash]]), options)),
        hash,
      ).toBe("BAD_SIGNATURE");
    }
    // The hex digits are case-insensitive: the same digest in upper case is the same hash.
    expect(failure(() => verifyMiniAppInitData(queryString([...fields, ["hash", good.toUpperCase()]]), options))).toBe("NO ERROR");
  });

  it("validates whatever order the fields come in, the hash anywhere", () => {
    const fields = initFields();
    const reversed = [...fields].reverse();
    expect(failure(() => verifyMiniAppInitData(signInitData(reversed, { hashAt: 0 }), options))).toBe("NO ERROR");
    expect(failure(() => verifyMiniAppInitData(signInitData(fields, { hashAt: 2 }), options))).toBe("NO ERROR");
    // The same data in two orders has the same hash.
    expect(miniAppHash(reversed)).toBe(miniAppHash(fields));
  });

  it("covers extra fields with the hash and refuses repeated fields", () => {
    // Fields Telegram adds (signature, receiver, …) are part of what it signs.
    const extended: Fields = [...initFields(), ["signature", "6fbdaab833d39f54518bd5c3eb3f511d035e68cb"], ["can_send_after", "10"]];
    expect(failure(() => verifyMiniAppInitData(signInitData(extended), options))).toBe("NO ERROR");
    // An extra field the signer never saw breaks the signature.
    expect(failure(() => verifyMiniAppInitData(`${signInitData(initFields())}&can_send_after=10`, options))).toBe("BAD_SIGNATURE");

    // A repeated field is ambiguous (which value was signed?): refused, wherever it is.
    const signed = signInitData(initFields());
    const evil = encodeURIComponent(JSON.stringify({ id: 1, first_name: "Evil" }));
    expect(failure(() => verifyMiniAppInitData(`user=${evil}&${signed}`, options))).toBe("MALFORMED");
    expect(failure(() => verifyMiniAppInitData(`${signed}&user=${evil}`, options))).not.toBe("NO ERROR");
    expect(failure(() => verifyMiniAppInitData(`${signed}&hash=${"0".repeat(64)}`, options))).not.toBe("NO ERROR");
  });

  it("checks the hash over the decoded values of a URL-encoded user JSON", () => {
    const user = { id: 42, first_name: "Анна & Co = 100% + more", last_name: 'O\'Brien/"Q"', username: "anna_42" };
    const fields = initFields({ user });
    const initData = signInitData(fields);
    expect(initData).toContain("%7B%22id%22%3A42"); // the JSON travels percent-encoded
    const result = verifyMiniAppInitData(initData, options);
    expect(result.user).toMatchObject({ id: 42n, firstName: "Анна & Co = 100% + more", lastName: 'O\'Brien/"Q"' });

    // A hash computed over the still-encoded text is not Telegram's hash.
    const encodedDcs = fields.map(([k, v]) => [k, encodeURIComponent(v)] as [string, string]);
    const wrong = queryString([...fields, ["hash", hmacHex(miniAppSecret(TEST_BOT_TOKEN), dataCheckString(encodedDcs))]]);
    expect(failure(() => verifyMiniAppInitData(wrong, options))).toBe("BAD_SIGNATURE");
  });

  it("refuses signed data that names no user, or whose user is not JSON", () => {
    const withoutUser = initFields().filter(([key]) => key !== "user");
    expect(failure(() => verifyMiniAppInitData(signInitData(withoutUser), options))).toBe("NO_USER");
    const noId: Fields = initFields({ user: { first_name: "Nobody" } });
    expect(failure(() => verifyMiniAppInitData(signInitData(noId), options))).toBe("NO_USER");
    const notJson: Fields = initFields().map(([k, v]) => (k === "user" ? [k, "{not json"] : [k, v]));
    expect(failure(() => verifyMiniAppInitData(signInitData(notJson), options))).toBe("MALFORMED");
    const noDate = initFields().filter(([key]) => key !== "auth_date");
    expect(failure(() => verifyMiniAppInitData(signInitData(noDate), options))).toBe("MALFORMED");
  });

  it("refuses oversized initData before hashing it", () => {
    const huge: Fields = [...initFields(), ["padding", "x".repeat(5000)]];
    expect(failure(() => verifyMiniAppInitData(signInitData(huge), options))).toBe("MALFORMED");
  });
});

// ---------------------------------------------------------------------------------------
// Login Widget
// ---------------------------------------------------------------------------------------

describe("verifyLoginWidget", () => {
  const widgetFields = (authDate = NOW_SECONDS - 60) => ({
    id: "279058397",
    first_name: "Vladislav",
    last_name: "Kibenko",
    username: "vdkfrost",
    photo_url: "https://t.me/i/userpic/320/abc.jpg",
    auth_date: String(authDate),
  });

  it("accepts data signed with SHA-256(bot token) as the key", () => {
    expect(verifyLoginWidget(signWidget(widgetFields()), options)).toEqual({
      authDate: new Date((NOW_SECONDS - 60) * 1000),
      user: {
        id: 279058397n,
        firstName: "Vladislav",
        lastName: "Kibenko",
        username: "vdkfrost",
        photoUrl: "https://t.me/i/userpic/320/abc.jpg",
      },
    });
  });

  it("refuses tampered, foreign, Mini-App-signed, expired, unhashed and malformed data", () => {
    const signed = signWidget(widgetFields());
    expect(failure(() => verifyLoginWidget({ ...signed, id: "1" }, options))).toBe("BAD_SIGNATURE");
    expect(failure(() => verifyLoginWidget({ ...signed, username: "someone_else" }, options))).toBe("BAD_SIGNATURE");
    expect(failure(() => verifyLoginWidget({ ...signed, auth_date: String(NOW_SECONDS) }, options))).toBe("BAD_SIGNATURE");
    const { last_name: _dropped, ...withoutLastName } = signed;
    expect(failure(() => verifyLoginWidget(withoutLastName, options))).toBe("BAD_SIGNATURE");

    expect(failure(() => verifyLoginWidget(signWidget(widgetFields(), "987654321:ANOTHER-bot-token-abcdefghij"), options))).toBe(
      "BAD_SIGNATURE",
    );
    const fields = widgetFields();
    const miniAppSigned = { ...fields, hash: hmacHex(miniAppSecret(TEST_BOT_TOKEN), dataCheckString(Object.entries(fields))) };
    expect(failure(() => verifyLoginWidget(miniAppSigned, options))).toBe("BAD_SIGNATURE");

    expect(failure(() => verifyLoginWidget(signWidget(widgetFields(NOW_SECONDS - DAY - 1)), options))).toBe("EXPIRED");
    expect(failure(() => verifyLoginWidget(signWidget(widgetFields(NOW_SECONDS - DAY + 1)), options))).toBe("NO ERROR");

    const { hash: _hash, ...unhashed } = signed;
    expect(failure(() => verifyLoginWidget(unhashed, options))).toBe("MISSING_HASH");
    expect(failure(() => verifyLoginWidget({ ...signed, hash: "abc" }, options))).toBe("BAD_SIGNATURE");
    expect(failure(() => verifyLoginWidget({ ...signed, hash: "q".repeat(64) }, options))).toBe("BAD_SIGNATURE");
  });
});

// ---------------------------------------------------------------------------------------
// The sign-in mutations
// ---------------------------------------------------------------------------------------

const SignIn = graphql(`
  mutation Auth_SignIn($input: SignInWithTelegramInput!) {
    signInWithTelegram(input: $input) {
      __typename
      ... on SignInPayload {
        token
        expiresAt
        isNewUser
        user { id telegramUserId telegramUsername name identities { provider } }
      }
      ... on Error { code message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const SignInWidget = graphql(`
  mutation Auth_SignInWidget($input: SignInWithTelegramWidgetInput!) {
    signInWithTelegramWidget(input: $input) {
      __typename
      ... on SignInPayload { token isNewUser user { id telegramUserId name } }
      ... on Error { code message }
    }
  }
`);

const SignOut = graphql(`
  mutation Auth_SignOut { signOut }
`);

const Viewer = graphql(`
  query Auth_Viewer { viewer { id name telegramUserId } }
`);

let api: TestApi;
let nextTelegramId = 900_000_000;

beforeAll(async () => {
  api = await createTestApi();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const databaseId = (globalId: string) => Number(/^User:(\d+)$/.exec(Buffer.from(globalId, "base64").toString())?.[1]);

/** Fresh Mini App initData for a Telegram user, signed now with the test token. */
function initDataFor(
  telegramId: number,
  {
    firstName = "Anna",
    lastName = "Petrova",
    username = `user${telegramId}`,
    startParam,
    authDate,
  }: {
    firstName?: string;
    lastName?: string;
    username?: string;
    startParam?: string;
    authDate?: number;
  } = {},
): string {
  const fields: Fields = [
    ["query_id", `Q${telegramId}`],
    ["user", JSON.stringify({ id: telegramId, first_name: firstName, last_name: lastName, username, language_code: "en" })],
    ["auth_date", String(authDate ?? Math.floor(Date.now() / 1000))],
  ];
  if (startParam) fields.push(["start_param", startParam]);
  return signInitData(fields);
}

async function signIn(initData: string, referralCode?: string) {
  const result = await api.execute(SignIn, { input: { initData, referralCode } });
  expect(result.errors).toBeUndefined();
  return result.data!.signInWithTelegram;
}

type Session = Extract<Awaited<ReturnType<typeof signIn>>, { __typename: "SignInPayload" }>;

async function signedIn(initData: string, referralCode?: string): Promise<Session> {
  const payload = await signIn(initData, referralCode);
  if (payload.__typename !== "SignInPayload") throw new Error(`expected a session, got ${JSON.stringify(payload)}`);
  return payload;
}

const counts = async () => ({
  users: await api.prisma.user.count(),
  identities: await api.prisma.userIdentity.count(),
  sessions: await api.prisma.userSession.count(),
});

async function createReferrer(code: string) {
  const referrer = await api.signIn({ name: `Referrer ${code}` });
  await api.prisma.referralCode.create({ data: { userId: referrer.id, code } });
  return referrer;
}

describe("signInWithTelegram", () => {
  it("creates the user and its TELEGRAM identity on first use; the token works as a Bearer token", async () => {
    const telegramId = ++nextTelegramId;
    const before = await counts();
    const payload = await signedIn(initDataFor(telegramId, { username: "anna_p" }));

    expect(payload.isNewUser).toBe(true);
    expect(payload.token).toMatch(/^pgs_[\w-]{40,}$/);
    expect(payload.user).toMatchObject({
      telegramUserId: String(telegramId),
      telegramUsername: "anna_p",
      name: "Anna Petrova",
      identities: [{ provider: "TELEGRAM" }],
    });
    // Default session lifetime: 30 days.
    const ttl = new Date(payload.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(30 * DAY * 1000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * DAY * 1000);

    expect(await counts()).toEqual({ users: before.users + 1, identities: before.identities + 1, sessions: before.sessions + 1 });
    const identity = await api.prisma.userIdentity.findUniqueOrThrow({
      where: { provider_providerUserId: { provider: "TELEGRAM", providerUserId: String(telegramId) } },
    });
    expect(identity.userId).toBe(databaseId(payload.user.id));

    const viewer = await api.execute(Viewer, {}, { headers: bearer(payload.token) });
    expect(viewer.status).toBe(200);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data?.viewer).toEqual({ id: payload.user.id, name: "Anna Petrova", telegramUserId: String(telegramId) });
  });

  it("signs the same Telegram user in again as the same user, with a new token; both sessions work", async () => {
    const telegramId = ++nextTelegramId;
    const first = await signedIn(initDataFor(telegramId));
    const second = await signedIn(initDataFor(telegramId, { username: "renamed" }));
    expect(second.isNewUser).toBe(false);
    expect(second.user.id).toBe(first.user.id);
    expect(second.user.telegramUsername).toBe("renamed"); // profile refreshed from Telegram
    expect(second.token).not.toBe(first.token);
    for (const token of [first.token, second.token]) {
      const viewer = await api.execute(Viewer, {}, { headers: bearer(token) });
      expect(viewer.data?.viewer?.id).toBe(first.user.id);
    }
    expect(await api.prisma.user.count({ where: { telegramUserId: BigInt(telegramId) } })).toBe(1);
    expect(await api.prisma.userSession.count({ where: { userId: databaseId(first.user.id) } })).toBe(2);
  });

  it("stores only the SHA-256 of the token", async () => {
    const payload = await signedIn(initDataFor(++nextTelegramId));
    const rows = await api.prisma.$queryRaw<{ token_hash: string }[]>`
      SELECT token_hash FROM user_sessions WHERE user_id = ${databaseId(payload.user.id)}`;
    expect(rows).toHaveLength(1);
    const stored = rows[0]!.token_hash;
    expect(stored).not.toContain(payload.token);
    expect(stored).toBe(createHash("sha256").update(payload.token).digest("hex"));
    // Presenting the stored hash as a token does not sign anyone in.
    const viewer = await api.execute(Viewer, {}, { headers: bearer(stored) });
    expect(viewer.status).toBe(401);
    expect(viewer.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("applies the start_param referral code on the first sign-in only", async () => {
    const friend = await createReferrer("FRIEND1");
    const other = await createReferrer("OTHER22");
    const telegramId = ++nextTelegramId;
    const first = await signedIn(initDataFor(telegramId, { startParam: "FRIEND1" }));
    const userId = databaseId(first.user.id);
    expect(await api.prisma.referral.findUnique({ where: { referredId: userId } })).toMatchObject({ referrerId: friend.id });
    expect((await api.prisma.user.findUniqueOrThrow({ where: { id: userId } })).referredById).toBe(friend.id);

    // Later sign-ins through someone else's link change nothing.
    const again = await signedIn(initDataFor(telegramId, { startParam: "OTHER22" }), "OTHER22");
    expect(again.isNewUser).toBe(false);
    expect(await api.prisma.referral.findMany({ where: { referredId: userId } })).toEqual([
      expect.objectContaining({ referrerId: friend.id }),
    ]);
    expect(await api.prisma.referral.count({ where: { referrerId: other.id } })).toBe(0);
  });

  it("does not refer a user who already had an account", async () => {
    await createReferrer("LATECOMER");
    const telegramId = ++nextTelegramId;
    const first = await signedIn(initDataFor(telegramId));
    await signedIn(initDataFor(telegramId, { startParam: "LATECOMER" }));
    expect(await api.prisma.referral.count({ where: { referredId: databaseId(first.user.id) } })).toBe(0);
  });

  it("uses the input referralCode when initData carries no start_param; start_param wins otherwise", async () => {
    const byInput = await createReferrer("BYINPUT");
    const byLink = await createReferrer("BYLINK");

    const viaInput = await signedIn(initDataFor(++nextTelegramId), "BYINPUT");
    expect(await api.prisma.referral.findUnique({ where: { referredId: databaseId(viaInput.user.id) } })).toMatchObject({
      referrerId: byInput.id,
    });

    const both = await signedIn(initDataFor(++nextTelegramId, { startParam: "BYLINK" }), "BYINPUT");
    expect(await api.prisma.referral.findUnique({ where: { referredId: databaseId(both.user.id) } })).toMatchObject({
      referrerId: byLink.id,
    });

    // An unknown code does not block the sign-in.
    const unknown = await signedIn(initDataFor(++nextTelegramId, { startParam: "NOSUCHCODE" }));
    expect(unknown.isNewUser).toBe(true);
    expect(await api.prisma.referral.count({ where: { referredId: databaseId(unknown.user.id) } })).toBe(0);
  });

  it("answers invalid initData with InvalidSignInError and creates no user and no session", async () => {
    const telegramId = ++nextTelegramId;
    const valid = initDataFor(telegramId);
    const stale = initDataFor(telegramId, { authDate: Math.floor(Date.now() / 1000) - DAY - 60 });
    const invalid = [
      valid.replace(/auth_date=\d+/, `auth_date=${Math.floor(Date.now() / 1000) - 5}`),
      valid.replace("first_name%22%3A%22Anna", "first_name%22%3A%22Mallory"),
      valid.replace(/hash=[0-9a-f]+/, `hash=${"ab".repeat(32)}`),
      valid.replace(/&hash=[0-9a-f]+/, ""),
      stale,
      signInitData(
        [
          ["user", JSON.stringify({ id: telegramId, first_name: "A" })],
          ["auth_date", String(Math.floor(Date.now() / 1000))],
        ],
        { botToken: "987654321:ANOTHER-bot-token-abcdefghij" },
      ),
      "not init data at all",
    ];
    const before = await counts();
    for (const initData of invalid) {
      const payload = await signIn(initData);
      expect(payload, initData).toMatchObject({ __typename: "InvalidSignInError", code: "INVALID_SIGN_IN" });
    }
    expect((await signIn(stale)) as { message: string }).toMatchObject({ message: expect.stringMatching(/expired/i) as unknown });
    expect(await counts()).toEqual(before);
    expect(await api.prisma.user.count({ where: { telegramUserId: BigInt(telegramId) } })).toBe(0);
  });

  it("answers empty initData and a malformed referral code with ValidationError", async () => {
    expect(await signIn("")).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [expect.objectContaining({ field: expect.stringContaining("initData") as unknown })],
    });
    expect(await signIn(initDataFor(++nextTelegramId), "no spaces allowed")).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [expect.objectContaining({ field: expect.stringContaining("referralCode") as unknown })],
    });
  });

  it("refuses a banned user's sign-in with UserBannedError and issues no session", async () => {
    const telegramId = ++nextTelegramId;
    const first = await signedIn(initDataFor(telegramId));
    const userId = databaseId(first.user.id);
    await api.prisma.user.update({ where: { id: userId }, data: { isBanned: true, bannedAt: new Date(), banReason: "spam" } });
    const sessions = await api.prisma.userSession.count({ where: { userId } });

    const payload = await signIn(initDataFor(telegramId));
    expect(payload).toMatchObject({
      __typename: "UserBannedError",
      code: "USER_BANNED",
      message: expect.stringContaining("spam") as unknown,
    });
    expect(await api.prisma.userSession.count({ where: { userId } })).toBe(sessions);

    // The session from before the ban is refused too.
    const viewer = await api.execute(Viewer, {}, { headers: bearer(first.token) });
    expect(viewer.status).toBe(403);
    expect(viewer.data ?? null).toBeNull();
    expect(viewer.errors?.[0]?.extensions?.code).toBe("USER_BANNED");
  });

  it("creates exactly one user for ten simultaneous first sign-ins of one Telegram account", async () => {
    const telegramId = ++nextTelegramId;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => api.execute(SignIn, { input: { initData: initDataFor(telegramId) } })),
    );
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.signInWithTelegram.__typename).toBe("SignInPayload");
    }
    const payloads = results.map((r) => r.data!.signInWithTelegram as Session);
    expect(new Set(payloads.map((p) => p.user.id)).size).toBe(1);
    expect(payloads.filter((p) => p.isNewUser)).toHaveLength(1);
    expect(new Set(payloads.map((p) => p.token)).size).toBe(10);
    expect(await api.prisma.user.count({ where: { telegramUserId: BigInt(telegramId) } })).toBe(1);
    expect(await api.prisma.userIdentity.count({ where: { providerUserId: String(telegramId) } })).toBe(1);
    expect(await api.prisma.userSession.count({ where: { userId: databaseId(payloads[0]!.user.id) } })).toBe(10);
  });
});

describe("signInWithTelegramWidget", () => {
  function widgetInput(telegramId: number, authDate = Math.floor(Date.now() / 1000)) {
    const signed = signWidget({
      id: String(telegramId),
      first_name: "Boris",
      username: `boris${telegramId}`,
      photo_url: "https://t.me/i/userpic/320/boris.jpg",
      auth_date: String(authDate),
    });
    return {
      id: signed.id!,
      firstName: signed.first_name,
      username: signed.username,
      photoUrl: signed.photo_url,
      authDate: signed.auth_date!,
      hash: signed.hash!,
    };
  }

  it("signs in with valid widget data, as the same user as the Mini App", async () => {
    const telegramId = ++nextTelegramId;
    const result = await api.execute(SignInWidget, { input: widgetInput(telegramId) });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.signInWithTelegramWidget;
    if (payload.__typename !== "SignInPayload") throw new Error(JSON.stringify(payload));
    expect(payload).toMatchObject({ isNewUser: true, user: { telegramUserId: String(telegramId), name: "Boris" } });
    const viewer = await api.execute(Viewer, {}, { headers: bearer(payload.token) });
    expect(viewer.data?.viewer?.id).toBe(payload.user.id);

    const fromMiniApp = await signedIn(initDataFor(telegramId, { firstName: "Boris", lastName: "" }));
    expect(fromMiniApp).toMatchObject({ isNewUser: false, user: { id: payload.user.id } });
  });

  it("refuses tampered widget data with InvalidSignInError and creates nothing", async () => {
    const telegramId = ++nextTelegramId;
    const input = widgetInput(telegramId);
    const before = await counts();
    for (const tampered of [
      { ...input, firstName: "Mallory" },
      { ...input, id: String(telegramId + 1) },
      { ...input, authDate: String(Number(input.authDate) + 1) },
      { ...input, photoUrl: undefined },
      { ...input, hash: "0".repeat(64) },
      widgetInput(telegramId, Math.floor(Date.now() / 1000) - 2 * DAY),
    ]) {
      const result = await api.execute(SignInWidget, { input: tampered });
      expect(result.data?.signInWithTelegramWidget, JSON.stringify(tampered)).toMatchObject({
        __typename: "InvalidSignInError",
        code: "INVALID_SIGN_IN",
      });
    }
    expect(await counts()).toEqual(before);
  });
});

describe("sessions", () => {
  it("signOut revokes the session it was made with, and only that one", async () => {
    const telegramId = ++nextTelegramId;
    const first = await signedIn(initDataFor(telegramId));
    const second = await signedIn(initDataFor(telegramId));

    const out = await api.execute(SignOut, {}, { headers: bearer(first.token) });
    expect(out.errors).toBeUndefined();
    expect(out.data?.signOut).toBe(true);
    const session = await api.prisma.userSession.findUniqueOrThrow({
      where: { tokenHash: createHash("sha256").update(first.token).digest("hex") },
    });
    expect(session.revokedAt).toBeInstanceOf(Date);

    const revoked = await api.execute(Viewer, {}, { headers: bearer(first.token) });
    expect(revoked.status).toBe(401);
    expect(revoked.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const again = await api.execute(SignOut, {}, { headers: bearer(first.token) });
    expect(again.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const other = await api.execute(Viewer, {}, { headers: bearer(second.token) });
    expect(other.data?.viewer?.id).toBe(first.user.id);
  });

  it("signOut without a session answers UNAUTHENTICATED", async () => {
    const result = await api.execute(SignOut);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses an expired session", async () => {
    const payload = await signedIn(initDataFor(++nextTelegramId));
    await api.prisma.userSession.update({
      where: { tokenHash: createHash("sha256").update(payload.token).digest("hex") },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const viewer = await api.execute(Viewer, {}, { headers: bearer(payload.token) });
    expect(viewer.status).toBe(401);
    expect(viewer.data ?? null).toBeNull();
    expect(viewer.errors).toEqual([
      { message: "The token is invalid, revoked or expired; sign in again", extensions: { code: "UNAUTHENTICATED" } },
    ]);
  });

  it("refuses a malformed or unknown Authorization header with UNAUTHENTICATED", async () => {
    const { token } = await signedIn(initDataFor(++nextTelegramId));
    for (const authorization of [`Basic ${token}`, "Bearer", "Bearer ", `Bearer ${token} extra`, token, "Bearer pgs_unknown"]) {
      const viewer = await api.execute(Viewer, {}, { headers: { authorization } });
      expect(viewer.status, authorization).toBe(401);
      expect(viewer.errors?.[0]?.extensions?.code, authorization).toBe("UNAUTHENTICATED");
    }
    // The scheme is case-insensitive, as HTTP says.
    const lower = await api.execute(Viewer, {}, { headers: { authorization: `bearer ${token}` } });
    expect(lower.data?.viewer).not.toBeNull();
  });

  it("answers an anonymous request with a null viewer", async () => {
    const viewer = await api.execute(Viewer);
    expect(viewer.status).toBe(200);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data).toEqual({ viewer: null });
  });
});

// ---------------------------------------------------------------------------------------
// Sessions over graphql-ws
// ---------------------------------------------------------------------------------------

describe("sessions over graphql-ws", () => {
  let server: RunningHttpServer;

  beforeAll(async () => {
    server = await startHttpServer(api.app, { prisma: api.prisma, host: "127.0.0.1", port: 0 });
  });
  afterAll(() => server?.close());

  type Outcome = { data?: unknown; errors?: unknown; closed?: { code: number; reason: string } };

  /** Runs one operation on a new connection; its result, its error, or how the socket closed. */
  async function overWebSocket(connectionParams: Record<string, unknown>, query: string): Promise<Outcome> {
    let closed: Outcome["closed"];
    const client = createClient({
      url: server.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams,
      on: { closed: (event) => (closed = { code: (event as CloseEvent).code, reason: (event as CloseEvent).reason }) },
    });
    try {
      return await new Promise<Outcome>((resolve) => {
        let value: Outcome = {};
        const timer = setTimeout(() => resolve({ ...value, closed: { code: -1, reason: "timeout" } }), 5000);
        client.subscribe(
          { query },
          {
            next: (result) => (value = result as Outcome),
            error: (error) => {
              clearTimeout(timer);
              resolve(Array.isArray(error) ? { errors: error } : { closed: closed ?? { code: -2, reason: String(error) } });
            },
            complete: () => {
              clearTimeout(timer);
              resolve(value);
            },
          },
        );
      });
    } finally {
      await client.dispose();
    }
  }

  it("signs the connection in with { authorization: 'Bearer …' }", async () => {
    const payload = await signedIn(initDataFor(++nextTelegramId));
    const outcome = await overWebSocket({ authorization: `Bearer ${payload.token}` }, "{ viewer { id } }");
    expect(outcome).toEqual({ data: { viewer: { id: payload.user.id } }, extensions: { cost: { requested: 1, limit: 5_000 } } });
  });

  it("signs the connection in with { token }", async () => {
    const payload = await signedIn(initDataFor(++nextTelegramId));
    const outcome = await overWebSocket({ token: payload.token }, "{ viewer { id } }");
    expect(outcome).toEqual({ data: { viewer: { id: payload.user.id } }, extensions: { cost: { requested: 1, limit: 5_000 } } });
  });

  it("is anonymous without connection params", async () => {
    expect(await overWebSocket({}, "{ viewer { id } }")).toEqual({
      data: { viewer: null },
      extensions: { cost: { requested: 1, limit: 2_000 } },
    });
  });

  it("refuses an invalid, revoked or malformed token with an UNAUTHENTICATED operation error", async () => {
    const payload = await signedIn(initDataFor(++nextTelegramId));
    await api.execute(SignOut, {}, { headers: bearer(payload.token) });
    for (const params of [{ token: "pgs_not-a-session" }, { authorization: `Bearer ${payload.token}` }, { authorization: "Token abc" }]) {
      const outcome = await overWebSocket(params, "{ viewer { id } }");
      expect(outcome.closed, JSON.stringify(params)).toBeUndefined();
      expect(outcome.errors, JSON.stringify(params)).toEqual([
        { message: expect.stringMatching(/token is invalid|Authorization/) as unknown, extensions: { code: "UNAUTHENTICATED" } },
      ]);
    }
  });

  it("refuses a banned user's session with USER_BANNED", async () => {
    const payload = await signedIn(initDataFor(++nextTelegramId));
    await api.prisma.user.update({ where: { id: databaseId(payload.user.id) }, data: { isBanned: true } });
    const outcome = await overWebSocket({ token: payload.token }, "{ viewer { id } }");
    expect(outcome.errors).toEqual([{ message: "This account is banned", extensions: { code: "USER_BANNED" } }]);
  });
});

describe("session bookkeeping", () => {
  it("records the client's address and user agent, and survives junk in either", async () => {
    const telegramId = ++nextTelegramId;
    const good = await api.execute(
      SignIn,
      { input: { initData: initDataFor(telegramId) } },
      { headers: { "x-forwarded-for": "203.0.113.7, 10.0.0.1", "user-agent": "TelegramBot/1.0" } },
    );
    const goodToken = (good.data?.signInWithTelegram as Session).token;
    const junk = await api.execute(
      SignIn,
      { input: { initData: initDataFor(telegramId) } },
      { headers: { "x-forwarded-for": `not-an-ip-${"x".repeat(100)}`, "user-agent": "u".repeat(2000) } },
    );
    expect(junk.errors).toBeUndefined();
    const junkToken = (junk.data?.signInWithTelegram as Session).token;
    const session = (token: string) =>
      api.prisma.userSession.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(token).digest("hex") } });
    expect(await session(goodToken)).toMatchObject({ ip: "203.0.113.7", userAgent: "TelegramBot/1.0", provider: "TELEGRAM" });
    const stored = await session(junkToken);
    expect(stored.ip).toBeNull();
    expect(stored.userAgent).toBe("u".repeat(500));
  });
});
