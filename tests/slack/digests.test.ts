// The weekly digest through Slack end to end: an admin links a channel with `/praktik kanal
// oversigt`, the scheduled job posts the digest at Monday 08:00 with chat.postMessage and uploads
// the chart with the files.uploadV2 flow, a restart half a minute later posts nothing, Slack's
// 429, 500 and channel_not_found are retried or recorded, and the digest's buttons extend a
// placement or note that it ends as planned, for a partner contact's own organisation only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDigestPlacements } from "../support/digest-seed.js";
import { RESPONSE_URL, type RecordedCall } from "../support/fake-slack-api.js";
import { pngSize } from "../support/png.js";
import { ADMIN, allText, commandReply, type SlackTestApp, startSlackTestApp, TEAM } from "../support/slack-harness.js";
import { blockActionsPayload } from "../support/slack-requests.js";

const MONDAY_0800 = new Date("2016-11-28T07:00:00Z"); // Monday 28 November 2016, 08:00 in Copenhagen
const at = (minutes: number, seconds = 0) => new Date(MONDAY_0800.getTime() + minutes * 60_000 + seconds * 1000);
const PARTNER = "UPARTNER";
const CHANNEL = "CDIGEST";
const LINKED_BEFORE = new Date("2016-11-01T00:00:00Z");

type Json = Record<string, unknown>;
let t: SlackTestApp;
let partnershipId: string;
let ownExtend: string;
let ownAsPlanned: string;
let otherOrg: string;

