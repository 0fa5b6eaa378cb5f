// Admin billing: staff read every payment (with provider data), webhook events, rates,
// orphan TON transfers, promo codes and usages; only ADMIN refunds, resolves orphans and
// manages promo codes, each change audited in its transaction. Everyone else is refused
// and nothing changes.
import { beforeAll, describe, expect, it } from "vitest";
import { isObjectType } from "graphql";
import type { Prisma } from "../src/db/prisma.ts";
import { schema } from "../src/schema/index.ts";
import { createTestApi, type TestAdmin, type TestApi, type TestApiKey, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

// ─── Documents ───────────────────────────────────────────────────────────────────

const PaymentsQuery = graphql(`
  query AdminBilling_Payments($filter: AdminPaymentFilter, $orderBy: AdminPaymentOrder, $first: Int, $after: String) {
    admin {
      payments(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            id
            amount
            status
            provider
            isTestMode
            createdAt
            idempotencyKey
            tbankPaymentId
            telegramChargeId
            tonTxHash
            tonSenderAddress
            tonConfirmations
            rateLockedAt
            rateExpiresAt
            refundReason
            tier { id code }
            user { id name }
            consumedAvatar { id name }
            promoCodeUsage { id discountAmount promoCode { code } }
            webhookEvents(first: 5) { totalCount edges { node { id eventId status } } }
          }
        }
      }
    }
  }
`);

const AllListsQuery = graphql(`
  query AdminBilling_AllLists {
    admin {
      payments(first: 1) { totalCount }
      webhookEvents(first: 1) { totalCount }
      exchangeRates(first: 1) { totalCount }
      orphanPayments(first: 1) { totalCount }
      promoCodes(first: 1) { totalCount }
      promoCodeUsages(first: 1) { totalCount }
    }
  }
`);

const WebhookEventsQuery = graphql(`
  query AdminBilling_WebhookEvents($filter: AdminWebhookEventFilter, $first: Int) {
    admin {
      webhookEvents(filter: $filter, first: $first) {
        totalCount
        edges { node { id provider eventId eventType status payload errorMessage processedAt payment { id amount } } }
      }
    }
  }
`);

const ExchangeRatesQuery = graphql(`
  query AdminBilling_ExchangeRates($filter: AdminExchangeRateFilter) {
    admin { exchangeRates(filter: $filter, first: 50) { totalCount edges { node { id baseCurrency quoteCurrency rate source fetchedAt } } } }
  }
`);

const OrphanPaymentsQuery = graphql(`
  query AdminBilling_OrphanPayments($filter: AdminOrphanPaymentFilter) {
    admin {
      orphanPayments(filter: $filter, first: 50) {
        totalCount
        edges { node { id tonTxHash senderAddress amountNano amountTon comment status note resolvedAt resolvedBy { id username } matchedPayment { id } } }
      }
    }
  }
`);

const PromoCodesQuery = graphql(`
  query AdminBilling_PromoCodes($filter: AdminPromoCodeFilter, $first: Int) {
    admin {
      promoCodes(filter: $filter, first: $first) {
        totalCount
        edges {
          node {
            id code description discountType discountValue maxUses usesCount validFrom validUntil isActive
            createdBy { id username }
            usages(first: 5) { totalCount edges { node { id user { id } } } }
          }
        }
      }
    }
  }
`);

const PromoCodeUsagesQuery = graphql(`
  query AdminBilling_PromoCodeUsages($filter: AdminPromoCodeUsageFilter, $first: Int) {
    admin {
      promoCodeUsages(filter: $filter, first: $first) {
        totalCount
        edges { node { id discountAmount createdAt promoCode { id code } user { id name } payment { id amount } } }
      }
    }
  }
`);

const NodeQuery = graphql(`
  query AdminBilling_Node($id: ID!) {
    node(id: $id) {
      id
      ... on WebhookEvent { eventId }
      ... on ExchangeRate { source }
      ... on OrphanPayment { tonTxHash }
      ... on PromoCode { code }
      ... on PromoCodeUsage { discountAmount }
      ... on Payment { amount }
    }
  }
`);

const PaymentNodeStaffFieldsQuery = graphql(`
  query AdminBilling_PaymentNodeStaffFields($id: ID!) {
    node(id: $id) { id ... on Payment { amount idempotencyKey tbankPaymentId user { id } } }
  }
`);

const ViewerPaymentsStaffFieldQuery = graphql(`
  query AdminBilling_ViewerPaymentsStaffField {
    viewer { payments(first: 10) { edges { node { id idempotencyKey } } } }
  }
`);

const RefundPayment = graphql(`
  mutation AdminBilling_RefundPayment($input: RefundPaymentInput!) {
    refundPayment(input: $input) {
      __typename
      ... on Payment { id status refundStatus refundAmount refundReason refundedAt }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const ResolveOrphanPayment = graphql(`
  mutation AdminBilling_ResolveOrphanPayment($input: ResolveOrphanPaymentInput!) {
    resolveOrphanPayment(input: $input) {
      __typename
      ... on OrphanPayment { id status note resolvedAt resolvedBy { id } matchedPayment { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const CreatePromoCode = graphql(`
  mutation AdminBilling_CreatePromoCode($input: CreatePromoCodeInput!) {
    createPromoCode(input: $input) {
      __typename
      ... on PromoCode { id code description discountType discountValue maxUses usesCount validFrom validUntil isActive createdBy { id } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const UpdatePromoCode = graphql(`
  mutation AdminBilling_UpdatePromoCode($input: UpdatePromoCodeInput!) {
    updatePromoCode(input: $input) {
      __typename
      ... on PromoCode { id code description discountType discountValue maxUses validFrom validUntil isActive }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const DeactivatePromoCode = graphql(`
  mutation AdminBilling_DeactivatePromoCode($input: DeactivatePromoCodeInput!) {
    deactivatePromoCode(input: $input) {
      __typename
      ... on PromoCode { id isActive }
      ... on Error { code message }
    }
  }
`);

// ─── Fixtures ────────────────────────────────────────────────────────────────────

let api: TestApi;
let admin: TestAdmin;
let operator: TestAdmin;
let viewer: TestAdmin;
let alice: TestUser;
let bob: TestUser;
let aliceKey: TestApiKey;
let tier: { id: number };
let cheapTier: { id: number };
let sequence = 0;

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 10, 12) + minutes * 60_000);
const tonHash = (n: number) => n.toString(16).padStart(64, "a");

function createPayment(userId: number, data: Partial<Prisma.PaymentUncheckedCreateInput> = {}) {
  sequence += 1;
  return api.prisma.payment.create({
    data: { userId, idempotencyKey: `admin-billing-${sequence}`, amount: "499.00", photoCount: 7, pricingTierId: tier.id, ...data },
  });
}

type Caller = { name: string; headers: Record<string, string> | undefined; code: "FORBIDDEN" | "UNAUTHENTICATED" };
let refusedReaders: Caller[];
let refusedWriters: Caller[];

/** Everything an admin mutation could touch here: nothing may differ after a refusal. */
async function snapshot() {
  const [payments, orphans, promoCodes, audits, ledger] = await Promise.all([
    api.prisma.payment.findMany({ orderBy: { id: "asc" } }),
    api.prisma.orphanPayment.findMany({ orderBy: { id: "asc" } }),
    api.prisma.promoCode.findMany({ orderBy: { id: "asc" } }),
    api.prisma.auditLog.count(),
    api.prisma.balanceTransaction.count(),
  ]);
  return JSON.stringify({ payments, orphans, promoCodes, audits, ledger }, (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value,
  );
}

const ids = {} as Record<
  | "succeeded"
  | "succeeded2"
  | "pending"
  | "refunding"
  | "refunded"
  | "partlyRefunded"
  | "stars"
  | "ton"
  | "tonMatched"
  | "testMode"
  | "bobBig",
  number
>;
const orphanIds = {} as Record<"unmatched" | "unmatched2" | "unmatched3" | "ignored", number>;
const promo = {} as Record<"welcome" | "fixed" | "retired", number>;
let avatarId: number;

beforeAll(async () => {
  api = await createTestApi();
  [admin, operator, viewer] = await Promise.all([api.signInAdmin("ADMIN"), api.signInAdmin("OPERATOR"), api.signInAdmin("VIEWER")]);
  [alice, bob] = await Promise.all([api.signIn({ name: "Alice" }), api.signIn({ name: "Bob" })]);
  aliceKey = await api.createApiKey(alice.id, ["REFERRALS_READ", "REFERRAL_LINKS_CREATE"], { rateLimitPerMinute: 1000 });
  refusedReaders = [
    { name: "user", headers: alice.headers, code: "FORBIDDEN" },
    { name: "api key", headers: aliceKey.headers, code: "FORBIDDEN" },
    { name: "anonymous", headers: undefined, code: "UNAUTHENTICATED" },
  ];
  refusedWriters = [
    { name: "OPERATOR", headers: operator.headers, code: "FORBIDDEN" },
    { name: "VIEWER", headers: viewer.headers, code: "FORBIDDEN" },
    ...refusedReaders,
  ];

  tier = await api.prisma.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7 } });
  cheapTier = await api.prisma.pricingTier.create({ data: { code: "mini", name: "Mini", price: "299.00", photoCount: 3 } });
  await api.prisma.pricingTier.create({ data: { code: "retired-cheap", name: "Retired", price: "99.00", photoCount: 1, isActive: false } });
  const avatar = await api.prisma.avatar.create({ data: { userId: alice.id, name: "Alice portrait" } });
  avatarId = avatar.id;

  // Alice: 7 payments; Bob: 3 (one of them the biggest, one in test mode).
  ids.succeeded = (
    await createPayment(alice.id, {
      status: "SUCCEEDED",
      tbankPaymentId: "TB-1001",
      createdAt: at(0),
      generationConsumed: true,
      consumedAt: at(5),
      consumedAvatarId: avatar.id,
    })
  ).id;
  ids.succeeded2 = (
    await createPayment(alice.id, { status: "SUCCEEDED", amount: "999.00", tbankPaymentId: "TB-1002", createdAt: at(10) })
  ).id;
  ids.pending = (await createPayment(alice.id, { status: "PENDING", amount: "299.00", pricingTierId: cheapTier.id, createdAt: at(20) })).id;
  ids.refunding = (
    await createPayment(alice.id, { status: "REFUNDING", refundStatus: "PENDING", refundAmount: "499.00", createdAt: at(30) })
  ).id;
  ids.refunded = (
    await createPayment(alice.id, {
      status: "REFUNDED",
      refundStatus: "SUCCEEDED",
      refundAmount: "499.00",
      refundedAt: at(45),
      createdAt: at(40),
    })
  ).id;
  ids.partlyRefunded = (
    await createPayment(alice.id, {
      status: "SUCCEEDED",
      refundStatus: "SUCCEEDED",
      refundAmount: "100.00",
      refundedAt: at(55),
      createdAt: at(50),
    })
  ).id;
  ids.stars = (
    await createPayment(alice.id, {
      provider: "STARS",
      status: "SUCCEEDED",
      starsAmount: 250,
      telegramChargeId: "stxCHARGE-77",
      currency: "RUB",
      createdAt: at(60),
    })
  ).id;
  ids.ton = (
    await createPayment(bob.id, {
      provider: "TON",
      status: "PENDING",
      tonAmount: "1.5",
      tonSenderAddress: "UQ-bob-wallet",
      tonConfirmations: 0,
      rateLockedAt: at(70),
      rateExpiresAt: at(85),
      createdAt: at(70),
    })
  ).id;
  ids.tonMatched = (
    await createPayment(bob.id, { provider: "TON", status: "SUCCEEDED", tonAmount: "2.0", tonTxHash: tonHash(1), createdAt: at(75) })
  ).id;
  ids.testMode = (
    await createPayment(bob.id, { provider: "TEST", status: "SUCCEEDED", isTestMode: true, amount: "1.00", createdAt: at(80) })
  ).id;
  ids.bobBig = (await createPayment(bob.id, { status: "SUCCEEDED", amount: "1499.00", createdAt: at(90) })).id;

  await api.prisma.webhookEvent.createMany({
    data: [
      {
        provider: "TBANK",
        eventId: "tb-evt-1",
        eventType: "CONFIRMED",
        status: "PROCESSED",
        paymentId: ids.succeeded,
        processedAt: at(1),
        createdAt: at(1),
        payload: { Status: "CONFIRMED", Pan: "4300000000000777", Amount: 49900 },
      },
      {
        provider: "TBANK",
        eventId: "tb-evt-2",
        eventType: "AUTHORIZED",
        status: "PROCESSED",
        paymentId: ids.succeeded,
        createdAt: at(2),
        payload: { Status: "AUTHORIZED", CardNumber: "4300 0000 0000 0777" },
      },
      {
        provider: "TELEGRAM",
        eventId: "tg-upd-9",
        eventType: "successful_payment",
        status: "PROCESSED",
        paymentId: ids.stars,
        createdAt: at(61),
        payload: { update_id: 9 },
      },
      {
        provider: "TON",
        eventId: "ton-tx-1",
        status: "FAILED",
        errorMessage: "no pending payment",
        createdAt: at(76),
        payload: { hash: tonHash(9) },
      },
      { provider: "KIE", eventId: "kie-task-5", status: "IGNORED", createdAt: at(100), payload: { taskId: "5" } },
    ],
  });

  await api.prisma.exchangeRate.createMany({
    data: [
      { baseCurrency: "TON", quoteCurrency: "RUB", rate: "250.5", source: "coingecko", fetchedAt: at(0) },
      { baseCurrency: "TON", quoteCurrency: "RUB", rate: "251.25", source: "coingecko", fetchedAt: at(60) },
      { baseCurrency: "XTR", quoteCurrency: "RUB", rate: "1.79", source: "telegram", fetchedAt: at(30) },
    ],
  });

  orphanIds.unmatched = (
    await api.prisma.orphanPayment.create({
      data: { tonTxHash: tonHash(2), senderAddress: "UQ-stranger", amountNano: 1_500_000_000n, comment: "PG-bob", receivedAt: at(72) },
    })
  ).id;
  orphanIds.unmatched2 = (
    await api.prisma.orphanPayment.create({ data: { tonTxHash: tonHash(3), amountNano: 42n, receivedAt: at(74) } })
  ).id;
  orphanIds.unmatched3 = (
    await api.prisma.orphanPayment.create({ data: { tonTxHash: tonHash(4), amountNano: 7_000_000_000n, receivedAt: at(73) } })
  ).id;
  orphanIds.ignored = (
    await api.prisma.orphanPayment.create({
      data: { tonTxHash: tonHash(5), amountNano: 10n, status: "IGNORED", note: "dust", resolvedAt: at(80), receivedAt: at(71) },
    })
  ).id;

  promo.welcome = (
    await api.prisma.promoCode.create({
      data: {
        code: "WELCOME10",
        description: "Welcome discount",
        discountType: "PERCENT",
        discountValue: "10",
        maxUses: 100,
        usesCount: 2,
        createdAt: at(0),
      },
    })
  ).id;
  promo.fixed = (
    await api.prisma.promoCode.create({ data: { code: "MINUS200", discountType: "FIXED", discountValue: "200", createdAt: at(10) } })
  ).id;
  promo.retired = (
    await api.prisma.promoCode.create({
      data: { code: "AUTUMN25", discountType: "PERCENT", discountValue: "25", isActive: false, createdAt: at(20) },
    })
  ).id;
  await api.prisma.promoCodeUsage.createMany({
    data: [
      { promoCodeId: promo.welcome, userId: alice.id, paymentId: ids.succeeded, discountAmount: "49.90", createdAt: at(0) },
      { promoCodeId: promo.welcome, userId: bob.id, paymentId: ids.bobBig, discountAmount: "149.90", createdAt: at(90) },
      { promoCodeId: promo.fixed, userId: alice.id, paymentId: ids.succeeded2, discountAmount: "200.00", createdAt: at(10) },
    ],
  });
});

const nodeIds = <T extends { edges: Array<{ node: { id: string } }> }>(connection: T | undefined) =>
  connection?.edges.map((edge) => edge.node.id);

async function adminPayments(variables: Record<string, unknown> = {}, headers = admin.headers) {
  const result = await api.execute(PaymentsQuery, variables, { headers });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result;
}

async function lastAudit(action: string) {
  return api.prisma.auditLog.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });
}

// ─── Roles ───────────────────────────────────────────────────────────────────────

describe("who may read the billing lists", () => {
  it("every staff role reads every list", async () => {
    for (const staff of [admin, operator, viewer]) {
      const result = await api.execute(AllListsQuery, {}, { headers: staff.headers });
      expect(result.errors, `${staff.role}: ${JSON.stringify(result.errors)}`).toBeUndefined();
      expect(result.data?.admin).toEqual({
        payments: { totalCount: 11 },
        webhookEvents: { totalCount: 5 },
        exchangeRates: { totalCount: 3 },
        orphanPayments: { totalCount: 4 },
        promoCodes: { totalCount: 3 },
        promoCodeUsages: { totalCount: 3 },
      });
    }
  });

  it("users, API keys and anonymous visitors are refused", async () => {
    for (const caller of refusedReaders) {
      const result = await api.execute(AllListsQuery, {}, { headers: caller.headers });
      expect(result.errors?.[0]?.extensions?.code, caller.name).toBe(caller.code);
      expect(result.data?.admin ?? null, caller.name).toBeNull();
    }
  });

  it("staff-only nodes answer null to everyone else through node(id)", async () => {
    const event = await api.prisma.webhookEvent.findFirstOrThrow({ where: { eventId: "tb-evt-1" } });
    const rate = await api.prisma.exchangeRate.findFirstOrThrow();
    const usage = await api.prisma.promoCodeUsage.findFirstOrThrow({ where: { userId: alice.id, promoCodeId: promo.welcome } });
    const targets = [
      globalId("WebhookEvent", event.id),
      globalId("ExchangeRate", rate.id),
      globalId("OrphanPayment", orphanIds.unmatched),
      globalId("PromoCode", promo.welcome),
      globalId("PromoCodeUsage", usage.id),
    ];
    for (const id of targets) {
      const asViewer = await api.execute(NodeQuery, { id }, { headers: viewer.headers });
      expect(asViewer.data?.node, id).toMatchObject({ id });
      for (const caller of refusedReaders) {
        const refused = await api.execute(NodeQuery, { id }, { headers: caller.headers });
        expect(refused.data?.node ?? null, `${caller.name} ${id}`).toBeNull();
        expect(refused.errors).toBeUndefined();
      }
    }
  });

  it("staff read any payment's provider data through node(id); its owner does not see those fields", async () => {
    const id = globalId("Payment", ids.succeeded);
    const asViewer = await api.execute(PaymentNodeStaffFieldsQuery, { id }, { headers: viewer.headers });
    expect(asViewer.errors).toBeUndefined();
    expect(asViewer.data?.node).toEqual({
      id,
      amount: "499",
      idempotencyKey: expect.stringMatching(/^admin-billing-/) as unknown,
      tbankPaymentId: "TB-1001",
      user: { id: globalId("User", alice.id) },
    });

    const asOwner = await api.execute(PaymentNodeStaffFieldsQuery, { id }, { headers: alice.headers });
    expect(asOwner.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(asOwner.data)).not.toContain("TB-1001");
    const ownList = await api.execute(ViewerPaymentsStaffFieldQuery, {}, { headers: alice.headers });
    expect(ownList.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(ownList.data)).not.toContain("admin-billing-");
  });
});

describe("the Payment type", () => {
  // The owner's receipt (schema/payments.ts); everything else on Payment is staff-only.
  const RECEIPT = [
    "amount",
    "consumed",
    "consumedAt",
    "createdAt",
    "currency",
    "exchangeRate",
    "id",
    "isTestMode",
    "originalAmount",
    "originalCurrency",
    "photoCount",
    "provider",
    "reference",
    "refundAmount",
    "refundStatus",
    "refundedAt",
    "starsAmount",
    "status",
    "tier",
    "tonAmount",
  ];

  it("guards every field beyond the owner's receipt with the staff scope", () => {
    const payment = schema.getType("Payment");
    if (!isObjectType(payment)) throw new Error("Payment is not an object type");
    const extra = Object.values(payment.getFields()).filter((field) => !RECEIPT.includes(field.name));
    expect(extra.map((field) => field.name).sort()).toEqual(
      expect.arrayContaining([
        "idempotencyKey",
        "tbankPaymentId",
        "telegramChargeId",
        "tonTxHash",
        "tonSenderAddress",
        "user",
        "webhookEvents",
        "refundReason",
      ]),
    );
    for (const field of extra) {
      expect((field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes, field.name).toEqual({
        staff: true,
      });
    }
  });
});

describe("who may change billing", () => {
  const mutations = () =>
    [
      ["refundPayment", RefundPayment, { input: { paymentId: globalId("Payment", ids.succeeded2), reason: "customer asked" } }],
      [
        "resolveOrphanPayment",
        ResolveOrphanPayment,
        { input: { orphanPaymentId: globalId("OrphanPayment", orphanIds.unmatched2), resolution: "IGNORED", note: "dust transfer" } },
      ],
      ["createPromoCode", CreatePromoCode, { input: { code: "NEWCODE", discountType: "PERCENT", discountValue: "5" } }],
      ["updatePromoCode", UpdatePromoCode, { input: { id: globalId("PromoCode", promo.fixed), discountValue: "150" } }],
      ["deactivatePromoCode", DeactivatePromoCode, { input: { id: globalId("PromoCode", promo.fixed) } }],
    ] as const;

  it("OPERATOR, VIEWER, users, API keys and anonymous visitors are refused every mutation, and nothing changes", async () => {
    const before = await snapshot();
    for (const [name, document, variables] of mutations()) {
      for (const caller of refusedWriters) {
        const result = await api.execute(document as typeof RefundPayment, variables as never, { headers: caller.headers });
        expect(result.errors?.[0]?.extensions?.code, `${name} as ${caller.name}`).toBe(caller.code);
        expect(result.data?.[name as "refundPayment"] ?? null, `${name} as ${caller.name}`).toBeNull();
      }
    }
    expect(await snapshot()).toBe(before);
  });
});

// ─── Payments ────────────────────────────────────────────────────────────────────

describe("admin.payments", () => {
  it("lists every user's payments newest first, with staff-only fields and nested data", async () => {
    const result = await adminPayments({ first: 20 });
    const connection = result.data!.admin.payments;
    expect(connection.totalCount).toBe(11);
    expect(nodeIds(connection)).toEqual(
      [
        ids.bobBig,
        ids.testMode,
        ids.tonMatched,
        ids.ton,
        ids.stars,
        ids.partlyRefunded,
        ids.refunded,
        ids.refunding,
        ids.pending,
        ids.succeeded2,
        ids.succeeded,
      ].map((id) => globalId("Payment", id)),
    );
    const byId = new Map(connection.edges.map((edge) => [edge.node.id, edge.node]));
    expect(byId.get(globalId("Payment", ids.succeeded))).toMatchObject({
      tbankPaymentId: "TB-1001",
      user: { id: globalId("User", alice.id), name: "Alice" },
      consumedAvatar: { id: globalId("Avatar", avatarId), name: "Alice portrait" },
      promoCodeUsage: { discountAmount: "49.9", promoCode: { code: "WELCOME10" } },
      tier: { code: "starter" },
      webhookEvents: { totalCount: 2, edges: [{ node: { eventId: "tb-evt-2" } }, { node: { eventId: "tb-evt-1" } }] },
    });
    expect(byId.get(globalId("Payment", ids.ton))).toMatchObject({
      provider: "TON",
      tonSenderAddress: "UQ-bob-wallet",
      tonConfirmations: 0,
      rateLockedAt: at(70).toISOString(),
      rateExpiresAt: at(85).toISOString(),
      user: { name: "Bob" },
    });
    expect(byId.get(globalId("Payment", ids.tonMatched))?.tonTxHash).toBe(tonHash(1));
    expect(byId.get(globalId("Payment", ids.stars))?.telegramChargeId).toBe("stxCHARGE-77");
  });

  it("filters by status, provider, user, date range, test mode and provider id", async () => {
    const cases: Array<[Record<string, unknown>, number[]]> = [
      [{ status: "PENDING" }, [ids.ton, ids.pending]],
      [{ provider: "TON" }, [ids.tonMatched, ids.ton]],
      [{ provider: "TBANK", status: "SUCCEEDED", user: globalId("User", bob.id) }, [ids.bobBig]],
      [{ createdAt: { from: at(30).toISOString(), to: at(60).toISOString() } }, [ids.partlyRefunded, ids.refunded, ids.refunding]],
      [{ createdAt: { from: at(80).toISOString() } }, [ids.bobBig, ids.testMode]],
      [{ isTestMode: true }, [ids.testMode]],
      [{ search: "TB-1002" }, [ids.succeeded2]],
      [{ search: " stxCHARGE-77 " }, [ids.stars]],
      [{ search: tonHash(1) }, [ids.tonMatched]],
      [{ search: "TB-100" }, []],
      [{ search: "x".repeat(300) }, []],
      [{ user: globalId("Avatar", alice.id) }, []],
      [{ user: "not a global id" }, []],
    ];
    for (const [filter, expected] of cases) {
      const result = await adminPayments({ filter, first: 20 });
      expect(nodeIds(result.data!.admin.payments), JSON.stringify(filter)).toEqual(expected.map((id) => globalId("Payment", id)));
      expect(result.data!.admin.payments.totalCount, JSON.stringify(filter)).toBe(expected.length);
    }
  });

  it("orders by amount or date in either direction, ties broken by id, and pages through that order", async () => {
    const asc = await adminPayments({
      filter: { user: globalId("User", alice.id) },
      orderBy: { field: "AMOUNT", direction: "ASC" },
      first: 20,
    });
    // 299 < 499 (five of them, by id) < 999
    expect(nodeIds(asc.data!.admin.payments)).toEqual(
      [ids.pending, ids.succeeded, ids.refunding, ids.refunded, ids.partlyRefunded, ids.stars, ids.succeeded2].map((id) =>
        globalId("Payment", id),
      ),
    );
    const desc = await adminPayments({
      filter: { user: globalId("User", alice.id) },
      orderBy: { field: "AMOUNT", direction: "DESC" },
      first: 20,
    });
    expect(nodeIds(desc.data!.admin.payments)).toEqual(
      [ids.succeeded2, ids.stars, ids.partlyRefunded, ids.refunded, ids.refunding, ids.succeeded, ids.pending].map((id) =>
        globalId("Payment", id),
      ),
    );
    const oldest = await adminPayments({ orderBy: { field: "CREATED_AT", direction: "ASC" }, first: 2 });
    expect(nodeIds(oldest.data!.admin.payments)).toEqual([ids.succeeded, ids.succeeded2].map((id) => globalId("Payment", id)));

    // Keyset pages over the amount order return every row once, in order.
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result = await adminPayments({ orderBy: { field: "AMOUNT", direction: "ASC" }, first: 3, after });
      const connection = result.data!.admin.payments;
      seen.push(...nodeIds(connection)!);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    const all = await adminPayments({ orderBy: { field: "AMOUNT", direction: "ASC" }, first: 20 });
    expect(seen).toEqual(nodeIds(all.data!.admin.payments));
    expect(seen).toHaveLength(11);
  });

  it("takes as many statements for 6 payments as for 3, nested data included", async () => {
    const three = await adminPayments({ first: 3 });
    const six = await adminPayments({ first: 6 });
    expect(three.data!.admin.payments.edges).toHaveLength(3);
    expect(six.data!.admin.payments.edges).toHaveLength(6);
    console.info(
      `admin.payments (user, tier, avatar, usage → code, webhook events): ${three.statements.length} statements for 3, ${six.statements.length} for 6`,
    );
    expect(six.statements.length).toBe(three.statements.length);
    // session, page, one per nested relation (tier, webhook events, user, avatar, usage, its code), count
    expect(six.statements.length).toBeLessThanOrEqual(9);
  });
});

// ─── Refunds ─────────────────────────────────────────────────────────────────────

describe("refundPayment", () => {
  async function refund(input: Record<string, unknown>) {
    const result = await api.execute(RefundPayment, { input } as never, { headers: admin.headers });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.refundPayment;
  }

  it("refunds the full amount by default: REFUNDING, refund PENDING, refundedAt still null; audited; no ledger entry", async () => {
    const target = await createPayment(alice.id, { status: "SUCCEEDED", amount: "777.00" });
    const ledgerBefore = await api.prisma.balanceTransaction.count();
    const earningsBefore = await api.prisma.referralEarning.count();
    const result = await refund({ paymentId: globalId("Payment", target.id), reason: "  Portraits did not match  " });
    expect(result).toEqual({
      __typename: "Payment",
      id: globalId("Payment", target.id),
      status: "REFUNDING",
      refundStatus: "PENDING",
      refundAmount: "777",
      refundReason: "Portraits did not match",
      refundedAt: null,
    });
    const audit = await lastAudit("payment.refund");
    expect(audit).toMatchObject({
      adminId: admin.id,
      targetType: "Payment",
      targetId: target.id,
      before: { status: "SUCCEEDED", refundStatus: null, refundAmount: "0.00", refundReason: null, refundedAt: null },
      after: {
        status: "REFUNDING",
        refundStatus: "PENDING",
        refundAmount: "777.00",
        refundReason: "Portraits did not match",
        refundedAt: null,
      },
    });
    expect(await api.prisma.balanceTransaction.count()).toBe(ledgerBefore);
    expect(await api.prisma.referralEarning.count()).toBe(earningsBefore);
  });

  it("refunds part of the amount, and what is left after an earlier confirmed refund", async () => {
    const partial = await createPayment(alice.id, { status: "SUCCEEDED", amount: "500.00" });
    expect(await refund({ paymentId: globalId("Payment", partial.id), amount: "120.50", reason: "one photo bad" })).toMatchObject({
      status: "REFUNDING",
      refundAmount: "120.5",
    });
    // 499 − 100 already refunded: at most 399 more.
    const tooMuch = await refund({ paymentId: globalId("Payment", ids.partlyRefunded), amount: "399.01", reason: "again" });
    expect(tooMuch).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.amount", message: expect.stringContaining("399.00") as unknown }],
    });
    const rest = await refund({ paymentId: globalId("Payment", ids.partlyRefunded), reason: "the rest" });
    expect(rest).toMatchObject({ status: "REFUNDING", refundStatus: "PENDING", refundAmount: "499" });
    expect((await lastAudit("payment.refund")).before).toMatchObject({
      status: "SUCCEEDED",
      refundStatus: "SUCCEEDED",
      refundAmount: "100.00",
    });
  });

  it("refuses payments that are not succeeded, or already refunding or refunded; and unknown ids; nothing changes", async () => {
    const before = await snapshot();
    for (const [id, message] of [
      [ids.pending, /PENDING/],
      [ids.refunding, /in progress/],
      [ids.refunded, /already refunded/],
    ] as const) {
      expect(await refund({ paymentId: globalId("Payment", id), reason: "please refund" })).toMatchObject({
        __typename: "ConflictError",
        code: "CONFLICT",
        message: expect.stringMatching(message) as unknown,
      });
    }
    const fully = await createPayment(alice.id, { status: "SUCCEEDED", amount: "50.00", refundAmount: "50.00", refundStatus: "SUCCEEDED" });
    const afterFully = await snapshot();
    expect(await refund({ paymentId: globalId("Payment", fully.id), reason: "please refund" })).toMatchObject({
      __typename: "ConflictError",
    });
    expect(await snapshot()).toBe(afterFully);
    expect(await refund({ paymentId: globalId("Payment", 999_999), reason: "please refund" })).toMatchObject({
      __typename: "NotFoundError",
    });
    expect(await refund({ paymentId: globalId("User", alice.id), reason: "please refund" })).toMatchObject({ __typename: "NotFoundError" });
    await api.prisma.payment.delete({ where: { id: fully.id } });
    expect(await snapshot()).toBe(before);
  });

  it("validates every field at once", async () => {
    const before = await snapshot();
    const result = await refund({ paymentId: globalId("Payment", ids.stars), amount: "0", reason: "no" });
    expect(result).toMatchObject({ __typename: "ValidationError" });
    const fields = (result as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((error) => error.field).sort();
    expect(fields).toEqual(["input.amount", "input.reason"]);
    const precise = await refund({ paymentId: globalId("Payment", ids.stars), amount: "1.234", reason: "x".repeat(501) });
    expect((precise as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((error) => error.field).sort()).toEqual([
      "input.amount",
      "input.reason",
    ]);
    expect(await snapshot()).toBe(before);
  });
});

// ─── Webhook events, rates ───────────────────────────────────────────────────────

describe("admin.webhookEvents and admin.exchangeRates", () => {
  it("lists webhook events newest first with filters, and masks card numbers in payloads", async () => {
    const all = await api.execute(WebhookEventsQuery, { first: 20 }, { headers: viewer.headers });
    expect(all.errors).toBeUndefined();
    expect(all.data!.admin.webhookEvents.edges.map((edge) => edge.node.eventId)).toEqual([
      "kie-task-5",
      "ton-tx-1",
      "tg-upd-9",
      "tb-evt-2",
      "tb-evt-1",
    ]);
    const tbank = all.data!.admin.webhookEvents.edges.find((edge) => edge.node.eventId === "tb-evt-1")!.node;
    expect(tbank.payload).toEqual({ Status: "CONFIRMED", Pan: "430000******0777", Amount: 49900 });
    expect(all.data!.admin.webhookEvents.edges.find((edge) => edge.node.eventId === "tb-evt-2")!.node.payload).toEqual({
      Status: "AUTHORIZED",
      CardNumber: "430000******0777",
    });
    expect(tbank.payment).toEqual({ id: globalId("Payment", ids.succeeded), amount: "499" });
    expect(JSON.stringify(all.data)).not.toContain("4300000000000777");

    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ provider: "TBANK" }, ["tb-evt-2", "tb-evt-1"]],
      [{ status: "FAILED" }, ["ton-tx-1"]],
      [{ search: "EVT" }, ["tb-evt-2", "tb-evt-1"]],
      [{ payment: globalId("Payment", ids.stars) }, ["tg-upd-9"]],
      [{ createdAt: { from: at(2).toISOString(), to: at(100).toISOString() } }, ["ton-tx-1", "tg-upd-9", "tb-evt-2"]],
      [{ provider: "KIE", status: "PROCESSED" }, []],
    ];
    for (const [filter, expected] of cases) {
      const result = await api.execute(WebhookEventsQuery, { filter, first: 20 }, { headers: admin.headers });
      expect(
        result.data!.admin.webhookEvents.edges.map((edge) => edge.node.eventId),
        JSON.stringify(filter),
      ).toEqual(expected);
      expect(result.data!.admin.webhookEvents.totalCount).toBe(expected.length);
    }
  });

  it("lists exchange rates latest first, by currency pair", async () => {
    const all = await api.execute(ExchangeRatesQuery, {}, { headers: operator.headers });
    expect(all.data!.admin.exchangeRates.edges.map((edge) => edge.node.rate)).toEqual(["251.25", "1.79", "250.5"]);
    const ton = await api.execute(
      ExchangeRatesQuery,
      { filter: { baseCurrency: "TON", quoteCurrency: "RUB" } },
      { headers: admin.headers },
    );
    expect(ton.data!.admin.exchangeRates.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        baseCurrency: "TON",
        quoteCurrency: "RUB",
        rate: "251.25",
        source: "coingecko",
        fetchedAt: at(60).toISOString(),
      }),
      expect.objectContaining({ rate: "250.5", fetchedAt: at(0).toISOString() }),
    ]);
    const range = await api.execute(
      ExchangeRatesQuery,
      { filter: { fetchedAt: { to: at(30).toISOString() } } },
      { headers: admin.headers },
    );
    expect(range.data!.admin.exchangeRates.totalCount).toBe(1);
  });

  it("takes as many statements for 6 events as for 3", async () => {
    await api.prisma.webhookEvent.createMany({
      data: [3, 4, 5, 6].map((n) => ({
        provider: "TBANK" as const,
        eventId: `tb-extra-${n}`,
        paymentId: ids.succeeded2,
        payload: {},
        createdAt: at(300 + n),
      })),
    });
    try {
      const three = await api.execute(WebhookEventsQuery, { filter: { provider: "TBANK" }, first: 3 }, { headers: admin.headers });
      const six = await api.execute(WebhookEventsQuery, { filter: { provider: "TBANK" }, first: 6 }, { headers: admin.headers });
      expect(three.data!.admin.webhookEvents.edges).toHaveLength(3);
      expect(six.data!.admin.webhookEvents.edges).toHaveLength(6);
      console.info(`admin.webhookEvents (→ payment): ${three.statements.length} statements for 3, ${six.statements.length} for 6`);
      expect(six.statements.length).toBe(three.statements.length);
    } finally {
      await api.prisma.webhookEvent.deleteMany({ where: { eventId: { startsWith: "tb-extra-" } } });
    }
  });
});

