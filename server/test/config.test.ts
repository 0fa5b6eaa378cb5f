import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("configuration", () => {
  it("has development defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: "development", host: "127.0.0.1", port: 4000, graphiql: true, seedDemoData: true });
    expect(config.databaseUrl).toBeUndefined();
  });

  it("turns GraphiQL off in production unless asked", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgresql://db.internal/pinglass", TELEGRAM_BOT_TOKEN: "1:abcdefghijklmnopqrstuvwxyz" };
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
    expect(() =>
      loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgresql://db/p", SEED_DEMO_DATA: "true" }),
    ).toThrow(/demo data is refused/);
  });
});
