// Who may load which rows: one place for the ownership rules that node(id),
// nodes(ids) and fallback loads apply, so a global id is never a key to someone else's data.
import { decodeGlobalID } from "@pothos/plugin-relay";
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

/** The database id inside a global id of `typename`, or null (another type, garbage). */
export function databaseIdOf(globalId: string, typename: string): number | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename ? parseDatabaseId(decoded.id, typename) : null;
  } catch {
    return null;
  }
}

/** For a mutation or subscription: the id, or `invalid()` (NotFoundError by default). */
export function requireDatabaseId(globalId: string, typename: string, invalid: () => Error = () => new NotFoundError(typename)): number {
  const id = databaseIdOf(globalId, typename);
  if (id === null) throw invalid();
  return id;
}

/** For a list filter: undefined when absent; an id no row has when it is not one of `typename`. */
export function filterDatabaseId(globalId: string | null | undefined, typename: string): number | undefined {
  if (globalId == null) return undefined;
  return databaseIdOf(globalId, typename) ?? -1;
}

/** node(id) lookup of a staff-only type: an impossible id for everyone else, so node() answers null. */
export function staffOnlyLookup(id: string | number, context: Context, entity: string) {
  return { id: isStaff(context) ? parseDatabaseId(id, entity) : -1 };
}

/** A catalogue row by id (tiers, styles, packs): retired rows answer null, like unknown ids (staff see them). */
export function activeById(id: string | number, entity: string, context: Context) {
  return { id: parseDatabaseId(id, entity), ...(isStaff(context) ? {} : { isActive: true }) };
}
