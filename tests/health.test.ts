// GET /healthz is what a load balancer or container runtime asks: 200 while the bot can reach
// its database, 503 while it cannot.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./support/database.js";

const server = process.env.TEST_DATABASE_URL;

let db: TestDatabase;
let app: RunningApp;
let closed = false;
beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
  app = await startApp(loadConfig({ PORT: "0", DATABASE_URL: db.url }), { logger: silentLogger(), database: db });
});
afterAll(async () => {
  await app?.close();
  // startApp was handed the database, so it is ours to close (once) and drop.
  if (db && !closed) await db.drop();
});

async function health(): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${app.url}/healthz`);
  return { status: res.status, body: await res.json() };
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("GET /healthz", () => {
  it("answers 200 while the database is up", async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await health()).toEqual({ status: 200, body: { status: "ok" } });
  });

  // On PostgreSQL, Prisma opens a new pool on the next query after $disconnect, so closing the
  // handle is no outage there; the test below takes the database away instead.
  it.skipIf(server)("answers 503 once the database is closed (embedded PGlite)", async () => {
    await db.close();
    closed = true;
    expect(await health()).toEqual({ status: 503, body: { status: "database unavailable" } });
    expect(await health()).toEqual({ status: 503, body: { status: "database unavailable" } });
  });

  it.skipIf(!server)("answers 503 while the PostgreSQL database refuses connections, and 200 once it is back (needs TEST_DATABASE_URL)", async () => {
    const name = new URL(db.url).pathname.slice(1);
    await onServer(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    try {
      await onServer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
      expect(await health()).toEqual({ status: 503, body: { status: "database unavailable" } });
    } finally {
      await onServer(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    expect(await health()).toEqual({ status: 200, body: { status: "ok" } });
  });
});
