// Helpers of the admin support desk, also used by the other admin modules of this area
// (telegram, accounts): search and input fields.
import { z } from "zod";

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
