// T-Bank's request and notification signature ("Token"), as its Internet Acquiring API v2
// specifies (developer.tbank.ru/eacq/intro/developer/token): take the root-level values
// only (nested objects and arrays such as Receipt and DATA take no part), add Password,
// sort by key, concatenate the values, SHA-256, lowercase hex. Token itself is left out.
import { createHash, timingSafeEqual } from "node:crypto";

type Scalar = string | number | boolean;

const isScalar = (value: unknown): value is Scalar => typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/** The Token of `params` (a request we send, or a notification we receive) under `password`. */
export function tbankToken(params: Record<string, unknown>, password: string): string {
  const signed: Array<[string, string]> = [["Password", password]];
  for (const [key, value] of Object.entries(params)) {
    // Booleans sign as "true"/"false" and numbers as JSON writes them (Amount 19200 → "19200").
    if (key !== "Token" && key !== "Password" && isScalar(value)) signed.push([key, String(value)]);
  }
  signed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256")
    .update(signed.map(([, value]) => value).join(""), "utf8")
    .digest("hex");
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** Whether `params.Token` is the Token of `params`; compared in constant time. */
export function tbankTokenMatches(params: Record<string, unknown>, password: string): boolean {
  const received = params.Token;
  if (typeof received !== "string" || !HEX_SHA256.test(received)) return false;
  const expected = Buffer.from(tbankToken(params, password), "hex");
  // Both are 32 bytes (the pattern fixes the length), so the comparison takes the same time.
  return timingSafeEqual(Buffer.from(received, "hex"), expected);
}
