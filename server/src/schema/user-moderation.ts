// Banning and unbanning users: OPERATOR and ADMIN, written to the audit log.
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import { BAN_REASON_LENGTH, banUser, unbanUser } from "../domain/moderation.ts";
import { requireDatabaseId } from "./access.ts";
import { User } from "./user.ts";

// ─── Moderation ───────────────────────────────────────────────────────────────────

const userIdField = z.string().min(1, "is required");

const BanUserInput = builder.inputType("BanUserInput", {
  fields: (t) => ({
    userId: t.id({ required: true }),
    reason: t.string({
      required: true,
      description: `Shown to the user when they are refused (${BAN_REASON_LENGTH.min}–${BAN_REASON_LENGTH.max} characters).`,
    }),
  }),
  validate: z.object({
    userId: userIdField,
    reason: z
      .string()
      .trim()
      .min(BAN_REASON_LENGTH.min, `at least ${BAN_REASON_LENGTH.min} characters`)
      .max(BAN_REASON_LENGTH.max, `at most ${BAN_REASON_LENGTH.max} characters`),
  }),
});

const UnbanUserInput = builder.inputType("UnbanUserInput", {
  fields: (t) => ({ userId: t.id({ required: true }) }),
  validate: z.object({ userId: userIdField }),
});

builder.mutationFields((t) => ({
  banUser: t.prismaField({
    type: User,
    description:
      "Bans a user (OPERATOR or ADMIN): their sessions and API keys are refused from the next request on (USER_BANNED), " +
      "and they cannot sign in. Audited as `user.ban`.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: BanUserInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const userId = requireDatabaseId(input.userId, "User");
      const reason = input.reason.trim(); // length checked (trimmed) by the input's validation
      await audited(context, "user.ban", { type: "User", id: userId }, async (tx) => ({
        result: null,
        ...(await banUser(tx, { userId, reason, adminId: context.admin!.id })),
      }));
      return context.prisma.user.findUniqueOrThrow({ ...query, where: { id: userId } });
    },
  }),
  unbanUser: t.prismaField({
    type: User,
    description:
      "Lifts a ban (OPERATOR or ADMIN) and revokes the sessions opened before it: the user signs in again. Audited as `user.unban`.",
    authScopes: { operator: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UnbanUserInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const userId = requireDatabaseId(input.userId, "User");
      await audited(context, "user.unban", { type: "User", id: userId }, async (tx) => ({
        result: null,
        ...(await unbanUser(tx, { userId })),
      }));
      return context.prisma.user.findUniqueOrThrow({ ...query, where: { id: userId } });
    },
  }),
}));
