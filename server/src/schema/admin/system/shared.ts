// Admin panel, system: what the audit log, logs and alerts, and notifications share:
// the staff scope and newest-first ordering.

export const staff = { staff: true } as const;

type Dir = "asc" | "desc";
export const newest = (column: string, dir: Dir = "desc") => [{ [column]: dir }, { id: dir }] as never;
