// Hostile input through Slack end to end: another person's form nonce, CPR numbers in every
// shape, a company renamed by another organisation, mention syntax in a company name,
// impossible dates and NUL bytes, and `slet` asking before it deletes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPR_VARIANTS } from "../support/cpr-variants.js";
import { RESPONSE_URL } from "../support/fake-slack-api.js";
import { ADMIN, allText, commandReply, openModal, optionValue, type SlackTestApp, startSlackTestApp, TEAM } from "../support/slack-harness.js";
import { blockActionsPayload, viewSubmissionPayload } from "../support/slack-requests.js";

const ADMIN2 = "UADMIN2";
const PARTNER_DI = "UPARTNERDI";
const PARTNER_LO = "UPARTNERLO";
let t: SlackTestApp;

type Json = Record<string, unknown>;

beforeAll(async () => {
  t = await startSlackTestApp({ admins: [ADMIN, ADMIN2] });
  for (const user of [ADMIN, ADMIN2, PARTNER_DI, PARTNER_LO]) t.fake.setUser(user, { locale: "da-DK", realName: user });
  const prisma = t.db.prisma;
  const aalborg = await prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const org = (name: string) => prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name } });
  const contact = async (userId: string, name: string) =>
    prisma.contact.create({
      data: { platform: "slack", workspaceId: TEAM, userId, organisationId: (await org(name)).id, role: "partner_contact", createdBy: "test" },
    });
  await contact(PARTNER_DI, "Dansk Industri Aalborg");
  await contact(PARTNER_LO, "LO-Aalborg");
});
afterAll(async () => {
  await t?.close();
});

let pNumbers = 0;
/** A valid virksomhedspraktik; a partner contact's form has no organisation field. */
function values(view: Json, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const inputs = (view.blocks as Json[]).filter((b) => b.type === "input").map((b) => b.block_id);
  const isPartner = !inputs.includes("organisationId");
  pNumbers += 1;
  return {
    ...(isPartner ? {} : { organisationId: optionValue(view, "organisationId", "Dansk Industri Aalborg") }),
    companyName: "Aalborg Portland",
    cvr: "24256790",
    shortageSector: "yes",
    sector: "construction",
    typeId: isPartner ? optionValue(view, "typeId", /^Virksomhedspraktik/) : optionValue(view, "typeId", "Virksomhedspraktik", /Aalborg/),
    places: "1",
    startDate: "2016-10-10",
    contactPerson: "Hanne Jensen",
    pNumber: `10${String(pNumbers).padStart(8, "0")}`,
    ordinaryEmployees: "100",
    benefitGroup: "introduktionsprogram",
    purpose: "skills",
    ...over,
  };
}

async function submit(userId: string, opened: { view: Json; viewId: string }, typed: Record<string, string | string[]>) {
  const res = await t.slack.interact(viewSubmissionPayload({ userId, viewId: opened.viewId, view: opened.view, values: typed }));
  expect(res.status).toBe(200);
  return res.json as { response_action: string; view?: Json; errors?: Record<string, string> };
}

/** Every text Slack reads as mrkdwn (where <!channel> would notify): mrkdwn elements and messages' text. Plain text never mentions anyone. */
function mrkdwnTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) mrkdwnTexts(v, out);
  else if (value && typeof value === "object") {
    const o = value as Json;
    // A mrkdwn element, or a message's own text (which has no type).
    if (typeof o.text === "string" && (o.type === "mrkdwn" || o.type === undefined)) out.push(o.text);
    for (const v of Object.values(o)) if (typeof v === "object") mrkdwnTexts(v, out);
  }
  return out;
}

const errorLogs = () => t.logs.filter((l) => l.level >= 50);

