import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const api = process.env.API_URL ?? "http://127.0.0.1:4000";

export default defineConfig({
  plugins: [react()],
  server: {
    host: "127.0.0.1",
    port: 5173,
    // One origin for the browser: GraphQL (HTTP, SSE and WebSocket) goes to the API.
    proxy: { "/graphql": { target: api, ws: true, changeOrigin: true } },
  },
});
