import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("configuration", () => {
  it("has development defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: "development", host: "127.0.0.1", port: 4000, graphiql: true, seedDemoData: true });
    expect(config.databaseUrl).toBeUndefined();
  });

  it("turns GraphiQL off in production unless asked", () => {
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://db.internal/pinglass",
      TELEGRAM_BOT_TOKEN: "1:abcdefghijklmnopqrstuvwxyz",
    };
    expect(loadConfig(production).graphiql).toBe(false);
    expect(loadConfig({ ...production, GRAPHIQL: "on" }).graphiql).toBe(true);
  });

  it("lists every bad value in one clear error", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x/y", GRAPHIQL: "maybe" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/GRAPHIQL/);
  });

  it("requires a database and refuses demo data in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/DATABASE_URL: is required in production/);
    expect(() => loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgresql://db/p", SEED_DEMO_DATA: "true" })).toThrow(
      /demo data is refused/,
    );
  });
});

describe("development sign-in", () => {
  it("uses the built-in development bot token only in development, and only when none is set", async () => {
    const { DEVELOPMENT_BOT_TOKEN } = await import("../src/config.ts");
    expect(loadConfig({ NODE_ENV: "development" }).telegram.botToken).toBe(DEVELOPMENT_BOT_TOKEN);
    expect(loadConfig({ NODE_ENV: "development", TELEGRAM_BOT_TOKEN: "42:abcdefghijklmnopqrstuvwxyz" }).telegram.botToken).toBe(
      "42:abcdefghijklmnopqrstuvwxyz",
    );
    expect(loadConfig({ NODE_ENV: "test" }).telegram.botToken).toBeUndefined();
  });

  it("pnpm dev:init-data prints initData that the development server accepts", async () => {
    const { execFileSync } = await import("node:child_process");
    const path = await import("node:path");
    const { paths } = await import("../src/paths.ts");
    const { verifyMiniAppInitData } = await import("../src/auth/telegram.ts");
    const { DEVELOPMENT_BOT_TOKEN } = await import("../src/config.ts");
    const printed = execFileSync(
      process.execPath,
      ["--import", "tsx", path.join(paths.root, "server/src/cli/dev-init-data.ts"), "--id", "4242", "--name", "Anna", "--start", "REF123"],
      {
        cwd: paths.root,
        env: { ...process.env, NODE_ENV: "development", TELEGRAM_BOT_TOKEN: "" },
      },
    )
      .toString()
      .trim();
    const verified = verifyMiniAppInitData(printed, { botToken: DEVELOPMENT_BOT_TOKEN, maxAgeSeconds: 60 });
    expect(verified.user).toMatchObject({ id: 4242n, firstName: "Anna" });
    expect(verified.startParam).toBe("REF123");
  });
});
