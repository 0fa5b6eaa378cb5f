// Support desk, operators' side: who may read and change what, the audit row of every
// change, internal notes that never reach the ticket's user, the queue's filters, SLA
// states and orderings, the ticket rules, canned responses, the SLA config, and the
// queue's statement count.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestAdmin, type TestApi, type TestApiKey, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

// ─── Documents ────────────────────────────────────────────────────────────────────

const Queue = graphql(`
  query AdminSupport_Queue($filter: SupportQueueFilter, $orderBy: SupportQueueOrder, $first: Int, $after: String) {
    admin {
      supportQueue(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id number subject status priority desk { slaState } } }
      }
    }
  }
`);

const QueueDetailed = graphql(`
  query AdminSupport_QueueDetailed($filter: SupportQueueFilter, $first: Int) {
    admin {
      supportQueue(filter: $filter, first: $first) {
        totalCount
        edges {
          node {
            id number subject status priority category
            desk {
              slaState tags escalationLevel escalatedAt escalationReason source contactName
              firstResponseDueAt firstResponseAt resolutionDueAt assignedAt
              user { id name }
              assignedTo { id username role }
              conversation(first: 10) { edges { node { id body senderType senderName isInternal senderAdmin { username } } } }
            }
          }
        }
      }
    }
  }
`);

const Lists = graphql(`
  query AdminSupport_Lists {
    admin {
      cannedResponses(first: 5) { totalCount edges { node { id title } } }
      slaConfig { id priority firstResponseMinutes }
      faqAnalytics(first: 5) { totalCount edges { node { id faqKey helpfulRate } } }
      supportOperators(first: 5) { totalCount edges { node { id displayName activeTickets admin { username } } } }
      ticketDrafts(first: 5) { totalCount edges { node { id step user { id } } } }
    }
  }
`);

const Canned = graphql(`
  query AdminSupport_Canned($filter: CannedResponseFilter) {
    admin { cannedResponses(filter: $filter, first: 20) { totalCount edges { node { id title shortcut body category usageCount isActive createdBy { username } } } } }
  }
`);

const OtherLists = graphql(`
  query AdminSupport_OtherLists($search: String, $operators: SupportOperatorFilter, $drafts: TicketDraftFilter) {
    admin {
      faqAnalytics(search: $search, first: 10) { totalCount edges { node { faqKey viewCount helpfulRate } } }
      supportOperators(filter: $operators, first: 10) { totalCount edges { node { displayName categories isAvailable activeTickets telegramChatId admin { username } } } }
      ticketDrafts(filter: $drafts, first: 10) { totalCount edges { node { step subject telegramChatId user { id } } } }
    }
  }
`);

