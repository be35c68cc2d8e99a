// A fresh, migrated database per test file: in-memory PGlite by default, or a new database on
// the PostgreSQL server named by TEST_DATABASE_URL (as .ci/run does).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { connectDatabase, type Database } from "../../src/db/connect.js";
import { parseDatabaseUrl } from "../../src/db/database-url.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { seedPartnerships } from "../../src/seed/seed-database.js";

export type TestDatabase = Database & { url: string; drop: () => Promise<void> };

export async function createTestDatabase(opts: { seed?: boolean } = {}): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  let url = "memory://";
  let dropDatabase = async () => {};
  if (server) {
    const name = `praktikbot_test_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const db = await connectDatabase(parseDatabaseUrl(url));
  await migrateDatabase(db);
  if (opts.seed !== false) await seedPartnerships(db.prisma);
  return {
    ...db,
    url,
    drop: async () => {
      await db.close();
      await dropDatabase();
    },
  };
}
