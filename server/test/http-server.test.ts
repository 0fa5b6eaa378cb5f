// The listening server: health endpoints, GraphQL over HTTP and WebSocket on one
// port, and a graceful stop on SIGTERM (as a real child process).
import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createPrisma } from "../src/db/prisma.ts";
import { startHttpServer, type RunningHttpServer } from "../src/http/server.ts";
import { paths } from "../src/paths.ts";
import { createTestDatabase } from "./support/test-database.ts";

let databaseUrl: string;
let server: RunningHttpServer;
const prisma = () => createPrisma(databaseUrl, { poolSize: 2 });

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  const client = prisma();
  await client.pricingTier.create({ data: { code: "starter", name: "Starter", price: "499.00", photoCount: 7 } });
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: databaseUrl, PORT: "0" });
  server = await startHttpServer(createApp({ config, prisma: client }), { prisma: client, host: "127.0.0.1", port: 0 });
  return async () => {
    await server.close();
    await client.$disconnect();
  };
});

describe("health", () => {
  it("/healthz answers while the process lives", async () => {
    const response = await fetch(new URL("/healthz", server.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz checks the database", async () => {
    const response = await fetch(new URL("/readyz", server.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", database: "ok" });
  });

  it("/readyz answers 503 when the database is unreachable", async () => {
    const unreachable = createPrisma("postgresql://postgres@127.0.0.1:1/nowhere", { poolSize: 1 });
    const config = loadConfig({ NODE_ENV: "test" });
    const down = await startHttpServer(createApp({ config, prisma: unreachable }), {
      prisma: unreachable,
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const response = await fetch(new URL("/readyz", down.url));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ database: "unreachable" });
    } finally {
      await down.close();
    }
  });
});

describe("GraphQL transports", () => {
  it("serves queries over HTTP at /graphql", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ pricingTiers { code } }" }),
    });
    expect(await response.json()).toEqual({
      data: { pricingTiers: [{ code: "starter" }] },
      extensions: { cost: { requested: 1, limit: 2_000 } },
    });
  });

  it("serves the same schema over graphql-ws on the same port and path", async () => {
    const client = createClient({ url: server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const result = await new Promise((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: "{ pricingTiers { code } }" },
          { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
        );
      });
      expect(result).toEqual({ data: { pricingTiers: [{ code: "starter" }] }, extensions: { cost: { requested: 1, limit: 2_000 } } });
    } finally {
      await client.dispose();
    }
  });

  it("answers an invalid document over graphql-ws with errors, keeping the socket usable", async () => {
    const client = createClient({ url: server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: "{ noSuchField }" }, { next: () => {}, error: resolve, complete: () => resolve(null) });
      });
      expect(JSON.stringify(errors)).toContain("noSuchField");
    } finally {
      await client.dispose();
    }
  });
});

describe("process lifecycle", () => {
  it("starts from main.ts and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(paths.root, "server/src/main.ts")], {
      cwd: paths.root,
      env: { ...process.env, NODE_ENV: "test", DATABASE_URL: databaseUrl, PORT: "0", SEED_DEMO_DATA: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr.on("data", (chunk) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /GraphQL on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once("exit", (code) => reject(new Error(`exited early (${code}):\n${output}`)));
    });
    expect((await fetch(new URL("/healthz", url))).status).toBe(200);

    const exitCode = await new Promise<number | null>((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGTERM");
    });
    expect(exitCode).toBe(0);
    expect(output).toContain("SIGTERM: draining connections");
  });
});
