// Quarterly status and the report through Teams end to end: a partner contact files a status on
// an Adaptive Card and edits it (one row, two audit rows), the admin's `rapport 2016-Q3` comes
// back as a card with download links the bot serves itself, the link gives a Word file, an
// unknown or expired token gets 404, and a partner contact asking for the report is refused.
import type { AddressInfo } from "node:net";
import express from "express";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { MIME_TYPES } from "../../src/features/quarterly/report/report-file.js";
import { FileShelf } from "../../src/http/file-shelf.js";
import type { TestDatabase } from "../support/database.js";
import type { FakeTeamsConnector } from "../support/fake-teams-connector.js";
import { type Card, cardOf, cardText, elements, filledData, shownText, TEST_TENANT_ID, type TeamsTestUser, teamsUser } from "../support/teams-activities.js";
import { invokeForCard, sayAll, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const admin = teamsUser("Sara Sekretariat");
const partner = teamsUser("Pia Partner");
let teams: TeamsTestApp;
let db: TestDatabase;
let connector: FakeTeamsConnector;
let app: RunningApp;

beforeAll(async () => {
  teams = await startTeamsTestApp({ admins: [admin] });
  ({ db, connector, app } = teams);
  const aalborg = await db.prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const lo = await db.prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name: "LO-Aalborg" } });
  await db.prisma.contact.create({
    data: { platform: "teams", workspaceId: TEST_TENANT_ID, userId: partner.aadObjectId!, organisationId: lo.id, role: "partner_contact", createdBy: "test" },
  });
});

afterAll(async () => {
  await teams?.close();
});

/** Sends a message as `user` and returns the `count` activities the bot posted back. */
const say = (user: TeamsTestUser, text: string, count = 1) => sayAll(teams, user, text, { count, timeoutMs: 20_000 });

async function submit(user: TeamsTestUser, card: Card, values: Record<string, string>): Promise<Card> {
  return invokeForCard(teams, user, filledData(card, values));
}

const values = (over: Record<string, string> = {}) => ({
  activities: "Møder med tillidsrepræsentanter på tre byggepladser.",
  companiesContacted: "4",
  placementsHelped: "1",
  iguAgreements: "1",
  eventsHeld: "1",
  plan: "Et fællesmøde med Dansk Byggeri i november.",
  ...over,
});

describe("Teams: quarterly status and the report", () => {
  let downloadUrls: string[] = [];

  it("a partner contact files the status for 2016-Q3 on a card", async () => {
    const [call] = await say(partner, "status 2016-Q3");
    const card = cardOf(call!.body);
    expect(cardText(card)).toContain("LO-Aalborg, 2016-Q3");
    expect(cardText(card)).not.toContain("Sidst ændret");
    const answer = await submit(partner, card, values());
    expect(cardText(answer)).toContain("Kvartalsstatus for LO-Aalborg, 2016-Q3, er gemt.");
    const rows = await db.prisma.quarterlyStatus.findMany();
    expect(rows).toMatchObject([{ quarter: "2016-Q3", companiesContacted: 4, createdBy: `teams:${TEST_TENANT_ID}:${partner.aadObjectId}` }]);
  });

  it("filing again edits the same row, audited, and the card says who changed it last", async () => {
    const [call] = await say(partner, "status 2016-Q3");
    const card = cardOf(call!.body);
    expect(cardText(card)).toContain("Sidst ændret af Pia Partner");
    const answer = await submit(partner, card, { eventsHeld: "3" });
    expect(cardText(answer)).toContain("er rettet");
    const rows = await db.prisma.quarterlyStatus.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ eventsHeld: 3, companiesContacted: 4, activities: values().activities });
    const audit = await db.prisma.auditEvent.findMany({ where: { entity: "quarterly_status" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ["create", rows[0]!.id],
      ["update", rows[0]!.id],
    ]);
  });

  it("an admin named only in BOT_ADMINS is told in plain words why they cannot file", async () => {
    const [call] = await say(admin, "status");
    expect(shownText(call!.body)).toContain("sekretariatsadministrator, men ikke kontaktperson for en organisation");
  });

  it("the admin's `rapport 2016-Q3` comes back as a card with download links", async () => {
    const [working, ready] = await say(admin, "rapport 2016-Q3", 2);
    expect(shownText(working!.body)).toContain("Jeg laver rapporten for 2016-Q3");
    const card = cardOf(ready!.body);
    expect(cardText(card)).toContain("Kvartalsrapporten for Partnerskab om integration, Aalborg 2016, 2016-Q3, er klar.");
    expect(cardText(card)).toContain("Linkene virker i 60 minutter");
    const links = elements(card).filter((e) => e.type === "Action.OpenUrl");
    expect(links.map((l) => l.title)).toEqual(["Hent rapporten (Word)", "Hent som Markdown"]);
    downloadUrls = links.map((l) => String(l.url));
    for (const url of downloadUrls) expect(url).toMatch(new RegExp(`^${app.url}/files/[A-Za-z0-9_-]{32}$`));
  });

  it("the link serves the Word file; an unknown token gets 404", async () => {
    const res = await fetch(downloadUrls[0]!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(MIME_TYPES.docx);
    expect(res.headers.get("content-disposition")).toContain('filename="kvartalsstatus-aalborg-2016-2016-Q3.docx"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const docx = Buffer.from(await res.arrayBuffer());
    expect(docx.subarray(0, 2).toString("latin1")).toBe("PK");
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    expect(text).toContain("Kvartalsstatus for partnerskabet");
    expect(text).toContain("LO-Aalborg");
    expect(text).toContain("arrangementer: 3");

    const md = await fetch(downloadUrls[1]!);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(await md.text()).toContain("# Kvartalsstatus for partnerskabet");

    const unknown = await fetch(`${app.url}/files/${"x".repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("expired or does not exist");
  });

  it("a partner contact asking for the report is refused", async () => {
    const [call] = await say(partner, "rapport 2016-Q3");
    expect(shownText(call!.body)).toContain("Kun sekretariatet kan hente partnerskabets samlede kvartalsrapport");
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.activities(call!.conversationId).filter((c) => c.body && JSON.stringify(c.body).includes("/files/"))).toHaveLength(0);
  });
});

describe("download links expire", () => {
  it("a token stops working after its time, with 404", async () => {
    let now = Date.parse("2016-10-03T09:00:00Z");
    const shelf = new FileShelf(60 * 60 * 1000, () => now);
    const http = express();
    shelf.route(http);
    const server = http.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const token = shelf.put({ fileName: "rapport.docx", mimeType: MIME_TYPES.docx, data: Buffer.from("PK"), title: "Rapport" });
      now += 59 * 60 * 1000;
      expect((await fetch(`${base}/files/${token}`)).status).toBe(200);
      now += 2 * 60 * 1000;
      const expired = await fetch(`${base}/files/${token}`);
      expect(expired.status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
