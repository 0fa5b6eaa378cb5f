// Helpers of the admin billing (and catalogue) modules: global ids of staff-only types,
// amounts, and the list conventions they share.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { NotFoundError } from "../../../domain/errors.ts";
import { isStaff, parseDatabaseId } from "../../access.ts";

// ─── Ids ─────────────────────────────────────────────────────────────────────────

/** The database id inside a global id of `typename`, or null for anything else. */
export function databaseIdOf(globalId: string, typename: string): number | null {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename !== typename || !/^\d{1,10}$/.test(decoded.id)) return null;
    const id = Number(decoded.id);
    return id > 0 && id <= 2_147_483_647 ? id : null;
  } catch {
    return null;
  }
}

/** For a filter: the id, or one no row has (an unknown id matches nothing, it is no error). */
export const filterIdOf = (globalId: string, typename: string) => databaseIdOf(globalId, typename) ?? -1;

/** For a mutation: the id, or NotFoundError. */
export function targetIdOf(globalId: string, typename: string): number {
  const id = databaseIdOf(globalId, typename);
  if (id === null) throw new NotFoundError(typename);
  return id;
}

/** node(id) of a staff-only type: an impossible id for everyone else, so they get null. */
export const staffOnly = (id: string | number, context: Parameters<typeof isStaff>[0], entity: string) => ({
  id: isStaff(context) ? parseDatabaseId(id, entity) : -1,
});

/** A decimal string with at most two decimals (RUB, percent). */
export const money = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, "must be a positive amount with at most 2 decimals");

export const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Trimmed text, or undefined when empty: an empty search filters nothing. */
export const searchText = (value: string | null | undefined) => value?.trim() || undefined;
