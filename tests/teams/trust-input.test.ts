// Hostile input through Teams end to end: in Teams the form's nonce is ordinary card data, so
// anyone can send another person's; CPR numbers in every shape; impossible dates and NUL bytes;
// <at> mention syntax in a company name; and `slet` asking before it deletes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPR_VARIANTS } from "../support/cpr-variants.js";
import { capturingLogger } from "../support/slack-harness.js";
import { type Card, cardOf, cardText, choiceValue, filledData, input, invokeCard, type TeamsTestUser, teamsUser } from "../support/teams-activities.js";
import { invoke, say, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const admin = teamsUser("Sara Sekretariat");
const admin2 = teamsUser("Søren Sekretariat");
const AALBORG = "Partnerskab om integration, Aalborg 2016";
let teams: TeamsTestApp;
const { logger, lines } = capturingLogger();

beforeAll(async () => {
  teams = await startTeamsTestApp({ admins: [admin, admin2], logger });
});
afterAll(async () => {
  await teams?.close();
});

const openForm = async (user: TeamsTestUser): Promise<Card> => cardOf((await say(teams, user, "ny")).body);

let pNumbers = 0;
function values(card: Card, over: Record<string, string> = {}): Record<string, string> {
  pNumbers += 1;
  return {
    organisationId: choiceValue(card, "organisationId", (t) => t.startsWith("Dansk Industri Aalborg")),
    companyName: "Aalborg Portland",
    cvr: "24256790",
    employerSector: "private",
    sector: "construction",
    shortageSector: "yes",
    typeId: choiceValue(card, "typeId", (t) => t.startsWith("Virksomhedspraktik") && t.includes(AALBORG)),
    places: "1",
    startDate: "2016-10-10",
    weeks: "",
    contactPerson: "Hanne Jensen",
    needs: "",
    note: "",
    pNumber: `20${String(pNumbers).padStart(8, "0")}`,
    ordinaryEmployees: "100",
    benefitGroup: "introduktionsprogram",
    purpose: "skills",
    ...over,
  };
}

const submit = async (user: TeamsTestUser, card: Card, over: Record<string, string>) => {
  const res = await invoke(teams, user, filledData(card, values(card, over)));
  expect(res.status).toBe(200);
  return invokeCard(res.body);
};
const count = () => teams.db.prisma.placement.count();
const errorLogs = () => lines.filter((l) => l.level >= 50);

describe("Teams: another person's form nonce", () => {
  it("is a new submission of the sender's own, never the other person's placement", async () => {
    const card = await openForm(admin);
    expect(cardText(await submit(admin, card, { companyName: "Hemmelig Virksomhed", cvr: "20000007" }))).toContain("Praktikpladsen er gemt");
    // The same card data, nonce and all, pressed by someone else with their own company.
    const theirs = cardText(await submit(admin2, card, { companyName: "Anden Virksomhed", cvr: "30000005" }));
    expect(theirs).toContain("Praktikpladsen er gemt");
    expect(theirs).toContain("Anden Virksomhed");
    expect(theirs).not.toContain("Hemmelig Virksomhed");
    // The sender's own retry still finds their own.
    expect(cardText(await submit(admin2, card, { companyName: "Anden Virksomhed", cvr: "30000005" }))).toContain("allerede gemt");
    const rows = await teams.db.prisma.placement.findMany({ orderBy: { companyName: "asc" } });
    expect(rows.map((r) => [r.companyName, r.createdBy])).toEqual([
      ["Anden Virksomhed", expect.stringContaining(admin2.aadObjectId!)],
      ["Hemmelig Virksomhed", expect.stringContaining(admin.aadObjectId!)],
    ]);
  });
});

describe("Teams: CPR numbers in every shape", () => {
  it.each(CPR_VARIANTS)("refuses one typed as %s at the field, keeping what was typed", async (_name, cpr) => {
    const card = await openForm(admin);
    const before = await count();
    const answer = await submit(admin, card, { note: `Kandidat ${cpr}`, contactPerson: `Hanne ${cpr}` });
    expect(input(answer, "note").errorMessage).toContain("ligner et CPR-nummer");
    expect(input(answer, "contactPerson").errorMessage).toContain("ligner et CPR-nummer");
    expect(input(answer, "note").value).toBe(`Kandidat ${cpr}`);
    expect(await count()).toBe(before);
  });
});

describe("Teams: impossible dates and NUL bytes", () => {
  it.each([
    ["2026-13-01", "Datoen findes ikke"],
    ["+010000-01", "Datoen findes ikke"],
    ["1900-01-01", "mellem år 2000 og 2099"],
    ["9999-12-31", "mellem år 2000 og 2099"],
    ["2030-01-01", "partnerskabets periode"],
  ])("a start date of %s is a field error, nothing stored, no error logged", async (startDate, message) => {
    const card = await openForm(admin);
    const before = await count();
    const answer = await submit(admin, card, { startDate });
    expect(input(answer, "startDate").errorMessage).toContain(message);
    expect(await count()).toBe(before);
    expect(errorLogs()).toEqual([]);
  });

  it("removes NUL and control characters instead of failing", async () => {
    const card = await openForm(admin);
    const answer = await submit(admin, card, { note: "Morgen\u0000vagter\u001B", cvr: "10000009" });
    expect(cardText(answer)).toContain("Praktikpladsen er gemt");
    expect(await teams.db.prisma.placement.count({ where: { note: "Morgenvagter" } })).toBe(1);
    expect(errorLogs()).toEqual([]);
  });
});

describe("Teams: mention syntax in user text", () => {
  it("shows <at> typed into a company name as text, never as a mention", async () => {
    const card = await openForm(admin);
    const answer = await submit(admin, card, { companyName: "<at>Sara Sekretariat</at> ApS", cvr: "40000003" });
    const text = cardText(answer);
    expect(text).toContain("‹at›Sara Sekretariat‹/at› ApS");
    expect(JSON.stringify(answer)).not.toContain("<at>");
    const list = JSON.stringify((await say(teams, admin, "liste")).body);
    expect(list).not.toContain("<at>");
  });
});

describe("Teams: slet asks first", () => {
  it("shows what will be deleted, lets only the admin who asked confirm, then deletes, audited", async () => {
    const card = await openForm(admin);
    await submit(admin, card, { caseReference: "JC-SLET-2", companyName: "Slettes ApS", cvr: "50000001" });
    const cases = () => teams.db.prisma.placement.count({ where: { caseReference: "JC-SLET-2" } });
    expect(await cases()).toBe(1);

    const asked = cardOf((await say(teams, admin, "slet JC-SLET-2")).body);
    expect(cardText(asked)).toContain("Slette alt om JC-SLET-2?");
    expect(cardText(asked)).toContain("Slettes ApS");
    const button = (asked.actions ?? []).find((a) => a.verb === "privacy.erase.confirm");
    expect(button).toBeDefined();
    const action = { verb: String(button!.verb), data: button!.data as Record<string, unknown> };
    expect(await cases()).toBe(1);

    const refused = await invoke(teams, admin2, action);
    expect(JSON.stringify(refused.body)).toContain("Kun den administrator, der bad om sletningen");
    expect(await cases()).toBe(1);

    const done = await invoke(teams, admin, action);
    expect(JSON.stringify(done.body)).toContain("Slettet om JC-SLET-2");
    expect(await cases()).toBe(0);
    const audit = await teams.db.prisma.auditEvent.findFirstOrThrow({ where: { entity: "case", entityId: "JC-SLET-2", action: "delete" } });
    expect(audit.actor).toContain(admin.aadObjectId!);
  });
});
