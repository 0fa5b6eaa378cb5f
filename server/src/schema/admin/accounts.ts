// Admin panel accounts and settings. Staff read (operators pick assignees from the
// account list); only ADMIN creates accounts, changes roles and activity, resets
// passwords and changes settings. No password or hash enters the schema or the audit log.
import { z } from "zod";
import { builder } from "../../builder.ts";
import { audited } from "../../domain/audit.ts";
import {
  SETTING_KEY,
  SETTING_MAX_CHARS,
  SETTING_TYPES,
  createAdminUser,
  hashAdminPassword,
  matchesSettingType,
  resetAdminPassword,
  settingTypeOf,
  updateAdminUser,
  updateSetting,
} from "../../domain/admin-accounts.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../domain/errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { AdminRole as AdminRoleValues } from "../../generated/prisma/enums.ts";
import { AdminRole, AdminUser } from "../admin-auth.ts";
import { containing } from "../filters.ts";
import { requireDatabaseId, staffOnlyLookup } from "../access.ts";
import { AdminQueries } from "../admin-queries.ts";

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

// ---------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------

const AdminAccountFilter = builder.inputType("AdminAccountFilter", {
  fields: (t) => ({
    role: t.field({ type: AdminRole }),
    active: t.boolean(),
    search: t.string({ description: "Part of the username, display name or email." }),
  }),
});

const SettingFilter = builder.inputType("SettingFilter", {
  fields: (t) => ({ search: t.string({ description: "Part of the key or description." }) }),
});

function adminUserWhere(
  filter: { role?: AdminRoleValues | null; active?: boolean | null; search?: string | null } | null | undefined,
): Prisma.AdminUserWhereInput {
  const search = containing(filter?.search);
  return {
    ...(filter?.role ? { role: filter.role } : {}),
    ...(filter?.active != null ? { isActive: filter.active } : {}),
    ...(search ? { OR: [{ username: search }, { displayName: search }, { email: search }] } : {}),
  };
}

function settingWhere(filter: { search?: string | null } | null | undefined): Prisma.AdminSettingWhereInput {
  const search = containing(filter?.search);
  return search ? { OR: [{ key: search }, { description: search }] } : {};
}

builder.objectFields(AdminQueries, (t) => ({
  adminUsers: t.prismaConnection({
    type: AdminUser,
    cursor: "id",
    description: "Admin panel accounts, by username.",
    args: { filter: t.arg({ type: AdminAccountFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.adminUser.count({ where: adminUserWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.adminUser.findMany({ ...query, where: adminUserWhere(filter), orderBy: [{ username: "asc" }, { id: "asc" }] }),
  }),
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

// ---------------------------------------------------------------------------------------
// Mutations (ADMIN)
// ---------------------------------------------------------------------------------------

const password = z.string().min(12, "at least 12 characters").max(200, "at most 200 characters");
const displayName = z.string().trim().max(255, "at most 255 characters");

const CreateAdminUserInput = builder.inputType("CreateAdminUserInput", {
  fields: (t) => ({
    username: t.string({ required: true, description: "3–50 of a–z, 0–9, . _ - (stored lower-case)." }),
    displayName: t.string(),
    email: t.string(),
    role: t.field({ type: AdminRole, required: true }),
    password: t.string({ required: true, description: "At least 12 characters." }),
  }),
  validate: z.object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,50}$/, "3–50 characters: letters a–z, digits, . _ or -"),
    displayName: displayName.nullish(),
    email: z.email("must be an email address").max(255, "at most 255 characters").nullish(),
    role: z.enum(AdminRoleValues),
    password,
  }),
});

const UpdateAdminUserInput = builder.inputType("UpdateAdminUserInput", {
  description: "Only the given fields change. Nobody demotes or deactivates themself; deactivation ends the account's sessions.",
  fields: (t) => ({
    adminUserId: t.id({ required: true }),
    role: t.field({ type: AdminRole }),
    displayName: t.string({ description: "null clears it." }),
    isActive: t.boolean(),
  }),
  validate: z.object({
    adminUserId: z.string(),
    role: z.enum(AdminRoleValues).nullish(),
    displayName: displayName.nullish(),
    isActive: z.boolean().nullish(),
  }),
});

const ResetAdminPasswordInput = builder.inputType("ResetAdminPasswordInput", {
  description: "Sets a new password, clears a lockout and ends the account's sessions (but not the caller's own).",
  fields: (t) => ({
    adminUserId: t.id({ required: true }),
    newPassword: t.string({ required: true, validate: password }),
  }),
});

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

const adminUserIdOf = (id: string) => requireDatabaseId(id, "AdminUser");

builder.mutationFields((t) => ({
  createAdminUser: t.prismaField({
    type: AdminUser,
    description: "Creates an admin panel account. Admin only.",
    authScopes: { admin: true },
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: CreateAdminUserInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const passwordHash = await hashAdminPassword(input.password);
      const id = await audited(context, "admin_user.create", { type: "AdminUser" }, async (tx) => {
        const { id, after } = await createAdminUser(tx, { ...input, passwordHash });
        return { result: id, targetId: id, after };
      });
      return context.prisma.adminUser.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateAdminUser: t.prismaField({
    type: AdminUser,
    description: "Changes an account's role, display name or activity. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ForbiddenError] },
    args: { input: t.arg({ type: UpdateAdminUserInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = adminUserIdOf(input.adminUserId);
      const update = { role: input.role, isActive: input.isActive, displayName: "displayName" in input ? input.displayName : undefined };
      await audited(context, "admin_user.update", { type: "AdminUser", id }, async (tx) => ({
        result: null,
        ...(await updateAdminUser(tx, context.admin!.id, id, update)),
      }));
      return context.prisma.adminUser.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  resetAdminPassword: t.prismaField({
    type: AdminUser,
    description: "Sets an account's password. Admin only.",
    authScopes: { admin: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: ResetAdminPasswordInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = adminUserIdOf(input.adminUserId);
      const passwordHash = await hashAdminPassword(input.newPassword);
      await audited(context, "admin_user.reset_password", { type: "AdminUser", id }, async (tx) => ({
        result: null,
        ...(await resetAdminPassword(tx, id, passwordHash, context.admin!.sessionId)),
      }));
      return context.prisma.adminUser.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
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
