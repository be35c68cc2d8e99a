// Teams across tenants end to end: the bot answers people of the allowed tenants (ALLOWED_TENANTS)
// through the serviceUrl their activity came with, drops anything from another tenant without a
// word (logged), and posts each tenant's digest through that conversation's own serviceUrl,
// naming its tenant; a conversation of a tenant no longer allowed gets nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDigestPlacements } from "../support/digest-seed.js";
import { type FakeTeamsConnector, startFakeTeamsConnector } from "../support/fake-teams-connector.js";
import { capturingLogger } from "../support/slack-harness.js";
import { messageActivity, postActivity, TEST_TENANT_ID, type TeamsTestUser, teamsUser } from "../support/teams-activities.js";
import { startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const MONDAY_0800 = new Date("2016-11-28T07:00:00Z");
const TENANT_A = TEST_TENANT_ID;
const TENANT_B = "7b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const TENANT_C = "c0ffee00-0000-4000-8000-00000000dead";
const adminA = teamsUser("Sara Sekretariat", { tenantId: TENANT_A });
const adminB = teamsUser("Bo Fagforening", { tenantId: TENANT_B });
const stranger = teamsUser("Ukendt Udefra", { tenantId: TENANT_C });
const channelId = (name: string) => `19:${name}0123456789@thread.tacv2`;

let t: TeamsTestApp;
/** Tenant B's conversations live behind another regional endpoint. */
let connectorB: FakeTeamsConnector;
const { logger, lines } = capturingLogger();

async function say(user: TeamsTestUser, text: string, serviceUrl: string, where: { conversationId?: string; conversationType?: "channel" } = {}) {
  return postActivity(t.app.url, messageActivity({ serviceUrl, user, text, ...where }));
}

beforeAll(async () => {
  connectorB = await startFakeTeamsConnector();
  t = await startTeamsTestApp({
    admins: [adminA, adminB],
    jobs: "manual",
    logger,
    now: MONDAY_0800,
    env: { ALLOWED_TENANTS: `${TENANT_A},${TENANT_B.toUpperCase()}` },
  });
  await seedDigestPlacements(t.db.prisma, { count: 20, from: new Date("2016-09-05T09:00:00Z"), to: new Date("2016-11-20T09:00:00Z") });
});
afterAll(async () => {
  await t?.close();
  await connectorB?.close();
});

describe("incoming activities", () => {
  it("people of each allowed tenant are answered through the serviceUrl they came with", async () => {
    expect((await say(adminA, "hjælp", t.connector.url)).status).toBe(200);
    await t.connector.waitForActivities(1);
    expect((await say(adminB, "hjælp", connectorB.url)).status).toBe(200);
    const [reply] = await connectorB.waitForActivities(1);
    expect(reply?.conversationId).toBeTruthy();
  });

  it("a tenant not allowed gets no answer at all, and the refusal is logged", async () => {
    const before = t.connector.calls.length + connectorB.calls.length;
    const res = await say(stranger, "hjælp", t.connector.url);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body ?? "")).not.toMatch(/hjælp|Praktikbot|adgang/i);
    // An activity that names an allowed tenant in one place and another in the other is refused too.
    const mixed = messageActivity({ serviceUrl: t.connector.url, user: stranger, text: "hjælp" });
    mixed.conversation.tenantId = TENANT_A;
    await postActivity(t.app.url, mixed);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.connector.calls.length + connectorB.calls.length).toBe(before);
    expect(lines.filter((l) => l.msg === "Teams activity refused: tenant not allowed")).toHaveLength(2);
    expect(await t.db.prisma.conversationRef.count({ where: { workspaceId: TENANT_C } })).toBe(0);
    expect(await t.db.prisma.chatUser.count({ where: { workspaceId: TENANT_C } })).toBe(0);
  });
});

describe("proactive posts", () => {
  it("each tenant's digest goes through its channel's own serviceUrl, naming the tenant", async () => {
    await say(adminA, "kanal oversigt aalborg-2016", t.connector.url, { conversationId: channelId("a"), conversationType: "channel" });
    await t.connector.waitForActivities(1, t.connector.calls.length - 1);
    await say(adminB, "kanal oversigt aalborg-2016", connectorB.url, { conversationId: channelId("b"), conversationType: "channel" });
    await connectorB.waitForActivities(2);
    expect(await t.db.prisma.channelLink.count({ where: { purpose: "digest" } })).toBe(2);
    await t.db.prisma.channelLink.updateMany({ data: { createdAt: new Date("2016-11-01T00:00:00Z") } });

    const sinceA = t.connector.calls.length;
    const sinceB = connectorB.calls.length;
    await t.app.jobs.runOnce(MONDAY_0800);
    const [postA] = await t.connector.waitForActivities(1, sinceA);
    const [postB] = await connectorB.waitForActivities(1, sinceB);
    expect(postA?.conversationId).toBe(channelId("a"));
    expect(postB?.conversationId).toBe(channelId("b"));
    const tenantOf = (call: typeof postA) => String((call?.body?.conversation as { tenantId?: string } | undefined)?.tenantId).toLowerCase();
    expect(tenantOf(postA)).toBe(TENANT_A);
    expect(tenantOf(postB)).toBe(TENANT_B);
    expect(connectorB.calls.slice(sinceB).some((c) => c.conversationId === channelId("a"))).toBe(false);
  });

  it("a channel of a tenant that is not allowed is not posted to: its link is marked failed", async () => {
    const partnership = await t.db.prisma.partnership.findFirstOrThrow({ where: { slug: "aalborg-2016" } });
    await t.db.prisma.conversationRef.create({
      data: { platform: "teams", workspaceId: TENANT_C, conversationId: channelId("c"), serviceUrl: t.connector.url, kind: "channel" },
    });
    await t.db.prisma.channelLink.create({
      data: {
        platform: "teams",
        workspaceId: TENANT_C,
        channelId: channelId("c"),
        partnershipId: partnership.id,
        purpose: "digest",
        weekday: 1,
        time: "08:00",
        createdBy: "test",
        createdAt: new Date("2016-11-01T00:00:00Z"),
      },
    });
    const since = t.connector.calls.length;
    await t.app.jobs.runOnce(new Date(MONDAY_0800.getTime() + 7 * 86_400_000));
    expect(t.connector.calls.slice(since).some((c) => c.conversationId === channelId("c"))).toBe(false);
    const link = await t.db.prisma.channelLink.findFirstOrThrow({ where: { channelId: channelId("c") } });
    expect(link.failedAt).not.toBeNull();
  });
});
