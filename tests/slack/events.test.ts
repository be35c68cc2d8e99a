// Events through Slack end to end: a partner contact plans praktikdating in a modal and the
// invitation is posted to the channel; two companies sign up (a bad CVR is refused at the field,
// one too many people is told the seats left), one cancels, and the invitation shows the seats;
// the reminder goes once the day before; afterwards a placement names the event on its form, the
// host records attendance and exports the list, and `fremdrift` and the quarterly report count it.
// Hostile ids: another partnership's contact and a made-up id find no event; a year 9999 date and a
// CPR number are refused at the field.
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESPONSE_URL } from "../support/fake-slack-api.js";
import { ADMIN, allText, commandReply, inputBlock, openModal, optionValue, type SlackTestApp, startSlackTestApp, TEAM } from "../support/slack-harness.js";
import { blockActionsPayload, viewSubmissionPayload } from "../support/slack-requests.js";

const HOST = "UHOST";
const COMPANY_A = "UCOMPA";
const COMPANY_B = "UCOMPB";
const OUTSIDER = "UFREDERICIA";
const CHANNEL = "CEVENTS";
let now = new Date("2016-10-03T09:00:00Z");
let t: SlackTestApp;
let eventId: string;
type Json = Record<string, unknown>;

beforeAll(async () => {
  t = await startSlackTestApp({ now: () => now, jobs: "manual" });
  for (const user of [HOST, COMPANY_A, COMPANY_B, OUTSIDER, ADMIN]) t.fake.setUser(user, { locale: "da-DK", realName: user });
  const prisma = t.db.prisma;
  const org = async (slug: string, name?: string) => {
    const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } });
    return prisma.organisation.findFirstOrThrow({ where: { partnershipId: p.id, ...(name ? { name } : {}) } });
  };
  const [di, lo, jc, fr] = await Promise.all([
    org("aalborg-2016", "Dansk Industri Aalborg"),
    org("aalborg-2016", "LO-Aalborg"),
    org("aalborg-2016", "Jobcenter Aalborg"),
    org("fredericia-2013"),
  ]);
  const contact = (userId: string, organisationId: string, role: "partner_contact" | "secretariat_admin") => ({
    platform: "slack" as const,
    workspaceId: TEAM,
    userId,
    organisationId,
    role,
    createdBy: "test",
  });
  await prisma.contact.createMany({
    data: [
      contact(HOST, di.id, "partner_contact"),
      contact(COMPANY_A, lo.id, "partner_contact"),
      contact(COMPANY_B, lo.id, "partner_contact"),
      contact(OUTSIDER, fr.id, "partner_contact"),
      contact(ADMIN, jc.id, "secretariat_admin"),
    ],
  });
});
afterAll(async () => {
  await t?.close();
});

async function press(userId: string, actionId: string, value: string): Promise<{ since: number; url: string }> {
  const since = t.fake.calls.length;
  const url = t.fake.responseUrl("actions");
  const res = await t.slack.interact(blockActionsPayload({ userId, actionId, value, responseUrl: url, channelId: CHANNEL }));
  expect(res.status).toBe(200);
  return { since, url };
}

async function modalFrom(userId: string, actionId: string, value: string): Promise<{ view: Json; viewId: string }> {
  const { since } = await press(userId, actionId, value);
  const opened = await t.fake.waitFor("views.open", undefined, { since });
  return { view: opened.body.view as Json, viewId: String((opened.response as Json).view ? ((opened.response as Json).view as Json).id : "V1") };
}

// The invitation went to the channel the command was typed in (the harness types commands in C0001).
const invitationUpdates = () => t.fake.calls.filter((c) => c.method === "chat.update" && c.body.channel === "C0001");

