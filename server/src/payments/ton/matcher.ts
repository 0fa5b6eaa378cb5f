// The TON matching job (`payments:ton-scan`, every minute): reads the merchant wallet's
// transactions after the stored cursor, oldest first, and for each incoming transfer
//
//   comment = a TON payment's orderId, amount ≥ its tonAmount, sent (block time) before its
//   rate expired, the payment not paid by another transfer   → settlePayment
//   anything else (no/unknown comment, short, late, a second payment)
//                                                           → an orphan_payments row and
//                                                             the admin alert
//
// A transfer confirmed by fewer than TON_MIN_CONFIRMATIONS masterchain blocks stops the run
// there: the cursor stays before it and the next run looks again. Each transaction's effect
// and the cursor's advance past it commit together, after checking (under the cursor row's
// lock) that the cursor is still where this run read it: a second worker running at once
// finds it moved and stops, so nothing is acted on twice. The transaction hash is unique on
// payments and on orphan_payments as well. An API failure throws (the job fails and the next
// run starts again from the cursor).
import type { Prisma } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../db/prisma.ts";
import { lockPayment, settlePayment } from "../../domain/payments.ts";
import { isPaid } from "../../domain/payment-states.ts";
import { raiseAdminAlert } from "../../domain/alerts.ts";
import type { TonTransaction } from "./client.ts";
import { toNano, type TonGateway } from "./gateway.ts";

type Tx = Prisma.TransactionClient;

export const TON_SCAN_TASK = "payments:ton-scan";
export const TON_RATE_TASK = "payments:ton-rate";

export type TransferOutcome =
  | { kind: "SETTLED"; paymentId: number }
  | { kind: "ORPHANED"; reason: string }
  /** Not a transfer to us (our own outgoing transaction, a bounce), or already acted on. */
  | { kind: "SKIPPED" };

export interface ScanResult {
  settled: number[];
  orphaned: number;
  skipped: number;
  /** Hash of the transaction the run stopped at for want of confirmations. */
  waitingFor: string | null;
  /** Another run moved the cursor first; this one stopped. */
  overtaken: boolean;
}

export interface ScanOptions {
  /** Transactions asked for per request, and requests per run at most. */
  pageSize?: number;
  maxPages?: number;
}

// The columns are bounded; a sender's text is kept, clipped.
const clip = (text: string | null, length: number) => (text && text.length > length ? text.slice(0, length) : text);
// Address columns hold the 48-character friendly form; a raw one (no address book entry)
// would not fit, and a clipped address is a wrong one: the hash still finds the sender.
const friendlyAddress = (address: string | null) => (address && address.length <= 48 ? address : null);

export async function scanTonTransfers(
  prisma: PrismaClient,
  ton: TonGateway,
  { pageSize = 100, maxPages = 10 }: ScanOptions = {},
): Promise<ScanResult> {
  const wallet = ton.settings.walletAddress;
  const result: ScanResult = { settled: [], orphaned: 0, skipped: 0, waitingFor: null, overtaken: false };
  // The wallet's history from its start, the first time (use a wallet kept for payments).
  await prisma.tonScanCursor.createMany({ data: [{ walletAddress: wallet, lastLt: 0n }], skipDuplicates: true });
  let cursor = (await prisma.tonScanCursor.findUniqueOrThrow({ where: { walletAddress: wallet } })).lastLt;
  const tip = await ton.client.masterchainSeqno();

  for (let page = 0; page < maxPages; page++) {
    const transactions = (await ton.client.transactions(wallet, cursor + 1n, pageSize)).filter((t) => t.lt > cursor);
    for (const transaction of transactions) {
      const confirmations = transaction.mcSeqno === null ? 0 : tip - transaction.mcSeqno + 1;
      // Only money waits for confirmations; our own outgoing transactions change nothing here.
      if (transaction.incoming && confirmations < ton.settings.minConfirmations) {
        result.waitingFor = transaction.hash;
        return result;
      }
      const expected = cursor;
      const outcome = await prisma.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<
          [{ last_lt: bigint }]
        >`SELECT last_lt FROM ton_scan_cursors WHERE wallet_address = ${wallet} FOR UPDATE`;
        if (row.last_lt !== expected) return null;
        const applied = await applyTransfer(tx, transaction, confirmations);
        await tx.tonScanCursor.update({ where: { walletAddress: wallet }, data: { lastLt: transaction.lt, lastHash: transaction.hash } });
        return applied;
      });
      if (!outcome) {
        result.overtaken = true;
        return result;
      }
      cursor = transaction.lt;
      if (outcome.kind === "SETTLED") result.settled.push(outcome.paymentId);
      else if (outcome.kind === "ORPHANED") result.orphaned++;
      else result.skipped++;
    }
    if (transactions.length < pageSize) break;
  }
  return result;
}

