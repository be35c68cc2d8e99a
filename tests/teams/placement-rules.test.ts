// The placement rules end to end through Teams: a registration that would break the ratio rule
// is refused at the P-nummer with the numbers shown, and the VITAS summary comes back as a card.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../support/database.js";
import { type Card, cardOf, cardText, choiceValue, filledData, input, inputs, type TeamsTestUser, teamsUser } from "../support/teams-activities.js";
import { invokeForCard, say, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const admin = teamsUser("Sara Sekretariat");
const AALBORG = "Partnerskab om integration, Aalborg 2016";

let teams: TeamsTestApp;
let db: TestDatabase;

beforeAll(async () => {
  teams = await startTeamsTestApp({ admins: [admin] });
  ({ db } = teams);
});

afterAll(async () => {
  await teams?.close();
});

async function openForm(user: TeamsTestUser, text: string): Promise<Card> {
  return cardOf((await say(teams, user, text)).body);
}

const press = (user: TeamsTestUser, action: { verb: string; data: Record<string, unknown> }) => invokeForCard(teams, user, action);

function praktik(card: Card, overrides: Record<string, string> = {}): Record<string, string> {
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
    contactPerson: "Hanne Jensen, 12345678",
    needs: "",
    note: "",
    pNumber: "1024256790",
    ordinaryEmployees: "100",
    hoursPerWeek: "",
    benefitGroup: "introduktionsprogram",
    purpose: "skills",
    ...overrides,
  };
}

const placementCount = () => db.prisma.placement.count();

describe("Teams: the ratio rule at registration", () => {
  it("refuses a registration that would break the ratio at the P-nummer, with the numbers and the rule, and keeps what was typed", async () => {
    const form = await openForm(admin, "ny");
    const before = await placementCount();
    const typed = praktik(form, { companyName: "Limfjordens Bageri", cvr: "30000005", pNumber: "1030000005", ordinaryEmployees: "4", places: "2" });
    const card = await press(admin, filledData(form, typed));
    expect(await placementCount()).toBe(before);

    const pNumber = input(card, "pNumber");
    expect(pNumber.value).toBe("1030000005");
    const message = String(pNumber.errorMessage);
    expect(message).toContain("Rimelighedskravet er ikke opfyldt på P-nummer 1030000005");
    expect(message).toContain("med 4 ordinært ansatte: ingen andre er i praktik");
    expect(message).toContain("alene bliver 2 – højst 1 er tilladt");
    expect(message).toContain("§ 65");
    expect(message).toContain("1 pr. 5 ordinært ansatte op til 50 og derefter 1 pr. 10 – mindst 1");
    // The admin is told how to save anyway, as an internal decision and not an exemption from the law.
    expect(message).toContain("begrundelse i feltet om undtagelse");
    expect(message).toContain("ikke en dispensation fra loven");
    expect(cardText(card)).toContain(message);
    // Only the P-nummer is wrong, and everything typed is still there.
    expect(inputs(card).filter((i) => i.id !== "pNumber" && String(i.errorMessage ?? "").includes("Rimelighedskravet"))).toEqual([]);
    expect(cardText(card)).toContain("Ret de markerede felter og send igen.");
    expect(input(card, "companyName").value).toBe("Limfjordens Bageri");
    expect(input(card, "places").value).toBe(2);

    // One place fits: the corrected card saves.
    const fixed = await press(admin, filledData(card, { places: "1" }));
    expect(cardText(fixed)).toContain("Praktikpladsen er gemt");
    expect(await placementCount()).toBe(before + 1);

    // A second placement in the same period at the same P-nummer counts the first one.
    const next = await openForm(admin, "ny");
    const refused = await press(
      admin,
      filledData(next, praktik(next, { companyName: "Limfjordens Bageri", cvr: "30000005", pNumber: "1030000005", ordinaryEmployees: "" })),
    );
    expect(String(input(refused, "pNumber").errorMessage)).toContain(
      "1 person på 37 timer er allerede i praktik, løntilskud eller nytteindsats; med denne (på 37 timer) bliver det 2 – højst 1 er tilladt",
    );
    expect(await placementCount()).toBe(before + 1);
  });
});

describe("Teams: the VITAS summary", () => {
  it("'vitas' asks which placement, saves the tasks and answers with the fields to copy into VITAS", async () => {
    const form = await openForm(admin, "vitas");
    expect(cardText(form)).toContain("Oplysninger til VITAS");
    const placement = await db.prisma.placement.findFirstOrThrow({ where: { company: { cvr: "30000005" } } });
    const card = await press(admin, filledData(form, { placementId: placement.id, tasks: "Bagning og opvask", createdInVitas: "yes" }));
    const text = cardText(card);
    expect(text).toContain("Til VITAS: Limfjordens Bageri");
    expect(text).toContain("30000005");
    expect(text).toContain("1030000005");
    expect(text).toContain("Bagning og opvask");
    expect(text).toContain("Hanne Jensen, 12345678");
    expect(text).toContain("Aftalen er registreret som oprettet i VITAS");
    const row = await db.prisma.placement.findUniqueOrThrow({ where: { id: placement.id } });
    expect(row.tasks).toBe("Bagning og opvask");
    expect(row.vitasCreatedAt).not.toBeNull();
    const audit = await db.prisma.auditEvent.findMany({ where: { entityId: placement.id, action: "vitas" } });
    expect(audit).toHaveLength(1);
  });
});

describe("Teams: every problem of the placement form in one pass", () => {
  it("reports a missing company, the P-nummer, target group and purpose the type requires and a bad CVR at once, marks them required, and keeps what was typed", async () => {
    const form = await openForm(admin, "ny");
    const before = await placementCount();
    const typed = praktik(form, { companyName: "", cvr: "12345678", pNumber: "", benefitGroup: "", purpose: "" });
    const card = await press(admin, filledData(form, typed));
    expect(await placementCount()).toBe(before);
    // The renderer shows its required-message at every required input; what matters is which are required and what the server said.
    expect(String(input(card, "cvr").errorMessage)).toContain("kontrolcifferet passer ikke");
    for (const id of ["companyName", "pNumber", "benefitGroup", "purpose"]) expect(input(card, id).errorMessage).toBeTruthy();
    // Before the type was chosen these were optional; now the type's rules require them.
    for (const id of ["pNumber", "benefitGroup", "purpose"]) expect(input(card, id).isRequired).toBe(true);
    expect(input(card, "ordinaryEmployees").isRequired).toBe(false);
    expect(input(form, "pNumber").isRequired).toBe(false);
    expect(input(card, "contactPerson").value).toBe("Hanne Jensen, 12345678");
  });
});
