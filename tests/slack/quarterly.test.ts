// Quarterly status and the report through Slack end to end: a partner contact files a status in
// the modal and edits it (one row, two audit rows), the admin runs `/praktik rapport 2016-Q3`
// and the Word file arrives through files.uploadV2 in the channel, and a partner contact who
// asks for the report is refused.
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, allText, commandReply, inputBlock, openModal, type SlackTestApp, startSlackTestApp, TEAM } from "../support/slack-harness.js";
import { viewSubmissionPayload } from "../support/slack-requests.js";

const PARTNER = "UPARTNER";
const CHANNEL = "CREPORTS";
let t: SlackTestApp;
let organisationId: string;

type Json = Record<string, unknown>;

beforeAll(async () => {
  t = await startSlackTestApp();
  t.fake.setUser(PARTNER, { locale: "da-DK", realName: "Pia Partner" });
  t.fake.setUser(ADMIN, { locale: "da-DK", realName: "Sara Sekretariat" });
  const prisma = t.db.prisma;
  const aalborg = await prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const di = await prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name: "Dansk Industri Aalborg" } });
  organisationId = di.id;
  await prisma.contact.create({
    data: { platform: "slack", workspaceId: TEAM, userId: PARTNER, organisationId: di.id, role: "partner_contact", createdBy: "test" },
  });
});
afterAll(async () => {
  await t?.close();
});

const values = (over: Record<string, string> = {}) => ({
  activities: "Praktikdating hos Aalborg Portland med 14 kandidater.",
  companiesContacted: "12",
  placementsHelped: "5",
  iguAgreements: "1",
  eventsHeld: "2",
  plan: "Besøge fem byggefirmaer i oktober.",
  ...over,
});

describe("quarterly status from Slack", () => {
  it("a partner contact files the status for 2016-Q3 in a modal", async () => {
    const { view, viewId } = await openModal(t, PARTNER, "status 2016-Q3");
    expect(view).toMatchObject({ callback_id: "quarterly.status" });
    expect(allText(view)).toContain("Dansk Industri Aalborg, 2016-Q3");
    expect(allText(view)).not.toContain("Sidst ændret");
    expect(inputBlock(view, "activities")).toMatchObject({ optional: false });

    const res = await t.slack.interact(viewSubmissionPayload({ userId: PARTNER, viewId, view, values: values() }));
    expect(res.status).toBe(200);
    expect(allText((res.json as { view: Json }).view)).toContain("Kvartalsstatus for Dansk Industri Aalborg, 2016-Q3, er gemt.");
    const rows = await t.db.prisma.quarterlyStatus.findMany();
    expect(rows).toMatchObject([{ organisationId, quarter: "2016-Q3", companiesContacted: 12, createdBy: `slack:${TEAM}:${PARTNER}` }]);
  });

  it("filing again edits the same row, audited, and the form says who changed it last", async () => {
    const { view, viewId } = await openModal(t, PARTNER, "status 2016-Q3");
    // The time is the row's own (the database's clock), shown in Copenhagen time.
    expect(allText(view)).toMatch(/Sidst ændret af Pia Partner \d{1,2}\. \S+ \d{4} \d{2}[.:]\d{2}\. Gemmer du igen, rettes den samme status\./);
    expect((inputBlock(view, "companiesContacted").element as Json).initial_value).toBe("12");

    const res = await t.slack.interact(viewSubmissionPayload({ userId: PARTNER, viewId, view, values: { companiesContacted: "15" } }));
    expect(allText((res.json as { view: Json }).view)).toContain("er rettet");
    const rows = await t.db.prisma.quarterlyStatus.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ companiesContacted: 15, activities: values().activities, updatedBy: `slack:${TEAM}:${PARTNER}` });
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entity: "quarterly_status", entityId: rows[0]!.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(audit[1]).toMatchObject({ before: { companiesContacted: 12 }, after: { companiesContacted: 15 } });
  });

  it("an admin named only in BOT_ADMINS is told in plain words why they cannot file", async () => {
    const reply = await commandReply(t, ADMIN, "status");
    const text = allText(reply.body);
    expect(text).toContain("sekretariatsadministrator, men ikke kontaktperson for en organisation");
    expect(text).toContain("kommandoen admin");
    expect(t.fake.callsTo("views.open").filter((c) => (c.body.view as Json).callback_id === "quarterly.status")).toHaveLength(2);
  });

  it("the admin's `rapport 2016-Q3` is uploaded to the channel as a Word file and Markdown", async () => {
    const since = t.fake.calls.length;
    const reply = await commandReply(t, ADMIN, "rapport 2016-Q3", CHANNEL);
    expect(allText(reply.body)).toContain("Jeg laver rapporten for 2016-Q3");
    const complete = await t.fake.waitFor("files.completeUploadExternal", () => true, { since, timeoutMs: 20_000 });
    expect(complete.response).toMatchObject({ ok: true });
    expect(complete.body).toMatchObject({ channel_id: CHANNEL });
    expect(String(complete.body.initial_comment)).toContain("Kvartalsrapporten for Partnerskab om integration, Aalborg 2016, 2016-Q3, er klar.");

    const uploads = [...t.fake.uploads.values()].filter((u) => u.channelId === CHANNEL);
    expect(uploads.map((u) => u.filename).sort()).toEqual(["kvartalsstatus-aalborg-2016-2016-Q3.docx", "kvartalsstatus-aalborg-2016-2016-Q3.md"]);
    const docx = uploads.find((u) => u.filename.endsWith(".docx"))!.data!;
    expect(docx.subarray(0, 2).toString("latin1")).toBe("PK");
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    expect(text).toContain("Kvartalsstatus for partnerskabet");
    expect(text).toContain("Praktikdating hos Aalborg Portland");
    expect(text).toContain("Virksomheder kontaktet: 15");
    const md = uploads.find((u) => u.filename.endsWith(".md"))!.data!.toString("utf8");
    expect(md).toContain("## Parternes status og plan");
  });

  it("a partner contact who asks for the report is refused, and nothing is uploaded", async () => {
    const uploads = t.fake.uploads.size;
    const reply = await commandReply(t, PARTNER, "rapport 2016-Q3", CHANNEL);
    expect(allText(reply.body)).toContain("Kun sekretariatet kan hente partnerskabets samlede kvartalsrapport");
    await new Promise((r) => setTimeout(r, 300));
    expect(t.fake.uploads.size).toBe(uploads);
  });
});
