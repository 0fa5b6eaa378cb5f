// Helpers shared by the admin Telegram modules: the newest-first order of their lists and
// the date range their filters take.
export const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

export type Range = { from?: Date | null; to?: Date | null } | null | undefined;