// ─── Orphan payments ─────────────────────────────────────────────────────────────

describe("orphan TON transfers", () => {
  async function resolve(input: Record<string, unknown>) {
    const result = await api.execute(ResolveOrphanPayment, { input } as never, { headers: admin.headers });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.resolveOrphanPayment;
  }

  it("lists them latest received first, by status or exact hash/sender, with amounts in nanoton and TON", async () => {
    const all = await api.execute(OrphanPaymentsQuery, {}, { headers: viewer.headers });
    expect(all.data!.admin.orphanPayments.edges.map((edge) => edge.node.id)).toEqual(
      [orphanIds.unmatched2, orphanIds.unmatched3, orphanIds.unmatched, orphanIds.ignored].map((id) => globalId("OrphanPayment", id)),
    );
    const unmatched = all.data!.admin.orphanPayments.edges.find(
      (edge) => edge.node.id === globalId("OrphanPayment", orphanIds.unmatched),
    )!.node;
    expect(unmatched).toMatchObject({
      tonTxHash: tonHash(2),
      senderAddress: "UQ-stranger",
      amountNano: "1500000000",
      amountTon: "1.500000000",
      comment: "PG-bob",
    });
    const ignored = await api.execute(OrphanPaymentsQuery, { filter: { status: "IGNORED" } }, { headers: admin.headers });
    expect(ignored.data!.admin.orphanPayments.edges.map((edge) => edge.node.note)).toEqual(["dust"]);
    const bySender = await api.execute(OrphanPaymentsQuery, { filter: { search: "UQ-stranger" } }, { headers: admin.headers });
    expect(bySender.data!.admin.orphanPayments.totalCount).toBe(1);
    const range = await api.execute(
      OrphanPaymentsQuery,
      { filter: { receivedAt: { from: at(72).toISOString(), to: at(74).toISOString() } } },
      { headers: admin.headers },
    );
    expect(range.data!.admin.orphanPayments.edges.map((edge) => edge.node.id)).toEqual(
      [orphanIds.unmatched3, orphanIds.unmatched].map((id) => globalId("OrphanPayment", id)),
    );
  });

  it("matches a transfer to a TON payment (audited), once", async () => {
    const before = await snapshot();
    const orphanGid = globalId("OrphanPayment", orphanIds.unmatched);
    expect(await resolve({ orphanPaymentId: orphanGid, resolution: "MATCHED", note: "bob's order" })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.paymentId" }],
    });
    expect(
      await resolve({ orphanPaymentId: orphanGid, resolution: "MATCHED", paymentId: globalId("Payment", ids.stars), note: "bob's order" }),
    ).toMatchObject({
      __typename: "ConflictError",
      message: expect.stringContaining("TON payment") as unknown,
    });
    expect(
      await resolve({
        orphanPaymentId: orphanGid,
        resolution: "MATCHED",
        paymentId: globalId("Payment", ids.tonMatched),
        note: "bob's order",
      }),
    ).toMatchObject({
      __typename: "ConflictError",
      message: expect.stringContaining("another TON transaction") as unknown,
    });
    expect(
      await resolve({ orphanPaymentId: orphanGid, resolution: "MATCHED", paymentId: globalId("Payment", 999_999), note: "bob's order" }),
    ).toMatchObject({
      __typename: "NotFoundError",
    });
    expect(await snapshot()).toBe(before);

    const matched = await resolve({
      orphanPaymentId: orphanGid,
      resolution: "MATCHED",
      paymentId: globalId("Payment", ids.ton),
      note: " bob's order, comment PG-bob ",
    });
    expect(matched).toMatchObject({
      __typename: "OrphanPayment",
      status: "MATCHED",
      note: "bob's order, comment PG-bob",
      resolvedBy: { id: globalId("AdminUser", admin.id) },
      matchedPayment: { id: globalId("Payment", ids.ton) },
    });
    const audit = await lastAudit("orphanPayment.resolve");
    expect(audit).toMatchObject({
      adminId: admin.id,
      targetType: "OrphanPayment",
      targetId: orphanIds.unmatched,
      before: { status: "UNMATCHED", matchedPaymentId: null, resolvedById: null },
      after: { status: "MATCHED", matchedPaymentId: ids.ton, resolvedById: admin.id, note: "bob's order, comment PG-bob" },
    });

    const again = await resolve({ orphanPaymentId: orphanGid, resolution: "IGNORED", note: "changed my mind" });
    expect(again).toMatchObject({ __typename: "ConflictError", message: expect.stringContaining("already resolved") as unknown });
    // The same payment cannot take a second transfer.
    expect(
      await resolve({
        orphanPaymentId: globalId("OrphanPayment", orphanIds.unmatched3),
        resolution: "MATCHED",
        paymentId: globalId("Payment", ids.ton),
        note: "dup",
      }),
    ).toMatchObject({ __typename: "ConflictError", message: expect.stringContaining("already matched") as unknown });
  });

  it("records refunded and ignored transfers; a payment id there is a validation error", async () => {
    const gid = globalId("OrphanPayment", orphanIds.unmatched3);
    const withPayment = await resolve({
      orphanPaymentId: gid,
      resolution: "REFUNDED",
      paymentId: globalId("Payment", ids.ton),
      note: "sent back",
    });
    expect(withPayment).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.paymentId" }] });
    const shortNote = await resolve({ orphanPaymentId: gid, resolution: "REFUNDED", note: " " });
    expect(shortNote).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.note" }] });
    expect(await resolve({ orphanPaymentId: gid, resolution: "REFUNDED", note: "sent back to sender" })).toMatchObject({
      status: "REFUNDED",
      matchedPayment: null,
    });
    expect((await lastAudit("orphanPayment.resolve")).after).toMatchObject({ status: "REFUNDED", matchedPaymentId: null });
  });
});

