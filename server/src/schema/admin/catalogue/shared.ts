// Helpers of the admin catalogue modules: scopes, display order, the active/search filter
// and the input checks every catalogue row shares.
import { z } from "zod";
import { builder } from "../../../builder.ts";

export const staff = { staff: true } as const;
export const displayOrder = [{ sortOrder: "asc" as const }, { id: "asc" as const }];
export const insensitive = "insensitive" as const;

export const ActiveFilter = (name: string, search?: string) =>
  builder.inputType(name, {
    fields: (t) => ({
      active: t.boolean({ description: "Only active (true) or retired (false) rows." }),
      ...(search ? { search: t.string({ description: search }) } : {}),
    }),
  });

export { searchText } from "../billing/shared.ts";
export const activeWhere = (active: boolean | null | undefined) => (active != null ? { isActive: active } : {});
export type Filter = { active?: boolean | null; search?: string | null } | null | undefined;

export const name = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);
export const description = z.string().trim().max(2000, "at most 2000 characters").nullish();
export const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000, "at most 2000 characters");
export const sortOrder = z.number().int().min(0, "at least 0").max(1_000_000, "at most 1000000");
export const notNull = "must not be null";
export const flag = z.boolean(notNull);

export const admin = { admin: true } as const;
