// Admin panel, users and content: helpers the user and content lists, moderation and
// other admin areas share: list ordering and filter building.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { dateRangeFilter, direction, SortDirection } from "../root.ts";

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
