import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const Open = graphql(`
  mutation Support_Open($input: OpenSupportTicketInput!) {
    openSupportTicket(input: $input) {
      __typename
      ... on SupportTicket {
        id number subject category priority status createdAt resolvedAt closedAt rating ratingComment
        messages(first: 10) { edges { node { id body senderType senderName createdAt } } }
      }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Post = graphql(`
  mutation Support_Post($input: PostSupportMessageInput!) {
    postSupportMessage(input: $input) {
      __typename
      ... on SupportTicketMessage { id body senderType senderName ticket { id status resolvedAt } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Rate = graphql(`
  mutation Support_Rate($input: RateSupportTicketInput!) {
    rateSupportTicket(input: $input) {
      __typename
      ... on SupportTicket { id status rating ratingComment }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);

const Close = graphql(`
  mutation Support_Close($input: CloseSupportTicketInput!) {
    closeSupportTicket(input: $input) {
      __typename
      ... on SupportTicket { id status closedAt }
      ... on Error { code message }
    }
  }
`);

const Tickets = graphql(`
  query Support_Tickets($status: TicketStatus, $first: Int) {
    viewer {
      supportTickets(first: $first, status: $status) {
        totalCount
        edges {
          node {
            id number subject status updatedAt
            messages(first: 20) {
              edges { node { id body senderType senderName createdAt attachments { url name mimeType } } }
            }
          }
        }
      }
    }
  }
`);

const Node = graphql(`
  query Support_Node($id: ID!) {
    node(id: $id) {
      id
      ... on SupportTicket { number subject messages(first: 20) { edges { node { body } } } }
      ... on SupportTicketMessage { body }
    }
  }
`);

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});

const YEAR = new Date().getUTCFullYear();
const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString("base64");
const databaseId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);
const sequenceOf = (number: string) => Number(number.split("-")[2]);

type OpenedTicket = { id: string; number: string; status: string; messages: { edges: Array<{ node: { id: string } }> } };

async function open(
  user: TestUser,
  input: { subject?: string; category?: "GENERAL" | "PAYMENT" | "TECHNICAL" | "ACCOUNT"; message?: string } = {},
) {
  const result = await api.execute(
    Open,
    { input: { subject: "Photos did not arrive", category: "PAYMENT", message: "I paid an hour ago.", ...input } },
    { headers: user.headers },
  );
  if (result.data?.openSupportTicket.__typename !== "SupportTicket") throw new Error(JSON.stringify(result));
  return result.data.openSupportTicket as OpenedTicket;
}

const ticketRow = (id: string) => api.prisma.supportTicket.findUniqueOrThrow({ where: { id: databaseId(id) } });
const messageCount = (id: string) => api.prisma.supportTicketMessage.count({ where: { ticketId: databaseId(id) } });

describe("opening a ticket", () => {
  it("numbers it TKT-YYYY-NNN, starts it OPEN at P3 with the user's first message", async () => {
    const user = await api.signIn({ name: "Dmitry Orlov" });
    const before = Date.now();
    const result = await api.execute(
      Open,
      { input: { subject: "  Photos did not arrive ", category: "PAYMENT", message: " I paid an hour ago. " } },
      { headers: user.headers },
    );
    expect(result.errors).toBeUndefined();
    const ticket = result.data!.openSupportTicket;
    expect(ticket).toMatchObject({
      __typename: "SupportTicket",
      number: `TKT-${YEAR}-001`,
      subject: "Photos did not arrive",
      category: "PAYMENT",
      priority: "P3",
      status: "OPEN",
      resolvedAt: null,
      closedAt: null,
      rating: null,
      ratingComment: null,
      messages: { edges: [{ node: { body: "I paid an hour ago.", senderType: "USER", senderName: "Dmitry Orlov" } }] },
    });
    const row = await ticketRow((ticket as OpenedTicket).id);
    expect(row).toMatchObject({
      userId: user.id,
      userName: "Dmitry Orlov",
      source: "WEB",
      firstResponseDueAt: null,
      resolutionDueAt: null,
    });
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("sets SLA deadlines from the priority's config, and never shows them to the user", async () => {
    await api.prisma.supportSlaConfig.createMany({
      data: [
        { priority: "P1", firstResponseMinutes: 15, resolutionMinutes: 240 },
        { priority: "P3", firstResponseMinutes: 240, resolutionMinutes: 1440 },
      ],
    });
    const user = await api.signIn();
    const ticket = await open(user, { category: "GENERAL" });
    const row = await ticketRow(ticket.id);
    expect(row.priority).toBe("P3");
    expect(row.firstResponseDueAt!.getTime() - row.createdAt.getTime()).toBe(240 * 60_000);
    expect(row.resolutionDueAt!.getTime() - row.createdAt.getTime()).toBe(1440 * 60_000);
    const schema = await import("node:fs/promises").then((fs) => fs.readFile(new URL("../../schema.graphql", import.meta.url), "utf8"));
    const ticketType = /type SupportTicket implements Node \{[^}]*\}/.exec(schema)![0];
    expect(ticketType).not.toMatch(/due|sla|assigned|escalat|internal|tags/i);
  });

  it("gives 10 concurrent opens 10 distinct, consecutive numbers", async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => api.signIn()));
    const last = await api.prisma.supportTicket.count();
    const tickets = await Promise.all(Array.from({ length: 10 }, (_, i) => open(users[i % 5]!, { subject: `Concurrent ${i}` })));
    const sequences = tickets.map((t) => sequenceOf(t.number)).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 10 }, (_, i) => last + 1 + i));
    expect(tickets.every((t) => t.number.startsWith(`TKT-${YEAR}-`))).toBe(true);
  });

  it("keeps counting past 999 (numbers compare as numbers, not text)", async () => {
    const user = await api.signIn();
    await api.prisma.supportTicket.create({ data: { number: `TKT-${YEAR}-999`, userId: user.id, subject: "Imported" } });
    await api.prisma.supportTicket.create({ data: { number: `TKT-${YEAR - 1}-5000`, userId: user.id, subject: "Last year" } });
    expect((await open(user)).number).toBe(`TKT-${YEAR}-1000`);
    expect((await open(user)).number).toBe(`TKT-${YEAR}-1001`);
  });

  it.each([
    ["subject", { subject: "ab" }],
    ["subject", { subject: "x".repeat(201) }],
    ["message", { message: "   " }],
    ["message", { message: "x".repeat(4001) }],
  ])("answers an invalid %s with a field error and stores nothing", async (field, patch) => {
    const user = await api.signIn();
    const result = await api.execute(
      Open,
      { input: { subject: "Valid subject", category: "GENERAL", message: "Valid message", ...patch } },
      { headers: user.headers },
    );
    const payload = result.data?.openSupportTicket as { __typename: string; fieldErrors: Array<{ field: string }> };
    expect(payload.__typename).toBe("ValidationError");
    expect(payload.fieldErrors.map((e) => e.field)).toEqual([`input.${field}`]);
    expect(await api.prisma.supportTicket.count({ where: { userId: user.id } })).toBe(0);
  });

  it("is refused to an anonymous request", async () => {
    const before = await api.prisma.supportTicket.count();
    const result = await api.execute(Open, { input: { subject: "Anonymous", category: "GENERAL", message: "Hello" } });
    expect(result.data?.openSupportTicket ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await api.prisma.supportTicket.count()).toBe(before);
  });
});

describe("the conversation", () => {
  it("never shows internal notes to the ticket's user, and shows operators by display name", async () => {
    const user = await api.signIn();
    const ticket = await open(user);
    const ticketId = databaseId(ticket.id);
    const operator = await api.prisma.adminUser.create({
      data: { username: "operator-olga", email: "olga@pinglass.test", passwordHash: "x", role: "OPERATOR", displayName: "Olga Operator" },
    });
    await api.prisma.supportTicketMessage.createMany({
      data: [
        {
          ticketId,
          senderType: "OPERATOR",
          senderAdminId: operator.id,
          senderName: "Olga",
          body: "We are on it.",
          createdAt: new Date(Date.now() + 1000),
        },
        {
          ticketId,
          senderType: "OPERATOR",
          senderAdminId: operator.id,
          senderName: "Olga",
          isInternal: true,
          body: "INTERNAL: provider outage, refund via T-Bank",
          createdAt: new Date(Date.now() + 2000),
        },
        {
          ticketId,
          senderType: "OPERATOR",
          senderAdminId: operator.id,
          body: "Refund started.",
          attachments: [{ url: "https://files.test/receipt.pdf", name: "receipt.pdf", mimeType: "application/pdf" }, { name: "no url" }],
          createdAt: new Date(Date.now() + 3000),
        },
        { ticketId, senderType: "SYSTEM", senderName: "PinGlass", body: "Refund of 499 RUB done.", createdAt: new Date(Date.now() + 4000) },
      ],
    });
    const note = await api.prisma.supportTicketMessage.findFirstOrThrow({ where: { ticketId, isInternal: true } });

    const list = await api.execute(Tickets, {}, { headers: user.headers });
    expect(list.errors).toBeUndefined();
    const listed = list.data!.viewer!.supportTickets.edges.find((e) => e.node.id === ticket.id)!.node;
    expect(listed.messages.edges.map(({ node }) => [node.senderType, node.senderName, node.body, node.attachments])).toEqual([
      ["USER", "Test User", "I paid an hour ago.", []],
      ["OPERATOR", "Olga", "We are on it.", []],
      [
        "OPERATOR",
        "Support",
        "Refund started.",
        [{ url: "https://files.test/receipt.pdf", name: "receipt.pdf", mimeType: "application/pdf" }],
      ],
      ["SYSTEM", "PinGlass", "Refund of 499 RUB done.", []],
    ]);

    const viaNode = await api.execute(Node, { id: ticket.id }, { headers: user.headers });
    expect(viaNode.data?.node).toMatchObject({ number: ticket.number });
    const noteViaNode = await api.execute(Node, { id: globalId("SupportTicketMessage", note.id) }, { headers: user.headers });
    expect(noteViaNode.data?.node).toBeNull();
    expect(noteViaNode.errors).toBeUndefined();
    for (const result of [list, viaNode, noteViaNode]) {
      const text = JSON.stringify(result);
      expect(text).not.toContain("INTERNAL");
      expect(text).not.toContain("Olga Operator");
      expect(text).not.toContain("olga@pinglass.test");
    }
  });

  it("adds the user's message; a RESOLVED or WAITING_USER ticket re-opens, others keep their status", async () => {
    const user = await api.signIn();
    const cases = [
      ["OPEN", "OPEN"],
      ["IN_PROGRESS", "IN_PROGRESS"],
      ["ESCALATED", "ESCALATED"],
      ["WAITING_USER", "OPEN"],
      ["RESOLVED", "OPEN"],
    ] as const;
    for (const [from, to] of cases) {
      const ticket = await open(user);
      await api.prisma.supportTicket.update({
        where: { id: databaseId(ticket.id) },
        data: { status: from, resolvedAt: from === "RESOLVED" ? new Date() : null },
      });
      const result = await api.execute(Post, { input: { ticketId: ticket.id, body: ` Any news (${from})? ` } }, { headers: user.headers });
      expect(result.errors).toBeUndefined();
      expect(result.data?.postSupportMessage).toMatchObject({
        __typename: "SupportTicketMessage",
        body: `Any news (${from})?`,
        senderType: "USER",
        senderName: "Test User",
        ticket: { id: ticket.id, status: to, resolvedAt: null },
      });
      expect((await ticketRow(ticket.id)).status).toBe(to);
      expect(await messageCount(ticket.id)).toBe(2);
    }
  });

  it("refuses a message on a CLOSED ticket and changes nothing", async () => {
    const user = await api.signIn();
    const ticket = await open(user);
    await api.execute(Close, { input: { ticketId: ticket.id } }, { headers: user.headers });
    const before = await ticketRow(ticket.id);
    const result = await api.execute(Post, { input: { ticketId: ticket.id, body: "Hello?" } }, { headers: user.headers });
    expect(result.data?.postSupportMessage).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    expect(await ticketRow(ticket.id)).toEqual(before);
    expect(await messageCount(ticket.id)).toBe(1);
  });

  it("answers an empty or too long message with a field error", async () => {
    const user = await api.signIn();
    const ticket = await open(user);
    for (const body of [" ", "x".repeat(4001)]) {
      const result = await api.execute(Post, { input: { ticketId: ticket.id, body } }, { headers: user.headers });
      expect(result.data?.postSupportMessage).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.body" }] });
    }
    expect(await messageCount(ticket.id)).toBe(1);
  });
});

describe("another user and anonymous requests", () => {
  it("can neither read nor write someone else's ticket", async () => {
    const [owner, other] = await Promise.all([api.signIn(), api.signIn()]);
    const ticket = await open(owner, { subject: "Owner's private matter", message: "My secret details" });
    await api.prisma.supportTicket.update({ where: { id: databaseId(ticket.id) }, data: { status: "RESOLVED", resolvedAt: new Date() } });
    const before = await ticketRow(ticket.id);
    const messageId = ticket.messages.edges[0]!.node.id;

    for (const headers of [other.headers, undefined]) {
      for (const id of [ticket.id, messageId]) {
        const result = await api.execute(Node, { id }, { headers });
        expect(result.data?.node).toBeNull();
        expect(result.errors).toBeUndefined();
        expect(JSON.stringify(result)).not.toMatch(/secret|private/);
      }
    }
    const theirs = await api.execute(Tickets, {}, { headers: other.headers });
    expect(theirs.data?.viewer?.supportTickets).toEqual({ totalCount: 0, edges: [] });

    const post = await api.execute(Post, { input: { ticketId: ticket.id, body: "Intruding" } }, { headers: other.headers });
    expect(post.data?.postSupportMessage).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const rate = await api.execute(Rate, { input: { ticketId: ticket.id, rating: 1 } }, { headers: other.headers });
    expect(rate.data?.rateSupportTicket).toMatchObject({ __typename: "NotFoundError" });
    const close = await api.execute(Close, { input: { ticketId: ticket.id } }, { headers: other.headers });
    expect(close.data?.closeSupportTicket).toMatchObject({ __typename: "NotFoundError" });

    for (const [document, input] of [
      [Post, { ticketId: ticket.id, body: "Anonymous" }],
      [Rate, { ticketId: ticket.id, rating: 1 }],
      [Close, { ticketId: ticket.id }],
    ] as const) {
      const result = await api.execute(document as typeof Close, { input: input as { ticketId: string } });
      expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }

    expect(await ticketRow(ticket.id)).toEqual(before);
    expect(await messageCount(ticket.id)).toBe(1);
  });

  it("answers an id of another type, an unknown or a malformed id with NotFoundError", async () => {
    const user = await api.signIn();
    for (const ticketId of [
      globalId("User", user.id),
      globalId("SupportTicket", 2_000_000_000),
      globalId("SupportTicket", "1; DROP"),
      "garbage",
    ]) {
      const result = await api.execute(Post, { input: { ticketId, body: "Hello" } }, { headers: user.headers });
      expect(result.data?.postSupportMessage).toMatchObject({ __typename: "NotFoundError" });
    }
  });
});

describe("rating and closing", () => {
  it("rates a RESOLVED ticket once, and refuses an open ticket", async () => {
    const user = await api.signIn();
    const ticket = await open(user);
    const early = await api.execute(Rate, { input: { ticketId: ticket.id, rating: 5 } }, { headers: user.headers });
    expect(early.data?.rateSupportTicket).toMatchObject({ __typename: "ConflictError" });
    expect((await ticketRow(ticket.id)).rating).toBeNull();

    await api.prisma.supportTicket.update({ where: { id: databaseId(ticket.id) }, data: { status: "RESOLVED", resolvedAt: new Date() } });
    const rated = await api.execute(
      Rate,
      { input: { ticketId: ticket.id, rating: 4, comment: "  Quick, thanks " } },
      { headers: user.headers },
    );
    expect(rated.data?.rateSupportTicket).toEqual({
      __typename: "SupportTicket",
      id: ticket.id,
      status: "RESOLVED",
      rating: 4,
      ratingComment: "Quick, thanks",
    });

    const again = await api.execute(
      Rate,
      { input: { ticketId: ticket.id, rating: 1, comment: "Changed my mind" } },
      { headers: user.headers },
    );
    expect(again.data?.rateSupportTicket).toMatchObject({
      __typename: "ConflictError",
      message: expect.stringMatching(/already rated/) as unknown,
    });
    expect(await ticketRow(ticket.id)).toMatchObject({ rating: 4, ratingComment: "Quick, thanks" });
  });

  it("lets only one of concurrent ratings through", async () => {
    const user = await api.signIn();
    const ticket = await open(user);
    await api.prisma.supportTicket.update({ where: { id: databaseId(ticket.id) }, data: { status: "RESOLVED" } });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((rating) => api.execute(Rate, { input: { ticketId: ticket.id, rating } }, { headers: user.headers })),
    );
    const accepted = results.filter((r) => r.data?.rateSupportTicket.__typename === "SupportTicket");
    expect(accepted).toHaveLength(1);
    expect((await ticketRow(ticket.id)).rating).toBe((accepted[0]!.data!.rateSupportTicket as { rating: number }).rating);
  });

  it.each([
    ["rating", { rating: 0 }],
    ["rating", { rating: 6 }],
    ["comment", { rating: 5, comment: "x".repeat(1001) }],
  ])("answers an invalid %s with a field error", async (field, patch) => {
    const user = await api.signIn();
    const ticket = await open(user);
    await api.prisma.supportTicket.update({ where: { id: databaseId(ticket.id) }, data: { status: "RESOLVED" } });
    const result = await api.execute(Rate, { input: { ticketId: ticket.id, ...patch } }, { headers: user.headers });
    expect(result.data?.rateSupportTicket).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: `input.${field}` }] });
    expect((await ticketRow(ticket.id)).rating).toBeNull();
  });

  it("closes a ticket (once: closing again keeps the first date), which can then be rated", async () => {
    const user = await api.signIn();
    const ticket = await open(user);
    const closed = await api.execute(Close, { input: { ticketId: ticket.id } }, { headers: user.headers });
    expect(closed.data?.closeSupportTicket).toMatchObject({
      __typename: "SupportTicket",
      status: "CLOSED",
      closedAt: expect.any(String) as unknown,
    });
    const first = await ticketRow(ticket.id);
    const again = await api.execute(Close, { input: { ticketId: ticket.id } }, { headers: user.headers });
    expect(again.data?.closeSupportTicket).toMatchObject({ status: "CLOSED", closedAt: first.closedAt!.toISOString() });
    expect(await ticketRow(ticket.id)).toEqual(first);

    const rated = await api.execute(Rate, { input: { ticketId: ticket.id, rating: 3 } }, { headers: user.headers });
    expect(rated.data?.rateSupportTicket).toMatchObject({ __typename: "SupportTicket", status: "CLOSED", rating: 3 });
  });
});

describe("the ticket list", () => {
  it("lists the viewer's tickets newest first, filtered by status", async () => {
    const user = await api.signIn();
    const first = await open(user, { subject: "First ticket" });
    const second = await open(user, { subject: "Second ticket" });
    await api.execute(Close, { input: { ticketId: first.id } }, { headers: user.headers });
    const all = await api.execute(Tickets, {}, { headers: user.headers });
    expect(all.data?.viewer?.supportTickets.edges.map((e) => e.node.subject)).toEqual(["Second ticket", "First ticket"]);
    expect(all.data?.viewer?.supportTickets.totalCount).toBe(2);
    const closed = await api.execute(Tickets, { status: "CLOSED" }, { headers: user.headers });
    expect(closed.data?.viewer?.supportTickets).toMatchObject({ totalCount: 1, edges: [{ node: { id: first.id, status: "CLOSED" } }] });
    const open_ = await api.execute(Tickets, { status: "OPEN" }, { headers: user.headers });
    expect(open_.data?.viewer?.supportTickets.edges.map((e) => e.node.id)).toEqual([second.id]);
  });

  it("loads tickets and their messages in the same number of statements for 3 and for 6 tickets", async () => {
    const user = await api.signIn();
    const addTickets = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const ticket = await open(user, { subject: `Nested ${i}` });
        await api.prisma.supportTicketMessage.createMany({
          data: [
            { ticketId: databaseId(ticket.id), senderType: "OPERATOR", senderName: "Olga", body: "Reply" },
            { ticketId: databaseId(ticket.id), senderType: "OPERATOR", isInternal: true, body: "Note" },
          ],
        });
      }
    };
    await addTickets(3);
    const three = await api.execute(Tickets, { first: 50 }, { headers: user.headers });
    await addTickets(3);
    const six = await api.execute(Tickets, { first: 50 }, { headers: user.headers });
    expect(three.errors).toBeUndefined();
    expect(six.errors).toBeUndefined();
    const tickets = six.data!.viewer!.supportTickets;
    expect(tickets.edges).toHaveLength(6);
    expect(tickets.edges.every((e) => e.node.messages.edges.length === 2)).toBe(true);
    expect(six.statements).toHaveLength(three.statements.length);
    expect(six.statements).toHaveLength(MEASURED_TICKET_LIST_STATEMENTS);
  });
});

/** Session, user (with the tickets' count), tickets, their messages. */
const MEASURED_TICKET_LIST_STATEMENTS = 4;
