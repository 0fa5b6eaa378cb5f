// Bearer tokens: random, opaque, and told apart by prefix. Only SHA-256 digests are stored.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = {
  userSession: "pgs_",
  adminSession: "pga_",
  apiKey: "pgk_",
} as const;

export type TokenKind = keyof typeof TOKEN_PREFIX;

export function newToken(kind: TokenKind): string {
  return `${TOKEN_PREFIX[kind]}${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function tokenKind(token: string): TokenKind | null {
  for (const [kind, prefix] of Object.entries(TOKEN_PREFIX) as Array<[TokenKind, string]>) {
    if (token.startsWith(prefix)) return kind;
  }
  return null;
}
