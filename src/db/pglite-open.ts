// Opening embedded PGlite quickly. A new PGlite cluster (a fresh data folder, or memory) runs
// PostgreSQL's initdb inside WebAssembly, which takes several seconds. Every fresh cluster of one
// PGlite version starts out byte for byte the same, so the first one is saved as a compressed
// tarball (PGlite's own dumpDataDir) and later fresh clusters are loaded from it instead. The
// tarball lives in node_modules/.cache/praktikbot (npm install makes it: `npm run db:template`),
// or the system's temporary folder when that is not writable. A tarball that does not load is
// removed and initdb runs as before: it only ever saves time.
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

/** Where the tarball is kept: the project's node_modules/.cache when it can be written, else the temporary folder. */
export function templatePath(): string {
  const file = `pglite-${pgliteVersion()}-initdb.tar.gz`;
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

/** Saves a just-created cluster as the template; written to a temporary name and renamed, so a reader never sees half a file. */
async function saveTemplate(pglite: PGlite, file: string): Promise<void> {
  try {
    const dump = await pglite.dumpDataDir("gzip");
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } catch {
    // A template that cannot be written only means the next fresh cluster runs initdb too.
  }
}

/** PGlite in a data folder (undefined: in memory), fresh clusters loaded from the saved template. */
export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const fresh = isFreshCluster(dataDir);
  const file = templatePath();
  if (fresh && existsSync(file)) {
    try {
      const pglite = new PGlite(dataDir ?? "memory://", { loadDataDir: new Blob([readFileSync(file)]) });
      await pglite.waitReady;
      return pglite;
    } catch {
      rmSync(file, { force: true });
      // What a half-loaded cluster left in the folder, so initdb finds it empty.
      if (dataDir) for (const entry of readdirSync(dataDir)) if (CLUSTER_ENTRY.test(entry)) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    }
  }
  const pglite = new PGlite(dataDir ?? "memory://");
  await pglite.waitReady;
  if (fresh && !existsSync(file)) await saveTemplate(pglite, file);
  return pglite;
}
