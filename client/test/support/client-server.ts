// The built client (vite build, then vite preview with the same proxy as development:
// /graphql, HTTP and WebSocket, to the API).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, preview, type PreviewServer } from "vite";
import { freePort } from "./api.ts";

const clientRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function serveBuiltClient(apiOrigin: string): Promise<{ origin: string; stop(): Promise<void> }> {
  // vite.config.ts reads the API's address when it loads.
  process.env.API_URL = apiOrigin;
  await build({ root: clientRoot, logLevel: "warn" });
  const port = await freePort();
  const server: PreviewServer = await preview({ root: clientRoot, logLevel: "warn", preview: { port, strictPort: true } });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => server.close(),
  };
}
