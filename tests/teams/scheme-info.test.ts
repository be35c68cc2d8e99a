// Scheme information through Teams end to end: `info` and `info igu` in Danish and English with
// the rule set's figures, the card's buttons (a scheme, a visit request), the admin edits a text
// on a card and the card changes, a CPR number is refused at the field, a partner contact may
// not edit, and `info folder` comes back with a download link to the Word hand-out.
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Card, cardOf, cardText, elements, filledData, shownText, TEST_TENANT_ID, type TeamsTestUser, teamsUser } from "../support/teams-activities.js";
import { invoke, invokeForCard, sayAll, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const admin = teamsUser("Sara Sekretariat");
const partner = teamsUser("Pia Partner");
const english = teamsUser("Emma English", { locale: "en-GB" });
let teams: TeamsTestApp;

beforeAll(async () => {
  teams = await startTeamsTestApp({ admins: [] });
  const { db } = teams;
  const aalborg = await db.prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const org = (name: string) => db.prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name } });
  const [lo, jc] = await Promise.all([org("LO-Aalborg"), org("Jobcenter Aalborg")]);
  const contact = (user: TeamsTestUser, organisationId: string, role: "partner_contact" | "secretariat_admin") => ({
    platform: "teams" as const,
    workspaceId: TEST_TENANT_ID,
    userId: user.aadObjectId!,
    organisationId,
    role,
    createdBy: "test",
  });
  await db.prisma.contact.createMany({
    data: [contact(partner, lo.id, "partner_contact"), contact(english, lo.id, "partner_contact"), contact(admin, jc.id, "secretariat_admin")],
  });
});

afterAll(async () => {
  await teams?.close();
});

const say = (user: TeamsTestUser, text: string, count = 1) => sayAll(teams, user, text, { count, timeoutMs: 20_000 });

describe("Teams: scheme information", () => {
  it("`info` shows a short card per scheme with the rule set's figures, within the card size limit", async () => {
    const [call] = await say(partner, "info");
    const card = cardOf(call!.body);
    expect(cardText(card)).toContain("Sådan kan virksomheden tage en flygtning eller ledig ind");
    expect(cardText(card)).toContain("Varighed: 4–13 uger efter målgruppe (LAB § 61)");
    expect(Buffer.byteLength(JSON.stringify(call!.body))).toBeLessThan(28_000);
    const verbs = elements(card).filter((e) => e.type === "Action.Execute" && e.verb === "schemes.show");
    expect(verbs).toHaveLength(8);
  });

  it("`info igu` in Danish and in English", async () => {
    const [da] = await say(partner, "info igu");
    expect(cardText(cardOf(da!.body))).toContain("Bonus til private virksomheder: 2 × 20.000 kr.");
    const [en] = await say(english, "info igu");
    expect(cardText(cardOf(en!.body))).toContain("Bonus for private companies: 2 × DKK 20,000");
  });

  it("an unknown scheme gets the list", async () => {
    const [call] = await say(partner, "info constructor");
    expect(shownText(call!.body)).toContain("Jeg kender ikke ordningen »constructor«");
  });

  it("the card's buttons open a scheme and the visit request form", async () => {
    const since = teams.connector.calls.length;
    expect((await invoke(teams, partner, { verb: "schemes.show", data: { verb: "schemes.show", value: "praktik" } })).status).toBe(200);
    const [shown] = await teams.connector.waitForActivities(1, since, 10_000);
    expect(cardText(cardOf(shown!.body))).toContain("Højst 37 timer om ugen");
    const before = teams.connector.calls.length;
    await invoke(teams, partner, { verb: "support.open_form", data: { verb: "support.open_form", value: "visit" } });
    const [visit] = await teams.connector.waitForActivities(1, before, 10_000);
    expect(cardText(cardOf(visit!.body))).toContain("Bestil besøg");
  });

  it("the admin edits the text on a card and the card changes; a CPR number is refused at the field", async () => {
    const [call] = await say(admin, "info ret praktik");
    const form: Card = cardOf(call!.body);
    expect(cardText(form)).toContain("Virksomhedspraktik på dansk");
    const refused = await invokeForCard(teams, admin, filledData(form, { who: "Ali 010190-1234" }));
    expect(cardText(refused)).toContain("CPR");
    const done = await invokeForCard(teams, admin, filledData(form, { what: "I Aalborg kan praktikken vare op til {{praktikWeeksMax}} uger." }));
    expect(cardText(done)).toContain("er gemt");
    const [after] = await say(partner, "info praktik");
    expect(cardText(cardOf(after!.body))).toContain("I Aalborg kan praktikken vare op til 13 uger.");
    const audit = await teams.db.prisma.auditEvent.findMany({ where: { entity: "scheme_text" } });
    expect(audit).toMatchObject([{ action: "create", actor: `teams:${TEST_TENANT_ID}:${admin.aadObjectId}` }]);
  });

  it("a partner contact cannot edit", async () => {
    const [call] = await say(partner, "info ret praktik");
    expect(shownText(call!.body)).toContain("Kun sekretariatet kan rette teksterne");
  });

  it("`info folder` comes back with a download link to the Word hand-out", async () => {
    const [working, ready] = await say(partner, "info folder", 2);
    expect(shownText(working!.body)).toContain("Jeg laver folderen");
    const links = elements(cardOf(ready!.body)).filter((e) => e.type === "Action.OpenUrl");
    expect(links).toHaveLength(1);
    const res = await fetch(String(links[0]!.url));
    expect(res.headers.get("content-disposition")).toContain("ordninger-aalborg-2016.docx");
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) });
    expect(value).toContain("I Aalborg kan praktikken vare op til 13 uger.");
  });
});
