// User moderation: banning and unbanning accounts. Functions over a transaction client;
// the schema wraps each call in `audited(…)` so the audit row commits with the change.
//
// Sessions: every authenticated request joins its session with the user's `is_banned`
// (auth/sessions.ts `lookUpSession`, and the API key lookup likewise), so a ban refuses
// the user's existing sessions and keys from the very next request, with USER_BANNED and
// the reason. The sessions are therefore left as they are while the ban lasts (revoking
// them would turn the clear USER_BANNED answer into a bare UNAUTHENTICATED, because a
// revoked session is refused before the ban is looked at), and are revoked when the ban is
// lifted: the banned person signs in afresh rather than an old token coming back to life.
import type { Prisma } from "../generated/prisma/client.ts";
import { ConflictError, NotFoundError } from "./errors.ts";

type Tx = Prisma.TransactionClient;

export const BAN_REASON_LENGTH = { min: 3, max: 500 } as const;

const banColumns = { id: true, isBanned: true, bannedAt: true, banReason: true, bannedById: true } as const;

type BanState = Prisma.UserGetPayload<{ select: typeof banColumns }>;

function snapshot({ isBanned, bannedAt, banReason, bannedById }: BanState) {
  return { isBanned, bannedAt, banReason, bannedById };
}

async function banStateOf(tx: Tx, userId: number): Promise<BanState> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: banColumns });
  if (!user) throw new NotFoundError("User");
  return user;
}

/** Sessions that could still sign a request in (not revoked, not expired). */
export function activeSessions(now = new Date()) {
  return { revokedAt: null, expiresAt: { gt: now } } satisfies Prisma.UserSessionWhereInput;
}

/**
 * Bans a user: the account is refused from the next request on (USER_BANNED), and
 * signing in again is refused too. ConflictError when already banned.
 */
export async function banUser(
  tx: Tx,
  { userId, reason, adminId, now = new Date() }: { userId: number; reason: string; adminId: number; now?: Date },
) {
  const before = await banStateOf(tx, userId);
  if (before.isBanned) throw new ConflictError("This user is already banned");
  const data = { isBanned: true, bannedAt: now, banReason: reason, bannedById: adminId };
  // Guarded on the flag: of two concurrent bans, the second waits for the first's row lock,
  // re-reads is_banned and updates nothing.
  const { count } = await tx.user.updateMany({ where: { id: userId, isBanned: false }, data });
  if (count === 0) throw new ConflictError("This user is already banned");
  return { before: snapshot(before), after: data };
}

/**
 * Lifts a ban and revokes the sessions that were open when it started (a banned user
 * cannot sign in, so those are all the user's live sessions). ConflictError when not banned.
 */
export async function unbanUser(tx: Tx, { userId, now = new Date() }: { userId: number; now?: Date }) {
  const before = await banStateOf(tx, userId);
  if (!before.isBanned) throw new ConflictError("This user is not banned");
  const data = { isBanned: false, bannedAt: null, banReason: null, bannedById: null };
  const { count } = await tx.user.updateMany({ where: { id: userId, isBanned: true }, data });
  if (count === 0) throw new ConflictError("This user is not banned");
  const revoked = await tx.userSession.updateMany({ where: { userId, ...activeSessions(now) }, data: { revokedAt: now } });
  return { before: snapshot(before), after: { ...data, sessionsRevoked: revoked.count } };
}
