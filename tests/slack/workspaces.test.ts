// Slack in many workspaces end to end: "Add to Slack" through Slack's OAuth v2 flow (the state
// tied to the browser's cookie), installations kept with their tokens encrypted, re-installs
// replacing the token, every request and every scheduled post made with the token of its own
// workspace, app_uninstalled and tokens_revoked forgetting the token and marking the
// workspace's channel links, and an org-wide install keyed by its organisation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDigestPlacements } from "../support/digest-seed.js";
import type { FakeWorkspace } from "../support/fake-slack-api.js";
import { ADMIN, commandReply, installWorkspace, type SlackTestApp, startSlackTestApp } from "../support/slack-harness.js";
import { eventCallback } from "../support/slack-requests.js";

const MONDAY_0800 = new Date("2016-11-28T07:00:00Z");
const A: FakeWorkspace = { teamId: "TAALBORG", teamName: "Aalborg Kommune", token: "xoxb-aalborg-1", code: "code-a1", installerId: "UINSTALLA" };
const B: FakeWorkspace = { teamId: "TDIFAG", teamName: "DI Aalborg", token: "xoxb-di-1", code: "code-b1", installerId: "UINSTALLB" };
const ORG: FakeWorkspace = {
  teamId: "TGRIDONE",
  token: "xoxb-org-1",
  code: "code-org",
  installerId: "UORGADMIN",
  enterprise: { id: "EGRID", name: "3F Grid" },
};

let t: SlackTestApp;

const install = (code: string, opts: Parameters<typeof installWorkspace>[2] = {}) => installWorkspace(t, code, opts);

beforeAll(async () => {
  t = await startSlackTestApp({ oauth: true, jobs: "manual", now: MONDAY_0800 });
  for (const w of [A, B, ORG]) t.fake.addWorkspace(w);
  await seedDigestPlacements(t.db.prisma, { count: 20, from: new Date("2016-09-05T09:00:00Z"), to: new Date("2016-11-20T09:00:00Z") });
});
afterAll(async () => {
  await t?.close();
});

describe("Add to Slack", () => {
  it("sends the person to Slack's consent screen with the manifest's scopes and a state tied to a cookie", async () => {
    const start = await fetch(`${t.app.url}/slack/install`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
    expect(location.searchParams.get("client_id")).toBe(t.fake.oauthClient.id);
    expect(location.searchParams.get("scope")).toBe("commands,chat:write,chat:write.public,files:write,im:write,users:read");
    expect(location.searchParams.get("state")).toBeTruthy();
    expect(start.headers.get("set-cookie")).toMatch(/HttpOnly/i);
  });

  it("refuses a redirect whose state is not this browser's, or forged, and stores nothing", async () => {
    for (const attempt of [{ cookie: "drop" as const }, { cookie: "other" as const }, { state: "forged.state.value" }]) {
      const { done } = await install(A.code, attempt);
      expect(done.status).not.toBe(200);
    }
    expect(t.fake.callsTo("oauth.v2.access")).toHaveLength(0);
    expect(await t.db.prisma.slackInstallation.count()).toBe(0);
  });

  it("installs two workspaces, each with its own token, kept encrypted", async () => {
    expect((await install(A.code)).done.status).toBe(200);
    expect((await install(B.code)).done.status).toBe(200);
    const rows = await t.db.prisma.slackInstallation.findMany({ orderBy: { teamId: "asc" } });
    expect(rows.map((r) => [r.installKey, r.teamName, r.installerUserId])).toEqual([
      [A.teamId, A.teamName, A.installerId],
      [B.teamId, B.teamName, B.installerId],
    ]);
    for (const row of rows) {
      expect(row.botToken).toMatch(/^v1\./);
      expect(row.botToken).not.toContain("xoxb");
    }
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entity: "SlackInstallation" } });
    expect(audit.map((a) => a.action)).toEqual(["installed", "installed"]);
    expect(JSON.stringify(audit)).not.toContain("xoxb");
  });

  it("a code already used installs nothing more", async () => {
    const { done } = await install(A.code);
    expect(done.status).not.toBe(200);
    expect(await t.db.prisma.slackInstallation.count()).toBe(2);
  });

  it("answers each workspace's people with that workspace's token, and nobody from a workspace without the app", async () => {
    const a = await commandReply(t, ADMIN, "hjælp", "CA1", { teamId: A.teamId });
    expect(a.status).toBe(200);
    const since = t.fake.calls.length;
    await commandReply(t, "UDIPERSON", "hjælp", "CB1", { teamId: B.teamId });
    const lookups = t.fake.calls.slice(since).filter((c) => c.method === "users.info");
    expect(lookups.map((c) => c.token)).toEqual([B.token]);

    const before = t.fake.calls.length;
    const res = await t.slack.command({ userId: "USTRANGER", text: "hjælp", teamId: "TNOTHERE" });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.fake.calls.slice(before).filter((c) => c.method !== "response_url")).toEqual([]);
    expect(t.fake.calls.slice(before).filter((c) => c.method === "response_url")).toEqual([]);
  });

  it("a re-install replaces the token and keeps one installation", async () => {
    t.fake.addWorkspace({ ...A, token: "xoxb-aalborg-2", code: "code-a2" });
    expect((await install("code-a2")).done.status).toBe(200);
    expect(await t.db.prisma.slackInstallation.count({ where: { installKey: A.teamId } })).toBe(1);
    const since = t.fake.calls.length;
    await commandReply(t, "UAALBORG2", "hjælp", "CA1", { teamId: A.teamId });
    expect(
      t.fake.calls
        .slice(since)
        .filter((c) => c.method === "users.info")
        .map((c) => c.token),
    ).toEqual(["xoxb-aalborg-2"]);
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entity: "SlackInstallation", entityId: A.teamId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["installed", "reinstalled"]);
  });
});

