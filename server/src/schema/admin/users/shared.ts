// Admin panel, users and content: helpers the user and content lists, moderation and
// other admin areas share: global ids in admin inputs, list ordering, filter building.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { NotFoundError } from "../../../domain/errors.ts";
import { parseDatabaseId } from "../../access.ts";
import { dateRangeFilter, direction, SortDirection } from "../root.ts";

// ─── Global ids in admin inputs ───────────────────────────────────────────────────

/** The database id inside a global id of `typename`, or null (another type, garbage). */
export function databaseIdOf(globalId: string, typename: string): number | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename ? parseDatabaseId(decoded.id, typename) : null;
  } catch {
    return null;
  }
}

/** For filters: an id that is not one of `typename` matches no row rather than failing the page. */
export function filterId(globalId: string | null | undefined, typename: string): number | undefined {
  if (globalId == null) return undefined;
  return databaseIdOf(globalId, typename) ?? -1;
}

/** For mutations: an id that is not one of `typename` is not found. */
export function requireId(globalId: string, typename: string): number {
  const id = databaseIdOf(globalId, typename);
  if (id === null) throw new NotFoundError(typename);
  return id;
}

// ─── Ordering ─────────────────────────────────────────────────────────────────────

type Dir = "asc" | "desc";

/**
 * An `orderBy` input `{ field, direction }` for a list; `direction` defaults to DESC.
 * The id always follows as the tiebreak, in the same direction, so pages are stable.
 */
export function orderInput<const F extends string>(name: string, values: readonly F[], description: string) {
  const Field = builder.enumType(`${name}Field`, { values });
  return builder.inputType(name, {
    description,
    fields: (t) => ({
      field: t.field({ type: Field, required: true }),
      direction: t.field({ type: SortDirection, description: "DESC when left out." }),
    }),
  });
}

/**
 * Prisma orderBy for `{ field, direction }`: `columns` maps each field to its column;
 * nullable columns sort their nulls last whichever the direction.
 */
export function orderBy<F extends string>(
  order: { field: F; direction?: "ASC" | "DESC" | null } | null | undefined,
  columns: Record<F, { column: string; nullable?: boolean }>,
  fallback: F,
) {
  const dir: Dir = direction(order?.direction);
  const { column, nullable } = columns[order?.field ?? fallback];
  return [{ [column]: nullable ? { sort: dir, nulls: "last" } : dir }, { id: dir }] as never;
}

// ─── Filtering and ordering the lists ─────────────────────────────────────────────

export const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as never;

export const search = z.string().trim().max(200, "at most 200 characters").nullish();

export const byCreatedAt = { CREATED_AT: { column: "createdAt" } };

/** `AND` of the conditions that are set (undefined values drop out). */
export function all(...conditions: Array<object | false | "" | undefined>) {
  return { AND: conditions.filter((c): c is object => Boolean(c)) } as never;
}

export type Range = { from?: Date | null; to?: Date | null } | null | undefined;
export const range = (value: Range) => dateRangeFilter(value);
