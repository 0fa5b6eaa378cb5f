// A client of toncenter's v3 HTTP API (the TON indexer), the two calls the matching job
// needs:
//   GET {apiUrl}/masterchainInfo   → { last: { seqno, … }, first: { … } }
//   GET {apiUrl}/transactions?account=&start_lt=&limit=&sort=asc
//                                  → { transactions: [{ hash, lt, now, mc_block_seqno,
//                                       description: { aborted }, in_msg: { source, value,
//                                       bounced, message_content: { decoded } } }],
//                                       address_book: { raw: { user_friendly } } }
// The key goes in the X-API-Key header. Amounts are nanotons in strings; hashes base64.
// A 429, a 5xx or a network failure is a retryable PaymentProviderError; any other
// refusal (bad key, bad request) is not.
import { PaymentProviderError } from "../../domain/errors.ts";

export interface TonApiSettings {
  apiUrl: string;
  apiKey?: string;
  /** Per request (default 10 s). */
  timeoutMs?: number;
}

/** An incoming transfer (or any other transaction) of the wallet, as the matcher needs it. */
export interface TonTransaction {
  /** Hex, 64 characters (the API gives base64). */
  hash: string;
  lt: bigint;
  /** Block time of the transaction. */
  at: Date;
  /** The masterchain block that confirmed it; null while it is not in one yet. */
  mcSeqno: number | null;
  /** A transfer from another account that credited us: value, sender, comment. */
  incoming: { valueNano: bigint; sender: string | null; comment: string | null } | null;
}

interface RawMessage {
  source?: string | null;
  value?: string | null;
  bounced?: boolean | null;
  message_content?: { decoded?: { type?: string; comment?: string } | null } | null;
}

interface RawTransaction {
  hash: string;
  lt: string;
  now: number;
  mc_block_seqno?: number | null;
  description?: { aborted?: boolean } | null;
  in_msg?: RawMessage | null;
}

export class TonApiClient {
  constructor(private readonly settings: TonApiSettings) {}

  /** The latest masterchain block's seqno. */
  async masterchainSeqno(): Promise<number> {
    const body = await this.get<{ last?: { seqno?: number } }>("masterchainInfo", {});
    const seqno = body.last?.seqno;
    if (typeof seqno !== "number") throw new PaymentProviderError("TON", "masterchainInfo answered without last.seqno", true);
    return seqno;
  }

  /** The account's transactions from logical time `fromLt` on, oldest first. */
  async transactions(account: string, fromLt: bigint, limit: number): Promise<TonTransaction[]> {
    const body = await this.get<{ transactions?: RawTransaction[]; address_book?: Record<string, { user_friendly?: string }> }>(
      "transactions",
      {
        account,
        start_lt: fromLt.toString(),
        limit: String(limit),
        offset: "0",
        sort: "asc",
      },
    );
    if (!Array.isArray(body.transactions)) throw new PaymentProviderError("TON", "transactions answered without a transactions list", true);
    const book = body.address_book ?? {};
    return body.transactions.map((raw) => toTransaction(raw, book));
  }

  private async get<T>(method: string, query: Record<string, string>): Promise<T> {
    const url = new URL(`${this.settings.apiUrl.replace(/\/+$/, "")}/${method}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: "application/json", ...(this.settings.apiKey ? { "x-api-key": this.settings.apiKey } : {}) },
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new PaymentProviderError("TON", `${method}: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    const text = await response.text();
    if (!response.ok) {
      const retryable = response.status === 429 || response.status >= 500;
      throw new PaymentProviderError("TON", `${method} answered HTTP ${response.status}: ${errorText(text)}`, retryable);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new PaymentProviderError("TON", `${method} answered something that is not JSON`, true);
    }
  }
}

function errorText(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; result?: unknown };
    return String(body.error ?? body.result ?? text).slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

/** base64 / base64url (the API's form) or hex → hex. */
export function hashToHex(hash: string): string {
  if (/^[0-9a-fA-F]{64}$/.test(hash)) return hash.toLowerCase();
  const bytes = Buffer.from(hash.replaceAll("-", "+").replaceAll("_", "/"), "base64");
  if (bytes.length !== 32) throw new PaymentProviderError("TON", `a transaction hash that is not 32 bytes: ${hash}`, false);
  return bytes.toString("hex");
}

function toTransaction(raw: RawTransaction, book: Record<string, { user_friendly?: string }>): TonTransaction {
  const message = raw.in_msg;
  // Credited only by an internal message (it has a source) that was not itself a bounce; an
  // aborted transaction bounces a bounceable message's value back to the sender.
  const credited = message?.source && !message.bounced && !raw.description?.aborted && BigInt(message.value ?? "0") > 0n;
  const decoded = message?.message_content?.decoded;
  return {
    hash: hashToHex(raw.hash),
    lt: BigInt(raw.lt),
    at: new Date(raw.now * 1000),
    mcSeqno: typeof raw.mc_block_seqno === "number" ? raw.mc_block_seqno : null,
    incoming: credited
      ? {
          valueNano: BigInt(message.value!),
          sender: book[message.source!]?.user_friendly ?? message.source!,
          comment: decoded?.type === "text_comment" && typeof decoded.comment === "string" ? decoded.comment : null,
        }
      : null,
  };
}
