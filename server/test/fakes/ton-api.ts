// A local fake of the TON HTTP API (toncenter v3, the indexer) and of a CoinGecko-compatible
// rate API, for the TON payment tests. It speaks the documented protocol:
//   GET /api/v3/masterchainInfo                  → { last: { workchain, shard, seqno, … }, first }
//   GET /api/v3/transactions?account=&start_lt=&end_lt=&limit=&offset=&sort=asc|desc
//                                                → { transactions: [...], address_book: { raw: { user_friendly } } }
//     a transaction: { account, hash (base64), lt (string), now, mc_block_seqno,
//       description: { type: "ord", aborted }, in_msg: { hash, source (raw), destination,
//       value (nanoton string), bounce, bounced, message_content: { body, decoded:
//       { type: "text_comment", comment } } }, out_msgs: [] }
//   the key in X-API-Key (or ?api_key=); a wrong one → 401 { error }, limits → 429 { error }
//   GET /rates/api/v3/simple/price?ids=the-open-network&vs_currencies=rub&include_last_updated_at=true
//                                                → { "the-open-network": { rub, last_updated_at } }
// A transfer lands in a new masterchain block (the tip moves on); mine() adds empty blocks.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeTonTransaction {
  hashBase64: string;
  hashHex: string;
  lt: bigint;
  now: number;
  mcSeqno: number;
  /** Null for the wallet's own outgoing transactions (an external message). */
  source: string | null;
  senderFriendly: string | null;
  valueNano: bigint;
  comment: string | null;
  aborted: boolean;
}

export interface FakeTonRequest {
  path: string;
  query: Record<string, string>;
  apiKey: string | undefined;
  status: number;
}

