// Who may load which rows: one place for the ownership rules that node(id),
// nodes(ids) and fallback loads apply, so a global id is never a key to someone else's data.
import type { Context } from "../context.ts";
import { NotFoundError } from "../domain/errors.ts";

/** Matches nothing: for anonymous requests. */
const NOBODY = { in: [] as number[] };

/** Admin panel accounts read every user's rows (what each may change is decided per field). */
export function isStaff(context: Context): boolean {
  return context.admin !== null;
}

/** May the caller read a row belonging to `ownerId`: its owner, or staff. */
export function canRead(context: Context, ownerId: number | null): boolean {
  return isStaff(context) || (ownerId !== null && context.user?.id === ownerId);
}

/** Rows whose `userId` is the signed-in user's (every row for staff). */
export function ownedByViewer(context: Context) {
  if (isStaff(context)) return {};
  return { userId: context.user ? context.user.id : NOBODY };
}

/** Rows hanging off an avatar of the signed-in user. */
export function onViewersAvatar(context: Context) {
  return { avatar: ownedByViewer(context) };
}

/** The numeric database id inside a decoded global id. */
export function parseDatabaseId(id: string | number, entity = "Node"): number {
  const value = typeof id === "number" ? id : /^\d{1,10}$/.test(id) ? Number(id) : Number.NaN;
  if (!Number.isSafeInteger(value) || value <= 0 || value > 2_147_483_647) throw new NotFoundError(entity);
  return value;
}

/** The signed-in user's id, for resolvers behind the `user` scope. */
export function viewerId(context: Context): number {
  if (!context.user) throw new Error("viewerId() used outside the `user` auth scope");
  return context.user.id;
}
