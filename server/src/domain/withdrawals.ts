// Withdrawals of the referral balance (admin corrections of it: balance-adjustments.ts).
// Money moves only through the ledger (domain/ledger.ts): a request reserves
// (WITHDRAWAL_RESERVE), a rejection releases (WITHDRAWAL_RELEASE, at most once per
// withdrawal: the database has a unique (withdrawal_id, kind)), a payout only bumps the
// withdrawn totals, because the money left the available balance when it was reserved.
//
//   PENDING ──approve──▶ APPROVED ──(payout started: payments issue)──▶ PROCESSING
//      │                    │  └────────────────markPaid──────────────────┐   │
//      └──reject──▶ REJECTED ◀──reject──┘                                 ▼   ▼
//                                                                          PAID
//
// Every transition locks the withdrawal row first (SELECT … FOR UPDATE), so two admins
// processing the same withdrawal serialise and the second sees the first one's result,
// and writes a withdrawal_logs row (from, to, admin, note).
import { Prisma } from "../generated/prisma/client.ts";
import type { WithdrawalMethod, WithdrawalStatus } from "../generated/prisma/enums.ts";
import { ConflictError, NotFoundError, ValidationError, type FieldError } from "./errors.ts";
import { postLedgerEntry } from "./ledger.ts";
import { notifyWithdrawalStatus } from "./notifications.ts";

type Tx = Prisma.TransactionClient;
type Decimal = Prisma.Decimal;
export type LedgerCurrency = "RUB" | "TON";

/** Personal income tax withheld from RUB payouts; TON payouts are paid in full. */
export const NDFL_RATE = new Prisma.Decimal("0.13");

/** Decimal places each referral currency is kept in (RUB: kopecks; TON: nanotons). */
export const CURRENCY_SCALE: Record<LedgerCurrency, number> = { RUB: 2, TON: 9 };

/** The NDFL withheld from a withdrawal of `amount`: 13% of RUB, rounded half up to kopecks; none on TON. */
export function ndflFor(currency: LedgerCurrency, amount: Decimal): Decimal {
  return currency === "RUB" ? amount.times(NDFL_RATE).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP) : new Prisma.Decimal(0);
}

/** Parses a positive or signed amount in `currency`, refusing more precision than the currency keeps. */
export function parseAmount(
  field: string,
  value: Decimal | string,
  currency: LedgerCurrency,
  { positive }: { positive: boolean },
): Decimal {
  let amount: Decimal;
  try {
    amount = new Prisma.Decimal(value);
  } catch {
    throw ValidationError.of(field, "must be a decimal number");
  }
  if (!amount.isFinite()) throw ValidationError.of(field, "must be a decimal number");
  if (positive ? !amount.greaterThan(0) : amount.isZero()) {
    throw ValidationError.of(field, positive ? "must be greater than zero" : "must not be zero");
  }
  if (amount.decimalPlaces() > CURRENCY_SCALE[currency]) {
    throw ValidationError.of(field, `at most ${CURRENCY_SCALE[currency]} decimal places in ${currency}`);
  }
  return amount;
}

// ---------------------------------------------------------------------------------------
// Masking: a full card number never reaches the database (its CHECK refuses 13+ digit runs)
// ---------------------------------------------------------------------------------------

/** 13–19 digits, with or without single spaces or dashes between them: what the DB CHECK refuses. */
const PAN_LIKE = /(?:\d[ -]?){12,18}\d/g;
const HAS_PAN = /(?:\d[ -]?){12,18}\d/;

