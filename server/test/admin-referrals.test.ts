// Admin referrals: withdrawals processing through the ledger, balance adjustments,
// partner applications, and the staff lists of the referral area. Who may do what
// (ADMIN changes, OPERATOR and VIEWER read, nobody else gets in), the audit row of every
// change, the books balancing after every flow, races, filters and statement counts.
import { beforeAll, describe, expect, it } from "vitest";
import { findLedgerMismatches, postLedgerEntry } from "../src/domain/ledger.ts";
import { maskWithdrawalDetails, requestWithdrawal, type WithdrawalRequest } from "../src/domain/withdrawals.ts";
import { ConflictError } from "../src/domain/errors.ts";
import { createTestApi, type TestAdmin, type TestApi, type TestApiKey, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";
import type { AdminReferrals_WithdrawalsQueryVariables } from "./gql/graphql.ts";

const AdminWithdrawals = graphql(`
  query AdminReferrals_Withdrawals($filter: AdminWithdrawalsFilter, $orderBy: AdminWithdrawalsOrder, $first: Int) {
    admin {
      withdrawals(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges {
          node {
            id amount ndflAmount payoutAmount currency method status destination details recipientName
            externalPayoutId rejectionReason createdAt processedAt paidAt
            user { id name }
            processedBy { id username }
            userCard { id maskedNumber }
            logs(first: 10) { totalCount edges { node { fromStatus toStatus note admin { id } } } }
          }
        }
      }
    }
  }
`);

const AdminBalanceTransactions = graphql(`
  query AdminReferrals_BalanceTransactions($filter: AdminBalanceTransactionsFilter, $orderBy: SortDirection, $first: Int) {
    admin {
      balanceTransactions(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges {
          node {
            id kind amount currency balanceAfter note createdAt
            user { id name }
            createdBy { id username }
            withdrawal { id status }
          }
        }
      }
    }
  }
`);

const AdminReferralBalances = graphql(`
  query AdminReferrals_Balances($filter: AdminReferralBalancesFilter, $orderBy: AdminReferralBalancesOrder, $first: Int) {
    admin {
      referralBalances(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges {
          node {
            id balanceRub balanceTon withdrawnRub withdrawnTon commissionRate isPartner partnerSince partnerApprovedAt
            user { id name }
            partnerApprovedBy { id username }
          }
        }
      }
    }
  }
`);

const AdminReferrals = graphql(`
  query AdminReferrals_Referrals($filter: AdminReferralsFilter, $orderBy: SortDirection, $first: Int) {
    admin {
      referrals(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges { node { id createdAt referrer { id name } referred { id name } code { id code user { id } } } }
      }
    }
  }
`);

const AdminReferralEarnings = graphql(`
  query AdminReferrals_Earnings($filter: AdminReferralEarningsFilter, $orderBy: AdminReferralEarningsOrder, $first: Int) {
    admin {
      referralEarnings(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges {
          node {
            id amount rubAmount currency rate status createdAt
            referrer { id name }
            referred { id name }
            payment { id amount }
          }
        }
      }
    }
  }
`);

const AdminReferralCodes = graphql(`
  query AdminReferrals_Codes($filter: AdminReferralCodesFilter, $first: Int) {
    admin { referralCodes(filter: $filter, first: $first) { totalCount edges { node { id code isActive user { id } } } } }
  }
`);

const AdminUserCards = graphql(`
  query AdminReferrals_UserCards($filter: AdminUserCardsFilter, $first: Int) {
    admin {
      userCards(filter: $filter, first: $first) {
        totalCount
        edges { node { id maskedNumber lastFour cardholderName isDefault linkedToBank user { id name } } }
      }
    }
  }
`);

const AdminPartnerApplications = graphql(`
  query AdminReferrals_PartnerApplications($filter: AdminPartnerApplicationsFilter, $orderBy: SortDirection, $first: Int) {
    admin {
      partnerApplications(filter: $filter, orderBy: $orderBy, first: $first) {
        totalCount
        edges { node { id contactName status reviewNote reviewedAt user { id name } reviewedBy { id username } } }
      }
    }
  }
`);

const AdminWithdrawalLogs = graphql(`
  query AdminReferrals_WithdrawalLogs($withdrawal: ID!) {
    admin {
      withdrawalLogs(withdrawal: $withdrawal, first: 20) {
        totalCount
        edges { node { id fromStatus toStatus note admin { id } withdrawal { id } } }
      }
    }
  }
`);

const AdminLedgerMismatches = graphql(`
  query AdminReferrals_LedgerMismatches {
    admin { ledgerMismatches { userId currency stored ledger user { id } } }
  }
`);

const StaffNode = graphql(`
  query AdminReferrals_Node($id: ID!) {
    node(id: $id) {
      id
      ... on Referral { createdAt }
      ... on ReferralBalance { balanceRub }
      ... on UserCard { maskedNumber }
      ... on WithdrawalLog { toStatus }
    }
  }
`);

const ApproveWithdrawal = graphql(`
  mutation AdminReferrals_ApproveWithdrawal($input: ApproveWithdrawalInput!) {
    approveWithdrawal(input: $input) {
      __typename
      ... on Withdrawal { id status processedAt processedBy { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const RejectWithdrawal = graphql(`
  mutation AdminReferrals_RejectWithdrawal($input: RejectWithdrawalInput!) {
    rejectWithdrawal(input: $input) {
      __typename
      ... on Withdrawal { id status rejectionReason }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const MarkWithdrawalPaid = graphql(`
  mutation AdminReferrals_MarkWithdrawalPaid($input: MarkWithdrawalPaidInput!) {
    markWithdrawalPaid(input: $input) {
      __typename
      ... on Withdrawal { id status paidAt externalPayoutId }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const AdjustBalance = graphql(`
  mutation AdminReferrals_AdjustBalance($input: AdjustReferralBalanceInput!) {
    adjustReferralBalance(input: $input) {
      __typename
      ... on BalanceTransaction { id kind amount currency balanceAfter note createdBy { id } user { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const ApprovePartner = graphql(`
  mutation AdminReferrals_ApprovePartner($input: ApprovePartnerApplicationInput!) {
    approvePartnerApplication(input: $input) {
      __typename
      ... on PartnerApplication { id status reviewedAt reviewNote reviewedBy { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const RejectPartner = graphql(`
  mutation AdminReferrals_RejectPartner($input: RejectPartnerApplicationInput!) {
    rejectPartnerApplication(input: $input) {
      __typename
      ... on PartnerApplication { id status reviewNote reviewedBy { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

let api: TestApi;
let admin: TestAdmin;
let operator: TestAdmin;
let viewer: TestAdmin;
let someone: TestUser;
let apiKey: TestApiKey;

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

beforeAll(async () => {
  api = await createTestApi();
  [admin, operator, viewer, someone] = await Promise.all([
    api.signInAdmin("ADMIN"),
    api.signInAdmin("OPERATOR"),
    api.signInAdmin("VIEWER"),
    api.signIn({ name: "Ordinary User" }),
  ]);
  apiKey = await api.createApiKey(someone.id, ["REFERRALS_READ", "REFERRAL_LINKS_CREATE"], { rateLimitPerMinute: 10_000 });
});

/** Credits `amount` to the user's balance through the ledger, as a commission would. */
async function fund(userId: number, currency: "RUB" | "TON", amount: string) {
  await api.prisma.$transaction((tx) => postLedgerEntry(tx, { userId, currency, kind: "ADJUSTMENT", amount, note: "test funding" }));
}

async function request(userId: number, amount: string, extra: Partial<WithdrawalRequest> = {}) {
  return api.prisma.$transaction((tx) =>
    requestWithdrawal(tx, {
      userId,
      amount,
      currency: "RUB",
      method: "CARD",
      details: { cardNumber: "2200 7000 1234 4417", bank: "T-Bank" },
      recipientName: "Ivan Petrov",
      ...extra,
    }),
  );
}

async function balanceOf(userId: number) {
  return api.prisma.referralBalance.findUniqueOrThrow({ where: { userId } });
}

async function books() {
  return findLedgerMismatches(api.prisma);
}

async function auditRows(targetType: string, targetId: number) {
  return api.prisma.auditLog.findMany({ where: { targetType, targetId }, orderBy: { id: "asc" } });
}

let applicationNumber = 0;
async function application(userId: number) {
  return api.prisma.partnerApplication.create({
    data: { userId, contactName: `Applicant ${++applicationNumber}`, contactEmail: `applicant${applicationNumber}@example.com` },
  });
}

let paymentNumber = 0;
async function earning(
  referrerId: number,
  referredId: number,
  data: { amount: string; status?: "PENDING" | "CREDITED"; rate?: string; createdAt?: Date },
) {
  const payment = await api.prisma.payment.create({
    data: { userId: referredId, status: "SUCCEEDED", idempotencyKey: `admin-ref-${++paymentNumber}`, amount: "990.00", photoCount: 7 },
  });
  return api.prisma.referralEarning.create({
    data: {
      referrerId,
      referredId,
      paymentId: payment.id,
      amount: data.amount,
      rate: data.rate ?? "0.1000",
      provider: "TBANK",
      status: data.status ?? "CREDITED",
      createdAt: data.createdAt,
    },
  });
}

type Headers = Record<string, string> | undefined;

/** Who else calls: a signed-in user, a partner API key, an anonymous visitor, with the error each must get. */
const outsiders = (): Array<[string, Headers, string]> => [
  ["user", someone.headers, "FORBIDDEN"],
  ["api key", apiKey.headers, "FORBIDDEN"],
  ["anonymous", undefined, "UNAUTHENTICATED"],
];

// ---------------------------------------------------------------------------------------

describe("withdrawal requests (domain)", () => {
  it("reserve the amount through the ledger, withhold 13% NDFL on RUB, and store a masked card", async () => {
    const user = await api.signIn();
    await fund(user.id, "RUB", "1000.00");
    const withdrawal = await request(user.id, "400.00");
    expect(withdrawal).toMatchObject({ status: "PENDING", currency: "RUB", method: "CARD", recipientName: "Ivan Petrov" });
    expect([withdrawal.amount, withdrawal.ndflAmount, withdrawal.payoutAmount].map(String)).toEqual(["400", "52", "348"]);
    expect(withdrawal.details).toEqual({ cardMask: "220070******4417", bank: "T-Bank" });
    expect(JSON.stringify(withdrawal.details)).not.toContain("70001234");
    expect((await balanceOf(user.id)).balanceRub.toString()).toBe("600");
    const rows = await api.prisma.balanceTransaction.findMany({ where: { withdrawalId: withdrawal.id } });
    expect(rows.map((r) => [r.kind, r.amount.toString(), r.balanceAfter.toString()])).toEqual([["WITHDRAWAL_RESERVE", "-400", "600"]]);
    const logs = await api.prisma.withdrawalLog.findMany({ where: { withdrawalId: withdrawal.id } });
    expect(logs.map((l) => [l.fromStatus, l.toStatus, l.adminId])).toEqual([[null, "PENDING", null]]);
    expect(await books()).toEqual([]);
  });

  it("rounds NDFL half up to kopecks and pays TON in full", async () => {
    const user = await api.signIn();
    await fund(user.id, "RUB", "100.00");
    await fund(user.id, "TON", "3.5");
    const rub = await request(user.id, "10.05", { method: "SBP", details: { phone: "+7 900 123-45-67", bank: "Sber" } });
    expect([rub.ndflAmount, rub.payoutAmount].map(String)).toEqual(["1.31", "8.74"]); // 1.3065 → 1.31
    const ton = await request(user.id, "1.123456789", {
      currency: "TON",
      method: "TON",
      details: { address: "UQAbcdefghijklmnopqrstuvwxyz0123456789ABCDEFx9Zk" },
    });
    expect([ton.ndflAmount, ton.payoutAmount].map(String)).toEqual(["0", "1.123456789"]);
    const balance = await balanceOf(user.id);
    expect([balance.balanceRub.toString(), balance.balanceTon.toString()]).toEqual(["89.95", "2.376543211"]);
    expect(await books()).toEqual([]);
  });

  it("refuses overdrawing, bad amounts and a method that does not fit the currency, changing nothing", async () => {
    const user = await api.signIn();
    await fund(user.id, "RUB", "50.00");
    await expect(request(user.id, "50.01")).rejects.toBeInstanceOf(ConflictError);
    await expect(request(user.id, "0")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(request(user.id, "1.001")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(request(user.id, "10", { method: "TON" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(request(user.id, "10", { details: { bank: "no card" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await api.prisma.withdrawal.count({ where: { userId: user.id } })).toBe(0);
    expect((await balanceOf(user.id)).balanceRub.toString()).toBe("50");
  });

  it("masks every card-number-like value, whatever its key", () => {
    expect(maskWithdrawalDetails("SBP", { phone: "+79001234567", note: "card 4111-1111-1111-1111 please", n: 4111111111111111 })).toEqual({
      phone: "+79001234567",
      note: "card 411111******1111 please",
      n: "411111******1111",
    });
  });

  it("never overdraw under 10 concurrent requests of 40 on a balance of 100", async () => {
    const user = await api.signIn();
    await fund(user.id, "RUB", "100.00");
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => request(user.id, "40.00")));
    const succeeded = results.filter((r) => r.status === "fulfilled");
    expect(succeeded.length).toBe(2);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    expect((await balanceOf(user.id)).balanceRub.toString()).toBe("20");
    expect(await api.prisma.withdrawal.count({ where: { userId: user.id } })).toBe(2);
    expect(await books()).toEqual([]);
  });
});

describe("withdrawal processing", () => {
  it("rejecting gives the reservation back once; approving then paying bumps the withdrawn total, not the balance", async () => {
    const user = await api.signIn();
    await fund(user.id, "RUB", "1000.00");
    const before = (await balanceOf(user.id)).balanceRub.toString();

    const first = await request(user.id, "400.00");
    expect((await balanceOf(user.id)).balanceRub.toString()).toBe("600");
    const rejected = await api.execute(
      RejectWithdrawal,
      { input: { withdrawalId: globalId("Withdrawal", first.id), reason: "Card is blocked" } },
      { headers: admin.headers },
    );
    expect(rejected.data?.rejectWithdrawal).toMatchObject({
      __typename: "Withdrawal",
      status: "REJECTED",
      rejectionReason: "Card is blocked",
    });
    expect((await balanceOf(user.id)).balanceRub.toString()).toBe(before);
    const release = await api.prisma.balanceTransaction.findMany({ where: { withdrawalId: first.id, kind: "WITHDRAWAL_RELEASE" } });
    expect(release.map((r) => [r.amount.toString(), r.createdById])).toEqual([["400", admin.id]]);

    const again = await api.execute(
      RejectWithdrawal,
      { input: { withdrawalId: globalId("Withdrawal", first.id), reason: "Twice" } },
      { headers: admin.headers },
    );
    expect(again.data?.rejectWithdrawal).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });

    const second = await request(user.id, "300.00");
    const approved = await api.execute(
      ApproveWithdrawal,
      { input: { withdrawalId: globalId("Withdrawal", second.id) } },
      { headers: admin.headers },
    );
    expect(approved.data?.approveWithdrawal).toMatchObject({
      __typename: "Withdrawal",
      status: "APPROVED",
      processedBy: { id: globalId("AdminUser", admin.id) },
    });
    const paid = await api.execute(
      MarkWithdrawalPaid,
      { input: { withdrawalId: globalId("Withdrawal", second.id), externalPayoutId: "tbank-payout-1" } },
      { headers: admin.headers },
    );
    expect(paid.data?.markWithdrawalPaid).toMatchObject({ __typename: "Withdrawal", status: "PAID", externalPayoutId: "tbank-payout-1" });
    const after = await balanceOf(user.id);
    expect([after.balanceRub.toString(), after.withdrawnRub.toString()]).toEqual(["700", "300"]);
    const logs = await api.prisma.withdrawalLog.findMany({ where: { withdrawalId: second.id }, orderBy: { id: "asc" } });
    expect(logs.map((l) => [l.fromStatus, l.toStatus, l.adminId])).toEqual([
      [null, "PENDING", null],
      ["PENDING", "APPROVED", admin.id],
      ["APPROVED", "PAID", admin.id],
    ]);
    expect(await books()).toEqual([]);

    // No second payout, no payout id reused, no approving what is done.
    const third = await request(user.id, "100.00");
    await api.execute(ApproveWithdrawal, { input: { withdrawalId: globalId("Withdrawal", third.id) } }, { headers: admin.headers });
    const paidTwice = await api.execute(
      MarkWithdrawalPaid,
      { input: { withdrawalId: globalId("Withdrawal", second.id) } },
      { headers: admin.headers },
    );
    expect(paidTwice.data?.markWithdrawalPaid).toMatchObject({ __typename: "ConflictError" });
    const reusedPayout = await api.execute(
      MarkWithdrawalPaid,
      { input: { withdrawalId: globalId("Withdrawal", third.id), externalPayoutId: "tbank-payout-1" } },
      { headers: admin.headers },
    );
    expect(reusedPayout.data?.markWithdrawalPaid).toMatchObject({ __typename: "ConflictError" });
    const approveRejected = await api.execute(
      ApproveWithdrawal,
      { input: { withdrawalId: globalId("Withdrawal", first.id) } },
      { headers: admin.headers },
    );
    expect(approveRejected.data?.approveWithdrawal).toMatchObject({ __typename: "ConflictError" });
    expect((await api.prisma.withdrawal.findUniqueOrThrow({ where: { id: third.id } })).status).toBe("APPROVED");
    expect((await balanceOf(user.id)).withdrawnRub.toString()).toBe("300");
  });

  it("refuses to mark a PENDING withdrawal paid, and answers NotFoundError for an unknown one", async () => {
    const user = await api.signIn();
    await fund(user.id, "RUB", "10.00");
    const pending = await request(user.id, "10.00");
    const result = await api.execute(
      MarkWithdrawalPaid,
      { input: { withdrawalId: globalId("Withdrawal", pending.id) } },
      { headers: admin.headers },
    );
    expect(result.data?.markWithdrawalPaid).toMatchObject({ __typename: "ConflictError" });
    const missing = await api.execute(
      ApproveWithdrawal,
      { input: { withdrawalId: globalId("Withdrawal", 999_999) } },
      { headers: admin.headers },
    );
    expect(missing.data?.approveWithdrawal).toMatchObject({ __typename: "NotFoundError" });
    expect(await api.prisma.auditLog.count({ where: { targetType: "Withdrawal", targetId: { in: [pending.id, 999_999] } } })).toBe(0);
  });

  it("releases once under 5 concurrent rejections of one withdrawal", async () => {
    const user = await api.signIn();
    await fund(user.id, "RUB", "500.00");
    const withdrawal = await request(user.id, "200.00");
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        api.execute(
          RejectWithdrawal,
          { input: { withdrawalId: globalId("Withdrawal", withdrawal.id), reason: `Race ${i}` } },
          { headers: admin.headers },
        ),
      ),
    );
    const kinds = results.map((r) => r.data?.rejectWithdrawal.__typename).sort();
    expect(kinds).toEqual(["ConflictError", "ConflictError", "ConflictError", "ConflictError", "Withdrawal"]);
    expect(await api.prisma.balanceTransaction.count({ where: { withdrawalId: withdrawal.id, kind: "WITHDRAWAL_RELEASE" } })).toBe(1);
    expect((await balanceOf(user.id)).balanceRub.toString()).toBe("500");
    expect((await auditRows("Withdrawal", withdrawal.id)).map((a) => a.action)).toEqual(["withdrawal.reject"]);
    expect(await api.prisma.withdrawalLog.count({ where: { withdrawalId: withdrawal.id, toStatus: "REJECTED" } })).toBe(1);
    expect(await books()).toEqual([]);
  });

  it("approves once under 5 concurrent approvals by two admins", async () => {
    const second = await api.signInAdmin("ADMIN");
    const user = await api.signIn();
    await fund(user.id, "RUB", "100.00");
    const withdrawal = await request(user.id, "100.00");
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        api.execute(
          ApproveWithdrawal,
          { input: { withdrawalId: globalId("Withdrawal", withdrawal.id) } },
          { headers: (i % 2 ? second : admin).headers },
        ),
      ),
    );
    expect(results.map((r) => r.data?.approveWithdrawal.__typename).sort()).toEqual([
      "ConflictError",
      "ConflictError",
      "ConflictError",
      "ConflictError",
      "Withdrawal",
    ]);
    expect(await api.prisma.withdrawalLog.count({ where: { withdrawalId: withdrawal.id, toStatus: "APPROVED" } })).toBe(1);
    expect((await auditRows("Withdrawal", withdrawal.id)).map((a) => a.action)).toEqual(["withdrawal.approve"]);
  });

  it("validates the reason of a rejection (3–500 characters)", async () => {
    const user = await api.signIn();
    await fund(user.id, "RUB", "10.00");
    const withdrawal = await request(user.id, "10.00");
    for (const reason of ["no", "x".repeat(501)]) {
      const result = await api.execute(
        RejectWithdrawal,
        { input: { withdrawalId: globalId("Withdrawal", withdrawal.id), reason } },
        { headers: admin.headers },
      );
      expect(result.data?.rejectWithdrawal).toMatchObject({
        __typename: "ValidationError",
        fieldErrors: [{ field: expect.stringContaining("reason") as unknown }],
      });
    }
    expect((await api.prisma.withdrawal.findUniqueOrThrow({ where: { id: withdrawal.id } })).status).toBe("PENDING");
  });
});

describe("balance adjustments", () => {
  it("credit and debit through the ledger, never overdraw, and answer a retry with the first entry", async () => {
    const user = await api.signIn();
    const input = (amount: string, idempotencyKey: string, currency: "RUB" | "TON" = "RUB") => ({
      input: { userId: globalId("User", user.id), currency, amount, note: "Goodwill credit", idempotencyKey },
    });
    const credit = await api.execute(AdjustBalance, input("150.50", "adj-1"), { headers: admin.headers });
    expect(credit.data?.adjustReferralBalance).toMatchObject({
      __typename: "BalanceTransaction",
      kind: "ADJUSTMENT",
      amount: "150.5",
      balanceAfter: "150.5",
      note: "Goodwill credit",
      createdBy: { id: globalId("AdminUser", admin.id) },
      user: { id: globalId("User", user.id) },
    });
    const retry = await api.execute(AdjustBalance, input("150.50", "adj-1"), { headers: admin.headers });
    expect(retry.data?.adjustReferralBalance).toEqual(credit.data?.adjustReferralBalance);
    const reused = await api.execute(AdjustBalance, input("1.00", "adj-1"), { headers: admin.headers });
    expect(reused.data?.adjustReferralBalance).toMatchObject({ __typename: "ConflictError" });

    const overdraw = await api.execute(AdjustBalance, input("-150.51", "adj-2"), { headers: admin.headers });
    expect(overdraw.data?.adjustReferralBalance).toMatchObject({ __typename: "ConflictError" });
    const debit = await api.execute(AdjustBalance, input("-50.50", "adj-3"), { headers: admin.headers });
    expect(debit.data?.adjustReferralBalance).toMatchObject({ amount: "-50.5", balanceAfter: "100" });

    expect((await balanceOf(user.id)).balanceRub.toString()).toBe("100");
    expect(await api.prisma.balanceTransaction.count({ where: { userId: user.id } })).toBe(2);
    const audits = await api.prisma.auditLog.findMany({
      where: { action: "ledger.adjust", adminId: admin.id, targetType: "BalanceTransaction" },
      orderBy: { id: "asc" },
    });
    const mine = audits.filter((a) => (a.after as { userId?: number }).userId === user.id);
    expect(mine.map((a) => [a.before, a.after])).toEqual([
      [
        { userId: user.id, currency: "RUB", balance: "0" },
        { userId: user.id, currency: "RUB", balance: "150.5", amount: "150.5", note: "Goodwill credit" },
      ],
      [
        { userId: user.id, currency: "RUB", balance: "150.5" },
        { userId: user.id, currency: "RUB", balance: "100", amount: "-50.5", note: "Goodwill credit" },
      ],
    ]);
    expect(await books()).toEqual([]);
  });

  it("reports every bad field at once, and an unknown user as not found", async () => {
    const user = await api.signIn();
    const bad = await api.execute(
      AdjustBalance,
      { input: { userId: globalId("User", user.id), currency: "RUB", amount: "1.001", note: "no", idempotencyKey: "" } },
      { headers: admin.headers },
    );
    expect(bad.data?.adjustReferralBalance.__typename).toBe("ValidationError");
    const fields = (bad.data?.adjustReferralBalance as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((e) => e.field).sort();
    expect(fields).toEqual(["input.amount", "input.idempotencyKey", "input.note"]);
    const zero = await api.execute(
      AdjustBalance,
      { input: { userId: globalId("User", user.id), currency: "TON", amount: "0.000", note: "Zero", idempotencyKey: "zero" } },
      { headers: admin.headers },
    );
    expect(zero.data?.adjustReferralBalance.__typename).toBe("ValidationError");
    const unknown = await api.execute(
      AdjustBalance,
      { input: { userId: globalId("User", 999_999), currency: "RUB", amount: "1", note: "Who?", idempotencyKey: "nobody" } },
      { headers: admin.headers },
    );
    expect(unknown.data?.adjustReferralBalance).toMatchObject({ __typename: "NotFoundError" });
    expect(await api.prisma.balanceTransaction.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("partner applications", () => {
  it("approval makes the user a partner at the given rate, for future payments only", async () => {
    const user = await api.signIn();
    const referred = await api.signIn();
    const old = await earning(user.id, referred.id, { amount: "99.00" });
    const row = await application(user.id);
    const result = await api.execute(
      ApprovePartner,
      { input: { applicationId: globalId("PartnerApplication", row.id), commissionRate: "0.25", note: "Big channel" } },
      { headers: admin.headers },
    );
    expect(result.data?.approvePartnerApplication).toMatchObject({
      __typename: "PartnerApplication",
      status: "APPROVED",
      reviewNote: "Big channel",
      reviewedBy: { id: globalId("AdminUser", admin.id) },
    });
    const balance = await balanceOf(user.id);
    expect(balance).toMatchObject({ isPartner: true, partnerApprovedById: admin.id });
    expect(balance.commissionRate.toString()).toBe("0.25");
    expect(balance.partnerSince).toBeInstanceOf(Date);
    expect(balance.partnerApprovedAt).toBeInstanceOf(Date);
    expect((await api.prisma.referralEarning.findUniqueOrThrow({ where: { id: old.id } })).rate.toString()).toBe("0.1");

    const [audit] = await auditRows("PartnerApplication", row.id);
    expect(audit).toMatchObject({
      action: "partner.approve",
      adminId: admin.id,
      before: { application: { status: "PENDING" }, partner: { isPartner: false, commissionRate: "0.1" } },
      after: { application: { status: "APPROVED", reviewedById: admin.id }, partner: { isPartner: true, commissionRate: "0.25" } },
    });

    const twice = await api.execute(
      ApprovePartner,
      { input: { applicationId: globalId("PartnerApplication", row.id), commissionRate: "0.3" } },
      { headers: admin.headers },
    );
    expect(twice.data?.approvePartnerApplication).toMatchObject({ __typename: "ConflictError" });
    expect((await balanceOf(user.id)).commissionRate.toString()).toBe("0.25");
  });

  it("refuses a rate outside 0.10–0.50", async () => {
    const user = await api.signIn();
    const row = await application(user.id);
    for (const commissionRate of ["0.6", "0.05", "1", "0.12345"]) {
      const result = await api.execute(
        ApprovePartner,
        { input: { applicationId: globalId("PartnerApplication", row.id), commissionRate } },
        { headers: admin.headers },
      );
      expect(result.data?.approvePartnerApplication).toMatchObject({
        __typename: "ValidationError",
        fieldErrors: [{ field: "input.commissionRate" }],
      });
    }
    expect((await api.prisma.partnerApplication.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("PENDING");
    expect(await api.prisma.referralBalance.count({ where: { userId: user.id } })).toBe(0);
  });

  it("rejection keeps the note and lets the user apply again", async () => {
    const user = await api.signIn();
    const row = await application(user.id);
    const result = await api.execute(
      RejectPartner,
      { input: { applicationId: globalId("PartnerApplication", row.id), note: "Audience too small" } },
      { headers: admin.headers },
    );
    expect(result.data?.rejectPartnerApplication).toMatchObject({
      __typename: "PartnerApplication",
      status: "REJECTED",
      reviewNote: "Audience too small",
    });
    const [audit] = await auditRows("PartnerApplication", row.id);
    expect(audit).toMatchObject({
      action: "partner.reject",
      adminId: admin.id,
      before: { application: { status: "PENDING" } },
      after: { application: { status: "REJECTED", reviewNote: "Audience too small" } },
    });
    await expect(application(user.id)).resolves.toMatchObject({ status: "PENDING" });
    expect((await api.prisma.referralBalance.findUnique({ where: { userId: user.id } }))?.isPartner ?? false).toBe(false);
  });
});

describe("who may change what", () => {
  /** Each admin mutation, on a fresh target, with how to tell that nothing changed. */
  const cases: Array<{
    name: string;
    action: string;
    setUp: () => Promise<{
      run: (headers: Headers) => Promise<{ data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] }>;
      state: () => Promise<unknown>;
      target: [string, number];
    }>;
  }> = [
    {
      name: "approveWithdrawal",
      action: "withdrawal.approve",
      setUp: async () => {
        const user = await api.signIn();
        await fund(user.id, "RUB", "100.00");
        const w = await request(user.id, "60.00");
        return {
          run: (headers) =>
            api.execute(ApproveWithdrawal, { input: { withdrawalId: globalId("Withdrawal", w.id), note: "ok" } }, { headers }),
          state: async () => [
            await api.prisma.withdrawal.findUniqueOrThrow({ where: { id: w.id } }),
            await api.prisma.withdrawalLog.count({ where: { withdrawalId: w.id } }),
          ],
          target: ["Withdrawal", w.id],
        };
      },
    },
    {
      name: "rejectWithdrawal",
      action: "withdrawal.reject",
      setUp: async () => {
        const user = await api.signIn();
        await fund(user.id, "RUB", "100.00");
        const w = await request(user.id, "60.00");
        return {
          run: (headers) =>
            api.execute(RejectWithdrawal, { input: { withdrawalId: globalId("Withdrawal", w.id), reason: "Suspicious" } }, { headers }),
          state: async () => [await api.prisma.withdrawal.findUniqueOrThrow({ where: { id: w.id } }), await balanceOf(user.id)],
          target: ["Withdrawal", w.id],
        };
      },
    },
    {
      name: "markWithdrawalPaid",
      action: "withdrawal.mark_paid",
      setUp: async () => {
        const user = await api.signIn();
        await fund(user.id, "RUB", "100.00");
        const w = await request(user.id, "60.00");
        await api.prisma.withdrawal.update({ where: { id: w.id }, data: { status: "APPROVED" } });
        return {
          run: (headers) =>
            api.execute(
              MarkWithdrawalPaid,
              { input: { withdrawalId: globalId("Withdrawal", w.id), externalPayoutId: `payout-${w.id}` } },
              { headers },
            ),
          state: async () => [await api.prisma.withdrawal.findUniqueOrThrow({ where: { id: w.id } }), await balanceOf(user.id)],
          target: ["Withdrawal", w.id],
        };
      },
    },
    {
      name: "adjustReferralBalance",
      action: "ledger.adjust",
      setUp: async () => {
        const user = await api.signIn();
        const key = `matrix-${user.id}`;
        return {
          run: (headers) =>
            api.execute(
              AdjustBalance,
              { input: { userId: globalId("User", user.id), currency: "TON", amount: "2.5", note: "Bonus", idempotencyKey: key } },
              { headers },
            ),
          state: async () => [
            await api.prisma.referralBalance.findUnique({ where: { userId: user.id } }),
            await api.prisma.balanceTransaction.count({ where: { userId: user.id } }),
          ],
          target: ["BalanceTransaction", -1],
        };
      },
    },
    {
      name: "approvePartnerApplication",
      action: "partner.approve",
      setUp: async () => {
        const user = await api.signIn();
        const row = await application(user.id);
        return {
          run: (headers) =>
            api.execute(
              ApprovePartner,
              { input: { applicationId: globalId("PartnerApplication", row.id), commissionRate: "0.2" } },
              { headers },
            ),
          state: async () => [
            await api.prisma.partnerApplication.findUniqueOrThrow({ where: { id: row.id } }),
            await api.prisma.referralBalance.findUnique({ where: { userId: user.id } }),
          ],
          target: ["PartnerApplication", row.id],
        };
      },
    },
    {
      name: "rejectPartnerApplication",
      action: "partner.reject",
      setUp: async () => {
        const user = await api.signIn();
        const row = await application(user.id);
        return {
          run: (headers) =>
            api.execute(
              RejectPartner,
              { input: { applicationId: globalId("PartnerApplication", row.id), note: "Not a fit" } },
              { headers },
            ),
          state: async () => api.prisma.partnerApplication.findUniqueOrThrow({ where: { id: row.id } }),
          target: ["PartnerApplication", row.id],
        };
      },
    },
  ];

  for (const { name, action, setUp } of cases) {
    it(`${name}: ADMIN only, audited; OPERATOR, VIEWER, users, API keys and visitors are refused and change nothing`, async () => {
      const { run, state, target } = await setUp();
      const initial = await state();
      const auditsBefore = await api.prisma.auditLog.count();
      const refused: Array<[string, Headers, string]> = [
        ["OPERATOR", operator.headers, "FORBIDDEN"],
        ["VIEWER", viewer.headers, "FORBIDDEN"],
        ...outsiders(),
      ];
      for (const [who, headers, code] of refused) {
        const result = await run(headers);
        expect(result.errors?.[0]?.extensions?.code, who).toBe(code);
        expect((result.data as Record<string, unknown> | null)?.[name] ?? null, who).toBeNull();
      }
      expect(await state()).toEqual(initial);
      expect(await api.prisma.auditLog.count()).toBe(auditsBefore);

      const allowed = await run(admin.headers);
      expect(allowed.errors).toBeUndefined();
      const payload = (allowed.data as Record<string, { __typename: string; id?: string }>)[name]!;
      expect(["Withdrawal", "BalanceTransaction", "PartnerApplication"]).toContain(payload.__typename);
      expect(await state()).not.toEqual(initial);
      const audits = await api.prisma.auditLog.findMany({ where: { id: { gt: 0 }, action }, orderBy: { id: "desc" }, take: 1 });
      const [audit] = audits;
      const targetId = target[1] > 0 ? target[1] : Number(Buffer.from(payload.id!, "base64").toString().split(":")[1]);
      expect(audit).toMatchObject({ action, adminId: admin.id, targetType: target[0], targetId });
      expect(audit!.before).not.toBeNull();
      expect(audit!.after).not.toBeNull();
      expect(audit!.before).not.toEqual(audit!.after);
      expect((audit!.metadata as { requestId?: string }).requestId).toEqual(expect.any(String));
      expect(await api.prisma.auditLog.count()).toBe(auditsBefore + 1);
    });
  }
});

describe("staff lists", () => {
  const readers = (): Array<[string, Headers]> => [
    ["ADMIN", admin.headers],
    ["OPERATOR", operator.headers],
    ["VIEWER", viewer.headers],
  ];

  const queries = () =>
    [
      ["withdrawals", (headers: Headers) => api.execute(AdminWithdrawals, { first: 5 }, { headers })],
      ["balanceTransactions", (headers: Headers) => api.execute(AdminBalanceTransactions, { first: 5 }, { headers })],
      ["referralBalances", (headers: Headers) => api.execute(AdminReferralBalances, { first: 5 }, { headers })],
      ["referrals", (headers: Headers) => api.execute(AdminReferrals, { first: 5 }, { headers })],
      ["referralEarnings", (headers: Headers) => api.execute(AdminReferralEarnings, { first: 5 }, { headers })],
      ["referralCodes", (headers: Headers) => api.execute(AdminReferralCodes, { first: 5 }, { headers })],
      ["userCards", (headers: Headers) => api.execute(AdminUserCards, { first: 5 }, { headers })],
      ["partnerApplications", (headers: Headers) => api.execute(AdminPartnerApplications, { first: 5 }, { headers })],
      ["withdrawalLogs", (headers: Headers) => api.execute(AdminWithdrawalLogs, { withdrawal: globalId("Withdrawal", 1) }, { headers })],
      ["ledgerMismatches", (headers: Headers) => api.execute(AdminLedgerMismatches, {}, { headers })],
    ] as const;

  it("every list answers ADMIN, OPERATOR and VIEWER, and refuses users, API keys and visitors", async () => {
    // Rows for every list, so a refused caller would have something to leak.
    const user = await api.signIn({ name: "Listed Referrer" });
    const code = await api.prisma.referralCode.create({ data: { userId: user.id, code: "LISTED42" } });
    const referred = await api.signIn({ name: "Listed Referred", referralCode: code.code });
    await earning(user.id, referred.id, { amount: "12.00" });
    await fund(user.id, "RUB", "100.00");
    await request(user.id, "10.00");
    await api.prisma.userCard.create({ data: { userId: user.id, maskedNumber: "220070******4417" } });
    await application(user.id);

    for (const [field, run] of queries()) {
      for (const [who, headers] of readers()) {
        const result = await run(headers);
        expect(result.errors, `${field} as ${who}`).toBeUndefined();
        expect((result.data as { admin: Record<string, unknown> }).admin[field], `${field} as ${who}`).toBeDefined();
      }
      for (const [who, headers, code] of outsiders()) {
        const result = await run(headers);
        expect(result.errors?.[0]?.extensions?.code, `${field} as ${who}`).toBe(code);
        expect(result.data?.admin ?? null).toBeNull();
        expect(JSON.stringify(result)).not.toContain("Listed");
      }
    }
  });

  it("withdrawals: staff see user, admin, payout id, masked details and the log; never a full card number", async () => {
    const user = await api.signIn({ name: "Staff Sees Me" });
    await fund(user.id, "RUB", "500.00");
    const card = await api.prisma.userCard.create({
      data: {
        userId: user.id,
        maskedNumber: "553691******0042",
        tbankCardId: "tbank-card-token-secret",
        cardholderName: "STAFF SEES ME",
        isDefault: true,
      },
    });
    const w = await request(user.id, "100.00", { userCardId: card.id, details: { bank: "T-Bank" }, recipientName: null });
    await api.execute(ApproveWithdrawal, { input: { withdrawalId: globalId("Withdrawal", w.id) } }, { headers: admin.headers });
    await api.execute(
      MarkWithdrawalPaid,
      { input: { withdrawalId: globalId("Withdrawal", w.id), externalPayoutId: "payout-staff-1" } },
      { headers: admin.headers },
    );

    const result = await api.execute(
      AdminWithdrawals,
      { filter: { user: globalId("User", user.id) }, first: 10 },
      { headers: viewer.headers },
    );
    expect(result.errors).toBeUndefined();
    const [node] = result.data!.admin.withdrawals.edges.map((e) => e.node);
    expect(node).toMatchObject({
      status: "PAID",
      destination: "•••• 0042",
      details: { bank: "T-Bank", cardMask: "553691******0042" },
      recipientName: "STAFF SEES ME",
      externalPayoutId: "payout-staff-1",
      user: { id: globalId("User", user.id), name: "Staff Sees Me" },
      processedBy: { id: globalId("AdminUser", admin.id), username: expect.any(String) as unknown },
      userCard: { id: globalId("UserCard", card.id), maskedNumber: "553691******0042" },
    });
    expect(node!.logs.edges.map((e) => [e.node.fromStatus, e.node.toStatus, e.node.admin?.id ?? null])).toEqual([
      [null, "PENDING", null],
      ["PENDING", "APPROVED", globalId("AdminUser", admin.id)],
      ["APPROVED", "PAID", globalId("AdminUser", admin.id)],
    ]);
    expect(JSON.stringify(result)).not.toContain("tbank-card-token-secret");
    expect(JSON.stringify(result)).not.toMatch(/\d{13,19}/);

    const logs = await api.execute(AdminWithdrawalLogs, { withdrawal: globalId("Withdrawal", w.id) }, { headers: operator.headers });
    expect(logs.data?.admin.withdrawalLogs.totalCount).toBe(3);
    expect(logs.data?.admin.withdrawalLogs.edges.map((e) => e.node.toStatus)).toEqual(["PENDING", "APPROVED", "PAID"]);

    const cards = await api.execute(
      AdminUserCards,
      { filter: { user: globalId("User", user.id) }, first: 10 },
      { headers: viewer.headers },
    );
    expect(cards.data?.admin.userCards.edges.map((e) => e.node)).toEqual([
      {
        id: globalId("UserCard", card.id),
        maskedNumber: "553691******0042",
        lastFour: "0042",
        cardholderName: "STAFF SEES ME",
        isDefault: true,
        linkedToBank: true,
        user: { id: globalId("User", user.id), name: "Staff Sees Me" },
      },
    ]);
    expect(JSON.stringify(cards)).not.toContain("tbank-card-token-secret");
  });

  it("withdrawals: filters and ordering answer exactly the expected rows", async () => {
    const [a, b] = await Promise.all([api.signIn({ name: "Filter A" }), api.signIn({ name: "Filter B" })]);
    await fund(a.id, "RUB", "1000.00");
    await fund(a.id, "TON", "10");
    await fund(b.id, "RUB", "1000.00");
    const a1 = await request(a.id, "100.00", { recipientName: "Anna Smirnova" });
    const a2 = await request(a.id, "300.00", { method: "SBP", details: { phone: "+79001112233" }, recipientName: "Anna S" });
    const a3 = await request(a.id, "2", {
      currency: "TON",
      method: "TON",
      details: { address: "UQAbcdefghijklmnopqrstuvwxyz0123456789ABCDEFx9Zk" },
    });
    const b1 = await request(b.id, "200.00");
    await api.prisma.withdrawal.update({ where: { id: a1.id }, data: { createdAt: new Date("2026-03-01T10:00:00Z") } });
    await api.prisma.withdrawal.update({ where: { id: a2.id }, data: { createdAt: new Date("2026-03-02T10:00:00Z") } });
    await api.prisma.withdrawal.update({ where: { id: a3.id }, data: { createdAt: new Date("2026-03-03T10:00:00Z") } });
    await api.execute(
      RejectWithdrawal,
      { input: { withdrawalId: globalId("Withdrawal", a2.id), reason: "Wrong phone" } },
      { headers: admin.headers },
    );

    const ids = async (variables: AdminReferrals_WithdrawalsQueryVariables) => {
      const result = await api.execute(AdminWithdrawals, { first: 20, ...variables }, { headers: admin.headers });
      expect(result.errors).toBeUndefined();
      return result.data!.admin.withdrawals.edges.map((e) => e.node.id);
    };
    const g = (w: { id: number }) => globalId("Withdrawal", w.id);
    const userA = globalId("User", a.id);
    expect(await ids({ filter: { user: userA } })).toEqual([g(a3), g(a2), g(a1)]);
    expect(await ids({ filter: { user: userA }, orderBy: { field: "AMOUNT", direction: "ASC" } })).toEqual([g(a3), g(a1), g(a2)]);
    expect(await ids({ filter: { user: userA }, orderBy: { field: "CREATED_AT", direction: "ASC" } })).toEqual([g(a1), g(a2), g(a3)]);
    expect(await ids({ filter: { user: userA, status: ["REJECTED"] } })).toEqual([g(a2)]);
    expect(await ids({ filter: { user: userA, status: ["PENDING"], currency: "RUB" } })).toEqual([g(a1)]);
    expect(await ids({ filter: { user: userA, method: "TON" } })).toEqual([g(a3)]);
    expect(await ids({ filter: { user: userA, createdAt: { from: "2026-03-02T00:00:00Z", to: "2026-03-03T10:00:00Z" } } })).toEqual([
      g(a2),
    ]);
    expect(await ids({ filter: { search: "anna smir" } })).toEqual([g(a1)]);
    expect(await ids({ filter: { user: globalId("User", b.id) } })).toEqual([g(b1)]);
    // Paging keeps the order.
    const page = await api.execute(
      AdminWithdrawals,
      { filter: { user: userA }, orderBy: { field: "AMOUNT", direction: "DESC" }, first: 2 },
      { headers: admin.headers },
    );
    expect(page.data?.admin.withdrawals.totalCount).toBe(3);
    expect(page.data?.admin.withdrawals.edges.map((e) => e.node.id)).toEqual([g(a2), g(a1)]);
  });

  it("ledger, balances, referrals, earnings, codes and applications filter exactly", async () => {
    const referrer = await api.signIn({ name: "Rita Referrer" });
    const code = await api.prisma.referralCode.create({ data: { userId: referrer.id, code: "RITA2345" } });
    const [r1, r2] = [
      await api.signIn({ name: "First Friend", referralCode: code.code }),
      await api.signIn({ name: "Second Friend", referralCode: code.code }),
    ];
    const e1 = await earning(referrer.id, r1.id, { amount: "10.00", status: "PENDING", createdAt: new Date("2026-04-01T00:00:00Z") });
    const e2 = await earning(referrer.id, r2.id, { amount: "30.00", createdAt: new Date("2026-04-02T00:00:00Z") });
    await fund(referrer.id, "RUB", "40.00");
    await fund(referrer.id, "TON", "1.5");
    const w = await request(referrer.id, "15.00");

    const ledger = await api.execute(
      AdminBalanceTransactions,
      { filter: { user: globalId("User", referrer.id), currency: "RUB" }, orderBy: "ASC", first: 10 },
      { headers: viewer.headers },
    );
    expect(ledger.data?.admin.balanceTransactions.edges.map((e) => [e.node.kind, e.node.amount, e.node.withdrawal?.id ?? null])).toEqual([
      ["ADJUSTMENT", "40", null],
      ["WITHDRAWAL_RESERVE", "-15", globalId("Withdrawal", w.id)],
    ]);
    const reserves = await api.execute(
      AdminBalanceTransactions,
      { filter: { user: globalId("User", referrer.id), kind: ["WITHDRAWAL_RESERVE"] }, first: 10 },
      { headers: viewer.headers },
    );
    expect(reserves.data?.admin.balanceTransactions.totalCount).toBe(1);

    const balances = await api.execute(
      AdminReferralBalances,
      { filter: { user: globalId("User", referrer.id), minBalance: { currency: "TON", amount: "1.5" } }, first: 10 },
      { headers: viewer.headers },
    );
    expect(balances.data?.admin.referralBalances.edges.map((e) => [e.node.balanceRub, e.node.balanceTon, e.node.isPartner])).toEqual([
      ["25", "1.5", false],
    ]);
    const tooHigh = await api.execute(
      AdminReferralBalances,
      { filter: { user: globalId("User", referrer.id), minBalance: { currency: "RUB", amount: "25.01" } }, first: 10 },
      { headers: viewer.headers },
    );
    expect(tooHigh.data?.admin.referralBalances.totalCount).toBe(0);
    const partner = await api.signIn({ name: "Partner Pat" });
    await api.prisma.referralBalance.create({
      data: { userId: partner.id, isPartner: true, commissionRate: "0.3", partnerSince: new Date() },
    });
    const partners = await api.execute(
      AdminReferralBalances,
      { filter: { isPartner: true }, orderBy: { field: "COMMISSION_RATE", direction: "DESC" }, first: 100 },
      { headers: viewer.headers },
    );
    const partnerRows = partners.data!.admin.referralBalances.edges.map((e) => e.node);
    expect(partnerRows.every((n) => n.isPartner)).toBe(true);
    expect(partnerRows.map((n) => n.user.id)).toContain(globalId("User", partner.id));

    const referrals = await api.execute(
      AdminReferrals,
      { filter: { referrer: globalId("User", referrer.id) }, orderBy: "ASC", first: 10 },
      { headers: viewer.headers },
    );
    expect(referrals.data?.admin.referrals.edges.map((e) => [e.node.referred.name, e.node.code?.code, e.node.code?.user.id])).toEqual([
      ["First Friend", "RITA2345", globalId("User", referrer.id)],
      ["Second Friend", "RITA2345", globalId("User", referrer.id)],
    ]);
    const one = await api.execute(
      AdminReferrals,
      { filter: { referred: globalId("User", r2.id) }, first: 10 },
      { headers: viewer.headers },
    );
    expect(one.data?.admin.referrals.edges.map((e) => e.node.referrer.name)).toEqual(["Rita Referrer"]);

    const earnings = await api.execute(
      AdminReferralEarnings,
      { filter: { referrer: globalId("User", referrer.id) }, orderBy: { field: "AMOUNT", direction: "DESC" }, first: 10 },
      { headers: viewer.headers },
    );
    expect(earnings.data?.admin.referralEarnings.edges.map((e) => [e.node.id, e.node.referred.name, e.node.rubAmount])).toEqual([
      [globalId("ReferralEarning", e2.id), "Second Friend", "30"],
      [globalId("ReferralEarning", e1.id), "First Friend", "10"],
    ]);
    const pending = await api.execute(
      AdminReferralEarnings,
      { filter: { referrer: globalId("User", referrer.id), status: ["PENDING"] }, first: 10 },
      { headers: viewer.headers },
    );
    expect(pending.data?.admin.referralEarnings.edges.map((e) => e.node.id)).toEqual([globalId("ReferralEarning", e1.id)]);
    const byPayment = await api.execute(
      AdminReferralEarnings,
      { filter: { payment: globalId("Payment", e2.paymentId) }, first: 10 },
      { headers: viewer.headers },
    );
    expect(byPayment.data?.admin.referralEarnings.edges.map((e) => e.node.payment.id)).toEqual([globalId("Payment", e2.paymentId)]);

    const codes = await api.execute(AdminReferralCodes, { filter: { search: "rita" }, first: 10 }, { headers: viewer.headers });
    expect(codes.data?.admin.referralCodes.edges.map((e) => [e.node.code, e.node.user.id])).toEqual([
      ["RITA2345", globalId("User", referrer.id)],
    ]);

    const appA = await application(referrer.id);
    const appB = await application(r1.id);
    await api.execute(
      RejectPartner,
      { input: { applicationId: globalId("PartnerApplication", appB.id), note: "Too small" } },
      { headers: admin.headers },
    );
    const pendingApps = await api.execute(
      AdminPartnerApplications,
      { filter: { status: ["PENDING"], user: globalId("User", referrer.id) }, first: 10 },
      { headers: viewer.headers },
    );
    expect(pendingApps.data?.admin.partnerApplications.edges.map((e) => e.node.id)).toEqual([globalId("PartnerApplication", appA.id)]);
    const rejectedApps = await api.execute(
      AdminPartnerApplications,
      { filter: { status: ["REJECTED"], search: appB.contactEmail! }, first: 10 },
      { headers: viewer.headers },
    );
    expect(rejectedApps.data?.admin.partnerApplications.edges.map((e) => [e.node.id, e.node.reviewNote, e.node.reviewedBy?.id])).toEqual([
      [globalId("PartnerApplication", appB.id), "Too small", globalId("AdminUser", admin.id)],
    ]);
  });

  it("ledgerMismatches is empty while the books are right", async () => {
    const result = await api.execute(AdminLedgerMismatches, {}, { headers: viewer.headers });
    expect(result.errors).toBeUndefined();
    expect(result.data?.admin.ledgerMismatches).toEqual([]);
  });

  it("staff-only nodes answer staff through node(id), and null to everyone else", async () => {
    const user = await api.signIn();
    const code = await api.prisma.referralCode.create({ data: { userId: user.id, code: "NODE2345" } });
    const referred = await api.signIn({ referralCode: code.code });
    const referral = await api.prisma.referral.findUniqueOrThrow({ where: { referredId: referred.id } });
    await fund(user.id, "RUB", "10.00");
    const w = await request(user.id, "5.00");
    const balance = await balanceOf(user.id);
    const card = await api.prisma.userCard.create({ data: { userId: user.id, maskedNumber: "4111******1111" } });
    const log = await api.prisma.withdrawalLog.findFirstOrThrow({ where: { withdrawalId: w.id } });
    for (const id of [
      globalId("Referral", referral.id),
      globalId("ReferralBalance", balance.id),
      globalId("UserCard", card.id),
      globalId("WithdrawalLog", log.id),
    ]) {
      const staff = await api.execute(StaffNode, { id }, { headers: viewer.headers });
      expect(staff.data?.node?.id).toBe(id);
      for (const headers of [user.headers, someone.headers, apiKey.headers, undefined]) {
        const result = await api.execute(StaffNode, { id }, { headers });
        expect(result.data?.node ?? null).toBeNull();
        expect(result.errors).toBeUndefined();
      }
    }
  });

  it("load in the same number of statements for 3 and for 6 rows", async () => {
    const referrer = await api.signIn({ name: "Counted" });
    const code = await api.prisma.referralCode.create({ data: { userId: referrer.id, code: "COUNT234" } });
    await fund(referrer.id, "RUB", "10000.00");
    const userFilter = { user: globalId("User", referrer.id) };
    const runs = [
      () => api.execute(AdminWithdrawals, { filter: userFilter, first: 20 }, { headers: admin.headers }),
      () => api.execute(AdminBalanceTransactions, { filter: userFilter, first: 20 }, { headers: admin.headers }),
      () => api.execute(AdminReferrals, { filter: { referrer: globalId("User", referrer.id) }, first: 20 }, { headers: admin.headers }),
      () =>
        api.execute(AdminReferralEarnings, { filter: { referrer: globalId("User", referrer.id) }, first: 20 }, { headers: admin.headers }),
      () => api.execute(AdminUserCards, { filter: userFilter, first: 20 }, { headers: admin.headers }),
      () => api.execute(AdminPartnerApplications, { filter: userFilter, first: 20 }, { headers: admin.headers }),
      () => api.execute(AdminReferralBalances, { filter: { isPartner: false }, first: 20 }, { headers: admin.headers }),
    ];
    const addRows = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const w = await request(referrer.id, "10.00");
        await api.execute(ApproveWithdrawal, { input: { withdrawalId: globalId("Withdrawal", w.id) } }, { headers: admin.headers });
        const friend = await api.signIn({ referralCode: code.code });
        await earning(referrer.id, friend.id, { amount: "1.00" });
        await api.prisma.userCard.create({ data: { userId: referrer.id, maskedNumber: "220070******4417" } });
        const app = await application(referrer.id);
        await api.prisma.partnerApplication.update({ where: { id: app.id }, data: { status: "REJECTED", reviewedById: admin.id } });
      }
    };
    const count = async () => {
      const results: Array<{ errors?: unknown; statements: string[] }> = [];
      for (const run of runs) results.push(await run());
      for (const r of results) expect(r.errors).toBeUndefined();
      return results.map((r) => r.statements.length);
    };
    await addRows(3);
    const three = await count();
    await addRows(3);
    const six = await count();
    expect(six).toEqual(three);
    const totals = await api.execute(AdminWithdrawals, { filter: userFilter, first: 20 }, { headers: admin.headers });
    expect(totals.data?.admin.withdrawals.totalCount).toBe(6);
    console.info(
      "admin referral lists, statements per request (withdrawals, ledger, referrals, earnings, cards, applications, balances):",
      six.join(", "),
    );
  });
});
