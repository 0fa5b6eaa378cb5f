// Admin panel accounts: signing in and out, and who is signed in.
import { z } from "zod";
import { builder } from "../builder.ts";
import { revokeAdminSession, signInAdmin } from "../auth/admin-sessions.ts";
import { AccountLockedError, ForbiddenError, InvalidCredentialsError } from "../domain/errors.ts";
import { AdminRole as AdminRoleValues } from "../generated/prisma/enums.ts";
import { isStaff, staffOnlyLookup } from "./access.ts";

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
