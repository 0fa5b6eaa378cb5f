// The signed-in user: profile, Pro status, linked identities, onboarding.
import { z } from "zod";
import { builder } from "../builder.ts";
import { canRead, parseDatabaseId, viewerId } from "./access.ts";

export const UserIdentity = builder.prismaObject("UserIdentity", {
  description: "A way this user can sign in.",
  fields: (t) => ({
    provider: t.exposeString("provider"),
    email: t.exposeString("email", { nullable: true }),
    linkedAt: t.expose("createdAt", { type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
  }),
});

export const User = builder.prismaNode("User", {
  id: { field: "id" },
  nullable: true,
  // node(id) finds only the signed-in user themself.
  findUnique: (id, context) => {
    const requested = parseDatabaseId(id, "User");
    return { id: canRead(context, requested) ? requested : -1 };
  },
  authScopes: (user, context) => canRead(context, user.id),
  fields: (t) => ({
    telegramUserId: t.string({ nullable: true, resolve: (u) => u.telegramUserId?.toString() ?? null }),
    telegramUsername: t.exposeString("telegramUsername", { nullable: true }),
    name: t.exposeString("name", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    avatarUrl: t.exposeString("avatarUrl", { nullable: true }),
    onboardingCompletedAt: t.expose("onboardingCompletedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    isPro: t.boolean({
      description: "Has at least one succeeded payment (derived, never stored).",
      // A filtered count rides in the user's own statement and does not clash with `payments`.
      select: { _count: { select: { payments: { where: { status: "SUCCEEDED" } } } } },
      resolve: (user) => user._count.payments > 0,
    }),
    identities: t.relation("identities", { query: { orderBy: { createdAt: "asc" } } }),
  }),
});

builder.queryField("viewer", (t) =>
  t.prismaField({
    type: User,
    nullable: true,
    description: "The signed-in user, or null for an anonymous request.",
    resolve: (query, _root, _args, { prisma, user }) => {
      if (!user) {
        void { ...query }; // anonymous: nothing to load, and no statement for it
        return null;
      }
      return prisma.user.findUnique({ ...query, where: { id: user.id } });
    },
  }),
);

// Validated as a whole, so every bad field is reported at once.
const UpdateProfileInput = builder.inputType("UpdateProfileInput", {
  fields: (t) => ({ name: t.string(), email: t.string() }),
  validate: z.object({
    name: z.string().trim().min(1, "must not be empty").max(100, "at most 100 characters").nullish(),
    email: z.email("must be an email address").max(255).nullish(),
  }),
});

builder.mutationFields((t) => ({
  updateProfile: t.prismaField({
    type: User,
    authScopes: { user: true },
    errors: {},
    args: { input: t.arg({ type: UpdateProfileInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      context.prisma.user.update({
        ...query,
        where: { id: viewerId(context) },
        data: {
          ...(input.name != null ? { name: input.name.trim() } : {}),
          ...(input.email != null ? { email: input.email, emailVerified: false } : {}),
        },
      }),
  }),
  completeOnboarding: t.prismaField({
    type: User,
    authScopes: { user: true },
    description: "Marks onboarding done (the first time only; later calls keep the first date).",
    resolve: async (query, _root, _args, context) => {
      const id = viewerId(context);
      await context.prisma.user.updateMany({ where: { id, onboardingCompletedAt: null }, data: { onboardingCompletedAt: new Date() } });
      return context.prisma.user.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
