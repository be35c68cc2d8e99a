// The secretariat adds contacts through Teams; a partner contact then registers and sees only
// their own organisation's placements. Every form the bot sends in Teams is a valid, small
// Adaptive Card 1.5 with unique input ids.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import type { TestDatabase } from "../support/database.js";
import type { FakeTeamsConnector } from "../support/fake-teams-connector.js";
import {
  type Card,
  cardActionInvoke,
  cardOf,
  cardText,
  choiceValue,
  elements,
  elementsAfter,
  filledData,
  input,
  inputs,
  invokeCard,
  messageActivity,
  postActivity,
  shownText,
  TEST_TENANT_ID,
  type TeamsTestUser,
  teamsUser,
} from "../support/teams-activities.js";
import { invoke as invokeIn, say as sayIn, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const admin = teamsUser("Sara Sekretariat");
const partner = teamsUser("Peter Partner");
const colleague = teamsUser("Lone LO");
const AALBORG = "Partnerskab om integration, Aalborg 2016";
const FREDERICIA = "Partnerskabsaftaler Sønder-Korskærparken, Fredericia";

let teams: TeamsTestApp;
let db: TestDatabase;
let connector: FakeTeamsConnector;

beforeAll(async () => {
  teams = await startTeamsTestApp({ admins: [admin] });
  ({ db, connector } = teams);
});

afterAll(async () => {
  await teams?.close();
});

const say = (user: TeamsTestUser, text: string) => sayIn(teams, user, text);

async function press(user: TeamsTestUser, action: { verb: string; data: Record<string, unknown> }) {
  const res = await invokeIn(teams, user, action);
  expect(res.status).toBe(200);
  return res.body;
}

function placementValues(card: Card, values: Record<string, string>): Record<string, string> {
  return {
    employerSector: "private",
    sector: "retail",
    shortageSector: "no",
    typeId: choiceValue(card, "typeId", (t) => t.startsWith("Virksomhedspraktik")),
    places: "1",
    startDate: "2016-10-17",
    contactPerson: "Butikschef Mette",
    pNumber: `10${values.cvr ?? "24256790"}`,
    ordinaryEmployees: "100",
    benefitGroup: "introduktionsprogram",
    purpose: "skills",
    ...values,
  };
}

const forms: { name: string; card: Card }[] = [];

describe("Teams: adding contacts", () => {
  it("remembers people who talk to the bot, and tells them they have no access yet", async () => {
    expect(shownText((await say(partner, "hej")).body)).toContain("Du har ikke adgang endnu");
  });

  it("opens the contact form for an admin, with the people the bot has met", async () => {
    const card = cardOf((await say(admin, "admin")).body);
    forms.push({ name: "contact form", card });
    expect(cardText(card)).toContain("Tilføj kontaktperson");
    const user = input(card, "userId");
    expect(user).toMatchObject({ type: "Input.ChoiceSet", style: "compact", label: "Person" });
    const titles = (user.choices as { title: string }[]).map((c) => c.title);
    expect(titles).toContain(`Peter Partner (${partner.aadObjectId})`);
    // Anyone not met yet: their id can be typed, right after the hint that says so.
    expect(elementsAfter(card, "userId", 2)).toMatchObject([
      { type: "TextBlock", isSubtle: true },
      { type: "Input.Text", id: "userId__typed" },
    ]);
    expect(input(card, "role")).toMatchObject({ type: "Input.ChoiceSet", style: "expanded", value: "partner_contact" });
    expect((input(card, "organisationId").choices as unknown[]).length).toBeGreaterThan(10);
  });

  it("adds a contact chosen from the list, with an audit event", async () => {
    const card = forms.find((f) => f.name === "contact form")!.card;
    const body = await press(
      admin,
      filledData(card, {
        userId: partner.aadObjectId!,
        organisationId: choiceValue(card, "organisationId", (t) => t.startsWith("Dansk Industri Aalborg")),
      }),
    );
    expect(cardText(invokeCard(body))).toContain("Peter Partner er nu Kontaktperson hos partner for Dansk Industri Aalborg.");
    const contact = await db.prisma.contact.findFirstOrThrow({ where: { userId: partner.aadObjectId! } });
    expect(contact).toMatchObject({ platform: "teams", workspaceId: TEST_TENANT_ID, role: "partner_contact" });
    const audits = await db.prisma.auditEvent.findMany();
    expect(audits.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(audits)).toContain(partner.aadObjectId!);
  });

  it("adds a contact by a typed id, which wins over the list", async () => {
    const card = cardOf((await say(admin, "admin")).body);
    const body = await press(
      admin,
      filledData(card, {
        userId: partner.aadObjectId!,
        userId__typed: ` ${colleague.aadObjectId!} `,
        organisationId: choiceValue(card, "organisationId", (t) => t.startsWith("LO-Aalborg")),
      }),
    );
    expect(cardText(invokeCard(body))).toContain("er nu Kontaktperson hos partner for LO-Aalborg.");
    const contact = await db.prisma.contact.findFirstOrThrow({ where: { userId: colleague.aadObjectId! } });
    expect(contact.workspaceId).toBe(TEST_TENANT_ID);
    // The partner stays where they were.
    const still = await db.prisma.contact.findFirstOrThrow({ where: { userId: partner.aadObjectId! } });
    expect(still.organisationId).not.toBe(contact.organisationId);
  });

  it("refuses something that is not a user id, at the person field, keeping what was typed", async () => {
    const card = cardOf((await say(admin, "admin")).body);
    const before = await db.prisma.contact.count();
    const body = await press(
      admin,
      filledData(card, { userId__typed: "x", organisationId: choiceValue(card, "organisationId", (t) => t.startsWith("LO-Aalborg")) }),
    );
    const again = invokeCard(body);
    expect(input(again, "userId__typed").value).toBe("x");
    expect(input(again, "userId").errorMessage).toBe("Det ligner ikke et bruger-id.");
    const after = elementsAfter(again, "userId__typed", 1)[0];
    expect(after).toMatchObject({ type: "TextBlock", text: "Det ligner ikke et bruger-id." });
    expect(String(after?.color).toLowerCase()).toBe("attention");
    expect(await db.prisma.contact.count()).toBe(before);
  });

  it("does not let a partner contact open the contact form", async () => {
    const text = shownText((await say(partner, "admin")).body);
    expect(text).toBe("Kun sekretariatet kan tilføje kontaktpersoner.");
  });
});

describe("Teams: a partner contact's placements", () => {
  it("registers for their own organisation without choosing it", async () => {
    const card = cardOf((await say(partner, "ny")).body);
    forms.push({ name: "partner contact's placement form", card });
    expect(inputs(card).some((i) => i.id === "organisationId")).toBe(false);
    expect(cardText(card)).toContain("Dansk Industri Aalborg");
    const body = await press(partner, filledData(card, placementValues(card, { companyName: "Salling Aalborg", cvr: "24256790" })));
    expect(cardText(invokeCard(body))).toContain("Praktikpladsen er gemt");
  });

  it("sees only their organisation's placements, while the admin sees all", async () => {
    const adminCard = cardOf((await say(admin, "ny")).body);
    forms.push({ name: "admin placement form", card: adminCard });
    const body = await press(
      admin,
      filledData(
        adminCard,
        placementValues(adminCard, {
          organisationId: choiceValue(adminCard, "organisationId", (t) => t.startsWith("LO-Aalborg")),
          typeId: choiceValue(adminCard, "typeId", (t) => t.startsWith("Virksomhedspraktik") && t.includes(AALBORG)),
          companyName: "Nordjyske Medier",
          cvr: "10000009",
        }),
      ),
    );
    expect(cardText(invokeCard(body))).toContain("Praktikpladsen er gemt");

    const partnerList = shownText((await say(partner, "liste")).body);
    expect(partnerList).toContain("Seneste praktikpladser – Dansk Industri Aalborg");
    expect(partnerList).toContain("Salling Aalborg");
    expect(partnerList).not.toContain("Nordjyske Medier");

    const adminList = shownText((await say(admin, "liste")).body);
    expect(adminList).toContain("Salling Aalborg");
    expect(adminList).toContain("Nordjyske Medier");
  });

  it("cannot register for another organisation by changing the card's data", async () => {
    const card = cardOf((await say(partner, "ny")).body);
    const lo = (await db.prisma.organisation.findFirstOrThrow({ where: { name: "LO-Aalborg" } })).id;
    const before = await db.prisma.placement.count({ where: { organisationId: lo } });
    const body = await press(partner, filledData(card, placementValues(card, { organisation: lo, companyName: "Forkert ApS", cvr: "20000007" })));
    const text = cardText(invokeCard(body));
    expect(text).toContain("Dansk Industri Aalborg");
    expect(await db.prisma.placement.count({ where: { organisationId: lo } })).toBe(before);
  });
});

describe("Teams: with credentials", () => {
  it("refuses activities that carry no Bot Framework token", async () => {
    const secured = await startApp(
      loadConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        CLIENT_ID: "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        CLIENT_SECRET: "not-a-real-secret",
        TENANT_ID: TEST_TENANT_ID,
        BOT_ADMINS: admin.aadObjectId,
      }),
      { logger: silentLogger(), database: db },
    );
    try {
      expect(secured.adapters.map((a) => a.name)).toEqual(["teams"]);
      const since = connector.calls.length;
      const before = await db.prisma.placement.count();
      const res = await postActivity(secured.url, messageActivity({ serviceUrl: connector.url, user: admin, text: "ny" }));
      expect(res.status).toBe(401);
      const invoke = await postActivity(
        secured.url,
        cardActionInvoke({ serviceUrl: connector.url, user: admin, verb: "placement.new", data: { nonce: "x", companyName: "Uden Token ApS" } }),
      );
      expect(invoke.status).toBe(401);
      expect(connector.calls.length).toBe(since);
      expect(await db.prisma.placement.count()).toBe(before);
    } finally {
      await secured.close();
    }
  });
});

