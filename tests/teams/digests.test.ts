// The weekly digest through Teams end to end: an admin links a team channel with `kanal oversigt`,
// the scheduled job posts the digest at Monday 08:00 as a proactive activity to the channel's
// conversation with an Adaptive Card 1.5 under 80 KB that carries the chart, a restart half a
// minute later posts nothing, the connector's 429, 500 and 403 are retried or recorded, and the
// digest's extend button works for a partner contact's own organisation only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import type { TestDatabase } from "../support/database.js";
import { seedDigestPlacements } from "../support/digest-seed.js";
import type { ConnectorCall, FakeTeamsConnector } from "../support/fake-teams-connector.js";
import { pngSize } from "../support/png.js";
import {
  type Card,
  cardActionInvoke,
  cardOf,
  cardText,
  elements,
  postActivity,
  TEST_TENANT_ID,
  type TeamsTestUser,
  teamsUser,
} from "../support/teams-activities.js";
import { say as sayIn, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const MONDAY_0800 = new Date("2016-11-28T07:00:00Z"); // Monday 28 November 2016, 08:00 in Copenhagen
const at = (minutes: number, seconds = 0) => new Date(MONDAY_0800.getTime() + minutes * 60_000 + seconds * 1000);
const admin = teamsUser("Sara Sekretariat");
const partner = teamsUser("Pia Partner");
const channel = (name: string) => `19:${name}0123456789@thread.tacv2`;
const CHANNEL = channel("digest");

let teams: TeamsTestApp;
let db: TestDatabase;
let connector: FakeTeamsConnector;
let app: RunningApp;
let partnershipId: string;
let own: string;
let other: string;

async function endingPlacement(organisationId: string, endDate: string, key: string): Promise<string> {
  const type = await db.prisma.placementType.findFirstOrThrow({ where: { partnershipId, key: "virksomhedspraktik" } });
  const company = await db.prisma.company.findFirstOrThrow();
  const p = await db.prisma.placement.create({
    data: {
      partnershipId,
      organisationId,
      companyId: company.id,
      typeId: type.id,
      places: 1,
      startDate: new Date("2016-09-05T00:00:00Z"),
      weeks: 13,
      endDate: new Date(`${endDate}T00:00:00Z`),
      employerSector: "private",
      sector: "construction",
      shortageSector: true,
      contactPerson: "Hanne Jensen",
      needs: [],
      status: "active",
      createdBy: "test",
      createdAt: new Date("2016-09-01T10:00:00Z"),
      idempotencyKey: key,
      caseReference: `P-${key.toUpperCase()}`,
    },
  });
  return p.id;
}

beforeAll(async () => {
  teams = await startTeamsTestApp({ admins: [admin], jobs: "manual" });
  ({ db, connector, app } = teams);
  ({ partnershipId } = await seedDigestPlacements(db.prisma, { count: 300, from: new Date("2016-01-04T09:00:00Z"), to: new Date("2016-08-01T09:00:00Z") }));
  const di = await db.prisma.organisation.findFirstOrThrow({ where: { partnershipId, name: "Dansk Industri Aalborg" } });
  const otherOrg = await db.prisma.organisation.findFirstOrThrow({
    where: { partnershipId, name: { notIn: ["Dansk Industri Aalborg", "Jobcenter Aalborg"] } },
  });
  await db.prisma.contact.create({
    data: {
      platform: "teams",
      workspaceId: TEST_TENANT_ID,
      userId: partner.aadObjectId!,
      organisationId: di.id,
      role: "partner_contact",
      createdBy: "test",
      displayName: partner.name,
    },
  });
  own = await endingPlacement(di.id, "2016-12-04", "teams-own");
  other = await endingPlacement(otherOrg.id, "2016-12-06", "teams-other");
}, 60_000);
afterAll(async () => {
  await teams?.close();
});

async function say(user: TeamsTestUser, text: string, conversationId: string): Promise<string> {
  const call = await sayIn(teams, user, text, { conversationId: `${conversationId};messageid=1600`, conversationType: "channel" });
  return typeof call!.body?.text === "string" && !call!.body.attachments ? call!.body.text : cardText(cardOf(call!.body));
}

/** `kanal oversigt …` in a team channel, dated before this week's slot. */
async function linkChannel(conversationId: string) {
  const reply = await say(admin, "kanal oversigt aalborg-2016", conversationId);
  // The database stamps createdAt with the real time; the app's clock is back in 2016.
  await db.prisma.channelLink.updateMany({ where: { channelId: conversationId, purpose: "digest" }, data: { createdAt: new Date("2016-11-01T00:00:00Z") } });
  return reply;
}

const sendsTo = (conversationId: string, since = 0) => connector.calls.slice(since).filter((c) => c.kind === "send" && c.conversationId === conversationId);
const runFor = (channelId: string) => db.prisma.digestRun.findFirst({ where: { channelLink: { channelId } } });
const verbsWith = (card: Card, placementId: string) =>
  elements(card)
    .concat(card.actions ?? [])
    .filter((e) => typeof e.verb === "string" && JSON.stringify(e.data ?? {}).includes(placementId))
    .map((e) => ({ verb: String(e.verb), data: e.data as Record<string, unknown> }));

describe("the weekly digest in Teams", () => {
  let digest: ConnectorCall;

  it("an admin links a team channel with 'kanal oversigt'; 'kanal fra' unlinks another", async () => {
    expect(await say(partner, "kanal oversigt", CHANNEL)).toContain("sekretariatet");
    expect(await linkChannel(CHANNEL)).toContain("Denne kanal får nu ugens overblik for");
    const link = await db.prisma.channelLink.findFirstOrThrow({ where: { channelId: CHANNEL, purpose: "digest" } });
    expect(link).toMatchObject({ platform: "teams", workspaceId: TEST_TENANT_ID, partnershipId, weekday: 1, time: "08:00" });
    expect(await db.prisma.auditEvent.findFirst({ where: { entity: "channel_link", entityId: link.id, action: "create" } })).not.toBeNull();
    expect(await db.prisma.conversationRef.findFirst({ where: { conversationId: CHANNEL } })).toMatchObject({ kind: "channel" });

    await linkChannel(channel("gone"));
    expect(await say(admin, "kanal fra", channel("gone"))).toContain("får ikke længere ugens overblik");
    expect(await db.prisma.channelLink.findFirst({ where: { channelId: channel("gone") } })).toBeNull();
  });

  it("Monday 08:00 posts an Adaptive Card 1.5 under 80 KB with the chart; 08:00:30 posts nothing", async () => {
    await app.jobs.runOnce(at(-1));
    expect(sendsTo(CHANNEL)).toHaveLength(0);
    await app.jobs.runOnce(MONDAY_0800);
    const sends = sendsTo(CHANNEL);
    expect(sends).toHaveLength(1);
    digest = sends[0]!;
    expect(digest.status).toBe(200);
    const card = cardOf(digest.body);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(Buffer.byteLength(JSON.stringify(digest.body))).toBeLessThan(80 * 1024);
    expect(cardText(card)).toContain("Aalborg");
    const image = elements(card).find((e) => e.type === "Image");
    const url = String(image?.url ?? "");
    expect(url).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThan(100);
    expect(height).toBeGreaterThan(100);
    expect(await runFor(CHANNEL)).toMatchObject({
      isoWeek: "2016-W48",
      status: "posted",
      messageRef: { platform: "teams", channelId: CHANNEL, messageId: digest.answeredId },
    });

    const since = connector.calls.length;
    await app.jobs.runOnce(at(0, 30));
    await app.jobs.runOnce(at(1));
    expect(sendsTo(CHANNEL, since)).toHaveLength(0);
    expect(await db.prisma.digestRun.count()).toBe(1);
  });

  it("a 429 with Retry-After is waited out, then posted", async () => {
    await linkChannel(channel("ratelimited"));
    connector.failNext(1, 429, 1);
    const started = Date.now();
    await app.jobs.runOnce(at(2));
    expect(sendsTo(channel("ratelimited")).map((c) => c.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await runFor(channel("ratelimited"))).toMatchObject({ status: "posted" });
  });

  it("a 500 is tried again, then posted", async () => {
    await linkChannel(channel("flaky"));
    connector.failNext(1, 500);
    await app.jobs.runOnce(at(3));
    expect(sendsTo(channel("flaky")).map((c) => c.status)).toEqual([500, 200]);
    expect(await runFor(channel("flaky"))).toMatchObject({ status: "posted" });
  });

  it("a 403 fails for good: the link is marked and the run recorded as failed", async () => {
    await linkChannel(channel("removed"));
    connector.failNext(1, 403);
    await app.jobs.runOnce(at(4));
    expect(sendsTo(channel("removed")).map((c) => c.status)).toEqual([403]);
    expect(await runFor(channel("removed"))).toMatchObject({ status: "failed", error: expect.stringContaining("http_403") });
    expect(await db.prisma.channelLink.findFirstOrThrow({ where: { channelId: channel("removed") } })).toMatchObject({ failure: "http_403" });
    await app.jobs.runOnce(new Date("2016-12-05T07:00:00Z"));
    expect(sendsTo(channel("removed"))).toHaveLength(1);
  });

  it("the extend button works on the partner's own organisation's placement and is refused on another's", async () => {
    const card = cardOf(digest.body);
    const press = async (placementId: string) => {
      const action = verbsWith(card, placementId).find((a) => a.verb === "digest.extend");
      expect(action).toBeDefined();
      const since = connector.calls.length;
      const res = await postActivity(
        app.url,
        cardActionInvoke({
          serviceUrl: connector.url,
          user: partner,
          verb: action!.verb,
          data: action!.data,
          conversationId: `${CHANNEL};messageid=1700`,
          conversationType: "channel",
        }),
      );
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      // Answered to the person who pressed; nothing is posted in the channel.
      expect(sendsTo(CHANNEL, since)).toHaveLength(0);
      return JSON.stringify(res.body);
    };
    expect(await press(own)).toContain("Forlænget med 13 uger til");
    expect((await db.prisma.placement.findUniqueOrThrow({ where: { id: own } })).endDate!.toISOString().slice(0, 10)).toBe("2017-03-05");
    expect(await press(other)).toContain("din egen organisations praktikpladser");
    expect((await db.prisma.placement.findUniqueOrThrow({ where: { id: other } })).endDate!.toISOString().slice(0, 10)).toBe("2016-12-06");
  });
});
