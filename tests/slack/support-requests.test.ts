// Support requests through Slack end to end: the jobcenter channel is linked, a partner contact
// asks for an interpreter, the request is posted to the channel with buttons, jobcenter staff
// take it and finish it, the message changes in place and the requester gets a DM each time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaStore } from "../../src/db/stores.js";
import { RESPONSE_URL } from "../support/fake-slack-api.js";
import { ADMIN, allText, commandReply, inputBlock, openModal, optionsOf, type SlackTestApp, startSlackTestApp, TEAM } from "../support/slack-harness.js";
import { blockActionsPayload, viewSubmissionPayload } from "../support/slack-requests.js";

const PARTNER = "UPARTNER";
const STAFF = "USTAFF";
const STAFF2 = "USTAFF2";
const JOBCENTER_CHANNEL = "CJOBCENTER";
let t: SlackTestApp;
let placementId: string;

type Json = Record<string, unknown>;

beforeAll(async () => {
  // Jobs run only through runOnce: a live worker would take tasks with the fixed test clock.
  t = await startSlackTestApp({ jobs: "manual" });
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
  const type = await prisma.placementType.findFirstOrThrow({ where: { partnershipId: aalborg.id, key: "virksomhedspraktik" } });
  const { placement } = await createPrismaStore(prisma).createPlacement(
    {
      partnershipId: aalborg.id,
      organisationId: di.id,
      company: { cvr: "24256790", name: "Aalborg Portland" },
      typeId: type.id,
      places: 1,
      startDate: "2016-10-10",
      weeks: 13,
      endDate: "2017-01-08",
      employerSector: "private",
      sector: "construction",
      shortageSector: true,
      contactPerson: "Hanne Jensen",
      needs: ["interpreter"],
      note: null,
      createdBy: `slack:${TEAM}:${PARTNER}`,
      idempotencyKey: "support-test-placement",
    },
    { actor: "test" },
  );
  placementId = placement.id;
});
afterAll(async () => {
  await t?.close();
});

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

const buttonsOf = (blocks: unknown) =>
  ((blocks as Json[]) ?? []).filter((b) => b.type === "actions").flatMap((b) => (b.elements as Json[]).map((e) => e.action_id));