describe("Slack: an event from invitation to placement", () => {
  it("a partner contact plans praktikdating in a modal; the invitation is posted with a sign-up button", async () => {
    const { view, viewId } = await openModal(t, HOST, "arrangement ny");
    expect(view).toMatchObject({ callback_id: "events.new" });
    const since = t.fake.calls.length;
    const values = {
      title: "Praktikdating i byggeriet",
      kind: "praktikdating",
      date: "2016-10-20",
      startTime: "13:00",
      endTime: "15:30",
      place: "Aalborg Kongres & Kultur Center",
      sectors: ["construction"],
      capacity: "8",
      channels: ["here"],
    };
    const year9999 = await t.slack.interact(viewSubmissionPayload({ userId: HOST, viewId, view, values: { ...values, date: "9999-12-31" } }));
    expect(year9999.json).toMatchObject({ response_action: "errors", errors: { date: expect.any(String) } });
    const cpr = await t.slack.interact(viewSubmissionPayload({ userId: HOST, viewId, view, values: { ...values, place: "Hos Ali 010190-1234" } }));
    expect(cpr.json).toMatchObject({ response_action: "errors", errors: { place: expect.stringContaining("CPR") } });

    const res = await t.slack.interact(viewSubmissionPayload({ userId: HOST, viewId, view, values }));
    expect(allText((res.json as { view: Json }).view)).toContain("Arrangementet »Praktikdating i byggeriet«");
    const posted = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === "C0001", { since });
    expect(allText(posted.body)).toContain("0 af 8 taget");
    const event = await t.db.prisma.event.findFirstOrThrow();
    eventId = event.id;
    expect(allText(posted.body.blocks)).toContain(eventId);
  });

  it("two companies sign up; a bad CVR and too many people are told at the field; one cancels", async () => {
    const a = await modalFrom(COMPANY_A, "events.signup", eventId);
    expect(a.view).toMatchObject({ callback_id: "events.signup" });
    const badCvr = await t.slack.interact(
      viewSubmissionPayload({ userId: COMPANY_A, viewId: a.viewId, view: a.view, values: { companyName: "Aalborg Portland", cvr: "24256791", people: "3" } }),
    );
    expect(badCvr.json).toMatchObject({ response_action: "errors", errors: { cvr: expect.any(String) } });
    const okA = await t.slack.interact(
      viewSubmissionPayload({
        userId: COMPANY_A,
        viewId: a.viewId,
        view: a.view,
        values: { companyName: "Aalborg Portland", cvr: "24256790", people: "3", placesOffered: "2" },
      }),
    );
    expect(allText((okA.json as { view: Json }).view)).toContain("Aalborg Portland er tilmeldt");

    const b = await modalFrom(COMPANY_B, "events.signup", eventId);
    const tooMany = await t.slack.interact(
      viewSubmissionPayload({ userId: COMPANY_B, viewId: b.viewId, view: b.view, values: { companyName: "Bilka", cvr: "35954716", people: "6" } }),
    );
    expect(tooMany.json).toMatchObject({ response_action: "errors", errors: { people: "Der er kun 5 pladser tilbage" } });
    const okB = await t.slack.interact(
      viewSubmissionPayload({ userId: COMPANY_B, viewId: b.viewId, view: b.view, values: { companyName: "Bilka", cvr: "35954716", people: "2" } }),
    );
    expect(allText((okB.json as { view: Json }).view)).toContain("Bilka er tilmeldt");
    expect(allText(invitationUpdates().at(-1)?.body)).toContain("5 af 8 taget");

    const bilka = await t.db.prisma.eventSignup.findFirstOrThrow({ where: { cvr: "35954716" } });
    const denied = await press(COMPANY_A, "events.cancel", bilka.id);
    expect(allText((await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === denied.url)).body)).toContain("Kun den, der tilmeldte virksomheden");
    const { url } = await press(COMPANY_B, "events.cancel", bilka.id);
    expect(allText((await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === url)).body)).toContain("Bilka er afmeldt");
    expect(allText(invitationUpdates().at(-1)?.body)).toContain("3 af 8 taget");
  });

  it("another partnership's contact and a made-up id find no event", async () => {
    for (const [user, id] of [
      [OUTSIDER, eventId],
      [COMPANY_A, "__proto__"],
    ] as const) {
      const { url } = await press(user, "events.signup", id);
      const answer = await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === url);
      expect(allText(answer.body)).toContain("Jeg kan ikke finde det arrangement");
    }
    const { url } = await press(COMPANY_A, "events.signups", eventId);
    expect(allText((await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === url)).body)).toContain("Kun arrangørerne og sekretariatet");
  });

  it("the day before, the company still signed up is reminded once", async () => {
    const dms = () => t.fake.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === COMPANY_A && String(c.body.text).includes("Påmindelse"));
    await t.app.jobs.runOnce(new Date("2016-10-19T08:05:00Z"), "event-reminders");
    await t.app.jobs.runOnce(new Date("2016-10-19T09:05:00Z"), "event-reminders");
    expect(dms()).toHaveLength(1);
    // Bilka cancelled: no reminder.
    expect(
      t.fake.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === COMPANY_B && String(c.body.text).includes("Påmindelse")),
    ).toHaveLength(0);
  });

  it("afterwards a placement names the event; the host records attendance and exports the list", async () => {
    now = new Date("2016-10-21T09:00:00Z");
    const { view, viewId } = await openModal(t, COMPANY_A, "ny");
    expect(inputBlock(view, "eventId")).toBeDefined();
    const values = {
      companyName: "Aalborg Portland",
      cvr: "24256790",
      shortageSector: "yes",
      sector: "construction",
      typeId: optionValue(view, "typeId", "Ordinær ansættelse"),
      places: "1",
      startDate: "2016-11-01",
      contactPerson: "Hanne Jensen",
      eventId: optionValue(view, "eventId", "Praktikdating i byggeriet"),
    };
    const saved = await t.slack.interact(viewSubmissionPayload({ userId: COMPANY_A, viewId, view, values }));
    expect((saved.json as Json).response_action).toBe("update");
    expect(await t.db.prisma.eventPlacement.count({ where: { eventId } })).toBe(1);

    const attendance = await modalFrom(HOST, "events.attendance", eventId);
    expect(attendance.view).toMatchObject({ callback_id: "events.attendance" });
    const recorded = await t.slack.interact(viewSubmissionPayload({ userId: HOST, viewId: attendance.viewId, view: attendance.view }));
    expect(allText((recorded.json as { view: Json }).view)).toContain("1 virksomheder mødte op, 1 pladser");

    const since = t.fake.calls.length;
    await press(HOST, "events.export_xlsx", eventId);
    await t.fake.waitFor("files.completeUploadExternal", () => true, { since, timeoutMs: 20_000 });
    const upload = [...t.fake.uploads.values()].find((u) => u.filename.endsWith(".xlsx"))!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(upload.data! as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1, 7));
    expect(rows).toEqual([
      ["Virksomhed", "CVR", "Personer", "Brancher", "Mulige pladser", "Status"],
      ["Aalborg Portland", "24256790", 3, "Byggeri og anlæg", 2, "Tilmeldt"],
      ["Bilka", "35954716", 2, "Byggeri og anlæg", 0, "Afmeldt"],
    ]);
  });

  it("`fremdrift` and the quarterly report count the event, the company reached and the placement", async () => {
    const progress = allText((await commandReply(t, HOST, "fremdrift")).body);
    expect(progress).toContain("Arrangementer holdt");
    expect(progress).toMatch(/Arrangementer holdt\*?\n1/);
    const since = t.fake.calls.length;
    await commandReply(t, ADMIN, "rapport 2016-Q4", "CREPORT");
    await t.fake.waitFor("files.completeUploadExternal", () => true, { since, timeoutMs: 20_000 });
    const docx = [...t.fake.uploads.values()].find((u) => u.filename === "kvartalsstatus-aalborg-2016-2016-Q4.docx")!;
    const { value } = await mammoth.extractRawText({ buffer: docx.data! });
    expect(value).toMatch(/Arrangementer holdt\s*1/);
    expect(value).toMatch(/Virksomheder nået\s*1/);
    expect(value).toMatch(/Pladser, der kom ud af dem\s*1/);
  });

  it("the host's quarterly status starts 'events held' from the events it hosted", async () => {
    const { view } = await openModal(t, HOST, "status");
    expect((inputBlock(view, "eventsHeld").element as Json).initial_value).toBe("1");
  });
});
