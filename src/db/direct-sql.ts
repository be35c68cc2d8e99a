// Raw SQL straight to the driver adapter Prisma itself talks through (adapter-pg, or the PGlite
// thread's), without Prisma's query compiler in between: the statements of a registration, which
// every submitted placement form makes under load. The same adapter instance serves both, so the
// pool, the change notes (change-feed.ts) and the error kinds are the ones Prisma's statements get.
import { Prisma, type PrismaClient } from "@prisma/client";
import {
  type ArgType,
  type ColumnType,
  ColumnTypeEnum,
  isDriverAdapterError,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";

/** What the raw statements in src/db need: Prisma's client or one of its transactions, or DirectSql. */
export type RawQueryable = {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
};

/** Raw statements and transactions of them: DirectSql, or Prisma's client where no adapter is at hand (prismaRawSql). */
export type RawSql = RawQueryable & {
  transaction<T>(work: (tx: RawQueryable) => Promise<T>): Promise<T>;
};

function asSql(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  // A tagged template's strings are an array; a composed statement (Prisma.sql) is not.
  return Array.isArray(query) ? Prisma.sql(query as TemplateStringsArray, ...(values as Prisma.Sql[])) : (query as Prisma.Sql);
}

/** The adapter reads a Date as a timestamp and maps a list's items; nothing else needs a declared type. */
function argType(value: unknown): ArgType {
  return { scalarType: "unknown", arity: Array.isArray(value) ? "list" : "scalar" };
}

/** A column's value as Prisma's $queryRaw gives it: dates as Date, 64-bit integers as bigint, numerics as Decimal, JSON parsed. */
function fromColumn(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case ColumnTypeEnum.Date:
    case ColumnTypeEnum.DateTime:
      return new Date(value as string);
    case ColumnTypeEnum.Time:
      return new Date(`1970-01-01T${value as string}Z`);
    case ColumnTypeEnum.Int64:
      return BigInt(value as string | number);
    case ColumnTypeEnum.Numeric:
      return new Prisma.Decimal(value as string);
    case ColumnTypeEnum.Json:
      return typeof value === "string" ? JSON.parse(value) : value;
    case ColumnTypeEnum.DateArray:
    case ColumnTypeEnum.DateTimeArray:
      return (value as unknown[]).map((v) => fromColumn(ColumnTypeEnum.DateTime, v));
    case ColumnTypeEnum.Int64Array:
      return (value as unknown[]).map((v) => fromColumn(ColumnTypeEnum.Int64, v));
    case ColumnTypeEnum.NumericArray:
      return (value as unknown[]).map((v) => fromColumn(ColumnTypeEnum.Numeric, v));
    case ColumnTypeEnum.JsonArray:
      return (value as unknown[]).map((v) => fromColumn(ColumnTypeEnum.Json, v));
    default:
      return value;
  }
}

/** The result set as objects keyed by column name, as $queryRaw gives them. */
function toObjects(result: SqlResultSet): Record<string, unknown>[] {
  const { columnNames, columnTypes, rows } = result;
  return rows.map((row) => {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) {
      // Column names come from our own statements; defineProperty keeps one named "__proto__" a plain field.
      Object.defineProperty(object, columnNames[i] as string, {
        value: fromColumn(columnTypes[i] as ColumnType, row[i]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  });
}

/**
 * A failed statement, said as Prisma says a failed raw statement: PostgreSQL's code and message,
 * not only the adapter's kind ("TableDoesNotExist"). The adapter's error stays its cause, so the
 * kind and code are still read where a unique violation or a passing outage is told apart.
 */
class RawStatementError extends Error {
  override name = "RawStatementError";
  constructor(driverError: Error & { cause: object }) {
    const { kind, originalCode, originalMessage, code, message } = driverError.cause as Record<string, unknown>;
    const said = typeof originalMessage === "string" ? originalMessage : typeof message === "string" ? message : driverError.message;
    const saidCode = typeof originalCode === "string" ? originalCode : typeof code === "string" ? code : String(kind);
    super(`Raw query failed. Code: ${saidCode}. Message: ${said}`, { cause: driverError });
  }
}

/** Throws `error`, a driver adapter's as a RawStatementError: every call to the adapter ends in `.catch(throwDescribed)`. */
function throwDescribed(error: unknown): never {
  throw error instanceof Error && isDriverAdapterError(error) ? new RawStatementError(error as Error & { cause: object }) : error;
}

class DirectQueryable implements RawQueryable {
  constructor(private readonly target: SqlQueryable) {}

  private query(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): SqlQuery {
    const sql = asSql(query, values);
    return { sql: sql.text, args: sql.values, argTypes: sql.values.map(argType) };
  }

  async $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
    return toObjects(await this.target.queryRaw(this.query(query, values)).catch(throwDescribed)) as T;
  }

  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    return this.target.executeRaw(this.query(query, values)).catch(throwDescribed);
  }
}

const COMMIT: SqlQuery = { sql: "COMMIT", args: [], argTypes: [] };
const ROLLBACK: SqlQuery = { sql: "ROLLBACK", args: [], argTypes: [] };

/** Raw statements on the driver adapter, and transactions of them that end as Prisma ends its own. */
export class DirectSql extends DirectQueryable implements RawSql {
  constructor(private readonly adapter: SqlDriverAdapter) {
    super(adapter);
  }

  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  async transaction<T>(work: (tx: RawQueryable) => Promise<T>): Promise<T> {
    const tx = await this.adapter.startTransaction().catch(throwDescribed);
    // An adapter that ends the transaction itself says so ("phantom" queries); the others are sent COMMIT or ROLLBACK.
    const sends = !tx.options.usePhantomQuery;
    let result: T;
    try {
      result = await work(new DirectQueryable(tx));
      if (sends) await tx.executeRaw(COMMIT).catch(throwDescribed);
    } catch (error) {
      // After a failed COMMIT the server has ended the transaction already; ROLLBACK then only warns.
      if (sends) await tx.executeRaw(ROLLBACK).catch(() => undefined);
      await tx.rollback().catch(() => undefined);
      throw error;
    }
    await tx.commit();
    return result;
  }
}

/**
 * Prisma's client as RawSql, for callers with a client and no Database (a CLI, a test): its own
 * raw statements and interactive transactions, given as long as a workplace lock may take.
 */
export function prismaRawSql(prisma: PrismaClient): RawSql {
  return {
    $queryRaw: (query, ...values) => prisma.$queryRaw(query, ...values),
    $executeRaw: (query, ...values) => prisma.$executeRaw(query, ...values),
    transaction: (work) => prisma.$transaction((tx) => work(tx), { maxWait: 10_000, timeout: 30_000 }),
  };
}
