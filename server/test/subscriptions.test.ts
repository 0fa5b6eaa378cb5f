// Live subscriptions over the real HTTP server: graphql-ws and SSE deliver generation
// progress in order; authorisation when subscribing and again for every event (a caller who
// loses access mid-stream gets nothing more); internal notes only to staff; the operators'
// queue. Rows are changed through Prisma and the events published on the app's bus, as the
// worker does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  execute,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  subscribe,
  type DocumentNode,
  type ExecutionResult,
} from "graphql";
import type { Client } from "graphql-ws";
import { createApp, GRAPHQL_PATH, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { recordStatements } from "../src/db/prisma.ts";
import { createEventBus, publishAll, type EventBus } from "../src/events/pubsub.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import { operationKey, subscribeShared } from "../src/http/shared-execution.ts";
import { EventStream } from "../src/events/event-stream.ts";
import { ReplayedEvent } from "../src/events/replayed-event.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { SESSION_RECHECK_MS } from "../src/schema/live-sessions.ts";
import { MAX_PENDING_EVENTS } from "../src/events/live-groups.ts";
import { issueSession } from "../src/auth/sessions.ts";
import { createTestApi, TEST_BOT_TOKEN, type TestAdmin, type TestApi, type TestUser } from "./support/harness.ts";
import { observedBus, subscribeSse as openSse, subscribeWs, wsClient, type LiveStream, type Operation } from "./support/live.ts";

let api: TestApi;
let server: RunningHttpServer;
let app: App;
let bus: EventBus;
let observed: ReturnType<typeof observedBus>;
let styleId: number;
const clients: Client[] = [];
const sseStreams: LiveStream[] = [];

beforeAll(async () => {
  api = await createTestApi();
  styleId = (await api.prisma.style.create({ data: { code: "live", name: "Live" } })).id;
  const events = await createEventBus(undefined);
  observed = observedBus(events.bus);
  bus = observed.bus;
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: api.databaseUrl, TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, PORT: "0" });
  app = createApp({ config, prisma: api.prisma, events: bus });
  server = await startHttpServer(app, { prisma: api.prisma, host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  for (const stream of sseStreams) stream.close();
  await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
  await server.close();
});

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

function ws(params: Record<string, unknown> = {}): Client {
  const client = wsClient(server.url, params);
  clients.push(client);
  return client;
}

function subscribeSse(url: string, operation: Operation, headers?: Record<string, string>): LiveStream {
  const stream = openSse(url, operation, headers);
  sseStreams.push(stream);
  return stream;
}

const as = (caller: TestUser | TestAdmin) => ws({ authorization: `Bearer ${caller.token}` });

/** A mutation over HTTP (the same server, so its events go on the same bus). */
async function mutate(caller: TestUser | TestAdmin, query: string, variables: Record<string, unknown>) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...caller.headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  const [result] = Object.values(body.data!);
  if (result && typeof result.__typename === "string" && !["SupportTicket", "SupportTicketMessage"].includes(result.__typename)) {
    throw new Error(JSON.stringify(result));
  }
  return result!;
}

