// The municipality's approval through Slack end to end: a partner registers a placement, it is
// posted to the jobcenter channel with approve and refuse buttons, a partner contact pressing is
// told why not, staff approve one and refuse another with a reason, the message changes in place,
// the registrant gets a DM, and `fremdrift` counts only the approved one while showing the waiting.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { RESPONSE_URL } from "../support/fake-slack-api.js";
import { ADMIN, allText, commandReply, openModal, optionValue, type SlackTestApp, startSlackTestApp, TEAM } from "../support/slack-harness.js";
import { blockActionsPayload, viewSubmissionPayload } from "../support/slack-requests.js";

const PARTNER = "UPARTNER";
const STAFF = "USTAFF";
const STAFF2 = "USTAFF2";
const JOBCENTER_CHANNEL = "CJOBCENTER";
let t: SlackTestApp;

type Json = Record<string, unknown>;

beforeAll(async () => {
  t = await startSlackTestApp({ admins: [ADMIN] });
  t.fake.setUser(PARTNER, { locale: "da-DK", realName: "Pia Partner" });
  t.fake.setUser(STAFF, { locale: "da-DK", realName: "Karin Konsulent" });
  t.fake.setUser(STAFF2, { locale: "da-DK", realName: "Bo Sagsbehandler" });
  const prisma = t.db.prisma;
  const aalborg = await prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const di = await prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name: "Dansk Industri Aalborg" } });
  const jobcenter = await prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name: "Jobcenter Aalborg" } });
  const contact = (userId: string, organisationId: string, role: "partner_contact" | "jobcenter_staff") =>
    prisma.contact.create({ data: { platform: "slack", workspaceId: TEAM, userId, organisationId, role, createdBy: "test" } });
  await contact(PARTNER, di.id, "partner_contact");
  await contact(STAFF, jobcenter.id, "jobcenter_staff");
  await contact(STAFF2, jobcenter.id, "jobcenter_staff");
  await commandReply(t, ADMIN, "kanal jobcenter aalborg-2016", JOBCENTER_CHANNEL);
});
afterAll(async () => {
  await t?.close();
});

const buttonsOf = (blocks: unknown) =>
  ((blocks as Json[]) ?? []).filter((b) => b.type === "actions").flatMap((b) => (b.elements as Json[]).map((e) => e.action_id));

async function press(userId: string, actionId: string, value: string) {
  const responseUrl = t.fake.responseUrl("actions");
  const res = await t.slack.interact(blockActionsPayload({ userId, actionId, value, channelId: JOBCENTER_CHANNEL, responseUrl }));
  expect(res.status).toBe(200);
  return responseUrl;
}

async function answerTo(responseUrl: string): Promise<string> {
  const call = await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === responseUrl);
  return allText(call.body);
}

/** The partner registers a praktik; returns the confirmation and the channel post. */
async function register(company: string, cvr: string, pNumber: string, more: Record<string, string>) {
  const { view, viewId } = await openModal(t, PARTNER, "ny");
  const since = t.fake.calls.length;
  const res = await t.slack.interact(
    viewSubmissionPayload({
      userId: PARTNER,
      viewId,
      view,
      values: {
        companyName: company,
        cvr,
        shortageSector: "yes",
        sector: "construction",
        typeId: optionValue(view, "typeId", "Virksomhedspraktik"),
        places: "1",
        startDate: "2016-10-10",
        contactPerson: "Hanne Jensen",
        pNumber,
        benefitGroup: "introduktionsprogram",
        purpose: "skills",
        ...more,
      },
    }),
  );
  expect(res.json, JSON.stringify(res.json)).toMatchObject({ response_action: "update" });
  const placement = await t.db.prisma.placement.findFirstOrThrow({ where: { company: { cvr } } });
  const post = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === JOBCENTER_CHANNEL, { since });
  return { confirmation: (res.json as { view: Json }).view, placement, post };
}