describe("Slack: another person's form nonce", () => {
  it("is a new submission of the sender's own, after the access checks, never the other person's placement", async () => {
    const mine = await openModal(t, ADMIN, "ny");
    const saved = await submit(ADMIN, mine, values(mine.view, { companyName: "Hemmelig Virksomhed", cvr: "20000007", contactPerson: "Admin Et" }));
    expect(allText(saved.view)).toContain("Praktikpladsen er gemt");

    // The same view (same nonce) sent by another admin with their own company.
    const other = await submit(ADMIN2, mine, values(mine.view, { companyName: "Anden Virksomhed", cvr: "30000005", contactPerson: "Admin To" }));
    const shown = allText(other.view);
    expect(shown).toContain("Praktikpladsen er gemt");
    expect(shown).toContain("Anden Virksomhed");
    expect(shown).not.toContain("Hemmelig Virksomhed");
    expect(shown).not.toContain("allerede gemt");

    // A partner contact of another organisation with the same nonce: their own organisation comes
    // from who they are, so it is saved for it — never answered with the admin's placement.
    const partner = await submit(PARTNER_LO, mine, values(mine.view, { companyName: "LO Firma", cvr: "10000009", contactPerson: "Lone" }));
    expect(allText(partner)).not.toContain("Hemmelig Virksomhed");
    const rows = await t.db.prisma.placement.findMany({ include: { company: true, organisation: true } });
    expect(rows.map((r) => [r.companyName, r.createdBy, r.organisation.name]).sort()).toEqual(
      [
        ["Anden Virksomhed", `slack:${TEAM}:${ADMIN2}`, "Dansk Industri Aalborg"],
        ["Hemmelig Virksomhed", `slack:${TEAM}:${ADMIN}`, "Dansk Industri Aalborg"],
        ...(partner.response_action === "update" ? [["LO Firma", `slack:${TEAM}:${PARTNER_LO}`, "LO-Aalborg"]] : []),
      ].sort(),
    );
  });
});

describe("Slack: CPR numbers in every shape", () => {
  it.each(CPR_VARIANTS)("refuses one typed as %s in the note and in the contact person, at those fields, storing nothing", async (_name, cpr) => {
    const opened = await openModal(t, PARTNER_DI, "ny");
    const before = await t.db.prisma.placement.count();
    const answer = await submit(
      PARTNER_DI,
      opened,
      values(opened.view, { note: `Kandidat ${cpr}`, contactPerson: `Hanne ${cpr}`, companyName: `Firma ${cpr}` }),
    );
    expect(answer.response_action).toBe("errors");
    for (const field of ["note", "contactPerson", "companyName"]) expect(answer.errors?.[field]).toContain("ligner et CPR-nummer");
    expect(await t.db.prisma.placement.count()).toBe(before);
  });

  it("refuses a CPR number as a command argument", async () => {
    const reply = await commandReply(t, ADMIN, "indsigt 01 01 90 1234");
    expect(allText(reply.body)).toContain("ligner et CPR-nummer");
  });
});

describe("Slack: a company's shared name", () => {
  it("is not renamed by another organisation's registration; their typed name stays on their placement", async () => {
    const first = await openModal(t, PARTNER_DI, "ny");
    await submit(PARTNER_DI, first, values(first.view, { companyName: "Nordjysk Stål A/S", cvr: "12345674" }));
    const second = await openModal(t, PARTNER_LO, "ny");
    const lo = await submit(PARTNER_LO, second, values(second.view, { companyName: "<!channel> Snydefirma", cvr: "12345674" }));
    expect(lo.response_action).toBe("update");
    const company = await t.db.prisma.company.findUniqueOrThrow({ where: { cvr: "12345674" }, include: { placements: true } });
    expect(company.name).toBe("Nordjysk Stål A/S");
    expect(company.placements.map((p) => p.companyName).sort()).toEqual(["<!channel> Snydefirma", "Nordjysk Stål A/S"]);
  });

  it("is renamed by a secretariat admin, audited", async () => {
    const opened = await openModal(t, ADMIN, "ny");
    await submit(ADMIN, opened, values(opened.view, { companyName: "Nordjysk Stål ApS", cvr: "12345674" }));
    const company = await t.db.prisma.company.findUniqueOrThrow({ where: { cvr: "12345674" } });
    expect(company.name).toBe("Nordjysk Stål ApS");
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { entity: "company", entityId: company.id, action: "rename" } });
    expect(audit).toMatchObject({ actor: `slack:${TEAM}:${ADMIN}`, before: { name: "Nordjysk Stål A/S" }, after: { name: "Nordjysk Stål ApS" } });
  });

  it("shows mention syntax typed into a company name as text, never as a mention", async () => {
    const since = t.fake.calls.length;
    const opened = await openModal(t, PARTNER_LO, "ny");
    const typed = "<!channel> <!here> <@U0ADMIN> <#C0001> Firma";
    const answer = await submit(PARTNER_LO, opened, values(opened.view, { companyName: typed, cvr: "40000003" }));
    expect(answer.response_action).toBe("update");
    await commandReply(t, ADMIN, "liste");
    const sent = mrkdwnTexts([answer.view, ...t.fake.calls.slice(since).map((c) => c.body)]).join("\n");
    expect(sent).toContain("&lt;!channel&gt;");
    for (const mention of ["<!channel>", "<!here>", "<@U0ADMIN>", "<#C0001>"]) expect(sent).not.toContain(mention);
  });
});

