// Opening embedded PGlite quickly. A new PGlite cluster (a fresh data folder, or memory) runs
// PostgreSQL's initdb inside WebAssembly, which takes several seconds, and then the bot's
// migrations, another second. Every fresh cluster of one PGlite version starts out the same, and
// so does every cluster just after the same migrations, so each is saved once as a compressed
// tarball (PGlite's own dumpDataDir) and later fresh clusters are loaded from it instead. The
// tarballs live in node_modules/.cache/praktikbot (npm install makes the first:
// `npm run db:template`), or the system's temporary folder when that is not writable. A tarball
// that does not load is removed and the cluster is made as before: it only ever saves time.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";

/** The installed PGlite's version: a tarball fits only the version that made it. */
function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve("@electric-sql/pglite"));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: unknown };
  return typeof version === "string" && /^[\w.-]+$/.test(version) ? version : "unknown";
}

/**
 * Where a tarball is kept: the project's node_modules/.cache when it can be written, else the
 * temporary folder. "initdb" is an empty cluster; a migrations fingerprint names a cluster with
 * exactly those migrations applied and nothing else.
 */
export function templatePath(kind = "initdb"): string {
  const file = `pglite-${pgliteVersion()}-${kind}.tar.gz`;
  const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  for (const dir of [path.join(projectRoot, "node_modules", ".cache", "praktikbot"), path.join(os.tmpdir(), "praktikbot")]) {
    try {
      mkdirSync(dir, { recursive: true });
      return path.join(dir, file);
    } catch {
      // not writable: try the next place
    }
  }
  return path.join(os.tmpdir(), file);
}

/** The files and folders PostgreSQL keeps in a cluster's data folder. */
const CLUSTER_ENTRY = /^(PG_VERSION|base|global|pg_\w+|postgresql(\.auto)?\.conf|postmaster\.\w+)$/;

/** A data folder holds a cluster once initdb has written PG_VERSION into it. */
function isFreshCluster(dataDir: string | undefined): boolean {
  return dataDir === undefined || !existsSync(path.join(dataDir, "PG_VERSION"));
}

/** Saves the cluster as a template; written to a temporary name and renamed, so a reader never sees half a file. */
export async function saveTemplate(pglite: PGlite, file: string): Promise<void> {
  if (existsSync(file)) return;
  try {
    const dump = await pglite.dumpDataDir("gzip");
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } catch {
    // A template that cannot be written only means the next fresh cluster runs initdb too.
  }
}

export type OpenedPglite = {
  pglite: PGlite;
  /** A new cluster (not a data folder that held one already). */
  fresh: boolean;
  /** Loaded from the template with the migrations of `migrations` applied. */
  migrated: boolean;
};

/** Loads a template into a fresh cluster; undefined (and the template gone) when it does not load. */
async function fromTemplate(dataDir: string | undefined, file: string): Promise<PGlite | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    const pglite = new PGlite(dataDir ?? "memory://", { loadDataDir: new Blob([readFileSync(file)]) });
    await pglite.waitReady;
    return pglite;
  } catch {
    rmSync(file, { force: true });
    // What a half-loaded cluster left in the folder, so the next attempt finds it empty.
    if (dataDir) for (const entry of readdirSync(dataDir)) if (CLUSTER_ENTRY.test(entry)) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    return undefined;
  }
}

/**
 * PGlite in a data folder (undefined: in memory). A fresh cluster is loaded from the template
 * with these migrations applied when there is one (`migrations`: their fingerprint), else from
 * the empty cluster's template, else made by initdb (and saved as that template).
 */
export async function openPglite(dataDir: string | undefined, migrations?: string): Promise<OpenedPglite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  if (!isFreshCluster(dataDir)) {
    const pglite = new PGlite(dataDir!);
    await pglite.waitReady;
    return { pglite, fresh: false, migrated: false };
  }
  const migrated = migrations ? await fromTemplate(dataDir, templatePath(migrations)) : undefined;
  if (migrated) return { pglite: migrated, fresh: true, migrated: true };
  const empty = await fromTemplate(dataDir, templatePath());
  if (empty) return { pglite: empty, fresh: true, migrated: false };
  const pglite = new PGlite(dataDir ?? "memory://");
  await pglite.waitReady;
  await saveTemplate(pglite, templatePath());
  return { pglite, fresh: true, migrated: false };
}
