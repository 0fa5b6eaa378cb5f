// Hostile requests, generated from a seed: what an attacker or a broken client sends.
// The fuzz test (test/fuzz.test.ts) sends a few thousand of them to a production-mode
// server on every run; `pnpm bench:fuzz` sends as many as asked and prints the figures.
// Both judge each answer the same way (`judge`): never a 5xx, never an internal detail,
// never a masked unexpected error, never a closed socket for a well-framed message.
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Kind, OperationTypeNode, parse } from "graphql";
import WebSocket from "ws";

/** What no production answer may carry: library internals, suggestions, stacks, paths. */
export const INTERNALS =
  /Did you mean|originalError|stacktrace|"stack"|\bat \S+ \(|node_modules|\/work\/|\/src\/|\.ts:\d+|JSON at position|is not valid JSON|SyntaxError|RangeError|Maximum call stack|prisma|Unexpected token/i;

export const CATEGORIES = [
  "deep nesting",
  "wide selection",
  "alias bomb",
  "fragment bomb",
  "directive bomb",
  "odd strings",
  "wrong variables",
  "malformed ids",
  "token soup",
  "batched array",
  "bad multipart",
  "malformed JSON",
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Transport = "POST" | "GET" | "multipart" | "SSE" | "graphql-ws";
export type Caller = "anonymous" | "staff";

export interface HostileRequest {
  category: Category;
  transport: Transport;
  caller: Caller;
  /** A GraphQL request (any transport)… */
  operation?: { query?: string; variables?: unknown; extensions?: unknown };
  /** …or a raw HTTP body with its content type (POST only). */
  raw?: { body: BodyInit; contentType?: string };
}

/** A small fast PRNG (mulberry32): the same seed, the same requests. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** Sizes spread over orders of magnitude: as many small as huge. */
  const size = (min: number, max: number) => Math.round(Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min))));
  return { next, int, pick, size, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

/**
 * The client's documents that take variables (what anonymous callers may run, and what a
 * wrong variable must bounce off). Subscriptions are left out: they stay open by design;
 * so are documents without variables: they would run as sent (a sign-out ends the session).
 */
function manifest(): { hash: string; text: string; variables: string[] }[] {
  const url = new URL("../../../client/src/gql/persisted-documents.json", import.meta.url);
  const documents = JSON.parse(readFileSync(url, "utf8")) as Record<string, string>;
  return Object.entries(documents).flatMap(([hash, text]) => {
    const operation = parse(text).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const variables = operation?.variableDefinitions?.map((v) => v.variable.name.value) ?? [];
    return operation?.operation === OperationTypeNode.SUBSCRIPTION || variables.length === 0 ? [] : [{ hash, text, variables }];
  });
}

const FIELDS = [
  "viewer",
  "pricingTiers",
  "styles",
  "photoPacks",
  "node",
  "nodes",
  "sharedGallery",
  "admin",
  "partner",
  "paymentQuote",
  "__typename",
  "__schema",
  "a",
  "id",
  "edges",
  "referredBy",
  "avatars",
];
const PUNCTUATION = ["{", "}", "(", ")", "[", "]", ":", "$", "!", "@", "...", "=", "|", "&", ",", "#", '"', '"""', "\\", "\n"];
const WEIRD = ["\u0000", "\ud800", "\udfff", "\u202e", "\ufeff", "\u{1f600}", "\u0007", "\r", "\t", "é", "Ω"];

/** A value that no variable of the client's documents accepts as it is. */
function wrongValue(r: Random, depth = 0): unknown {
  switch (r.int(0, 11)) {
    case 0:
      return r.int(-(2 ** 31), 2 ** 31) * 1e10;
    case 1:
      return Number.MAX_VALUE;
    case 2:
      return -0.5;
    case 3:
      return true;
    case 4:
      return "x".repeat(r.size(1, 200_000));
    case 5:
      return WEIRD.join("");
    case 6:
      return depth < 3 ? Array.from({ length: r.int(0, 5) }, () => wrongValue(r, depth + 1)) : [];
    case 7:
      return depth < 3 ? { [r.pick(["input", "id", "first", "__proto__", "constructor", ""])]: wrongValue(r, depth + 1) } : {};
    case 8: {
      // Nested lists (kept within what JSON.stringify here can write; the raw bodies go deeper).
      let value: unknown = 1;
      for (let i = r.size(10, 3_000); i > 0; i--) value = [value];
      return value;
    }
    case 9:
      return { then: "x", toString: 1, valueOf: [] };
    case 10:
      return "sha256:" + "0".repeat(64);
    default:
      return null;
  }
}

function nested(r: Random): string {
  const depth = r.size(13, 200_000);
  switch (r.int(0, 3)) {
    case 0:
      return `{ viewer ${`{ referredBy `.repeat(depth)}{ id }${" }".repeat(depth)} }`;
    case 1:
      return `{ ${"a { ".repeat(depth)}id${" }".repeat(depth)} }`;
    case 2:
      return `{ nodes(ids: ${"[".repeat(depth)}"x"${"]".repeat(depth)}) { id } }`;
    default:
      return r.pick(["{", "(", "["]).repeat(depth);
  }
}

function document(category: Category, r: Random, documents: ReturnType<typeof manifest>): HostileRequest["operation"] {
  switch (category) {
    case "deep nesting":
      return { query: nested(r) };
    case "wide selection": {
      const n = r.size(50, 50_000);
      return {
        query: `{ ${Array.from({ length: n }, () => r.pick(["pricingTiers { code }", "styles { id name }", "__typename", "viewer { id }", "zz"])).join(" ")} }`,
      };
    }
    case "alias bomb": {
      const n = r.size(21, 50_000);
      return {
        query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${r.pick(["__typename", "pricingTiers { code }", "viewer { id }"])}`).join(" ")} }`,
      };
    }
    case "fragment bomb": {
      const levels = r.int(3, 80);
      const width = r.int(2, 4);
      const spread = (i: number) => Array.from({ length: width }, () => `...F${i + 1}`).join(" ");
      const chain = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ${spread(i)} }`).join("\n");
      const last = r.chance(0.2) ? `fragment F${levels} on Query { ...F0 }` : `fragment F${levels} on Query { pricingTiers { code } }`;
      return { query: `query { ...F0 }\n${chain}\n${last}` };
    }
    case "directive bomb": {
      const n = r.size(21, 50_000);
      const directive = () => r.pick(["@include(if: true)", "@skip(if: false)", "@nope", "@deprecated", "@include(if: $x)"]);
      return { query: `query ($x: Boolean = true) { pricingTiers ${Array.from({ length: n }, directive).join(" ")} { code } }` };
    }
    case "odd strings": {
      const inner = r.pick([
        () => WEIRD.join(""),
        () => "\\u0000\\ud800\\uDFFF\\x41\\q",
        () => "x".repeat(r.size(1_000, 1_000_000)),
        () => `${"\\".repeat(r.int(1, 9))}${r.pick(WEIRD)}`,
        () => "\n".repeat(r.int(1, 5)),
      ])();
      return {
        query: r.pick([
          `{ sharedGallery(token: "${inner}") { id } }`,
          `{ sharedGallery(token: """${inner}""") { id } }`,
          `{ paymentQuote(tierId: "${inner}") { __typename } }`,
          `{ pricingTiers { code } } # ${inner}`,
          `{ ${inner} }`,
          `{ sharedGallery(token: "${inner}`,
        ]),
      };
    }
    case "wrong variables": {
      const chosen = r.pick(documents);
      const variables = Object.fromEntries(chosen.variables.map((name) => [name, wrongValue(r)]));
      const asHash = r.chance(0.5);
      return {
        ...(asHash ? {} : { query: chosen.text }),
        variables: r.chance(0.1) ? r.pick(["nope", 5, [], [1, 2]]) : variables,
        ...(asHash ? { extensions: { persistedQuery: { version: 1, sha256Hash: chosen.hash.replace(/^sha256:/, "") } } } : {}),
      };
    }
    case "malformed ids": {
      const id = () =>
        r.pick([
          "0",
          "",
          "%%%",
          "=",
          "VXNlcjo=",
          "VXNlcjot",
          Buffer.from(`User:${"9".repeat(r.int(10, 400))}`).toString("base64"),
          Buffer.from(
            `${r.pick(["User", "Avatar", "Payment", "AdminUser", "X"])}:${r.pick(["-1", "1.5", "1e5", "0x10", " 1", "NaN", WEIRD.join("")])}`,
          ).toString("base64"),
          "a".repeat(r.size(1, 100_000)),
          WEIRD.join(""),
        ]);
      return {
        query: r.pick([
          `{ node(id: ${JSON.stringify(id())}) { id } }`,
          `{ nodes(ids: ${JSON.stringify(Array.from({ length: r.int(1, 120) }, id))}) { id } }`,
          `query ($id: ID!) { node(id: $id) { __typename } }`,
          `{ paymentQuote(tierId: ${JSON.stringify(id())}) { __typename } }`,
        ]),
        variables: { id: id() },
      };
    }
    case "token soup": {
      const n = r.size(1, 5_000);
      return {
        query: Array.from({ length: n }, () => (r.chance(0.5) ? r.pick(PUNCTUATION) : r.pick(FIELDS))).join(r.pick([" ", "", "\n"])),
      };
    }
    default:
      return { query: "{ __typename }" };
  }
}

