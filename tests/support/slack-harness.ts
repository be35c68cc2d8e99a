// One running bot per test file: the real app (express + Bolt + Bot + Prisma on PGlite) with
// SLACK_API_URL pointing at a local fake Slack API, and a sender of signed requests.
import { Writable } from "node:stream";
import { type Logger, pino } from "pino";
import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { FakeSlackApi, RESPONSE_URL, type RecordedCall } from "./fake-slack-api.js";
import { SlackSender } from "./slack-requests.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const ADMIN = "UADMIN";
export const TEAM = "T0001";
/** 3 October 2016, inside Aalborg's 2016 partnership. */
const NOW = new Date("2016-10-03T09:00:00Z");

export type LogLine = { level: number; msg: string; [key: string]: unknown };

/** A pino logger that keeps its lines for assertions. */
export function capturingLogger(level = "info"): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

export type SlackTestApp = {
  app: RunningApp;
  db: TestDatabase;
  fake: FakeSlackApi;
  slack: SlackSender;
  logs: LogLine[];
  close(): Promise<void>;
};

/** The key installation tokens are encrypted with in OAuth tests. */
const TOKEN_KEY = Buffer.alloc(32, 0x5a).toString("base64");

export async function startSlackTestApp(
  opts: {
    admins?: string[];
    jobs?: "manual";
    /** A fixed instant, or a clock a test moves (an event before and after it happens). */
    now?: Date | (() => Date);
    /** Installable in many workspaces (SLACK_CLIENT_ID …); the bot token is then left out unless `botToken` names one. */
    oauth?: boolean;
    botToken?: string;
    env?: Record<string, string>;
  } = {},
): Promise<SlackTestApp> {
  const [db, fake] = await Promise.all([createTestDatabase(), FakeSlackApi.start({ teamId: TEAM })]);
  const { logger, lines } = capturingLogger();
  const botToken = opts.botToken ?? (opts.oauth ? undefined : "xoxb-test");
  const config = loadConfig({
    PORT: "0",
    DATABASE_URL: "memory://",
    ...(botToken ? { SLACK_BOT_TOKEN: botToken } : {}),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    BOT_ADMINS: (opts.admins ?? [ADMIN]).join(","),
    LOG_LEVEL: "silent",
    ...(opts.oauth
      ? {
          SLACK_CLIENT_ID: fake.oauthClient.id,
          SLACK_CLIENT_SECRET: fake.oauthClient.secret,
          SLACK_STATE_SECRET: "state-secret-for-tests-0123456789abcdef",
          TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
        }
      : {}),
    ...opts.env,
  });
  const app = await startApp(config, {
    logger,
    database: db,
    clock: typeof opts.now === "function" ? opts.now : () => (opts.now as Date | undefined) ?? NOW,
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
  });
  return {
    app,
    db,
    fake,
    slack: new SlackSender(app.url, SIGNING_SECRET, () => fake.responseUrl()),
    logs: lines,
    close: async () => {
      await app.close();
      await fake.close();
      await db.drop();
    },
  };
}

type Json = Record<string, unknown>;

/**
 * The browser's part of "Add to Slack" on an app started with `oauth`: the install path, then
 * Slack sending the person back with `code` (see FakeSlackApi.addWorkspace). `cookie` and
 * `state` forge the second step.
 */
