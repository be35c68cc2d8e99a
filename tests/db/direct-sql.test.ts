// Raw SQL straight to the driver adapter (src/db/direct-sql.ts), on the test database (PGlite, or
// PostgreSQL with TEST_DATABASE_URL): it reads values as Prisma's $queryRaw does, so the statements
// shared by both read the same rows; a transaction commits what it wrote when its work returns and
// keeps nothing when it throws; a failed statement throws PostgreSQL's code and message over the
// adapter's error and ends the transaction.
import { randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation } from "../../src/db/rows.js";
import { withRetry } from "../../src/kernel/retry.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
});
afterAll(async () => {
  await db.drop();
});

const companyCount = async (cvr: string) =>
  Number((await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS "n" FROM "Company" WHERE "cvr" = ${cvr}`)[0]?.n);

describe("DirectSql", () => {
  it("reads every kind of column as Prisma's $queryRaw does", async () => {
    const when = new Date("2026-03-04T05:06:07.089Z");
    const statement = Prisma.sql`
      SELECT ${when}::timestamp(3) AS "at", ${new Date("2026-01-02T00:00:00.000Z")}::date AS "day", '07:08:09'::time AS "time",
        1.5::float8 AS "float", 7::int4 AS "int", 9007199254740993::int8 AS "big", 12.345::numeric(10, 3) AS "decimal",
        ARRAY['a', 'b'] AS "texts", ARRAY['2026-01-02'::date] AS "days", '{"x": [1, "y"]}'::jsonb AS "json", true AS "yes",
        NULL::text AS "nothing", ${"tekst med æøå"} AS "text", 'active'::"PlacementStatus" AS "status"`;
    const [direct] = await db.sql.$queryRaw<Record<string, unknown>[]>(statement);
    const [viaPrisma] = await db.prisma.$queryRaw<Record<string, unknown>[]>(statement);
    expect(direct).toEqual(viaPrisma);
    expect(direct?.at).toEqual(when);
    expect(direct?.big).toBe(9007199254740993n);
    expect(direct?.json).toEqual({ x: [1, "y"] });
  });

  it("takes a tagged template and composed statements, parameters never spliced into the text", async () => {
    const hostile = `'); DROP TABLE "Company"; --`;
    const where = Prisma.sql`"cvr" = ${hostile}`;
    const rows = await db.sql.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Company" WHERE ${where}`;
    expect(rows).toEqual([]);
    expect(await db.sql.$executeRaw`UPDATE "Company" SET "name" = ${hostile} WHERE "cvr" = ${hostile}`).toBe(0);
    expect(await companyCount(hostile)).toBe(0);
  });

  it("keeps a column named __proto__ as a plain field", async () => {
    const [row] = await db.sql.$queryRaw<Record<string, unknown>[]>`SELECT 1 AS "__proto__", 2 AS "constructor"`;
    expect(Object.keys(row ?? {})).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, "__proto__")?.value).toBe(1);
  });

  it("commits a transaction's writes when its work returns", async () => {
    const cvr = "12345674";
    const result = await db.sql.transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "Company" ("id", "cvr", "name") VALUES (${randomUUID()}, ${cvr}, 'Firma A/S')`;
      return (await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS "n" FROM "Company" WHERE "cvr" = ${cvr}`)[0]?.n;
    });
    expect(result).toBe(1n);
    expect(await companyCount(cvr)).toBe(1);
  });

  it("keeps nothing of a transaction whose work throws, and the connection serves the next one", async () => {
    const cvr = "23456789";
    await expect(
      db.sql.transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "Company" ("id", "cvr", "name") VALUES (${randomUUID()}, ${cvr}, 'Firma B/S')`;
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await companyCount(cvr)).toBe(0);
    // Every pooled connection (PostgreSQL) or the one embedded database is usable afterwards.
    const counts = await Promise.all(Array.from({ length: 12 }, () => db.sql.transaction((tx) => tx.$queryRaw`SELECT 1 AS "one"`)));
    expect(counts).toHaveLength(12);
  });

  it("throws the database's error for a failed statement, rolls the transaction back, and the error is recognised", async () => {
    const cvr = "34567890";
    await db.sql.$executeRaw`INSERT INTO "Company" ("id", "cvr", "name") VALUES (${randomUUID()}, ${cvr}, 'Firma C')`;
    const failure = await db.sql
      .transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "Company" SET "name" = 'Omdøbt' WHERE "cvr" = ${cvr}`;
        await tx.$executeRaw`INSERT INTO "Company" ("id", "cvr", "name") VALUES (${randomUUID()}, ${cvr}, 'Igen')`;
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(failure)).toBe(true);
    // Said as PostgreSQL says it, as Prisma's own raw statements are, not only as the adapter's kind.
    expect((failure as Error).message).toMatch(/Code: 23505\. Message: duplicate key value violates unique constraint/);
    const [row] = await db.sql.$queryRaw<{ name: string }[]>`SELECT "name" FROM "Company" WHERE "cvr" = ${cvr}`;
    expect(row?.name).toBe("Firma C");
  });

  it("names what is missing when a statement reads a table that is not there, and is not taken for a passing outage", async () => {
    const failure = await db.sql.$queryRaw`SELECT 1 FROM "NoSuchTable"`.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((failure as Error).message).toMatch(/Code: 42P01\. Message: relation "NoSuchTable" does not exist/);
    expect(isUniqueViolation(failure)).toBe(false);
    expect(await withRetry(() => Promise.reject(failure), { baseDelayMs: 1 }).catch((error: unknown) => error)).toBe(failure);
  });
});
