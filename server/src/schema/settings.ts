// Admin settings: typed key/value settings, read by staff, created and changed by ADMIN (audited).
import { z } from "zod";
import { builder } from "../builder.ts";
import {
  matchesSettingType,
  SETTING_KEY,
  SETTING_MAX_CHARS,
  SETTING_TYPES,
  settingTypeOf,
  updateSetting,
} from "../domain/admin-accounts.ts";
import { audited } from "../domain/audit.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { containing } from "./filters.ts";

const SettingType = builder.enumType("SettingType", {
  description: "STRING, NUMBER, BOOLEAN, or JSON (an object or an array).",
  values: SETTING_TYPES,
});

const AdminSetting = builder.prismaNode("AdminSetting", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "AdminSetting"),
  authScopes: { staff: true },
  fields: (t) => ({
    key: t.exposeString("key"),
    value: t.expose("value", { type: "JSON" }),
    type: t.field({
      type: SettingType,
      description: "The value's type, which never changes once set.",
      resolve: (setting) => settingTypeOf(setting.value),
    }),
    description: t.exposeString("description", { nullable: true }),
    updatedBy: t.relation("updatedBy", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const SettingFilter = builder.inputType("SettingFilter", {
  fields: (t) => ({ search: t.string({ description: "Part of the key or description." }) }),
});

function settingWhere(filter: { search?: string | null } | null | undefined): Prisma.AdminSettingWhereInput {
  const search = containing(filter?.search);
  return search ? { OR: [{ key: search }, { description: search }] } : {};
}

builder.objectFields(AdminQueries, (t) => ({
  settings: t.prismaConnection({
    type: AdminSetting,
    cursor: "id",
    description: "Settings, by key.",
    args: { filter: t.arg({ type: SettingFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.adminSetting.count({ where: settingWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.adminSetting.findMany({ ...query, where: settingWhere(filter), orderBy: [{ key: "asc" }, { id: "asc" }] }),
  }),
  setting: t.prismaField({
    type: AdminSetting,
    nullable: true,
    description: "One setting by its key, or null.",
    args: { key: t.arg.string({ required: true }) },
    resolve: (query, _root, { key }, { prisma }) => prisma.adminSetting.findUnique({ ...query, where: { key } }),
  }),
}));

const UpdateSettingInput = builder.inputType("UpdateSettingInput", {
  description: "Creates or changes a setting. `value` must hold `type`; an existing setting keeps its type.",
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.field({ type: "JSON", required: true }),
    type: t.field({ type: SettingType, required: true }),
    description: t.string(),
  }),
  validate: z
    .object({
      key: z.string().regex(SETTING_KEY, "lower-case letters, digits, _ and ., starting with a letter (2–100)"),
      value: z
        .unknown()
        .refine((value) => JSON.stringify(value ?? null).length <= SETTING_MAX_CHARS, `at most ${SETTING_MAX_CHARS} characters as JSON`),
      type: z.enum(SETTING_TYPES),
      description: z.string().trim().max(500, "at most 500 characters").nullish(),
    })
    .refine((input) => matchesSettingType(input.value, input.type), {
      message: "does not hold the declared type",
      path: ["value"],
    }),
});

builder.mutationFields((t) => ({
  updateSetting: t.prismaField({
    type: AdminSetting,
    description: "Creates or changes a typed setting. Admin only.",
    authScopes: { admin: true },
    errors: {},
    args: { input: t.arg({ type: UpdateSettingInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const values = {
        key: input.key,
        value: input.value,
        type: input.type,
        description: "description" in input ? input.description : undefined,
      };
      const id = await audited(context, "setting.update", { type: "AdminSetting" }, async (tx) => {
        const { id, before, after } = await updateSetting(tx, context.admin!.id, values);
        return { result: id, targetId: id, before, after };
      });
      return context.prisma.adminSetting.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
