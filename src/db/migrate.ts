import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./connect.js";

const defaultMigrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

/** The key Prisma Migrate itself locks on, so the CLI and the bot never migrate at once. */
const MIGRATION_LOCK_KEY = 72707369;

export type MigrationResult = { applied: string[] };

/**
 * Applies the committed migrations in prisma/migrations that the database has not seen,
 * recording them in Prisma's own `_prisma_migrations` table (same checksums), so
 * `prisma migrate status` and `migrate deploy` agree with what the bot did.
 * Runs inside the process at start-up: the Prisma CLI needs no engine download then and
 * several replicas starting together serialise on an advisory lock.
 */
export async function migrateDatabase(db: Database, migrationsDir = defaultMigrationsDir): Promise<MigrationResult> {
  const result = await applyMigrations(db, migrationsDir);
  // A new embedded cluster, opened for these very migrations, is kept as they left it.
  if (migrationsDir === defaultMigrationsDir && db.saveMigratedTemplate) {
    const save = db.saveMigratedTemplate;
    db.saveMigratedTemplate = undefined;
    await save();
  }
  return result;
}

/** The committed migrations, oldest first. */
export function migrationNames(migrationsDir = defaultMigrationsDir): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** A short fingerprint of the committed migrations (their names and contents), naming the embedded template they make. */
export function migrationsFingerprint(migrationsDir = defaultMigrationsDir): string {
  const hash = createHash("sha256");
  for (const name of migrationNames(migrationsDir))
    hash
      .update(name)
      .update("\0")
      .update(readFileSync(path.join(migrationsDir, name, "migration.sql")))
      .update("\0");
  return `migrated-${hash.digest("hex").slice(0, 16)}`;
}

async function applyMigrations(db: Database, migrationsDir: string): Promise<MigrationResult> {
  const { prisma } = db;
  const names = migrationNames(migrationsDir);

  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
      await tx.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
      const done = await tx.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
        `SELECT migration_name, checksum FROM "_prisma_migrations"
         WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const doneByName = new Map(done.map((row) => [row.migration_name, row.checksum]));
      const applied: string[] = [];
      for (const name of names) {
        const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
        const checksum = createHash("sha256").update(sql).digest("hex");
        const seen = doneByName.get(name);
        if (seen !== undefined) {
          if (seen !== checksum) {
            throw new Error(`Migration ${name} was changed after it was applied to this database`);
          }
          continue;
        }
        for (const statement of splitSqlStatements(sql)) {
          await tx.$executeRawUnsafe(statement);
        }
        await tx.$executeRawUnsafe(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          randomUUID(),
          checksum,
          name,
        );
        applied.push(name);
      }
      return { applied };
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}

/**
 * Splits a migration file into statements. Prisma's generated SQL has one statement per
 * `;` at a line end and no dollar-quoted bodies; a migration that needs them must keep
 * each body on lines that do not end in `;`.
 */
export function splitSqlStatements(sql: string): string[] {
  const withoutComments = sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n");
  return withoutComments
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