/** "2200700012344417" → "220070******4417" (the user_cards format: BIN, stars, last four). */
export function maskCardNumber(value: string): string {
  const digits = value.replace(/\D/g, "");
  if (digits.length < 13 || digits.length > 19) return value;
  return `${digits.slice(0, 6)}${"*".repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/** Masks every card-number-like run in a string. */
export function maskPans(value: string): string {
  return value.replace(PAN_LIKE, (match) => maskCardNumber(match));
}

/** Keys a caller may use for the card number; stored as `cardMask`. */
const CARD_NUMBER_KEYS = new Set(["cardNumber", "card", "pan", "number"]);
const MAX_DETAIL_KEYS = 20;
const MAX_DETAIL_LENGTH = 255;

/**
 * What a withdrawal's `details` stores: flat strings, numbers and booleans, with every
 * card-number-like run masked, and a CARD method's card number under `cardMask`.
 */
export function maskWithdrawalDetails(method: WithdrawalMethod, details: unknown): Record<string, string | number | boolean | null> {
  if (!details || typeof details !== "object" || Array.isArray(details)) {
    throw ValidationError.of("details", "must be an object");
  }
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length > MAX_DETAIL_KEYS) throw ValidationError.of("details", `at most ${MAX_DETAIL_KEYS} fields`);
  const masked: Record<string, string | number | boolean | null> = {};
  for (const [key, raw] of entries) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(key)) throw ValidationError.of(`details.${key}`, "is not a valid field name");
    let value: string | number | boolean | null;
    if (raw === null || typeof raw === "boolean") value = raw;
    else if (typeof raw === "number" && Number.isFinite(raw)) {
      // A card number sent as a number: masked like a string (and kept as one).
      const text = String(raw);
      value = HAS_PAN.test(text) ? maskPans(text) : raw;
    } else if (typeof raw === "string") {
      if (raw.length > MAX_DETAIL_LENGTH) throw ValidationError.of(`details.${key}`, `at most ${MAX_DETAIL_LENGTH} characters`);
      value = maskPans(raw.trim());
    } else {
      throw ValidationError.of(`details.${key}`, "must be a string, number, boolean or null");
    }
    const target = method === "CARD" && CARD_NUMBER_KEYS.has(key) ? "cardMask" : key;
    masked[target] = value;
  }
  return masked;
}

/** Where the money goes must be said, per method. */
function requireDestination(method: WithdrawalMethod, details: Record<string, unknown>): void {
  const has = (...keys: string[]) => keys.some((k) => typeof details[k] === "string" && (details[k] as string).length > 0);
  const errors: FieldError[] = [];
  if (method === "CARD" && !has("cardMask", "maskedNumber")) errors.push({ field: "details.cardNumber", message: "is required for CARD" });
  if (method === "SBP" && !has("phone", "phoneMask", "sbpPhone")) errors.push({ field: "details.phone", message: "is required for SBP" });
  if (method === "TON" && !has("address", "walletAddress", "tonAddress", "tonWalletAddress")) {
    errors.push({ field: "details.address", message: "is required for TON" });
  }
  if (errors.length) throw new ValidationError(errors);
}

// ---------------------------------------------------------------------------------------
// Requesting a withdrawal
// ---------------------------------------------------------------------------------------

export interface WithdrawalRequest {
  userId: number;
  amount: Decimal | string;
  currency: LedgerCurrency;
  method: WithdrawalMethod;
  /** Card (number or mask), SBP phone and bank, or TON address; masked before it is stored. */
  details?: Record<string, unknown>;
  recipientName?: string | null;
  /** A saved payout card of the user (CARD only): its mask goes into `details`. */
  userCardId?: number | null;
}

/**
 * Creates a PENDING withdrawal and reserves its amount from the balance (refused with
 * InsufficientBalanceError when the balance does not cover it: the ledger locks the
 * balance row, so concurrent requests never overdraw). NDFL: 13% of RUB amounts.
 */
export async function requestWithdrawal(tx: Tx, request: WithdrawalRequest) {
  const { userId, currency, method } = request;
  if (currency !== "RUB" && currency !== "TON") throw ValidationError.of("currency", "must be RUB or TON");
  if ((method === "TON") !== (currency === "TON")) {
    throw ValidationError.of("method", currency === "TON" ? "TON is paid out to a TON wallet only" : "RUB is paid out by CARD or SBP");
  }
  const amount = parseAmount("amount", request.amount, currency, { positive: true });
  const details = maskWithdrawalDetails(method, request.details ?? {});
  let recipientName = request.recipientName?.trim() || null;
  if (recipientName && recipientName.length > 255) throw ValidationError.of("recipientName", "at most 255 characters");
  if (recipientName) recipientName = maskPans(recipientName);

  let userCardId: number | null = null;
  if (request.userCardId != null) {
    if (method !== "CARD") throw ValidationError.of("userCardId", "is for CARD withdrawals only");
    const card = await tx.userCard.findFirst({ where: { id: request.userCardId, userId } });
    if (!card) throw new NotFoundError("UserCard");
    userCardId = card.id;
    details.cardMask = card.maskedNumber;
    recipientName ??= card.cardholderName;
  }
  requireDestination(method, details);

  const ndflAmount = ndflFor(currency, amount);
  const withdrawal = await tx.withdrawal.create({
    data: {
      userId,
      currency,
      amount,
      ndflAmount,
      payoutAmount: amount.minus(ndflAmount),
      method,
      details,
      recipientName,
      userCardId,
      status: "PENDING",
    },
  });
  await reserveForWithdrawal(tx, withdrawal);
  await tx.withdrawalLog.create({
    data: { withdrawalId: withdrawal.id, fromStatus: null, toStatus: "PENDING", note: "Requested" },
  });
  return withdrawal;
}

type WithdrawalMoney = Pick<WithdrawalRow, "id" | "userId" | "currency" | "amount">;

/** Takes a new withdrawal's amount off the balance (InsufficientBalanceError when it does not cover it). */
export function reserveForWithdrawal(tx: Tx, withdrawal: WithdrawalMoney, { note, createdAt }: { note?: string; createdAt?: Date } = {}) {
  return postLedgerEntry(tx, {
    userId: withdrawal.userId,
    currency: withdrawal.currency as LedgerCurrency,
    kind: "WITHDRAWAL_RESERVE",
    amount: withdrawal.amount.negated(),
    withdrawalId: withdrawal.id,
    note,
    createdAt,
  });
}

/** A withdrawal was paid out: the money left the balance at reserve, so only the withdrawn total moves. */
export async function recordPayout(tx: Tx, withdrawal: WithdrawalMoney) {
  const column = withdrawal.currency === "TON" ? "withdrawnTon" : "withdrawnRub";
  await tx.referralBalance.update({
    where: { userId: withdrawal.userId },
    data: { [column]: { increment: withdrawal.amount } },
  });
}

/** Admin settings holding the smallest withdrawal per currency, and their defaults. */
export const MINIMUM_WITHDRAWAL_SETTING: Record<LedgerCurrency, { key: string; fallback: string }> = {
  RUB: { key: "referral.min_withdrawal_rub", fallback: "100.00" },
  TON: { key: "referral.min_withdrawal_ton", fallback: "1" },
};

/** The smallest amount a user may withdraw in `currency` (an admin setting). */
export async function minimumWithdrawal(db: Pick<Tx, "adminSetting">, currency: LedgerCurrency): Promise<Decimal> {
  const { key, fallback } = MINIMUM_WITHDRAWAL_SETTING[currency];
  const setting = await db.adminSetting.findUnique({ where: { key }, select: { value: true } });
  const value = setting?.value;
  try {
    if (typeof value === "number" || typeof value === "string") return new Prisma.Decimal(value);
  } catch {
    // A malformed setting falls back to the default rather than letting any amount through.
  }
  return new Prisma.Decimal(fallback);
}

/** A user's own request: at least the minimum, then reserved like any request. */
export async function requestUserWithdrawal(tx: Tx, request: WithdrawalRequest) {
  if (request.currency !== "RUB" && request.currency !== "TON") throw ValidationError.of("input.currency", "must be RUB or TON");
  const amount = parseAmount("input.amount", request.amount, request.currency, { positive: true });
  const minimum = await minimumWithdrawal(tx, request.currency);
  if (amount.lessThan(minimum)) throw ValidationError.of("input.amount", `at least ${minimum.toFixed()} ${request.currency}`);
  return requestWithdrawal(tx, { ...request, amount });
}

/** The user takes back their own PENDING request: CANCELLED, and the reservation returns. */
export async function cancelUserWithdrawal(tx: Tx, { withdrawalId, userId }: { withdrawalId: number; userId: number }) {
  const withdrawal = await lockWithdrawal(tx, withdrawalId);
  if (withdrawal.userId !== userId) throw new NotFoundError("Withdrawal");
  requireStatus(withdrawal, ["PENDING"], "cancelled");
  const after = await tx.withdrawal.update({ where: { id: withdrawalId }, data: { status: "CANCELLED" } });
  await tx.withdrawalLog.create({ data: { withdrawalId, fromStatus: "PENDING", toStatus: "CANCELLED", note: "Cancelled by the user" } });
  await postLedgerEntry(tx, {
    userId,
    currency: withdrawal.currency as LedgerCurrency,
    kind: "WITHDRAWAL_RELEASE",
    amount: withdrawal.amount,
    withdrawalId,
    note: "cancelled by the user",
  });
  return after;
}

// ---------------------------------------------------------------------------------------
// Processing (admins)
// ---------------------------------------------------------------------------------------

type WithdrawalRow = Prisma.WithdrawalGetPayload<object>;

export interface WithdrawalTransition {
  before: WithdrawalRow;
  after: WithdrawalRow;
}

/** Locks the withdrawal row for the rest of the transaction and returns it. */
async function lockWithdrawal(tx: Tx, withdrawalId: number): Promise<WithdrawalRow> {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM withdrawals WHERE id = ${withdrawalId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("Withdrawal");
  return tx.withdrawal.findUniqueOrThrow({ where: { id: withdrawalId } });
}

function requireStatus(withdrawal: WithdrawalRow, allowed: WithdrawalStatus[], action: string): void {
  if (!allowed.includes(withdrawal.status)) {
    throw new ConflictError(`A ${withdrawal.status} withdrawal cannot be ${action} (only ${allowed.join(" or ")})`);
  }
}

async function moveTo(
  tx: Tx,
  before: WithdrawalRow,
  toStatus: WithdrawalStatus,
  {
    adminId,
    note,
    data = {},
    metadata,
  }: { adminId: number; note?: string | null; data?: Prisma.WithdrawalUpdateInput; metadata?: Prisma.InputJsonObject },
): Promise<WithdrawalTransition> {
  const after = await tx.withdrawal.update({ where: { id: before.id }, data: { ...data, status: toStatus } });
  await tx.withdrawalLog.create({
    data: { withdrawalId: before.id, fromStatus: before.status, toStatus, adminId, note: note ?? null, metadata },
  });
  await notifyWithdrawalStatus(tx, after);
  return { before, after };
}

/** PENDING → APPROVED. */
export async function approveWithdrawal(
  tx: Tx,
  { withdrawalId, adminId, note }: { withdrawalId: number; adminId: number; note?: string | null },
): Promise<WithdrawalTransition> {
  const withdrawal = await lockWithdrawal(tx, withdrawalId);
  requireStatus(withdrawal, ["PENDING"], "approved");
  return moveTo(tx, withdrawal, "APPROVED", {
    adminId,
    note,
    data: { processedBy: { connect: { id: adminId } }, processedAt: new Date() },
  });
}

/** PENDING or APPROVED → REJECTED; the reserved amount comes back to the balance, once. */
export async function rejectWithdrawal(
  tx: Tx,
  { withdrawalId, adminId, reason }: { withdrawalId: number; adminId: number; reason: string },
): Promise<WithdrawalTransition> {
  const withdrawal = await lockWithdrawal(tx, withdrawalId);
  requireStatus(withdrawal, ["PENDING", "APPROVED"], "rejected");
  const transition = await moveTo(tx, withdrawal, "REJECTED", {
    adminId,
    note: reason,
    data: { rejectionReason: reason, processedBy: { connect: { id: adminId } }, processedAt: new Date() },
  });
  await postLedgerEntry(tx, {
    userId: withdrawal.userId,
    currency: withdrawal.currency as LedgerCurrency,
    kind: "WITHDRAWAL_RELEASE",
    amount: withdrawal.amount,
    withdrawalId: withdrawal.id,
    note: reason,
    createdById: adminId,
  });
  return transition;
}

/**
 * APPROVED or PROCESSING → PAID. The balance was reserved at request: only the withdrawn
 * total moves. `externalPayoutId` (the provider's payout id) is unique across withdrawals.
 */
export async function markWithdrawalPaid(
  tx: Tx,
  { withdrawalId, adminId, externalPayoutId }: { withdrawalId: number; adminId: number; externalPayoutId?: string | null },
): Promise<WithdrawalTransition> {
  const withdrawal = await lockWithdrawal(tx, withdrawalId);
  requireStatus(withdrawal, ["APPROVED", "PROCESSING"], "marked paid");
  const payoutId = externalPayoutId?.trim() || withdrawal.externalPayoutId;
  if (payoutId && payoutId !== withdrawal.externalPayoutId) {
    const taken = await tx.withdrawal.findUnique({ where: { externalPayoutId: payoutId }, select: { id: true } });
    if (taken) throw new ConflictError("This payout id is already recorded on another withdrawal");
  }
  const now = new Date();
  const transition = await moveTo(tx, withdrawal, "PAID", {
    adminId,
    note: payoutId ? `Payout ${payoutId}` : null,
    data: {
      paidAt: now,
      externalPayoutId: payoutId ?? null,
      ...(withdrawal.processedById ? {} : { processedBy: { connect: { id: adminId } }, processedAt: now }),
    },
  });
  await recordPayout(tx, withdrawal);
  return transition;
}

/** What the audit log keeps of a withdrawal (no destination details). */
export function withdrawalAuditSnapshot(w: WithdrawalRow) {
  return {
    status: w.status,
    amount: w.amount.toString(),
    ndflAmount: w.ndflAmount.toString(),
    payoutAmount: w.payoutAmount.toString(),
    currency: w.currency,
    method: w.method,
    rejectionReason: w.rejectionReason,
    externalPayoutId: w.externalPayoutId,
    processedById: w.processedById,
    processedAt: w.processedAt,
    paidAt: w.paidAt,
  };
}
