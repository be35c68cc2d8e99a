// Registering placements through Teams end to end: the real app and Teams SDK on 127.0.0.1 in
// try-out mode, activities posted to /api/messages as Teams sends them, and the bot's replies
// read back from a fake Bot Framework connector.
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import type { TestDatabase } from "../support/database.js";
import type { FakeTeamsConnector } from "../support/fake-teams-connector.js";
import {
  type Card,
  cardOf,
  cardText,
  choiceValue,
  elementsAfter,
  filledData,
  input,
  inputs,
  installActivity,
  invokeCard,
  messageActivity,
  postActivity,
  shownText,
  submitAction,
  submitMessageActivity,
  type TeamsTestUser,
  teamsUser,
} from "../support/teams-activities.js";
import { invoke, say as sayIn, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const admin = teamsUser("Sara Sekretariat");
const adminInEnglish: TeamsTestUser = { ...admin, locale: "en-US" };
// CVR numbers that pass the modulus-11 check: 24256790, 10000009, 20000007, 30000005.
const AALBORG = "Partnerskab om integration, Aalborg 2016";
const FREDERICIA = "Partnerskabsaftaler Sønder-Korskærparken, Fredericia";

let teams: TeamsTestApp;
let db: TestDatabase;
let connector: FakeTeamsConnector;
let app: RunningApp;
const logLines: string[] = [];

beforeAll(async () => {
  const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(line) });
  teams = await startTeamsTestApp({ admins: [admin], logger });
  ({ db, connector, app } = teams);
});

afterAll(async () => {
  await teams?.close();
});

/** Sends a message as `user` and returns what the bot posted back. */
const say = (user: TeamsTestUser, text: string, opts: { mention?: boolean; conversationType?: "personal" | "channel" } = {}) => sayIn(teams, user, text, opts);

async function openForm(user: TeamsTestUser, command = "ny"): Promise<Card> {
  return cardOf((await say(user, command)).body);
}

async function press(user: TeamsTestUser, action: { verb: string; data: Record<string, unknown> }) {
  return invoke(teams, user, action);
}

function aalborgValues(card: Card, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    organisationId: choiceValue(card, "organisationId", (t) => t.startsWith("Dansk Industri Aalborg")),
    companyName: "Aalborg Portland",
    cvr: "24256790",
    employerSector: "private",
    sector: "construction",
    shortageSector: "yes",
    typeId: choiceValue(card, "typeId", (t) => t.startsWith("Virksomhedspraktik") && t.includes(AALBORG)),
    places: "3",
    startDate: "2016-10-10",
    weeks: "",
    contactPerson: "Hanne Jensen, 12345678",
    needs: "mentor,interpreter",
    note: "",
    ...ruleValues(overrides.cvr ?? "24256790"),
    ...overrides,
  };
}

/** The placement-rule fields a virksomhedspraktik needs; one P-nummer per company. */
function ruleValues(cvr: string): Record<string, string> {
  return { pNumber: `10${cvr}`, ordinaryEmployees: "100", benefitGroup: "introduktionsprogram", purpose: "skills" };
}

function fredericiaValues(card: Card, overrides: Record<string, string> = {}): Record<string, string> {
  return aalborgValues(card, {
    organisationId: choiceValue(card, "organisationId", (t) => t.startsWith("Dansk Byggeri") && t.includes(FREDERICIA)),
    typeId: choiceValue(card, "typeId", (t) => t.startsWith("Virksomhedspraktik") && t.includes(FREDERICIA)),
    companyName: "Fredericia Byg ApS",
    cvr: "10000009",
    places: "2",
    // Within the Fredericia partnership's period (2013–2015): a placement starts within its partnership's period.
    startDate: "2015-10-12",
    ...overrides,
  });
}

const placementCount = () => db.prisma.placement.count();

