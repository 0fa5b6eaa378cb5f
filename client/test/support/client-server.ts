// The built client (vite build, then vite preview with the same proxy as development:
// /graphql, HTTP and WebSocket, to the API). The build's Login Widget names the tests' bot.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, preview, type PreviewServer } from "vite";
import { freePort, TEST_BOT_USERNAME } from "./api.ts";

const clientRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function serveBuiltClient(
  apiOrigin: string,
  { port }: { port?: number } = {},
): Promise<{ origin: string; stop(): Promise<void> }> {
  // vite.config.ts reads the API's address when it loads; Vite takes VITE_* from the environment.
  process.env.API_URL = apiOrigin;
  process.env.VITE_TELEGRAM_BOT_USERNAME = TEST_BOT_USERNAME;
  await build({ root: clientRoot, logLevel: "warn" });
  const chosen = port ?? (await freePort());
  const server: PreviewServer = await preview({ root: clientRoot, logLevel: "warn", preview: { port: chosen, strictPort: true } });
  return {
    origin: `http://127.0.0.1:${chosen}`,
    stop: () => server.close(),
  };
}
