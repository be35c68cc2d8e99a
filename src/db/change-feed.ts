// Which tables changed, for what this process keeps in memory (read-cache.ts). Triggers on the
// tables it caches (migration 20261202120000_change_notices) notify the channel
// "praktikbot_changes" with the table's name when a change commits, whoever made it: this
// replica, another one, a seed, psql. This process hears them by LISTEN — on a PostgreSQL
// connection of its own (listenOnPostgres), or from the embedded database's thread — and, on
// PostgreSQL, also notes its own writes as it sends them (reportingWrites), so it reads what it
// has just written without waiting for the notice. While nothing is being heard (the listening
// connection is down), caches keep nothing that can change.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import type pg from "pg";

export const CHANGES_CHANNEL = "praktikbot_changes";

/** The tables whose changes are announced (the migration's triggers): what read-cache.ts keeps. */
export const ANNOUNCED_TABLES = [
  "Partnership",
  "Organisation",
  "PlacementType",
  "Target",
  "Contact",
  "ChatUser",
  "Event",
  "ChannelLink",
  "SlackInstallation",
  "SlackEnterpriseTeam",
] as const;
export type AnnouncedTable = (typeof ANNOUNCED_TABLES)[number];

/** A table that changed, or "*": anything may have changed (the feed was deaf for a while). */
export type Change = AnnouncedTable | "*";

const announced = new Set<string>(ANNOUNCED_TABLES);

export class ChangeFeed {
  private readonly listeners = new Set<(change: Change) => void>();
  private heard = false;

  /** True while every committed change is heard: a cache may keep what it read until told. */
  get listening(): boolean {
    return this.heard;
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A notice's payload or a table this process wrote; names that are not announced mean nothing here. */
  changed(table: string): void {
    if (announced.has(table)) this.emit(table as AnnouncedTable);
  }

  /** Whether changes are heard from now on. Either way what was kept may be stale: everything is dropped. */
  setListening(on: boolean): void {
    this.heard = on;
    this.emit("*");
  }

  private emit(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }
}

export type ListenerLog = {
  warn: (fields: Record<string, unknown>, message: string) => void;
  info: (fields: Record<string, unknown>, message: string) => void;
};

/**
 * LISTENs on a PostgreSQL connection of its own and hands every notice to `feed`. A lost
 * connection makes the feed deaf (caches keep nothing that can change) and is opened again,
 * waiting longer each time up to 30 seconds.
 */
export function listenOnPostgres(url: string, feed: ChangeFeed, log?: ListenerLog): { close(): Promise<void> } {
  let client: pg.Client | undefined;
  let closed = false;
  let delay = 500;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  const lost = (c: pg.Client, error?: unknown) => {
    if (client !== c) return;
    client = undefined;
    feed.setListening(false);
    c.end().catch(() => undefined);
    if (closed) return;
    failures += 1;
    // The first failure is worth a line; a server that stays away would otherwise fill the log.
    if (failures === 1 || failures % 20 === 0)
      log?.warn({ err: error, retryInMs: delay, failures }, "not hearing database changes; cached reads go to the database until this is back");
    timer = setTimeout(() => void connect(), delay);
    timer.unref();
    delay = Math.min(delay * 2, 30_000);
  };

  const connect = async () => {
    // Loaded here, not with the module: the embedded database's thread imports this file for the channel's name only.
    const { default: postgres } = await import("pg");
    const c = new postgres.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client = c;
    c.on("notification", (notice) => {
      if (notice.channel === CHANGES_CHANNEL && notice.payload) feed.changed(notice.payload);
    });
    c.on("error", (error) => lost(c, error));
    c.on("end", () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      lost(c, error);
      return;
    }
    if (client !== c) return;
    if (failures > 0) log?.info({ failures }, "hearing database changes again");
    delay = 500;
    failures = 0;
    feed.setListening(true);
  };

  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      feed.setListening(false);
      await c?.end().catch(() => undefined);
    },
  };
}