const errorCode = (payload: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => payload.errors?.[0]?.extensions?.code;

// ─── Generation progress ──────────────────────────────────────────────────────────

const JOB_UPDATES = `
  subscription Job($jobId: ID!) {
    generationJobUpdated(jobId: $jobId) {
      id status completedPhotos totalPhotos progress errorMessage
      avatar { id status }
      generatedPhotos(first: 50) { totalCount edges { node { imageUrl } } }
    }
  }`;

interface JobPayload {
  status: string;
  completedPhotos: number;
  totalPhotos: number;
  avatar: { status: string };
  generatedPhotos: { totalCount: number; edges: Array<{ node: { imageUrl: string } }> };
}

async function newJob(user: TestUser, totalPhotos = 3) {
  const avatar = await api.prisma.avatar.create({ data: { userId: user.id, name: "Live", status: "PROCESSING" } });
  const job = await api.prisma.generationJob.create({ data: { avatarId: avatar.id, styleId, totalPhotos } });
  return { avatarId: avatar.id, jobId: job.id, id: globalId("GenerationJob", job.id) };
}

/** What the worker does for one finished photo: the row, the count, then the event. */
async function finishPhoto(job: { avatarId: number; jobId: number }, n: number) {
  const photo = await api.prisma.generatedPhoto.create({
    data: { avatarId: job.avatarId, jobId: job.jobId, prompt: `prompt ${n}`, imageUrl: `https://files.test/p${n}.png` },
  });
  await api.prisma.generationJob.update({
    where: { id: job.jobId },
    data: { completedPhotos: { increment: 1 }, status: "PROCESSING", startedAt: new Date() },
  });
  bus.publish("generation:job", job.jobId, { jobId: job.jobId, photoId: photo.id });
}

async function completeJob(job: { avatarId: number; jobId: number }) {
  await api.prisma.$transaction([
    api.prisma.generationJob.update({ where: { id: job.jobId }, data: { status: "COMPLETED", completedAt: new Date() } }),
    api.prisma.avatar.update({ where: { id: job.avatarId }, data: { status: "READY" } }),
  ]);
  publishAll(bus, [
    { channel: "generation:job", args: [job.jobId, { jobId: job.jobId }] },
    { channel: "avatar", args: [job.avatarId, { avatarId: job.avatarId }] },
  ]);
}

/** Reads a job's stream until it shows the job COMPLETED, as (status, completed) pairs. */
async function readToCompletion(stream: LiveStream) {
  const seen: Array<[string, number]> = [];
  for (;;) {
    const job = await nextJob(stream);
    seen.push([job.status, job.completedPhotos]);
    if (job.status === "COMPLETED") return { seen, last: job };
  }
}

/** Reads the stream's next job state. */
async function nextJob(stream: LiveStream): Promise<JobPayload> {
  const payload = await stream.next();
  expect(payload.errors).toBeUndefined();
  return payload.data!.generationJobUpdated as JobPayload;
}

/**
 * Drives the job one step at a time, reading each step's event before the next step (each
 * event shows the job as it is when the subscriber reloads it), as (status, completed,
 * photos) triples from the initial state to completion.
 */
async function followJob(stream: LiveStream, job: { avatarId: number; jobId: number }, photos: number) {
  const seen: Array<[string, number, number]> = [];
  const record = (state: JobPayload) => {
    expect(state.generatedPhotos.edges).toHaveLength(state.generatedPhotos.totalCount);
    seen.push([state.status, state.completedPhotos, state.generatedPhotos.totalCount]);
    return state;
  };
  record(await nextJob(stream));
  await observed.listening("generation:job", job.jobId);
  for (let n = 1; n <= photos; n++) {
    await finishPhoto(job, n);
    record(await nextJob(stream));
  }
  await completeJob(job);
  return { seen, last: record(await nextJob(stream)) };
}

const EXPECTED_PROGRESS: Array<[string, number, number]> = [
  ["PENDING", 0, 0],
  ["PROCESSING", 1, 1],
  ["PROCESSING", 2, 2],
  ["PROCESSING", 3, 3],
  ["COMPLETED", 3, 3],
];

describe("generationJobUpdated", () => {
  it("over graphql-ws: the current state, then every change in order until the job completes", async () => {
    const user = await api.signIn();
    const job = await newJob(user);
    const stream = subscribeWs(as(user), { query: JOB_UPDATES, variables: { jobId: job.id } });
    const { seen, last } = await followJob(stream, job, 3);
    expect(seen).toEqual(EXPECTED_PROGRESS);
    expect(last).toMatchObject({ totalPhotos: 3, progress: 1, avatar: { status: "READY" } });
    expect(last.generatedPhotos.edges.map((e) => e.node.imageUrl)).toEqual(
      ["p3", "p2", "p1"].map((name) => `https://files.test/${name}.png`),
    );
    stream.close();
  });

  it("over SSE (POST with Accept: text/event-stream): the same events in the same order", async () => {
    const user = await api.signIn();
    const job = await newJob(user);
    const stream = subscribeSse(server.url, { query: JOB_UPDATES, variables: { jobId: job.id } }, user.headers);
    const { seen } = await followJob(stream, job, 3);
    expect(seen).toEqual(EXPECTED_PROGRESS);
    stream.close();
  });

  it("under a burst of events (the worker faster than the subscribers), both transports still reach the end in order", async () => {
    const user = await api.signIn();
    const job = await newJob(user, 20);
    const streams = [
      subscribeWs(as(user), { query: JOB_UPDATES, variables: { jobId: job.id } }),
      subscribeSse(server.url, { query: JOB_UPDATES, variables: { jobId: job.id } }, user.headers),
    ];
    await observed.listening("generation:job", job.jobId, 2);
    const drive = (async () => {
      for (let n = 1; n <= 20; n++) await finishPhoto(job, n);
      await completeJob(job);
    })();
    const [results] = await Promise.all([Promise.all(streams.map(readToCompletion)), drive]);
    for (const { seen, last } of results) {
      // Never backwards: each event shows the job as it was when reloaded, later than the one before.
      const counts = seen.map(([, completed]) => completed);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(last).toMatchObject({ status: "COMPLETED", completedPhotos: 20, avatar: { status: "READY" } });
      expect(last.generatedPhotos.edges).toHaveLength(20);
    }
    for (const stream of streams) stream.close();
  });

  it("staff may follow any user's job", async () => {
    const user = await api.signIn();
    const viewer = await api.signInAdmin("VIEWER");
    const job = await newJob(user);
    const stream = subscribeWs(as(viewer), { query: JOB_UPDATES, variables: { jobId: job.id } });
    const { seen } = await followJob(stream, job, 3);
    expect(seen).toEqual(EXPECTED_PROGRESS);
    stream.close();
  });

  it("refuses another user's job, an id of another type and garbage before any event (NOT_FOUND)", async () => {
    const owner = await api.signIn();
    const other = await api.signIn();
    const job = await newJob(owner);
    for (const jobId of [job.id, globalId("Avatar", job.avatarId), "garbage", globalId("GenerationJob", 2_000_000_000)]) {
      for (const stream of [
        subscribeWs(as(other), { query: JOB_UPDATES, variables: { jobId } }),
        subscribeSse(server.url, { query: JOB_UPDATES, variables: { jobId } }, other.headers),
      ]) {
        const payload = await stream.next();
        expect(errorCode(payload)).toBe("NOT_FOUND");
        expect(payload.data ?? null).toBeNull();
        await stream.ending();
      }
    }
    expect(observed.listeners("generation:job", job.jobId)).toBe(0);
  });

  it("refuses anonymous callers (UNAUTHENTICATED) and partner API keys (FORBIDDEN)", async () => {
    const owner = await api.signIn();
    const job = await newJob(owner);
    const anonymous = [
      subscribeWs(ws(), { query: JOB_UPDATES, variables: { jobId: job.id } }),
      subscribeSse(server.url, { query: JOB_UPDATES, variables: { jobId: job.id } }),
    ];
    for (const stream of anonymous) expect(errorCode(await stream.next())).toBe("UNAUTHENTICATED");
    const key = await api.createApiKey(owner.id, ["REFERRALS_READ"]);
    const partner = subscribeWs(ws({ authorization: `Bearer ${key.key}` }), { query: JOB_UPDATES, variables: { jobId: job.id } });
    expect(errorCode(await partner.next())).toBe("FORBIDDEN");
  });

  it("refuses a revoked session at connection_init's operation, and a bad token (UNAUTHENTICATED)", async () => {
    const owner = await api.signIn();
    const job = await newJob(owner);
    await api.prisma.userSession.updateMany({ where: { userId: owner.id }, data: { revokedAt: new Date() } });
    const revoked = subscribeWs(as(owner), { query: JOB_UPDATES, variables: { jobId: job.id } });
    expect(errorCode(await revoked.next())).toBe("UNAUTHENTICATED");
    const forged = subscribeWs(ws({ token: "pgs_not-a-real-token" }), { query: JOB_UPDATES, variables: { jobId: job.id } });
    expect(errorCode(await forged.next())).toBe("UNAUTHENTICATED");
  });

  it("re-checks every event: while the avatar belongs to someone else, its events are skipped", async () => {
    const owner = await api.signIn();
    const someoneElse = await api.signIn();
    const job = await newJob(owner);
    const stream = subscribeWs(as(owner), { query: JOB_UPDATES, variables: { jobId: job.id } });
    expect((await stream.next()).data?.generationJobUpdated).toMatchObject({ completedPhotos: 0 });
    await observed.listening("generation:job", job.jobId);

    await finishPhoto(job, 1);
    expect((await stream.next()).data?.generationJobUpdated).toMatchObject({ completedPhotos: 1 });

    await api.prisma.avatar.update({ where: { id: job.avatarId }, data: { userId: someoneElse.id } });
    await finishPhoto(job, 2);
    await stream.quietFor(300);

    await api.prisma.avatar.update({ where: { id: job.avatarId }, data: { userId: owner.id } });
    await finishPhoto(job, 3);
    // Photo 2's event never came; the next one shows where the job is now.
    expect((await stream.next()).data?.generationJobUpdated).toMatchObject({ completedPhotos: 3 });
    stream.close();
  });

  it("ends the subscription of a user banned mid-stream, without another event", async () => {
    const owner = await api.signIn();
    const job = await newJob(owner);
    const stream = subscribeSse(server.url, { query: JOB_UPDATES, variables: { jobId: job.id } }, owner.headers);
    await stream.next();
    await observed.listening("generation:job", job.jobId);
    await api.prisma.user.update({ where: { id: owner.id }, data: { isBanned: true, bannedAt: new Date() } });
    await sleep(SESSION_RECHECK_MS); // session checks are reused for that long
    await finishPhoto(job, 1);
    expect(await stream.ending()).toEqual({ unread: [], error: undefined });
    await expect.poll(() => observed.listeners("generation:job", job.jobId)).toBe(0);
  });

  it("ends a staff subscription once the admin session is revoked", async () => {
    const owner = await api.signIn();
    const viewer = await api.signInAdmin("VIEWER");
    const job = await newJob(owner);
    const stream = subscribeWs(as(viewer), { query: JOB_UPDATES, variables: { jobId: job.id } });
    await stream.next();
    await observed.listening("generation:job", job.jobId);
    await api.prisma.adminSession.updateMany({ where: { adminId: viewer.id }, data: { revokedAt: new Date() } });
    await sleep(SESSION_RECHECK_MS); // session checks are reused for that long
    await finishPhoto(job, 1);
    expect(await stream.ending()).toEqual({ unread: [], error: undefined });
  });

  it("stops listening on the bus when the client unsubscribes", async () => {
    const owner = await api.signIn();
    const job = await newJob(owner);
    const client = as(owner);
    const stream = subscribeWs(client, { query: JOB_UPDATES, variables: { jobId: job.id } });
    await stream.next();
    await observed.listening("generation:job", job.jobId);
    stream.close();
    await expect.poll(() => observed.listeners("generation:job", job.jobId)).toBe(0);
  });
});

describe("loading per event", () => {
  /**
   * SQL statements of one SSE subscription (in-process, so the recording client sees the
   * subscriber's statements) through the initial state and `photos` photo events.
   */
  async function statementsFor(photos: number) {
    const user = await api.signIn();
    const job = await newJob(user, photos);
    const query = `subscription ($jobId: ID!) {
      generationJobUpdated(jobId: $jobId) {
        status avatar { name referencePhotoCount }
        generatedPhotos(first: 50) { totalCount edges { node { imageUrl isFavorite style { name } } } }
      }
    }`;
    let received = 0;
    let onEvent = () => {};
    const reading = recordStatements(async () => {
      const response = await app.fetch(`http://localhost${GRAPHQL_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream", ...user.headers },
        body: JSON.stringify({ query, variables: { jobId: job.id } }),
      });
      const reader = response.body!.getReader();
      let text = "";
      while (received < photos + 1) {
        text += new TextDecoder().decode((await reader.read()).value);
        received = (text.match(/^event: next$/gm) ?? []).length;
        onEvent();
      }
      await reader.cancel();
      return text;
    });
    const event = (count: number) => new Promise<void>((resolve) => (onEvent = () => received >= count && resolve()));
    await event(1);
    await observed.listening("generation:job", job.jobId);
    for (let n = 1; n <= photos; n++) {
      const next = event(n + 1);
      await finishPhoto(job, n);
      await next;
    }
    const { result, statements } = await reading;
    expect(result).toContain(`"totalCount":${photos}`);
    return statements.length;
  }

  it("reloads the whole selection with a constant number of statements per event, however many photos", async () => {
    const [two, five] = [await statementsFor(2), await statementsFor(5)];
    // One Prisma query per event for a user: the job (with the ownership and session
    // filter), then one statement per level: avatar, photos, their favorites, their style.
    expect((five - two) / 3).toBe(5);
  });
});

interface Pushed {
  data: Record<string, Record<string, unknown>>;
  errors: ReadonlyArray<{ extensions: Record<string, unknown> }>;
}

describe("a subscriber that falls behind", () => {
  /**
   * A subscription run in-process through the app's envelop (as graphql-ws runs it), read
   * only when the test pulls: a client that stopped reading.
   */
  async function pulledByHand(caller: TestUser | TestAdmin, query: string, variables: Record<string, unknown>) {
    const request = new Request(`http://localhost${GRAPHQL_PATH}`, { headers: caller.headers });
    const enveloped = app.getEnveloped({ request, params: { query, variables } });
    const { contextFactory } = enveloped;
    // envelop types what it hands out as `any`: these are graphql's own.
    const schema = enveloped.schema as GraphQLSchema;
    const document = enveloped.parse(query) as DocumentNode;
    const subscribeOnce = enveloped.subscribe as typeof subscribe;
    const result = await subscribeOnce({ schema, document, variableValues: variables, contextValue: await contextFactory() });
    // Each event as these tests read it; what the stream returns when it ends is only looked at through `done`.
    return (result as AsyncIterable<Pushed, never>)[Symbol.asyncIterator]();
  }

  it("gets the events that came while it did not read coalesced, ending on the latest state", async () => {
    const user = await api.signIn();
    const job = await newJob(user, 60);
    const stream = await pulledByHand(user, JOB_UPDATES, { jobId: job.id });
    expect((await stream.next()).value.data.generationJobUpdated).toMatchObject({ completedPhotos: 0 });
    await observed.listening("generation:job", job.jobId);
    for (let n = 1; n <= 50; n++) await finishPhoto(job, n);
    await completeJob(job);
    // The row of the first event (waiting to be read since), the latest one loaded when it
    // reads again, and at most the two the group was still loading: never one per event. A
    // load under way when the job completed may already read it completed, so the
    // completion's own event can repeat that state once: nothing else comes.
    const states: Array<{ status: string; completedPhotos: number }> = [];
    while (states.at(-1)?.status !== "COMPLETED")
      states.push((await stream.next()).value.data.generationJobUpdated as (typeof states)[number]);
    const completedAt = states.length;
    for (let more = stream.next(); ; more = stream.next()) {
      const next = await Promise.race([more, new Promise<null>((resolve) => setTimeout(resolve, 300, null))]);
      if (!next) break;
      states.push(next.value.data.generationJobUpdated as (typeof states)[number]);
    }
    expect(completedAt).toBeGreaterThanOrEqual(2);
    expect(states.length).toBeLessThanOrEqual(4);
    expect(states.length - completedAt).toBeLessThanOrEqual(1);
    for (const state of states.slice(completedAt - 1)) expect(state).toMatchObject({ status: "COMPLETED", completedPhotos: 50 });
    await stream.return?.();
  });

  it("is ended with SUBSCRIPTION_OVERFLOW when events come faster than they load, and stops listening at once", async () => {
    const user = await api.signIn();
    const operator = await api.signInAdmin("OPERATOR");
    const ticketId = await openTicket(user);
    const dbId = ticketDatabaseId(ticketId);
    const stream = await pulledByHand(operator, STAFF_MESSAGES, { ticketId });
    const first = stream.next(); // starts the subscription
    await observed.listening("support:ticket-message", dbId);
    await mutate(operator, NOTE, { input: { ticketId, body: "read at once" } });
    expect((await first).value.data.supportTicketMessageAdded).toMatchObject({ body: "read at once" });
    // The client reads no further: what comes now waits for it, up to the limit.
    await mutate(operator, NOTE, { input: { ticketId, body: "waiting to be read" } });
    // Published at once, they wait for their loads (one at a time): more than the limit.
    for (let id = 1_000_000; id <= 1_000_000 + 2 * MAX_PENDING_EVENTS; id++) {
      bus.publish("support:ticket-message", dbId, { ticketId: dbId, messageId: id });
    }
    await expect.poll(() => observed.listeners("support:ticket-message", dbId)).toBe(0);
    // What waited is dropped with the subscription: the client resubscribes and re-reads the conversation.
    const overflow = await stream.next();
    expect(overflow.value.errors[0]?.extensions.code).toBe("SUBSCRIPTION_OVERFLOW");
    expect((await stream.next()).done).toBe(true);
  });
});

describe("avatarUpdated", () => {
  const AVATAR_UPDATES = `
    subscription Avatar($avatarId: ID!) {
      avatarUpdated(avatarId: $avatarId) { id status generatedPhotoCount latestJob { status } }
    }`;

  it("answers the avatar's state, then its changes; another user's avatar is NOT_FOUND", async () => {
    const owner = await api.signIn();
    const other = await api.signIn();
    const job = await newJob(owner);
    const avatarId = globalId("Avatar", job.avatarId);
    const refused = subscribeWs(as(other), { query: AVATAR_UPDATES, variables: { avatarId } });
    expect(errorCode(await refused.next())).toBe("NOT_FOUND");

    const stream = subscribeWs(as(owner), { query: AVATAR_UPDATES, variables: { avatarId } });
    expect((await stream.next()).data?.avatarUpdated).toEqual({
      id: avatarId,
      status: "PROCESSING",
      generatedPhotoCount: 0,
      latestJob: { status: "PENDING" },
    });
    await observed.listening("avatar", job.avatarId);
    await finishPhoto(job, 1);
    await completeJob(job);
    expect((await stream.next()).data?.avatarUpdated).toEqual({
      id: avatarId,
      status: "READY",
      generatedPhotoCount: 1,
      latestJob: { status: "COMPLETED" },
    });
    stream.close();
  });
});

// ─── Support ──────────────────────────────────────────────────────────────────────

const OPEN = `mutation ($input: OpenSupportTicketInput!) { openSupportTicket(input: $input) { __typename ... on SupportTicket { id } ... on Error { code message } } }`;
const POST = `mutation ($input: PostSupportMessageInput!) { postSupportMessage(input: $input) { __typename ... on SupportTicketMessage { id } ... on Error { code message } } }`;
const REPLY = `mutation ($input: ReplyToTicketInput!) { replyToTicket(input: $input) { __typename ... on SupportTicketMessage { id } ... on Error { code message } } }`;
const NOTE = `mutation ($input: AddInternalNoteInput!) { addInternalNote(input: $input) { __typename ... on SupportTicketMessage { id } ... on Error { code message } } }`;
const ASSIGN = `mutation ($input: AssignTicketInput!) { assignTicket(input: $input) { __typename ... on SupportTicket { id } ... on Error { code message } } }`;
const UPDATE = `mutation ($input: UpdateTicketInput!) { updateTicket(input: $input) { __typename ... on SupportTicket { id } ... on Error { code message } } }`;
const ESCALATE = `mutation ($input: EscalateTicketInput!) { escalateTicket(input: $input) { __typename ... on SupportTicket { id } ... on Error { code message } } }`;
const CLOSE = `mutation ($input: CloseSupportTicketInput!) { closeSupportTicket(input: $input) { __typename ... on SupportTicket { id } ... on Error { code message } } }`;
const RATE = `mutation ($input: RateSupportTicketInput!) { rateSupportTicket(input: $input) { __typename ... on SupportTicket { id } ... on Error { code message } } }`;

const USER_MESSAGES = `
  subscription ($ticketId: ID!) {
    supportTicketMessageAdded(ticketId: $ticketId) { id body senderType senderName ticket { id status } }
  }`;
const STAFF_MESSAGES = `
  subscription ($ticketId: ID!) {
    supportTicketMessageAdded(ticketId: $ticketId) { id body senderType isInternal senderAdmin { username } }
  }`;
const TICKET_UPDATES = `
  subscription ($ticketId: ID!) { supportTicketUpdated(ticketId: $ticketId) { id status rating } }`;
const QUEUE = `subscription { supportQueueUpdated { id number status desk { assignedTo { username } escalationLevel } } }`;

async function openTicket(user: TestUser, message = "Where are my photos?") {
  const ticket = await mutate(user, OPEN, { input: { subject: "Photos missing", category: "TECHNICAL", message } });
  return ticket.id as string;
}

const ticketDatabaseId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);

describe("support subscriptions", () => {
  it("internal notes reach the operator's subscription, never the user's", async () => {
    const user = await api.signIn();
    const operator = await api.signInAdmin("OPERATOR");
    const ticketId = await openTicket(user);
    const dbId = ticketDatabaseId(ticketId);

    const mine = subscribeWs(as(user), { query: USER_MESSAGES, variables: { ticketId } });
    const desk = subscribeSse(server.url, { query: STAFF_MESSAGES, variables: { ticketId } }, operator.headers);
    await observed.listening("support:ticket-message", dbId, 2);

    await mutate(operator, NOTE, { input: { ticketId, body: "Refund pending, do not promise a date" } });
    await mutate(operator, REPLY, { input: { ticketId, body: "We are on it" } });
    await mutate(user, POST, { input: { ticketId, body: "Thanks!" } });

    expect((await desk.next()).data?.supportTicketMessageAdded).toMatchObject({
      body: "Refund pending, do not promise a date",
      isInternal: true,
      senderAdmin: { username: expect.any(String) as unknown },
    });
    expect((await desk.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "We are on it", isInternal: false });
    expect((await desk.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "Thanks!", senderType: "USER" });

    expect((await mine.next()).data?.supportTicketMessageAdded).toMatchObject({
      body: "We are on it",
      senderType: "OPERATOR",
      ticket: { id: ticketId, status: "WAITING_USER" },
    });
    expect((await mine.next()).data?.supportTicketMessageAdded).toMatchObject({
      body: "Thanks!",
      senderType: "USER",
      ticket: { status: "OPEN" },
    });
    await mine.quietFor(200);
    mine.close();
    desk.close();
  });

  it("a result shared over graphql-ws (same operation, same caller) reaches only the subscribers whose own checks pass", async () => {
    const user = await api.signIn();
    const operator = await api.signInAdmin("OPERATOR");
    const ticketId = await openTicket(user);
    const dbId = ticketDatabaseId(ticketId);
    // The same user on a second device: the same operation and caller, so the same shared result.
    const session = await issueSession(api.prisma, { userId: user.id, provider: "TELEGRAM", ttlDays: 1 });
    const kept = subscribeWs(as(user), { query: USER_MESSAGES, variables: { ticketId } });
    const revoked = subscribeWs(ws({ authorization: `Bearer ${session.token}` }), { query: USER_MESSAGES, variables: { ticketId } });
    const desk = subscribeWs(as(operator), { query: STAFF_MESSAGES, variables: { ticketId } });
    await observed.listening("support:ticket-message", dbId, 3);

    await mutate(operator, REPLY, { input: { ticketId, body: "First" } });
    for (const stream of [kept, revoked, desk])
      expect((await stream.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "First" });

    await api.prisma.userSession.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    await sleep(SESSION_RECHECK_MS); // session checks are reused for that long
    await mutate(operator, NOTE, { input: { ticketId, body: "Internal" } });
    await mutate(operator, REPLY, { input: { ticketId, body: "Second" } });
    expect((await desk.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "Internal", isInternal: true });
    expect((await desk.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "Second" });
    // The note never reaches the user; the revoked session gets nothing more and is ended.
    expect((await kept.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "Second" });
    expect(await revoked.ending()).toEqual({ unread: [], error: undefined });
    await kept.quietFor(200);
    kept.close();
    desk.close();
  });

  it("a user asking for staff-only fields is refused those fields, not the events", async () => {
    const user = await api.signIn();
    const operator = await api.signInAdmin("OPERATOR");
    const ticketId = await openTicket(user);
    const stream = subscribeWs(as(user), { query: STAFF_MESSAGES, variables: { ticketId } });
    await observed.listening("support:ticket-message", ticketDatabaseId(ticketId));
    await mutate(operator, REPLY, { input: { ticketId, body: "Hello" } });
    const payload = await stream.next();
    expect(errorCode(payload)).toBe("FORBIDDEN");
    stream.close();
  });

  it("supportTicketUpdated follows the ticket's status for its user; notes do not notify the user", async () => {
    const user = await api.signIn();
    const operator = await api.signInAdmin("OPERATOR");
    const ticketId = await openTicket(user);
    const stream = subscribeWs(as(user), { query: TICKET_UPDATES, variables: { ticketId } });
    expect((await stream.next()).data?.supportTicketUpdated).toEqual({ id: ticketId, status: "OPEN", rating: null });
    await observed.listening("support:ticket", ticketDatabaseId(ticketId));

    await mutate(operator, NOTE, { input: { ticketId, body: "Internal only" } });
    await mutate(operator, REPLY, { input: { ticketId, body: "Answer" } });
    expect((await stream.next()).data?.supportTicketUpdated).toMatchObject({ status: "WAITING_USER" });
    await mutate(operator, UPDATE, { input: { ticketId, status: "RESOLVED" } });
    expect((await stream.next()).data?.supportTicketUpdated).toMatchObject({ status: "RESOLVED" });
    await mutate(user, RATE, { input: { ticketId, rating: 5 } });
    expect((await stream.next()).data?.supportTicketUpdated).toMatchObject({ status: "RESOLVED", rating: 5 });
    await mutate(user, CLOSE, { input: { ticketId } });
    expect((await stream.next()).data?.supportTicketUpdated).toMatchObject({ status: "CLOSED" });
    await stream.quietFor(200);
    stream.close();
  });

  it("another user's ticket is NOT_FOUND; anonymous is UNAUTHENTICATED", async () => {
    const owner = await api.signIn();
    const other = await api.signIn();
    const ticketId = await openTicket(owner);
    for (const query of [USER_MESSAGES, TICKET_UPDATES]) {
      expect(errorCode(await subscribeWs(as(other), { query, variables: { ticketId } }).next())).toBe("NOT_FOUND");
      expect(errorCode(await subscribeWs(ws(), { query, variables: { ticketId } }).next())).toBe("UNAUTHENTICATED");
    }
  });

  it("supportQueueUpdated: operators see every ticket change; VIEWERs, users and anonymous callers are refused", async () => {
    const viewer = await api.signInAdmin("VIEWER");
    const user = await api.signIn();
    expect(errorCode(await subscribeWs(as(viewer), { query: QUEUE }).next())).toBe("FORBIDDEN");
    expect(errorCode(await subscribeSse(server.url, { query: QUEUE }, viewer.headers).next())).toBe("FORBIDDEN");
    expect(errorCode(await subscribeWs(as(user), { query: QUEUE }).next())).toBe("FORBIDDEN");
    expect(errorCode(await subscribeWs(ws(), { query: QUEUE }).next())).toBe("UNAUTHENTICATED");

    const operator = await api.signInAdmin("OPERATOR");
    const admin = await api.signInAdmin("ADMIN");
    const before = observed.subscribers("support:queue");
    const queue = subscribeWs(as(operator), { query: QUEUE });
    const adminQueue = subscribeSse(server.url, { query: QUEUE }, admin.headers);
    await observed.listening("support:queue", undefined, before + 2);

    const ticketId = await openTicket(user);
    await mutate(operator, ASSIGN, { input: { ticketId, assigneeId: globalId("AdminUser", operator.id) } });
    await mutate(operator, ESCALATE, { input: { ticketId, reason: "Needs engineering" } });

    // Other files' tests never publish on this bus, but this file's other tests may: read
    // this ticket's events only.
    const mine = async (stream: LiveStream) => {
      const seen: unknown[] = [];
      while (seen.length < 3) {
        const ticket = (await stream.next()).data?.supportQueueUpdated as { id: string } | undefined;
        if (ticket?.id === ticketId) seen.push(ticket);
      }
      return seen;
    };
    for (const stream of [queue, adminQueue]) {
      expect(await mine(stream)).toEqual([
        expect.objectContaining({ status: "OPEN", desk: { assignedTo: null, escalationLevel: 0 } }),
        expect.objectContaining({
          status: "OPEN",
          desk: { assignedTo: { username: expect.stringMatching(/^operator-/) as unknown }, escalationLevel: 0 },
        }),
        expect.objectContaining({ status: "ESCALATED", desk: expect.objectContaining({ escalationLevel: 1 }) as unknown }),
      ]);
      stream.close();
    }
  });

  it("an operator demoted to VIEWER mid-stream stops receiving the queue", async () => {
    const operator = await api.signInAdmin("OPERATOR");
    const user = await api.signIn();
    const before = observed.subscribers("support:queue");
    const queue = subscribeWs(as(operator), { query: QUEUE });
    await observed.listening("support:queue", undefined, before + 1);
    await api.prisma.adminUser.update({ where: { id: operator.id }, data: { role: "VIEWER" } });
    await sleep(SESSION_RECHECK_MS); // session checks are reused for that long
    await openTicket(user);
    expect(await queue.ending()).toEqual({ unread: [], error: undefined });
  });

  it("a rolled-back change publishes nothing", async () => {
    const user = await api.signIn();
    const operator = await api.signInAdmin("OPERATOR");
    const ticketId = await openTicket(user);
    const stream = subscribeWs(as(operator), { query: STAFF_MESSAGES, variables: { ticketId } });
    await observed.listening("support:ticket-message", ticketDatabaseId(ticketId));
    await mutate(operator, UPDATE, { input: { ticketId, status: "CLOSED" } });
    const refused = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...operator.headers },
      body: JSON.stringify({ query: REPLY, variables: { input: { ticketId, body: "Too late" } } }),
    });
    expect(((await refused.json()) as { data: { replyToTicket: { __typename: string } } }).data.replyToTicket.__typename).toBe(
      "ConflictError",
    );
    await stream.quietFor(300);
    stream.close();
  });
});

