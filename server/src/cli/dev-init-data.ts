// pnpm dev:init-data [--id 1001] [--name Anna] [--username anna] [--start CODE]
// Prints Telegram Mini App initData signed with the configured bot token (in development,
// the development token), to sign in to a local API without Telegram:
//   mutation { signInWithTelegram(input: { initData: "<printed>" }) { … } }
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { signMiniAppInitData } from "../auth/telegram.ts";

const config = loadConfig();
if (config.isProduction) throw new Error("dev:init-data is for development only");
const token = config.telegram.botToken;
if (!token) throw new Error("No TELEGRAM_BOT_TOKEN (development uses a built-in one: run with NODE_ENV=development)");

const { values } = parseArgs({
  options: {
    id: { type: "string", default: "1001" },
    name: { type: "string", default: "Dev User" },
    username: { type: "string" },
    start: { type: "string" },
  },
});
const user = { id: Number(values.id), first_name: values.name, ...(values.username ? { username: values.username } : {}) };
const fields: Record<string, string> = {
  auth_date: String(Math.floor(Date.now() / 1000)),
  query_id: `dev-${Date.now()}`,
  user: JSON.stringify(user),
  ...(values.start ? { start_param: values.start } : {}),
};
console.log(signMiniAppInitData(fields, token));