/**
 * The tables a statement writes: the names after INSERT INTO, UPDATE, DELETE FROM, TRUNCATE and
 * MERGE INTO, with or without the schema, anywhere in it (a WITH may write in its parts). A
 * table a write only reads (a join, a subquery, RETURNING) is not written.
 */
const WRITE_TARGET = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+(?:ONLY\s+)?(?:"?public"?\.)?"(\w+)"/gi;
/** TRUNCATE names a list of tables. */
const TRUNCATED = /\bTRUNCATE\s+(?:TABLE\s+)?((?:(?:ONLY\s+)?(?:"?public"?\.)?"\w+"\s*,?\s*)+)/gi;
/** As the migration's triggers: a chat user's row is written whenever they are seen; only their language is announced. */
const ONLY_WITH_COLUMN: Partial<Record<string, string>> = { ChatUser: '"locale"' };

/**
 * What tablesWritten found for each statement text lately. The values are bound parameters, so
 * a statement's text repeats on every call, and reading it costs more than the lookup.
 */
const writtenByStatement = new Map<string, readonly string[]>();
const REMEMBERED_STATEMENTS = 1_000;

/** The announced tables a statement writes (none for a SELECT, even one FOR UPDATE). */
export function tablesWritten(sql: string): readonly string[] {
  let tables = writtenByStatement.get(sql);
  if (!tables) {
    // Texts with values in them (a migration's) would grow this without end: start over instead.
    if (writtenByStatement.size >= REMEMBERED_STATEMENTS) writtenByStatement.clear();
    tables = Object.freeze(readTablesWritten(sql));
    writtenByStatement.set(sql, tables);
  }
  return tables;
}

function readTablesWritten(sql: string): readonly string[] {
  // What a statement hands back (RETURNING) is not what it writes: a column is looked for before it, cut once.
  let written: string | undefined;
  const beforeReturning = () => (written ??= sql.replace(/\bRETURNING\b[\s\S]*$/i, ""));
  const tables = new Set<string>();
  const targets = [...sql.matchAll(WRITE_TARGET)].map((m) => m[1]!);
  for (const list of sql.matchAll(TRUNCATED)) for (const m of list[1]!.matchAll(/"(\w+)"\s*(?:,|$)/g)) targets.push(m[1]!);
  for (const name of targets) {
    const column = ONLY_WITH_COLUMN[name];
    if (announced.has(name) && (column === undefined || beforeReturning().includes(column))) tables.add(name);
  }
  return [...tables];
}

/**
 * Prisma's driver adapter, noting in `feed` each announced table this process writes: when the
 * statement runs, and again when its transaction commits (a read between the two may have kept
 * what was there before).
 */
export function reportingWrites(factory: SqlMigrationAwareDriverAdapterFactory, feed: ChangeFeed): SqlMigrationAwareDriverAdapterFactory {
  const note = (tables: Iterable<string>) => {
    for (const table of tables) feed.changed(table);
  };
  const wrapTransaction = (tx: Transaction): Transaction => {
    const written = new Set<string>();
    const noted = (query: SqlQuery) => {
      const tables = tablesWritten(query.sql);
      for (const table of tables) written.add(table);
      note(tables);
    };
    return {
      provider: tx.provider,
      adapterName: tx.adapterName,
      options: tx.options,
      queryRaw: async (query) => {
        const result = await tx.queryRaw(query);
        noted(query);
        return result;
      },
      executeRaw: async (query) => {
        const result = await tx.executeRaw(query);
        noted(query);
        return result;
      },
      commit: async () => {
        await tx.commit();
        note(written);
      },
      rollback: () => tx.rollback(),
    };
  };
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => ({
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: async (query) => {
      const result = await adapter.queryRaw(query);
      note(tablesWritten(query.sql));
      return result;
    },
    executeRaw: async (query) => {
      const result = await adapter.executeRaw(query);
      note(tablesWritten(query.sql));
      return result;
    },
    executeScript: async (script) => {
      await adapter.executeScript(script);
      note(ANNOUNCED_TABLES);
    },
    startTransaction: async (isolationLevel) => wrapTransaction(await adapter.startTransaction(isolationLevel)),
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => adapter.dispose(),
  });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}
