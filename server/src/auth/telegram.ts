// Verifies sign-in data signed by Telegram, exactly as Telegram specifies:
// - Mini App initData: secret = HMAC-SHA256(key "WebAppData", bot token);
//   hash = HMAC-SHA256(key secret, data-check-string).
// - Login Widget: secret = SHA-256(bot token); hash = HMAC-SHA256(key secret, data-check-string).
// The data-check-string is every received field but `hash`, sorted by key, as
// `key=value` lines joined by "\n". Hashes are compared in constant time.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface TelegramUser {
  id: bigint;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  photoUrl?: string;
}

export interface VerifiedTelegramSignIn {
  user: TelegramUser;
  authDate: Date;
  /** Mini App deep-link parameter (`startapp`), used as a referral code. */
  startParam?: string;
}

export type TelegramAuthFailure = "MALFORMED" | "MISSING_HASH" | "BAD_SIGNATURE" | "EXPIRED" | "NO_USER";

export class TelegramAuthError extends Error {
  constructor(
    readonly reason: TelegramAuthFailure,
    message: string,
  ) {
    super(message);
  }
}

interface VerifyOptions {
  botToken: string;
  maxAgeSeconds: number;
  now?: Date;
}

function dataCheckString(fields: Map<string, string>): string {
  return [...fields.entries()]
    .filter(([key]) => key !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
}

function verifyHash(fields: Map<string, string>, secret: Buffer) {
  const received = fields.get("hash");
  if (!received) throw new TelegramAuthError("MISSING_HASH", "Telegram data carries no hash");
  if (!/^[0-9a-f]{64}$/i.test(received)) throw new TelegramAuthError("BAD_SIGNATURE", "Telegram data hash is malformed");
  const expected = createHmac("sha256", secret).update(dataCheckString(fields)).digest();
  if (!timingSafeEqual(expected, Buffer.from(received, "hex"))) {
    throw new TelegramAuthError("BAD_SIGNATURE", "Telegram data signature does not match");
  }
}

function verifyAge(fields: Map<string, string>, { maxAgeSeconds, now = new Date() }: VerifyOptions): Date {
  const seconds = Number(fields.get("auth_date"));
  if (!Number.isInteger(seconds) || seconds <= 0) throw new TelegramAuthError("MALFORMED", "auth_date is missing");
  const age = now.getTime() / 1000 - seconds;
  if (age > maxAgeSeconds) throw new TelegramAuthError("EXPIRED", "Telegram sign-in data has expired; open the app again");
  if (age < -60) throw new TelegramAuthError("MALFORMED", "auth_date is in the future");
  return new Date(seconds * 1000);
}

function parseTelegramUserId(value: unknown): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return BigInt(value);
  if (typeof value === "string" && /^\d{1,20}$/.test(value)) return BigInt(value);
  throw new TelegramAuthError("NO_USER", "Telegram data names no user");
}

/** Validates Mini App `initData` (the raw query string from Telegram.WebApp.initData). */
export function verifyMiniAppInitData(initData: string, options: VerifyOptions): VerifiedTelegramSignIn {
  if (initData.length > 4096) throw new TelegramAuthError("MALFORMED", "initData is too long");
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(initData)) {
    // Telegram sends each field once; a repeated one is ambiguous (which value was signed?).
    if (fields.has(key)) throw new TelegramAuthError("MALFORMED", `initData repeats the field ${key}`);
    fields.set(key, value);
  }
  const secret = createHmac("sha256", "WebAppData").update(options.botToken).digest();
  verifyHash(fields, secret);
  const authDate = verifyAge(fields, options);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fields.get("user") ?? "null") ?? {};
  } catch {
    throw new TelegramAuthError("MALFORMED", "initData user is not JSON");
  }
  return {
    authDate,
    startParam: fields.get("start_param") || undefined,
    user: {
      id: parseTelegramUserId(raw.id),
      firstName: String(raw.first_name ?? ""),
      lastName: typeof raw.last_name === "string" ? raw.last_name : undefined,
      username: typeof raw.username === "string" ? raw.username : undefined,
      languageCode: typeof raw.language_code === "string" ? raw.language_code : undefined,
      photoUrl: typeof raw.photo_url === "string" ? raw.photo_url : undefined,
    },
  };
}

/** Validates the fields the Telegram Login Widget hands to the web page. */
export function verifyLoginWidget(data: Record<string, string>, options: VerifyOptions): VerifiedTelegramSignIn {
  const fields = new Map(Object.entries(data));
  const secret = createHash("sha256").update(options.botToken).digest();
  verifyHash(fields, secret);
  const authDate = verifyAge(fields, options);
  return {
    authDate,
    user: {
      id: parseTelegramUserId(fields.get("id")),
      firstName: fields.get("first_name") ?? "",
      lastName: fields.get("last_name"),
      username: fields.get("username"),
      photoUrl: fields.get("photo_url"),
    },
  };
}

/** Signs data the way Telegram does; for tests and local development tooling. */
export function signMiniAppInitData(fields: Record<string, string>, botToken: string): string {
  const secret = createHmac("sha256", "WebAppData").update(botToken).digest();
  const hash = createHmac("sha256", secret)
    .update(dataCheckString(new Map(Object.entries(fields))))
    .digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}

export function signLoginWidget(fields: Record<string, string>, botToken: string): Record<string, string> {
  const secret = createHash("sha256").update(botToken).digest();
  const hash = createHmac("sha256", secret)
    .update(dataCheckString(new Map(Object.entries(fields))))
    .digest("hex");
  return { ...fields, hash };
}
