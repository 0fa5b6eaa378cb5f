// Telegram, admin side: the outbox (read), broadcasts, the bot's affiliate settings and the
// MTProto sessions (never their session string). Staff read; only ADMIN changes anything.
import "./telegram/outbox.ts";
import "./telegram/broadcasts.ts";
import "./telegram/affiliate-and-mtproto.ts";
