// Invitations in Teams: `admin invitér` opens the invitation card for a secretariat admin, the
// code comes back once on the card, and a person the bot does not know joins with `tilmeld KODE`
// and is then answered as a contact; a partner contact cannot make codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardOf, cardText, choiceValue, filledData, shownText, teamsUser } from "../support/teams-activities.js";
import { invokeForCard, say, sayAll, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const admin = teamsUser("Sara Sekretariat");
const newcomer = teamsUser("Nina Ny", { tenantId: "5f0e1d2c-3b4a-4968-8776-655443322110" });
let t: TeamsTestApp;

beforeAll(async () => {
  t = await startTeamsTestApp({ admins: [admin] });
});
afterAll(async () => {
  await t?.close();
});

describe("admin invitér in Teams", () => {
  let code: string;

  it("makes a code for an organisation and role, shown on the card", async () => {
    const card = cardOf((await say(t, admin, "admin invitér")).body);
    expect(cardText(card)).toContain("Invitér til en organisation");
    const done = await invokeForCard(
      t,
      admin,
      filledData(card, { organisationId: choiceValue(card, "organisationId", "LO-Aalborg"), role: "jobcenter_staff", maxUses: "1" }),
    );
    const found = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(cardText(done));
    expect(found).not.toBeNull();
    code = found![0];
    expect(cardText(done)).toContain(`tilmeld ${code}`);
  });

  it("a number of uses out of range is refused at the field", async () => {
    const card = cardOf((await say(t, admin, "admin invitér")).body);
    const again = await invokeForCard(t, admin, filledData(card, { organisationId: choiceValue(card, "organisationId", "LO-Aalborg"), maxUses: "500" }));
    expect(cardText(again)).toContain("Invitér til en organisation");
    expect(await t.db.prisma.invitation.count()).toBe(1);
  });

  it("someone the bot does not know is told about codes, joins with tilmeld, and is then known", async () => {
    expect(shownText((await say(t, newcomer, "hjælp")).body)).toContain("tilmeld KODE");
    // Two activities: the answer, and the admin's notice in their personal chat with the bot.
    const sent = (await sayAll(t, newcomer, `tilmeld ${code}`, { count: 2 })).map((c) => shownText(c.body));
    expect(sent.find((text) => text.includes("Du er nu Jobcentermedarbejder for LO-Aalborg"))).toBeDefined();
    expect(sent.find((text) => text.includes("Din invitation er brugt") && text.includes("Nina Ny"))).toBeDefined();
    const contact = await t.db.prisma.contact.findFirstOrThrow({ where: { userId: newcomer.aadObjectId! } });
    expect(contact).toMatchObject({ platform: "teams", workspaceId: newcomer.tenantId, role: "jobcenter_staff" });
    expect(shownText((await say(t, newcomer, "hjælp")).body)).toContain("Praktikbot – hjælp");
  });

  it("the same code a second time is used up", async () => {
    const other = teamsUser("Ole Anden");
    expect(shownText((await say(t, other, `tilmeld ${code}`)).body)).toContain("allerede brugt");
  });
});