// ─── Promo codes ─────────────────────────────────────────────────────────────────

describe("promo codes", () => {
  async function create(input: Record<string, unknown>) {
    const result = await api.execute(CreatePromoCode, { input } as never, { headers: admin.headers });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.createPromoCode;
  }
  async function update(input: Record<string, unknown>) {
    const result = await api.execute(UpdatePromoCode, { input } as never, { headers: admin.headers });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.updatePromoCode;
  }
  const fieldsOf = (result: unknown) =>
    [...new Set((result as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((error) => error.field))].sort();

  it("lists codes (inactive included) newest first, by active flag and text", async () => {
    const all = await api.execute(PromoCodesQuery, { first: 20 }, { headers: viewer.headers });
    const codes = all.data!.admin.promoCodes.edges.map((edge) => edge.node.code);
    expect(codes.slice(-3)).toEqual(["AUTUMN25", "MINUS200", "WELCOME10"]);
    const welcome = all.data!.admin.promoCodes.edges.find((edge) => edge.node.code === "WELCOME10")!.node;
    expect(welcome).toMatchObject({ discountType: "PERCENT", discountValue: "10", maxUses: 100, usesCount: 2, usages: { totalCount: 2 } });
    const inactive = await api.execute(PromoCodesQuery, { filter: { active: false }, first: 20 }, { headers: admin.headers });
    expect(inactive.data!.admin.promoCodes.edges.map((edge) => edge.node.code)).toContain("AUTUMN25");
    expect(inactive.data!.admin.promoCodes.edges.every((edge) => !edge.node.isActive)).toBe(true);
    const search = await api.execute(PromoCodesQuery, { filter: { search: "welcome" }, first: 20 }, { headers: admin.headers });
    expect(search.data!.admin.promoCodes.edges.map((edge) => edge.node.code)).toEqual(["WELCOME10"]);
  });

  it("lists usages newest first, by code and by user", async () => {
    const all = await api.execute(PromoCodeUsagesQuery, { first: 20 }, { headers: operator.headers });
    expect(all.data!.admin.promoCodeUsages.edges.map((edge) => edge.node.discountAmount)).toEqual(["149.9", "200", "49.9"]);
    const byCode = await api.execute(
      PromoCodeUsagesQuery,
      { filter: { promoCode: globalId("PromoCode", promo.welcome) }, first: 20 },
      { headers: admin.headers },
    );
    expect(byCode.data!.admin.promoCodeUsages.edges.map((edge) => edge.node.user.name)).toEqual(["Bob", "Alice"]);
    const byUser = await api.execute(
      PromoCodeUsagesQuery,
      { filter: { user: globalId("User", alice.id), promoCode: globalId("PromoCode", promo.fixed) }, first: 20 },
      { headers: admin.headers },
    );
    expect(byUser.data!.admin.promoCodeUsages.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        promoCode: { id: globalId("PromoCode", promo.fixed), code: "MINUS200" },
        payment: { id: globalId("Payment", ids.succeeded2), amount: "999" },
      }),
    ]);
  });

  it("creates a code upper-case, by the signed-in admin, audited", async () => {
    const created = await create({
      code: " spring_sale-26 ",
      description: "Spring",
      discountType: "PERCENT",
      discountValue: "15",
      maxUses: 50,
      validFrom: at(0).toISOString(),
      validUntil: at(60 * 24 * 30).toISOString(),
    });
    expect(created).toMatchObject({
      __typename: "PromoCode",
      code: "SPRING_SALE-26",
      discountType: "PERCENT",
      discountValue: "15",
      maxUses: 50,
      usesCount: 0,
      isActive: true,
      createdBy: { id: globalId("AdminUser", admin.id) },
    });
    const id = Number(
      Buffer.from((created as { id: string }).id, "base64")
        .toString()
        .split(":")[1],
    );
    const audit = await lastAudit("promoCode.create");
    expect(audit).toMatchObject({
      adminId: admin.id,
      targetType: "PromoCode",
      targetId: id,
      before: null,
      after: { code: "SPRING_SALE-26", discountType: "PERCENT", discountValue: "15", maxUses: 50, createdById: admin.id },
    });
  });

  it("refuses a code in use, whatever its case, as a conflict", async () => {
    const before = await snapshot();
    expect(await create({ code: "welcome10", discountType: "PERCENT", discountValue: "5" })).toMatchObject({
      __typename: "ConflictError",
      code: "CONFLICT",
    });
    expect(await update({ id: globalId("PromoCode", promo.fixed), code: "Autumn25" })).toMatchObject({ __typename: "ConflictError" });
    expect(await snapshot()).toBe(before);
  });

  it("validates each field, all at once, and changes nothing", async () => {
    const before = await snapshot();
    const many = await create({
      code: "a!",
      discountType: "PERCENT",
      discountValue: "101",
      maxUses: 0,
      validFrom: at(10).toISOString(),
      validUntil: at(5).toISOString(),
      description: "x".repeat(501),
    });
    expect(many).toMatchObject({ __typename: "ValidationError" });
    expect(fieldsOf(many)).toEqual(["input.code", "input.description", "input.discountValue", "input.maxUses", "input.validUntil"]);
    expect(fieldsOf(await create({ code: "TOOLONG".repeat(5), discountType: "PERCENT", discountValue: "0.5" }))).toEqual([
      "input.code",
      "input.discountValue",
    ]);
    expect(fieldsOf(await create({ code: "FREE", discountType: "FIXED", discountValue: "0" }))).toEqual(["input.discountValue"]);
    // A fixed discount must stay below the cheapest active tier (299; the retired 99 does not count).
    const tooBig = await create({ code: "HUGE", discountType: "FIXED", discountValue: "299" });
    expect(tooBig).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.discountValue", message: expect.stringContaining("299.00") as unknown }],
    });
    expect(await snapshot()).toBe(before);
    expect(await create({ code: "BIGBUTOK", discountType: "FIXED", discountValue: "298.99" })).toMatchObject({ __typename: "PromoCode" });
  });

  it("updates fields, checking the code as a whole, and clears with null; audited with before and after", async () => {
    const id = globalId("PromoCode", promo.welcome);
    const before = await snapshot();
    // Turning the 10% code into FIXED 10 would be fine; into PERCENT 150 not, nor maxUses below its 2 uses.
    expect(fieldsOf(await update({ id, discountValue: "150" }))).toEqual(["input.discountValue"]);
    expect(fieldsOf(await update({ id, maxUses: 1 }))).toEqual(["input.maxUses"]);
    expect(fieldsOf(await update({ id, validFrom: at(10).toISOString(), validUntil: at(0).toISOString() }))).toEqual(["input.validUntil"]);
    expect(fieldsOf(await update({ id, isActive: null, discountType: null }))).toEqual(["input.discountType", "input.isActive"]);
    expect(await update({ id: globalId("PromoCode", 999_999), discountValue: "5" })).toMatchObject({ __typename: "NotFoundError" });
    expect(await snapshot()).toBe(before);

    const updated = await update({
      id,
      discountType: "FIXED",
      discountValue: "100",
      maxUses: null,
      description: null,
      validUntil: at(1000).toISOString(),
    });
    expect(updated).toMatchObject({
      code: "WELCOME10",
      discountType: "FIXED",
      discountValue: "100",
      maxUses: null,
      description: null,
      validUntil: at(1000).toISOString(),
    });
    const audit = await lastAudit("promoCode.update");
    expect(audit).toMatchObject({
      adminId: admin.id,
      targetType: "PromoCode",
      targetId: promo.welcome,
      before: { discountType: "PERCENT", discountValue: "10", maxUses: 100, description: "Welcome discount" },
      after: { discountType: "FIXED", discountValue: "100", maxUses: null, description: null },
    });
  });

  it("deactivates a code once, audited", async () => {
    const id = globalId("PromoCode", promo.fixed);
    const first = await api.execute(DeactivatePromoCode, { input: { id } }, { headers: admin.headers });
    expect(first.data!.deactivatePromoCode).toEqual({ __typename: "PromoCode", id, isActive: false });
    expect(await lastAudit("promoCode.deactivate")).toMatchObject({
      adminId: admin.id,
      targetId: promo.fixed,
      before: { isActive: true, code: "MINUS200" },
      after: { isActive: false, code: "MINUS200" },
    });
    const audits = await api.prisma.auditLog.count();
    const second = await api.execute(DeactivatePromoCode, { input: { id } }, { headers: admin.headers });
    expect(second.data!.deactivatePromoCode).toMatchObject({ __typename: "ConflictError" });
    expect(await api.prisma.auditLog.count()).toBe(audits);
  });

  it("takes as many statements for 6 codes as for 3", async () => {
    const three = await api.execute(PromoCodesQuery, { filter: { search: "STAT" }, first: 20 }, { headers: admin.headers });
    await api.prisma.promoCode.createMany({
      data: [1, 2, 3, 4, 5, 6].map((n) => ({
        code: `STAT${n}`,
        discountType: "PERCENT" as const,
        discountValue: "5",
        createdById: admin.id,
      })),
    });
    await api.prisma.promoCodeUsage.createMany({
      data: [
        {
          promoCodeId: (await api.prisma.promoCode.findUniqueOrThrow({ where: { code: "STAT1" } })).id,
          userId: alice.id,
          discountAmount: "1",
        },
      ],
    });
    const statA = await api.execute(PromoCodesQuery, { filter: { search: "STAT" }, first: 3 }, { headers: admin.headers });
    const statB = await api.execute(PromoCodesQuery, { filter: { search: "STAT" }, first: 6 }, { headers: admin.headers });
    expect(three.data!.admin.promoCodes.edges).toHaveLength(0);
    expect(statA.data!.admin.promoCodes.edges).toHaveLength(3);
    expect(statB.data!.admin.promoCodes.edges).toHaveLength(6);
    console.info(
      `admin.promoCodes (createdBy, usages → user): ${statA.statements.length} statements for 3, ${statB.statements.length} for 6`,
    );
    expect(statB.statements.length).toBe(statA.statements.length);
  });
});
