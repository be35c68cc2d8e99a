// What the HTTP thread and the PGlite worker thread (pglite-thread.ts, pglite-host.ts) say to
// each other: numbered requests, each answered once, and errors as plain data.
import type { IsolationLevel } from "@prisma/driver-adapter-utils";

export type PgliteHostData = {
  dataDir: string | undefined;
  /** The fingerprint of the migrations the bot will apply: a fresh cluster starts from their template when there is one. */
  migrations?: string;
};

/** The worker's ready message: whether the cluster is new, and whether it came with the migrations applied. */
export type HostReady = { fresh: boolean; migrated: boolean };

export type HostRequest =
  | { id: number; op: "queryRaw" | "executeRaw"; tx?: number; query: unknown }
  | { id: number; op: "executeScript"; sql: string }
  | { id: number; op: "startTransaction"; isolationLevel?: IsolationLevel }
  | { id: number; op: "commit" | "rollback"; tx: number }
  | { id: number; op: "query"; sql: string; params: unknown[] }
  | { id: number; op: "exec"; sql: string }
  | { id: number; op: "saveMigratedTemplate" }
  | { id: number; op: "close" };

export type WireError =
  | { kind: "adapter"; message: string; cause: Record<string, unknown> }
  | { kind: "error"; name: string; message: string; fields: Record<string, string> };

/** Id 0 is the worker's one message of its own: ready, or why it could not open the database. */
export type HostReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** A change notice the worker heard (change-feed.ts): the payload, posted before the reply to the statement that committed it. */
export type HostNotice = { notice: string };
