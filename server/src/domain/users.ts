// Who a user is: finding or creating the account behind a verified sign-in.
import type { PrismaClient } from "../db/prisma.ts";
import type { TelegramUser } from "../auth/telegram.ts";
import { UserBannedError } from "./errors.ts";
import { applyReferralCode } from "./referrals.ts";

export interface SignedInUser {
  id: number;
  created: boolean;
}

/**
 * Finds the user of a Telegram account or creates it with its TELEGRAM identity
 * (one transaction: the database requires every user to have an identity), and
 * applies a referral code on the first sign-in only.
 */
export async function findOrCreateTelegramUser(
  prisma: PrismaClient,
  telegram: TelegramUser,
  { referralCode }: { referralCode?: string | null } = {},
): Promise<SignedInUser> {
  const providerUserId = telegram.id.toString();
  const name = [telegram.firstName, telegram.lastName].filter(Boolean).join(" ") || null;
  // Two first sign-ins at once both try to create: the loser retries and finds the winner's row.
  for (let attempt = 0; ; attempt++) {
    try {
      return await signInTransaction(prisma, telegram, providerUserId, name, referralCode);
    } catch (error) {
      const unique = (error as { code?: string }).code === "P2002";
      if (!unique || attempt > 0) throw error;
    }
  }
}

function signInTransaction(
  prisma: PrismaClient,
  telegram: TelegramUser,
  providerUserId: string,
  name: string | null,
  referralCode: string | null | undefined,
): Promise<SignedInUser> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.userIdentity.findUnique({
      where: { provider_providerUserId: { provider: "TELEGRAM", providerUserId } },
      select: { user: { select: { id: true, isBanned: true, banReason: true } } },
    });
    if (existing) {
      if (existing.user.isBanned) throw new UserBannedError(existing.user.banReason);
      await tx.user.update({
        where: { id: existing.user.id },
        data: { telegramUsername: telegram.username ?? null, avatarUrl: telegram.photoUrl },
      });
      await tx.userIdentity.update({
        where: { provider_providerUserId: { provider: "TELEGRAM", providerUserId } },
        data: { lastUsedAt: new Date() },
      });
      return { id: existing.user.id, created: false };
    }
    const user = await tx.user.create({
      data: {
        telegramUserId: telegram.id,
        telegramUsername: telegram.username,
        name,
        avatarUrl: telegram.photoUrl,
        authProvider: "TELEGRAM",
        identities: { create: { provider: "TELEGRAM", providerUserId, lastUsedAt: new Date() } },
      },
      select: { id: true },
    });
    if (referralCode) await applyReferralCode(tx, user.id, referralCode);
    return { id: user.id, created: true };
  });
}
