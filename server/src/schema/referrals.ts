// Referrals: the viewer's code and referral page (ReferralProgram, a variant of their User
// row), commissions on referred payments (the people referred appear only as a first name or
// @username); the staff-only referral node and fields, and the referrals, earnings and codes
// lists (read-only; staff, VIEWER included).
import { builder } from "../builder.ts";
import {
  creditedEarnings,
  earningAmount,
  ensureReferralCode,
  type ReferralAmounts as Amounts,
  referredDisplayName,
} from "../domain/referrals.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { EarningStatus as EarningStatusValues } from "../generated/prisma/enums.ts";
import { canRead, isStaff, ownedByViewer, parseDatabaseId, staffOnlyLookup, viewerId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { containing, dateRangeFilter, DateRangeInput, filterId } from "./filters.ts";
import { byCreatedAt, direction, newestFirst, SortDirection } from "./ordering.ts";
import { Currency, Payment } from "./payments.ts";
import { User } from "./user.ts";

export const EarningStatus = builder.enumType(EarningStatusValues, { name: "EarningStatus" });

export const ReferralCurrency = builder.enumType("ReferralCurrency", {
  description: "The currencies referral balances are kept in.",
  values: ["RUB", "TON"] as const,
});

export const ReferralCode = builder.prismaNode("ReferralCode", {
  id: { field: "id" },
  nullable: true,
  // user_id is itself unique, so the ownership filter goes under AND.
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "ReferralCode"), AND: [ownedByViewer(context)] }),
  authScopes: (code, context) => canRead(context, code.userId),
  description: "The viewer's code; invitees open `https://t.me/<bot>?startapp=<code>`.",
  fields: (t) => ({
    code: t.exposeString("code"),
    isActive: t.exposeBoolean("isActive", { description: "An inactive code is no longer applied at sign-in." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const ReferralEarning = builder.prismaNode("ReferralEarning", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({
    id: parseDatabaseId(id, "ReferralEarning"),
    ...(isStaff(context) ? {} : { referrerId: context.user ? context.user.id : { in: [] } }),
  }),
  authScopes: (earning, context) => canRead(context, earning.referrerId),
  description: "A commission on a payment by someone the viewer referred.",
  fields: (t) => ({
    amount: t.field({ type: "Decimal", description: "In `currency` (TON commissions are paid in TON).", resolve: earningAmount }),
    currency: t.expose("currency", { type: Currency }),
    rate: t.expose("rate", { type: "Decimal", description: "Share of the payment, e.g. 0.1." }),
    status: t.expose("status", { type: EarningStatus }),
    referredUserName: t.string({
      nullable: true,
      description: "First name or @username of who paid; nothing else about them.",
      select: { referred: { select: { name: true, telegramUsername: true } } },
      resolve: (earning) => referredDisplayName(earning.referred),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const ReferralAmounts = builder.objectRef<Amounts>("ReferralAmounts").implement({
  description: "An amount per referral currency.",
  fields: (t) => ({
    rub: t.expose("rub", { type: "Decimal" }),
    ton: t.expose("ton", { type: "Decimal" }),
  }),
});

/** referral_balances.commission_rate's default (prisma/schema/referrals.prisma). */
const DEFAULT_COMMISSION_RATE = "0.1";

/** The viewer's referral page: one variant of their User row, so it loads with it. */
export const ReferralProgram = builder.prismaObject("User", {
  variant: "ReferralProgram",
  authScopes: (user, context) => canRead(context, user.id),
  fields: (t) => ({
    code: t.relation("referralCode", {
      nullable: true,
      description: "Null until `createReferralCode` is called.",
    }),
    referralsCount: t.relationCount("referralsMade", { description: "People who signed up with the viewer's code." }),
    balance: t.field({
      type: ReferralAmounts,
      description: "Available to withdraw; always equal to the sum of `balanceTransactions`.",
      select: { referralBalance: { select: { balanceRub: true, balanceTon: true } } },
      resolve: ({ referralBalance: b }) => ({ rub: b?.balanceRub.toString() ?? "0", ton: b?.balanceTon.toString() ?? "0" }),
    }),
    earned: t.field({
      type: ReferralAmounts,
      description: "Commissions credited so far (pending and reversed ones excluded).",
      resolve: (user, _args, { prisma }) => creditedEarnings(prisma, user.id),
    }),
    isPartner: t.boolean({
      select: { referralBalance: { select: { isPartner: true } } },
      resolve: (user) => user.referralBalance?.isPartner ?? false,
    }),
    partnerSince: t.field({
      type: "DateTime",
      nullable: true,
      select: { referralBalance: { select: { partnerSince: true } } },
      resolve: (user) => user.referralBalance?.partnerSince ?? null,
    }),
    commissionRate: t.field({
      type: "Decimal",
      description: "Share of each referred payment credited to the viewer, e.g. 0.1.",
      select: { referralBalance: { select: { commissionRate: true } } },
      // No balance row yet: the column's default rate applies.
      resolve: (user) => user.referralBalance?.commissionRate ?? DEFAULT_COMMISSION_RATE,
    }),
    earnings: t.relatedConnection("earningsAsReferrer", { cursor: "id", totalCount: true, query: { orderBy: newestFirst } }),
    balanceTransactions: t.relatedConnection("balanceTransactions", { cursor: "id", totalCount: true, query: { orderBy: newestFirst } }),
    withdrawals: t.relatedConnection("withdrawals", { cursor: "id", totalCount: true, query: { orderBy: newestFirst } }),
  }),
});

builder.prismaObjectFields(User, (t) => ({
  referralProgram: t.variant(ReferralProgram),
}));

builder.mutationFields((t) => ({
  createReferralCode: t.prismaField({
    type: ReferralCode,
    description: "The viewer's referral code, created on the first call; later calls return the same code.",
    authScopes: { user: true },
    errors: {},
    resolve: async (query, _root, _args, context) => {
      const { id } = await ensureReferralCode(context.prisma, viewerId(context));
      return context.prisma.referralCode.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

// ---------------------------------------------------------------------------------------
// Staff-only nodes
// ---------------------------------------------------------------------------------------

export const Referral = builder.prismaNode("Referral", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "Referral"),
  authScopes: { staff: true },
  description: "Who brought whom, and with which code. Staff only.",
  fields: (t) => ({
    referrer: t.relation("referrer"),
    referred: t.relation("referred"),
    code: t.relation("referralCode", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// ---------------------------------------------------------------------------------------
// Staff-only fields on the user-side types
// ---------------------------------------------------------------------------------------

builder.prismaObjectFields(ReferralEarning, (t) => ({
  referrer: t.relation("referrer", { authScopes: { staff: true } }),
  referred: t.relation("referred", { authScopes: { staff: true } }),
  payment: t.relation("payment", { authScopes: { staff: true } }),
  nativeAmount: t.expose("nativeAmount", { type: "Decimal", nullable: true, authScopes: { staff: true } }),
  rubAmount: t.expose("amount", { type: "Decimal", authScopes: { staff: true }, description: "The commission's RUB value." }),
}));

builder.prismaObjectFields(ReferralCode, (t) => ({
  user: t.relation("user", { authScopes: { staff: true } }),
}));

// ---------------------------------------------------------------------------------------
// Admin lists
// ---------------------------------------------------------------------------------------

const AdminReferralsFilter = builder.inputType("AdminReferralsFilter", {
  fields: (t) => ({
    referrer: t.globalID({ for: User }),
    referred: t.globalID({ for: User }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

const AdminEarningOrderField = builder.enumType("AdminReferralEarningOrderField", { values: ["CREATED_AT", "AMOUNT"] as const });
const AdminReferralEarningsOrder = builder.inputType("AdminReferralEarningsOrder", {
  description: "Sort order (AMOUNT: the RUB value); ties are broken by id in the same direction.",
  fields: (t) => ({
    field: t.field({ type: AdminEarningOrderField, required: true, defaultValue: "CREATED_AT" }),
    direction: t.field({ type: SortDirection, required: true, defaultValue: "DESC" }),
  }),
});
const AdminReferralEarningsFilter = builder.inputType("AdminReferralEarningsFilter", {
  fields: (t) => ({
    status: t.field({ type: [EarningStatus], description: "Any of these statuses." }),
    referrer: t.globalID({ for: User }),
    referred: t.globalID({ for: User }),
    payment: t.globalID({ for: Payment }),
    currency: t.field({ type: ReferralCurrency }),
    createdAt: t.field({ type: DateRangeInput }),
  }),
});

const AdminReferralCodesFilter = builder.inputType("AdminReferralCodesFilter", {
  fields: (t) => ({
    user: t.globalID({ for: User }),
    search: t.string({ description: "Part of the code (case-insensitive)." }),
    isActive: t.boolean(),
  }),
});

builder.objectFields(AdminQueries, (t) => ({
  referrals: t.prismaConnection({
    type: Referral,
    cursor: "id",
    authScopes: { staff: true },
    args: {
      filter: t.arg({ type: AdminReferralsFilter }),
      orderBy: t.arg({ type: SortDirection, description: "By time (default newest first)." }),
    },
    totalCount: (_root, args, { prisma }) => prisma.referral.count({ where: referralsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.referral.findMany({ ...query, where: referralsWhere(args.filter), orderBy: byCreatedAt(args.orderBy) }),
  }),

  referralEarnings: t.prismaConnection({
    type: ReferralEarning,
    cursor: "id",
    authScopes: { staff: true },
    args: { filter: t.arg({ type: AdminReferralEarningsFilter }), orderBy: t.arg({ type: AdminReferralEarningsOrder }) },
    totalCount: (_root, args, { prisma }) => prisma.referralEarning.count({ where: referralEarningsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) => {
      const dir = direction(args.orderBy?.direction);
      const column = args.orderBy?.field === "AMOUNT" ? "amount" : "createdAt";
      return prisma.referralEarning.findMany({
        ...query,
        where: referralEarningsWhere(args.filter),
        orderBy: [{ [column]: dir }, { id: dir }],
      });
    },
  }),

  referralCodes: t.prismaConnection({
    type: ReferralCode,
    cursor: "id",
    authScopes: { staff: true },
    args: {
      filter: t.arg({ type: AdminReferralCodesFilter }),
      orderBy: t.arg({ type: SortDirection, description: "By time (default newest first)." }),
    },
    totalCount: (_root, args, { prisma }) => prisma.referralCode.count({ where: referralCodesWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.referralCode.findMany({ ...query, where: referralCodesWhere(args.filter), orderBy: byCreatedAt(args.orderBy) }),
  }),
}));

function referralsWhere(filter: typeof AdminReferralsFilter.$inferInput | null | undefined): Prisma.ReferralWhereInput {
  if (!filter) return {};
  return {
    referrerId: filterId(filter.referrer),
    referredId: filterId(filter.referred),
    createdAt: dateRangeFilter(filter.createdAt),
  };
}

function referralEarningsWhere(
  filter: typeof AdminReferralEarningsFilter.$inferInput | null | undefined,
): Prisma.ReferralEarningWhereInput {
  if (!filter) return {};
  return {
    status: filter.status?.length ? { in: filter.status } : undefined,
    referrerId: filterId(filter.referrer),
    referredId: filterId(filter.referred),
    paymentId: filterId(filter.payment),
    currency: filter.currency ?? undefined,
    createdAt: dateRangeFilter(filter.createdAt),
  };
}

function referralCodesWhere(filter: typeof AdminReferralCodesFilter.$inferInput | null | undefined): Prisma.ReferralCodeWhereInput {
  if (!filter) return {};
  return { userId: filterId(filter.user), code: containing(filter.search), isActive: filter.isActive ?? undefined };
}
