// Helpers of the admin support desk, also used by the other admin modules of this area
// (telegram, accounts): staff-only node lookups, global-id parsing, search, input fields.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import type { Context } from "../../../context.ts";
import { NotFoundError } from "../../../domain/errors.ts";
import { isStaff, parseDatabaseId } from "../../access.ts";

/** node(id) lookup of a staff-only type: an impossible id for everyone else, so node() answers null. */
export function staffOnly(entity: string) {
  return (id: string, context: Context) => ({ id: isStaff(context) ? parseDatabaseId(id, entity) : -1 });
}

/**
 * The database id inside a global id of `typename`; another type, an unknown shape or
 * garbage throws `invalid()` (NotFoundError by default, like the user side).
 */
export function databaseIdOf(globalId: string, typename: string, invalid: () => Error = () => new NotFoundError(typename)): number {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw invalid();
  }
  if (decoded.typename !== typename) throw invalid();
  try {
    return parseDatabaseId(decoded.id, typename);
  } catch {
    throw invalid();
  }
}

/** Case-insensitive substring match, or undefined for an empty search. */
export function containing(search: string | null | undefined) {
  const text = search?.trim();
  return text ? { contains: text, mode: "insensitive" as const } : undefined;
}

/** A message body: a reply, an internal note or a canned response's text. */
export const messageBody = z.string().trim().min(1, "must not be empty").max(4000, "at most 4000 characters");

/** Optional input fields: absent stays undefined (unchanged), an explicit null is kept (cleared). */
export function given<T>(input: object, key: string, value: T): T | undefined {
  return key in input ? value : undefined;
}
