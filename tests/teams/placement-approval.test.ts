// The municipality's approval through Teams end to end: a partner registers a placement in their
// personal chat, the card is posted to the jobcenter channel with approve and refuse buttons, a
// partner contact pressing is refused, staff approve one and refuse another with a reason on a
// card, the channel card is updated in place, the registrant is told in their personal chat, and
// `fremdrift` counts only the approved placement and shows the waiting one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import type { TestDatabase } from "../support/database.js";
import type { FakeTeamsConnector } from "../support/fake-teams-connector.js";
import {
  cardActionInvoke,
  cardOf,
  cardText,
  choiceValue,
  filledData,
  installActivity,
  invokeCard,
  personalConversationId,
  postActivity,
  TEST_TENANT_ID,
  type TeamsTestUser,
  teamsUser,
} from "../support/teams-activities.js";
import { invoke, say as sayIn, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const admin = teamsUser("Sara Sekretariat");
const partner = teamsUser("Pia Partner");
const staff = teamsUser("Karin Konsulent");
const CHANNEL = "19:jobcenter0123456789@thread.tacv2";

let teams: TeamsTestApp;
let db: TestDatabase;
let connector: FakeTeamsConnector;
let app: RunningApp;

beforeAll(async () => {
  teams = await startTeamsTestApp({ admins: [admin], jobs: "manual" });
  ({ db, connector, app } = teams);
  const aalborg = await db.prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const org = (name: string) => db.prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name } });
  const contact = async (user: TeamsTestUser, name: string, role: "partner_contact" | "jobcenter_staff") =>
    db.prisma.contact.create({
      data: {
        platform: "teams",
        workspaceId: TEST_TENANT_ID,
        userId: user.aadObjectId!,
        organisationId: (await org(name)).id,
        role,
        createdBy: "test",
        displayName: user.name,
      },
    });
  await contact(partner, "Dansk Industri Aalborg", "partner_contact");
  await contact(staff, "Jobcenter Aalborg", "jobcenter_staff");
  // The partner's personal chat, for the direct message; the jobcenter channel, linked by the admin.
  const since = connector.calls.length;
  await postActivity(app.url, installActivity({ serviceUrl: connector.url, user: partner }));
  await connector.waitForActivities(1, since);
  await sayIn(teams, admin, "kanal jobcenter aalborg-2016", { conversationId: `${CHANNEL};messageid=1600`, conversationType: "channel" });
});
afterAll(async () => {
  await teams?.close();
});

const textOf = (body: Record<string, unknown> | undefined) => (typeof body?.text === "string" && !body.attachments ? body.text : cardText(cardOf(body)));

function pressInChannel(user: TeamsTestUser, verb: string, value: string) {
  return invoke(teams, user, { verb, data: { verb, value } }, { conversationId: `${CHANNEL};messageid=1700`, conversationType: "channel" });
}

/** The partner registers a praktik in their personal chat; returns the channel card's activity. */
async function register(company: string, cvr: string, values: Record<string, string>) {
  const form = cardOf((await sayIn(teams, partner, "ny")).body);
  const since = connector.calls.length;
  const res = await postActivity(
    app.url,
    cardActionInvoke({
      serviceUrl: connector.url,
      user: partner,
      ...filledData(form, {
        companyName: company,
        cvr,
        employerSector: "private",
        sector: "construction",
        shortageSector: "yes",
        typeId: choiceValue(form, "typeId", (t) => t.startsWith("Virksomhedspraktik")),
        places: "1",
        startDate: "2016-10-10",
        contactPerson: "Hanne Jensen",
        pNumber: `10${cvr}`,
        benefitGroup: "introduktionsprogram",
        purpose: "skills",
        ...values,
      }),
    }),
  );
  expect(res.status).toBe(200);
  const confirmation = invokeCard(res.body);
  const [posted] = await connector.waitForActivities(1, since);
  const placement = await db.prisma.placement.findFirstOrThrow({ where: { company: { cvr } } });
  return { confirmation, posted: posted!, placement };
}

