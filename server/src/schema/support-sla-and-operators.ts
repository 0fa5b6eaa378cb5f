// Support desk, SLA config (read by staff, changed by ADMIN only, audited) and the
// operators: the support settings of the admins who answer tickets.
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import { FINAL_STATUSES, updateSlaConfig } from "../domain/support-desk.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { type TicketCategory as TicketCategoryValues, TicketPriority as TicketPriorityValues } from "../generated/prisma/enums.ts";
import { staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { given } from "./inputs.ts";
import { TicketCategory, TicketPriority } from "./support.ts";

const SupportSlaConfig = builder.prismaNode("SupportSlaConfig", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "SupportSlaConfig"),
  authScopes: { staff: true },
  fields: (t) => ({
    priority: t.expose("priority", { type: TicketPriority }),
    firstResponseMinutes: t.exposeInt("firstResponseMinutes"),
    resolutionMinutes: t.exposeInt("resolutionMinutes"),
    escalateAfterMinutes: t.exposeInt("escalateAfterMinutes", { nullable: true }),
    description: t.exposeString("description", { nullable: true }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const SupportOperator = builder.prismaNode("SupportOperator", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "SupportOperator"),
  authScopes: { staff: true },
  fields: (t) => ({
    admin: t.relation("admin"),
    displayName: t.exposeString("displayName", { description: "How the operator signs replies." }),
    telegramChatId: t.string({ nullable: true, resolve: (operator) => operator.telegramChatId?.toString() ?? null }),
    categories: t.field({ type: [TicketCategory], resolve: (operator) => operator.categories }),
    isAvailable: t.exposeBoolean("isAvailable"),
    maxActiveTickets: t.exposeInt("maxActiveTickets"),
    lastAssignedAt: t.expose("lastAssignedAt", { type: "DateTime", nullable: true }),
    activeTickets: t.int({
      description: "Tickets assigned to this operator that are not resolved or closed.",
      select: { admin: { select: { _count: { select: { assignedTickets: { where: { status: { notIn: FINAL_STATUSES } } } } } } } },
      resolve: (operator) => operator.admin._count.assignedTickets,
    }),
  }),
});

const SupportOperatorFilter = builder.inputType("SupportOperatorFilter", {
  fields: (t) => ({
    available: t.boolean(),
    category: t.field({ type: TicketCategory, description: "Operators who take this category." }),
  }),
});

builder.objectFields(AdminQueries, (t) => ({
  slaConfig: t.prismaField({
    type: [SupportSlaConfig],
    description: "SLA per priority, P1 first.",
    resolve: (query, _root, _args, { prisma }) => prisma.supportSlaConfig.findMany({ ...query, orderBy: { priority: "asc" } }),
  }),
  supportOperators: t.prismaConnection({
    type: SupportOperator,
    cursor: "id",
    description: "Support settings of the admins who answer tickets, by display name.",
    args: { filter: t.arg({ type: SupportOperatorFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.supportOperator.count({ where: operatorWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.supportOperator.findMany({ ...query, where: operatorWhere(filter), orderBy: [{ displayName: "asc" }, { id: "asc" }] }),
  }),
}));

function operatorWhere(filter: { available?: boolean | null; category?: TicketCategoryValues | null } | null | undefined) {
  return {
    ...(filter?.available != null ? { isAvailable: filter.available } : {}),
    ...(filter?.category ? { categories: { has: filter.category } } : {}),
  } satisfies Prisma.SupportOperatorWhereInput;
}

// ---------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------

const minutes = z.number().int().min(1, "at least 1").max(525_600, "at most a year (525600)");

const UpdateSlaConfigInput = builder.inputType("UpdateSlaConfigInput", {
  description: "Open tickets keep their deadlines; new and re-prioritised tickets get the new ones.",
  fields: (t) => ({
    priority: t.field({ type: TicketPriority, required: true }),
    firstResponseMinutes: t.int({ required: true }),
    resolutionMinutes: t.int({ required: true }),
    escalateAfterMinutes: t.int({ description: "Escalate when the first response is this late; null: never. Unchanged when omitted." }),
    description: t.string(),
  }),
  validate: z
    .object({
      priority: z.enum(TicketPriorityValues),
      firstResponseMinutes: minutes,
      resolutionMinutes: minutes,
      escalateAfterMinutes: minutes.nullish(),
      description: z.string().trim().max(500, "at most 500 characters").nullish(),
    })
    .refine((input) => input.resolutionMinutes >= input.firstResponseMinutes, {
      message: "must be at least firstResponseMinutes",
      path: ["resolutionMinutes"],
    }),
});

builder.mutationFields((t) => ({
  updateSlaConfig: t.prismaField({
    type: SupportSlaConfig,
    description: "Sets the SLA of one priority. Admin only.",
    authScopes: { admin: true },
    errors: {},
    args: { input: t.arg({ type: UpdateSlaConfigInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const values = {
        priority: input.priority,
        firstResponseMinutes: input.firstResponseMinutes,
        resolutionMinutes: input.resolutionMinutes,
        escalateAfterMinutes: given(input, "escalateAfterMinutes", input.escalateAfterMinutes),
        description: given(input, "description", input.description),
      };
      const id = await audited(context, "sla_config.update", { type: "SupportSlaConfig" }, async (tx) => {
        const { id, before, after } = await updateSlaConfig(tx, values);
        return { result: id, targetId: id, before, after: { priority: input.priority, ...after } };
      });
      return context.prisma.supportSlaConfig.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
