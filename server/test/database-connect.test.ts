// A PostgreSQL that accepts the TCP connection and never answers (a wedged server, a
// proxy with nothing behind it) must not leave start-up, migrations or the API waiting
// forever: every connection has a timeout (libpq's connect_timeout, default 10 s).
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionOptions, databaseUrl, DEFAULT_CONNECT_TIMEOUT_SECONDS } from "../src/db/connection.ts";
import { ensureDatabaseExists } from "../src/db/database.ts";
import { deployMigrations } from "../src/db/migrations.ts";
import { createPrisma } from "../src/db/prisma.ts";

let silent: Server;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  silent = createServer((socket) => sockets.push(socket)); // accepts, then says nothing
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const { port } = silent.address() as { port: number };
  url = `postgresql://postgres@127.0.0.1:${port}/pinglass?connect_timeout=1`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function failsWithin(work: Promise<unknown>, ms: number): Promise<Error> {
  const started = performance.now();
  const error = await work.then(
    () => new Error("it connected"),
    (e: Error) => e,
  );
  expect(performance.now() - started).toBeLessThan(ms);
  return error;
}

describe("a PostgreSQL that never answers", () => {
  it("reads connect_timeout from the URL and keeps it through databaseUrl", () => {
    expect(connectionOptions(url).connectionTimeoutMillis).toBe(1000);
    expect(databaseUrl(connectionOptions(url))).toBe(url);
    expect(connectionOptions("postgresql://postgres@127.0.0.1/x").connectionTimeoutMillis).toBe(DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000);
  });

  it("stops start-up with one message naming the server and the fix", async () => {
    const error = await failsWithin(ensureDatabaseExists(url), 5000);
    expect(error.message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+ \(.*waited at most 1 s\)\. Check DATABASE_URL/);
  });

  it("stops migrations", async () => {
    const error = await failsWithin(deployMigrations(url), 5000);
    expect(error.message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+ \(.*timeout.*waited at most 1 s\)/);
  });

  it("stops the API's queries", async () => {
    const prisma = createPrisma(url, { poolSize: 1 });
    try {
      await failsWithin(prisma.$queryRaw`SELECT 1`, 5000);
    } finally {
      await prisma.$disconnect();
    }
  });
});
