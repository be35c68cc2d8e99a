// `npm run db:migrate`: applies the committed migrations to the database DATABASE_URL names
// (unset → ./data, memory://, a folder path, or postgres://) the way the bot does at start-up,
// then exits.
import { pathToFileURL } from "node:url";
import { connectDatabase, type Database } from "../db/connect.js";
import { type DatabaseTarget, parseDatabaseUrl, redact } from "../db/database-url.js";
import { type MigrationResult, migrateDatabase, migrationsFingerprint } from "../db/migrate.js";

/** A failure the command reports as one line, without a stack trace. */
export class CliError extends Error {}

/** Opens the database and brings it up to date. The caller closes it. */
export async function openMigratedDatabase(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ db: Database; target: DatabaseTarget; migration: MigrationResult }> {
  let target: DatabaseTarget;
  try {
    target = parseDatabaseUrl(env.DATABASE_URL);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  let db: Database;
  try {
    db = await connectDatabase(target, { migrations: migrationsFingerprint() });
  } catch (error) {
    throw new CliError(`cannot open ${target.description}: ${oneLine(error)}`);
  }
  try {
    const migration = await migrateDatabase(db);
    return { db, target, migration };
  } catch (error) {
    await db.close().catch(() => {});
    throw new CliError(`cannot migrate ${target.description}: ${oneLine(error)}`);
  }
}

export function describeMigration(target: DatabaseTarget, { applied }: MigrationResult): string {
  const where = target.kind === "pglite" && !target.dataDir ? `${target.description} (gone when this command ends)` : target.description;
  if (applied.length === 0) return `${where}: up to date, no migrations to apply`;
  return `${where}: applied ${applied.length} migration${applied.length === 1 ? "" : "s"} (${applied.join(", ")})`;
}

/** The most telling line of an error (Prisma puts the cause after a line about the call). */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^Invalid `.*` invocation/.test(line));
  const line = lines.at(-1) ?? (error instanceof Error ? error.name : "unknown error");
  return redact(line);
}

/** Runs a command and ends the process: open PGlite or pg handles must not keep it alive. */
export function runCli(name: string, command: () => Promise<void>): void {
  command().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof CliError) console.error(`${name} failed: ${error.message}`);
      else console.error(`${name} failed:`, error);
      process.exit(1);
    },
  );
}

async function main(): Promise<void> {
  const { db, target, migration } = await openMigratedDatabase();
  try {
    console.log(describeMigration(target, migration));
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runCli("db:migrate", main);
