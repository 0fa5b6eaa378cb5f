// How an outbox message leaves: through the Bot API (`TELEGRAM_DELIVERY=bot-api`), or
// printed by the worker and marked sent (`log`, the development default, so the built-in
// development token never reaches Telegram). Both throw BotApiError the same way.
import type { Config } from "../config.ts";
import { BotApi } from "./bot-api.ts";

export interface OutgoingMessage {
  chatId: bigint;
  kind: string;
  text: string | null;
  /** Extra Bot API fields (reply_markup, parse_mode, …); `photo` makes it a photo with a caption. */
  payload: unknown;
}

export interface TelegramSender {
  readonly mode: "bot-api" | "log";
  /** Telegram's message id (null in log mode). Throws BotApiError. */
  send(message: OutgoingMessage): Promise<{ telegramMessageId: bigint | null }>;
}

/** Telegram's caption limit; a longer text with a photo goes as a message with the photo as its link preview. */
const CAPTION_LIMIT = 1024;

/** The Bot API method and parameters of one message. */
export function botApiCall({ chatId, text, payload }: OutgoingMessage): { method: string; params: Record<string, unknown> } {
  const { photo, ...extra } = payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  // A string keeps 64-bit chat ids exact (Telegram accepts either).
  const chat_id = chatId.toString();
  if (typeof photo === "string" && (text ?? "").length <= CAPTION_LIMIT) {
    return { method: "sendPhoto", params: { chat_id, photo, ...(text ? { caption: text } : {}), ...extra } };
  }
  const preview = typeof photo === "string" ? { link_preview_options: { url: photo, show_above_text: true } } : {};
  return { method: "sendMessage", params: { chat_id, text: text ?? "", ...preview, ...extra } };
}

export function createTelegramSender(
  telegram: Pick<Config["telegram"], "apiUrl" | "botToken" | "delivery">,
  log: (line: string) => void = (line) => console.log(`[worker] ${line}`),
): TelegramSender {
  if (telegram.delivery.mode === "log") {
    return {
      mode: "log",
      async send({ chatId, kind, text }) {
        log(`telegram (TELEGRAM_DELIVERY=log, not sent) to chat ${chatId} [${kind}]: ${text ?? ""}`);
        return { telegramMessageId: null };
      },
    };
  }
  if (!telegram.botToken) throw new Error("TELEGRAM_DELIVERY=bot-api needs TELEGRAM_BOT_TOKEN");
  const api = new BotApi({ apiUrl: telegram.apiUrl, token: telegram.botToken });
  return {
    mode: "bot-api",
    async send(message) {
      const { method, params } = botApiCall(message);
      const result = await api.call<{ message_id?: number }>(method, params);
      return { telegramMessageId: typeof result?.message_id === "number" ? BigInt(result.message_id) : null };
    },
  };
}
