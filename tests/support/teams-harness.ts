// One running bot per test file, the Teams side of tests/support/slack-harness.ts: the real app
// (express + Teams SDK in try-out mode + Bot + Prisma on PGlite) answering on 127.0.0.1, a fake
// Bot Framework connector that the activities name as their serviceUrl, and helpers that post
// activities as Teams sends them and read back what the bot said.
import type { Logger } from "pino";
import { expect } from "vitest";
import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { type ConnectorCall, type FakeTeamsConnector, startFakeTeamsConnector } from "./fake-teams-connector.js";
import { type Card, cardActionInvoke, invokeCard, messageActivity, postActivity, type TeamsTestUser } from "./teams-activities.js";

/** 3 October 2016, inside Aalborg's 2016 partnership. */
const NOW = new Date("2016-10-03T09:00:00Z");

export type TeamsTestApp = {
  app: RunningApp;
  db: TestDatabase;
  connector: FakeTeamsConnector;
  close(): Promise<void>;
};

export async function startTeamsTestApp(opts: {
  admins: TeamsTestUser[];
  jobs?: "manual";
  logger?: Logger;
  now?: Date;
  /** A clock a test moves (an event before and after it happens); `now`, or a fixed instant, by default. */
  clock?: () => Date;
  /** More environment, e.g. ALLOWED_TENANTS. */
  env?: Record<string, string>;
}): Promise<TeamsTestApp> {
  const [db, connector] = await Promise.all([createTestDatabase(), startFakeTeamsConnector()]);
  const env = { PORT: "0", BOT_ADMINS: opts.admins.map((admin) => admin.aadObjectId).join(","), LOG_LEVEL: "silent", ...opts.env };
  const app = await startApp(loadConfig(env), {
    logger: opts.logger ?? silentLogger(),
    database: db,
    clock: opts.clock ?? (() => opts.now ?? NOW),
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
  });
  return {
    app,
    db,
    connector,
    close: async () => {
      await app.close();
      await connector.close();
      await db.drop();
    },
  };
}

type Where = { mention?: boolean; conversationId?: string; conversationType?: "personal" | "groupChat" | "channel" };

/** Sends a message as `user` and returns the `count` activities the bot posted back. */
export async function sayAll(
  t: TeamsTestApp,
  user: TeamsTestUser,
  text: string,
  opts: Where & { count?: number; timeoutMs?: number } = {},
): Promise<ConnectorCall[]> {
  const { count = 1, timeoutMs, ...where } = opts;
  const since = t.connector.calls.length;
  const res = await postActivity(t.app.url, messageActivity({ serviceUrl: t.connector.url, user, text, ...where }));
  expect(res.status).toBe(200);
  return t.connector.waitForActivities(count, since, timeoutMs);
}

/** Sends a message as `user` and returns what the bot posted back. */
export async function say(t: TeamsTestApp, user: TeamsTestUser, text: string, opts: Where = {}): Promise<ConnectorCall> {
  const [call] = await sayAll(t, user, text, opts);
  return call!;
}

/** Presses a card button (Action.Execute) as `user`: the invoke's HTTP answer. */
export function invoke(
  t: TeamsTestApp,
  user: TeamsTestUser,
  action: { verb: string; data: Record<string, unknown> },
  where: Omit<Where, "mention"> = {},
): Promise<{ status: number; body: unknown }> {
  return postActivity(t.app.url, cardActionInvoke({ serviceUrl: t.connector.url, user, ...action, ...where }));
}

/** Presses a card button that must answer 200 with a card (a form's errors or its confirmation). */
export async function invokeForCard(t: TeamsTestApp, user: TeamsTestUser, action: { verb: string; data: Record<string, unknown> }): Promise<Card> {
  const res = await invoke(t, user, action);
  expect(res.status).toBe(200);
  return invokeCard(res.body);
}