function rawBody(category: Category, r: Random): HostileRequest["raw"] {
  if (category === "batched array") {
    const one = () => ({ query: r.pick(["{ __typename }", "{ pricingTiers { code } }", nested(r).slice(0, 10_000)]) });
    const body = r.pick([
      () => JSON.stringify(Array.from({ length: r.size(2, 5_000) }, one)),
      () => JSON.stringify([]),
      () => JSON.stringify([[one()]]),
      () => `${"[".repeat(r.size(10, 200_000))}`,
      () => JSON.stringify([one(), 5, null, "x"]),
    ])();
    return { body, contentType: "application/json" };
  }
  if (category === "bad multipart") {
    const form = new FormData();
    const operations = r.pick([
      "{bad",
      "",
      "null",
      "[]",
      JSON.stringify({ query: "{ __typename }" }),
      JSON.stringify({ query: nested(r).slice(0, 50_000) }),
      JSON.stringify({ query: "mutation ($f: Upload!) { __typename }", variables: { f: null } }),
    ]);
    const map = r.pick([
      "{}",
      "[1",
      "null",
      '{"0": ["variables.f"]}',
      '{"0": ["variables.__proto__.x"]}',
      '{"0": "nope"}',
      JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [String(i), [`variables.f${i}`]]))),
    ]);
    if (r.chance(0.9)) form.set("operations", operations);
    if (r.chance(0.9)) form.set("map", map);
    if (r.chance(0.5)) form.set("0", new Blob([new Uint8Array(r.size(1, 100_000))]), "photo.jpg");
    if (r.chance(0.2)) form.set("extra", "x".repeat(r.size(1, 2_000_000)));
    return { body: form };
  }
  // malformed JSON
  const body = r.pick([
    () => "{not json",
    () => "",
    () => '\ufeff{"query": "{ __typename }"}',
    () => '{"query": "{ __typename }"',
    () => '{"query": "{ __typename }"} trailing',
    () => '{"query": "{ __typename }", "query": 5}',
    () => '{"query": "\\ud800"}',
    () => `{"query": "{ __typename }", "variables": ${"[".repeat(r.size(10, 100_000))}}`,
    () => JSON.stringify({ query: 5 }),
    () => JSON.stringify({ query: "{ __typename }", operationName: { a: 1 } }),
    () => JSON.stringify({ query: "{ __typename }", extensions: "x" }),
    () => JSON.stringify({ query: ["{ __typename }"] }),
    () => "null",
    () => "\u0000",
    () => new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    // A well-formed request whose document holds invalid UTF-8 (a lone continuation byte,
    // an overlong form, an encoded surrogate, 0xFF) inside and outside a string.
    () =>
      invalidUtf8(
        r.pick([
          '{"query": "{ sharedGallery(token: \\"@\\") { id } }"}',
          '{"query": "{ @ }"}',
          '{"query": "{ pricingTiers { code } } #@"}',
        ]),
      ),
  ])();
  return {
    body,
    contentType: r.pick([
      "application/json",
      "application/json; charset=utf-16",
      "text/plain",
      "application/graphql+json",
      "application/x-www-form-urlencoded",
    ]),
  };
}