describe("Teams: registering a placement", () => {
  let form: Card;

  it("runs in try-out mode on loopback and says so in the log", () => {
    expect(new URL(app.url).hostname).toBe("127.0.0.1");
    const warning = logLines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.msg.startsWith("Teams try-out mode"));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain("UNAUTHENTICATED");
  });

  it("answers 'ny' from an admin with the placement form card", async () => {
    const call = await say(admin, "ny");
    expect(call.kind).toBe("send");
    expect(call.body?.type).toBe("message");
    form = cardOf(call.body);
    expect(form.version).toBe("1.5");
    expect(cardText(form)).toContain("Registrér praktikplads");

    const ids = inputs(form).map((i) => i.id);
    expect(ids).toEqual([
      "organisationId",
      "companyName",
      "cvr",
      "pNumber",
      "ordinaryEmployees",
      "employerSector",
      "sector",
      "shortageSector",
      "typeId",
      "caseReference",
      "places",
      "startDate",
      "weeks",
      "hoursPerWeek",
      "benefitGroup",
      "purpose",
      "contactPerson",
      "representativeName",
      "representativeConfirmed",
      "needs",
      "note",
      "personalDataChecked",
      "ratioExemptionReason",
    ]);
    expect(input(form, "organisationId")).toMatchObject({ type: "Input.ChoiceSet", style: "compact", isRequired: true, label: "Organisation" });
    expect(input(form, "companyName")).toMatchObject({ type: "Input.Text", maxLength: 120, isRequired: true, label: "Virksomhedens navn" });
    expect(input(form, "cvr")).toMatchObject({ type: "Input.Text", isRequired: true, label: "CVR-nummer" });
    expect(input(form, "employerSector")).toMatchObject({ type: "Input.ChoiceSet", style: "expanded", value: "private" });
    expect(input(form, "sector")).toMatchObject({ type: "Input.ChoiceSet", style: "compact" });
    expect(input(form, "places")).toMatchObject({ type: "Input.Number", min: 1, max: 50, value: 1, isRequired: true });
    expect(input(form, "startDate")).toMatchObject({ type: "Input.Date", value: "2016-10-03", isRequired: true });
    expect(input(form, "weeks")).toMatchObject({ type: "Input.Number", min: 1, max: 104, isRequired: false });
    expect(input(form, "needs")).toMatchObject({ type: "Input.ChoiceSet", style: "expanded", isMultiSelect: true, isRequired: false });
    expect(input(form, "note")).toMatchObject({ type: "Input.Text", isMultiline: true, maxLength: 500, isRequired: false });
    // The admin works in both example partnerships; options name their partnership.
    const orgTitles = (input(form, "organisationId").choices as { title: string }[]).map((c) => c.title);
    expect(orgTitles.some((t) => t.includes(AALBORG))).toBe(true);
    expect(orgTitles.some((t) => t.includes(FREDERICIA))).toBe(true);
    // The hint under the CVR field, and the submit button carrying the nonce.
    expect(elementsAfter(form, "cvr", 1)[0]).toMatchObject({ type: "TextBlock", isSubtle: true, text: "8 cifre, fx 12345674." });
    const submit = submitAction(form);
    expect(submit.verb).toBe("placement.new");
    expect(submit.data).toMatchObject({ nonce: expect.any(String), state: {} });
    expect(connector.unknown).toEqual([]);
  });

  it("saves a valid submission once and turns the card into the summary", async () => {
    const before = await placementCount();
    const res = await press(admin, filledData(form, aalborgValues(form)));
    expect(res.status).toBe(200);
    const card = invokeCard(res.body);
    expect(card.version).toBe("1.5");
    const text = cardText(card);
    expect(text).toContain("Praktikpladsen er gemt");
    expect(text).toContain("Aalborg Portland (CVR 24256790)");
    expect(text).toContain("Virksomhedsmentor, Tolk");
    expect(inputs(card)).toEqual([]);
    expect(await placementCount()).toBe(before + 1);
    const row = await db.prisma.placement.findFirstOrThrow({ include: { company: true } });
    expect(row.company.cvr).toBe("24256790");
    expect(row.places).toBe(3);
  });

  it("does not save the same card twice, sent again or twice at once", async () => {
    const before = await placementCount();
    const again = await press(admin, filledData(form, aalborgValues(form)));
    expect(again.status).toBe(200);
    expect(cardText(invokeCard(again.body))).toContain("Praktikpladsen var allerede gemt");

    const both = await Promise.all([1, 2].map(() => press(admin, filledData(form, aalborgValues(form)))));
    for (const res of both) expect(cardText(invokeCard(res.body))).toContain("allerede gemt");
    expect(await placementCount()).toBe(before);
  });

  it("saves one placement when a fresh card is submitted twice at the same moment", async () => {
    const fresh = await openForm(admin);
    const before = await placementCount();
    const data = filledData(fresh, fredericiaValues(fresh));
    const results = await Promise.all([press(admin, data), press(admin, data), press(admin, data)]);
    const texts = results.map((r) => cardText(invokeCard(r.body)));
    for (const text of texts) expect(text).toContain("Fredericia Byg ApS (CVR 10000009)");
    expect(texts.filter((t) => t.includes("Praktikpladsen er gemt")).length).toBeLessThanOrEqual(1);
    expect(await placementCount()).toBe(before + 1);
  });

  it("shows a wrong CVR number at the field, keeps everything typed and saves nothing", async () => {
    const fresh = await openForm(admin);
    const before = await placementCount();
    const typed = aalborgValues(fresh, {
      cvr: "12345678",
      companyName: "Aalborg Zoo",
      places: "4",
      startDate: "2016-11-01",
      weeks: "12",
      note: "Gerne morgenvagter",
      needs: "mentor,danish",
    });
    const res = await press(admin, filledData(fresh, typed));
    expect(res.status).toBe(200);
    const card = invokeCard(res.body);
    expect(await placementCount()).toBe(before);

    const cvr = input(card, "cvr");
    expect(cvr.value).toBe("12345678");
    expect(cvr.errorMessage).toContain("CVR-nummeret findes ikke");
    const [error] = elementsAfter(card, "cvr", 1);
    expect(error).toMatchObject({ type: "TextBlock", text: cvr.errorMessage });
    expect(String(error?.color).toLowerCase()).toBe("attention");
    expect(cardText(card)).toContain("Ret de markerede felter og send igen.");
    // Everything else as typed.
    expect(input(card, "companyName").value).toBe("Aalborg Zoo");
    expect(input(card, "organisationId").value).toBe(typed.organisationId);
    expect(input(card, "typeId").value).toBe(typed.typeId);
    expect(input(card, "places").value).toBe(4);
    expect(input(card, "startDate").value).toBe("2016-11-01");
    expect(input(card, "weeks").value).toBe(12);
    expect(input(card, "note").value).toBe("Gerne morgenvagter");
    expect(input(card, "needs").value).toBe("mentor,danish");
    expect(input(card, "shortageSector").value).toBe("yes");
    // Only the CVR field has an error.
    expect(inputs(card).filter((i) => i.id !== "cvr" && String(i.errorMessage ?? "").includes("CVR"))).toEqual([]);
    // Same submission identity, so correcting and sending again saves exactly once.
    expect(submitAction(card).data.nonce).toBe(submitAction(fresh).data.nonce);
    const fixed = await press(admin, filledData(card, { cvr: "20000007" }));
    const text = cardText(invokeCard(fixed.body));
    expect(text).toContain("Praktikpladsen er gemt");
    expect(text).toContain("Aalborg Zoo (CVR 20000007)");
    expect(await placementCount()).toBe(before + 1);
    // Keep the partnership's totals as the later tests expect them.
    await db.prisma.placement.deleteMany({ where: { company: { cvr: "20000007" } } });
  });

  it("refuses a CPR number in the note, at the note", async () => {
    const fresh = await openForm(admin);
    const before = await placementCount();
    const res = await press(admin, filledData(fresh, aalborgValues(fresh, { note: "Kandidat 010190-1234 starter mandag" })));
    const card = invokeCard(res.body);
    const note = input(card, "note");
    expect(note.value).toBe("Kandidat 010190-1234 starter mandag");
    expect(note.errorMessage).toContain("ligner et CPR-nummer");
    expect(elementsAfter(card, "note", 1)[0]).toMatchObject({ type: "TextBlock", text: note.errorMessage });
    expect(input(card, "cvr").errorMessage).not.toContain("CVR-nummeret");
    expect(await placementCount()).toBe(before);
  });

  it("speaks English to a user whose Teams is in English", async () => {
    const card = await openForm(adminInEnglish);
    expect(cardText(card)).toContain("Register placement");
    expect(input(card, "companyName").label).toBe("Company name");
    const res = await press(
      adminInEnglish,
      filledData(card, {
        ...aalborgValues(form, { cvr: "12345678" }),
        typeId: choiceValue(card, "typeId", (t) => t.startsWith("Work placement") && t.includes(AALBORG)),
      }),
    );
    const cvr = input(invokeCard(res.body), "cvr");
    expect(cvr.errorMessage).not.toMatch(/CVR-nummeret/);
    expect(String(cvr.errorMessage)).toMatch(/CVR/);
    expect(shownText((await say(adminInEnglish, "help")).body)).toContain("new");
  });

  it("tells an unknown user how to get access and saves nothing", async () => {
    const stranger = teamsUser("Ukendt Ulla");
    const before = await placementCount();
    const text = shownText((await say(stranger, "ny")).body);
    expect(text).toContain("Du har ikke adgang endnu");
    expect(text).toContain(stranger.aadObjectId!);
    // Even with a submit action copied from someone else's card.
    const res = await press(stranger, filledData(form, aalborgValues(form)));
    // Only the stranger is told; the card stays as it is for everyone else in the conversation.
    expect(res.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message" });
    expect(String((res.body as { value: unknown }).value)).toContain("Bed Jobcentersekretariatet");
    expect(await placementCount()).toBe(before);
  });
});

