// Cold start, part of `npm run bench`: `npm start`'s own command (node --import tsx src/main.ts) with nothing
// configured but a free PORT and a data folder, timed from the spawn to the first 200 from
// /healthz, RUNS times on a fresh data folder and RUNS times on the same folder again.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { freePort } from "../src/cli/playground-session.js";

const RUNS = 3;

export type ColdStartFigures = { freshMs: number[]; existingMs: number[] };

/** Milliseconds from spawning the bot to its first healthy answer; the bot is stopped after. */
async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const root = fileURLToPath(new URL("..", import.meta.url));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATABASE_URL: dataDir, LOG_LEVEL: "warn" };
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bot stopped while starting: ${stderr.slice(0, 500)}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((res) => res.ok)
        .catch(() => false);
      if (healthy) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error(`not healthy after 120 s: ${stderr.slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

export async function measureColdStart(): Promise<ColdStartFigures> {
  const freshMs: number[] = [];
  const existingMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const folder = mkdtempSync(path.join(os.tmpdir(), "praktikbot-bench-start-"));
    try {
      freshMs.push(await startOnce(folder));
      existingMs.push(await startOnce(folder));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return { freshMs, existingMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function coldStartLines(f: ColdStartFigures): string[] {
  const list = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(1)).join(", ");
  return [
    `Cold start, npm start (node --import tsx src/main.ts) with nothing configured, spawn → /healthz 200, medians of ${RUNS}:`,
    `  fresh data folder ${(median(f.freshMs) / 1000).toFixed(1)} s (${list(f.freshMs)} s); existing data folder ${(median(f.existingMs) / 1000).toFixed(1)} s (${list(f.existingMs)} s)`,
  ];
}
