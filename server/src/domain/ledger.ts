// The referral ledger: the one place where referral balances change. Every change is
// an append-only balance_transactions row plus the matching balance update, in one
// transaction, under a row lock on the balance (so concurrent changes serialise and
// nothing overdraws). The database re-checks at commit that balance = sum(ledger).
import { Prisma } from "../generated/prisma/client.ts";
import type { BalanceTransactionKind, Currency } from "../generated/prisma/enums.ts";
import { ConflictError, ValidationError } from "./errors.ts";

type Tx = Prisma.TransactionClient;
type LedgerCurrency = Extract<Currency, "RUB" | "TON">;

const BALANCE_COLUMN = { RUB: "balanceRub", TON: "balanceTon" } as const;

export interface LedgerEntry {
  userId: number;
  currency: LedgerCurrency;
  kind: BalanceTransactionKind;
  /** Positive credits, negative debits. */
  amount: Prisma.Decimal | string;
  earningId?: number;
  withdrawalId?: number;
  paymentId?: number;
  idempotencyKey?: string;
  note?: string;
  createdById?: number;
  /** When it happened, if not now (demo data dated in the past). */
  createdAt?: Date;
}

export class InsufficientBalanceError extends ConflictError {
  constructor(
    readonly available: Prisma.Decimal,
    readonly requested: Prisma.Decimal,
  ) {
    super(`The balance (${available.toFixed()}) does not cover ${requested.abs().toFixed()}`);
  }
}

/** Locks the user's balance row (creating it at zero the first time) and returns it. */
export async function lockBalance(tx: Tx, userId: number) {
  await tx.referralBalance.createMany({ data: [{ userId }], skipDuplicates: true });
  const [row] = await tx.$queryRaw<Array<{ balance_rub: Prisma.Decimal; balance_ton: Prisma.Decimal }>>`
    SELECT balance_rub, balance_ton FROM referral_balances WHERE user_id = ${userId} FOR UPDATE`;
  return { RUB: new Prisma.Decimal(row!.balance_rub), TON: new Prisma.Decimal(row!.balance_ton) };
}

/** Appends one ledger entry and moves the balance by it. Refuses to go below zero. */
export async function postLedgerEntry(tx: Tx, entry: LedgerEntry) {
  const amount = new Prisma.Decimal(entry.amount);
  if (amount.isZero()) throw ValidationError.of("amount", "must not be zero");
  const balances = await lockBalance(tx, entry.userId);
  const after = balances[entry.currency].plus(amount);
  if (after.isNegative()) throw new InsufficientBalanceError(balances[entry.currency], amount);
  const transaction = await tx.balanceTransaction.create({
    data: {
      userId: entry.userId,
      currency: entry.currency,
      kind: entry.kind,
      amount,
      balanceAfter: after,
      earningId: entry.earningId,
      withdrawalId: entry.withdrawalId,
      paymentId: entry.paymentId,
      idempotencyKey: entry.idempotencyKey,
      note: entry.note,
      createdById: entry.createdById,
      createdAt: entry.createdAt,
    },
  });
  await tx.referralBalance.update({
    where: { userId: entry.userId },
    data: { [BALANCE_COLUMN[entry.currency]]: after },
  });
  return transaction;
}

/** Balances that differ from the sum of their ledger rows (empty when the books are right). */
export async function findLedgerMismatches(tx: Pick<Tx, "$queryRaw">) {
  return tx.$queryRaw<Array<{ user_id: number; currency: string; stored: string; ledger: string }>>`
    SELECT b.user_id, c.currency, c.stored::text, coalesce(l.total, 0)::text AS ledger
    FROM referral_balances b
    CROSS JOIN LATERAL (VALUES ('RUB', b.balance_rub), ('TON', b.balance_ton)) AS c(currency, stored)
    LEFT JOIN LATERAL (
      SELECT sum(amount) AS total FROM balance_transactions t
      WHERE t.user_id = b.user_id AND t.currency::text = c.currency
    ) l ON true
    WHERE c.stored <> coalesce(l.total, 0)`;
}

/** Ledger rows whose balance_after is not the running sum of the user's rows before them. */
export async function findBrokenRunningBalances(tx: Pick<Tx, "$queryRaw">) {
  return tx.$queryRaw<Array<{ id: number; user_id: number; currency: string; balance_after: string; running: string }>>`
    SELECT id, user_id, currency::text, balance_after::text, running::text FROM (
      SELECT id, user_id, currency, balance_after,
             sum(amount) OVER (PARTITION BY user_id, currency ORDER BY id) AS running
      FROM balance_transactions
    ) t
    WHERE balance_after <> running
    ORDER BY id
    LIMIT 100`;
}

/** Every way the books can be wrong, one line each (empty when they are right). */
export async function verifyLedger(tx: Pick<Tx, "$queryRaw">): Promise<string[]> {
  const [balances, rows] = await Promise.all([findLedgerMismatches(tx), findBrokenRunningBalances(tx)]);
  return [
    ...balances.map((m) => `user ${m.user_id} ${m.currency}: stored balance ${m.stored}, ledger sum ${m.ledger}`),
    ...rows.map((r) => `ledger row ${r.id} (user ${r.user_id} ${r.currency}): balance_after ${r.balance_after}, running sum ${r.running}`),
  ];
}
