// Scheme information through Slack end to end: `/praktik info` and `/praktik info igu` in Danish
// and English with the rule set's figures, the card's buttons open the placement form and a
// visit request, the secretariat admin edits a text in a modal and the card changes (audited), a
// partner contact may not, a CPR number is refused at the field, and the hand-out is uploaded.
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESPONSE_URL } from "../support/fake-slack-api.js";
import { ADMIN, allText, commandReply, openModal, type SlackTestApp, startSlackTestApp, TEAM } from "../support/slack-harness.js";
import { blockActionsPayload, viewSubmissionPayload } from "../support/slack-requests.js";

const PARTNER = "UPARTNER";
const ENGLISH = "UENGLISH";
let t: SlackTestApp;
type Json = Record<string, unknown>;

beforeAll(async () => {
  t = await startSlackTestApp();
  t.fake.setUser(PARTNER, { locale: "da-DK", realName: "Pia Partner" });
  t.fake.setUser(ENGLISH, { locale: "en-GB", realName: "Emma English" });
  t.fake.setUser(ADMIN, { locale: "da-DK", realName: "Sara Sekretariat" });
  const prisma = t.db.prisma;
  const aalborg = await prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const org = (name: string) => prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name } });
  const [di, jc] = await Promise.all([org("Dansk Industri Aalborg"), org("Jobcenter Aalborg")]);
  await prisma.contact.createMany({
    data: [
      { platform: "slack", workspaceId: TEAM, userId: PARTNER, organisationId: di.id, role: "partner_contact", createdBy: "test" },
      { platform: "slack", workspaceId: TEAM, userId: ENGLISH, organisationId: di.id, role: "partner_contact", createdBy: "test" },
      { platform: "slack", workspaceId: TEAM, userId: ADMIN, organisationId: jc.id, role: "secretariat_admin", createdBy: "test" },
    ],
  });
});
afterAll(async () => {
  await t?.close();
});

const buttons = (body: Json) => ((body.blocks as Json[]) ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements as Json[]);

async function press(userId: string, actionId: string, value?: string): Promise<{ since: number; url: string }> {
  const since = t.fake.calls.length;
  const url = t.fake.responseUrl("actions");
  const res = await t.slack.interact(blockActionsPayload({ userId, actionId, responseUrl: url, ...(value !== undefined ? { value } : {}) }));
  expect(res.status).toBe(200);
  return { since, url };
}

describe("Slack: scheme information", () => {
  it("`/praktik info` shows a short card per scheme with the rule set's figures and a button to each", async () => {
    const reply = await commandReply(t, PARTNER, "info");
    const text = allText(reply.body);
    expect(text).toContain("Sådan kan virksomheden tage en flygtning eller ledig ind");
    for (const name of ["Virksomhedspraktik", "Løntilskud", "IGU", "Ordinær ansættelse", "Lærling eller elev", "Virksomhedsmentor", "Tolk", "Fleksjob"]) {
      expect(text).toContain(name);
    }
    expect(text).toContain("Varighed: 4–13 uger efter målgruppe (LAB § 61)");
    expect((reply.body.blocks as Json[]).length).toBeLessThanOrEqual(50);
    const values = buttons(reply.body)
      .filter((b) => b.action_id === "schemes.show")
      .map((b) => b.value);
    expect(values).toEqual(["praktik", "loentilskud", "igu", "ordinaer", "laerling", "mentor", "tolk", "fleksjob"]);
  });

  it("`/praktik info igu` opens the IGU directly, in Danish and in English", async () => {
    const da = allText((await commandReply(t, PARTNER, "info igu")).body);
    expect(da).toContain("IGU – integrationsgrunduddannelse");
    expect(da).toContain("Bonus til private virksomheder: 2 × 20.000 kr.");
    expect(da).toContain("Hvad virksomheden skal gøre");
    const en = allText((await commandReply(t, ENGLISH, "info igu")).body);
    expect(en).toContain("Bonus for private companies: 2 × DKK 20,000");
    expect(en).toContain("What the company must do");
  });

  it("an unknown scheme gets the list of those there are", async () => {
    const text = allText((await commandReply(t, PARTNER, "info __proto__")).body);
    expect(text).toContain("Jeg kender ikke ordningen »__proto__«");
    expect(text).toContain("/praktik info igu");
  });

  it("the card's buttons open a scheme, the placement form and a visit request", async () => {
    const { url } = await press(PARTNER, "schemes.show", "loentilskud");
    const shown = await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === url);
    expect(allText(shown.body)).toContain("Tilskuddet pr. time fastsættes af sekretariatet");

    let { since } = await press(PARTNER, "placement.open_form");
    const placement = await t.fake.waitFor("views.open", undefined, { since });
    expect((placement.body.view as Json).callback_id).toBe("placement.new");

    ({ since } = await press(PARTNER, "support.open_form", "visit"));
    const visit = await t.fake.waitFor("views.open", undefined, { since });
    expect(visit.body.view).toMatchObject({ callback_id: "support.request", title: { text: "Bestil besøg" } });
  });

  it("the admin edits the IGU's text in a modal and the card changes; the change is audited", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "info ret igu da");
    expect(view).toMatchObject({ callback_id: "schemes.text" });
    expect(allText(view)).toContain("En toårig betalt grunduddannelse");
    expect(allText(view)).toContain("{{iguBonusKr}}");
    const refused = await t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId, view, values: { who: "Fx Ali 010190-1234" } }));
    expect(refused.json).toMatchObject({ response_action: "errors", errors: { who: expect.stringContaining("CPR") } });

    const res = await t.slack.interact(
      viewSubmissionPayload({ userId: ADMIN, viewId, view, values: { what: "Aalborgs IGU: bonus på {{iguBonusKr}} kr. to gange." } }),
    );
    expect(allText((res.json as { view: Json }).view)).toContain("Teksten om IGU – integrationsgrunduddannelse på dansk er gemt.");
    const card = allText((await commandReply(t, PARTNER, "info igu")).body);
    expect(card).toContain("Aalborgs IGU: bonus på 20.000 kr. to gange.");
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entity: "scheme_text" } });
    expect(audit).toMatchObject([{ action: "create", actor: `slack:${TEAM}:${ADMIN}` }]);
  });

  it("a partner contact cannot edit the texts", async () => {
    const text = allText((await commandReply(t, PARTNER, "info ret igu")).body);
    expect(text).toContain("Kun sekretariatet kan rette teksterne");
    expect(await t.db.prisma.schemeText.count()).toBe(1);
  });

  it("`/praktik info folder` uploads the hand-out as a Word file", async () => {
    const since = t.fake.calls.length;
    await commandReply(t, PARTNER, "info folder", "CINFO");
    const complete = await t.fake.waitFor("files.completeUploadExternal", () => true, { since, timeoutMs: 20_000 });
    expect(complete.body).toMatchObject({ channel_id: "CINFO" });
    const upload = [...t.fake.uploads.values()].find((u) => u.filename === "ordninger-aalborg-2016.docx");
    const { value } = await mammoth.extractRawText({ buffer: upload!.data! });
    expect(value).toContain("Aalborgs IGU: bonus på 20.000 kr. to gange.");
    expect(value).toContain("Virksomhedspraktik");
  });
});
