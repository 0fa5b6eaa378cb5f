// Who may load which rows: one place for the ownership rules that node(id),
// nodes(ids) and fallback loads apply, so a global id is never a key to someone else's data.
import type { Context } from "../context.ts";
import { NotFoundError } from "../domain/errors.ts";

/** Matches nothing: for anonymous requests. */
const NOBODY = { in: [] as number[] };

/** Rows whose `userId` is the signed-in user's. */
export function ownedByViewer(context: Context) {
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

/** The signed-in user's id, or an UnauthenticatedError for resolvers behind the `user` scope. */
export function viewerId(context: Context): number {
  if (!context.user) throw new Error("viewerId() used outside the `user` auth scope");
  return context.user.id;
}
