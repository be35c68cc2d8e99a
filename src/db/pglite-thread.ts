// Embedded PGlite on a worker thread of its own (pglite-host.ts), so the HTTP thread never waits
// while PostgreSQL works. This side gives Prisma a driver adapter and the job queue a PGlite-like
// client; both forward to the worker, which runs the real PGlite driver adapter and PGlite. A
// transaction is a numbered handle in the worker: PGlite runs one at a time, exactly as it would
// on this thread.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import type { PGliteLike } from "pg-boss";
import type { ChangeFeed } from "./change-feed.js";
import type { HostNotice, HostReady, HostReply, HostRequest, PgliteHostData, WireError } from "./pglite-wire.js";

/** Distributes Omit over a union, so each request keeps its own fields. */
type Request = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, "id"> : never) : never;

const ADAPTER_NAME = "pglite-prisma-adapter (worker thread)";

/** An error from the worker as this thread's: Prisma's mapped errors as DriverAdapterError, PostgreSQL's with their fields. */
function fromWire(error: WireError): Error {
  if (error.kind === "adapter") return new DriverAdapterError(error.cause as unknown as ConstructorParameters<typeof DriverAdapterError>[0]);
  return Object.assign(new Error(error.message), { name: error.name }, error.fields);
}

export class PgliteThread {
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: Error | undefined;
  private feed: ChangeFeed | undefined;

  private constructor(
    private readonly worker: Worker,
    /** Whether the cluster is new, and whether it came with the migrations applied. */
    readonly opened: HostReady,
  ) {
    worker.on("message", (reply: HostReply | HostNotice) => {
      if ("notice" in reply) {
        this.feed?.changed(reply.notice);
        return;
      }
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(fromWire(reply.error));
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", () => this.feed?.setListening(false));
    worker.on("exit", (code) => fail(new Error(`the database thread stopped (exit code ${code})`)));
  }

  /**
   * Starts the worker and waits until PGlite is open in it (dataDir undefined: in memory);
   * `migrations`: the fingerprint of the migrations that will be applied, for a fresh cluster to
   * start from their template.
   */
  static async open(dataDir: string | undefined, migrations?: string): Promise<PgliteThread> {
    const fromSource = import.meta.url.endsWith(".ts");
    const host = new URL(fromSource ? "./pglite-host.ts" : "./pglite-host.js", import.meta.url);
    // From TypeScript source (npm start, the tests) the worker needs tsx's loader too.
    const execArgv = fromSource ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] : [];
    const workerData: PgliteHostData = { dataDir, ...(migrations ? { migrations } : {}) };
    const worker = new Worker(host, { workerData, execArgv });
    const ready = new Promise<HostReady>((resolve, reject) => {
      const onReply = (reply: HostReply) => {
        if (reply.id !== 0) return;
        worker.off("message", onReply);
        if (reply.ok) resolve(reply.value as HostReady);
        else reject(fromWire(reply.error));
      };
      worker.on("message", onReply);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the database thread stopped while opening (exit code ${code})`)));
    });
    let opened: HostReady;
    try {
      opened = await ready;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return new PgliteThread(worker, opened);
  }

  private call<T>(request: Request): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...request, id } as HostRequest);
    });
  }

  /** Hands the database's change notices to `feed`: all of them, in commit order, as they happen. */
  hearChanges(feed: ChangeFeed): void {
    this.feed = feed;
    feed.setListening(!this.failure);
  }

  /** Prisma's driver adapter factory, forwarding to the worker's. */
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory {
    const queryable = (tx?: number) => ({
      provider: "postgres" as const,
      adapterName: ADAPTER_NAME,
      queryRaw: (query: SqlQuery) => this.call<SqlResultSet>({ op: "queryRaw", query, ...(tx === undefined ? {} : { tx }) }),
      executeRaw: (query: SqlQuery) => this.call<number>({ op: "executeRaw", query, ...(tx === undefined ? {} : { tx }) }),
    });
    const adapter: SqlDriverAdapter = {
      ...queryable(),
      executeScript: (sql: string) => this.call<void>({ op: "executeScript", sql }),
      startTransaction: async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
        const { tx: id, options } = await this.call<{ tx: number; options: TransactionOptions }>({
          op: "startTransaction",
          ...(isolationLevel ? { isolationLevel } : {}),
        });
        return {
          ...queryable(id),
          options,
          commit: () => this.call<void>({ op: "commit", tx: id }),
          rollback: () => this.call<void>({ op: "rollback", tx: id }),
        };
      },
      getConnectionInfo: () => ({ supportsRelationJoins: true }),
      dispose: async () => {},
    };
    return {
      provider: "postgres",
      adapterName: ADAPTER_NAME,
      connect: async () => adapter,
      connectToShadowDb: async () => {
        throw new Error("no shadow database for the embedded database");
      },
    };
  }

  /** The job queue's client (pg-boss's PGlite backend): parameterised statements and multi-statement scripts. */
  jobQueueClient(): PGliteLike {
    return {
      query: <T>(sql: string, params?: unknown[]) => this.call<{ rows: T[] }>({ op: "query", sql, params: params ?? [] }),
      exec: (sql: string) => this.call<{ rows: unknown[] }[]>({ op: "exec", sql }),
    };
  }

  /** Saves the new cluster, just migrated, as the template later fresh clusters start from. */
  async saveMigratedTemplate(): Promise<void> {
    await this.call({ op: "saveMigratedTemplate" });
  }

  /** Raw SQL (migrations). */
  async exec(sql: string): Promise<void> {
    await this.call({ op: "exec", sql });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: "close" }).catch(() => undefined);
    await this.worker.terminate();
  }
}
