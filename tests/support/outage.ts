// Real database faults for tests, made with SQL on the test database so they behave the same on
// in-memory PGlite and on a PostgreSQL server: the bot's own queries fail with PostgreSQL's own
// errors, not with a mock's.
import type { Database } from "../../src/db/connect.js";

/**
 * Renames a table away, so every query on it fails with "relation does not exist" (as when that
 * part of the database is gone or unreachable), and returns the function that puts it back.
 */
export async function takeTableAway(db: Database, table: string): Promise<() => Promise<void>> {
  await db.exec(`ALTER TABLE "${table}" RENAME TO "${table}_away"`);
  let restored = false;
  return async () => {
    if (restored) return;
    restored = true;
    await db.exec(`ALTER TABLE "${table}_away" RENAME TO "${table}"`);
  };
}

/** Runs `during` with the table away, and puts it back afterwards whatever happened. */
export async function withTableAway<T>(db: Database, table: string, during: () => Promise<T>): Promise<T> {
  const restore = await takeTableAway(db, table);
  try {
    return await during();
  } finally {
    await restore();
  }
}

/**
 * The next `times` inserts into `table` fail with SQLSTATE `code` (default 40001, the
 * serialization failure PostgreSQL reports when concurrent transactions collide), raised by
 * the database itself from a trigger; inserts after that go through. Returns the function that
 * removes the trigger, and a count of the failures raised so far.
 */
export async function failNextInserts(
  db: Database,
  table: string,
  opts: { times?: number; code?: string } = {},
): Promise<{ raised: () => Promise<number>; remove: () => Promise<void> }> {
  const times = opts.times ?? 1;
  const code = opts.code ?? "40001";
  if (!/^[0-9A-Z]{5}$/.test(code)) throw new Error(`not a SQLSTATE: ${code}`);
  const name = `test_fail_${table.toLowerCase()}`;
  // A sequence counts the attempts: nextval is not rolled back with the failed transaction.
  // One statement per call: a PostgreSQL server takes no several in one prepared statement.
  for (const statement of [
    `CREATE SEQUENCE "${name}_attempts"`,
    `CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF nextval('"${name}_attempts"') <= ${times} THEN
         RAISE EXCEPTION 'test fault: insert into ${table} refused' USING ERRCODE = '${code}';
       END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"()`,
  ]) {
    await db.exec(statement);
  }
  return {
    raised: async () => {
      const rows = await db.prisma.$queryRawUnsafe<{ last_value: bigint; is_called: boolean }[]>(`SELECT last_value, is_called FROM "${name}_attempts"`);
      const row = rows[0];
      const attempts = row?.is_called ? Number(row.last_value) : 0;
      return Math.min(attempts, times);
    },
    remove: async () => {
      await db.exec(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
      await db.exec(`DROP FUNCTION IF EXISTS "${name}"()`);
      await db.exec(`DROP SEQUENCE IF EXISTS "${name}_attempts"`);
    },
  };
}