async function endingPlacement(organisationId: string, endDate: string, key: string): Promise<string> {
  const prisma = t.db.prisma;
  const type = await prisma.placementType.findFirstOrThrow({ where: { partnershipId, key: "virksomhedspraktik" } });
  const company = await prisma.company.findFirstOrThrow();
  const p = await prisma.placement.create({
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

/** Links `channelId` to the digest with `/praktik kanal oversigt …`, dated before this week's slot. */
async function linkChannel(channelId: string, words = "aalborg-2016") {
  const reply = await commandReply(t, ADMIN, `kanal oversigt ${words}`, channelId);
  // The database stamps createdAt with the real time; the app's clock is back in 2016.
  await t.db.prisma.channelLink.updateMany({ where: { channelId, purpose: "digest" }, data: { createdAt: LINKED_BEFORE } });
  return reply;
}

const postsTo = (channelId: string, since = 0) => t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage" && c.body.channel === channelId);
const runFor = (channelId: string) => t.db.prisma.digestRun.findFirst({ where: { channelLink: { channelId } } });
const buttons = (call: RecordedCall) =>
  ((call.body.blocks as Json[]) ?? [])
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements as Json[]).map((e) => ({ action: String(e.action_id), value: String(e.value ?? "") })));

beforeAll(async () => {
  t = await startSlackTestApp({ jobs: "manual" });
  t.fake.setUser(PARTNER, { locale: "da-DK", realName: "Pia Partner" });
  // Placements over the spring and summer: all of them end before the digest's 14-day window.
  ({ partnershipId } = await seedDigestPlacements(t.db.prisma, { count: 300, from: new Date("2016-01-04T09:00:00Z"), to: new Date("2016-08-01T09:00:00Z") }));
  const di = await t.db.prisma.organisation.findFirstOrThrow({ where: { partnershipId, name: "Dansk Industri Aalborg" } });
  const other = await t.db.prisma.organisation.findFirstOrThrow({ where: { partnershipId, name: { notIn: ["Dansk Industri Aalborg", "Jobcenter Aalborg"] } } });
  await t.db.prisma.contact.create({
    data: { platform: "slack", workspaceId: TEAM, userId: PARTNER, organisationId: di.id, role: "partner_contact", createdBy: "test" },
  });
  ownExtend = await endingPlacement(di.id, "2016-12-04", "own-extend");
  ownAsPlanned = await endingPlacement(di.id, "2016-12-05", "own-planned");
  otherOrg = await endingPlacement(other.id, "2016-12-06", "other-org");
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("linking a Slack channel to the weekly digest", () => {
  it("a partner contact may not; an admin links the channel, to the partnership or one organisation, and kanal fra unlinks", async () => {
    expect(allText((await commandReply(t, PARTNER, "kanal oversigt", CHANNEL)).body)).toContain("sekretariatet");
    const usage = allText((await commandReply(t, ADMIN, "kanal", CHANNEL)).body);
    expect(usage).toContain("/praktik kanal jobcenter");
    expect(usage).toContain("/praktik kanal oversigt");
    expect(usage).toContain("/praktik kanal fra");
    const help = allText((await commandReply(t, ADMIN, "hjælp", CHANNEL)).body);
    expect(help).toContain("/praktik kanal oversigt [organisation] [mandag] [08:00] [da|en] — ugens overblik");
    expect(help).toContain("/praktik kanal fra — ");
    const linked = await linkChannel(CHANNEL);
    expect(allText(linked.body)).toContain("Denne kanal får nu ugens overblik for");
    expect(allText(linked.body)).toContain("mandag kl. 08:00");
    const link = await t.db.prisma.channelLink.findFirstOrThrow({ where: { channelId: CHANNEL, purpose: "digest" } });
    expect(link).toMatchObject({ platform: "slack", workspaceId: TEAM, partnershipId, organisationId: null, weekday: 1, time: "08:00", locale: "da" });
    expect(await t.db.prisma.auditEvent.findFirst({ where: { entity: "channel_link", entityId: link.id, action: "create" } })).toMatchObject({
      actor: `slack:${TEAM}:${ADMIN}`,
    });

    const one = await commandReply(t, ADMIN, "kanal oversigt aalborg-2016 Dansk Industri Aalborg tirsdag 09:30 en", "CDI");
    expect(allText(one.body)).toContain("Dansk Industri Aalborg");
    const di = await t.db.prisma.channelLink.findFirstOrThrow({ where: { channelId: "CDI", purpose: "digest" } });
    expect(di).toMatchObject({ weekday: 2, time: "09:30", locale: "en" });
    expect(di.organisationId).not.toBeNull();

    expect(allText((await commandReply(t, ADMIN, "kanal fra", "CDI")).body)).toContain("får ikke længere ugens overblik");
    expect(await t.db.prisma.channelLink.findFirst({ where: { channelId: "CDI" } })).toBeNull();
    expect(await t.db.prisma.auditEvent.findFirst({ where: { entity: "channel_link", entityId: di.id, action: "delete" } })).not.toBeNull();
    expect(allText((await commandReply(t, ADMIN, "kanal fra", "CDI")).body)).toContain("får ikke ugens overblik");
  });
});

describe("the weekly digest in Slack", () => {
  it("nothing at 07:59; Monday 08:00 posts the digest within Slack's limits and uploads the chart; 08:00:30 posts nothing", async () => {
    await t.app.jobs.runOnce(at(-1));
    expect(postsTo(CHANNEL)).toHaveLength(0);

    await t.app.jobs.runOnce(MONDAY_0800);
    const [post, ...more] = postsTo(CHANNEL);
    expect(more).toHaveLength(0);
    expect(post!.response).toMatchObject({ ok: true });
    const blocks = post!.body.blocks as Json[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks.filter((b) => b.type === "section")) expect(String((b.text as Json | undefined)?.text ?? "").length).toBeLessThanOrEqual(3000);
    expect(allText(blocks)).toContain("Aalborg");

    // files.uploadV2: getUploadURLExternal, the bytes to the upload URL, completeUploadExternal in the channel.
    expect(t.fake.callsTo("files.getUploadURLExternal")).toHaveLength(1);
    expect(t.fake.callsTo("files.completeUploadExternal")[0]!.response).toMatchObject({ ok: true });
    const [upload] = [...t.fake.uploads.values()];
    expect(upload).toMatchObject({ channelId: CHANNEL });
    const { width, height } = pngSize(upload!.data!);
    expect(width).toBeGreaterThan(100);
    expect(height).toBeGreaterThan(100);
    expect(upload!.data!.length).toBeGreaterThan(1000);

    expect(await runFor(CHANNEL)).toMatchObject({
      isoWeek: "2016-W48",
      status: "posted",
      messageRef: { platform: "slack", channelId: CHANNEL, messageId: post!.response!.ts },
    });

    const since = t.fake.calls.length;
    await t.app.jobs.runOnce(at(0, 30));
    await t.app.jobs.runOnce(at(1));
    expect(postsTo(CHANNEL, since)).toHaveLength(0);
    expect(await t.db.prisma.digestRun.count()).toBe(1);
  });

  it("a 429 with Retry-After is waited out, then posted", async () => {
    await linkChannel("C429");
    t.fake.fail("chat.postMessage", { status: 429, retryAfter: 1 });
    await t.app.jobs.runOnce(at(2));
    const posts = postsTo("C429");
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(await runFor("C429")).toMatchObject({ status: "posted" });
  });

  it("a 500 is tried again, then posted", async () => {
    await linkChannel("C500");
    t.fake.fail("chat.postMessage", { status: 500 });
    await t.app.jobs.runOnce(at(3));
    expect(postsTo("C500").map((p) => p.status)).toEqual([500, 200]);
    expect(await runFor("C500")).toMatchObject({ status: "posted" });
  });

  it("channel_not_found fails for good: the link is marked, the run recorded as failed, the admin told once", async () => {
    await linkChannel("CGONE");
    t.fake.fail("chat.postMessage", { error: "channel_not_found" });
    const since = t.fake.calls.length;
    await t.app.jobs.runOnce(at(4));
    expect(postsTo("CGONE")).toHaveLength(1);
    expect(await runFor("CGONE")).toMatchObject({ status: "failed", error: expect.stringContaining("channel_not_found") });
    const link = await t.db.prisma.channelLink.findFirstOrThrow({ where: { channelId: "CGONE" } });
    expect(link.failure).toBe("channel_not_found");
    expect(link.failedAt).not.toBeNull();
    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === ADMIN, { since });
    expect(String(dm.body.text)).toMatch(/CGONE.*channel_not_found/);
    await t.app.jobs.runOnce(new Date("2016-12-05T07:00:00Z"));
    expect(postsTo("CGONE")).toHaveLength(1);
  });
});

describe("the digest's buttons in Slack", () => {
  async function press(actionId: string, value: string) {
    const responseUrl = t.fake.responseUrl("actions");
    const res = await t.slack.interact(blockActionsPayload({ userId: PARTNER, actionId, value, channelId: CHANNEL, responseUrl }));
    expect(res.status).toBe(200);
    const answer = await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === responseUrl);
    // Only the person who pressed sees the answer; the channel's digest stays as it is.
    expect(answer.body.response_type ?? "ephemeral").toBe("ephemeral");
    expect(answer.body.replace_original).not.toBe(true);
    return allText(answer.body);
  }
  const valueFor = (placementId: string) => {
    const post = postsTo(CHANNEL)[0]!;
    const found = buttons(post).find((b) => b.action === "digest.extend" && b.value.startsWith(`${placementId}|`));
    if (!found) throw new Error(`no extend button for ${placementId}`);
    return found.value;
  };

  it("the digest asks about each placement ending within 14 days", () => {
    const post = postsTo(CHANNEL)[0]!;
    for (const id of [ownExtend, ownAsPlanned, otherOrg])
      expect(
        buttons(post)
          .filter((b) => b.value.startsWith(`${id}|`))
          .map((b) => b.action),
      ).toEqual(["digest.extend", "digest.ends_as_planned"]);
  });

  it("a partner contact extends their own organisation's placement by 13 weeks (audited)", async () => {
    expect(await press("digest.extend", valueFor(ownExtend))).toContain("Forlænget med 13 uger til");
    const p = await t.db.prisma.placement.findUniqueOrThrow({ where: { id: ownExtend } });
    expect(p.endDate!.toISOString().slice(0, 10)).toBe("2017-03-05");
    expect(await t.db.prisma.auditEvent.count({ where: { entity: "placement", entityId: ownExtend, actor: `slack:${TEAM}:${PARTNER}` } })).toBeGreaterThan(0);
    // A second press on the same digest changes nothing.
    expect(await press("digest.extend", valueFor(ownExtend))).toContain("allerede forlænget");
    expect((await t.db.prisma.placement.findUniqueOrThrow({ where: { id: ownExtend } })).endDate!.toISOString().slice(0, 10)).toBe("2017-03-05");
  });

  it("another organisation's placement is refused, privately, and not changed", async () => {
    const answer = await press("digest.extend", valueFor(otherOrg));
    expect(answer).toContain("din egen organisations praktikpladser");
    expect((await t.db.prisma.placement.findUniqueOrThrow({ where: { id: otherOrg } })).endDate!.toISOString().slice(0, 10)).toBe("2016-12-06");
    expect(await t.db.prisma.auditEvent.count({ where: { entity: "placement", entityId: otherOrg } })).toBe(0);
  });

  it("ends as planned is recorded, and the next digest no longer asks about it", async () => {
    expect(await press("digest.ends_as_planned", valueFor(ownAsPlanned))).toContain("slutter som planlagt");
    expect(await t.db.prisma.auditEvent.findFirst({ where: { entity: "placement", entityId: ownAsPlanned, action: "ends_as_planned" } })).toMatchObject({
      actor: `slack:${TEAM}:${PARTNER}`,
      after: { endDate: "2016-12-05" },
    });
    await linkChannel("CLATER");
    await t.app.jobs.runOnce(at(10));
    const [later] = postsTo("CLATER");
    const asked = buttons(later!).map((b) => b.value.split("|")[0]);
    expect(asked).toContain(otherOrg);
    expect(asked).not.toContain(ownAsPlanned);
    expect(asked).not.toContain(ownExtend);
  });
});