export interface FakeTonApi {
  /** Base URL: TON_API_URL is `${url}/api/v3`, TON_RATE_API_URL `${url}/rates/api/v3`. */
  url: string;
  apiKey: string;
  wallet: string;
  /** The masterchain tip. */
  seqno: number;
  transactions: FakeTonTransaction[];
  requests: FakeTonRequest[];
  /** RUB per TON the rate API answers (null: it answers without a price). */
  rubPerTon: number | null;
  /** An incoming transfer in a new block. */
  transfer(input: { comment?: string | null; amountNano: bigint; at?: Date; aborted?: boolean; sender?: string }): FakeTonTransaction;
  /** One of the wallet's own outgoing transactions (no source, nothing credited). */
  outgoing(): FakeTonTransaction;
  /** Adds empty masterchain blocks. */
  mine(blocks?: number): void;
  /** The next `count` requests to paths containing `path` (default: any), after `skip` that succeed, answer `status`. */
  failNext(count: number, status: number, path?: string, skip?: number): void;
  close(): Promise<void>;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const friendlyOf = () => `UQ${randomBytes(34).toString("base64url").slice(0, 46)}`;

export async function startFakeTonApi(options: { wallet: string; apiKey?: string; rubPerTon?: number }): Promise<FakeTonApi> {
  const failures: Array<{ status: number; path: string; skip: number }> = [];
  let nextLt = 47_000_000_000_001n;
  const senders = new Map<string, string>();

  const fake: FakeTonApi = {
    url: "",
    apiKey: options.apiKey ?? `fake-ton-key-${hex(8)}`,
    wallet: options.wallet,
    seqno: 40_000_000,
    transactions: [],
    requests: [],
    rubPerTon: options.rubPerTon ?? 250.5,
    transfer({ comment = null, amountNano, at = new Date(), aborted = false, sender }) {
      const source = sender ?? `0:${hex(32).toUpperCase()}`;
      if (!senders.has(source)) senders.set(source, friendlyOf());
      return add({
        source,
        senderFriendly: senders.get(source)!,
        valueNano: amountNano,
        comment,
        aborted,
        now: Math.floor(at.getTime() / 1000),
      });
    },
    outgoing() {
      return add({ source: null, senderFriendly: null, valueNano: 0n, comment: null, aborted: false, now: Math.floor(Date.now() / 1000) });
    },
    mine(blocks = 1) {
      fake.seqno += blocks;
    },
    failNext(count, status, path = "", skip = 0) {
      for (let i = 0; i < count; i++) failures.push({ status, path, skip });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function add(fields: Omit<FakeTonTransaction, "hashBase64" | "hashHex" | "lt" | "mcSeqno">): FakeTonTransaction {
    const hash = randomBytes(32);
    fake.seqno += 1;
    const transaction = { ...fields, hashBase64: hash.toString("base64"), hashHex: hash.toString("hex"), lt: nextLt, mcSeqno: fake.seqno };
    nextLt += 1_000_000n + BigInt(Math.floor(Math.random() * 1000));
    fake.transactions.push(transaction);
    return transaction;
  }

  function toApi(t: FakeTonTransaction) {
    return {
      account: options.wallet,
      hash: t.hashBase64,
      lt: t.lt.toString(),
      now: t.now,
      mc_block_seqno: t.mcSeqno,
      orig_status: "active",
      end_status: "active",
      total_fees: "1000000",
      description: { type: "ord", aborted: t.aborted, destroyed: false, credit_first: !t.source },
      in_msg: {
        hash: randomBytes(32).toString("base64"),
        source: t.source,
        destination: options.wallet,
        value: t.source ? t.valueNano.toString() : null,
        bounce: false,
        bounced: false,
        message_content: {
          body: "te6cckEBAQEAAgAAAEysuc0=",
          decoded: t.comment === null ? null : { type: "text_comment", comment: t.comment },
        },
      },
      out_msgs: [],
    };
  }

  function route(url: URL): { status: number; body: unknown } {
    const query = Object.fromEntries(url.searchParams);
    if (url.pathname === "/api/v3/masterchainInfo") {
      const block = (seqno: number) => ({
        workchain: -1,
        shard: "8000000000000000",
        seqno,
        root_hash: randomBytes(32).toString("base64"),
        file_hash: randomBytes(32).toString("base64"),
      });
      return { status: 200, body: { last: block(fake.seqno), first: block(1) } };
    }
    if (url.pathname === "/api/v3/transactions") {
      const limit = Math.min(Number(query.limit ?? 10), 1000);
      const offset = Number(query.offset ?? 0);
      const startLt = query.start_lt ? BigInt(query.start_lt) : 0n;
      const endLt = query.end_lt ? BigInt(query.end_lt) : null;
      const listed = fake.transactions
        .filter((t) => query.account === options.wallet && t.lt >= startLt && (endLt === null || t.lt <= endLt))
        .sort((a, b) => (a.lt < b.lt ? -1 : 1));
      if (query.sort !== "asc") listed.reverse();
      const page = listed.slice(offset, offset + limit);
      const book = Object.fromEntries(page.filter((t) => t.source).map((t) => [t.source!, { user_friendly: t.senderFriendly }]));
      return { status: 200, body: { transactions: page.map(toApi), address_book: book } };
    }
    if (url.pathname === "/rates/api/v3/simple/price") {
      if (query.ids !== "the-open-network" || query.vs_currencies !== "rub" || fake.rubPerTon === null) return { status: 200, body: {} };
      return { status: 200, body: { "the-open-network": { rub: fake.rubPerTon, last_updated_at: Math.floor(Date.now() / 1000) } } };
    }
    return { status: 404, body: { error: "Not Found" } };
  }

  function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://fake");
    const apiKey = (request.headers["x-api-key"] as string | undefined) ?? url.searchParams.get("api_key") ?? undefined;
    const failureAt = failures.findIndex((f) => url.pathname.includes(f.path));
    const failure = failureAt >= 0 ? failures[failureAt]! : null;
    let failing = false;
    if (failure && failure.skip > 0) failure.skip -= 1;
    else if (failure) failing = Boolean(failures.splice(failureAt, 1));
    let answer: { status: number; body: unknown };
    if (failing) {
      answer = { status: failure!.status, body: { error: failure!.status === 429 ? "Ratelimit exceed" : "Internal server error" } };
    } else if (url.pathname.startsWith("/api/") && apiKey !== fake.apiKey) {
      answer = { status: 401, body: { error: "API key does not exist" } };
    } else {
      answer = route(url);
    }
    fake.requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), apiKey, status: answer.status });
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(JSON.stringify(answer.body));
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
