// List ordering, once for the whole schema: newest first (the default of almost every list,
// with the id as tie-breaker so pages are stable), the SortDirection enum and the
// `{ field, direction }` order inputs of the admin lists.
import { builder } from "../builder.ts";

type Dir = "asc" | "desc";

/** Newest first, then the id: the order of every list that does not say otherwise. */
export const newestFirst: Array<{ createdAt: "desc" } | { id: "desc" }> = [{ createdAt: "desc" }, { id: "desc" }];

/** Newest first by another timestamp column (e.g. `lastSeenAt`), then the id. */
export function newestBy<C extends string>(column: C): Array<Record<C, "desc"> | { id: "desc" }> {
  // A computed key is typed as an index signature; the cast names the one key it is.
  return [{ [column]: "desc" } as Record<C, "desc">, { id: "desc" }];
}

export const SortDirection = builder.enumType("SortDirection", { values: ["ASC", "DESC"] as const });

/** Prisma sort direction from the schema's SortDirection (newest first by default). */
export function direction(value: "ASC" | "DESC" | null | undefined): Dir {
  return value === "ASC" ? "asc" : "desc";
}

/** By creation time in the given SortDirection (DESC when left out), then the id. */
export function byCreatedAt(value: "ASC" | "DESC" | null | undefined): Array<{ createdAt: Dir } | { id: Dir }> {
  const dir = direction(value);
  return [{ createdAt: dir }, { id: dir }];
}

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

/** The column an order field sorts by; nullable columns sort their nulls last whichever the direction. */
export type OrderColumn<C extends string> = { column: C; nullable?: boolean };

/** The order field every `orderInput` list offers. */
export const CREATED_AT = { CREATED_AT: { column: "createdAt" } } as const;

/**
 * Prisma orderBy for `{ field, direction }`: `columns` maps each field of the order input to
 * its column (`fallback` when no order is given). `O` is the model's OrderByWithRelationInput,
 * given at the call, so every column is checked against the model.
 */
export function orderBy<O extends object>(
  order: { field: string; direction?: "ASC" | "DESC" | null } | null | undefined,
  columns: Record<string, OrderColumn<Extract<keyof O, string>>>,
  fallback: string,
): Array<O | { id: Dir }> {
  const dir = direction(order?.direction);
  const { column, nullable } = columns[order?.field ?? fallback]!;
  // The one cast the types cannot avoid: `column` is a key of O chosen at run time, and an
  // object with a computed key is typed as an index signature, which TypeScript cannot check
  // against the model's per-column sort types ("asc" | "desc", or `{ sort, nulls }` when nullable).
  const first = { [column]: nullable ? { sort: dir, nulls: "last" } : dir } as O;
  return [first, { id: dir }];
}

/** Display order of catalogue rows: `sortOrder`, then the id. */
export const displayOrder: Array<{ sortOrder: "asc" } | { id: "asc" }> = [{ sortOrder: "asc" }, { id: "asc" }];