describe("scheduled posts", () => {
  it("posts each workspace's digest with that workspace's token", async () => {
    await commandReply(t, ADMIN, "kanal oversigt aalborg-2016", "CDIGA", { teamId: A.teamId });
    await commandReply(t, ADMIN, "kanal oversigt aalborg-2016", "CDIGB", { teamId: B.teamId });
    await t.db.prisma.channelLink.updateMany({ data: { createdAt: new Date("2016-11-01T00:00:00Z") } });
    const since = t.fake.calls.length;
    await t.app.jobs.runOnce(MONDAY_0800);
    const posts = t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage");
    expect(posts.map((c) => [c.body.channel, c.token]).sort()).toEqual([
      ["CDIGA", "xoxb-aalborg-2"],
      ["CDIGB", B.token],
    ]);
  });
});

describe("uninstalling", () => {
  it("app_uninstalled forgets the workspace's token and marks its channel links", async () => {
    const res = await t.slack.event(eventCallback({ teamId: B.teamId, event: { type: "app_uninstalled" } }));
    expect(res.status).toBe(200);
    await expect.poll(() => t.db.prisma.slackInstallation.count({ where: { installKey: B.teamId } })).toBe(0);
    const links = await t.db.prisma.channelLink.findMany({ orderBy: { channelId: "asc" } });
    expect(links.map((l) => [l.channelId, l.failure])).toEqual([
      ["CDIGA", null],
      ["CDIGB", "app_uninstalled"],
    ]);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { entity: "SlackInstallation", entityId: B.teamId, action: "removed" } });
    expect(audit.after).toMatchObject({ reason: "uninstalled", channelLinksMarked: 1 });

    // Nothing more goes out with the old token.
    const since = t.fake.calls.length;
    await t.slack.command({ userId: "UDIPERSON", text: "hjælp", teamId: B.teamId });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.fake.calls.slice(since).filter((c) => c.token === B.token)).toEqual([]);
  });

  it("tokens_revoked for the bot does the same; a revoked user token alone changes nothing", async () => {
    await t.slack.event(eventCallback({ teamId: A.teamId, event: { type: "tokens_revoked", tokens: { oauth: ["U123"] } } }));
    await new Promise((r) => setTimeout(r, 200));
    expect(await t.db.prisma.slackInstallation.count({ where: { installKey: A.teamId } })).toBe(1);
    await t.slack.event(eventCallback({ teamId: A.teamId, event: { type: "tokens_revoked", tokens: { bot: ["UBOT"] } } }));
    await expect.poll(() => t.db.prisma.slackInstallation.count({ where: { installKey: A.teamId } })).toBe(0);
    expect((await t.db.prisma.channelLink.findFirstOrThrow({ where: { channelId: "CDIGA" } })).failure).toBe("app_tokens_revoked");
  });
});

describe("an org-wide install", () => {
  it("is keyed by its organisation and answers every workspace of it", async () => {
    expect((await install(ORG.code)).done.status).toBe(200);
    const row = await t.db.prisma.slackInstallation.findUniqueOrThrow({ where: { installKey: "EGRID" } });
    expect(row).toMatchObject({ isEnterpriseInstall: true, teamId: null, enterpriseId: "EGRID" });

    const since = t.fake.calls.length;
    const payload = { userId: "UGRID1", text: "hjælp", teamId: "TGRIDTWO", enterpriseId: "EGRID" };
    const res = await t.slack.post(
      new URLSearchParams({
        team_id: payload.teamId,
        enterprise_id: "EGRID",
        is_enterprise_install: "true",
        channel_id: "CGRID",
        user_id: payload.userId,
        command: "/praktik",
        text: payload.text,
        api_app_id: "A0001",
        trigger_id: "123.456.abc",
        response_url: t.fake.responseUrl(),
      }).toString(),
    );
    expect(res.status).toBe(200);
    await t.fake.waitFor("users.info", undefined, { since });
    expect(
      t.fake.calls
        .slice(since)
        .filter((c) => c.method === "users.info")
        .map((c) => c.token),
    ).toEqual([ORG.token]);
    // A later post to that workspace finds the organisation's token.
    expect(await t.db.prisma.slackEnterpriseTeam.findUnique({ where: { teamId: "TGRIDTWO" } })).toMatchObject({ enterpriseId: "EGRID" });
  });
});