/** The text as UTF-8 with invalid byte sequences where it has `@`. */
function invalidUtf8(text: string): Uint8Array<ArrayBuffer> {
  const [before, after] = text.split("@") as [string, string];
  const encoder = new TextEncoder();
  return new Uint8Array([...encoder.encode(before), 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, ...encoder.encode(after)]);
}

/** `count` requests from `seed`, each category as often as the others. */
export function* hostileRequests(seed: number, count: number, categories: readonly Category[] = CATEGORIES): Generator<HostileRequest> {
  const r = random(seed);
  const documents = manifest();
  for (let i = 0; i < count; i++) {
    const category = categories[i % categories.length]!;
    if (category === "batched array" || category === "bad multipart" || category === "malformed JSON") {
      yield {
        category,
        transport: category === "bad multipart" ? "multipart" : "POST",
        caller: r.chance(0.7) ? "staff" : "anonymous",
        raw: rawBody(category, r),
      };
      continue;
    }
    const operation = document(category, r, documents)!;
    // Anonymous callers in production reach past the trusted-document check only with the
    // client's own documents; staff (the explorer) reach parsing and execution with anything.
    const caller: Caller =
      category === "wrong variables" ? r.pick(["staff", "anonymous"] as const) : r.chance(0.85) ? "staff" : "anonymous";
    const long = (operation.query?.length ?? 0) > 6_000;
    const transport: Transport = r.pick(
      long ? (["POST", "SSE", "multipart", "graphql-ws"] as const) : (["POST", "GET", "SSE", "multipart", "graphql-ws"] as const),
    );
    yield { category, transport, caller, operation };
  }
}

