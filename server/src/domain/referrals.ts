// Referral rules. Money movements (commissions, withdrawals) join this module in
// the payments issue; this part covers who referred whom, the user's own code, what the
// referral pages show, and partner applications.
import { randomInt } from "node:crypto";
import type { PrismaClient } from "../db/prisma.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AudienceSize, WithdrawalMethod } from "../generated/prisma/enums.ts";
import { ConflictError } from "./errors.ts";

type Tx = Prisma.TransactionClient;
type Db = PrismaClient | Tx;

/**
 * Records that `referredId` came through `code`, once: a user is referred at most
 * once and never by themselves. Unknown or inactive codes are ignored (a stale
 * deep link must not block sign-in). Returns whether a referral was recorded.
 */
export async function applyReferralCode(tx: Tx, referredId: number, code: string): Promise<boolean> {
  const normalized = code.trim().toUpperCase();
  if (!/^[A-Z0-9_-]{3,20}$/.test(normalized)) return false;
  const referralCode = await tx.referralCode.findUnique({ where: { code: normalized } });
  if (!referralCode?.isActive || referralCode.userId === referredId) return false;
  const { count } = await tx.referral.createMany({
    data: [{ referrerId: referralCode.userId, referredId, referralCodeId: referralCode.id }],
    skipDuplicates: true,
  });
  if (count === 0) return false;
  await tx.user.update({ where: { id: referredId }, data: { referredById: referralCode.userId, pendingReferralCode: null } });
  return true;
}

// ---------------------------------------------------------------------------------------
// The user's own code
// ---------------------------------------------------------------------------------------

/** No 0/O, 1/I/L: codes are read aloud and typed from screenshots. */
export const REFERRAL_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const REFERRAL_CODE_LENGTH = 8;
const MAX_CODE_ATTEMPTS = 5;

export function generateReferralCode(): string {
  let code = "";
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) code += REFERRAL_CODE_ALPHABET[randomInt(REFERRAL_CODE_ALPHABET.length)];
  return code;
}

/**
 * The user's referral code, created on first call. Idempotent and safe under concurrent
 * calls: the insert skips on either unique (user_id: someone else's call won, so that code
 * is the answer; code: a rare collision with another user's code, so draw again).
 */
export async function ensureReferralCode(db: Db, userId: number, generate: () => string = generateReferralCode): Promise<{ id: number }> {
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    await db.referralCode.createMany({ data: [{ userId, code: generate() }], skipDuplicates: true });
    const code = await db.referralCode.findUnique({ where: { userId }, select: { id: true } });
    if (code) return code;
  }
  throw new Error(`No free referral code after ${MAX_CODE_ATTEMPTS} attempts`);
}

// ---------------------------------------------------------------------------------------
// What the referral pages show
// ---------------------------------------------------------------------------------------

/** RUB and TON: the only currencies referral balances and commissions are kept in. */
export interface ReferralAmounts {
  rub: string;
  ton: string;
}

/** Commissions credited to the user so far, per currency (pending and reversed ones excluded). */
export async function creditedEarnings(db: Db, referrerId: number): Promise<ReferralAmounts> {
  const sums = await db.referralEarning.groupBy({
    by: ["currency"],
    where: { referrerId, status: "CREDITED" },
    _sum: { amount: true, nativeAmount: true },
  });
  const rub = sums.find((s) => s.currency === "RUB")?._sum.amount;
  // A TON commission credits native_amount TON; amount is only its RUB value.
  const ton = sums.find((s) => s.currency === "TON")?._sum.nativeAmount;
  return { rub: rub?.toString() ?? "0", ton: ton?.toString() ?? "0" };
}

/** What a commission moved, in its own currency: TON commissions credit native_amount. */
export function earningAmount(earning: { currency: string; amount: { toString(): string }; nativeAmount: { toString(): string } | null }) {
  return earning.currency === "TON" && earning.nativeAmount != null ? earning.nativeAmount : earning.amount;
}

/**
 * How a referrer sees the people they brought: a first name or @username, never more
 * (no full name, id, email or Telegram id).
 */
export function referredDisplayName(user: { name: string | null; telegramUsername: string | null }): string | null {
  const firstName = user.name?.trim().split(/\s+/)[0];
  if (firstName) return firstName;
  return user.telegramUsername ? `@${user.telegramUsername}` : null;
}

function lastCharacters(value: string, count: number) {
  return value.replace(/[\s-]/g, "").slice(-count);
}

/**
 * Where a payout goes, masked for display: "•••• 4417" for a card, "+•••••••1234" for an SBP
 * phone, "UQAb…x9Zk" for a TON wallet. Only ever the tail of what `details` holds (which
 * is masked already); ids such as the bank's card id are never shown.
 */
export function maskedDestination(method: WithdrawalMethod, details: unknown): string | null {
  const fields = details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
  const first = (...keys: string[]) => {
    for (const key of keys) {
      const value = fields[key];
      if (typeof value === "string" && value.trim()) return value.trim();
    }
    return null;
  };
  switch (method) {
    case "CARD": {
      const card = first("cardMask", "maskedNumber", "card", "cardNumber");
      return card ? `•••• ${lastCharacters(card, 4)}` : null;
    }
    case "SBP": {
      const phone = first("phone", "phoneMask", "sbpPhone");
      const bank = first("bank", "bankName");
      return phone ? `+•••••••${lastCharacters(phone, 4)}${bank ? ` (${bank})` : ""}` : null;
    }
    case "TON": {
      const address = first("address", "walletAddress", "tonAddress", "tonWalletAddress");
      return address && address.length > 8 ? `${address.slice(0, 4)}…${address.slice(-4)}` : null;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Partner program
// ---------------------------------------------------------------------------------------

export interface PartnerApplicationInput {
  contactName: string;
  contactEmail?: string | null;
  telegramUsername?: string | null;
  audienceSize?: AudienceSize | null;
  promotionChannels?: string[] | null;
  message?: string | null;
}

/**
 * Files an application to the partner program. One PENDING application at a time (a
 * partial unique index guards it, so two concurrent submissions cannot both pass), and
 * none once the user is a partner.
 */
export async function submitPartnerApplication(db: PrismaClient, userId: number, input: PartnerApplicationInput): Promise<{ id: number }> {
  const balance = await db.referralBalance.findUnique({ where: { userId }, select: { isPartner: true } });
  if (balance?.isPartner) throw new ConflictError("You are already a partner");
  try {
    return await db.partnerApplication.create({
      data: {
        userId,
        contactName: input.contactName.trim(),
        contactEmail: input.contactEmail?.trim() || null,
        telegramUsername: input.telegramUsername?.trim().replace(/^@/, "") || null,
        audienceSize: input.audienceSize ?? null,
        promotionChannels: [...new Set((input.promotionChannels ?? []).map((c) => c.trim()).filter(Boolean))],
        message: input.message?.trim() || null,
      },
      select: { id: true },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new ConflictError("Your previous application is still being reviewed");
    }
    throw error;
  }
}
