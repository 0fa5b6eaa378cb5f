// List filters, once for the whole schema: the date range input, text search, "all of these
// conditions", ids from filter inputs and the active/retired filter of catalogue rows.
import { z } from "zod";
import { builder } from "../builder.ts";
import { parseDatabaseId } from "./access.ts";

export const DateRangeInput = builder.inputType("DateRangeInput", {
  description: "A half-open time range: from ≤ t < to. Either end may be left open.",
  fields: (t) => ({
    from: t.field({ type: "DateTime" }),
    to: t.field({ type: "DateTime" }),
  }),
});

/** A DateRangeInput's value. */
export type DateRange = { from?: Date | null; to?: Date | null } | null | undefined;

/** Prisma filter for a DateRangeInput (undefined when no range). */
export function dateRangeFilter(range: DateRange) {
  if (!range || (!range.from && !range.to)) return undefined;
  return { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) };
}

/** Trimmed text, or undefined when empty: an empty search filters nothing. */
export const searchText = (value: string | null | undefined) => value?.trim() || undefined;

/** Case-insensitive substring match, or undefined for an empty search. */
export function containing(search: string | null | undefined) {
  const text = search?.trim();
  return text ? { contains: text, mode: "insensitive" as const } : undefined;
}

/** The `search` field of a filter input: at most 200 characters. */
export const search = z.string().trim().max(200, "at most 200 characters").nullish();

/**
 * `AND` of the conditions that are set (false, "" and undefined drop out). `W` is the
 * model's WhereInput, given at the call so each condition is checked against it.
 */
export function all<W extends object>(...conditions: Array<W | false | "" | undefined>): { AND: W[] } {
  return { AND: conditions.filter((c): c is W => Boolean(c)) };
}

/** A database id from a filter's global id; a malformed one matches nothing. */
export function filterId(value: { id: string } | null | undefined): number | undefined {
  if (!value) return undefined;
  try {
    return parseDatabaseId(value.id);
  } catch {
    return -1;
  }
}

/** A filter input on catalogue rows: `active`, and `search` when `search` describes it. */
export const ActiveFilter = (name: string, search?: string) =>
  builder.inputType(name, {
    fields: (t) => ({
      active: t.boolean({ description: "Only active (true) or retired (false) rows." }),
      ...(search ? { search: t.string({ description: search }) } : {}),
    }),
  });

/** An ActiveFilter's value. */
export type ActiveSearchFilter = { active?: boolean | null; search?: string | null } | null | undefined;

export const activeWhere = (active: boolean | null | undefined) => (active != null ? { isActive: active } : {});
