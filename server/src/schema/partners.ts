// The partner program: a user's applications, staff review of them (ADMIN, audited) and the
// users' saved payout cards (staff only). Partner API keys: partner-api.ts.
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import { approvePartnerApplication, rejectPartnerApplication } from "../domain/partners.ts";
import { submitPartnerApplication } from "../domain/referrals.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import {
  AudienceSize as AudienceSizeValues,
  PartnerApplicationStatus as PartnerApplicationStatusValues,
} from "../generated/prisma/enums.ts";
import { canRead, ownedByViewer, parseDatabaseId, staffOnlyLookup, viewerId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { containing, dateRangeFilter, DateRangeInput, filterId } from "./filters.ts";
import { anyId, note } from "./inputs.ts";
import { byCreatedAt, newestFirst, SortDirection } from "./ordering.ts";
import { User } from "./user.ts";

export const PartnerApplicationStatus = builder.enumType(PartnerApplicationStatusValues, { name: "PartnerApplicationStatus" });
export const AudienceSize = builder.enumType(AudienceSizeValues, { name: "AudienceSize" });

export const PartnerApplication = builder.prismaNode("PartnerApplication", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => ({ id: parseDatabaseId(id, "PartnerApplication"), ...ownedByViewer(context) }),
  authScopes: (application, context) => canRead(context, application.userId),
  fields: (t) => ({
    contactName: t.exposeString("contactName"),
    contactEmail: t.exposeString("contactEmail", { nullable: true }),
    telegramUsername: t.exposeString("telegramUsername", { nullable: true }),
    audienceSize: t.expose("audienceSize", { type: AudienceSize, nullable: true }),
    promotionChannels: t.exposeStringList("promotionChannels"),
    message: t.exposeString("message", { nullable: true }),
    status: t.expose("status", { type: PartnerApplicationStatus }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    reviewedAt: t.expose("reviewedAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaObjectFields(User, (t) => ({
  partnerApplications: t.relatedConnection("partnerApplications", { cursor: "id", query: { orderBy: newestFirst } }),
}));

// Validated as a whole, so every bad field is reported at once.
const SubmitPartnerApplicationInput = builder.inputType("SubmitPartnerApplicationInput", {
  fields: (t) => ({
    contactName: t.string({ required: true }),
    contactEmail: t.string(),
    telegramUsername: t.string(),
    audienceSize: t.field({ type: AudienceSize }),
    promotionChannels: t.stringList({ description: "Where the viewer would promote PinGlass: channel names or links." }),
    message: t.string(),
  }),
  validate: z.object({
    contactName: z.string().trim().min(1, "must not be empty").max(255, "at most 255 characters"),
    contactEmail: z.email("must be an email address").max(255, "at most 255 characters").nullish(),
    telegramUsername: z
      .string()
      .trim()
      .regex(/^@?[A-Za-z0-9_]{5,32}$/, "must be a Telegram username (5–32 letters, digits or _)")
      .nullish(),
    audienceSize: z.enum(AudienceSizeValues).nullish(),
    promotionChannels: z
      .array(z.string().trim().min(1, "must not be empty").max(200, "at most 200 characters"))
      .max(10, "at most 10 channels")
      .nullish(),
    message: z.string().trim().max(2000, "at most 2000 characters").nullish(),
  }),
});

builder.mutationFields((t) => ({
  submitPartnerApplication: t.prismaField({
    type: PartnerApplication,
    description: "Applies to the partner program. One application can be pending at a time.",
    authScopes: { user: true },
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: SubmitPartnerApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = await submitPartnerApplication(context.prisma, viewerId(context), input);
      return context.prisma.partnerApplication.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

// ---------------------------------------------------------------------------------------
// Staff-only nodes
// ---------------------------------------------------------------------------------------

export const UserCard = builder.prismaNode("UserCard", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "UserCard"),
  authScopes: { staff: true },
  description: "A saved payout card: its mask only (the database refuses anything else). Staff only.",
  // tbank_card_id (the bank's token for the card) stays server-side.
  fields: (t) => ({
    user: t.relation("user"),
    maskedNumber: t.exposeString("maskedNumber", { description: "e.g. 220070******4417" }),
    lastFour: t.string({ resolve: (card) => card.maskedNumber.slice(-4) }),
    cardholderName: t.exposeString("cardholderName", { nullable: true }),
    isDefault: t.exposeBoolean("isDefault"),
    linkedToBank: t.boolean({
      description: "Whether T-Bank holds a token for this card (payouts can go to it).",
      resolve: (card) => card.tbankCardId !== null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// ---------------------------------------------------------------------------------------
// Staff-only fields on the user-side types
// ---------------------------------------------------------------------------------------

builder.prismaObjectFields(PartnerApplication, (t) => ({
  user: t.relation("user", { authScopes: { staff: true } }),
  reviewedBy: t.relation("reviewedBy", { nullable: true, authScopes: { staff: true } }),
  reviewNote: t.exposeString("reviewNote", { nullable: true, authScopes: { staff: true } }),
}));

// ---------------------------------------------------------------------------------------
// Admin lists
// ---------------------------------------------------------------------------------------

const AdminUserCardsFilter = builder.inputType("AdminUserCardsFilter", {
  fields: (t) => ({ user: t.globalID({ for: User }) }),
});

const AdminPartnerApplicationsFilter = builder.inputType("AdminPartnerApplicationsFilter", {
  fields: (t) => ({
    status: t.field({ type: [PartnerApplicationStatus], description: "Any of these statuses." }),
    user: t.globalID({ for: User }),
    createdAt: t.field({ type: DateRangeInput }),
    search: t.string({ description: "Part of the contact name, email or Telegram username (case-insensitive)." }),
  }),
});

builder.objectFields(AdminQueries, (t) => ({
  userCards: t.prismaConnection({
    type: UserCard,
    cursor: "id",
    authScopes: { staff: true },
    description: "Saved payout cards (masked).",
    args: {
      filter: t.arg({ type: AdminUserCardsFilter }),
      orderBy: t.arg({ type: SortDirection, description: "By time (default newest first)." }),
    },
    totalCount: (_root, args, { prisma }) => prisma.userCard.count({ where: { userId: filterId(args.filter?.user) } }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.userCard.findMany({ ...query, where: { userId: filterId(args.filter?.user) }, orderBy: byCreatedAt(args.orderBy) }),
  }),

  partnerApplications: t.prismaConnection({
    type: PartnerApplication,
    cursor: "id",
    authScopes: { staff: true },
    args: {
      filter: t.arg({ type: AdminPartnerApplicationsFilter }),
      orderBy: t.arg({ type: SortDirection, description: "By time (default newest first; ASC for a review queue)." }),
    },
    totalCount: (_root, args, { prisma }) => prisma.partnerApplication.count({ where: partnerApplicationsWhere(args.filter) }),
    resolve: (query, _root, args, { prisma }) =>
      prisma.partnerApplication.findMany({ ...query, where: partnerApplicationsWhere(args.filter), orderBy: byCreatedAt(args.orderBy) }),
  }),
}));

function partnerApplicationsWhere(
  filter: typeof AdminPartnerApplicationsFilter.$inferInput | null | undefined,
): Prisma.PartnerApplicationWhereInput {
  if (!filter) return {};
  const search = containing(filter.search);
  return {
    status: filter.status?.length ? { in: filter.status } : undefined,
    userId: filterId(filter.user),
    createdAt: dateRangeFilter(filter.createdAt),
    OR: search ? [{ contactName: search }, { contactEmail: search }, { telegramUsername: search }] : undefined,
  };
}

// ---------------------------------------------------------------------------------------
// Admin mutations (ADMIN only, audited)
// ---------------------------------------------------------------------------------------

const ApprovePartnerApplicationInput = builder.inputType("ApprovePartnerApplicationInput", {
  fields: (t) => ({
    applicationId: t.globalID({ for: PartnerApplication, required: true }),
    commissionRate: t.field({ type: "Decimal", required: true, description: "0.10–0.50; applies to payments from now on." }),
    note: t.string(),
  }),
  validate: z.object({
    applicationId: anyId,
    commissionRate: z
      .string()
      .refine(
        (v) => /^0?\.\d{1,4}$/.test(v) && Number(v) >= 0.1 && Number(v) <= 0.5,
        "must be a share between 0.10 and 0.50, at most 4 decimal places",
      ),
    note: z.string().trim().max(500, "at most 500 characters").nullish(),
  }),
});

const RejectPartnerApplicationInput = builder.inputType("RejectPartnerApplicationInput", {
  fields: (t) => ({
    applicationId: t.globalID({ for: PartnerApplication, required: true }),
    note: t.string({ required: true, description: "Why; kept for staff." }),
  }),
  validate: z.object({ applicationId: anyId, note }),
});

builder.mutationFields((t) => ({
  approvePartnerApplication: t.prismaField({
    type: PartnerApplication,
    authScopes: { admin: true },
    description: "Makes the applicant a partner with `commissionRate` (for payments from now on). ADMIN only; audited.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: ApprovePartnerApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const applicationId = parseDatabaseId(input.applicationId.id, "PartnerApplication");
      await audited(context, "partner.approve", { type: "PartnerApplication", id: applicationId }, async (tx) => {
        const { before, after } = await approvePartnerApplication(tx, {
          applicationId,
          adminId: context.admin!.id,
          commissionRate: input.commissionRate,
          note: input.note,
        });
        return { result: null, before, after };
      });
      return context.prisma.partnerApplication.findUniqueOrThrow({ ...query, where: { id: applicationId } });
    },
  }),

  rejectPartnerApplication: t.prismaField({
    type: PartnerApplication,
    authScopes: { admin: true },
    description: "Rejects a pending application with a note (the user may apply again). ADMIN only; audited.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: RejectPartnerApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const applicationId = parseDatabaseId(input.applicationId.id, "PartnerApplication");
      await audited(context, "partner.reject", { type: "PartnerApplication", id: applicationId }, async (tx) => {
        const { before, after } = await rejectPartnerApplication(tx, { applicationId, adminId: context.admin!.id, note: input.note });
        return { result: null, before, after };
      });
      return context.prisma.partnerApplication.findUniqueOrThrow({ ...query, where: { id: applicationId } });
    },
  }),
}));
