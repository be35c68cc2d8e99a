// A fresh, migrated database per test file: in-memory PGlite by default, or a new database on
// the PostgreSQL server named by TEST_DATABASE_URL (as .ci/run does).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { connectDatabase, type Database } from "../../src/db/connect.js";
import { parseDatabaseUrl } from "../../src/db/database-url.js";
import { migrateDatabase, migrationsFingerprint } from "../../src/db/migrate.js";
import { seedPartnerships } from "../../src/seed/seed-database.js";

/** How often a test database is dropped before it is left behind. */
const DROP_ATTEMPTS = 5;

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
      try {
        // FORCE cannot end a server process of another role (an autovacuum worker busy with the
        // test database): wait for it and try again; a database left behind harms no test.
        for (let attempt = 1; ; attempt += 1) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            return;
          } catch (error) {
            if (attempt >= DROP_ATTEMPTS) {
              console.warn(`test database ${name} was left behind: ${error instanceof Error ? error.message : String(error)}`);
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
          }
        }
      } finally {
        await c.end();
      }
    };
  }
  const db = await connectDatabase(parseDatabaseUrl(url), { migrations: migrationsFingerprint() });
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
