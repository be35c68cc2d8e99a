import path from "node:path";

/** Where the bot keeps its data, decided by DATABASE_URL alone. */
export type DatabaseTarget = { kind: "pglite"; dataDir: string | undefined; description: string } | { kind: "postgres"; url: string; description: string };

/**
 * unset            → embedded PGlite in ./data
 * memory://        → in-memory PGlite (gone when the process ends)
 * a folder path    → embedded PGlite in that folder
 * postgres(ql)://  → a PostgreSQL server
 */
export function parseDatabaseUrl(value: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const url = value?.trim();
  if (!url) {
    const dataDir = path.resolve(cwd, "data");
    return { kind: "pglite", dataDir, description: `embedded PGlite in ${dataDir}` };
  }
  if (url === "memory://" || url === "memory:") {
    return { kind: "pglite", dataDir: undefined, description: "in-memory PGlite" };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return { kind: "postgres", url, description: `PostgreSQL at ${redact(url)}` };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL must be empty, memory://, a folder path or a postgres:// URL (got ${redact(url)})`);
  }
  const dataDir = path.resolve(cwd, url.replace(/^file:/, ""));
  return { kind: "pglite", dataDir, description: `embedded PGlite in ${dataDir}` };
}

/** Hides the password of a connection URL so it can be logged. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, "$1:***@");
}