export async function installWorkspace(t: SlackTestApp, code: string, opts: { cookie?: "keep" | "drop" | "other"; state?: string } = {}) {
  const start = await fetch(`${t.app.url}/slack/install`, { redirect: "manual" });
  const location = new URL(start.headers.get("location") ?? "");
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0]!;
  const state = opts.state ?? location.searchParams.get("state") ?? "";
  const headers: Record<string, string> = {};
  if (opts.cookie !== "drop") headers.cookie = opts.cookie === "other" ? cookie.replace(/=.*/, "=someone-else") : cookie;
  const done = await fetch(`${t.app.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, {
    headers,
    redirect: "manual",
  });
  return { start, location, done, body: await done.text() };
}

/** Runs `/praktik <text>` and returns the modal it opened, with the id the fake gave it. */
export async function openModal(t: SlackTestApp, userId: string, text: string): Promise<{ view: Json; viewId: string }> {
  const since = t.fake.calls.length;
  const res = await t.slack.command({ userId, text });
  if (res.status !== 200) throw new Error(`/praktik ${text} answered ${res.status}`);
  const call = await t.fake.waitFor("views.open", undefined, { since });
  const viewId = (call.response?.view as Json | undefined)?.id;
  if (typeof viewId !== "string") throw new Error(`views.open failed: ${JSON.stringify(call.response)}`);
  return { view: viewOf(call), viewId };
}

/**
 * Runs `/praktik <text>` and returns the message that answered it: the ephemeral post to the
 * command's response URL; or, only after that post failed, the ephemeral message to this person
 * in this channel; or, after that failed too, the DM that replaced it. A reply that skips the
 * response URL is an error.
 */
export async function commandReply(
  t: SlackTestApp,
  userId: string,
  text: string,
  channelId = "C0001",
  more: { teamId?: string; enterpriseId?: string } = {},
): Promise<RecordedCall> {
  const since = t.fake.calls.length;
  const responseUrl = t.fake.responseUrl();
  const res = await t.slack.command({ userId, text, channelId, responseUrl, ...more });
  if (res.status !== 200) throw new Error(`/praktik ${text} answered ${res.status}`);
  const deadline = Date.now() + 8000;
  for (;;) {
    const calls = t.fake.calls.slice(since);
    const posts = calls.filter((c) => c.method === RESPONSE_URL && c.responseUrl === responseUrl);
    const answered = posts.find((c) => c.status === 200);
    if (answered) {
      if (answered.body.response_type !== "ephemeral") throw new Error(`/praktik ${text} was answered for everyone: ${JSON.stringify(answered.body)}`);
      return answered;
    }
    const mine = (c: RecordedCall) => c.method === "chat.postEphemeral" && c.body.channel === channelId && c.body.user === userId;
    const failedPost = posts.find((c) => c.status !== 200);
    if (!failedPost) {
      const bypass = calls.find(mine);
      if (bypass) throw new Error(`/praktik ${text} was answered by ${bypass.method} without trying its response URL`);
    } else {
      const after = calls.filter((c) => c.at >= failedPost.at);
      const refused = after.find((c) => mine(c) && c.response?.ok === false);
      const reply =
        after.find((c) => mine(c) && c.response?.ok === true) ??
        (refused ? after.find((c) => c.method === "chat.postMessage" && c.body.channel === userId && c.at >= refused.at) : undefined);
      if (reply) return reply;
    }
    if (Date.now() > deadline) throw new Error(`no reply to /praktik ${text}; calls: ${calls.map((c) => c.method).join(", ")}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The modal a views.open / views.update call carried. */
function viewOf(call: RecordedCall): Json {
  return call.body.view as Json;
}

export function inputBlock(view: Json, blockId: string): Json {
  const block = (view.blocks as Json[]).find((b) => b.block_id === blockId);
  if (!block) throw new Error(`no block ${blockId}`);
  return block;
}

/** Every option a select, radio or checkbox input offers, group options included. */
export function optionsOf(view: Json, blockId: string): { text: string; value: string; group?: string }[] {
  const element = inputBlock(view, blockId).element as Json;
  const flat = ((element.options as Json[] | undefined) ?? []).map((o) => ({ text: (o.text as Json).text as string, value: o.value as string }));
  const grouped = ((element.option_groups as Json[] | undefined) ?? []).flatMap((g) =>
    (g.options as Json[]).map((o) => ({ text: (o.text as Json).text as string, value: o.value as string, group: (g.label as Json).text as string })),
  );
  return [...flat, ...grouped];
}

export function optionValue(view: Json, blockId: string, text: string | RegExp, group?: string | RegExp): string {
  const match = (value: string, pattern: string | RegExp) => (typeof pattern === "string" ? value.startsWith(pattern) : pattern.test(value));
  const found = optionsOf(view, blockId).find((o) => match(o.text, text) && (group === undefined || (o.group !== undefined && match(o.group, group))));
  if (!found) throw new Error(`${blockId} has no option ${String(text)}`);
  return found.value;
}

/** All text in a message or view, for "does it say …" checks. */
export function allText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  return out.join("\n");
}