describe("Teams: the municipality approves or refuses a placement", () => {
  let soleTrader: string;
  let channelActivityId: string;

  it("a sole trader's praktik goes to the jobcenter channel with approve and refuse, without a representative", async () => {
    const { confirmation, posted, placement } = await register("Tømrer Hansen", "24256790", { ordinaryEmployees: "0" });
    soleTrader = placement.id;
    expect(placement.status).toBe("registered");
    expect(cardText(confirmation)).toContain("afventer kommunens godkendelse");
    expect((confirmation.actions ?? []).map((a) => a.verb)).toContain("placement.vitas");
    expect(posted).toMatchObject({ kind: "send", conversationId: CHANNEL });
    const card = cardOf(posted.body);
    expect(cardText(card)).toContain("Til godkendelse: Tømrer Hansen · Virksomhedspraktik");
    expect((card.actions ?? []).map((a) => a.verb)).toEqual(["placement.approve", "placement.refuse"]);
    channelActivityId = posted.answeredId!;
    expect(await db.prisma.placement.findUniqueOrThrow({ where: { id: soleTrader } })).toMatchObject({
      channelMessage: { platform: "teams", channelId: CHANNEL, messageId: channelActivityId },
    });
  });

  it("fremdrift shows the waiting placement and counts none", async () => {
    const text = textOf((await sayIn(teams, partner, "fremdrift")).body);
    expect(text).toContain("0 pladser godkendt i alt");
    expect(text).toContain("Venter på godkendelse (tæller ikke med endnu): 1");
  });

  it("a partner contact pressing approve is refused, and nothing changes", async () => {
    const since = connector.calls.length;
    const res = await pressInChannel(partner, "placement.approve", soleTrader);
    expect(String((res.body as { value: unknown }).value)).toContain("Kun jobcentrets medarbejdere og sekretariatet");
    expect((await db.prisma.placement.findUniqueOrThrow({ where: { id: soleTrader } })).status).toBe("registered");
    expect(connector.calls.slice(since).filter((c) => c.kind === "update")).toEqual([]);
  });

  it("staff approve: the channel card is updated in place and the registrant is told", async () => {
    const since = connector.calls.length;
    const res = await pressInChannel(staff, "placement.approve", soleTrader);
    expect(String((res.body as { value: unknown }).value)).toContain("Du har godkendt pladsen");
    const calls = await connector.waitForActivities(2, since);
    const update = calls.find((c) => c.kind === "update");
    expect(update).toMatchObject({ conversationId: CHANNEL, activityId: channelActivityId });
    const card = cardOf(update!.body);
    expect(cardText(card)).toContain("Godkendt af Karin Konsulent");
    expect(card.actions ?? []).toEqual([]);
    const dm = calls.find((c) => c.conversationId === personalConversationId(partner));
    expect(textOf(dm!.body)).toContain("er godkendt af Karin Konsulent");
    // Approved before its start date: it becomes active on that day.
    expect(await db.prisma.placement.findUniqueOrThrow({ where: { id: soleTrader } })).toMatchObject({
      status: "approved",
      approvedBy: expect.stringMatching(/^teams:/),
    });
  });

  it("refuse asks for a reason on a card; the registrant is told why", async () => {
    const { placement } = await register("Vestas Aalborg", "10403782", {
      ordinaryEmployees: "100",
      representativeName: "Jens Tillid",
      representativeConfirmed: "yes",
    });
    let since = connector.calls.length;
    await pressInChannel(staff, "placement.refuse", placement.id);
    const [formPost] = await connector.waitForActivities(1, since);
    const reasonCard = cardOf(formPost!.body);
    expect(cardText(reasonCard)).toContain("Afvis pladsen");
    since = connector.calls.length;
    const res = await postActivity(
      app.url,
      cardActionInvoke({
        serviceUrl: connector.url,
        user: staff,
        ...filledData(reasonCard, { reason: "Virksomheden har allerede to i praktik" }),
        conversationId: `${CHANNEL};messageid=1800`,
        conversationType: "channel",
      }),
    );
    expect(cardText(invokeCard(res.body))).toContain("Du har afvist pladsen");
    const calls = await connector.waitForActivities(2, since);
    expect(cardText(cardOf(calls.find((c) => c.kind === "update")!.body))).toContain("Afvist af Karin Konsulent: Virksomheden har allerede to i praktik");
    const dm = calls.find((c) => c.conversationId === personalConversationId(partner));
    expect(textOf(dm!.body)).toContain("Begrundelse: Virksomheden har allerede to i praktik");
    expect(await db.prisma.placement.findUniqueOrThrow({ where: { id: placement.id } })).toMatchObject({ status: "refused" });
  });

  it("fremdrift counts the approved placement only", async () => {
    const text = textOf((await sayIn(teams, staff, "fremdrift")).body);
    expect(text).toContain("1 pladser godkendt i alt");
    expect(text).not.toContain("Venter på godkendelse");
  });
});