const Assign = graphql(`
  mutation AdminSupport_Assign($input: AssignTicketInput!) {
    assignTicket(input: $input) {
      __typename
      ... on SupportTicket { id desk { assignedTo { id username } assignedAt } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Update = graphql(`
  mutation AdminSupport_Update($input: UpdateTicketInput!) {
    updateTicket(input: $input) {
      __typename
      ... on SupportTicket { id status priority resolvedAt closedAt desk { tags firstResponseDueAt resolutionDueAt } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Reply = graphql(`
  mutation AdminSupport_Reply($input: ReplyToTicketInput!) {
    replyToTicket(input: $input) {
      __typename
      ... on SupportTicketMessage { id body senderType senderName isInternal ticket { id status desk { firstResponseAt } } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Note = graphql(`
  mutation AdminSupport_Note($input: AddInternalNoteInput!) {
    addInternalNote(input: $input) {
      __typename
      ... on SupportTicketMessage { id body isInternal senderAdmin { username } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Escalate = graphql(`
  mutation AdminSupport_Escalate($input: EscalateTicketInput!) {
    escalateTicket(input: $input) {
      __typename
      ... on SupportTicket { id status desk { escalationLevel escalatedAt escalationReason } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const CreateCanned = graphql(`
  mutation AdminSupport_CreateCanned($input: CreateCannedResponseInput!) {
    createCannedResponse(input: $input) {
      __typename
      ... on SupportCannedResponse { id title shortcut body category usageCount isActive createdBy { username } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const UpdateCanned = graphql(`
  mutation AdminSupport_UpdateCanned($input: UpdateCannedResponseInput!) {
    updateCannedResponse(input: $input) {
      __typename
      ... on SupportCannedResponse { id title shortcut body category isActive }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const DeleteCanned = graphql(`
  mutation AdminSupport_DeleteCanned($input: DeleteCannedResponseInput!) {
    deleteCannedResponse(input: $input) {
      __typename
      ... on DeleteCannedResponsePayload { deletedCannedResponseId }
      ... on Error { code message }
    }
  }
`);

const UpdateSla = graphql(`
  mutation AdminSupport_UpdateSla($input: UpdateSlaConfigInput!) {
    updateSlaConfig(input: $input) {
      __typename
      ... on SupportSlaConfig { id priority firstResponseMinutes resolutionMinutes escalateAfterMinutes description }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const UserTickets = graphql(`
  query AdminSupport_UserTickets {
    viewer { supportTickets(first: 10) { edges { node { id number messages(first: 20) { edges { node { id body senderType } } } } } } }
  }
`);

const UserDesk = graphql(`
  query AdminSupport_UserDesk {
    viewer { supportTickets(first: 10) { edges { node { id desk { tags conversation(first: 20) { edges { node { body } } } } } } } }
  }
`);

const UserIsInternal = graphql(`
  query AdminSupport_UserIsInternal {
    viewer { supportTickets(first: 10) { edges { node { id messages(first: 20) { edges { node { body isInternal } } } } } } }
  }
`);

const NodeQuery = graphql(`
  query AdminSupport_Node($id: ID!) {
    node(id: $id) {
      id
      ... on SupportTicket { number messages(first: 20) { edges { node { body } } } }
      ... on SupportTicketMessage { body }
      ... on SupportCannedResponse { title }
      ... on SupportSlaConfig { priority }
    }
  }
`);

// ─── Set-up ───────────────────────────────────────────────────────────────────────

let api: TestApi;
let admin: TestAdmin;
let operator: TestAdmin;
let viewer: TestAdmin;
let customer: TestUser;
let apiKey: TestApiKey;

const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString("base64");
const databaseId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

let sequence = 0;

/** A ticket of `user` straight in the database (numbers never collide within the file). */
async function ticket(
  data: Partial<Parameters<TestApi["prisma"]["supportTicket"]["create"]>[0]["data"]> & { subject: string },
  user: TestUser = customer,
) {
  sequence += 1;
  return api.prisma.supportTicket.create({
    data: {
      number: `TKT-2025-${String(sequence).padStart(3, "0")}`,
      userId: user.id,
      userName: "Customer",
      category: "GENERAL",
      ...data,
    } as never,
  });
}

const ticketRow = (id: number) => api.prisma.supportTicket.findUniqueOrThrow({ where: { id } });
const lastAudit = () => api.prisma.auditLog.findFirst({ orderBy: { id: "desc" } });

beforeAll(async () => {
  api = await createTestApi();
  [admin, operator, viewer] = await Promise.all([api.signInAdmin("ADMIN"), api.signInAdmin("OPERATOR"), api.signInAdmin("VIEWER")]);
  customer = await api.signIn({ name: "Customer" });
  apiKey = await api.createApiKey(customer.id, ["REFERRALS_READ", "REFERRAL_LINKS_CREATE"]);
  await api.prisma.supportSlaConfig.createMany({
    data: [
      { priority: "P1", firstResponseMinutes: 15, resolutionMinutes: 240 },
      { priority: "P2", firstResponseMinutes: 60, resolutionMinutes: 480 },
      { priority: "P3", firstResponseMinutes: 240, resolutionMinutes: 1440 },
      { priority: "P4", firstResponseMinutes: 1440, resolutionMinutes: 4320 },
    ],
  });
});

type Result = { data?: unknown; errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> };
const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;

// ─── Roles ────────────────────────────────────────────────────────────────────────

describe("who may do what", () => {
  it("lets every staff role read the desk lists, and nobody else", async () => {
    await ticket({ subject: "roles-read" });
    for (const staff of [admin, operator, viewer]) {
      const queue = await api.execute(Queue, { filter: { search: "roles-read" } }, { headers: staff.headers });
      expect(queue.errors).toBeUndefined();
      expect(queue.data?.admin.supportQueue.totalCount).toBe(1);
      const lists = await api.execute(Lists, {}, { headers: staff.headers });
      expect(lists.errors).toBeUndefined();
    }
    for (const [headers, code] of [
      [customer.headers, "FORBIDDEN"],
      [apiKey.headers, "FORBIDDEN"],
      [undefined, "UNAUTHENTICATED"],
    ] as const) {
      for (const document of [Queue, Lists]) {
        const result = await api.execute(document as typeof Lists, {}, { headers });
        expect(codeOf(result)).toBe(code);
        expect(result.data ?? null).toBeNull();
      }
    }
  });

  it("lets OPERATOR and ADMIN change tickets and canned responses, only ADMIN the SLA config; VIEWER and others change nothing", async () => {
    const target = await ticket({ subject: "roles-write", priority: "P3" });
    const canned = await api.prisma.supportCannedResponse.create({ data: { title: "Roles", body: "Hello" } });
    const ticketId = globalId("SupportTicket", target.id);
    const cannedId = globalId("SupportCannedResponse", canned.id);
    const mutations = [
      {
        name: "assignTicket",
        operator: true,
        run: (h?: Record<string, string>) =>
          api.execute(Assign, { input: { ticketId, assigneeId: globalId("AdminUser", operator.id) } }, { headers: h }),
      },
      {
        name: "updateTicket",
        operator: true,
        run: (h?: Record<string, string>) => api.execute(Update, { input: { ticketId, tags: ["roles"] } }, { headers: h }),
      },
      {
        name: "replyToTicket",
        operator: true,
        run: (h?: Record<string, string>) => api.execute(Reply, { input: { ticketId, body: "On it" } }, { headers: h }),
      },
      {
        name: "addInternalNote",
        operator: true,
        run: (h?: Record<string, string>) => api.execute(Note, { input: { ticketId, body: "Note" } }, { headers: h }),
      },
      {
        name: "escalateTicket",
        operator: true,
        run: (h?: Record<string, string>) => api.execute(Escalate, { input: { ticketId, reason: "Needs engineering" } }, { headers: h }),
      },
      {
        name: "createCannedResponse",
        operator: true,
        run: (h?: Record<string, string>) => api.execute(CreateCanned, { input: { title: "New", body: "Body" } }, { headers: h }),
      },
      {
        name: "updateCannedResponse",
        operator: true,
        run: (h?: Record<string, string>) =>
          api.execute(UpdateCanned, { input: { cannedResponseId: cannedId, title: "Renamed" } }, { headers: h }),
      },
      {
        name: "deleteCannedResponse",
        operator: true,
        run: (h?: Record<string, string>) => api.execute(DeleteCanned, { input: { cannedResponseId: cannedId } }, { headers: h }),
      },
      {
        name: "updateSlaConfig",
        operator: false,
        run: (h?: Record<string, string>) =>
          api.execute(UpdateSla, { input: { priority: "P4", firstResponseMinutes: 600, resolutionMinutes: 6000 } }, { headers: h }),
      },
    ];
    const snapshot = async () =>
      JSON.stringify([
        await ticketRow(target.id),
        await api.prisma.supportTicketMessage.count(),
        await api.prisma.supportCannedResponse.findMany({ orderBy: { id: "asc" } }),
        await api.prisma.supportSlaConfig.findMany({ orderBy: { id: "asc" } }),
        await api.prisma.auditLog.count(),
      ]);

    const refusedFor = [
      [viewer.headers, "FORBIDDEN"],
      [customer.headers, "FORBIDDEN"],
      [apiKey.headers, "FORBIDDEN"],
      [undefined, "UNAUTHENTICATED"],
    ] as const;
    const before = await snapshot();
    for (const mutation of mutations) {
      for (const [headers, code] of refusedFor) {
        const result = await mutation.run(headers);
        expect(codeOf(result), `${mutation.name} as ${JSON.stringify(headers)}`).toBe(code);
        expect((result.data as Record<string, unknown> | null)?.[mutation.name] ?? null).toBeNull();
      }
      if (!mutation.operator) {
        const result = await mutation.run(operator.headers);
        expect(codeOf(result), `${mutation.name} as OPERATOR`).toBe("FORBIDDEN");
      }
    }
    expect(await snapshot()).toBe(before);

    for (const mutation of mutations) {
      const as = mutation.operator ? operator : admin;
      const result = await mutation.run(as.headers);
      expect(result.errors, mutation.name).toBeUndefined();
      const payload = (result.data as Record<string, { __typename: string }>)[mutation.name]!;
      expect(payload.__typename, mutation.name).not.toMatch(/Error$/);
      expect((await lastAudit())?.adminId).toBe(as.id);
    }
    // ADMIN may do the operator's work too.
    const byAdmin = await api.execute(Note, { input: { ticketId, body: "Admin note" } }, { headers: admin.headers });
    expect(byAdmin.data?.addInternalNote).toMatchObject({ __typename: "SupportTicketMessage", isInternal: true });
  });

  it("answers node(id) of staff-only types to staff only", async () => {
    const canned = await api.prisma.supportCannedResponse.create({ data: { title: "Node canned", body: "Body" } });
    const sla = await api.prisma.supportSlaConfig.findFirstOrThrow({ where: { priority: "P1" } });
    for (const id of [globalId("SupportCannedResponse", canned.id), globalId("SupportSlaConfig", sla.id)]) {
      expect((await api.execute(NodeQuery, { id }, { headers: viewer.headers })).data?.node).not.toBeNull();
      for (const headers of [customer.headers, apiKey.headers, undefined]) {
        const refused = await api.execute(NodeQuery, { id }, { headers });
        expect(refused.data?.node ?? null).toBeNull();
        expect(refused.errors).toBeUndefined();
      }
    }
  });
});

// ─── Audit ────────────────────────────────────────────────────────────────────────

describe("the audit log", () => {
  it("records who, the action, the target, before and after for every desk change", async () => {
    const target = await ticket({ subject: "audit-desk", priority: "P3", createdAt: ago(10) });
    const ticketId = globalId("SupportTicket", target.id);
    const audits = async (targetType: string, targetId: number) =>
      api.prisma.auditLog.findMany({ where: { targetType, targetId }, orderBy: { id: "asc" } });

    await api.execute(Assign, { input: { ticketId, assigneeId: globalId("AdminUser", operator.id) } }, { headers: operator.headers });
    await api.execute(
      Update,
      { input: { ticketId, priority: "P1", tags: ["Refund", "refund", "kie-outage"] } },
      { headers: operator.headers },
    );
    const reply = await api.execute(Reply, { input: { ticketId, body: "We are on it" } }, { headers: operator.headers });
    const note = await api.execute(Note, { input: { ticketId, body: "Provider outage" } }, { headers: operator.headers });
    await api.execute(Escalate, { input: { ticketId, reason: "Refund needs an admin" } }, { headers: operator.headers });

    const rows = await audits("SupportTicket", target.id);
    expect(rows.map((r) => [r.action, r.adminId])).toEqual([
      ["ticket.assign", operator.id],
      ["ticket.update", operator.id],
      ["ticket.reply", operator.id],
      ["ticket.note", operator.id],
      ["ticket.escalate", operator.id],
    ]);
    expect(rows[0]).toMatchObject({
      before: { assignedToId: null, assignedAt: null },
      after: { assignedToId: operator.id, assignedAt: expect.any(String) as unknown },
    });
    expect(rows[1]).toMatchObject({
      before: { priority: "P3", tags: [] },
      after: {
        priority: "P1",
        tags: ["refund", "kie-outage"],
        firstResponseDueAt: expect.any(String) as unknown,
        resolutionDueAt: expect.any(String) as unknown,
      },
    });
    const replyId = databaseId((reply.data?.replyToTicket as { id: string }).id);
    expect(rows[2]).toMatchObject({
      before: { status: "OPEN", firstResponseAt: null },
      after: { status: "WAITING_USER", firstResponseAt: expect.any(String) as unknown, messageId: replyId, body: "We are on it" },
    });
    const noteId = databaseId((note.data?.addInternalNote as { id: string }).id);
    expect(rows[3]).toMatchObject({ before: null, after: { messageId: noteId, isInternal: true, body: "Provider outage" } });
    expect(rows[4]).toMatchObject({
      before: { status: "WAITING_USER", escalationLevel: 0 },
      after: { status: "ESCALATED", escalationLevel: 1, escalationReason: "Refund needs an admin" },
    });
    expect(rows.every((r) => (r.metadata as { requestId?: string }).requestId)).toBe(true);
  });

  it("records canned response and SLA config changes", async () => {
    const created = await api.execute(
      CreateCanned,
      { input: { title: "Audit canned", body: "Body", shortcut: "/audit" } },
      { headers: operator.headers },
    );
    const id = databaseId((created.data?.createCannedResponse as { id: string }).id);
    await api.execute(
      UpdateCanned,
      { input: { cannedResponseId: globalId("SupportCannedResponse", id), title: "Audit canned 2" } },
      { headers: operator.headers },
    );
    await api.execute(DeleteCanned, { input: { cannedResponseId: globalId("SupportCannedResponse", id) } }, { headers: operator.headers });
    const rows = await api.prisma.auditLog.findMany({
      where: { targetType: "SupportCannedResponse", targetId: id },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.action, r.adminId])).toEqual([
      ["canned_response.create", operator.id],
      ["canned_response.update", operator.id],
      ["canned_response.delete", operator.id],
    ]);
    expect(rows[0]!.after).toMatchObject({ title: "Audit canned", shortcut: "/audit", body: "Body", isActive: true });
    expect(rows[1]).toMatchObject({ before: { title: "Audit canned" }, after: { title: "Audit canned 2" } });
    expect(rows[2]).toMatchObject({ before: { title: "Audit canned 2", shortcut: "/audit" }, after: null });

    const sla = await api.execute(
      UpdateSla,
      { input: { priority: "P2", firstResponseMinutes: 30, resolutionMinutes: 480, description: "Urgent" } },
      { headers: admin.headers },
    );
    const slaId = databaseId((sla.data?.updateSlaConfig as { id: string }).id);
    expect(await lastAudit()).toMatchObject({
      action: "sla_config.update",
      adminId: admin.id,
      targetType: "SupportSlaConfig",
      targetId: slaId,
      before: { firstResponseMinutes: 60, description: null },
      after: { priority: "P2", firstResponseMinutes: 30, description: "Urgent" },
    });
  });
});

// ─── Internal notes ───────────────────────────────────────────────────────────────

describe("internal notes", () => {
  it("are read by staff in desk.conversation, and never reach the ticket's user by any path", async () => {
    const owner = await api.signIn({ name: "Note Owner" });
    const target = await ticket({ subject: "notes-private" }, owner);
    await api.prisma.supportTicketMessage.create({
      data: { ticketId: target.id, senderType: "USER", senderUserId: owner.id, body: "Where are my photos?", createdAt: ago(5) },
    });
    const ticketId = globalId("SupportTicket", target.id);
    const note = await api.execute(Note, { input: { ticketId, body: "SECRET-NOTE: provider outage" } }, { headers: operator.headers });
    expect(note.data?.addInternalNote).toMatchObject({
      __typename: "SupportTicketMessage",
      isInternal: true,
      senderAdmin: { username: expect.stringMatching(/^operator-/) as unknown },
    });
    const reply = await api.execute(Reply, { input: { ticketId, body: "We are looking into it" } }, { headers: operator.headers });
    expect(reply.data?.replyToTicket).toMatchObject({ isInternal: false });
    const noteId = (note.data?.addInternalNote as { id: string }).id;

    // Staff see all three, the note marked.
    const staffView = await api.execute(QueueDetailed, { filter: { search: "notes-private" } }, { headers: viewer.headers });
    const conversation = staffView.data!.admin.supportQueue.edges[0]!.node.desk!.conversation.edges.map((e) => [
      e.node.body,
      e.node.isInternal,
    ]);
    expect(conversation).toEqual([
      ["Where are my photos?", false],
      ["SECRET-NOTE: provider outage", true],
      ["We are looking into it", false],
    ]);

    // The user: their ticket's messages, node(id) of the ticket and of the note, desk, isInternal.
    const mine = await api.execute(UserTickets, {}, { headers: owner.headers });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.viewer!.supportTickets.edges[0]!.node.messages.edges.map((e) => e.node.body)).toEqual([
      "Where are my photos?",
      "We are looking into it",
    ]);
    const viaNode = await api.execute(NodeQuery, { id: ticketId }, { headers: owner.headers });
    expect(viaNode.data?.node).toMatchObject({ number: target.number });
    const noteViaNode = await api.execute(NodeQuery, { id: noteId }, { headers: owner.headers });
    expect(noteViaNode.data?.node ?? null).toBeNull();
    expect(noteViaNode.errors).toBeUndefined();
    const desk = await api.execute(UserDesk, {}, { headers: owner.headers });
    expect(codeOf(desk)).toBe("FORBIDDEN");
    const flag = await api.execute(UserIsInternal, {}, { headers: owner.headers });
    expect(codeOf(flag)).toBe("FORBIDDEN");
    for (const result of [mine, viaNode, noteViaNode, desk, flag]) expect(JSON.stringify(result)).not.toContain("SECRET-NOTE");

    // And no other user or anonymous visitor reaches the note either.
    const other = await api.signIn();
    for (const headers of [other.headers, apiKey.headers, undefined]) {
      const result = await api.execute(NodeQuery, { id: noteId }, { headers });
      expect(result.data?.node ?? null).toBeNull();
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain("SECRET-NOTE");
    }
  });
});

// ─── The queue ────────────────────────────────────────────────────────────────────

describe("the queue", () => {
  it("filters by status, priority, category, assignee, unassigned and search, with totalCount", async () => {
    const a = await ticket({ subject: "qf alpha", status: "OPEN", priority: "P1", category: "PAYMENT", assignedToId: operator.id });
    const b = await ticket({ subject: "qf beta", status: "IN_PROGRESS", priority: "P2", category: "TECHNICAL", assignedToId: admin.id });
    const c = await ticket({ subject: "qf gamma", status: "WAITING_USER", priority: "P3", category: "PAYMENT" });
    const d = await ticket({ subject: "qf delta", status: "CLOSED", priority: "P4", category: "ACCOUNT" });
    const numbers = async (filter: Record<string, unknown>) => {
      const result = await api.execute(
        Queue,
        { filter: { search: "qf ", ...filter }, orderBy: { field: "CREATED_AT", direction: "ASC" } },
        { headers: viewer.headers },
      );
      expect(result.errors).toBeUndefined();
      const connection = result.data!.admin.supportQueue;
      expect(connection.totalCount).toBe(connection.edges.length);
      return connection.edges.map((e) => e.node.subject);
    };
    expect(await numbers({})).toEqual(["qf alpha", "qf beta", "qf gamma", "qf delta"]);
    expect(await numbers({ status: ["OPEN", "WAITING_USER"] })).toEqual(["qf alpha", "qf gamma"]);
    expect(await numbers({ priority: ["P2", "P4"] })).toEqual(["qf beta", "qf delta"]);
    expect(await numbers({ category: "PAYMENT" })).toEqual(["qf alpha", "qf gamma"]);
    expect(await numbers({ assignee: globalId("AdminUser", operator.id) })).toEqual(["qf alpha"]);
    expect(await numbers({ unassigned: true })).toEqual(["qf gamma", "qf delta"]);
    expect(await numbers({ unassigned: false })).toEqual(["qf alpha", "qf beta"]);
    expect(await numbers({ search: "GAMMA" })).toEqual(["qf gamma"]);
    expect(await numbers({ search: d.number })).toEqual(["qf delta"]);
    expect(await numbers({ status: ["OPEN"], category: "TECHNICAL" })).toEqual([]);
    void [a, b, c];

    const both = await api.execute(
      Queue,
      { filter: { assignee: globalId("AdminUser", operator.id), unassigned: true } },
      { headers: viewer.headers },
    );
    expect(codeOf(both)).toBe("VALIDATION_FAILED");
    const wrongType = await api.execute(Queue, { filter: { assignee: globalId("User", customer.id) } }, { headers: viewer.headers });
    expect(codeOf(wrongType)).toBe("VALIDATION_FAILED");
  });

  it("computes the SLA state from the running deadlines and filters by it", async () => {
    const breachedFirst = await ticket({ subject: "sla breached-first", firstResponseDueAt: ago(5), resolutionDueAt: inMinutes(600) });
    const breachedResolution = await ticket({
      subject: "sla breached-resolution",
      firstResponseDueAt: ago(60),
      firstResponseAt: ago(70),
      resolutionDueAt: ago(1),
    });
    const soon = await ticket({ subject: "sla soon", firstResponseDueAt: inMinutes(30), resolutionDueAt: inMinutes(600) });
    const soonResolution = await ticket({
      subject: "sla soon-resolution",
      firstResponseAt: ago(10),
      firstResponseDueAt: ago(5),
      resolutionDueAt: inMinutes(45),
    });
    const onTrack = await ticket({ subject: "sla on-track", firstResponseDueAt: inMinutes(120), resolutionDueAt: inMinutes(600) });
    const noDeadlines = await ticket({ subject: "sla none" });
    const resolved = await ticket({
      subject: "sla resolved",
      status: "RESOLVED",
      resolvedAt: ago(1),
      firstResponseDueAt: ago(100),
      resolutionDueAt: ago(50),
    });

    const all = await api.execute(
      Queue,
      { filter: { search: "sla " }, orderBy: { field: "CREATED_AT", direction: "ASC" } },
      { headers: viewer.headers },
    );
    expect(all.data!.admin.supportQueue.edges.map((e) => [e.node.subject, e.node.desk!.slaState])).toEqual([
      ["sla breached-first", "BREACHED"],
      ["sla breached-resolution", "BREACHED"],
      ["sla soon", "DUE_SOON"],
      ["sla soon-resolution", "DUE_SOON"],
      ["sla on-track", "ON_TRACK"],
      ["sla none", "ON_TRACK"],
      ["sla resolved", null],
    ]);
    const inState = async (slaState: "BREACHED" | "DUE_SOON" | "ON_TRACK") => {
      const result = await api.execute(
        Queue,
        { filter: { search: "sla ", slaState }, orderBy: { field: "CREATED_AT", direction: "ASC" } },
        { headers: viewer.headers },
      );
      expect(result.data!.admin.supportQueue.totalCount).toBe(result.data!.admin.supportQueue.edges.length);
      return result.data!.admin.supportQueue.edges.map((e) => databaseId(e.node.id));
    };
    expect(await inState("BREACHED")).toEqual([breachedFirst.id, breachedResolution.id]);
    expect(await inState("DUE_SOON")).toEqual([soon.id, soonResolution.id]);
    expect(await inState("ON_TRACK")).toEqual([onTrack.id, noDeadlines.id]);
    void resolved;
  });

  it("orders by priority, first-response deadline, creation and update, with a stable id tiebreak, and pages", async () => {
    const t1 = await ticket({
      subject: "ord one",
      priority: "P3",
      firstResponseDueAt: inMinutes(30),
      createdAt: ago(40),
      updatedAt: ago(1),
    });
    const t2 = await ticket({
      subject: "ord two",
      priority: "P1",
      firstResponseDueAt: inMinutes(90),
      createdAt: ago(30),
      updatedAt: ago(3),
    });
    const t3 = await ticket({ subject: "ord three", priority: "P3", createdAt: ago(20), updatedAt: ago(2) });
    const t4 = await ticket({
      subject: "ord four",
      priority: "P2",
      firstResponseDueAt: inMinutes(10),
      createdAt: ago(10),
      updatedAt: ago(4),
    });
    const order = async (orderBy?: {
      field: "PRIORITY" | "FIRST_RESPONSE_DUE" | "CREATED_AT" | "UPDATED_AT";
      direction?: "ASC" | "DESC";
    }) => {
      const result = await api.execute(Queue, { filter: { search: "ord " }, orderBy }, { headers: viewer.headers });
      expect(result.errors).toBeUndefined();
      return result.data!.admin.supportQueue.edges.map((e) => databaseId(e.node.id));
    };
    expect(await order()).toEqual([t2.id, t4.id, t1.id, t3.id]);
    expect(await order({ field: "PRIORITY", direction: "ASC" })).toEqual([t2.id, t4.id, t1.id, t3.id]);
    expect(await order({ field: "PRIORITY", direction: "DESC" })).toEqual([t3.id, t1.id, t4.id, t2.id]);
    expect(await order({ field: "FIRST_RESPONSE_DUE", direction: "ASC" })).toEqual([t4.id, t1.id, t2.id, t3.id]);
    expect(await order({ field: "FIRST_RESPONSE_DUE", direction: "DESC" })).toEqual([t2.id, t1.id, t4.id, t3.id]);
    expect(await order({ field: "CREATED_AT", direction: "ASC" })).toEqual([t1.id, t2.id, t3.id, t4.id]);
    expect(await order({ field: "CREATED_AT" })).toEqual([t4.id, t3.id, t2.id, t1.id]);
    expect(await order({ field: "UPDATED_AT", direction: "DESC" })).toEqual([t1.id, t3.id, t2.id, t4.id]);

    // Pages follow the order without gaps or repeats.
    const seen: number[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 3; page++) {
      const result = await api.execute(
        Queue,
        { filter: { search: "ord " }, orderBy: { field: "PRIORITY", direction: "ASC" }, first: 2, after },
        { headers: viewer.headers },
      );
      const connection = result.data!.admin.supportQueue;
      seen.push(...connection.edges.map((e) => databaseId(e.node.id)));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([t2.id, t4.id, t1.id, t3.id]);
  });

  it("loads tickets with their user, assignee and conversation in a constant number of statements", async () => {
    const load = async (tag: string, tickets: number) => {
      for (let i = 0; i < tickets; i++) {
        const user = await api.signIn({ name: `${tag} user ${i}` });
        const row = await ticket({ subject: `${tag} ticket ${i}`, assignedToId: i % 2 ? operator.id : admin.id, tags: ["x"] }, user);
        await api.prisma.supportTicketMessage.createMany({
          data: [
            { ticketId: row.id, senderType: "USER", senderUserId: user.id, body: "Hello" },
            { ticketId: row.id, senderType: "OPERATOR", senderAdminId: operator.id, body: "Hi" },
            { ticketId: row.id, senderType: "OPERATOR", senderAdminId: operator.id, body: "Note", isInternal: true },
          ],
        });
      }
      const result = await api.execute(QueueDetailed, { filter: { search: `${tag} ticket` }, first: 20 }, { headers: viewer.headers });
      expect(result.errors).toBeUndefined();
      expect(result.data!.admin.supportQueue.edges).toHaveLength(tickets);
      expect(
        result.data!.admin.supportQueue.edges.every(
          (e) => e.node.desk!.conversation.edges.length === 3 && e.node.desk!.user && e.node.desk!.assignedTo,
        ),
      ).toBe(true);
      return result.statements.length;
    };
    const three = await load("stmt3", 3);
    const six = await load("stmt6", 6);
    expect(six).toBe(three);
    expect(three).toBeLessThanOrEqual(7);
  });
});

// ─── Ticket rules ─────────────────────────────────────────────────────────────────

describe("ticket rules", () => {
  it("assigns only to an active OPERATOR or ADMIN, and unassigns with null", async () => {
    const target = await ticket({ subject: "assign rules" });
    const ticketId = globalId("SupportTicket", target.id);
    const inactive = await api.prisma.adminUser.create({
      data: { username: "inactive-operator", passwordHash: "x", role: "OPERATOR", isActive: false },
    });
    for (const assigneeId of [
      globalId("AdminUser", viewer.id),
      globalId("AdminUser", inactive.id),
      globalId("AdminUser", 999_999),
      globalId("User", customer.id),
      "garbage",
    ]) {
      const result = await api.execute(Assign, { input: { ticketId, assigneeId } }, { headers: operator.headers });
      expect(result.data?.assignTicket).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.assigneeId" }] });
    }
    expect((await ticketRow(target.id)).assignedToId).toBeNull();

    await api.prisma.supportOperator.create({ data: { adminId: operator.id, displayName: "Olga" } });
    const assigned = await api.execute(
      Assign,
      { input: { ticketId, assigneeId: globalId("AdminUser", operator.id) } },
      { headers: admin.headers },
    );
    expect(assigned.data?.assignTicket).toMatchObject({
      desk: { assignedTo: { id: globalId("AdminUser", operator.id) }, assignedAt: expect.any(String) as unknown },
    });
    expect((await api.prisma.supportOperator.findUniqueOrThrow({ where: { adminId: operator.id } })).lastAssignedAt).not.toBeNull();
    const unassigned = await api.execute(Assign, { input: { ticketId, assigneeId: null } }, { headers: operator.headers });
    expect(unassigned.data?.assignTicket).toMatchObject({ desk: { assignedTo: null, assignedAt: null } });

    const missing = await api.execute(
      Assign,
      { input: { ticketId: globalId("SupportTicket", 999_999), assigneeId: null } },
      { headers: operator.headers },
    );
    expect(missing.data?.assignTicket).toMatchObject({ __typename: "NotFoundError" });
  });

  it("recomputes the SLA deadlines from the opening time when the priority changes", async () => {
    const openedAt = ago(30);
    const target = await ticket({
      subject: "priority rules",
      priority: "P3",
      createdAt: openedAt,
      firstResponseDueAt: new Date(openedAt.getTime() + 240 * MINUTE),
    });
    const result = await api.execute(
      Update,
      { input: { ticketId: globalId("SupportTicket", target.id), priority: "P1" } },
      { headers: operator.headers },
    );
    expect(result.data?.updateTicket).toMatchObject({ __typename: "SupportTicket", priority: "P1" });
    const row = await ticketRow(target.id);
    expect(row.firstResponseDueAt!.getTime() - openedAt.getTime()).toBe(15 * MINUTE);
    expect(row.resolutionDueAt!.getTime() - openedAt.getTime()).toBe(240 * MINUTE);
  });

  it("moves status sanely: resolves and re-opens, refuses ESCALATED and anything on a CLOSED ticket", async () => {
    const target = await ticket({ subject: "status rules" });
    const ticketId = globalId("SupportTicket", target.id);
    const resolved = await api.execute(Update, { input: { ticketId, status: "RESOLVED" } }, { headers: operator.headers });
    expect(resolved.data?.updateTicket).toMatchObject({ status: "RESOLVED", resolvedAt: expect.any(String) as unknown });
    const reopened = await api.execute(Update, { input: { ticketId, status: "IN_PROGRESS" } }, { headers: operator.headers });
    expect(reopened.data?.updateTicket).toMatchObject({ status: "IN_PROGRESS", resolvedAt: null });

    const escalated = await api.execute(Update, { input: { ticketId, status: "ESCALATED" } }, { headers: operator.headers });
    expect(escalated.data?.updateTicket).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.status" }] });
    const nothing = await api.execute(Update, { input: { ticketId } }, { headers: operator.headers });
    expect(nothing.data?.updateTicket).toMatchObject({ __typename: "ValidationError" });
    const badTags = await api.execute(Update, { input: { ticketId, tags: ["ok", "not ok!"] } }, { headers: operator.headers });
    expect(badTags.data?.updateTicket).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.tags.1" }] });

    const closed = await api.execute(Update, { input: { ticketId, status: "CLOSED" } }, { headers: operator.headers });
    expect(closed.data?.updateTicket).toMatchObject({ status: "CLOSED", closedAt: expect.any(String) as unknown });
    const before = await ticketRow(target.id);
    const audits = await api.prisma.auditLog.count();
    for (const input of [{ status: "OPEN" as const }, { priority: "P1" as const }]) {
      const result = await api.execute(Update, { input: { ticketId, ...input } }, { headers: operator.headers });
      expect(result.data?.updateTicket).toMatchObject({ __typename: "ConflictError" });
    }
    for (const result of [
      await api.execute(Reply, { input: { ticketId, body: "Hello?" } }, { headers: operator.headers }),
      await api.execute(Escalate, { input: { ticketId, reason: "Too late" } }, { headers: operator.headers }),
      await api.execute(Assign, { input: { ticketId, assigneeId: globalId("AdminUser", operator.id) } }, { headers: operator.headers }),
    ]) {
      expect(Object.values(result.data!)[0]).toMatchObject({ __typename: "ConflictError" });
    }
    expect(await ticketRow(target.id)).toEqual(before);
    expect(await api.prisma.auditLog.count()).toBe(audits);
    // Tags stay editable for reporting.
    const tagged = await api.execute(Update, { input: { ticketId, tags: ["post-mortem"] } }, { headers: operator.headers });
    expect(tagged.data?.updateTicket).toMatchObject({ status: "CLOSED", desk: { tags: ["post-mortem"] } });
  });

  it("a reply records the first response once, signs with the operator's name and waits on the user", async () => {
    const target = await ticket({ subject: "reply rules", status: "RESOLVED", resolvedAt: ago(1) });
    const ticketId = globalId("SupportTicket", target.id);
    const first = await api.execute(Reply, { input: { ticketId, body: "  First answer " } }, { headers: operator.headers });
    expect(first.data?.replyToTicket).toMatchObject({ body: "First answer", senderType: "OPERATOR", ticket: { status: "WAITING_USER" } });
    const firstAt = (await ticketRow(target.id)).firstResponseAt!;
    expect(firstAt).not.toBeNull();
    expect((await ticketRow(target.id)).resolvedAt).toBeNull();
    await api.execute(Update, { input: { ticketId, status: "IN_PROGRESS" } }, { headers: operator.headers });
    await api.execute(Reply, { input: { ticketId, body: "Second answer" } }, { headers: admin.headers });
    const row = await ticketRow(target.id);
    expect(row).toMatchObject({ status: "WAITING_USER", firstResponseAt: firstAt });
    const message = await api.prisma.supportTicketMessage.findFirstOrThrow({ where: { ticketId: target.id, body: "Second answer" } });
    expect(message).toMatchObject({
      senderAdminId: admin.id,
      senderUserId: null,
      isInternal: false,
      senderName: expect.stringMatching(/^ADMIN \d+$/) as unknown,
    });

    for (const input of [{ ticketId }, { ticketId, body: "x".repeat(4001) }, { ticketId, body: "  " }]) {
      const result = await api.execute(Reply, { input }, { headers: operator.headers });
      expect(result.data?.replyToTicket).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.body" }] });
    }
  });

  it("a reply may use a canned response, counting its use; a deactivated one is refused", async () => {
    const target = await ticket({ subject: "canned reply" });
    const ticketId = globalId("SupportTicket", target.id);
    const canned = await api.prisma.supportCannedResponse.create({
      data: { title: "Thanks", body: "Thank you for writing!", usageCount: 2 },
    });
    const cannedResponseId = globalId("SupportCannedResponse", canned.id);
    const plain = await api.execute(Reply, { input: { ticketId, cannedResponseId } }, { headers: operator.headers });
    expect(plain.data?.replyToTicket).toMatchObject({ body: "Thank you for writing!" });
    const edited = await api.execute(
      Reply,
      { input: { ticketId, cannedResponseId, body: "Thank you, Anna!" } },
      { headers: operator.headers },
    );
    expect(edited.data?.replyToTicket).toMatchObject({ body: "Thank you, Anna!" });
    expect((await api.prisma.supportCannedResponse.findUniqueOrThrow({ where: { id: canned.id } })).usageCount).toBe(4);

    await api.prisma.supportCannedResponse.update({ where: { id: canned.id }, data: { isActive: false } });
    const messages = await api.prisma.supportTicketMessage.count({ where: { ticketId: target.id } });
    const refused = await api.execute(Reply, { input: { ticketId, cannedResponseId } }, { headers: operator.headers });
    expect(refused.data?.replyToTicket).toMatchObject({ __typename: "ConflictError" });
    const unknown = await api.execute(
      Reply,
      { input: { ticketId, cannedResponseId: globalId("SupportCannedResponse", 999_999) } },
      { headers: operator.headers },
    );
    expect(unknown.data?.replyToTicket).toMatchObject({ __typename: "NotFoundError" });
    expect(await api.prisma.supportTicketMessage.count({ where: { ticketId: target.id } })).toBe(messages);
    expect((await api.prisma.supportCannedResponse.findUniqueOrThrow({ where: { id: canned.id } })).usageCount).toBe(4);
  });

  it("a note changes neither the status nor the first-response clock", async () => {
    const target = await ticket({ subject: "note rules", status: "OPEN" });
    await api.execute(Note, { input: { ticketId: globalId("SupportTicket", target.id), body: "Internal" } }, { headers: operator.headers });
    expect(await ticketRow(target.id)).toMatchObject({ status: "OPEN", firstResponseAt: null });
    const empty = await api.execute(
      Note,
      { input: { ticketId: globalId("SupportTicket", target.id), body: " " } },
      { headers: operator.headers },
    );
    expect(empty.data?.addInternalNote).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.body" }] });
  });

  it("escalation raises the level each time and records the reason; resolved tickets are not escalated", async () => {
    const target = await ticket({ subject: "escalation rules" });
    const ticketId = globalId("SupportTicket", target.id);
    await api.execute(Escalate, { input: { ticketId, reason: "First line is stuck" } }, { headers: operator.headers });
    const second = await api.execute(Escalate, { input: { ticketId, reason: "Needs the CTO" } }, { headers: operator.headers });
    expect(second.data?.escalateTicket).toMatchObject({
      status: "ESCALATED",
      desk: { escalationLevel: 2, escalatedAt: expect.any(String) as unknown, escalationReason: "Needs the CTO" },
    });
    const short = await api.execute(Escalate, { input: { ticketId, reason: "x" } }, { headers: operator.headers });
    expect(short.data?.escalateTicket).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.reason" }] });
    const resolved = await ticket({ subject: "escalation resolved", status: "RESOLVED" });
    const refused = await api.execute(
      Escalate,
      { input: { ticketId: globalId("SupportTicket", resolved.id), reason: "Too late" } },
      { headers: operator.headers },
    );
    expect(refused.data?.escalateTicket).toMatchObject({ __typename: "ConflictError" });
  });
});

// ─── Canned responses, SLA config, other lists ────────────────────────────────────

describe("canned responses", () => {
  it("creates, filters, updates (clearing fields) and deletes; shortcuts are unique", async () => {
    const created = await api.execute(
      CreateCanned,
      { input: { title: " Refund done ", body: "Refund issued.", shortcut: "/refund_done", category: "PAYMENT" } },
      { headers: operator.headers },
    );
    expect(created.data?.createCannedResponse).toMatchObject({
      __typename: "SupportCannedResponse",
      title: "Refund done",
      shortcut: "/refund_done",
      category: "PAYMENT",
      usageCount: 0,
      isActive: true,
      createdBy: { username: expect.stringMatching(/^operator-/) as unknown },
    });
    const id = (created.data?.createCannedResponse as { id: string }).id;
    const taken = await api.execute(
      CreateCanned,
      { input: { title: "Other", body: "Other", shortcut: "/refund_done" } },
      { headers: operator.headers },
    );
    expect(taken.data?.createCannedResponse).toMatchObject({ __typename: "ConflictError" });
    const invalid = await api.execute(CreateCanned, { input: { title: "", body: "", shortcut: "refund" } }, { headers: operator.headers });
    expect(
      (invalid.data?.createCannedResponse as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((e) => e.field).sort(),
    ).toEqual(["input.body", "input.shortcut", "input.title"]);

    const filtered = await api.execute(Canned, { filter: { category: "PAYMENT", search: "refund issued" } }, { headers: viewer.headers });
    expect(filtered.data?.admin.cannedResponses.edges.map((e) => e.node.id)).toEqual([id]);

    const updated = await api.execute(
      UpdateCanned,
      { input: { cannedResponseId: id, shortcut: null, category: null, isActive: false } },
      { headers: operator.headers },
    );
    expect(updated.data?.updateCannedResponse).toMatchObject({ title: "Refund done", shortcut: null, category: null, isActive: false });
    const inactive = await api.execute(Canned, { filter: { active: false, search: "refund issued" } }, { headers: viewer.headers });
    expect(inactive.data?.admin.cannedResponses.totalCount).toBe(1);

    const deleted = await api.execute(DeleteCanned, { input: { cannedResponseId: id } }, { headers: operator.headers });
    expect(deleted.data?.deleteCannedResponse).toEqual({ __typename: "DeleteCannedResponsePayload", deletedCannedResponseId: id });
    const again = await api.execute(DeleteCanned, { input: { cannedResponseId: id } }, { headers: operator.headers });
    expect(again.data?.deleteCannedResponse).toMatchObject({ __typename: "NotFoundError" });
  });
});

describe("the SLA config", () => {
  it("is set per priority by an admin, checked as a whole", async () => {
    const result = await api.execute(
      UpdateSla,
      { input: { priority: "P4", firstResponseMinutes: 720, resolutionMinutes: 2880, escalateAfterMinutes: 900 } },
      { headers: admin.headers },
    );
    expect(result.data?.updateSlaConfig).toMatchObject({
      priority: "P4",
      firstResponseMinutes: 720,
      resolutionMinutes: 2880,
      escalateAfterMinutes: 900,
    });
    const invalid = await api.execute(
      UpdateSla,
      { input: { priority: "P4", firstResponseMinutes: 0, resolutionMinutes: 10 } },
      { headers: admin.headers },
    );
    expect((invalid.data?.updateSlaConfig as { fieldErrors: Array<{ field: string }> }).fieldErrors.map((e) => e.field)).toEqual([
      "input.firstResponseMinutes",
    ]);
    const inverted = await api.execute(
      UpdateSla,
      { input: { priority: "P4", firstResponseMinutes: 100, resolutionMinutes: 50 } },
      { headers: admin.headers },
    );
    expect(inverted.data?.updateSlaConfig).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.resolutionMinutes" }],
    });
    expect(await api.prisma.supportSlaConfig.findUniqueOrThrow({ where: { priority: "P4" } })).toMatchObject({
      firstResponseMinutes: 720,
      escalateAfterMinutes: 900,
    });
    const lists = await api.execute(Lists, {}, { headers: viewer.headers });
    expect(lists.data?.admin.slaConfig.map((c) => c.priority)).toEqual(["P1", "P2", "P3", "P4"]);
  });
});

describe("FAQ analytics, operators and drafts", () => {
  it("lists them with their filters", async () => {
    await api.prisma.supportFaqAnalytics.createMany({
      data: [
        { faqKey: "faq.refunds", viewCount: 40, helpfulCount: 3, notHelpfulCount: 1 },
        { faqKey: "faq.photos", viewCount: 90 },
      ],
    });
    const busy = await api.signInAdmin("OPERATOR");
    await api.prisma.supportOperator.create({
      data: { adminId: busy.id, displayName: "Boris", categories: ["TECHNICAL"], isAvailable: false, telegramChatId: 5099000002n },
    });
    await ticket({ subject: "operator load 1", assignedToId: busy.id });
    await ticket({ subject: "operator load 2", assignedToId: busy.id, status: "CLOSED" });
    const drafter = await api.signIn();
    await api.prisma.supportTicketDraft.createMany({
      data: [
        { telegramChatId: 880001n, userId: drafter.id, step: "subject", subject: "Live draft", expiresAt: inMinutes(30) },
        { telegramChatId: 880002n, step: "category", expiresAt: ago(30) },
      ],
    });
    const result = await api.execute(
      OtherLists,
      { search: "faq.", operators: { available: false, category: "TECHNICAL" }, drafts: { expired: false } },
      { headers: viewer.headers },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.admin.faqAnalytics.edges.map((e) => [e.node.faqKey, e.node.helpfulRate])).toEqual([
      ["faq.photos", null],
      ["faq.refunds", 0.75],
    ]);
    expect(result.data!.admin.supportOperators.edges.map((e) => e.node)).toEqual([
      {
        displayName: "Boris",
        categories: ["TECHNICAL"],
        isAvailable: false,
        activeTickets: 1,
        telegramChatId: "5099000002",
        admin: { username: expect.any(String) as unknown },
      },
    ]);
    expect(result.data!.admin.ticketDrafts.edges.map((e) => e.node)).toEqual([
      { step: "subject", subject: "Live draft", telegramChatId: "880001", user: { id: globalId("User", drafter.id) } },
    ]);
    const expired = await api.execute(OtherLists, { drafts: { expired: true } }, { headers: viewer.headers });
    expect(expired.data!.admin.ticketDrafts.edges.map((e) => e.node.telegramChatId)).toEqual(["880002"]);
  });
});
