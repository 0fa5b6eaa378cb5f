// Support desk, canned responses (listed, created, changed and deleted by OPERATOR or
// ADMIN; every change is audited) and the FAQ analytics (read only).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from "../domain/support-desk.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { TicketCategory as TicketCategoryValues } from "../generated/prisma/enums.ts";
import { requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { containing } from "./filters.ts";
import { given, messageBody } from "./inputs.ts";
import { TicketCategory } from "./support.ts";

export const SupportCannedResponse = builder.prismaNode("SupportCannedResponse", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "SupportCannedResponse"),
  authScopes: { staff: true },
  fields: (t) => ({
    title: t.exposeString("title"),
    shortcut: t.exposeString("shortcut", { nullable: true, description: "Typed by operators, e.g. /refund." }),
    body: t.exposeString("body"),
    category: t.expose("category", { type: TicketCategory, nullable: true }),
    usageCount: t.exposeInt("usageCount"),
    isActive: t.exposeBoolean("isActive"),
    createdBy: t.relation("createdBy", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const SupportFaqAnalytics = builder.prismaNode("SupportFaqAnalytics", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "SupportFaqAnalytics"),
  authScopes: { staff: true },
  fields: (t) => ({
    faqKey: t.exposeString("faqKey"),
    viewCount: t.exposeInt("viewCount"),
    helpfulCount: t.exposeInt("helpfulCount"),
    notHelpfulCount: t.exposeInt("notHelpfulCount"),
    ticketCreatedCount: t.exposeInt("ticketCreatedCount", { description: "Times a ticket was opened after reading this entry." }),
    helpfulRate: t.float({
      nullable: true,
      description: "helpful / (helpful + not helpful); null before the first vote.",
      resolve: (faq) => {
        const votes = faq.helpfulCount + faq.notHelpfulCount;
        return votes === 0 ? null : faq.helpfulCount / votes;
      },
    }),
    lastViewedAt: t.expose("lastViewedAt", { type: "DateTime", nullable: true }),
  }),
});

const CannedResponseFilter = builder.inputType("CannedResponseFilter", {
  fields: (t) => ({
    category: t.field({ type: TicketCategory }),
    search: t.string({ description: "Part of the title, shortcut or body." }),
    active: t.boolean(),
  }),
});

builder.objectFields(AdminQueries, (t) => ({
  cannedResponses: t.prismaConnection({
    type: SupportCannedResponse,
    cursor: "id",
    description: "Canned responses, most used first.",
    args: { filter: t.arg({ type: CannedResponseFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.supportCannedResponse.count({ where: cannedWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.supportCannedResponse.findMany({ ...query, where: cannedWhere(filter), orderBy: [{ usageCount: "desc" }, { id: "asc" }] }),
  }),
  faqAnalytics: t.prismaConnection({
    type: SupportFaqAnalytics,
    cursor: "id",
    description: "FAQ entries, most viewed first.",
    args: { search: t.arg.string({ description: "Part of the FAQ key." }) },
    totalCount: (_connection, { search }, { prisma }) => prisma.supportFaqAnalytics.count({ where: { faqKey: containing(search) } }),
    resolve: (query, _root, { search }, { prisma }) =>
      prisma.supportFaqAnalytics.findMany({
        ...query,
        where: { faqKey: containing(search) },
        orderBy: [{ viewCount: "desc" }, { id: "asc" }],
      }),
  }),
}));

function cannedWhere(
  filter: { category?: TicketCategoryValues | null; search?: string | null; active?: boolean | null } | null | undefined,
) {
  const search = containing(filter?.search);
  return {
    ...(filter?.category ? { category: filter.category } : {}),
    ...(filter?.active != null ? { isActive: filter.active } : {}),
    ...(search ? { OR: [{ title: search }, { shortcut: search }, { body: search }] } : {}),
  } satisfies Prisma.SupportCannedResponseWhereInput;
}

// ---------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------

const cannedFields = {
  title: z.string().trim().min(1, "must not be empty").max(255, "at most 255 characters"),
  shortcut: z
    .string()
    .trim()
    .regex(/^\/[a-z0-9_]{1,49}$/, "a / then 1–49 lower-case letters, digits or _"),
  body: messageBody,
};

const CreateCannedResponseInput = builder.inputType("CreateCannedResponseInput", {
  fields: (t) => ({
    title: t.string({ required: true }),
    body: t.string({ required: true }),
    shortcut: t.string(),
    category: t.field({ type: TicketCategory }),
  }),
  validate: z.object({
    title: cannedFields.title,
    body: cannedFields.body,
    shortcut: cannedFields.shortcut.nullish(),
    category: z.enum(TicketCategoryValues).nullish(),
  }),
});

const UpdateCannedResponseInput = builder.inputType("UpdateCannedResponseInput", {
  description: "Only the given fields change; `shortcut: null` and `category: null` clear them.",
  fields: (t) => ({
    cannedResponseId: t.id({ required: true }),
    title: t.string(),
    body: t.string(),
    shortcut: t.string(),
    category: t.field({ type: TicketCategory }),
    isActive: t.boolean(),
  }),
  validate: z.object({
    cannedResponseId: z.string(),
    title: cannedFields.title.nullish(),
    body: cannedFields.body.nullish(),
    shortcut: cannedFields.shortcut.nullish(),
    category: z.enum(TicketCategoryValues).nullish(),
    isActive: z.boolean().nullish(),
  }),
});

const DeleteCannedResponseInput = builder.inputType("DeleteCannedResponseInput", {
  fields: (t) => ({ cannedResponseId: t.id({ required: true }) }),
});

const DeleteCannedResponsePayload = builder.objectRef<{ id: number }>("DeleteCannedResponsePayload").implement({
  fields: (t) => ({
    deletedCannedResponseId: t.id({ resolve: ({ id }) => encodeGlobalID("SupportCannedResponse", id) }),
  }),
});

builder.mutationFields((t) => ({
  createCannedResponse: t.prismaField({
    type: SupportCannedResponse,
    authScopes: { operator: true },
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: CreateCannedResponseInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await audited(context, "canned_response.create", { type: "SupportCannedResponse" }, async (tx) => {
        const created = await createCannedResponse(tx, context.admin!.id, input);
        return { result: created.id, targetId: created.id, after: created.after };
      });
      return context.prisma.supportCannedResponse.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateCannedResponse: t.prismaField({
    type: SupportCannedResponse,
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UpdateCannedResponseInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = requireDatabaseId(input.cannedResponseId, "SupportCannedResponse");
      const fields = {
        title: input.title,
        body: input.body,
        shortcut: given(input, "shortcut", input.shortcut),
        category: given(input, "category", input.category),
        isActive: input.isActive,
      };
      await audited(context, "canned_response.update", { type: "SupportCannedResponse", id }, async (tx) => ({
        result: null,
        ...(await updateCannedResponse(tx, id, fields)),
      }));
      return context.prisma.supportCannedResponse.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  deleteCannedResponse: t.field({
    type: DeleteCannedResponsePayload,
    authScopes: { operator: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: DeleteCannedResponseInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const id = requireDatabaseId(input.cannedResponseId, "SupportCannedResponse");
      return audited(context, "canned_response.delete", { type: "SupportCannedResponse", id }, async (tx) => ({
        result: { id },
        before: (await deleteCannedResponse(tx, id)).before,
      }));
    },
  }),
}));
