// With CLIENT_ID, CLIENT_SECRET and TENANT_ID set, the Teams SDK checks the Bot Framework token
// of every activity (DESIGN.md: audience, issuer, serviceUrl). Garbage in the Authorization
// header — no scheme, another scheme, a token that is not a JWT, a JWT with a header or body that
// is not JSON — is refused with 401 before the bot sees it: nothing is said, nothing is stored.
// Only tokens that fail before any key is fetched are sent, so the test stays on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { type FakeTeamsConnector, startFakeTeamsConnector } from "../support/fake-teams-connector.js";
import { cardActionInvoke, messageActivity, TEST_TENANT_ID, teamsUser } from "../support/teams-activities.js";

const admin = teamsUser("Sara Sekretariat");
let db: TestDatabase;
let connector: FakeTeamsConnector;
let secured: RunningApp;

beforeAll(async () => {
  [db, connector] = await Promise.all([createTestDatabase(), startFakeTeamsConnector()]);
  secured = await startApp(
    loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      CLIENT_ID: "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
      CLIENT_SECRET: "not-a-real-secret",
      TENANT_ID: TEST_TENANT_ID,
      BOT_ADMINS: admin.aadObjectId,
    }),
    { logger: silentLogger(), database: db },
  );
}, 60_000);
afterAll(async () => {
  await secured?.close();
  await connector?.close();
  await db?.drop();
});

const b64 = (value: string) => Buffer.from(value).toString("base64url");
const GARBAGE: Record<string, string> = {
  "no scheme": "garbage",
  "another scheme": `Basic ${Buffer.from("bot:secret").toString("base64")}`,
  "an empty bearer": "Bearer ",
  "a word": "Bearer garbage",
  "three dots": "Bearer a.b.c",
  "two parts": `Bearer ${b64('{"alg":"RS256"}')}.${b64('{"aud":"x"}')}`,
  "a header that is not JSON": `Bearer ${b64("not json")}.${b64('{"aud":"6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"}')}.sig`,
  "a body that is not JSON": `Bearer ${b64('{"alg":"RS256","typ":"JWT"}')}.${b64("{{{")}.sig`,
  "a very long token": `Bearer ${"A".repeat(6000)}`,
};

async function post(activity: unknown, authorization: string): Promise<number> {
  const res = await fetch(`${secured.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}

describe("Teams with credentials: garbage Bot Framework tokens", () => {
  it.each(Object.entries(GARBAGE))("%s is refused with 401 and reaches nothing", async (_name, authorization) => {
    const since = connector.calls.length;
    const before = await db.prisma.placement.count();
    const message = await post(messageActivity({ serviceUrl: connector.url, user: admin, text: "ny" }), authorization);
    const press = await post(
      cardActionInvoke({ serviceUrl: connector.url, user: admin, verb: "placement.new", data: { nonce: "x", companyName: "Falsk Token ApS" } }),
      authorization,
    );
    expect([message, press]).toEqual([401, 401]);
    expect(connector.calls.length).toBe(since);
    expect(await db.prisma.placement.count()).toBe(before);
    expect(await db.prisma.chatUser.count()).toBe(0);
  });
});
