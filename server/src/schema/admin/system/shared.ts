// Admin panel, system: what the audit log, logs and alerts, and notifications share:
// the staff scope, node(id) lookups for staff only, and newest-first ordering.
import type { Context } from "../../../context.ts";
import { isStaff, parseDatabaseId } from "../../access.ts";

export const staff = { staff: true } as const;

/** node(id) of a staff-only type: a real lookup for staff, an impossible id for anyone else. */
export function staffOnly(id: string | number, context: Context, entity: string) {
  return { id: isStaff(context) ? parseDatabaseId(id, entity) : -1 };
}

type Dir = "asc" | "desc";
export const newest = (column: string, dir: Dir = "desc") => [{ [column]: dir }, { id: dir }] as never;
