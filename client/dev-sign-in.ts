// Development only: `vite` (the dev server, never a build) answers
// GET /dev/telegram-init-data?id=1001&name=Anna with Mini App initData signed by the
// API's built-in development bot token, which only a development API accepts (NODE_ENV
// development and no TELEGRAM_BOT_TOKEN; production requires a real token). The signing is
// the server's own (the same as `pnpm dev:init-data`).
import type { Plugin } from "vite";
import { signMiniAppInitData } from "../server/src/auth/telegram.ts";
import { DEVELOPMENT_BOT_TOKEN } from "../server/src/config.ts";

export const DEV_INIT_DATA_PATH = "/dev/telegram-init-data";

export function devInitData(params: URLSearchParams, now = new Date()): string {
  const id = Number(params.get("id") ?? "1001");
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error("id must be a positive whole number");
  const name = params.get("name")?.trim() || "Dev User";
  const user = { id, first_name: name, ...(params.get("username") ? { username: params.get("username") } : {}) };
  return signMiniAppInitData(
    {
      auth_date: String(Math.floor(now.getTime() / 1000)),
      query_id: `dev-${now.getTime()}`,
      user: JSON.stringify(user),
      ...(params.get("start") ? { start_param: params.get("start")! } : {}),
    },
    DEVELOPMENT_BOT_TOKEN,
  );
}

export function devSignInPlugin(): Plugin {
  return {
    name: "pinglass-dev-sign-in",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use(DEV_INIT_DATA_PATH, (req, res) => {
        const params = new URL(req.url ?? "/", "http://localhost").searchParams;
        try {
          const initData = devInitData(params);
          res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
          res.end(JSON.stringify({ initData }));
        } catch (error) {
          res.writeHead(400, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: (error as Error).message }));
        }
      });
    },
  };
}
