// Connection settings as separate fields: pg lets a connectionString override
// `database`, which would silently point a "shadow" pool at the main database.
import pg, { type PoolConfig } from "pg";

export type ConnectionOptions = Required<Pick<PoolConfig, "host" | "port" | "user" | "database" | "connectionTimeoutMillis">> &
  Pick<PoolConfig, "password">;

/**
 * How long a connection attempt may take before it fails, in seconds: libpq's
 * `connect_timeout` in the URL, else this. Without one, a server that accepts TCP and
 * never answers would leave start-up, migrations or a request waiting forever.
 */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

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
    connectionTimeoutMillis: 1000 * (Number(url.searchParams.get("connect_timeout")) || DEFAULT_CONNECT_TIMEOUT_SECONDS),
  };
}

export function withDatabase<T extends ConnectionOptions>(options: T, database: string): T {
  return { ...options, database };
}

export function databaseUrl(options: ConnectionOptions): string {
  const auth = options.password
    ? `${encodeURIComponent(options.user)}:${encodeURIComponent(String(options.password))}`
    : encodeURIComponent(options.user);
  const timeout = options.connectionTimeoutMillis / 1000;
  const query = timeout === DEFAULT_CONNECT_TIMEOUT_SECONDS ? "" : `?connect_timeout=${timeout}`;
  return `postgresql://${auth}@${options.host}:${options.port}/${encodeURIComponent(options.database)}${query}`;
}

/** A connected client, or one error naming the server, the reason and the fix. */
export async function connectClient(options: ConnectionOptions): Promise<pg.Client> {
  const client = new pg.Client(options);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(
      `Cannot connect to PostgreSQL at ${options.host}:${options.port} (${(error as Error).message}; waited at most ${options.connectionTimeoutMillis / 1000} s). ` +
        "Check DATABASE_URL, or unset it to use the embedded PostgreSQL; connect_timeout=<seconds> in the URL allows more time.",
      { cause: error },
    );
  }
}
