// Support requests through Teams end to end: the channel is linked from a team channel, a
// partner contact asks for a mentor in their personal chat, the request card is posted to the
// channel proactively, jobcenter staff take it and finish it, the card is updated in place and
// the requester is told in their personal chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import type { TestDatabase } from "../support/database.js";
import type { FakeTeamsConnector } from "../support/fake-teams-connector.js";
import {
  cardActionInvoke,
  cardOf,
  cardText,
  filledData,
  input,
  installActivity,
  invokeCard,
  messageActivity,
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
});
afterAll(async () => {
  await teams?.close();
});

const say = (user: TeamsTestUser, text: string, opts: { conversationId?: string; conversationType?: "personal" | "channel" } = {}) =>
  sayIn(teams, user, text, opts);

function pressInChannel(user: TeamsTestUser, verb: string, value: string) {
  return invoke(teams, user, { verb, data: { verb, value } }, { conversationId: `${CHANNEL};messageid=1700`, conversationType: "channel" });
}

const textOf = (body: Record<string, unknown> | undefined) => (typeof body?.text === "string" && !body.attachments ? body.text : cardText(cardOf(body)));

describe("support requests from Teams", () => {
  let requestId: string;
  let channelActivityId: string;

  it("the partner installs the app: the bot keeps their personal chat for direct messages", async () => {
    const since = connector.calls.length;
    await postActivity(app.url, installActivity({ serviceUrl: connector.url, user: partner }));
    await connector.waitForActivities(1, since);
    const ref = await db.prisma.conversationRef.findFirst({ where: { userId: partner.aadObjectId } });
    expect(ref).toMatchObject({ kind: "personal", conversationId: personalConversationId(partner), serviceUrl: connector.url });
  });

  it("an admin links a team channel with 'kanal jobcenter'", async () => {
    const reply = await say(admin, "kanal jobcenter aalborg-2016", { conversationId: `${CHANNEL};messageid=1600`, conversationType: "channel" });
    expect(textOf(reply.body)).toContain("Denne kanal får nu anmodninger");
    expect(await db.prisma.channelLink.findFirst()).toMatchObject({ platform: "teams", channelId: CHANNEL, purpose: "jobcenter" });
    expect(await db.prisma.conversationRef.findFirst({ where: { conversationId: CHANNEL } })).toMatchObject({ kind: "channel" });
  });

  it("'mentor' opens the form; sending it posts the request card to the jobcenter channel", async () => {
    const form = cardOf((await say(partner, "mentor")).body);
    expect(cardText(form)).toContain("Bestil mentor");
    expect(String(input(form, "hoursPerWeek").value)).toBe("2");
    const since = connector.calls.length;
    const res = await postActivity(
      app.url,
      cardActionInvoke({ serviceUrl: connector.url, user: partner, ...filledData(form, { companyName: "Aalborg Portland", hoursPerWeek: "3", weeks: "13" }) }),
    );
    expect(res.status).toBe(200);
    expect(cardText(invokeCard(res.body))).toContain("Anmodningen er sendt");
    const [posted] = await connector.waitForActivities(1, since);
    expect(posted).toMatchObject({ kind: "send", conversationId: CHANNEL });
    const card = cardOf(posted!.body);
    expect(cardText(card)).toContain("Virksomhedsmentor: Aalborg Portland");
    expect(cardText(card)).toContain("3 timer om ugen i 13 uger");
    expect((card.actions ?? []).map((a) => a.verb)).toEqual(["support.take", "support.done", "support.decline"]);
    const row = await db.prisma.supportRequest.findFirstOrThrow();
    requestId = row.id;
    channelActivityId = posted!.answeredId!;
    expect(row).toMatchObject({
      kind: "mentor",
      hoursPerWeek: 3,
      weeks: 13,
      channelMessage: { platform: "teams", channelId: CHANNEL, messageId: channelActivityId },
    });
  });

  it("a partner contact pressing take is refused", async () => {
    const since = connector.calls.length;
    const res = await pressInChannel(partner, "support.take", requestId);
    // Only the person who pressed is told, as a message response; nothing is posted in the channel.
    expect(res).toMatchObject({ status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.activity.message" } });
    expect(String((res.body as { value: unknown }).value)).toContain("Kun jobcentrets medarbejdere og sekretariatet");
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.calls.slice(since)).toEqual([]);
    expect((await db.prisma.supportRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("open");
  });

  it("staff take it: the channel card is updated in place and the requester gets a direct message", async () => {
    const since = connector.calls.length;
    const res = await pressInChannel(staff, "support.take", requestId);
    expect(res.body).toMatchObject({ type: "application/vnd.microsoft.activity.message" });
    const calls = await connector.waitForActivities(2, since);
    const update = calls.find((c) => c.kind === "update");
    expect(update).toMatchObject({ conversationId: CHANNEL, activityId: channelActivityId });
    expect(cardText(cardOf(update!.body))).toContain("Taget af Karin Konsulent");
    const dm = calls.find((c) => c.conversationId === personalConversationId(partner));
    expect(textOf(dm!.body)).toContain("Karin Konsulent fra jobcentret har taget din anmodning");
  });

  it("done: the card shows it without buttons, and the requester is told", async () => {
    const since = connector.calls.length;
    await pressInChannel(staff, "support.done", requestId);
    const calls = await connector.waitForActivities(2, since);
    const update = calls.find((c) => c.kind === "update")!;
    const card = cardOf(update.body);
    expect(cardText(card)).toContain("Klaret af Karin Konsulent");
    expect(card.actions ?? []).toEqual([]);
    const dm = calls.find((c) => c.conversationId === personalConversationId(partner));
    expect(textOf(dm!.body)).toContain("er klaret af Karin Konsulent");
  });
});

describe("decline, reminder and escalation in Teams", () => {
  it("decline asks for a reason on a card; the requester is told why", async () => {
    const form = cardOf((await say(partner, "besøg")).body);
    expect(cardText(form)).toContain("Tidligst muligt");
    let since = connector.calls.length;
    await postActivity(app.url, cardActionInvoke({ serviceUrl: connector.url, user: partner, ...filledData(form, { companyName: "Vestas Aalborg" }) }));
    await connector.waitForActivities(1, since);
    const visit = await db.prisma.supportRequest.findFirstOrThrow({ where: { kind: "visit" } });
    expect(visit.dueAt.toISOString()).toBe("2016-10-04T14:00:00.000Z");

    since = connector.calls.length;
    await pressInChannel(staff, "support.decline", visit.id);
    const [formPost] = await connector.waitForActivities(1, since);
    const reasonCard = cardOf(formPost!.body);
    expect(cardText(reasonCard)).toContain("Afvis anmodning");
    expect(input(reasonCard, "reason")).toMatchObject({ isMultiline: true });
    since = connector.calls.length;
    const res = await postActivity(
      app.url,
      cardActionInvoke({
        serviceUrl: connector.url,
        user: staff,
        ...filledData(reasonCard, { reason: "Virksomheden holder lukket i uge 41" }),
        conversationId: `${CHANNEL};messageid=1800`,
        conversationType: "channel",
      }),
    );
    expect(cardText(invokeCard(res.body))).toContain("er afvist");
    const calls = await connector.waitForActivities(2, since);
    expect(cardText(cardOf(calls.find((c) => c.kind === "update")!.body))).toContain("Afvist af Karin Konsulent: Virksomheden holder lukket i uge 41");
    const dm = calls.find((c) => c.conversationId === personalConversationId(partner));
    expect(textOf(dm!.body)).toContain("Begrundelse: Virksomheden holder lukket i uge 41");
  });

  it("a reminder in the channel two working hours before the deadline, and an escalation to the admin when overdue, each once", async () => {
    // The admin has a personal chat with the bot, so the escalation can reach them.
    await say(admin, "hjælp");
    const form = cardOf((await say(partner, "dansk")).body);
    let since = connector.calls.length;
    await postActivity(app.url, cardActionInvoke({ serviceUrl: connector.url, user: partner, ...filledData(form, { companyName: "Aalborg Portland" }) }));
    await connector.waitForActivities(1, since);
    const danish = await db.prisma.supportRequest.findFirstOrThrow({ where: { kind: "danish" } });
    expect(danish.dueAt.toISOString()).toBe("2016-10-06T14:00:00.000Z");

    since = connector.calls.length;
    await app.jobs.runOnce(new Date("2016-10-06T12:00:00Z"));
    await app.jobs.runOnce(new Date("2016-10-06T12:30:00Z"));
    await connector.waitForActivities(1, since);
    const reminders = connector.calls.slice(since).filter((c) => c.conversationId === CHANNEL && c.kind === "send");
    expect(reminders).toHaveLength(1);
    expect(textOf(reminders[0]!.body)).toContain("Påmindelse: Danskundervisning · Aalborg Portland");

    since = connector.calls.length;
    await app.jobs.runOnce(new Date("2016-10-06T14:05:00Z"));
    await app.jobs.runOnce(new Date("2016-10-07T08:00:00Z"));
    await connector.waitForActivities(1, since);
    const escalations = connector.calls.slice(since).filter((c) => c.kind === "send");
    expect(escalations.map((c) => c.conversationId)).toEqual([personalConversationId(admin)]);
    expect(textOf(escalations[0]!.body)).toContain("Anmodning over tid");
  });

  it("a requester without a personal chat with the bot gets no direct message, and nothing fails", async () => {
    const groupOnly = teamsUser("Gert Gruppe");
    const aalborg = await db.prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
    const di = await db.prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name: "Dansk Industri Aalborg" } });
    await db.prisma.contact.create({
      data: {
        platform: "teams",
        workspaceId: TEST_TENANT_ID,
        userId: groupOnly.aadObjectId!,
        organisationId: di.id,
        role: "partner_contact",
        createdBy: "test",
      },
    });
    const group = { conversationId: "19:groupchat-abc@thread.v2", conversationType: "groupChat" as const };
    const since0 = connector.calls.length;
    await postActivity(app.url, messageActivity({ serviceUrl: connector.url, user: groupOnly, text: "opkvalificering", ...group }));
    const [formCall] = await connector.waitForActivities(1, since0);
    const form = cardOf(formCall!.body);
    let since = connector.calls.length;
    await postActivity(
      app.url,
      cardActionInvoke({ serviceUrl: connector.url, user: groupOnly, ...filledData(form, { companyName: "Tech College" }), ...group }),
    );
    await connector.waitForActivities(1, since);
    const request = await db.prisma.supportRequest.findFirstOrThrow({ where: { kind: "upskilling" } });
    since = connector.calls.length;
    await pressInChannel(staff, "support.take", request.id);
    const calls = await connector.waitForActivities(1, since);
    expect(calls.some((c) => c.kind === "update" && c.conversationId === CHANNEL)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    // Only the channel card changed; the one who pressed got a message response, and no DM went out.
    expect(connector.calls.slice(since).filter((c) => !c.conversationId?.startsWith(CHANNEL))).toEqual([]);
    expect((await db.prisma.supportRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("taken");
  });
});