/** What one transaction of the wallet does, inside the transaction that advances the cursor. */
export async function applyTransfer(tx: Tx, transaction: TonTransaction, confirmations: number): Promise<TransferOutcome> {
  const transfer = transaction.incoming;
  if (!transfer) return { kind: "SKIPPED" };
  const comment = transfer.comment?.trim() ?? "";
  const found = comment
    ? await tx.payment.findUnique({ where: { orderId: comment }, select: { id: true, provider: true, tonTxHash: true } })
    : null;
  if (found?.tonTxHash?.trim() === transaction.hash) return { kind: "SKIPPED" };
  if (!found || found.provider !== "TON")
    return orphan(tx, transaction, comment ? `No TON payment has the comment "${clip(comment, 80)}"` : "The transfer has no comment");

  const payment = await lockPayment(tx, found.id);
  const received = formatTon(transfer.valueNano);
  if (isPaid(payment.status)) {
    return orphan(tx, transaction, `Payment ${payment.id} was already paid by another transfer; ${received} TON arrived again`);
  }
  const expected = toNano(payment.tonAmount!);
  if (transfer.valueNano < expected) {
    return orphan(tx, transaction, `Payment ${payment.id} expects ${formatTon(expected)} TON; ${received} TON arrived`);
  }
  // Late means sent (block time) after the locked rate ended: the rate is no longer ours to honour.
  if (payment.rateExpiresAt && transaction.at > payment.rateExpiresAt) {
    return orphan(
      tx,
      transaction,
      `Payment ${payment.id}'s rate expired at ${payment.rateExpiresAt.toISOString()}; the transfer came at ${transaction.at.toISOString()}`,
    );
  }
  await settlePayment(tx, payment.id, {
    tonTxHash: transaction.hash,
    tonSenderAddress: friendlyAddress(transfer.sender),
    tonConfirmations: confirmations,
  });
  return { kind: "SETTLED", paymentId: payment.id };
}

async function orphan(tx: Tx, transaction: TonTransaction, reason: string): Promise<TransferOutcome> {
  const transfer = transaction.incoming!;
  const { count } = await tx.orphanPayment.createMany({
    data: [
      {
        tonTxHash: transaction.hash,
        senderAddress: friendlyAddress(transfer.sender),
        amountNano: transfer.valueNano,
        comment: clip(transfer.comment, 1000),
        receivedAt: transaction.at,
        note: reason,
      },
    ],
    skipDuplicates: true,
  });
  if (count > 0) {
    await raiseAdminAlert(tx, {
      severity: "WARNING",
      source: "payments:ton",
      title: "A TON transfer matched no payment",
      message: `${reason} (transaction ${transaction.hash}). Resolve it under orphan payments.`,
      context: {
        tonTxHash: transaction.hash,
        amountNano: transfer.valueNano.toString(),
        comment: transfer.comment,
        sender: transfer.sender,
      },
      fingerprintKey: "orphan-transfer",
    });
  }
  return { kind: "ORPHANED", reason };
}

/** Nanotons as TON, trailing zeros dropped. */
function formatTon(nano: bigint): string {
  const whole = nano / 1_000_000_000n;
  const fraction = (nano % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
