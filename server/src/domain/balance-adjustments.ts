// Admin corrections of a referral balance: an ADJUSTMENT entry in the ledger
// (domain/ledger.ts), idempotent by key, never taking the balance below zero.
import { Prisma } from "../generated/prisma/client.ts";
import { ConflictError, NotFoundError } from "./errors.ts";
import { postLedgerEntry } from "./ledger.ts";
import { parseAmount, type LedgerCurrency } from "./withdrawals.ts";

type Tx = Prisma.TransactionClient;
type Decimal = Prisma.Decimal;

export interface BalanceAdjustment {
  userId: number;
  currency: LedgerCurrency;
  /** Signed: positive credits, negative debits. */
  amount: Decimal | string;
  note: string;
  idempotencyKey: string;
  adminId: number;
}

/**
 * The adjustment already made with `idempotencyKey`, when it is the same request (null when
 * the key is new). The key reused for a different adjustment is a ConflictError.
 */
export async function findAdjustment(db: Pick<Tx, "balanceTransaction">, adjustment: Omit<BalanceAdjustment, "adminId" | "note">) {
  const existing = await db.balanceTransaction.findUnique({ where: { idempotencyKey: adjustment.idempotencyKey } });
  if (!existing) return null;
  const same =
    existing.kind === "ADJUSTMENT" &&
    existing.userId === adjustment.userId &&
    existing.currency === adjustment.currency &&
    existing.amount.equals(new Prisma.Decimal(adjustment.amount));
  if (!same) throw new ConflictError("This idempotency key was used for another adjustment");
  return existing;
}

/** An ADJUSTMENT ledger entry by an admin. Refuses to take the balance below zero. */
export async function adjustReferralBalance(tx: Tx, adjustment: BalanceAdjustment) {
  const amount = parseAmount("amount", adjustment.amount, adjustment.currency, { positive: false });
  const user = await tx.user.findUnique({ where: { id: adjustment.userId }, select: { id: true } });
  if (!user) throw new NotFoundError("User");
  const before = await tx.referralBalance.findUnique({ where: { userId: adjustment.userId } });
  const transaction = await postLedgerEntry(tx, {
    userId: adjustment.userId,
    currency: adjustment.currency,
    kind: "ADJUSTMENT",
    amount,
    note: adjustment.note,
    idempotencyKey: adjustment.idempotencyKey,
    createdById: adjustment.adminId,
  });
  const column = adjustment.currency === "TON" ? "balanceTon" : "balanceRub";
  return {
    transaction,
    before: { currency: adjustment.currency, balance: (before?.[column] ?? new Prisma.Decimal(0)).toString() },
    after: {
      currency: adjustment.currency,
      balance: transaction.balanceAfter.toString(),
      amount: amount.toString(),
      note: adjustment.note,
    },
  };
}