describe("Slack: impossible dates and NUL bytes", () => {
  it.each([
    ["2026-13-01", "Datoen findes ikke"],
    ["+010000-01", "Datoen findes ikke"],
    ["1900-01-01", "mellem år 2000 og 2099"],
    ["9999-12-31", "mellem år 2000 og 2099"],
    ["2099-12-31", "partnerskabets periode"],
    ["2016-01-01", undefined],
  ])("a start date of %s is a field error in Danish, nothing stored and no error logged", async (startDate, message) => {
    const opened = await openModal(t, PARTNER_DI, "ny");
    const before = await t.db.prisma.placement.count();
    const answer = await submit(PARTNER_DI, opened, values(opened.view, { startDate }));
    if (message === undefined) {
      // Within the period and the window: saved.
      expect(answer.response_action).toBe("update");
      return;
    }
    expect(answer.response_action).toBe("errors");
    expect(answer.errors?.startDate).toContain(message);
    expect(await t.db.prisma.placement.count()).toBe(before);
    expect(errorLogs()).toEqual([]);
  });

  it("removes NUL and control characters from text instead of failing", async () => {
    const opened = await openModal(t, PARTNER_DI, "ny");
    const answer = await submit(PARTNER_DI, opened, values(opened.view, { note: "Morgen\u0000vagter\u0007", contactPerson: "Hanne\u0000 Jensen" }));
    expect(answer.response_action).toBe("update");
    const row = await t.db.prisma.placement.findFirstOrThrow({ where: { note: "Morgenvagter" } });
    expect(row.contactPerson).toBe("Hanne Jensen");
    expect(errorLogs()).toEqual([]);
  });
});

describe("Slack: slet asks first", () => {
  it("shows what will be deleted, lets only the admin who asked confirm, then deletes, audited", async () => {
    const opened = await openModal(t, ADMIN, "ny");
    await submit(ADMIN, opened, values(opened.view, { caseReference: "JC-SLET-1", companyName: "Slettes ApS", cvr: "50000001" }));
    const count = () => t.db.prisma.placement.count({ where: { caseReference: "JC-SLET-1" } });
    expect(await count()).toBe(1);

    const asked = await commandReply(t, ADMIN, "slet JC-SLET-1");
    const shown = allText(asked.body);
    expect(shown).toContain("Slette alt om JC-SLET-1?");
    expect(shown).toContain("Slettes ApS");
    expect(await count()).toBe(1);
    const button = ((asked.body.blocks as Json[]) ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements as Json[])[0]!;
    expect(button.action_id).toBe("privacy.erase.confirm");

    /** Presses the button as `userId` and returns the text of the answer only they see. */
    const pressAs = async (userId: string): Promise<string> => {
      const responseUrl = t.fake.responseUrl("actions");
      const since = t.fake.calls.length;
      const res = await t.slack.interact(blockActionsPayload({ userId, actionId: "privacy.erase.confirm", value: String(button.value), responseUrl }));
      expect(res.status).toBe(200);
      const answered = (c: { method: string; responseUrl?: string; body: Json }) =>
        (c.method === RESPONSE_URL && c.responseUrl === responseUrl) || (c.method === "chat.postEphemeral" && c.body.user === userId);
      await expect.poll(() => t.fake.calls.slice(since).some(answered)).toBe(true);
      return allText(t.fake.calls.slice(since).find(answered)!.body);
    };
    expect(await pressAs(ADMIN2)).toContain("Kun den administrator, der bad om sletningen");
    expect(await count()).toBe(1);
    expect(await pressAs(ADMIN)).toContain("Slettet om JC-SLET-1");
    expect(await count()).toBe(0);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { entity: "case", entityId: "JC-SLET-1", action: "delete" } });
    expect(audit.actor).toBe(`slack:${TEAM}:${ADMIN}`);
  });
});
