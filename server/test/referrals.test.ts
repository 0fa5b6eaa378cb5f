import { beforeAll, describe, expect, it } from "vitest";
import { findOrCreateTelegramUser } from "../src/domain/users.ts";
import { ensureReferralCode, REFERRAL_CODE_ALPHABET } from "../src/domain/referrals.ts";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const CreateCode = graphql(`
  mutation Referrals_CreateCode {
    createReferralCode {
      __typename
      ... on ReferralCode { id code isActive }
      ... on Error { code message }
    }
  }
`);

const Program = graphql(`
  query Referrals_Program {
    viewer {
      referralProgram {
        code { id code }
        referralsCount
        balance { rub ton }
        earned { rub ton }
        isPartner
        commissionRate
      }
    }
  }
`);

const Lists = graphql(`
  query Referrals_Lists($first: Int) {
    viewer {
      referralProgram {
        earned { rub ton }
        balance { rub ton }
        earnings(first: $first) {
          totalCount
          edges { node { id amount currency rate status referredUserName createdAt } }
        }
        balanceTransactions(first: $first) {
          totalCount
          edges { node { id kind amount currency balanceAfter createdAt } }
        }
        withdrawals(first: $first) {
          totalCount
          edges {
            node {
              id amount ndflAmount payoutAmount currency method status destination rejectionReason createdAt processedAt paidAt
            }
          }
        }
      }
    }
  }
`);

const Node = graphql(`
  query Referrals_Node($id: ID!) {
    node(id: $id) {
      id
      ... on ReferralCode { code }
      ... on ReferralEarning { amount }
      ... on BalanceTransaction { amount }
      ... on Withdrawal { amount destination }
      ... on PartnerApplication { contactName status }
    }
  }
`);

