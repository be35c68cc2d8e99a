// Events through Teams end to end: a partner contact plans praktikdating on a card in a team
// channel and the invitation is posted there; two companies sign up on cards (one cancels) and
// the invitation is updated in place; a forged event id in the card's state and another
// partnership's contact find no event; the reminder goes once; afterwards the placement card
// names the event (a made-up event id is refused at the field), the host records attendance,
// and the quarterly report counts the event.
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Card,
  cardOf,
  cardText,
  choiceValue,
  elements,
  filledData,
  input,
  shownText,
  TEST_TENANT_ID,
  type TeamsTestUser,
  teamsUser,
} from "../support/teams-activities.js";
import { invoke, invokeForCard, sayAll, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const CHANNEL = "19:events0123456789@thread.tacv2";
const admin = teamsUser("Sara Sekretariat");
const host = teamsUser("Lars LO");
const companyA = teamsUser("Anna Portland");
const companyB = teamsUser("Bo Bilka");
const outsider = teamsUser("Frede Fredericia");
let now = new Date("2016-10-03T09:00:00Z");
let teams: TeamsTestApp;
let eventId: string;

beforeAll(async () => {
  teams = await startTeamsTestApp({ admins: [], jobs: "manual", clock: () => now });
  const { db } = teams;
  const org = async (slug: string, name?: string) => {
    const p = await db.prisma.partnership.findUniqueOrThrow({ where: { slug } });
    return db.prisma.organisation.findFirstOrThrow({ where: { partnershipId: p.id, ...(name ? { name } : {}) } });
  };
  const [lo, di, jc, fr] = await Promise.all([
    org("aalborg-2016", "LO-Aalborg"),
    org("aalborg-2016", "Dansk Industri Aalborg"),
    org("aalborg-2016", "Jobcenter Aalborg"),
    org("fredericia-2013"),
  ]);
  const contact = (user: TeamsTestUser, organisationId: string, role: "partner_contact" | "secretariat_admin") => ({
    platform: "teams" as const,
    workspaceId: TEST_TENANT_ID,
    userId: user.aadObjectId!,
    organisationId,
    role,
    createdBy: "test",
  });
  await db.prisma.contact.createMany({
    data: [
      contact(host, lo.id, "partner_contact"),
      contact(companyA, di.id, "partner_contact"),
      contact(companyB, di.id, "partner_contact"),
      contact(outsider, fr.id, "partner_contact"),
      contact(admin, jc.id, "secretariat_admin"),
    ],
  });
});

afterAll(async () => {
  await teams?.close();
});

const say = (user: TeamsTestUser, text: string, opts: { count?: number; channel?: boolean } = {}) =>
  sayAll(teams, user, text, {
    count: opts.count ?? 1,
    timeoutMs: 20_000,
    ...(opts.channel ? { conversationId: `${CHANNEL};messageid=1600`, conversationType: "channel" as const } : {}),
  });

/** A one-line answer to an invoke comes in its response; anything richer as a new activity. */
const inlineText = (body: unknown) => {
  const b = body as { type?: string; value?: unknown } | undefined;
  return b?.type === "application/vnd.microsoft.activity.message" && typeof b.value === "string" ? b.value : undefined;
};

/** Presses a button: the one-line text it answers with. */
async function press(user: TeamsTestUser, verb: string, value: string): Promise<string> {
  const res = await invoke(teams, user, { verb, data: { verb, value } });
  expect(res.status).toBe(200);
  return inlineText(res.body) ?? "";
}

/** Presses a button that opens a form: the form comes as a new card. */
async function openFrom(user: TeamsTestUser, verb: string, value: string): Promise<Card> {
  const since = teams.connector.calls.length;
  await press(user, verb, value);
  const activity = (await teams.connector.waitForActivities(1, since, 10_000)).find((c) => c.conversationId !== CHANNEL);
  return cardOf(activity!.body);
}

const invitationCalls = () => teams.connector.calls.filter((c) => c.conversationId === CHANNEL && (c.kind === "send" || c.kind === "update"));

describe("Teams: an event from invitation to placement", () => {
  it("a partner contact plans praktikdating on a card in a channel; the invitation is posted there", async () => {
    const [call] = await say(host, "arrangement ny", { channel: true });
    const form = cardOf(call!.body);
    expect(cardText(form)).toContain("Nyt arrangement");
    const values = {
      title: "Praktikdating hos LO",
      kind: "praktikdating",
      date: "2016-10-20",
      startTime: "09:00",
      endTime: "11:00",
      place: "Fagbevægelsens Hus",
      sectors: "construction,cleaning",
      capacity: "6",
      channels: "here",
    };
    const bad = await invokeForCard(teams, host, filledData(form, { ...values, startTime: "25:00" }));
    expect(cardText(bad)).toContain("Skriv et klokkeslæt som 13:00");
    const done = await invokeForCard(teams, host, filledData(form, values));
    expect(cardText(done)).toContain("Invitationen er sendt til 1 kanal.");
    eventId = (await teams.db.prisma.event.findFirstOrThrow()).id;
    const posted = invitationCalls().find((c) => c.kind === "send" && JSON.stringify(c.body).includes("events.signup"));
    expect(cardText(cardOf(posted!.body))).toContain("0 af 6 taget");
  });

  it("two companies sign up and one cancels; the invitation is updated in place", async () => {
    const formA = await openFrom(companyA, "events.signup", eventId);
    const doneA = await invokeForCard(teams, companyA, filledData(formA, { companyName: "Aalborg Portland", cvr: "24 25 67 90", people: "4" }));
    expect(cardText(doneA)).toContain("Aalborg Portland er tilmeldt");

    const formB = await openFrom(companyB, "events.signup", eventId);
    const full = await invokeForCard(teams, companyB, filledData(formB, { companyName: "Bilka", cvr: "35954716", people: "3" }));
    expect(cardText(full)).toContain("Der er kun 2 pladser tilbage");
    const doneB = await invokeForCard(teams, companyB, filledData(formB, { companyName: "Bilka", cvr: "35954716", people: "2" }));
    expect(cardText(doneB)).toContain("Bilka er tilmeldt");
    expect(cardText(cardOf(invitationCalls().at(-1)!.body))).toContain("6 af 6 taget");
    expect(cardText(cardOf(invitationCalls().at(-1)!.body))).toContain("fuldt booket");

    const bilka = await teams.db.prisma.eventSignup.findFirstOrThrow({ where: { cvr: "35954716" } });
    expect(await press(companyB, "events.cancel", bilka.id)).toContain("Bilka er afmeldt");
    expect(cardText(cardOf(invitationCalls().at(-1)!.body))).toContain("4 af 6 taget");
  });

  it("a forged event id in the card's state and another partnership's contact find no event", async () => {
    const form = await openFrom(companyA, "events.signup", eventId);
    const forged = filledData(form, { companyName: "Aalborg Portland", cvr: "24256790", people: "1" });
    for (const id of ["__proto__", "00000000-0000-0000-0000-000000000000"]) {
      const answer = await invoke(teams, companyA, { ...forged, data: { ...forged.data, state: { event: id } } });
      expect(inlineText(answer.body)).toBe("Jeg kan ikke finde det arrangement.");
    }
    expect(await press(outsider, "events.signup", eventId)).toContain("Jeg kan ikke finde det arrangement");
    expect(await press(companyA, "events.attendance", eventId)).toContain("Kun arrangørerne og sekretariatet");
  });

  it("the day before, the company is reminded once", async () => {
    const reminders = () => teams.connector.calls.filter((c) => c.kind === "send" && JSON.stringify(c.body ?? {}).includes("Påmindelse"));
    await teams.app.jobs.runOnce(new Date("2016-10-19T08:05:00Z"), "event-reminders");
    await teams.app.jobs.runOnce(new Date("2016-10-19T10:05:00Z"), "event-reminders");
    expect(reminders()).toHaveLength(1);
  });

  it("afterwards the placement card names the event, the host records attendance, and the report counts it", async () => {
    now = new Date("2016-10-21T09:00:00Z");
    const [call] = await say(companyA, "ny");
    const form = cardOf(call!.body);
    expect(input(form, "eventId")).toBeDefined();
    const values = {
      companyName: "Aalborg Portland",
      cvr: "24256790",
      employerSector: "private",
      shortageSector: "yes",
      sector: "construction",
      typeId: choiceValue(form, "typeId", "Ordinær ansættelse"),
      places: "1",
      startDate: "2016-11-01",
      contactPerson: "Hanne Jensen",
    };
    const forged = await invokeForCard(teams, companyA, filledData(form, { ...values, eventId: "another-partnerships-event" }));
    expect(cardText(forged)).toContain("Vælg et af de arrangementer, der står på listen");
    expect(await teams.db.prisma.placement.count()).toBe(0);
    const saved = await invokeForCard(teams, companyA, filledData(form, { ...values, eventId: choiceValue(form, "eventId", "Praktikdating hos LO") }));
    expect(cardText(saved)).toContain("Aalborg Portland");
    expect(await teams.db.prisma.eventPlacement.count({ where: { eventId } })).toBe(1);

    const attendance = await openFrom(host, "events.attendance", eventId);
    const recorded = await invokeForCard(teams, host, filledData(attendance, {}));
    expect(cardText(recorded)).toContain("1 virksomheder mødte op, 1 pladser");

    const [working, ready] = await say(admin, "rapport 2016-Q4", { count: 2 });
    expect(shownText(working!.body)).toContain("2016-Q4");
    const link = elements(cardOf(ready!.body)).find((e) => e.type === "Action.OpenUrl");
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await (await fetch(String(link!.url))).arrayBuffer()) });
    expect(value).toMatch(/Arrangementer holdt\s*1/);
    expect(value).toMatch(/Pladser, der kom ud af dem\s*1/);
  });
});
