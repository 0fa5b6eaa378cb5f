// A user's withdrawals of their referral balance: request (reserved in the ledger at once,
// so concurrent requests never overdraw) and cancel while still PENDING. Admins approve,
// reject or mark paid (schema/admin/referrals/withdrawals.ts). Rules: domain/withdrawals.ts.
import { builder } from "../builder.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import { cancelUserWithdrawal, requestUserWithdrawal } from "../domain/withdrawals.ts";
import { parseDatabaseId, viewerId } from "./access.ts";
import { Currency } from "./payments.ts";
import { Withdrawal, WithdrawalMethod } from "./referrals.ts";

const RequestWithdrawalInput = builder.inputType("RequestWithdrawalInput", {
  fields: (t) => ({
    amount: t.field({ type: "Decimal", required: true, description: "In `currency`; at least the minimum (100 RUB by default)." }),
    currency: t.field({ type: Currency, required: true, description: "RUB (by CARD or SBP; 13% NDFL withheld) or TON (to a TON wallet)." }),
    method: t.field({ type: WithdrawalMethod, required: true }),
    details: t.field({
      type: "JSON",
      required: true,
      description: "Where to pay: { cardNumber } for CARD (stored masked), { phone, bank } for SBP, { address } for TON.",
    }),
    recipientName: t.string(),
  }),
});

builder.mutationField("requestWithdrawal", (t) =>
  t.prismaField({
    type: Withdrawal,
    authScopes: { user: true },
    description:
      "Asks for a payout of your referral balance; the amount leaves the available balance at once (reserved) until an admin " +
      "pays or rejects it. Errors: ValidationError (amount under the minimum, missing destination…), ConflictError (the balance does not cover it).",
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: RequestWithdrawalInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const created = await context.prisma.$transaction((tx) =>
        requestUserWithdrawal(tx, {
          userId: viewerId(context),
          amount: input.amount,
          currency: input.currency as "RUB" | "TON",
          method: input.method,
          details: input.details as Record<string, unknown>,
          recipientName: input.recipientName,
        }),
      );
      return context.prisma.withdrawal.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
);

const CancelWithdrawalInput = builder.inputType("CancelWithdrawalInput", {
  fields: (t) => ({ withdrawalId: t.globalID({ required: true, for: Withdrawal }) }),
});

builder.mutationField("cancelWithdrawal", (t) =>
  t.prismaField({
    type: Withdrawal,
    authScopes: { user: true },
    description:
      "Takes back your PENDING withdrawal request; the reserved amount returns to the balance. ConflictError once an admin has acted on it.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: CancelWithdrawalInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const withdrawalId = parseDatabaseId(input.withdrawalId.id, "Withdrawal");
      await context.prisma.$transaction((tx) => cancelUserWithdrawal(tx, { withdrawalId, userId: viewerId(context) }));
      return context.prisma.withdrawal.findUniqueOrThrow({ ...query, where: { id: withdrawalId } });
    },
  }),
);
