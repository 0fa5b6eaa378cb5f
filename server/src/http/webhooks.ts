// Provider webhooks (T-Bank notifications, the Telegram bot's updates): plain HTTP
// routes beside GraphQL, each verifying its provider's signature before anything else.
// What a verified event does is domain work (domain/payments.ts), stored exactly once
// (domain/webhook-events.ts).
import type { IncomingMessage, ServerResponse } from "node:http";

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Path (without query) → handler. */
export type WebhookRoutes = ReadonlyMap<string, WebhookHandler>;

/** The handler for this request's path, if any. */
export function webhookFor(routes: WebhookRoutes | undefined, req: IncomingMessage): WebhookHandler | undefined {
  return routes?.get(req.url?.split("?", 1)[0] ?? "");
}

/** The body, or null once it passes `max` bytes (the rest is drained, not kept). */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      total += chunk.length;
      if (total > max) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => (over ? undefined : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}
