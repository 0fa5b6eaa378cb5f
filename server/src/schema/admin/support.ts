// Support desk, operators' side: the ticket queue with SLA state, the staff view of a
// ticket (`SupportTicket.desk`: assignment, deadlines, escalation, tags and the whole
// conversation with internal notes), the operator mutations, canned responses, the SLA
// config, FAQ analytics, operators and bot drafts. OPERATOR or ADMIN change tickets and
// canned responses; only ADMIN changes the SLA config; VIEWER reads.
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../../builder.ts";
import type { Context } from "../../context.ts";
import { audited } from "../../domain/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors.ts";
import {
  FINAL_STATUSES,
  addInternalNote,
  assignTicket,
  createCannedResponse,
  deleteCannedResponse,
  escalateTicket,
  replyToTicket,
  slaStateOf,
  slaStateWhere,
  updateCannedResponse,
  updateSlaConfig,
  updateTicket,
  type SlaState as SlaStateValue,
} from "../../domain/support-desk.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import {
  TicketCategory as TicketCategoryValues,
  TicketPriority as TicketPriorityValues,
  TicketSource as TicketSourceValues,
  TicketStatus as TicketStatusValues,
} from "../../generated/prisma/enums.ts";
import { isStaff, parseDatabaseId } from "../access.ts";
import { SupportTicket, SupportTicketMessage, TicketCategory, TicketPriority, TicketStatus } from "../support.ts";
import { AdminQueries, SortDirection, direction } from "./root.ts";

// ---------------------------------------------------------------------------------------
// Helpers shared by the admin modules of this area (telegram.ts, accounts.ts)
// ---------------------------------------------------------------------------------------

/** node(id) lookup of a staff-only type: an impossible id for everyone else, so node() answers null. */
export function staffOnly(entity: string) {
  return (id: string, context: Context) => ({ id: isStaff(context) ? parseDatabaseId(id, entity) : -1 });
}

/**
 * The database id inside a global id of `typename`; another type, an unknown shape or
 * garbage throws `invalid()` (NotFoundError by default, like the user side).
 */
export function databaseIdOf(globalId: string, typename: string, invalid: () => Error = () => new NotFoundError(typename)): number {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw invalid();
  }
  if (decoded.typename !== typename) throw invalid();
  try {
    return parseDatabaseId(decoded.id, typename);
  } catch {
    throw invalid();
  }
}

/** Case-insensitive substring match, or undefined for an empty search. */
export function containing(search: string | null | undefined) {
  const text = search?.trim();
  return text ? { contains: text, mode: "insensitive" as const } : undefined;
}

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
  isInternal: t.exposeBoolean("isInternal", { authScopes: { staff: true }, description: "An operators' note the user never sees. Staff only." }),
  senderAdmin: t.relation("senderAdmin", { nullable: true, authScopes: { staff: true }, description: "The operator who wrote it. Staff only." }),
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
    conditions.push({ assignedToId: databaseIdOf(filter.assignee, "AdminUser", invalid) });
  }
  if (filter.unassigned != null) conditions.push({ assignedToId: filter.unassigned ? null : { not: null } });
  if (filter.slaState) conditions.push(slaStateWhere(filter.slaState, now));
  if (filter.category) conditions.push({ category: filter.category });
  const search = containing(filter.search);
  if (search) conditions.push({ OR: [{ number: search }, { subject: search }] });
  return { AND: conditions };
}

const QUEUE_COLUMN = { PRIORITY: "priority", FIRST_RESPONSE_DUE: "firstResponseDueAt", CREATED_AT: "createdAt", UPDATED_AT: "updatedAt" } as const;

