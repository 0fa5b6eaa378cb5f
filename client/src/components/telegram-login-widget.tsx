// The Telegram Login Widget, embedded as Telegram documents it
// (core.telegram.org/widgets/login): its script, with the bot's username, draws the
// "Log in with Telegram" button, and once the user confirms in Telegram it calls the
// function named in data-onauth with the signed user data. The bot must have this site's
// domain set (BotFather, /setdomain), and the API must hold that bot's token.
import { useEffect, useRef } from "react";

export const TELEGRAM_WIDGET_SCRIPT = "https://telegram.org/js/telegram-widget.js?22";

/** What the widget passes to data-onauth: Telegram's fields, as Telegram signed them. */
export interface TelegramWidgetUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  photo_url?: string;
  auth_date: number;
  hash: string;
}

declare global {
  interface Window {
    onTelegramAuth?: (user: TelegramWidgetUser) => void;
  }
}

export function TelegramLoginWidget({ botUsername, onAuth }: { botUsername: string; onAuth: (user: TelegramWidgetUser) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef(onAuth);
  latest.current = onAuth;

  useEffect(() => {
    const host = container.current;
    if (!host) return;
    // data-onauth is evaluated by the widget as `onTelegramAuth(user)`: a global function.
    window.onTelegramAuth = (user) => latest.current(user);
    const script = document.createElement("script");
    script.async = true;
    script.src = TELEGRAM_WIDGET_SCRIPT;
    script.dataset.telegramLogin = botUsername;
    script.dataset.size = "large";
    script.dataset.onauth = "onTelegramAuth(user)";
    script.dataset.requestAccess = "write";
    host.appendChild(script);
    return () => {
      host.replaceChildren(); // the script and the button (iframe) it drew
      delete window.onTelegramAuth;
    };
  }, [botUsername]);

  return <div ref={container} className="telegram-login" data-testid="telegram-login-widget" />;
}