describe("support requests from Slack", () => {
  let requestId: string;

  it("an admin links the jobcenter channel; a partner contact may not", async () => {
    const refused = await commandReply(t, PARTNER, "kanal jobcenter", JOBCENTER_CHANNEL);
    expect(allText(refused.body)).toContain("sekretariatet");
    const ambiguous = await commandReply(t, ADMIN, "kanal jobcenter", JOBCENTER_CHANNEL);
    expect(allText(ambiguous.body)).toContain("aalborg-2016");
    const linked = await commandReply(t, ADMIN, "kanal jobcenter aalborg-2016", JOBCENTER_CHANNEL);
    expect(allText(linked.body)).toContain("Denne kanal får nu anmodninger");
    const links = await t.db.prisma.channelLink.findMany();
    expect(links).toMatchObject([{ platform: "slack", workspaceId: TEAM, channelId: JOBCENTER_CHANNEL, purpose: "jobcenter" }]);
  });

  it("/praktik tolk opens a form with the organisation's current placements and a language field", async () => {
    const { view, viewId } = await openModal(t, PARTNER, "tolk");
    expect(view).toMatchObject({ callback_id: "support.request", title: { text: "Bestil tolk" } });
    expect(optionsOf(view, "placementId").map((o) => o.value)).toEqual([placementId]);
    expect(inputBlock(view, "language")).toMatchObject({ optional: false });
    expect(() => inputBlock(view, "hoursPerWeek")).toThrow();

    // Without a language the form says so at the field.
    const missing = await t.slack.interact(viewSubmissionPayload({ userId: PARTNER, viewId, view, values: { placementId } }));
    expect(missing.json).toMatchObject({ response_action: "errors", errors: { language: "Udfyld venligst dette felt." } });
    const cpr = await t.slack.interact(
      viewSubmissionPayload({ userId: PARTNER, viewId, view, values: { placementId, language: "Arabisk", note: "Kandidat 010190-1234" } }),
    );
    expect((cpr.json as { errors: Record<string, string> }).errors.note).toContain("CPR");

    const since = t.fake.calls.length;
    const res = await t.slack.interact(
      viewSubmissionPayload({ userId: PARTNER, viewId, view, values: { placementId, language: "Arabisk", wantedOn: "2016-10-12", timeWindow: "09:00-12:00" } }),
    );
    expect(res.status).toBe(200);
    expect(allText((res.json as { view: Json }).view)).toContain("Anmodningen er sendt");

    const rows = await t.db.prisma.supportRequest.findMany();
    expect(rows).toHaveLength(1);
    requestId = rows[0]!.id;
    // Monday 3 October 2016, 11:00 in Copenhagen; three business days: Thursday 6 October, 16:00.
    expect(rows[0]).toMatchObject({ kind: "interpreter", status: "open", language: "Arabisk", placementId, requestedBy: `slack:${TEAM}:${PARTNER}` });
    expect(rows[0]!.dueAt.toISOString()).toBe("2016-10-06T14:00:00.000Z");

    const post = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === JOBCENTER_CHANNEL, { since });
    expect(allText(post.body.blocks)).toContain("Tolk: Aalborg Portland");
    expect(allText(post.body.blocks)).toContain("Arabisk");
    expect(buttonsOf(post.body.blocks)).toEqual(["support.take", "support.done", "support.decline"]);
    const stored = await t.db.prisma.supportRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(stored.channelMessage).toMatchObject({ platform: "slack", channelId: JOBCENTER_CHANNEL, messageId: post.response?.ts });
  });

  it("a partner contact pressing take is told why not, and nothing changes", async () => {
    const since = t.fake.calls.length;
    const url = await press(PARTNER, "support.take", requestId);
    expect(await answerTo(url)).toContain("Kun jobcentrets medarbejdere og sekretariatet");
    expect((await t.db.prisma.supportRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("open");
    expect(t.fake.calls.slice(since).filter((c) => c.method === "chat.update")).toHaveLength(0);
  });

  it("staff take it: the channel message shows who holds it, and the requester gets a DM", async () => {
    const since = t.fake.calls.length;
    const url = await press(STAFF, "support.take", requestId);
    expect(await answerTo(url)).toContain("Du har taget anmodning");
    const update = await t.fake.waitFor("chat.update", (c) => c.body.channel === JOBCENTER_CHANNEL, { since });
    expect(allText(update.body.blocks)).toContain("Taget af Karin Konsulent");
    expect(buttonsOf(update.body.blocks)).toEqual(["support.done", "support.decline"]);
    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === PARTNER, { since });
    expect(String(dm.body.text)).toContain("Karin Konsulent fra jobcentret har taget din anmodning om tolk");
  });

  it("a second person pressing take is told who has it", async () => {
    const url = await press(STAFF2, "support.take", requestId);
    expect(await answerTo(url)).toContain("Karin Konsulent har allerede taget den");
    expect(await t.db.prisma.supportRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ holder: `slack:${TEAM}:${STAFF}` });
  });

  it("done: the message shows it, the buttons go, the requester is told; every step is in the audit log", async () => {
    const since = t.fake.calls.length;
    await press(STAFF, "support.done", requestId);
    const update = await t.fake.waitFor("chat.update", (c) => c.body.channel === JOBCENTER_CHANNEL, { since });
    expect(allText(update.body.blocks)).toContain("Klaret af Karin Konsulent");
    expect(buttonsOf(update.body.blocks)).toEqual([]);
    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === PARTNER, { since });
    expect(String(dm.body.text)).toContain("er klaret af Karin Konsulent");
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entity: "support_request", entityId: requestId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["create", `slack:${TEAM}:${PARTNER}`],
      ["take", `slack:${TEAM}:${STAFF}`],
      ["done", `slack:${TEAM}:${STAFF}`],
    ]);
  });

  it("decline asks for a reason in a modal and tells the requester why", async () => {
    // A second request, a visit, for the company without a placement.
    const { view, viewId } = await openModal(t, PARTNER, "besøg");
    expect(allText(inputBlock(view, "wantedOn"))).toContain("Tidligst muligt");
    await t.slack.interact(viewSubmissionPayload({ userId: PARTNER, viewId, view, values: { companyName: "Vestas Aalborg" } }));
    const visit = await t.db.prisma.supportRequest.findFirstOrThrow({ where: { kind: "visit" } });
    // A visit is due within one business day: Tuesday 4 October, 16:00.
    expect(visit.dueAt.toISOString()).toBe("2016-10-04T14:00:00.000Z");

    const since = t.fake.calls.length;
    await press(STAFF2, "support.decline", visit.id);
    const opened = await t.fake.waitFor("views.open", undefined, { since });
    const modal = opened.body.view as Json;
    expect(modal).toMatchObject({ callback_id: "support.decline" });
    const viewIdDecline = String((opened.response!.view as Json).id);
    await t.slack.interact(
      viewSubmissionPayload({ userId: STAFF2, viewId: viewIdDecline, view: modal, values: { reason: "Virksomheden er lukket i uge 41" } }),
    );
    expect(await t.db.prisma.supportRequest.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({
      status: "declined",
      declineReason: "Virksomheden er lukket i uge 41",
    });
    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === PARTNER && String(c.body.text).includes("afvist"), { since });
    expect(String(dm.body.text)).toContain("Begrundelse: Virksomheden er lukket i uge 41");
  });
});

