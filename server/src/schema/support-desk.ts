// The operators' reading of tickets: the staff view of a ticket (`SupportTicket.desk`:
// assignment, deadlines, escalation, tags, the whole conversation with internal notes) and
// the ticket queue with SLA state.
import { z } from "zod";
import { builder } from "../builder.ts";
import { ValidationError } from "../domain/errors.ts";
import { type SlaState as SlaStateValue, slaStateOf, slaStateWhere } from "../domain/support-desk.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import {
  TicketCategory as TicketCategoryValues,
  TicketPriority as TicketPriorityValues,
  TicketSource as TicketSourceValues,
  TicketStatus as TicketStatusValues,
} from "../generated/prisma/enums.ts";
import { requireDatabaseId } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { containing } from "./filters.ts";
import { direction, SortDirection } from "./ordering.ts";
import { SupportTicket, SupportTicketMessage, TicketCategory, TicketPriority, TicketStatus } from "./support.ts";

// ---------------------------------------------------------------------------------------
// The staff view of a ticket
// ---------------------------------------------------------------------------------------

export const SlaState = builder.enumType("SlaState", {
  description: "BREACHED: a running deadline has passed. DUE_SOON: one passes within the hour. ON_TRACK: neither.",
  values: ["BREACHED", "DUE_SOON", "ON_TRACK"] as const,
});

const TicketSource = builder.enumType(TicketSourceValues, { name: "TicketSource" });

const oldestFirst = [{ createdAt: "asc" as const }, { id: "asc" as const }];

const SupportTicketDesk = builder.prismaObject("SupportTicket", {
  variant: "SupportTicketDesk",
  description: "What operators see of a ticket beyond the user's view. Staff only.",
  authScopes: { staff: true },
  fields: (t) => ({
    user: t.relation("user", { nullable: true, description: "Null when the user's account is gone (see contactName)." }),
    contactName: t.exposeString("userName", { nullable: true, description: "The user's name when the ticket was opened." }),
    telegramUsername: t.exposeString("telegramUsername", { nullable: true }),
    source: t.expose("source", { type: TicketSource }),
    assignedTo: t.relation("assignedTo", { nullable: true }),
    assignedAt: t.expose("assignedAt", { type: "DateTime", nullable: true }),
    firstResponseDueAt: t.expose("firstResponseDueAt", { type: "DateTime", nullable: true }),
    firstResponseAt: t.expose("firstResponseAt", { type: "DateTime", nullable: true }),
    resolutionDueAt: t.expose("resolutionDueAt", { type: "DateTime", nullable: true }),
    slaState: t.field({
      type: SlaState,
      nullable: true,
      description: "From the deadlines still running; null once the ticket is resolved or closed.",
      resolve: (ticket) => slaStateOf(ticket),
    }),
    escalationLevel: t.exposeInt("escalationLevel", { description: "0: never escalated." }),
    escalatedAt: t.expose("escalatedAt", { type: "DateTime", nullable: true }),
    escalationReason: t.exposeString("escalationReason", { nullable: true }),
    tags: t.exposeStringList("tags"),
    conversation: t.relatedConnection("messages", {
      cursor: "id",
      description: "Every message, internal notes included, oldest first.",
      query: { orderBy: oldestFirst },
    }),
  }),
});

builder.prismaObjectFields(SupportTicket, (t) => ({
  desk: t.variant(SupportTicketDesk, {
    nullable: true,
    // Nullable so a refused `desk` leaves the rest of the ticket readable.
    isNull: () => false,
    authScopes: { staff: true },
    description: "Operators' view of this ticket (staff only; FORBIDDEN for its user).",
  }),
}));

builder.prismaObjectFields(SupportTicketMessage, (t) => ({
  isInternal: t.exposeBoolean("isInternal", {
    authScopes: { staff: true },
    description: "An operators' note the user never sees. Staff only.",
  }),
  senderAdmin: t.relation("senderAdmin", {
    nullable: true,
    authScopes: { staff: true },
    description: "The operator who wrote it. Staff only.",
  }),
}));

// ---------------------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------------------