const SubmitApplication = graphql(`
  mutation Referrals_SubmitApplication($input: SubmitPartnerApplicationInput!) {
    submitPartnerApplication(input: $input) {
      __typename
      ... on PartnerApplication {
        id contactName contactEmail telegramUsername audienceSize promotionChannels note: message status reviewedAt
      }
      ... on ValidationError { code fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Applications = graphql(`
  query Referrals_Applications {
    viewer { partnerApplications(first: 10) { edges { node { id contactName status } } } }
  }
`);

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

async function codeOf(user: TestUser): Promise<string> {
  const result = await api.execute(CreateCode, {}, { headers: user.headers });
  if (result.data?.createReferralCode.__typename !== "ReferralCode") throw new Error(JSON.stringify(result));
  return result.data.createReferralCode.code;
}

let paymentKeys = 0;

/** A succeeded payment by `referred` and the commission `referrer` earns on it. */
async function earning(
  referrerId: number,
  referredId: number,
  data: { amount: string; status: "PENDING" | "CREDITED" | "REVERSED"; currency?: "RUB" | "TON"; nativeAmount?: string; createdAt?: Date },
) {
  const payment = await api.prisma.payment.create({
    data: { userId: referredId, status: "SUCCEEDED", idempotencyKey: `ref-test-${++paymentKeys}`, amount: "990.00", photoCount: 7 },
  });
  return api.prisma.referralEarning.create({
    data: {
      referrerId,
      referredId,
      paymentId: payment.id,
      amount: data.amount,
      rate: "0.1000",
      currency: data.currency ?? "RUB",
      nativeAmount: data.nativeAmount,
      provider: "TBANK",
      status: data.status,
      createdAt: data.createdAt,
    },
  });
}

/**
 * Ledger rows and the balance they sum to, in one transaction (the deferred trigger
 * compares the two at commit). `entries` are signed amounts, appended in order.
 */
async function ledger(userId: number, entries: Array<{ currency: "RUB" | "TON"; amount: string }>) {
  await api.prisma.$transaction(async (tx) => {
    await tx.referralBalance.createMany({ data: [{ userId }], skipDuplicates: true });
    const balance = await tx.referralBalance.findUniqueOrThrow({ where: { userId } });
    let rub = balance.balanceRub;
    let ton = balance.balanceTon;
    for (const entry of entries) {
      const after = entry.currency === "RUB" ? (rub = rub.plus(entry.amount)) : (ton = ton.plus(entry.amount));
      await tx.balanceTransaction.create({
        data: { userId, currency: entry.currency, kind: "ADJUSTMENT", amount: entry.amount, balanceAfter: after, note: "test" },
      });
    }
    await tx.referralBalance.update({ where: { userId }, data: { balanceRub: rub, balanceTon: ton } });
  });
}

describe("referral code", () => {
  it("is null until created, then 8 unambiguous characters, the same on every call", async () => {
    const user = await api.signIn();
    const before = await api.execute(Program, {}, { headers: user.headers });
    expect(before.errors).toBeUndefined();
    expect(before.data?.viewer?.referralProgram).toEqual({
      code: null,
      referralsCount: 0,
      balance: { rub: "0", ton: "0" },
      earned: { rub: "0", ton: "0" },
      isPartner: false,
      commissionRate: "0.1",
    });

    const first = await api.execute(CreateCode, {}, { headers: user.headers });
    expect(first.data?.createReferralCode.__typename).toBe("ReferralCode");
    const created = first.data!.createReferralCode as { id: string; code: string; isActive: boolean };
    expect(created.code).toMatch(new RegExp(`^[${REFERRAL_CODE_ALPHABET}]{8}$`));
    expect(created.isActive).toBe(true);

    const again = await api.execute(CreateCode, {}, { headers: user.headers });
    expect(again.data?.createReferralCode).toEqual({ __typename: "ReferralCode", ...created });
    const after = await api.execute(Program, {}, { headers: user.headers });
    expect(after.data?.viewer?.referralProgram.code).toEqual({ id: created.id, code: created.code });
    expect(await api.prisma.referralCode.count({ where: { userId: user.id } })).toBe(1);
  });

  it("creates exactly one code under 10 concurrent calls", async () => {
    const user = await api.signIn();
    const results = await Promise.all(Array.from({ length: 10 }, () => api.execute(CreateCode, {}, { headers: user.headers })));
    const codes = results.map((r) => (r.data?.createReferralCode as { code?: string } | undefined)?.code);
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(new Set(codes).size).toBe(1);
    const rows = await api.prisma.referralCode.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.code)).toEqual([codes[0]]);
  });

  it("draws again when the code is already someone else's", async () => {
    const [owner, user] = await Promise.all([api.signIn(), api.signIn()]);
    const taken = await codeOf(owner);
    const draws = [taken, taken, "FRESH234"];
    const { id } = await ensureReferralCode(api.prisma, user.id, () => draws.shift()!);
    expect(draws).toEqual([]);
    expect(await api.prisma.referralCode.findUnique({ where: { id } })).toMatchObject({ userId: user.id, code: "FRESH234" });
    expect(await api.prisma.referralCode.findMany({ where: { code: taken } })).toEqual([expect.objectContaining({ userId: owner.id })]);
  });

  it("is refused to an anonymous request, and changes nothing", async () => {
    const before = await api.prisma.referralCode.count();
    const result = await api.execute(CreateCode);
    expect(result.data?.createReferralCode ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await api.prisma.referralCode.count()).toBe(before);
  });

  it("is readable through node(id) by its owner only", async () => {
    const [owner, other] = await Promise.all([api.signIn(), api.signIn()]);
    const code = await codeOf(owner);
    const row = await api.prisma.referralCode.findUniqueOrThrow({ where: { code } });
    const id = globalId("ReferralCode", row.id);
    expect((await api.execute(Node, { id }, { headers: owner.headers })).data?.node).toEqual({ id, code });
    for (const headers of [other.headers, undefined]) {
      const result = await api.execute(Node, { id }, { headers });
      expect(result.data?.node).toBeNull();
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain(code);
    }
  });
});

describe("referral at first sign-in", () => {
  it("records who referred a new user, and a later sign-in never changes it", async () => {
    const [referrer, otherReferrer] = await Promise.all([api.signIn(), api.signIn()]);
    const [code, otherCode] = await Promise.all([codeOf(referrer), codeOf(otherReferrer)]);

    const referred = await api.signIn({ name: "Boris Petrov", referralCode: code.toLowerCase() });
    const referral = await api.prisma.referral.findUniqueOrThrow({ where: { referredId: referred.id } });
    expect(referral).toMatchObject({ referrerId: referrer.id });
    const user = await api.prisma.user.findUniqueOrThrow({ where: { id: referred.id } });
    expect(user.referredById).toBe(referrer.id);

    // The same Telegram account signs in again through another referrer's link.
    const again = await findOrCreateTelegramUser(api.prisma, { id: user.telegramUserId!, firstName: "Boris" }, { referralCode: otherCode });
    expect(again).toEqual({ id: referred.id, created: false });
    expect(await api.prisma.referral.findMany({ where: { referredId: referred.id } })).toEqual([referral]);
    expect((await api.prisma.user.findUniqueOrThrow({ where: { id: referred.id } })).referredById).toBe(referrer.id);

    const counts = await Promise.all([referrer, otherReferrer].map((u) => api.execute(Program, {}, { headers: u.headers })));
    expect(counts.map((r) => r.data?.viewer?.referralProgram.referralsCount)).toEqual([1, 0]);
  });

  it("does not refer a user who signed up without a code when they later come through a link", async () => {
    const referrer = await api.signIn();
    const code = await codeOf(referrer);
    const user = await api.signIn();
    const row = await api.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    await findOrCreateTelegramUser(api.prisma, { id: row.telegramUserId!, firstName: "Late" }, { referralCode: code });
    expect(await api.prisma.referral.count({ where: { referredId: user.id } })).toBe(0);
  });

  it("ignores an unknown or inactive code without blocking sign-in", async () => {
    const referrer = await api.signIn();
    const code = await codeOf(referrer);
    await api.prisma.referralCode.update({ where: { code }, data: { isActive: false } });
    const viaInactive = await api.signIn({ referralCode: code });
    const viaUnknown = await api.signIn({ referralCode: "NOSUCH99" });
    expect(await api.prisma.referral.count({ where: { referredId: { in: [viaInactive.id, viaUnknown.id] } } })).toBe(0);
  });
});

describe("earnings, balance and withdrawals", () => {
  it("sums credited earnings per currency and shows referred users by first name only", async () => {
    const referrer = await api.signIn();
    const referred = await api.signIn({ name: "Katya Ivanova" });
    await api.prisma.user.update({ where: { id: referred.id }, data: { email: "katya.secret@example.com" } });
    const other = await api.signIn();
    await earning(referrer.id, referred.id, { amount: "99.00", status: "CREDITED", createdAt: new Date("2026-01-01T10:00:00Z") });
    await earning(referrer.id, referred.id, { amount: "49.90", status: "CREDITED", createdAt: new Date("2026-01-02T10:00:00Z") });
    await earning(referrer.id, referred.id, {
      amount: "150.00",
      currency: "TON",
      nativeAmount: "0.5",
      status: "CREDITED",
      createdAt: new Date("2026-01-03T10:00:00Z"),
    });
    await earning(referrer.id, referred.id, { amount: "70.00", status: "PENDING", createdAt: new Date("2026-01-04T10:00:00Z") });
    await earning(referrer.id, referred.id, { amount: "30.00", status: "REVERSED", createdAt: new Date("2026-01-05T10:00:00Z") });
    await earning(other.id, referred.id, { amount: "500.00", status: "CREDITED" });

    const result = await api.execute(Lists, { first: 10 }, { headers: referrer.headers });
    expect(result.errors).toBeUndefined();
    const program = result.data!.viewer!.referralProgram;
    expect(program.earned).toEqual({ rub: "148.9", ton: "0.5" });
    expect(program.earnings.totalCount).toBe(5);
    expect(program.earnings.edges.map((e) => [e.node.amount, e.node.currency, e.node.status, e.node.referredUserName])).toEqual([
      ["30", "RUB", "REVERSED", "Katya"],
      ["70", "RUB", "PENDING", "Katya"],
      ["0.5", "TON", "CREDITED", "Katya"],
      ["49.9", "RUB", "CREDITED", "Katya"],
      ["99", "RUB", "CREDITED", "Katya"],
    ]);
    const text = JSON.stringify(result);
    expect(text).not.toContain("Ivanova");
    expect(text).not.toContain("katya.secret");
  });

  it("shows @username for a referred user without a name", async () => {
    const referrer = await api.signIn();
    const referred = await api.signIn();
    await api.prisma.user.update({ where: { id: referred.id }, data: { name: null, telegramUsername: "nameless_one" } });
    await earning(referrer.id, referred.id, { amount: "10.00", status: "PENDING" });
    const result = await api.execute(Lists, { first: 10 }, { headers: referrer.headers });
    expect(result.data?.viewer?.referralProgram.earnings.edges.map((e) => e.node.referredUserName)).toEqual(["@nameless_one"]);
  });

  it("answers the balance of the ledger, with the ledger rows newest first", async () => {
    const user = await api.signIn();
    await ledger(user.id, [
      { currency: "RUB", amount: "100.00" },
      { currency: "RUB", amount: "60.50" },
      { currency: "TON", amount: "1.250000001" },
      { currency: "RUB", amount: "-10.00" },
    ]);
    const result = await api.execute(Lists, { first: 10 }, { headers: user.headers });
    const program = result.data!.viewer!.referralProgram;
    expect(program.balance).toEqual({ rub: "150.5", ton: "1.250000001" });
    const rows = program.balanceTransactions.edges.map((e) => e.node);
    expect(rows.map((r) => [r.kind, r.currency, r.amount, r.balanceAfter])).toEqual([
      ["ADJUSTMENT", "RUB", "-10", "150.5"],
      ["ADJUSTMENT", "TON", "1.250000001", "1.250000001"],
      ["ADJUSTMENT", "RUB", "60.5", "160.5"],
      ["ADJUSTMENT", "RUB", "100", "100"],
    ]);
    // The balance shown is the ledger's sum, per currency.
    const sum = (currency: string) =>
      rows.filter((r) => r.currency === currency).reduce((total, r) => total + Math.round(Number(r.amount) * 1e9), 0) / 1e9;
    expect(Number(program.balance.rub)).toBe(sum("RUB"));
    expect(Number(program.balance.ton)).toBe(sum("TON"));
    const stored = await api.prisma.balanceTransaction.aggregate({ where: { userId: user.id, currency: "RUB" }, _sum: { amount: true } });
    expect(stored._sum.amount?.toString()).toBe(program.balance.rub);
  });

  it("lists withdrawals with a masked destination and no admin or bank ids", async () => {
    const user = await api.signIn();
    const admin = await api.prisma.adminUser.create({
      data: { username: "payout-admin", email: "payout-admin@example.com", passwordHash: "x", role: "ADMIN" },
    });
    await api.prisma.withdrawal.create({
      data: {
        userId: user.id,
        amount: "100.00",
        ndflAmount: "13.00",
        payoutAmount: "87.00",
        method: "CARD",
        details: { cardMask: "220070******4417", bank: "T-Bank", tbankCardId: "secret-bank-card-id" },
        status: "PAID",
        processedById: admin.id,
        processedAt: new Date("2026-02-01T12:00:00Z"),
        paidAt: new Date("2026-02-01T13:00:00Z"),
        externalPayoutId: "secret-payout-id",
        createdAt: new Date("2026-02-01T10:00:00Z"),
      },
    });
    await api.prisma.withdrawal.create({
      data: {
        userId: user.id,
        currency: "TON",
        amount: "2.5",
        ndflAmount: "0",
        payoutAmount: "2.5",
        method: "TON",
        details: { address: "UQAbcdefghijklmnopqrstuvwxyz0123456789ABCDEFx9Zk" },
        status: "REJECTED",
        rejectionReason: "Wallet does not accept transfers",
        createdAt: new Date("2026-02-02T10:00:00Z"),
      },
    });
    const result = await api.execute(Lists, { first: 10 }, { headers: user.headers });
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.viewer!.referralProgram.withdrawals.edges.map(({ node: { id: _id, ...rest } }) => rest);
    expect(nodes).toEqual([
      {
        amount: "2.5",
        ndflAmount: "0",
        payoutAmount: "2.5",
        currency: "TON",
        method: "TON",
        status: "REJECTED",
        destination: "UQAb…x9Zk",
        rejectionReason: "Wallet does not accept transfers",
        createdAt: "2026-02-02T10:00:00.000Z",
        processedAt: null,
        paidAt: null,
      },
      {
        amount: "100",
        ndflAmount: "13",
        payoutAmount: "87",
        currency: "RUB",
        method: "CARD",
        status: "PAID",
        destination: "•••• 4417",
        rejectionReason: null,
        createdAt: "2026-02-01T10:00:00.000Z",
        processedAt: "2026-02-01T12:00:00.000Z",
        paidAt: "2026-02-01T13:00:00.000Z",
      },
    ]);
    const text = JSON.stringify(result);
    for (const secret of ["secret-bank-card-id", "secret-payout-id", "220070", "payout-admin"]) expect(text).not.toContain(secret);
  });

  it("hands earnings, ledger rows and withdrawals to their owner only through node(id)", async () => {
    const [owner, other] = await Promise.all([api.signIn(), api.signIn()]);
    const referred = await api.signIn();
    const row = await earning(owner.id, referred.id, { amount: "12.34", status: "CREDITED" });
    await ledger(owner.id, [{ currency: "RUB", amount: "12.34" }]);
    const ledgerRow = await api.prisma.balanceTransaction.findFirstOrThrow({ where: { userId: owner.id } });
    const withdrawal = await api.prisma.withdrawal.create({
      data: {
        userId: owner.id,
        amount: "5.00",
        ndflAmount: "0.65",
        payoutAmount: "4.35",
        method: "SBP",
        details: { phone: "+7 *** ***-12-34" },
      },
    });
    const ids = [
      [globalId("ReferralEarning", row.id), { amount: "12.34" }],
      [globalId("BalanceTransaction", ledgerRow.id), { amount: "12.34" }],
      [globalId("Withdrawal", withdrawal.id), { amount: "5", destination: "+•••••••1234" }],
    ] as const;
    for (const [id, fields] of ids) {
      expect((await api.execute(Node, { id }, { headers: owner.headers })).data?.node).toEqual({ id, ...fields });
      for (const headers of [other.headers, undefined]) {
        const result = await api.execute(Node, { id }, { headers });
        expect(result.data?.node).toBeNull();
        expect(result.errors).toBeUndefined();
      }
    }
    // Someone else's referral page shows none of the owner's rows.
    const theirs = await api.execute(Lists, { first: 10 }, { headers: other.headers });
    const program = theirs.data!.viewer!.referralProgram;
    expect([program.earnings.totalCount, program.balanceTransactions.totalCount, program.withdrawals.totalCount]).toEqual([0, 0, 0]);
  });

  it("loads the referral page in the same number of statements for 3 and for 6 rows of each list", async () => {
    const user = await api.signIn();
    const referred = await api.signIn({ name: "Nested Reader" });
    const addRows = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await earning(user.id, referred.id, { amount: "1.00", status: "CREDITED" });
        await api.prisma.withdrawal.create({
          data: {
            userId: user.id,
            amount: "1.00",
            ndflAmount: "0.13",
            payoutAmount: "0.87",
            method: "CARD",
            details: { cardMask: "220070******0001" },
          },
        });
      }
      await ledger(
        user.id,
        Array.from({ length: n }, () => ({ currency: "RUB" as const, amount: "1.00" })),
      );
    };
    await addRows(3);
    const three = await api.execute(Lists, { first: 50 }, { headers: user.headers });
    await addRows(3);
    const six = await api.execute(Lists, { first: 50 }, { headers: user.headers });
    expect(three.errors).toBeUndefined();
    expect(six.errors).toBeUndefined();
    const program = six.data!.viewer!.referralProgram;
    expect([program.earnings.edges.length, program.balanceTransactions.edges.length, program.withdrawals.edges.length]).toEqual([6, 6, 6]);
    expect(program.earned.rub).toBe("6");
    expect(six.statements).toHaveLength(three.statements.length);
    expect(six.statements).toHaveLength(MEASURED_REFERRAL_PAGE_STATEMENTS);
  });

  it("shows nothing to an anonymous request", async () => {
    const result = await api.execute(Lists, { first: 10 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.viewer).toBeNull();
    expect(JSON.stringify(result.data ?? null)).not.toMatch(/amount|balance/);
  });
});

/**
 * Session, user (with the three totalCounts), balance row, withdrawals, earnings, the
 * earnings' referred users, ledger rows, credited sums: 8, whatever the number of rows.
 */
const MEASURED_REFERRAL_PAGE_STATEMENTS = 8;

describe("partner applications", () => {
  const valid = {
    contactName: "  Anna Smirnova ",
    contactEmail: "anna@example.com",
    telegramUsername: "@anna_photo",
    audienceSize: "MEDIUM" as const,
    promotionChannels: ["https://t.me/anna_photo", " instagram ", "instagram"],
    message: "I run a photography channel.",
  };

  it("files one pending application, refuses a second while it is pending, and allows one after a rejection", async () => {
    const user = await api.signIn();
    const first = await api.execute(SubmitApplication, { input: valid }, { headers: user.headers });
    expect(first.errors).toBeUndefined();
    expect(first.data?.submitPartnerApplication).toMatchObject({
      __typename: "PartnerApplication",
      contactName: "Anna Smirnova",
      contactEmail: "anna@example.com",
      telegramUsername: "anna_photo",
      audienceSize: "MEDIUM",
      promotionChannels: ["https://t.me/anna_photo", "instagram"],
      note: "I run a photography channel.",
      status: "PENDING",
      reviewedAt: null,
    });

    const second = await api.execute(SubmitApplication, { input: { ...valid, contactName: "Second" } }, { headers: user.headers });
    expect(second.data?.submitPartnerApplication).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    expect(await api.prisma.partnerApplication.findMany({ where: { userId: user.id }, select: { contactName: true } })).toEqual([
      { contactName: "Anna Smirnova" },
    ]);

    await api.prisma.partnerApplication.updateMany({ where: { userId: user.id }, data: { status: "REJECTED", reviewedAt: new Date() } });
    const third = await api.execute(SubmitApplication, { input: { contactName: "Third try" } }, { headers: user.headers });
    expect(third.data?.submitPartnerApplication).toMatchObject({
      __typename: "PartnerApplication",
      status: "PENDING",
      promotionChannels: [],
    });

    const list = await api.execute(Applications, {}, { headers: user.headers });
    expect(list.data?.viewer?.partnerApplications.edges.map((e) => [e.node.contactName, e.node.status])).toEqual([
      ["Third try", "PENDING"],
      ["Anna Smirnova", "REJECTED"],
    ]);
  });

  it("lets only one of two concurrent submissions through", async () => {
    const user = await api.signIn();
    const results = await Promise.all([1, 2].map(() => api.execute(SubmitApplication, { input: valid }, { headers: user.headers })));
    expect(results.map((r) => r.data?.submitPartnerApplication.__typename).sort()).toEqual(["ConflictError", "PartnerApplication"]);
    expect(await api.prisma.partnerApplication.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a user who already is a partner", async () => {
    const user = await api.signIn();
    await api.prisma.referralBalance.create({
      data: { userId: user.id, isPartner: true, partnerSince: new Date(), commissionRate: "0.3" },
    });
    const result = await api.execute(SubmitApplication, { input: valid }, { headers: user.headers });
    expect(result.data?.submitPartnerApplication).toMatchObject({ __typename: "ConflictError" });
    expect(await api.prisma.partnerApplication.count({ where: { userId: user.id } })).toBe(0);
    const program = await api.execute(Program, {}, { headers: user.headers });
    expect(program.data?.viewer?.referralProgram).toMatchObject({ isPartner: true, commissionRate: "0.3" });
  });

  it.each([
    ["contactName", { contactName: " " }],
    ["contactEmail", { contactEmail: "not-an-email" }],
    ["telegramUsername", { telegramUsername: "a b" }],
    ["promotionChannels", { promotionChannels: Array.from({ length: 11 }, (_, i) => `channel ${i}`) }],
    ["promotionChannels", { promotionChannels: ["ok", " "] }],
    ["message", { message: "x".repeat(2001) }],
  ])("answers an invalid %s with a field error and stores nothing", async (field, patch) => {
    const user = await api.signIn();
    const result = await api.execute(SubmitApplication, { input: { ...valid, ...patch } }, { headers: user.headers });
    const payload = result.data?.submitPartnerApplication;
    expect(payload).toMatchObject({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
    const fields = (payload as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((e) => e.field);
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((f) => f.startsWith(`input.${field}`))).toBe(true);
    expect(await api.prisma.partnerApplication.count({ where: { userId: user.id } })).toBe(0);
  });

  it("reports every bad field at once", async () => {
    const user = await api.signIn();
    const result = await api.execute(
      SubmitApplication,
      { input: { contactName: " ", contactEmail: "not-an-email", telegramUsername: "a b", message: "x".repeat(2001) } },
      { headers: user.headers },
    );
    const payload = result.data?.submitPartnerApplication as { __typename: string; fieldErrors: Array<{ field: string }> };
    expect(payload.__typename).toBe("ValidationError");
    expect(payload.fieldErrors.map((e) => e.field).sort()).toEqual([
      "input.contactEmail",
      "input.contactName",
      "input.message",
      "input.telegramUsername",
    ]);
    expect(await api.prisma.partnerApplication.count({ where: { userId: user.id } })).toBe(0);
  });

  it("is refused to an anonymous request, and applications are their owner's only", async () => {
    const anonymous = await api.execute(SubmitApplication, { input: valid });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const [owner, other] = await Promise.all([api.signIn(), api.signIn()]);
    const created = await api.execute(SubmitApplication, { input: valid }, { headers: owner.headers });
    const id = (created.data?.submitPartnerApplication as { id: string }).id;
    expect((await api.execute(Node, { id }, { headers: owner.headers })).data?.node).toEqual({
      id,
      contactName: "Anna Smirnova",
      status: "PENDING",
    });
    for (const headers of [other.headers, undefined]) {
      const result = await api.execute(Node, { id }, { headers });
      expect(result.data?.node).toBeNull();
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain("Anna");
    }
    expect((await api.execute(Applications, {}, { headers: other.headers })).data?.viewer?.partnerApplications.edges).toEqual([]);
  });
});
