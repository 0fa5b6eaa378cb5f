// Admin referrals and earnings: the referral node, the staff-only earning and code fields,
// and the referrals, earnings and codes lists (read-only; staff, VIEWER included).
import { builder } from "../../../builder.ts";
import type { Prisma } from "../../../generated/prisma/client.ts";
import { Payment } from "../../payments.ts";
import { EarningStatus, ReferralCode, ReferralEarning } from "../../referrals.ts";
import { User } from "../../user.ts";
import { AdminQueries } from "../../admin-queries.ts";
import { staffOnlyLookup } from "../../access.ts";
import { containing, dateRangeFilter, DateRangeInput, filterId } from "../../filters.ts";
import { byCreatedAt, direction, SortDirection } from "../../ordering.ts";
import { ReferralCurrency } from "../../referrals.ts";

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
