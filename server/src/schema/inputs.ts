// Mutation input rules shared by several types' inputs: amounts, names, texts, URLs,
// display order, notes, and optional fields that may be cleared.
import { z } from "zod";

/** A decimal string with at most two decimals (RUB, percent). */
export const money = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, "must be a positive amount with at most 2 decimals");

/** A trimmed, non-empty name of at most `max` characters. */
export const name = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);
export const description = z.string().trim().max(2000, "at most 2000 characters").nullish();
export const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000, "at most 2000 characters");
export const sortOrder = z.number().int().min(0, "at least 0").max(1_000_000, "at most 1000000");
export const notNull = "must not be null";
export const flag = z.boolean(notNull);

/** A message body: a reply, an internal note or a canned response's text. */
export const messageBody = z.string().trim().min(1, "must not be empty").max(4000, "at most 4000 characters");

/** An admin's note on a money change (adjustment, rejection…), audited. */
export const note = z.string().trim().min(3, "at least 3 characters").max(500, "at most 500 characters");

/** An input whose whole-object validator leaves an id field alone (the resolver decodes it). */
export const anyId = z.unknown();

/** Optional input fields: absent stays undefined (unchanged), an explicit null is kept (cleared). */
export function given<T>(input: object, key: string, value: T): T | undefined {
  return key in input ? value : undefined;
}