describe("Teams: every form card", () => {
  it("covers the admin form with both example partnerships, a partner's form and the contact form", () => {
    expect(forms.map((f) => f.name).sort()).toEqual(["admin placement form", "contact form", "partner contact's placement form"]);
    const admin = forms.find((f) => f.name === "admin placement form")!.card;
    const titles = (input(admin, "organisationId").choices as { title: string }[]).map((c) => c.title);
    expect(titles.some((t) => t.includes(AALBORG))).toBe(true);
    expect(titles.some((t) => t.includes(FREDERICIA))).toBe(true);
  });

  it("is Adaptive Card 1.5, valid JSON under 80 KB, with unique input ids and one Action.Execute", () => {
    for (const { name, card } of forms) {
      const json = JSON.stringify(card);
      const parsed = JSON.parse(json) as Card;
      expect(parsed.type, name).toBe("AdaptiveCard");
      expect(parsed.version, name).toBe("1.5");
      expect(Buffer.byteLength(json, "utf8"), name).toBeLessThan(80 * 1024);
      const ids = inputs(parsed).map((i) => i.id);
      expect(
        ids.every((id) => typeof id === "string" && id.length > 0),
        name,
      ).toBe(true);
      expect(new Set(ids).size, name).toBe(ids.length);
      // No element id collides with an input id either.
      const allIds = elements(parsed)
        .map((e) => e.id)
        .filter((id): id is string => typeof id === "string");
      expect(new Set(allIds).size, name).toBe(allIds.length);
      for (const i of inputs(parsed)) expect(typeof i.label === "string" || i.id?.endsWith("__typed"), `${name}: ${i.id}`).toBe(true);
      const executes = (parsed.actions ?? []).filter((a) => a.type === "Action.Execute");
      expect(executes.length, name).toBe(1);
      expect(executes[0]!.data, name).toMatchObject({ nonce: expect.any(String) });
    }
  });
});