describe("Teams: commands", () => {
  it("lists the latest placements", async () => {
    const text = shownText((await say(admin, "liste")).body);
    expect(text).toContain("Seneste praktikpladser");
    expect(text).toContain("Aalborg Portland");
    expect(text).toContain("Fredericia Byg ApS");
  });

  it("shows progress towards the targets, counting only what the municipality approved", async () => {
    const text = shownText((await say(admin, "fremdrift")).body);
    expect(text).toContain(`Fremdrift – ${AALBORG}`);
    // The praktik still awaits its representative and the municipality: it waits and does not count yet.
    expect(text).toContain("0 / 500 (0 %)");
    expect(text).toContain("Venter på godkendelse (tæller ikke med endnu)");
  });

  it("shows help, with the admin command for an admin", async () => {
    const call = await say(admin, "hjælp");
    const card = cardOf(call.body);
    const text = cardText(card);
    expect(text).toContain("Praktikbot – hjælp");
    expect(text).toContain("ny — registrér en praktikplads");
    expect(text).toContain("admin — ");
    expect(card.actions?.[0]).toMatchObject({ type: "Action.Execute", verb: "placement.open_form" });
  });

  it("suggests the nearest command for a typo", async () => {
    const call = await say(admin, "fremdrif");
    expect(call.body?.text).toBe("Jeg kender ikke »fremdrif«. Mente du fremdrift?");
  });

  it("reads a command after the bot's @mention in a channel", async () => {
    const call = await say(admin, "hjælp", { mention: true, conversationType: "channel" });
    expect(cardText(cardOf(call.body))).toContain("Praktikbot – hjælp");
  });

  it("opens a new form from a card button as a new message, leaving the card as it was", async () => {
    const since = connector.calls.length;
    const res = await press(admin, { verb: "placement.open_form", data: { verb: "placement.open_form" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "Registrér praktikplads" });
    const [call] = await connector.waitForActivities(1, since);
    expect(call?.kind).toBe("send");
    expect(submitAction(cardOf(call?.body)).verb).toBe("placement.new");

    const list = await press(admin, { verb: "placement.list", data: { verb: "placement.list" } });
    expect((list.body as { value: string }).value).toContain("Seneste praktikpladser");
  });

  it("accepts Action.Submit from older clients and updates the card in place", async () => {
    const formCall = await say(admin, "ny");
    const card = cardOf(formCall.body);
    const before = await placementCount();
    const since = connector.calls.length;
    const { data } = filledData(card, aalborgValues(card, { companyName: "Limfjordens Bageri", cvr: "30000005", places: "1" }));
    const res = await postActivity(app.url, submitMessageActivity({ serviceUrl: connector.url, user: admin, value: data, replyToId: formCall.answeredId! }));
    expect(res.status).toBe(200);
    const [update] = await connector.waitForActivities(1, since);
    expect(update?.kind).toBe("update");
    expect(update?.activityId).toBe(formCall.answeredId);
    expect(cardText(cardOf(update?.body))).toContain("Limfjordens Bageri (CVR 30000005)");
    expect(await placementCount()).toBe(before + 1);
    // Pressed again from the same old card: nothing new.
    await postActivity(app.url, submitMessageActivity({ serviceUrl: connector.url, user: admin, value: data, replyToId: formCall.answeredId! }));
    expect(await placementCount()).toBe(before + 1);
    await db.prisma.placement.deleteMany({ where: { company: { cvr: "30000005" } } });
  });

  it("logs a reply the connector refuses and keeps answering", async () => {
    connector.failNext(1, 500);
    const since = connector.calls.length;
    const res = await postActivity(app.url, messageActivity({ serviceUrl: connector.url, user: admin, text: "hjælp" }));
    expect(res.status).toBe(200);
    expect(connector.calls.slice(since).map((c) => c.status)).toEqual([500]);
    const logged = logLines.map((l) => JSON.parse(l) as { msg: string; err?: { status?: number }; level: number });
    const entry = logged.find((l) => l.msg === "Teams reply could not be delivered");
    expect(entry?.err?.status).toBe(500);
    expect(entry?.level).toBe(50);
    expect(logLines.join("\n")).not.toMatch(/Bearer /);

    const next = await say(admin, "hjælp");
    expect(cardText(cardOf(next.body))).toContain("Praktikbot – hjælp");
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it("greets a person who installs the app: help for a contact, how to get access for anyone else", async () => {
    const newcomer = teamsUser("Nina Ny", { locale: "en-GB" });
    for (const [user, expected] of [
      [admin, "Praktikbot – hjælp"],
      [newcomer, "You don't have access yet"],
    ] as const) {
      const since = connector.calls.length;
      const res = await postActivity(app.url, installActivity({ serviceUrl: connector.url, user }));
      expect(res.status).toBe(200);
      const [call] = await connector.waitForActivities(1, since);
      expect(shownText(call?.body)).toContain(expected);
    }
    // Added to a team channel: no greeting there.
    const since = connector.calls.length;
    await postActivity(
      app.url,
      installActivity({ serviceUrl: connector.url, user: admin, conversationType: "channel", conversationId: "19:general@thread.tacv2" }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.calls.length).toBe(since);
  });

  it("answers an unreadable card action with an error, not silence", async () => {
    const res = await postActivity(app.url, { type: "invoke", name: "adaptiveCard/action", value: {}, serviceUrl: connector.url });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
    // Every connector call the SDK made in this file went to a route the fake knows.
    expect(connector.unknown).toEqual([]);
  });
});
