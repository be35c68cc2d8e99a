// Embedded PGlite on its own thread (src/db/pglite-thread.ts, pglite-host.ts): the thread that
// answers requests keeps turning while the database works; Prisma sees the same errors and the
// same transactions as with PGlite on its own thread; the job queue's client works; a fresh data
// folder opens from the saved template and keeps what was written; a closed database says so.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "../../src/db/connect.js";
import { parseDatabaseUrl } from "../../src/db/database-url.js";
import { migrateDatabase, migrationNames, migrationsFingerprint } from "../../src/db/migrate.js";
import { isUniqueViolation } from "../../src/db/rows.js";

const embedded = !process.env.TEST_DATABASE_URL;

describe.runIf(embedded)("embedded PGlite on a worker thread", () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectDatabase(parseDatabaseUrl("memory://"));
    await migrateDatabase(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it("keeps this thread's event loop turning while a query runs", async () => {
    let turns = 0;
    let running = true;
    const turn = () => {
      turns += 1;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    await db.prisma.$executeRawUnsafe("SELECT pg_sleep(0.3)");
    running = false;
    // On this thread PGlite would run the whole query inside one turn of the loop.
    expect(turns).toBeGreaterThan(10);
  });

  it("reports a unique violation with PostgreSQL's code, which the stores recognise", async () => {
    const data = { platform: "slack" as const, workspaceId: "T1", userId: "U1", organisationId: "", role: "partner_contact" as const, createdBy: "test" };
    const partnership = await db.prisma.partnership.create({
      data: { slug: "thread-test", name: "T", municipality: "T", periodStart: new Date("2026-01-01"), periodEnd: new Date("2026-12-31") },
    });
    const organisation = await db.prisma.organisation.create({ data: { partnershipId: partnership.id, name: "Org" } });
    await db.prisma.contact.create({ data: { ...data, organisationId: organisation.id } });
    const error = await db.prisma.contact.create({ data: { ...data, organisationId: organisation.id } }).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(String(error)).toContain("duplicate key");
  });

  it("a raw statement's failure says PostgreSQL's code and message, and a unique violation in one is told as such", async () => {
    const insert = () => db.prisma.$executeRaw`INSERT INTO "Company" ("id", "cvr", "name") VALUES (gen_random_uuid()::text, '24256790', 'Raw A/S')`;
    await insert();
    const duplicate = await insert().catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(String(duplicate)).toContain("23505");
    const missing = await db.prisma.$queryRaw`SELECT 1 FROM "NoSuchTable"`.catch((e: unknown) => e);
    expect(isUniqueViolation(missing)).toBe(false);
    expect(String(missing)).toContain('relation "NoSuchTable" does not exist');
  });

  it("commits an interactive transaction and rolls one back that throws, with other queries waiting their turn", async () => {
    const slugs = ["tx-commit", "tx-rollback"];
    const create = (tx: Prisma.TransactionClient, slug: string) =>
      tx.partnership.create({ data: { slug, name: slug, municipality: "T", periodStart: new Date("2026-01-01"), periodEnd: new Date("2026-12-31") } });
    const outside = db.prisma.partnership.count({ where: { slug: { in: slugs } } });
    await db.prisma.$transaction(async (tx) => {
      await create(tx, "tx-commit");
    });
    const failed = await db.prisma
      .$transaction(async (tx) => {
        await create(tx, "tx-rollback");
        throw new Error("changed my mind");
      })
      .catch((e: unknown) => e);
    expect((failed as Error).message).toBe("changed my mind");
    expect(await outside).toBeLessThanOrEqual(1);
    const stored = await db.prisma.partnership.findMany({ where: { slug: { in: slugs } }, select: { slug: true } });
    expect(stored.map((p) => p.slug)).toEqual(["tx-commit"]);
  });

  it("gives the job queue parameterised statements and multi-statement scripts", async () => {
    const client = db.pglite!;
    expect((await client.query<{ n: number }>("SELECT $1::int + 1 AS n", [41])).rows).toEqual([{ n: 42 }]);
    const results = await client.exec("CREATE TEMP TABLE t (n int); INSERT INTO t VALUES (1), (2) RETURNING n; SELECT count(*)::int AS c FROM t");
    expect(results.flatMap((r) => r.rows)).toEqual([{ n: 1 }, { n: 2 }, { c: 2 }]);
    const error = (await client.query("SELECT * FROM no_such_table").catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.code).toBe("42P01");
  });
});

describe.runIf(embedded)("a fresh data folder", () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), "praktikbot-thread-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("opens, keeps what was written across a restart, and refuses work once closed", async () => {
    const first = await connectDatabase(parseDatabaseUrl(folder));
    await migrateDatabase(first);
    await first.prisma.partnership.create({
      data: { slug: "kept", name: "Kept", municipality: "T", periodStart: new Date("2026-01-01"), periodEnd: new Date("2026-12-31") },
    });
    await first.close();
    await expect(first.prisma.partnership.count()).rejects.toThrow();

    const second = await connectDatabase(parseDatabaseUrl(folder));
    try {
      expect((await second.prisma.partnership.findMany({ select: { slug: true } })).map((p) => p.slug)).toEqual(["kept"]);
    } finally {
      await second.close();
    }
  });

  it("a new cluster opened for the bot's migrations starts with them applied, from a template the first one left", async () => {
    const migrations = migrationsFingerprint();
    const first = await connectDatabase(parseDatabaseUrl(path.join(folder, "first")), { migrations });
    await migrateDatabase(first);
    await first.close();
    const second = await connectDatabase(parseDatabaseUrl(path.join(folder, "second")), { migrations });
    try {
      expect(second.createdMigrated).toBe(true);
      expect((await migrateDatabase(second)).applied).toEqual([]);
      const recorded = await second.prisma.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`);
      expect(recorded.map((r) => r.migration_name)).toEqual(migrationNames());
      // Nothing but the migrations: no rows the first database wrote afterwards.
      expect(await second.prisma.partnership.count()).toBe(0);
    } finally {
      await second.close();
    }
    // Without the fingerprint a new cluster is empty, for migrations of one's own.
    const plain = await connectDatabase(parseDatabaseUrl(path.join(folder, "plain")));
    try {
      expect(plain.createdMigrated).toBeUndefined();
      expect(await plain.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = '_prisma_migrations'`)).toEqual([
        { n: 0 },
      ]);
    } finally {
      await plain.close();
    }
  });
});
