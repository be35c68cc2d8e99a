// In-process migrations (src/db/migrate.ts) must behave like `prisma migrate deploy`: apply what
// is new, once, recorded in Prisma's own table with Prisma's checksums.
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "../src/db/connect.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";
import { migrateDatabase, splitSqlStatements } from "../src/db/migrate.js";
import { createTestDatabase, type TestDatabase } from "./support/database.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const migrationsDir = path.join(root, "prisma", "migrations");
const committed = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const initName = "20261122000000_init";
const initSql = readFileSync(path.join(migrationsDir, initName, "migration.sql"), "utf8");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

async function recorded(db: Database): Promise<MigrationRow[]> {
  return db.prisma.$queryRawUnsafe<MigrationRow[]>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
  );
}

const tempDirs: string[] = [];
/** A copy of the committed migrations that a test may change. */
function migrationsCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "praktikbot-migrations-"));
  tempDirs.push(dir);
  cpSync(migrationsDir, dir, { recursive: true });
  return dir;
}

let db: TestDatabase;
beforeAll(async () => {
  // createTestDatabase has run migrateDatabase once already.
  db = await createTestDatabase({ seed: false });
});
afterAll(async () => {
  await db?.drop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("migrateDatabase", () => {
  it("applies every committed migration once and nothing on the next run", async () => {
    expect((await recorded(db)).map((row) => row.migration_name)).toEqual(committed);
    expect(await migrateDatabase(db)).toEqual({ applied: [] });
    expect(await migrateDatabase(db)).toEqual({ applied: [] });
    expect((await recorded(db)).map((row) => row.migration_name)).toEqual(committed);
    expect(await db.prisma.partnership.count()).toBe(0);
  });

  it("records each migration as Prisma does: sha256 of migration.sql, finished, not rolled back", async () => {
    const rows = await recorded(db);
    for (const row of rows) {
      const sql = readFileSync(path.join(migrationsDir, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(sha256(sql));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies a new migration after the applied ones", async () => {
    const dir = migrationsCopy();
    const name = "29991231000000_add_probe";
    mkdirSync(path.join(dir, name));
    writeFileSync(
      path.join(dir, name, "migration.sql"),
      `-- CreateTable\nCREATE TABLE "MigrationProbe" (\n    "id" INTEGER NOT NULL,\n    CONSTRAINT "MigrationProbe_pkey" PRIMARY KEY ("id")\n);\n`,
    );
    expect(await migrateDatabase(db, dir)).toEqual({ applied: [name] });
    expect(await migrateDatabase(db, dir)).toEqual({ applied: [] });
    await db.prisma.$executeRawUnsafe(`INSERT INTO "MigrationProbe" (id) VALUES (1)`);
    expect((await recorded(db)).map((row) => row.migration_name)).toEqual([...committed, name]);
    // The committed set alone is still fine with the extra row there.
    expect(await migrateDatabase(db)).toEqual({ applied: [] });
  });

  it("refuses a migration that was changed after it was applied, and applies nothing", async () => {
    const dir = migrationsCopy();
    appendFileSync(path.join(dir, initName, "migration.sql"), `\nCREATE INDEX "Extra_idx" ON "AuditEvent"("actor");\n`);
    const later = "29991231000001_later";
    mkdirSync(path.join(dir, later));
    writeFileSync(path.join(dir, later, "migration.sql"), `CREATE TABLE "NeverCreated" ("id" INTEGER);\n`);
    await expect(migrateDatabase(db, dir)).rejects.toThrow(`Migration ${initName} was changed after it was applied to this database`);
    expect((await recorded(db)).map((row) => row.migration_name)).not.toContain(later);
    await expect(db.prisma.$queryRawUnsafe(`SELECT 1 FROM "NeverCreated"`)).rejects.toThrow();
  });

  it("rolls a failing migration back completely and records nothing", async () => {
    const dir = migrationsCopy();
    const name = "29991231000002_broken";
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), `CREATE TABLE "HalfDone" ("id" INTEGER);\n\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n`);
    await expect(migrateDatabase(db, dir)).rejects.toThrow();
    expect((await recorded(db)).map((row) => row.migration_name)).not.toContain(name);
    await expect(db.prisma.$queryRawUnsafe(`SELECT 1 FROM "HalfDone"`)).rejects.toThrow();
  });
});

describe("splitSqlStatements", () => {
  const statements = splitSqlStatements(initSql);

  it("splits the committed init migration into one statement per `;` at a line end", () => {
    const terminators = initSql.split("\n").filter((line) => !line.trimStart().startsWith("--") && /;\s*$/.test(line)).length;
    expect(statements).toHaveLength(terminators);
    expect(statements.length).toBeGreaterThan(30);
    for (const statement of statements) {
      expect(statement).toMatch(/^(CREATE|ALTER) /);
      expect(statement).not.toMatch(/;\s*$/m);
      expect(statement).not.toMatch(/^\s*--/m);
      expect(statement).toBe(statement.trim());
    }
  });

  it("keeps every table of the schema (less the dropped ones) and every foreign key, across the committed migrations", () => {
    const statements = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .flatMap((name) => splitSqlStatements(readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8")));
    const schema = readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
    const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((match) => match[1]);
    const dropped = new Set(statements.flatMap((s) => /^DROP TABLE "(\w+)"/.exec(s)?.[1] ?? []));
    const tables = statements.flatMap((s) => /^CREATE TABLE "(\w+)"/.exec(s)?.[1] ?? []).filter((t) => !dropped.has(t));
    expect(tables.sort()).toEqual([...models].sort());
    const foreignKeys = statements.filter((s) => s.startsWith("ALTER TABLE") && s.includes("FOREIGN KEY"));
    expect(foreignKeys.length).toBe((schema.match(/@relation\(fields:/g) ?? []).length);
    // A multi-line CREATE TABLE stays one statement.
    expect(statements.find((s) => s.startsWith('CREATE TABLE "Placement"'))).toContain('"idempotencyKey" TEXT NOT NULL');
  });

  it("drops comment lines and blank statements, and leaves a `;` inside a line alone", () => {
    const sql = `-- a comment; with a semicolon\nCREATE TABLE "a" (\n  "note" TEXT DEFAULT 'x;y'\n);\n\n  -- indented comment\n;\nINSERT INTO "a" VALUES ('1');   \n`;
    expect(splitSqlStatements(sql)).toEqual([`CREATE TABLE "a" (\n  "note" TEXT DEFAULT 'x;y'\n)`, `INSERT INTO "a" VALUES ('1')`]);
    expect(splitSqlStatements("")).toEqual([]);
    expect(splitSqlStatements("-- only a comment\n")).toEqual([]);
  });
});

describe("on a PostgreSQL server", () => {
  const server = process.env.TEST_DATABASE_URL;
  const skipReason = "needs TEST_DATABASE_URL (a PostgreSQL server; .ci/run sets it)";

  async function admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  /** An empty database on the server, dropped after the test. */
  async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
    const name = `praktikbot_migrate_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(server!);
    url.pathname = `/${name}`;
    return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }

  it.skipIf(!server)(`two replicas migrating one database at once both succeed, applying each migration once (${skipReason})`, async () => {
    const target = await emptyDatabase();
    const replicas = await Promise.all([connectDatabase(parseDatabaseUrl(target.url)), connectDatabase(parseDatabaseUrl(target.url))]);
    try {
      const results = await Promise.all(replicas.map((replica) => migrateDatabase(replica)));
      const applied = results.flatMap((result) => result.applied).sort();
      expect(applied).toEqual(committed);
      // One replica did the work, the other waited on the lock and found nothing left to do.
      expect(results.some((result) => result.applied.length === 0)).toBe(true);
      const rows = await recorded(replicas[0]!);
      expect(rows.map((row) => row.migration_name)).toEqual(committed);
      expect(await Promise.all(replicas.map((replica) => migrateDatabase(replica)))).toEqual([{ applied: [] }, { applied: [] }]);
    } finally {
      for (const replica of replicas) await replica.close();
      await target.drop();
    }
  });

  it.skipIf(!server)(`\`prisma migrate status\` agrees with what the bot recorded (${skipReason})`, async () => {
    const target = await emptyDatabase();
    const database = await connectDatabase(parseDatabaseUrl(target.url));
    try {
      await migrateDatabase(database);
      const status = spawnSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "migrate", "status"], {
        cwd: root,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", DATABASE_URL: target.url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(status.status, `${status.stdout}\n${status.stderr}`).toBe(0);
      expect(status.stdout).toContain("Database schema is up to date");
    } finally {
      await database.close();
      await target.drop();
    }
  });
});