/** Without orderBy: most urgent first (priority, then the earliest first-response deadline, then the oldest). */
function queueOrder(order: { field: keyof typeof QUEUE_COLUMN; direction?: "ASC" | "DESC" | null } | null | undefined) {
  if (!order) {
    return [{ priority: "asc" }, { firstResponseDueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }] satisfies Prisma.SupportTicketOrderByWithRelationInput[];
  }
  const sort = direction(order.direction);
  const column = QUEUE_COLUMN[order.field];
  const first: Prisma.SupportTicketOrderByWithRelationInput =
    column === "firstResponseDueAt" ? { firstResponseDueAt: { sort, nulls: "last" } } : { [column]: sort };
  return [first, { id: sort }];
}

// ---------------------------------------------------------------------------------------
// Canned responses, SLA config, FAQ analytics, operators, drafts
// ---------------------------------------------------------------------------------------

export const SupportCannedResponse = builder.prismaNode("SupportCannedResponse", {
  id: { field: "id" },
  nullable: true,
  findUnique: staffOnly("SupportCannedResponse"),
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

const SupportSlaConfig = builder.prismaNode("SupportSlaConfig", {
  id: { field: "id" },
  nullable: true,
  findUnique: staffOnly("SupportSlaConfig"),
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

const SupportFaqAnalytics = builder.prismaNode("SupportFaqAnalytics", {
  id: { field: "id" },
  nullable: true,
  findUnique: staffOnly("SupportFaqAnalytics"),
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

const SupportOperator = builder.prismaNode("SupportOperator", {
  id: { field: "id" },
  nullable: true,
  findUnique: staffOnly("SupportOperator"),
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

const SupportTicketDraft = builder.prismaNode("SupportTicketDraft", {
  id: { field: "id" },
  nullable: true,
  findUnique: staffOnly("SupportTicketDraft"),
  authScopes: { staff: true },
  description: "A ticket the bot is walking a user through creating.",
  fields: (t) => ({
    telegramChatId: t.string({ resolve: (draft) => draft.telegramChatId.toString() }),
    user: t.relation("user", { nullable: true }),
    step: t.exposeString("step"),
    category: t.expose("category", { type: TicketCategory, nullable: true }),
    subject: t.exposeString("subject", { nullable: true }),
    body: t.exposeString("body", { nullable: true }),
    data: t.expose("data", { type: "JSON", nullable: true }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const CannedResponseFilter = builder.inputType("CannedResponseFilter", {
  fields: (t) => ({
    category: t.field({ type: TicketCategory }),
    search: t.string({ description: "Part of the title, shortcut or body." }),
    active: t.boolean(),
  }),
});

const SupportOperatorFilter = builder.inputType("SupportOperatorFilter", {
  fields: (t) => ({ available: t.boolean(), category: t.field({ type: TicketCategory, description: "Operators who take this category." }) }),
});

const TicketDraftFilter = builder.inputType("TicketDraftFilter", {
  fields: (t) => ({ expired: t.boolean({ description: "true: only expired drafts; false: only live ones." }) }),
});

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
  cannedResponses: t.prismaConnection({
    type: SupportCannedResponse,
    cursor: "id",
    description: "Canned responses, most used first.",
    args: { filter: t.arg({ type: CannedResponseFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.supportCannedResponse.count({ where: cannedWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.supportCannedResponse.findMany({ ...query, where: cannedWhere(filter), orderBy: [{ usageCount: "desc" }, { id: "asc" }] }),
  }),
  slaConfig: t.prismaField({
    type: [SupportSlaConfig],
    description: "SLA per priority, P1 first.",
    resolve: (query, _root, _args, { prisma }) => prisma.supportSlaConfig.findMany({ ...query, orderBy: { priority: "asc" } }),
  }),
  faqAnalytics: t.prismaConnection({
    type: SupportFaqAnalytics,
    cursor: "id",
    description: "FAQ entries, most viewed first.",
    args: { search: t.arg.string({ description: "Part of the FAQ key." }) },
    totalCount: (_connection, { search }, { prisma }) => prisma.supportFaqAnalytics.count({ where: { faqKey: containing(search) } }),
    resolve: (query, _root, { search }, { prisma }) =>
      prisma.supportFaqAnalytics.findMany({ ...query, where: { faqKey: containing(search) }, orderBy: [{ viewCount: "desc" }, { id: "asc" }] }),
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
  ticketDrafts: t.prismaConnection({
    type: SupportTicketDraft,
    cursor: "id",
    description: "Tickets users are creating in the bot, newest first.",
    args: { filter: t.arg({ type: TicketDraftFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.supportTicketDraft.count({ where: draftWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.supportTicketDraft.findMany({ ...query, where: draftWhere(filter), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  }),
}));

function cannedWhere(filter: { category?: TicketCategoryValues | null; search?: string | null; active?: boolean | null } | null | undefined) {
  const search = containing(filter?.search);
  return {
    ...(filter?.category ? { category: filter.category } : {}),
    ...(filter?.active != null ? { isActive: filter.active } : {}),
    ...(search ? { OR: [{ title: search }, { shortcut: search }, { body: search }] } : {}),
  } satisfies Prisma.SupportCannedResponseWhereInput;
}

function operatorWhere(filter: { available?: boolean | null; category?: TicketCategoryValues | null } | null | undefined) {
  return {
    ...(filter?.available != null ? { isAvailable: filter.available } : {}),
    ...(filter?.category ? { categories: { has: filter.category } } : {}),
  } satisfies Prisma.SupportOperatorWhereInput;
}

function draftWhere(filter: { expired?: boolean | null } | null | undefined): Prisma.SupportTicketDraftWhereInput {
  if (filter?.expired == null) return {};
  const now = new Date();
  return { expiresAt: filter.expired ? { lte: now } : { gt: now } };
}

// ---------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------

const messageBody = z.string().trim().min(1, "must not be empty").max(4000, "at most 4000 characters");
const tag = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/, "letters, digits, _ or -, at most 50");
const ticketIdOf = (id: string) => databaseIdOf(id, "SupportTicket");

const AssignTicketInput = builder.inputType("AssignTicketInput", {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    assigneeId: t.id({ description: "An active OPERATOR or ADMIN; null unassigns." }),
  }),
});

const UpdateTicketInput = builder.inputType("UpdateTicketInput", {
  description: "Only the given fields change. A new priority recomputes the SLA deadlines. CLOSED is final; ESCALATED: use escalateTicket.",
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    status: t.field({ type: TicketStatus }),
    priority: t.field({ type: TicketPriority }),
    tags: t.stringList({ description: "Replaces the tags (stored lower-case, each once)." }),
  }),
  validate: z
    .object({
      ticketId: z.string(),
      status: z.enum(TicketStatusValues).nullish(),
      priority: z.enum(TicketPriorityValues).nullish(),
      tags: z.array(tag).max(20, "at most 20 tags").nullish(),
    })
    .refine((input) => input.status != null || input.priority != null || input.tags != null, {
      message: "give a status, priority or tags to change",
      path: ["status"],
    }),
});

const ReplyToTicketInput = builder.inputType("ReplyToTicketInput", {
  description: "The reply is `body`, or the canned response's text when no body is given (its use is counted either way).",
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    body: t.string(),
    cannedResponseId: t.id(),
  }),
  validate: z
    .object({ ticketId: z.string(), body: messageBody.nullish(), cannedResponseId: z.string().nullish() })
    .refine((input) => input.body != null || input.cannedResponseId != null, { message: "give a body or a cannedResponseId", path: ["body"] }),
});

const AddInternalNoteInput = builder.inputType("AddInternalNoteInput", {
  fields: (t) => ({ ticketId: t.id({ required: true }), body: t.string({ required: true, validate: messageBody }) }),
});

const EscalateTicketInput = builder.inputType("EscalateTicketInput", {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    reason: t.string({ required: true, validate: z.string().trim().min(3, "at least 3 characters").max(1000, "at most 1000 characters") }),
  }),
});

const cannedFields = {
  title: z.string().trim().min(1, "must not be empty").max(255, "at most 255 characters"),
  shortcut: z.string().trim().regex(/^\/[a-z0-9_]{1,49}$/, "a / then 1–49 lower-case letters, digits or _"),
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

/** Optional input fields: absent stays undefined (unchanged), an explicit null is kept (cleared). */
function given<T>(input: object, key: string, value: T): T | undefined {
  return key in input ? value : undefined;
}

builder.mutationFields((t) => ({
  assignTicket: t.prismaField({
    type: SupportTicket,
    description: "Assigns a ticket to an active OPERATOR or ADMIN, or unassigns it.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: AssignTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = ticketIdOf(input.ticketId);
      const invalid = () => ValidationError.of("input.assigneeId", "must be an active OPERATOR or ADMIN account");
      const assigneeId = input.assigneeId ? databaseIdOf(input.assigneeId, "AdminUser", invalid) : null;
      await audited(context, "ticket.assign", { type: "SupportTicket", id }, async (tx) => ({ result: null, ...(await assignTicket(tx, id, assigneeId)) }));
      return context.prisma.supportTicket.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateTicket: t.prismaField({
    type: SupportTicket,
    description: "Changes a ticket's status, priority and/or tags.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UpdateTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = ticketIdOf(input.ticketId);
      await audited(context, "ticket.update", { type: "SupportTicket", id }, async (tx) => ({ result: null, ...(await updateTicket(tx, id, input)) }));
      return context.prisma.supportTicket.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  replyToTicket: t.prismaField({
    type: SupportTicketMessage,
    description: "Answers the user (the first answer stops the first-response clock); the ticket then waits on the user.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: ReplyToTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const ticketId = ticketIdOf(input.ticketId);
      const cannedResponseId = input.cannedResponseId ? databaseIdOf(input.cannedResponseId, "SupportCannedResponse") : null;
      const messageId = await audited(context, "ticket.reply", { type: "SupportTicket", id: ticketId }, async (tx) => {
        const reply = await replyToTicket(tx, context.admin!.id, ticketId, { body: input.body, cannedResponseId });
        return {
          result: reply.messageId,
          before: reply.before,
          after: { ...reply.after, messageId: reply.messageId, body: reply.body, cannedResponseId },
        };
      });
      return context.prisma.supportTicketMessage.findUniqueOrThrow({ ...query, where: { id: messageId } });
    },
  }),
  addInternalNote: t.prismaField({
    type: SupportTicketMessage,
    description: "Adds a note to a ticket that only staff read.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: AddInternalNoteInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const ticketId = ticketIdOf(input.ticketId);
      const messageId = await audited(context, "ticket.note", { type: "SupportTicket", id: ticketId }, async (tx) => {
        const { messageId } = await addInternalNote(tx, context.admin!.id, ticketId, input.body);
        return { result: messageId, after: { messageId, isInternal: true, body: input.body.trim() } };
      });
      return context.prisma.supportTicketMessage.findUniqueOrThrow({ ...query, where: { id: messageId } });
    },
  }),
  escalateTicket: t.prismaField({
    type: SupportTicket,
    description: "Escalates an open ticket one level, with the reason.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: EscalateTicketInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = ticketIdOf(input.ticketId);
      await audited(context, "ticket.escalate", { type: "SupportTicket", id }, async (tx) => ({ result: null, ...(await escalateTicket(tx, id, input.reason)) }));
      return context.prisma.supportTicket.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
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
      const id = databaseIdOf(input.cannedResponseId, "SupportCannedResponse");
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
      const id = databaseIdOf(input.cannedResponseId, "SupportCannedResponse");
      return audited(context, "canned_response.delete", { type: "SupportCannedResponse", id }, async (tx) => ({
        result: { id },
        before: (await deleteCannedResponse(tx, id)).before,
      }));
    },
  }),
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
