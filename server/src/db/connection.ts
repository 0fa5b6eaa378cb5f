// Connection settings as separate fields: pg lets a connectionString override
// `database`, which would silently point a "shadow" pool at the main database.
import type { PoolConfig } from "pg";

export type ConnectionOptions = Required<Pick<PoolConfig, "host" | "port" | "user" | "database">> &
  Pick<PoolConfig, "password">;

export function connectionOptions(databaseUrl: string): ConnectionOptions {
  const url = new URL(databaseUrl);
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got ${url.protocol}`);
  }
  return {
    host: decodeURIComponent(url.hostname) || "127.0.0.1",
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || "postgres",
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: decodeURIComponent(url.pathname.slice(1)) || "postgres",
  };
}

export function withDatabase<T extends ConnectionOptions>(options: T, database: string): T {
  return { ...options, database };
}

export function databaseUrl(options: ConnectionOptions): string {
  const auth = options.password
    ? `${encodeURIComponent(options.user)}:${encodeURIComponent(String(options.password))}`
    : encodeURIComponent(options.user);
  return `postgresql://${auth}@${options.host}:${options.port}/${encodeURIComponent(options.database)}`;
}
