// Exactly-once webhooks: a provider's event id is stored, unique per provider, in the
// same transaction as the event's effect. A duplicate (a retry, a replay, two deliveries
// racing) finds the id taken and changes nothing; if the effect's transaction rolls back,
// so does the claim, and the provider's retry is processed as if it were the first.
import type { Prisma } from "../generated/prisma/client.ts";
import type { WebhookEventStatus, WebhookProvider } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { recordSystemLog } from "./alerts.ts";

type Tx = Prisma.TransactionClient;

export interface WebhookEventInput {
  provider: WebhookProvider;
  /** The provider's id of this event (unique per provider). */
  eventId: string;
  eventType?: string | null;
  payload: Prisma.InputJsonValue;
  paymentId?: number | null;
}

/**
 * Claims the event inside `tx`: its row id when this is the first time the event is seen,
 * null when it was already processed (or is being processed by a concurrent delivery,
 * which this call waits for: the unique index serialises them).
 */
export async function claimWebhookEvent(tx: Tx, event: WebhookEventInput): Promise<number | null> {
  // The row's payment_id foreign key takes a share lock on the payment. Two events of one
  // payment (CONFIRMED and REFUNDED arriving together) would each hold that share lock and
  // wait for the other's to lock the payment for update: a deadlock. Locking the payment
  // first puts every event of one payment in one queue.
  if (event.paymentId != null) await tx.$queryRaw`SELECT id FROM payments WHERE id = ${event.paymentId} FOR UPDATE`;
  const [row] = await tx.$queryRaw<Array<{ id: number }>>`
    INSERT INTO webhook_events (provider, event_id, event_type, payload, payment_id, status, updated_at)
    VALUES (${event.provider}::webhook_provider, ${event.eventId}, ${event.eventType ?? null}, ${JSON.stringify(event.payload)}::jsonb,
            ${event.paymentId ?? null}, 'RECEIVED', now())
    ON CONFLICT (provider, event_id) DO NOTHING
    RETURNING id`;
  return row?.id ?? null;
}

/** Records what processing the claimed event came to. */
export async function finishWebhookEvent(
  tx: Tx,
  id: number,
  {
    status,
    paymentId,
    errorMessage,
  }: { status: Exclude<WebhookEventStatus, "RECEIVED">; paymentId?: number | null; errorMessage?: string | null },
): Promise<void> {
  await tx.webhookEvent.update({
    where: { id },
    data: { status, processedAt: new Date(), errorMessage: errorMessage ?? null, ...(paymentId != null ? { paymentId } : {}) },
    select: { id: true },
  });
}

/**
 * A request that failed verification (forged or corrupted signature, unknown terminal):
 * refused, and kept as a deduplicated system log so repeated attempts show as a count.
 * Never logs the signature or secrets, only who sent it and why it was refused.
 */
export async function logRefusedWebhook(
  db: PrismaClient,
  {
    provider,
    reason,
    remoteAddress,
    context,
  }: { provider: WebhookProvider; reason: string; remoteAddress?: string | null; context?: Record<string, unknown> },
): Promise<void> {
  await recordSystemLog(db, {
    level: "WARN",
    source: `webhook:${provider.toLowerCase()}`,
    message: `Refused a ${provider} webhook: ${reason}`,
    context: { reason, remoteAddress: remoteAddress ?? null, ...context },
  });
}