describe("deadlines: reminder and escalation, each once", () => {
  let requestId: string;

  it("a request for Danish lessons on Monday at 11:00 is due Thursday at 16:00", async () => {
    const { view, viewId } = await openModal(t, PARTNER, "dansk");
    await t.slack.interact(viewSubmissionPayload({ userId: PARTNER, viewId, view, values: { placementId, note: "Aftenhold" } }));
    const row = await t.db.prisma.supportRequest.findFirstOrThrow({ where: { kind: "danish" } });
    requestId = row.id;
    expect(row.dueAt.toISOString()).toBe("2016-10-06T14:00:00.000Z");
  });

  it("/praktik anmodninger lists it for the partner and for jobcenter staff", async () => {
    const mine = allText((await commandReply(t, PARTNER, "anmodninger")).body);
    expect(mine).toContain("Åbne anmodninger fra Dansk Industri Aalborg");
    expect(mine).toContain("Danskundervisning · Aalborg Portland");
    expect(mine).not.toContain("Tolk");
    const all = allText((await commandReply(t, STAFF, "requests")).body);
    expect(all).toContain("Åbne anmodninger");
    expect(all).toContain(requestId.slice(0, 8));
  });

  it("two working hours before the deadline a reminder goes to the jobcenter channel, once", async () => {
    const since = t.fake.calls.length;
    await t.app.jobs.runOnce(new Date("2016-10-06T11:00:00Z")); // 13:00: three working hours left
    await t.app.jobs.runOnce(new Date("2016-10-06T12:00:00Z")); // 14:00: two left
    await t.app.jobs.runOnce(new Date("2016-10-06T12:05:00Z"));
    await t.app.jobs.runOnce(new Date("2016-10-06T12:05:00Z")); // the same tick again: recorded already
    const reminders = t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage" && String(c.body.text).startsWith("Påmindelse"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body.channel).toBe(JOBCENTER_CHANNEL);
    expect(String(reminders[0]!.body.text)).toContain("Danskundervisning · Aalborg Portland");
    const row = await t.db.prisma.supportRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.reminderSentAt?.toISOString()).toBe("2016-10-06T12:00:00.000Z");
  });

  it("once overdue, the secretariat admins are told directly, once", async () => {
    const since = t.fake.calls.length;
    await t.app.jobs.runOnce(new Date("2016-10-06T14:05:00Z"));
    await t.app.jobs.runOnce(new Date("2016-10-06T14:10:00Z"));
    await t.app.jobs.runOnce(new Date("2016-10-07T07:00:00Z"));
    const escalations = t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage" && String(c.body.text).startsWith("Anmodning over tid"));
    expect(escalations.map((c) => c.body.channel)).toEqual([ADMIN]);
    expect(String(escalations[0]!.body.text)).toContain("Dansk Industri Aalborg");
    expect((await t.db.prisma.supportRequest.findUniqueOrThrow({ where: { id: requestId } })).escalatedAt?.toISOString()).toBe("2016-10-06T14:05:00.000Z");
  });
});

describe("mentor hours", () => {
  it("a granted mentor is counted in /praktik fremdrift against the agreement's 2 hours a week", async () => {
    const { view, viewId } = await openModal(t, PARTNER, "mentor");
    expect(inputBlock(view, "hoursPerWeek").element).toMatchObject({ initial_value: "2" });
    await t.slack.interact(viewSubmissionPayload({ userId: PARTNER, viewId, view, values: { placementId, hoursPerWeek: "3", weeks: "13" } }));
    const row = await t.db.prisma.supportRequest.findFirstOrThrow({ where: { kind: "mentor" } });
    expect(row).toMatchObject({ hoursPerWeek: 3, weeks: 13, placementId });
    const before = allText((await commandReply(t, STAFF, "fremdrift")).body);
    expect(before).toContain("Praktikpladser med mentor");
    // Slack gets its answer before the handler finishes; wait for this request's own DM.
    const since = t.fake.calls.length;
    await press(STAFF, "support.done", row.id);
    await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === PARTNER && String(c.body.text).includes("klaret"), { since });
    const after = allText((await commandReply(t, STAFF, "fremdrift")).body);
    expect(after).toMatch(/Praktikpladser med mentor\*?\n1/);
    expect(after).toContain("3 (aftalen regner med ca. 2)");
  });
});

describe("ordering from a placement's confirmation", () => {
  it("the order button offers the five kinds; each opens the form with the placement chosen", async () => {
    const url = t.fake.responseUrl("actions");
    await t.slack.interact(blockActionsPayload({ userId: PARTNER, actionId: "support.choose", value: placementId, responseUrl: url }));
    const offered = await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === url);
    const buttons = ((offered.body.blocks as Json[]) ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements as Json[]);
    expect(buttons.map((b) => b.value)).toEqual(["interpreter", "mentor", "visit", "danish", "upskilling"].map((k) => `${k}:${placementId}`));

    const since = t.fake.calls.length;
    await t.slack.interact(
      blockActionsPayload({ userId: PARTNER, actionId: "support.open_form", value: `visit:${placementId}`, responseUrl: t.fake.responseUrl("actions") }),
    );
    const opened = await t.fake.waitFor("views.open", undefined, { since });
    const view = opened.body.view as Json;
    expect(view).toMatchObject({ callback_id: "support.request", title: { text: "Bestil besøg" } });
    expect(inputBlock(view, "placementId").element).toMatchObject({ initial_option: { value: placementId } });
    expect(inputBlock(view, "wantedOn").element).toMatchObject({ initial_date: "2016-10-04" });
  });
});