// ---------------------------------------------------------------------------------------

export interface Outcome {
  status: number;
  text: string;
  ms: number;
  /** A graphql-ws close code, when the server closed the socket. */
  closed?: number;
}

export type Verdict = "answered" | "refused" | "server error" | "leak" | "unexpected error" | "socket closed";

/** What the answer says about the server; anything but answered/refused is a defect. */
export function judge(outcome: Outcome): Verdict {
  if (outcome.closed !== undefined) return "socket closed";
  if (outcome.status >= 500) return "server error";
  if (INTERNALS.test(outcome.text)) return "leak";
  if (outcome.text.includes('"INTERNAL_SERVER_ERROR"') || outcome.text.includes("Unexpected error")) return "unexpected error";
  // Over HTTP an answer with errors, over graphql-ws an `error` message (or `next` with errors).
  return /"errors"\s*:|"type"\s*:\s*"error"/.test(outcome.text) || outcome.status >= 400 ? "refused" : "answered";
}

/** A graphql-ws connection that sends each operation as one well-framed subscribe message. */
export class RawGraphqlWs {
  private socket!: WebSocket;
  private waiting = new Map<string, { texts: string[]; done: (outcome: { text: string; closed?: number }) => void }>();
  private next = 0;
  closedWith: number | undefined;

  static async open(url: string, payload: Record<string, unknown>): Promise<RawGraphqlWs> {
    const connection = new RawGraphqlWs();
    await connection.connect(url, payload);
    return connection;
  }

  private connect(url: string, payload: Record<string, unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket = new WebSocket(url, "graphql-transport-ws", { maxPayload: 100 << 20 });
      this.socket.on("open", () => this.socket.send(JSON.stringify({ type: "connection_init", payload })));
      this.socket.on("error", reject);
      this.socket.on("close", (code) => {
        this.closedWith = code;
        for (const [, pending] of this.waiting) pending.done({ text: pending.texts.join("\n"), closed: code });
        this.waiting.clear();
        reject(new Error(`closed ${code} before connection_ack`));
      });
      this.socket.on("message", (data) => {
        const text = (data as Buffer).toString(); // text frames arrive as one Buffer
        const message = JSON.parse(text) as { type: string; id?: string };
        if (message.type === "connection_ack") return resolve();
        if (message.type === "ping") return this.socket.send(JSON.stringify({ type: "pong" }));
        const pending = message.id ? this.waiting.get(message.id) : undefined;
        if (!pending) return;
        pending.texts.push(text);
        if (message.type === "complete" || message.type === "error") {
          this.waiting.delete(message.id!);
          pending.done({ text: pending.texts.join("\n") });
        }
      });
    });
  }

  /** The messages the server sent for one operation, or the close code if it closed. */
  run(payload: unknown, timeoutMs = 10_000): Promise<{ text: string; closed?: number }> {
    if (this.closedWith !== undefined) return Promise.resolve({ text: "", closed: this.closedWith });
    const id = String(++this.next);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.socket.send(JSON.stringify({ id, type: "complete" }));
        resolve({ text: '{"errors":[{"message":"no answer in time"}]}' });
      }, timeoutMs);
      this.waiting.set(id, { texts: [], done: (outcome) => (clearTimeout(timer), resolve(outcome)) });
      this.socket.send(JSON.stringify({ id, type: "subscribe", payload }));
    });
  }

  close() {
    this.socket.close();
  }
}

