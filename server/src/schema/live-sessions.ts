// Whether the caller of an open subscription is still signed in (schema/live-subscription.ts
// asks before every row it hands over): answers shared by all the subscriptions of a session,
// reused for SESSION_RECHECK_MS, and asked for in one statement for all the sessions at once.
import type { Context } from "../context.ts";
import type { AdminRole } from "../generated/prisma/enums.ts";

/**
 * How long an answer to "is this session still live (user not banned; admin active, and in
 * which role)" is reused for the events of open subscriptions. Signing out, revoking a
 * session, banning a user, deactivating or demoting an admin reaches their open subscriptions
 * within this time: the first event after it ends them (without delivering it).
 */
export const SESSION_RECHECK_MS = 2000;

type SessionAnswer = number | AdminRole | null; // the user's id, the admin's role, or gone
interface SessionCache {
  answers: Map<string, SessionEntry>;
  /** Checks asked for in this turn of the event loop: one statement per kind answers them all. */
  batch: {
    users: Map<number, (answer: SessionAnswer) => void>;
    admins: Map<number, (answer: SessionAnswer) => void>;
    failed: Array<(error: unknown) => void>;
  } | null;
}

const sessionCaches = new WeakMap<Context["prisma"], SessionCache>();

async function flushSessions(prisma: Context["prisma"], cache: SessionCache): Promise<void> {
  const batch = cache.batch!;
  cache.batch = null;
  const now = new Date();
  try {
    const [users, admins] = await Promise.all([
      batch.users.size === 0
        ? []
        : prisma.userSession.findMany({
            where: { id: { in: [...batch.users.keys()] }, revokedAt: null, expiresAt: { gt: now }, user: { isBanned: false } },
            select: { id: true, userId: true },
          }),
      batch.admins.size === 0
        ? []
        : prisma.adminSession.findMany({
            where: { id: { in: [...batch.admins.keys()] }, revokedAt: null, expiresAt: { gt: now }, admin: { isActive: true } },
            select: { id: true, admin: { select: { role: true } } },
          }),
    ]);
    const liveUsers = new Map(users.map((session) => [session.id, session.userId]));
    const liveAdmins = new Map(admins.map((session) => [session.id, session.admin.role]));
    for (const [id, resolve] of batch.users) resolve(liveUsers.get(id) ?? null);
    for (const [id, resolve] of batch.admins) resolve(liveAdmins.get(id) ?? null);
  } catch (error) {
    for (const reject of batch.failed) reject(error);
  }
  // Forget what is stale (sessions whose subscriptions have gone).
  const stale = Date.now() - SESSION_RECHECK_MS;
  for (const [key, entry] of cache.answers) if (entry.at < stale) cache.answers.delete(key);
}

/** A session's answer: reused for SESSION_RECHECK_MS, read at once once it has settled. */
interface SessionEntry {
  at: number;
  answer: Promise<SessionAnswer>;
  settled?: { value: SessionAnswer };
}

function sessionAnswer(prisma: Context["prisma"], kind: "users" | "admins", sessionId: number): SessionAnswer | Promise<SessionAnswer> {
  let cache = sessionCaches.get(prisma);
  if (!cache) sessionCaches.set(prisma, (cache = { answers: new Map(), batch: null }));
  const key = `${kind}:${sessionId}`;
  const cached = cache.answers.get(key);
  if (cached && Date.now() - cached.at < SESSION_RECHECK_MS) return cached.settled ? cached.settled.value : cached.answer;
  if (!cache.batch) {
    cache.batch = { users: new Map(), admins: new Map(), failed: [] };
    const current = cache;
    setImmediate(() => void flushSessions(prisma, current));
  }
  const batch = cache.batch;
  const answer = new Promise<SessionAnswer>((resolve, reject) => {
    batch[kind].set(sessionId, resolve);
    batch.failed.push(reject);
  });
  const entry: SessionEntry = { at: Date.now(), answer };
  cache.answers.set(key, entry);
  answer.then(
    (value) => (entry.settled = { value }),
    // A failed check is not kept: the next event asks again.
    () => cache.answers.get(key) === entry && cache.answers.delete(key),
  );
  return answer;
}

/** The scopes a live field is given: its owner's and staff, or the support desk's. */
export type LiveScopes = { user: true; staff: true } | { operator: true };

/** The admin roles each scope lets in, as builder.ts defines `staff` and `operator`. */
function rolesOf(scopes: LiveScopes): AdminRole[] {
  return "operator" in scopes ? ["ADMIN", "OPERATOR"] : ["ADMIN", "OPERATOR", "VIEWER"];
}

/**
 * Whether the caller's session still holds and still passes `scopes` (for staff: the account
 * active in one of their roles), as of at most SESSION_RECHECK_MS ago: checks are shared by
 * every subscription of a session, batched into one statement for all the sessions asked
 * about at once, and answered at once (no promise) while a settled answer is fresh.
 */
export function stillSignedIn(context: Context, scopes: LiveScopes): boolean | Promise<boolean> {
  const { admin, user, prisma } = context;
  if (admin) {
    const roles = rolesOf(scopes);
    const role = sessionAnswer(prisma, "admins", admin.sessionId);
    const allowed = (role: SessionAnswer) => role !== null && roles.includes(role as AdminRole);
    return role instanceof Promise ? role.then(allowed) : allowed(role);
  }
  if (user && "user" in scopes) {
    const id = sessionAnswer(prisma, "users", user.sessionId);
    return id instanceof Promise ? id.then((id) => id === user.id) : id === user.id;
  }
  return false;
}
