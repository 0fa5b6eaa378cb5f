// The signed-in user. Sign-in arrives with the authentication issue; until then
// `viewer` is null for every request.
import { builder } from "../builder.ts";

export const User = builder.prismaNode("User", {
  id: { field: "id" },
  // Only the user themself may read their node (admins get their own surface later).
  authScopes: (user, { viewer }) => viewer?.userId === user.id,
  fields: (t) => ({
    telegramUsername: t.exposeString("telegramUsername", { nullable: true }),
    name: t.exposeString("name", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("viewer", (t) =>
  t.prismaField({
    type: User,
    nullable: true,
    description: "The signed-in user, or null for an anonymous request.",
    resolve: (query, _root, _args, { prisma, viewer }) =>
      viewer ? prisma.user.findUnique({ ...query, where: { id: viewer.userId } }) : null,
  }),
);
