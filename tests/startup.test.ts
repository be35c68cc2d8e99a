// Starts the real entry point (`npm start` runs `node --import tsx src/main.ts`) as a child
// process with a clean environment, the way an operator would.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../src/cli/playground-session.js";
import { connectDatabase } from "../src/db/connect.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const main = path.join(root, "src", "main.ts");
const committedMigrations = readdirSync(path.join(root, "prisma", "migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

type Run = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const children: ChildProcess[] = [];
const tempDirs: string[] = [];
const serverDatabases: string[] = [];

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      // End the whole process group: the bot and anything it started.
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  for (const name of serverDatabases) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "praktikbot-startup-"));
  tempDirs.push(dir);
  return dir;
}

/** Runs `node --import tsx src/main.ts` on this Node (22 under npm test) with only the given variables. */
function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ["--import", "tsx", main], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

type LogLine = { level: number; msg: string; [key: string]: unknown };

function logLines(run: Run): LogLine[] {
  return run
    .stdout()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Waits for a log line, or fails with what the process printed. */
async function waitForLog(run: Run, match: (line: LogLine) => boolean, timeoutMs = 45_000): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void run.exited.then(() => (exited = true));
  for (;;) {
    const line = logLines(run).find(match);
    if (line) return line;
    if (exited || Date.now() > deadline) {
      throw new Error(`expected log line not seen (${exited ? "process exited" : "timed out"})\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readDataDir(dataDir: string) {
  const db = await connectDatabase(parseDatabaseUrl(dataDir));
  try {
    const partnerships = await db.prisma.partnership.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } });
    const migrations = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations"`);
    const seedEvents = await db.prisma.auditEvent.count({ where: { action: "seed" } });
    return { partnerships, migrations: migrations.map((m) => m.migration_name), seedEvents };
  } finally {
    await db.close();
  }
}

describe("npm start (src/main.ts)", () => {
  it.each([
    ["BOT_TIMEZONE", "Mars/Olympus"],
    ["PORT", "eighty"],
    ["DATABASE_URL", "mysql://bot:pw@db/praktikbot"],
  ])("refuses a bad %s with one line that names it", async (variable, value) => {
    const run = start({ DATABASE_URL: tempDir(), [variable]: value });
    const { code } = await run.exited;
    expect(code).not.toBe(0);
    const lines = run.stderr().trim().split("\n");
    expect(lines, run.stderr()).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Praktikbot cannot start: ${variable}: `));
    expect(run.stdout()).toBe("");
  });

  it("starts with nothing configured, answers /healthz, stops on SIGTERM, and keeps its data across restarts", async () => {
    const dataDir = path.join(tempDir(), "data");
    const port = await freePort();
    const env = { PORT: String(port), DATABASE_URL: dataDir, SEED_EXAMPLES: "1" };

    const first = start(env);
    const listening = await waitForLog(first, (line) => line.msg.startsWith("Praktikbot is listening on"));
    expect(listening.url).toBe(`http://127.0.0.1:${port}`);
    expect(listening.msg).toBe(`Praktikbot is listening on http://127.0.0.1:${port}`);
    expect(listening.teams).toBe("tryout");
    expect(listening.slack).toBe("off");
    expect(listening.database).toBe(`embedded PGlite in ${dataDir}`);
    expect(logLines(first).some((line) => line.msg.includes("Teams try-out mode"))).toBe(true);
    expect(logLines(first).find((line) => line.msg === "database migrated")?.applied).toEqual(committedMigrations);
    expect(logLines(first).some((line) => line.msg.startsWith("example partnerships loaded"))).toBe(true);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    first.child.kill("SIGTERM");
    expect(await first.exited).toEqual({ code: 0, signal: null });
    await waitForLog(first, (line) => line.msg === "stopping" && line.signal === "SIGTERM", 1000);

    const afterFirst = await readDataDir(dataDir);
    expect(afterFirst.partnerships.map((p) => p.slug)).toEqual(["aalborg-2016", "fredericia-2013"]);
    expect(afterFirst.migrations.sort()).toEqual(committedMigrations);

    const second = start(env);
    await waitForLog(second, (line) => line.msg.startsWith("Praktikbot is listening on"));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(logLines(second).some((line) => line.msg === "database migrated")).toBe(false);
    expect(logLines(second).some((line) => line.msg.startsWith("example partnerships loaded"))).toBe(false);
    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });

    const afterSecond = await readDataDir(dataDir);
    expect(afterSecond.partnerships).toEqual(afterFirst.partnerships);
    expect(afterSecond.migrations.sort()).toEqual(committedMigrations);
    // One seed event per partnership: the second start loaded nothing again.
    expect(afterSecond.seedEvents).toBe(2);
  }, 180_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "starts on an empty PostgreSQL database, migrates and seeds it (needs TEST_DATABASE_URL)",
    async () => {
      const name = `praktikbot_startup_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
      serverDatabases.push(name);
      await adminQuery(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const port = await freePort();

      const run = start({ PORT: String(port), DATABASE_URL: url.toString(), SEED_EXAMPLES: "1" });
      const listening = await waitForLog(run, (line) => line.msg.startsWith("Praktikbot is listening on"));
      expect(listening.database).toMatch(/^PostgreSQL at postgres(ql)?:\/\//);
      expect(listening.database).toContain(`${url.username}:***@`);
      expect(logLines(run).find((line) => line.msg === "database migrated")?.applied).toEqual(committedMigrations);
      expect(logLines(run).some((line) => line.msg.startsWith("example partnerships loaded"))).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      run.child.kill("SIGTERM");
      expect(await run.exited).toEqual({ code: 0, signal: null });
    },
    120_000,
  );
});
