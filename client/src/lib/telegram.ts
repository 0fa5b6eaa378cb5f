// Inside Telegram the Mini App is opened with its launch parameters: the signed
// `initData` (window.Telegram.WebApp.initData when Telegram's script is loaded, and
// always `tgWebAppData` in the URL's hash).
interface TelegramWebApp {
  initData?: string;
  ready?: () => void;
  expand?: () => void;
  /** Opens a Telegram Stars invoice; the callback gets "paid", "cancelled", "failed" or "pending". */
  openInvoice?: (url: string, callback?: (status: string) => void) => void;
}

declare global {
  interface Window {
    Telegram?: { WebApp?: TelegramWebApp };
  }
}

/** The Mini App's signed initData, or null outside Telegram. */
export function telegramInitData(): string | null {
  const fromScript = window.Telegram?.WebApp?.initData;
  if (fromScript) return fromScript;
  const hash = new URLSearchParams(window.location.hash.slice(1));
  return hash.get("tgWebAppData") || null;
}

/** Tells Telegram the app is ready (hides its loader) and takes the full height. */
export function telegramReady() {
  window.Telegram?.WebApp?.ready?.();
  window.Telegram?.WebApp?.expand?.();
}
