// Shared by the admin referrals modules (referrals/*.ts): the currency enum, staff-only node
// ids, filter ids, sort and search helpers, and the validators the mutation inputs share.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import type { Context } from "../../../context.ts";
import { parseDatabaseId, staffOnlyLookup } from "../../access.ts";
import { direction } from "../root.ts";

export const ReferralCurrency = builder.enumType("ReferralCurrency", {
  description: "The currencies referral balances are kept in.",
  values: ["RUB", "TON"] as const,
});

/** A staff-only node's id for node(id): the real one for staff, an impossible one for everyone else. */
export const staffNodeId = (id: string, context: Context, entity: string) => staffOnlyLookup(id, context, entity).id;

/** A database id from a filter's global id; a malformed one matches nothing. */
export function filterId(value: { id: string } | null | undefined): number | undefined {
  if (!value) return undefined;
  try {
    return parseDatabaseId(value.id);
  } catch {
    return -1;
  }
}

export const staffOnly = { staff: true } as const;
const newestFirst = (dir: "asc" | "desc") => [{ createdAt: dir }, { id: dir }];
export const byCreatedAt = (value: "ASC" | "DESC" | null | undefined) => newestFirst(direction(value));

export const insensitive = (value: string | null | undefined) =>
  value?.trim() ? { contains: value.trim(), mode: "insensitive" as const } : undefined;

// Mutation inputs (ADMIN only, audited)
export const note = z.string().trim().min(3, "at least 3 characters").max(500, "at most 500 characters");
export const anyId = z.unknown();
