import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { devSignInPlugin } from "./dev-sign-in.ts";

const api = process.env.API_URL ?? "http://127.0.0.1:4000";

// One origin for the browser: GraphQL (HTTP, SSE and WebSocket) and the admin explorer
// go to the API. `vite preview` (the built client) uses the same proxy.
const proxy = {
  "/graphql": { target: api, ws: true, changeOrigin: true },
  "/admin/explorer": { target: api, changeOrigin: true },
};

export default defineConfig({
  plugins: [react(), devSignInPlugin()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true, proxy },
  preview: { host: "127.0.0.1", port: 4173, proxy },
});
