// The bot and the Microsoft 365 Agents Playground together, as one session: the bot on a free
// port (or PORT) with the demo data, the Playground's configuration written to a temporary
// folder with the person to be (`admin`, `jobcenter` or `partner`), the demo's two channels
// pointed at the Playground's connector, and the Playground started against the bot's actual
// port. Nothing is written into the repository: the Playground's log and its working folder
// live in the temporary folder, which `stop()` removes.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import { type RunningApp, startApp } from "../app.js";
import { loadConfig } from "../config.js";
import { pointPlaygroundChannels } from "../seed/demo-data.js";
import {
  PLAYGROUND_BOT,
  PLAYGROUND_OTHERS,
  PLAYGROUND_PEOPLE,
  PLAYGROUND_ROLES,
  PLAYGROUND_TEAM,
  PLAYGROUND_TENANT,
  type PlaygroundPerson,
  type PlaygroundRole,
} from "../seed/playground-world.js";
import { CliError } from "./migrate.js";

export type PlaygroundSession = {
  /** The Playground's web client. */
  url: string;
  bot: RunningApp;
  person: PlaygroundPerson;
  /** Stops the Playground, then the bot, and removes the temporary folder. */
  stop(): Promise<void>;
  /** Settles when the Playground's process ends on its own. */
  exited: Promise<number | null>;
};

export function isPlaygroundRole(value: string): value is PlaygroundRole {
  return (PLAYGROUND_ROLES as readonly string[]).includes(value);
}

function asPlaygroundUser(p: PlaygroundPerson) {
  return {
    id: p.id,
    name: p.name,
    userPrincipleName: p.email,
    aadObjectId: p.aadObjectId,
    givenName: p.givenName,
    surname: p.surname,
    email: p.email,
  };
}

/**
 * The Playground's configuration (`.m365agentsplayground.yml`) for one person. JSON is YAML,
 * so no YAML writer is needed. The Playground wants exactly five users besides the current one.
 */
export function playgroundConfig(as: PlaygroundRole): Record<string, unknown> {
  const current = PLAYGROUND_PEOPLE[as];
  const others = [...Object.values(PLAYGROUND_PEOPLE).filter((p) => p !== current), ...PLAYGROUND_OTHERS];
  return {
    version: "0.1.1",
    tenantId: PLAYGROUND_TENANT,
    bot: { id: PLAYGROUND_BOT.id, name: PLAYGROUND_BOT.name },
    currentUser: asPlaygroundUser(current),
    users: others.map(asPlaygroundUser),
    personalChat: { id: `personal-chat-${current.id}` },
    groupChat: { id: "group-chat", name: "Praktikgruppen" },
    team: {
      id: PLAYGROUND_TEAM.id,
      name: PLAYGROUND_TEAM.name,
      aadGroupId: PLAYGROUND_TEAM.aadGroupId,
      channels: [{ id: PLAYGROUND_TEAM.jobcenterChannel.id, name: PLAYGROUND_TEAM.jobcenterChannel.name }],
    },
  };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The Playground writes why it stopped to its log, not to the terminal. */
async function logTail(file: string): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  const errors = text.split("\n").filter((line) => line.startsWith("error "));
  return errors.length > 0 ? `: ${errors.map((line) => line.slice(6)).join(" ")}` : "";
}

async function waitForHttp(url: string, timeoutMs: number, exited: () => boolean, logFile: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (exited()) throw new CliError(`the Agents Playground stopped before it was ready${await logTail(logFile)}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new CliError(`the Agents Playground did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

function playgroundCli(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
  if (!killed) {
    child.kill("SIGKILL");
    await exited;
  }
}

export async function startPlaygroundSession(opts: {
  as: PlaygroundRole;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** "inherit": the Playground prints to this terminal; "ignore" for tests. */
  output?: "inherit" | "ignore";
}): Promise<PlaygroundSession> {
  const env = opts.env ?? process.env;
  const config = loadConfig({ ...env, PORT: env.PORT ?? "0", SEED_EXAMPLES: "demo" });
  if (config.teams.mode !== "tryout") {
    throw new CliError(
      "the Agents Playground needs the bot in Teams try-out mode: unset CLIENT_ID, CLIENT_SECRET and TENANT_ID, and HOST or set it to 127.0.0.1",
    );
  }
  const folder = await mkdtemp(path.join(tmpdir(), "praktikbot-playground-"));
  let bot: RunningApp | undefined;
  let child: ChildProcess | undefined;
  try {
    bot = await startApp(config, { logger: opts.logger });
    const port = await freePort();
    await pointPlaygroundChannels(bot.db.prisma, port);
    const configPath = path.join(folder, ".m365agentsplayground.yml");
    const logFile = path.join(folder, "playground.log");
    await writeFile(configPath, `${JSON.stringify(playgroundConfig(opts.as), null, 2)}\n`);
    const spawned = spawn(process.execPath, [playgroundCli(), "-e", `${bot.url}/api/messages`, "-c", "msteams", "-p", String(port), "--disable-telemetry"], {
      cwd: folder,
      env: {
        ...env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        // It cannot open a browser on a machine without a desktop, and stops if it tries.
        TEAMSAPPTESTER_BROWSER: "none",
      },
      stdio: ["ignore", opts.output ?? "inherit", opts.output ?? "inherit"],
    });
    child = spawned;
    const exited = new Promise<number | null>((resolve) => spawned.once("exit", (code) => resolve(code)));
    let hasExited = false;
    void exited.then(() => {
      hasExited = true;
    });
    const url = `http://localhost:${port}`;
    await waitForHttp(url, 60_000, () => hasExited, logFile);
    const running = bot;
    let stopped: Promise<void> | undefined;
    return {
      url,
      bot: running,
      person: PLAYGROUND_PEOPLE[opts.as],
      exited,
      stop: () => {
        stopped ??= (async () => {
          await stopChild(spawned, exited);
          await running.close();
          await rm(folder, { recursive: true, force: true });
        })();
        return stopped;
      },
    };
  } catch (error) {
    child?.kill("SIGKILL");
    await bot?.close().catch(() => {});
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