describe("Slack: the municipality approves or refuses a placement", () => {
  let soleTrader: string;

  it("a sole trader's praktik needs no representative: it is posted for approval with both buttons", async () => {
    const { confirmation, placement, post } = await register("Tømrer Hansen", "24256790", "1024256790", { ordinaryEmployees: "1" });
    soleTrader = placement.id;
    expect(placement).toMatchObject({ status: "registered", representativeConfirmed: false, approvedAt: null });
    expect(allText(confirmation.blocks)).toContain("afventer kommunens godkendelse");
    expect(buttonsOf(confirmation.blocks)).toContain("placement.vitas");
    expect(allText(post.body.blocks)).toContain("Til godkendelse: Tømrer Hansen · Virksomhedspraktik");
    expect(buttonsOf(post.body.blocks)).toEqual(["placement.approve", "placement.refuse"]);
    // The post follows the answer; its reference is kept once it is out.
    await vi.waitFor(async () => {
      const stored = await t.db.prisma.placement.findUniqueOrThrow({ where: { id: soleTrader } });
      expect(stored.channelMessage).toMatchObject({ platform: "slack", channelId: JOBCENTER_CHANNEL, messageId: post.response?.ts });
    });
  });

  it("fremdrift counts nothing yet and shows the one waiting", async () => {
    const text = allText((await commandReply(t, PARTNER, "fremdrift")).body);
    expect(text).toContain("0 pladser godkendt i alt");
    expect(text).toContain("Venter på godkendelse (tæller ikke med endnu): 1");
  });

  it("a partner contact pressing approve or refuse is told why not, and nothing changes", async () => {
    const since = t.fake.calls.length;
    expect(await answerTo(await press(PARTNER, "placement.approve", soleTrader))).toContain("Kun jobcentrets medarbejdere og sekretariatet");
    expect(await answerTo(await press(PARTNER, "placement.refuse", soleTrader))).toContain("Kun jobcentrets medarbejdere og sekretariatet");
    expect((await t.db.prisma.placement.findUniqueOrThrow({ where: { id: soleTrader } })).status).toBe("registered");
    expect(t.fake.calls.slice(since).filter((c) => c.method === "chat.update" || c.method === "views.open")).toHaveLength(0);
  });

  it("staff approve: the message shows who, the buttons go, the registrant gets a DM; audited", async () => {
    const since = t.fake.calls.length;
    expect(await answerTo(await press(STAFF, "placement.approve", soleTrader))).toContain("Du har godkendt pladsen");
    const update = await t.fake.waitFor("chat.update", (c) => c.body.channel === JOBCENTER_CHANNEL, { since });
    expect(allText(update.body.blocks)).toContain("Godkendt af Karin Konsulent");
    expect(buttonsOf(update.body.blocks)).toEqual([]);
    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === PARTNER, { since });
    expect(String(dm.body.text)).toContain("Din plads Tømrer Hansen · Virksomhedspraktik er godkendt af Karin Konsulent");
    const row = await t.db.prisma.placement.findUniqueOrThrow({ where: { id: soleTrader } });
    // Approved before its start date: it becomes active on that day.
    expect(row).toMatchObject({ status: "approved", approvedBy: `slack:${TEAM}:${STAFF}` });
    // The decision is stamped with the bot's clock, the registration with the database's: compare as a set.
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entity: "placement", entityId: soleTrader } });
    expect(audit.map((a) => [a.action, a.actor]).sort()).toEqual([
      ["approve", `slack:${TEAM}:${STAFF}`],
      ["create", `slack:${TEAM}:${PARTNER}`],
    ]);
  });

  it("a second person pressing approve is told it is decided already", async () => {
    expect(await answerTo(await press(STAFF2, "placement.approve", soleTrader))).toContain("Godkendt af Karin Konsulent");
    expect(await t.db.prisma.auditEvent.count({ where: { entityId: soleTrader, action: "approve" } })).toBe(1);
  });

  it("refuse asks for a reason in a modal, keeps the form on an empty one, and tells the registrant why", async () => {
    const { placement } = await register("Vestas Aalborg", "10403782", "1010403782", {
      ordinaryEmployees: "100",
      representativeName: "Jens Tillid",
      representativeConfirmed: "yes",
    });
    expect(placement.status).toBe("registered");
    const since = t.fake.calls.length;
    await press(STAFF2, "placement.refuse", placement.id);
    const opened = await t.fake.waitFor("views.open", undefined, { since });
    const modal = opened.body.view as Json;
    expect(modal).toMatchObject({ callback_id: "placement.refuse", title: { text: "Afvis pladsen" } });
    const viewId = String((opened.response!.view as Json).id);
    const empty = await t.slack.interact(viewSubmissionPayload({ userId: STAFF2, viewId, view: modal, values: { reason: "  " } }));
    expect(empty.json).toMatchObject({ response_action: "errors", errors: { reason: "Udfyld venligst dette felt." } });
    await t.slack.interact(viewSubmissionPayload({ userId: STAFF2, viewId, view: modal, values: { reason: "Virksomheden har allerede to i praktik" } }));
    expect(await t.db.prisma.placement.findUniqueOrThrow({ where: { id: placement.id } })).toMatchObject({
      status: "refused",
      refusalReason: "Virksomheden har allerede to i praktik",
      refusedBy: `slack:${TEAM}:${STAFF2}`,
    });
    const update = await t.fake.waitFor("chat.update", (c) => c.body.channel === JOBCENTER_CHANNEL, { since });
    expect(allText(update.body.blocks)).toContain("Afvist af Bo Sagsbehandler: Virksomheden har allerede to i praktik");
    expect(buttonsOf(update.body.blocks)).toEqual([]);
    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === PARTNER && String(c.body.text).includes("afvist"), { since });
    expect(String(dm.body.text)).toContain("Begrundelse: Virksomheden har allerede to i praktik");
  });

  it("fremdrift now counts the approved placement only, and nothing waits", async () => {
    const text = allText((await commandReply(t, STAFF, "fremdrift")).body);
    expect(text).toContain("1 pladser godkendt i alt");
    expect(text).not.toContain("Venter på godkendelse");
  });

  it("the answer does not wait for the post; a post that cannot go out is told to the registrant", async () => {
    const since = t.fake.calls.length;
    // The jobcenter channel refuses the next post (the bot was removed from it, say).
    t.fake.fail("chat.postMessage", { error: "channel_not_found" });
    const { confirmation, placement, post } = await register("Murer Madsen", "12345674", "1012345674", { ordinaryEmployees: "1" });
    expect(post.response?.error).toBe("channel_not_found");
    expect(allText(confirmation.blocks)).toContain("sendes nu til jobcentrets kanal");
    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === PARTNER && String(c.body.text).includes("Murer Madsen"), { since });
    expect(String(dm.body.text)).toContain("Din registrering af Murer Madsen er gemt, men den kunne ikke sendes til jobcentrets kanal");
    const failed = t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage" && c.body.channel === JOBCENTER_CHANNEL);
    expect(failed.map((c) => c.response?.error)).toEqual(["channel_not_found"]);
    expect(t.logs.some((l) => l.msg === "placement could not be posted to the jobcenter channel")).toBe(true);
    // Read after the failed post and the DM: nothing was recorded as posted.
    expect(await t.db.prisma.placement.findUniqueOrThrow({ where: { id: placement.id } })).toMatchObject({ status: "registered", channelMessage: null });
  });
});
