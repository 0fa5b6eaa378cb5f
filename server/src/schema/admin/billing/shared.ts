// Helpers of the admin billing (and catalogue) modules: amounts and the list conventions
// they share.
import { z } from "zod";

/** A decimal string with at most two decimals (RUB, percent). */
export const money = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, "must be a positive amount with at most 2 decimals");

export const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Trimmed text, or undefined when empty: an empty search filters nothing. */
export const searchText = (value: string | null | undefined) => value?.trim() || undefined;
