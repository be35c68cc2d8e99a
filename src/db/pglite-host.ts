// The worker thread that runs embedded PGlite (src/db/pglite-thread.ts starts it). PostgreSQL in
// WebAssembly runs synchronously: on the HTTP thread every query would hold up every request and
// every ack. Here it runs beside it. Prisma's PGlite driver adapter runs here too, so rows cross
// the thread already in the shape Prisma expects; the job queue's statements and raw SQL go to
// PGlite itself.
import { parentPort, workerData } from "node:worker_threads";
import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { CHANGES_CHANNEL } from "./change-feed.js";
import { pgliteAdapter } from "./pglite-adapter.js";
import { openPglite, saveTemplate, templatePath } from "./pglite-open.js";
import type { HostNotice, HostReady, HostReply, HostRequest, PgliteHostData, WireError } from "./pglite-wire.js";

const port = parentPort;
if (!port) throw new Error("pglite-host runs as a worker thread");

const { dataDir, migrations } = workerData as PgliteHostData;

/** Anything thrown here, as plain data: Prisma's adapter errors keep their mapped cause, PostgreSQL's their fields. */
function toWire(error: unknown): WireError {
  if (error instanceof Error && error.name === "DriverAdapterError" && "cause" in error && error.cause && typeof error.cause === "object") {
    const cause = structuredClone(error.cause) as Record<string, unknown>;
    // PostgreSQL's own code and message under the names Prisma reads when a raw statement fails
    // (the server's adapter gives them; PGlite's gives only code and message).
    if (cause.kind === "postgres") {
      cause.originalCode ??= cause.code;
      cause.originalMessage ??= cause.message;
    }
    return { kind: "adapter", message: error.message, cause };
  }
  if (error instanceof Error) {
    const fields: Record<string, string> = {};
    for (const key of ["code", "severity", "detail", "hint", "position", "schema", "table", "column", "constraint", "routine"]) {
      const value = (error as unknown as Record<string, unknown>)[key];
      if (typeof value === "string") fields[key] = value;
    }
    return { kind: "error", name: error.name, message: error.message, fields };
  }
  return { kind: "error", name: "Error", message: String(error), fields: {} };
}

try {
  const { pglite, fresh, migrated } = await openPglite(dataDir, migrations);
  const adapter: SqlDriverAdapter = await pgliteAdapter(pglite).connect();
  // PGlite hands a notice over as the statement that committed it finishes, so it reaches the
  // other thread before that statement's reply: a change is never seen late there.
  await pglite.listen(CHANGES_CHANNEL, (payload) => port.postMessage({ notice: payload } satisfies HostNotice));
  const transactions = new Map<number, Transaction>();
  const transactionOf = (id: number | undefined): Transaction => {
    const tx = id === undefined ? undefined : transactions.get(id);
    if (!tx) throw new Error(`no open transaction ${String(id)}`);
    return tx;
  };

  const handle = async (request: HostRequest): Promise<unknown> => {
    switch (request.op) {
      case "queryRaw":
        return (request.tx === undefined ? adapter : transactionOf(request.tx)).queryRaw(request.query as SqlQuery);
      case "executeRaw":
        return (request.tx === undefined ? adapter : transactionOf(request.tx)).executeRaw(request.query as SqlQuery);
      case "executeScript":
        return adapter.executeScript(request.sql);
      case "startTransaction": {
        const tx = await adapter.startTransaction(request.isolationLevel);
        transactions.set(request.id, tx);
        return { tx: request.id, options: tx.options };
      }
      case "commit":
      case "rollback": {
        const tx = transactionOf(request.tx);
        transactions.delete(request.tx);
        return request.op === "commit" ? tx.commit() : tx.rollback();
      }
      case "query": {
        const result = await pglite.query(request.sql, request.params);
        return { rows: result.rows, affectedRows: result.affectedRows };
      }
      case "exec":
        return (await pglite.exec(request.sql)).map((r) => ({ rows: r.rows, affectedRows: r.affectedRows }));
      case "saveMigratedTemplate":
        // Only a cluster that was new and has had exactly these migrations applied, nothing else.
        if (fresh && !migrated && migrations) await saveTemplate(pglite, templatePath(migrations));
        return undefined;
      case "close":
        await pglite.close();
        return undefined;
    }
  };

  const reply = (message: HostReply) => {
    try {
      port.postMessage(message);
    } catch (error) {
      // A value that cannot cross the thread is this request's failure, not the thread's.
      port.postMessage({ id: message.id, ok: false, error: toWire(error) } satisfies HostReply);
    }
  };
  port.on("message", (request: HostRequest) => {
    handle(request).then(
      (value) => reply({ id: request.id, ok: true, value }),
      (error: unknown) => reply({ id: request.id, ok: false, error: toWire(error) }),
    );
  });
  port.postMessage({ id: 0, ok: true, value: { fresh, migrated } satisfies HostReady } satisfies HostReply);
} catch (error) {
  port.postMessage({ id: 0, ok: false, error: toWire(error) } satisfies HostReply);
}
