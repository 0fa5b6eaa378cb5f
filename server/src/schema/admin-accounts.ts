// Admin panel accounts: signing in and out, who is signed in (adminMe), the account list
// (staff read: operators pick assignees from it), and creating accounts, changing roles and
// activity, resetting passwords (ADMIN). No password or hash enters the schema or the audit log.
import { z } from "zod";
import { revokeAdminSession, signInAdmin } from "../auth/admin-sessions.ts";
import { builder } from "../builder.ts";
import { createAdminUser, hashAdminPassword, resetAdminPassword, updateAdminUser } from "../domain/admin-accounts.ts";
import { audited } from "../domain/audit.ts";
import { AccountLockedError, ConflictError, ForbiddenError, InvalidCredentialsError, NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { AdminRole as AdminRoleValues } from "../generated/prisma/enums.ts";
import { isStaff, requireDatabaseId, staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { containing } from "./filters.ts";

export const AdminRole = builder.enumType(AdminRoleValues, {
  name: "AdminRole",
  description: "ADMIN: everything. OPERATOR: support desk and user moderation. VIEWER: reads, changes nothing.",
});

export const AdminUser = builder.prismaNode("AdminUser", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "AdminUser"),
  // A function, not `{ staff: true }`: scope maps are computed once per request, and
  // adminSignIn makes its own request an admin one midway.
  authScopes: (_admin, context) => isStaff(context),
  // The password hash is never selected into the schema.
  fields: (t) => ({
    username: t.exposeString("username"),
    displayName: t.exposeString("displayName", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    role: t.expose("role", { type: AdminRole }),
    isActive: t.exposeBoolean("isActive"),
    lastLoginAt: t.expose("lastLoginAt", { type: "DateTime", nullable: true }),
    lockedUntil: t.expose("lockedUntil", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

interface AdminSignIn {
  token: string;
  expiresAt: Date;
  adminId: number;
}

const AdminSignInPayload = builder.objectRef<AdminSignIn>("AdminSignInPayload").implement({
  description: "An admin session. Send the token as `Authorization: Bearer <token>`.",
  fields: (t) => ({
    token: t.exposeString("token"),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    admin: t.prismaField({
      type: AdminUser,
      resolve: (query, result, _args, { prisma }) => prisma.adminUser.findUniqueOrThrow({ ...query, where: { id: result.adminId } }),
    }),
  }),
});

const AdminSignInInput = builder.inputType("AdminSignInInput", {
  fields: (t) => ({ username: t.string({ required: true }), password: t.string({ required: true }) }),
  validate: z.object({
    username: z.string().trim().min(1, "is required").max(100),
    password: z.string().min(1, "is required").max(200),
  }),
});

builder.objectField(AdminQueries, "role", (t) =>
  t.field({
    type: AdminRole,
    description: "The caller's role: what the panel may offer to change.",
    resolve: (_root, _args, context) => context.admin!.role,
  }),
);

builder.queryField("adminMe", (t) =>
  t.prismaField({
    type: AdminUser,
    nullable: true,
    description: "The signed-in admin panel account, or null.",
    authScopes: { public: true },
    resolve: (query, _root, _args, { prisma, admin }) => {
      if (!admin) {
        void { ...query }; // nothing to load
        return null;
      }
      return prisma.adminUser.findUnique({ ...query, where: { id: admin.id } });
    },
  }),
);

builder.mutationFields((t) => ({
  adminSignIn: t.field({
    type: AdminSignInPayload,
    description: "Signs in to the admin panel. Failures slow down; repeated failures lock the account for a while.",
    authScopes: { public: true },
    errors: { types: [InvalidCredentialsError, AccountLockedError] },
    args: { input: t.arg({ type: AdminSignInInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const result = await signInAdmin(context.prisma, {
        username: input.username,
        password: input.password,
        refuseDevelopmentPasswords: context.config.isProduction,
        ip: context.client.ip,
        userAgent: context.client.userAgent,
      });
      if (result.status === "locked") throw new AccountLockedError(result.until);
      if (result.status === "invalid") throw new InvalidCredentialsError();
      if (result.status === "development-password") {
        throw new ForbiddenError(
          "This account has a development password of the demo seed, which production refuses; an ADMIN must give it a new password (resetAdminPassword)",
        );
      }
      // The rest of this request acts as the new session (e.g. `admin { … }` in the payload).
      context.admin = { id: result.adminId, role: result.role, sessionId: result.sessionId };
      return { token: result.token, expiresAt: result.expiresAt, adminId: result.adminId };
    },
  }),
  adminSignOut: t.boolean({
    description: "Revokes the admin session this request was made with.",
    authScopes: { staff: true },
    resolve: async (_root, _args, context) => {
      await revokeAdminSession(context.prisma, context.admin!.sessionId);
      return true;
    },
  }),
}));

const AdminAccountFilter = builder.inputType("AdminAccountFilter", {
  fields: (t) => ({
    role: t.field({ type: AdminRole }),
    active: t.boolean(),
    search: t.string({ description: "Part of the username, display name or email." }),
  }),
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
}));

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
}));
