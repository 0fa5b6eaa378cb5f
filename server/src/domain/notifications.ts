// Personal Telegram notifications: an outbox row and its keyed queue job, written in the
// transaction of the change they tell about — a change that rolls back sends nothing.
// The domain only writes the outbox; the worker's Telegram adapter sends it
// (telegram/outbox.ts). Users without a Telegram chat get none.
import type { Prisma } from "../generated/prisma/client.ts";
import type { FailedGenerationPayment } from "./payment-states.ts";
import { queueMessageJob } from "./telegram-outbox.ts";

type Tx = Prisma.TransactionClient;

/** Telegram's limit on a message's text. */
const TEXT_LIMIT = 4096;

export interface Notification {
  userId: number | null;
  /** Where to send when the user has no chat of their own (a ticket's contact snapshot). */
  fallbackChatId?: bigint | null;
  kind: string;
  text: string;
  /** Extra Bot API fields: reply_markup, parse_mode, … */
  payload?: Prisma.InputJsonObject;
}

/** Queues a message; answers its outbox id, or null when there is no chat to send to. */
export async function enqueueNotification(
  tx: Tx,
  { userId, fallbackChatId = null, kind, text, payload }: Notification,
): Promise<number | null> {
  const user = userId === null ? null : await tx.user.findUnique({ where: { id: userId }, select: { telegramChatId: true } });
  const chatId = user?.telegramChatId ?? fallbackChatId;
  if (chatId === null) return null;
  const message = await tx.telegramMessage.create({
    data: { telegramChatId: chatId, userId: user ? userId : null, kind, text: shorten(text, TEXT_LIMIT), ...(payload ? { payload } : {}) },
    select: { id: true },
  });
  await queueMessageJob(tx, message.id);
  return message.id;
}

function shorten(text: string, limit: number): string {
  const trimmed = text.trim();
  return trimmed.length <= limit ? trimmed : `${trimmed.slice(0, limit - 1).trimEnd()}…`;
}

const money = (amount: Prisma.Decimal | { toString(): string }, currency: string) => {
  const value = Number(amount.toString());
  const shown = Number.isInteger(value) ? value.toString() : value.toFixed(2);
  return `${shown} ${{ RUB: "₽", TON: "TON", XTR: "⭐" }[currency] ?? currency}`;
};

// ---------------------------------------------------------------------------------------
// The four notifications
// ---------------------------------------------------------------------------------------

/** A generation job ended (generation/pipeline.ts, in the transaction that settled it). */
export async function notifyGenerationSettled(
  tx: Tx,
  jobId: number,
  outcome: "COMPLETED" | "FAILED",
  failedPayment: FailedGenerationPayment,
) {
  const job = await tx.generationJob.findUnique({
    where: { id: jobId },
    select: { completedPhotos: true, totalPhotos: true, avatar: { select: { userId: true, name: true } } },
  });
  if (!job) return null;
  const avatar = job.avatar.name ? ` «${job.avatar.name}»` : "";
  if (outcome === "COMPLETED") {
    const count = job.completedPhotos === job.totalPhotos ? `${job.totalPhotos}` : `${job.completedPhotos} из ${job.totalPhotos}`;
    return enqueueNotification(tx, {
      userId: job.avatar.userId,
      kind: "generation_ready",
      text: `Портреты${avatar} готовы: ${count} фото. Откройте PinGlass, чтобы посмотреть и скачать их.`,
    });
  }
  const payment =
    failedPayment === "refund" ? "Деньги вернём на карту в ближайшие дни." : "Оплата снова доступна — можно запустить генерацию ещё раз.";
  return enqueueNotification(tx, {
    userId: job.avatar.userId,
    kind: "generation_failed",
    text: `Не получилось создать портреты${avatar}. ${payment}`,
  });
}

/** A payment succeeded (domain/payments.ts settlePayment). */
export function notifyPaymentReceived(
  tx: Tx,
  payment: { userId: number; amount: Prisma.Decimal; currency: string; starsAmount?: number | null; photoCount: number },
) {
  const paid = payment.currency === "XTR" && payment.starsAmount ? `${payment.starsAmount} ⭐` : money(payment.amount, payment.currency);
  return enqueueNotification(tx, {
    userId: payment.userId,
    kind: "payment_succeeded",
    text: `Оплата ${paid} получена. Вам доступно ${payment.photoCount} фото — выберите стиль и запустите генерацию.`,
  });
}

/** An operator answered a ticket (domain/support-desk.ts replyToTicket; never internal notes). */
export async function notifyTicketReply(tx: Tx, ticketId: number, body: string) {
  const ticket = await tx.supportTicket.findUnique({
    where: { id: ticketId },
    select: { number: true, userId: true, telegramChatId: true },
  });
  if (!ticket) return null;
  return enqueueNotification(tx, {
    userId: ticket.userId,
    fallbackChatId: ticket.telegramChatId,
    kind: "ticket_reply",
    text: `Поддержка ответила на обращение ${ticket.number}:\n\n${shorten(body, 1000)}`,
  });
}

/** A withdrawal was approved, rejected or paid (domain/withdrawals.ts). */
export function notifyWithdrawalStatus(
  tx: Tx,
  withdrawal: {
    userId: number;
    status: string;
    amount: Prisma.Decimal;
    payoutAmount: Prisma.Decimal;
    currency: string;
    rejectionReason?: string | null;
  },
) {
  const texts: Record<string, string> = {
    APPROVED: `Заявка на вывод ${money(withdrawal.amount, withdrawal.currency)} одобрена. Сообщим, когда деньги будут отправлены.`,
    REJECTED: `Заявка на вывод ${money(withdrawal.amount, withdrawal.currency)} отклонена${withdrawal.rejectionReason ? `: ${withdrawal.rejectionReason}` : ""}. Сумма вернулась на баланс.`,
    PAID: `Выплата ${money(withdrawal.payoutAmount, withdrawal.currency)} отправлена.`,
  };
  const text = texts[withdrawal.status];
  if (!text) return Promise.resolve(null);
  return enqueueNotification(tx, { userId: withdrawal.userId, kind: `withdrawal_${withdrawal.status.toLowerCase()}`, text });
}