// ─── Losing access mid-stream ─────────────────────────────────────────────────────

const SIGN_OUT = `mutation { signOut }`;
const RESET_ADMIN_PASSWORD = `mutation ($input: ResetAdminPasswordInput!) { resetAdminPassword(input: $input) { ... on AdminUser { id } ... on Error { code message } } }`;
const DESK_TICKET = `subscription ($ticketId: ID!) { supportTicketUpdated(ticketId: $ticketId) { id status desk { assignedTo { username } } } }`;

describe("a caller who loses access mid-stream", () => {
  it("a user whose ticket moves to another user gets none of its events, as node(id) would refuse it; staff keep theirs, whoever the ticket is assigned to", async () => {
    const user = await api.signIn();
    const newOwner = await api.signIn();
    const [first, second] = [await api.signInAdmin("OPERATOR"), await api.signInAdmin("OPERATOR")];
    const ticketId = await openTicket(user);
    const dbId = ticketDatabaseId(ticketId);
    await mutate(first, ASSIGN, { input: { ticketId, assigneeId: globalId("AdminUser", first.id) } });

    const updates = subscribeWs(as(user), { query: TICKET_UPDATES, variables: { ticketId } });
    const messages = subscribeWs(as(user), { query: USER_MESSAGES, variables: { ticketId } });
    const desk = subscribeWs(as(first), { query: DESK_TICKET, variables: { ticketId } });
    expect((await updates.next()).data?.supportTicketUpdated).toMatchObject({ status: "OPEN" });
    expect((await desk.next()).data?.supportTicketUpdated).toMatchObject({
      desk: { assignedTo: { username: expect.any(String) as unknown } },
    });
    await observed.listening("support:ticket", dbId, 2);
    await observed.listening("support:ticket-message", dbId);

    await mutate(first, REPLY, { input: { ticketId, body: "Before" } });
    expect((await messages.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "Before" });
    expect((await updates.next()).data?.supportTicketUpdated).toMatchObject({ status: "WAITING_USER" });
    expect((await desk.next()).data?.supportTicketUpdated).toMatchObject({ status: "WAITING_USER" });

    // No mutation moves a ticket to another user: the row is changed directly, as the avatar test above does.
    await api.prisma.supportTicket.update({ where: { id: dbId }, data: { userId: newOwner.id } });
    // Reassigned away from the first operator, who still reads it: every staff account reads every ticket.
    const { username } = await api.prisma.adminUser.findUniqueOrThrow({ where: { id: second.id } });
    await mutate(first, ASSIGN, { input: { ticketId, assigneeId: globalId("AdminUser", second.id) } });
    expect((await desk.next()).data?.supportTicketUpdated).toMatchObject({ desk: { assignedTo: { username } } });
    await mutate(second, REPLY, { input: { ticketId, body: "After" } });
    expect((await desk.next()).data?.supportTicketUpdated).toMatchObject({ status: "WAITING_USER", desk: { assignedTo: { username } } });
    await updates.quietFor(300);
    await messages.quietFor(300);
    expect(updates.isEnded || messages.isEnded).toBe(false);

    // Subscribing again is refused to the former owner, allowed to the new one.
    expect(errorCode(await subscribeWs(as(user), { query: TICKET_UPDATES, variables: { ticketId } }).next())).toBe("NOT_FOUND");
    const theirs = subscribeWs(as(newOwner), { query: USER_MESSAGES, variables: { ticketId } });
    await observed.listening("support:ticket-message", dbId, 2);
    await mutate(second, REPLY, { input: { ticketId, body: "For the new owner" } });
    expect((await theirs.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "For the new owner" });
    await messages.quietFor(200);
    for (const stream of [updates, messages, desk, theirs]) stream.close();
  });

  it("a user who signs out: the first event after SESSION_RECHECK_MS ends each of the session's subscriptions, without it", async () => {
    const user = await api.signIn();
    const operator = await api.signInAdmin("OPERATOR");
    const ticketId = await openTicket(user);
    const dbId = ticketDatabaseId(ticketId);
    const updates = subscribeWs(as(user), { query: TICKET_UPDATES, variables: { ticketId } });
    const messages = subscribeSse(server.url, { query: USER_MESSAGES, variables: { ticketId } }, user.headers);
    expect((await updates.next()).data?.supportTicketUpdated).toMatchObject({ status: "OPEN" });
    await observed.listening("support:ticket", dbId);
    await observed.listening("support:ticket-message", dbId);
    await mutate(operator, REPLY, { input: { ticketId, body: "Still signed in" } });
    expect((await messages.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "Still signed in" });
    expect((await updates.next()).data?.supportTicketUpdated).toMatchObject({ status: "WAITING_USER" });

    expect(await mutate(user, SIGN_OUT, {})).toBe(true);
    await sleep(SESSION_RECHECK_MS); // session checks are reused for that long
    await mutate(operator, REPLY, { input: { ticketId, body: "Signed out" } });
    expect(await updates.ending()).toEqual({ unread: [], error: undefined });
    expect(await messages.ending()).toEqual({ unread: [], error: undefined });
    await expect.poll(() => observed.listeners("support:ticket", dbId)).toBe(0);
    await expect.poll(() => observed.listeners("support:ticket-message", dbId)).toBe(0);
  });

  it("an operator whose sessions an ADMIN ends (a password reset) stops receiving the queue and the tickets it follows", async () => {
    const user = await api.signIn();
    const operator = await api.signInAdmin("OPERATOR");
    const admin = await api.signInAdmin("ADMIN");
    const ticketId = await openTicket(user);
    const dbId = ticketDatabaseId(ticketId);
    const before = observed.subscribers("support:queue");
    const queue = subscribeWs(as(operator), { query: QUEUE });
    const desk = subscribeWs(as(operator), { query: STAFF_MESSAGES, variables: { ticketId } });
    await observed.listening("support:queue", undefined, before + 1);
    await observed.listening("support:ticket-message", dbId);
    await mutate(user, POST, { input: { ticketId, body: "Hello?" } });
    expect((await desk.next()).data?.supportTicketMessageAdded).toMatchObject({ body: "Hello?" });
    expect((await queue.next()).data?.supportQueueUpdated).toMatchObject({ id: ticketId });

    const reset = await mutate(admin, RESET_ADMIN_PASSWORD, {
      input: { adminUserId: globalId("AdminUser", operator.id), newPassword: "a new password, long enough" },
    });
    expect(reset).toEqual({ id: globalId("AdminUser", operator.id) });
    await sleep(SESSION_RECHECK_MS); // session checks are reused for that long
    await mutate(user, POST, { input: { ticketId, body: "Anyone there?" } });
    expect(await desk.ending()).toEqual({ unread: [], error: undefined });
    expect(await queue.ending()).toEqual({ unread: [], error: undefined });
    await expect.poll(() => observed.listeners("support:ticket-message", dbId)).toBe(0);
  });
});

