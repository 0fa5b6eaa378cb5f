// Referral rules. Money movements (commissions, withdrawals) join this module in
// the payments issue; this part covers who referred whom.
import type { Prisma } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

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