const SupportQueueFilter = builder.inputType("SupportQueueFilter", {
  fields: (t) => ({
    status: t.field({ type: [TicketStatus], description: "Any of these statuses." }),
    priority: t.field({ type: [TicketPriority], description: "Any of these priorities." }),
    assignee: t.id({ description: "Tickets assigned to this AdminUser." }),
    unassigned: t.boolean({ description: "true: only unassigned tickets; false: only assigned ones." }),
    slaState: t.field({ type: SlaState }),
    category: t.field({ type: TicketCategory }),
    search: t.string({ description: "Part of the ticket number or subject." }),
  }),
  validate: z
    .object({
      status: z.array(z.enum(TicketStatusValues)).nullish(),
      priority: z.array(z.enum(TicketPriorityValues)).nullish(),
      assignee: z.string().nullish(),
      unassigned: z.boolean().nullish(),
      slaState: z.enum(["BREACHED", "DUE_SOON", "ON_TRACK"]).nullish(),
      category: z.enum(TicketCategoryValues).nullish(),
      search: z.string().max(200, "at most 200 characters").nullish(),
    })
    .refine((filter) => !(filter.assignee && filter.unassigned != null), {
      message: "give either assignee or unassigned",
      path: ["unassigned"],
    }),
});

const SupportQueueOrderField = builder.enumType("SupportQueueOrderField", {
  values: ["PRIORITY", "FIRST_RESPONSE_DUE", "CREATED_AT", "UPDATED_AT"] as const,
});

const SupportQueueOrder = builder.inputType("SupportQueueOrder", {
  description: "PRIORITY ASC puts P1 (most urgent) first. Tickets without a deadline come last by FIRST_RESPONSE_DUE.",
  fields: (t) => ({
    field: t.field({ type: SupportQueueOrderField, required: true }),
    direction: t.field({ type: SortDirection, description: "DESC unless given." }),
  }),
});

type QueueFilter = {
  status?: TicketStatusValues[] | null;
  priority?: TicketPriorityValues[] | null;
  assignee?: string | null;
  unassigned?: boolean | null;
  slaState?: SlaStateValue | null;
  category?: TicketCategoryValues | null;
  search?: string | null;
};

function queueWhere(filter: QueueFilter | null | undefined, now = new Date()): Prisma.SupportTicketWhereInput {
  if (!filter) return {};
  const conditions: Prisma.SupportTicketWhereInput[] = [];
  if (filter.status?.length) conditions.push({ status: { in: filter.status } });
  if (filter.priority?.length) conditions.push({ priority: { in: filter.priority } });
  if (filter.assignee) {
    const invalid = () => ValidationError.of("filter.assignee", "must be an AdminUser id");
    conditions.push({ assignedToId: requireDatabaseId(filter.assignee, "AdminUser", invalid) });
  }
  if (filter.unassigned != null) conditions.push({ assignedToId: filter.unassigned ? null : { not: null } });
  if (filter.slaState) conditions.push(slaStateWhere(filter.slaState, now));
  if (filter.category) conditions.push({ category: filter.category });
  const search = containing(filter.search);
  if (search) conditions.push({ OR: [{ number: search }, { subject: search }] });
  return { AND: conditions };
}

const QUEUE_COLUMN = {
  PRIORITY: "priority",
  FIRST_RESPONSE_DUE: "firstResponseDueAt",
  CREATED_AT: "createdAt",
  UPDATED_AT: "updatedAt",
} as const;

/** Without orderBy: most urgent first (priority, then the earliest first-response deadline, then the oldest). */
function queueOrder(order: { field: keyof typeof QUEUE_COLUMN; direction?: "ASC" | "DESC" | null } | null | undefined) {
  if (!order) {
    return [
      { priority: "asc" },
      { firstResponseDueAt: { sort: "asc", nulls: "last" } },
      { createdAt: "asc" },
      { id: "asc" },
    ] satisfies Prisma.SupportTicketOrderByWithRelationInput[];
  }
  const sort = direction(order.direction);
  const column = QUEUE_COLUMN[order.field];
  const first: Prisma.SupportTicketOrderByWithRelationInput =
    column === "firstResponseDueAt" ? { firstResponseDueAt: { sort, nulls: "last" } } : { [column]: sort };
  return [first, { id: sort }];
}

builder.objectFields(AdminQueries, (t) => ({
  supportQueue: t.prismaConnection({
    type: SupportTicket,
    cursor: "id",
    description: "The operators' ticket queue. Read `desk` on each ticket for assignment, SLA and the full conversation.",
    args: {
      filter: t.arg({ type: SupportQueueFilter }),
      orderBy: t.arg({ type: SupportQueueOrder }),
    },
    totalCount: (_connection, { filter }, { prisma }) => prisma.supportTicket.count({ where: queueWhere(filter) }),
    resolve: (query, _root, { filter, orderBy }, { prisma }) =>
      prisma.supportTicket.findMany({ ...query, where: queueWhere(filter), orderBy: queueOrder(orderBy) }),
  }),
}));