// ─── Shared execution (graphql-ws) ────────────────────────────────────────────────

describe("events executed once for the subscribers who get the same result", () => {
  it("shares an event's result by operation and caller only, never a result with errors, and ends each subscriber's own stream", async () => {
    let executions = 0;
    const streams: Array<EventStream<{ text: string }>> = [];
    const Row = new GraphQLObjectType<{ text: string }, { user: { id: number } }>({
      name: "Row",
      fields: {
        text: {
          type: GraphQLString,
          resolve: (row, _args, context) => {
            executions += 1;
            if (row.text === "fail") throw new Error("failed");
            return `${row.text} for ${context.user.id}`;
          },
        },
      },
    });
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
      subscription: new GraphQLObjectType({
        name: "Subscription",
        fields: {
          row: {
            type: Row,
            subscribe: (root: unknown) => {
              if (root instanceof ReplayedEvent) return root.stream();
              const stream = new EventStream<{ text: string }>();
              streams.push(stream);
              return stream;
            },
            resolve: (row: unknown) => row,
          },
        },
      }),
    });
    const query = "subscription { row { text } }";
    const root = { execute, subscribe, operationKey: operationKey(query, undefined, undefined) };
    const subscriber = async (userId: number) =>
      (await subscribeShared({
        schema,
        document: parse(query),
        contextValue: { user: { id: userId } },
        rootValue: root,
      })) as AsyncIterableIterator<ExecutionResult>;
    const subscribers = [await subscriber(1), await subscriber(1), await subscriber(1), await subscriber(2)];
    const next = () => Promise.all(subscribers.map(async (s) => (await s.next()).value as ExecutionResult));

    const event = { text: "hello" }; // one payload object for every subscriber, as the bus gives
    for (const stream of streams) stream.push(event);
    expect((await next()).map((result) => result.data)).toEqual([
      { row: { text: "hello for 1" } },
      { row: { text: "hello for 1" } },
      { row: { text: "hello for 1" } },
      { row: { text: "hello for 2" } },
    ]);
    expect(executions).toBe(2);

    executions = 0;
    const failing = { text: "fail" };
    for (const stream of streams) stream.push(failing);
    expect((await next()).map((result) => result.errors?.[0]?.message)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(executions).toBe(4);

    await subscribers[0]!.return!();
    streams[0]!.push({ text: "late" }); // dropped: that stream has ended
    expect(await streams[0]!.next()).toEqual({ value: undefined, done: true });
  });
});