export interface Target {
  url: string;
  headers: Record<Caller, Record<string, string>>;
  sockets: Record<Caller, RawGraphqlWs>;
}

/** Sends one hostile request the way its transport does, over the network. */
export async function send(target: Target, request: HostileRequest): Promise<Outcome> {
  const started = performance.now();
  const headers = { "x-graphql-yoga-csrf": "1", accept: "application/graphql-response+json", ...target.headers[request.caller] };
  const finish = async (response: Response) => ({ status: response.status, text: await response.text(), ms: performance.now() - started });
  const { operation, raw } = request;
  try {
    if (raw) {
      return await finish(
        await fetch(target.url, {
          method: "POST",
          body: raw.body,
          headers: { ...headers, ...(raw.contentType ? { "content-type": raw.contentType } : {}) },
        }),
      );
    }
    switch (request.transport) {
      case "graphql-ws": {
        const outcome = await target.sockets[request.caller].run({
          query: operation?.query ?? "",
          variables: isObject(operation?.variables) ? operation.variables : null,
          extensions: isObject(operation?.extensions) ? operation.extensions : undefined,
        });
        return { status: 200, ...outcome, ms: performance.now() - started };
      }
      case "GET": {
        const search = new URLSearchParams();
        if (operation?.query !== undefined) search.set("query", operation.query);
        if (operation?.variables !== undefined) search.set("variables", JSON.stringify(operation.variables));
        if (operation?.extensions !== undefined) search.set("extensions", JSON.stringify(operation.extensions));
        return await finish(await fetch(`${target.url}?${search}`, { headers }));
      }
      case "multipart": {
        const form = new FormData();
        form.set("operations", JSON.stringify(operation));
        form.set("map", "{}");
        return await finish(await fetch(target.url, { method: "POST", body: form, headers }));
      }
      default:
        return await finish(
          await fetch(target.url, {
            method: "POST",
            body: JSON.stringify(operation),
            headers: {
              ...headers,
              "content-type": "application/json",
              ...(request.transport === "SSE" ? { accept: "text/event-stream" } : {}),
            },
          }),
        );
    }
  } catch (error) {
    // The server reset the connection: as bad as a 5xx.
    return { status: 599, text: String(error), ms: performance.now() - started };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Counts per category and verdict, the slowest answer of each category, a few examples of each defect. */
export class Tally {
  readonly counts = new Map<string, number>();
  readonly slowest = new Map<Category, { ms: number; transport: Transport }>();
  readonly defects: { request: HostileRequest; outcome: Outcome; verdict: Verdict }[] = [];

  add(request: HostileRequest, outcome: Outcome) {
    const verdict = judge(outcome);
    const key = `${request.category}\t${verdict}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if ((this.slowest.get(request.category)?.ms ?? -1) < outcome.ms)
      this.slowest.set(request.category, { ms: outcome.ms, transport: request.transport });
    if (verdict !== "answered" && verdict !== "refused" && this.defects.length < 50) this.defects.push({ request, outcome, verdict });
    return verdict;
  }

  table(): string {
    const verdicts: Verdict[] = ["answered", "refused", "server error", "leak", "unexpected error", "socket closed"];
    const rows = CATEGORIES.map((category) => {
      const cells = verdicts.map((verdict) => String(this.counts.get(`${category}\t${verdict}`) ?? 0).padStart(verdict.length));
      const slow = this.slowest.get(category);
      return `${category.padEnd(16)} ${cells.join("  ")}  ${slow ? `${slow.ms.toFixed(0).padStart(6)} ms (${slow.transport})` : ""}`;
    });
    return [`${"category".padEnd(16)} ${verdicts.join("  ")}  slowest`, ...rows].join("\n");
  }
}

/** A one-line description of a request, for a failure message. */
export function describeRequest(request: HostileRequest): string {
  const what = request.raw
    ? typeof request.raw.body === "string"
      ? request.raw.body
      : "(binary/form body)"
    : JSON.stringify(request.operation);
  return `${request.category} over ${request.transport} as ${request.caller}: ${what.slice(0, 300)}${what.length > 300 ? "…" : ""}`;
}

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Memory the process holds after a full collection (JS heap and buffers), in MB: what a leak would grow. */
export function heldMemoryMb(): number {
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / 2 ** 20;
}
