// A fault of ours — the database failing under the bot — on both platforms, end to end: the
// person is told honestly with a reference, the log has the reference and who it was, what they
// typed stays, a fault the database calls transient is retried, and once the database is back
// the same form saves exactly once. The faults are real PostgreSQL errors made with SQL on the
// test database, so this runs the same on in-memory PGlite and on a PostgreSQL server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTeamsConnector, startFakeTeamsConnector } from "./support/fake-teams-connector.js";
import { failNextInserts, takeTableAway, withTableAway } from "./support/outage.js";
import { ADMIN, allText, commandReply, type LogLine, openModal, optionValue, type SlackTestApp, startSlackTestApp, TEAM } from "./support/slack-harness.js";
import { viewSubmissionPayload } from "./support/slack-requests.js";
import {
  type Card,
  cardActionInvoke,
  cardOf,
  cardText,
  choiceValue,
  filledData,
  invokeCard,
  messageActivity,
  postActivity,
  shownText,
  TEST_TENANT_ID,
  teamsUser,
} from "./support/teams-activities.js";

const teamsAdmin = teamsUser("Sara Sekretariat");
/** After a submission the fault says nothing was saved; after a question, that there is no answer now. */
const FAULT = /^Beklager – noget gik galt hos os, (?:og det blev ikke gemt|så jeg kan ikke svare lige nu)\. .*\(Fejlreference ([0-9a-f]{8})\)$/;

let t: SlackTestApp;
let connector: FakeTeamsConnector;

beforeAll(async () => {
  // One app serves both platforms: Slack against the fake Web API, Teams in try-out mode on loopback.
  [t, connector] = await Promise.all([startSlackTestApp({ admins: [ADMIN, teamsAdmin.aadObjectId!] }), startFakeTeamsConnector()]);
  t.fake.setUser(ADMIN, { locale: "da-DK", realName: "Sekretariatet" });
});
afterAll(async () => {
  await t?.close();
  await connector?.close();
});

type Json = Record<string, unknown>;

const placementCount = () => t.db.prisma.placement.count();
const auditCount = () => t.db.prisma.auditEvent.count({ where: { entity: "placement" } });

/** The reference in a fault message, after checking the message is the fault message. */
function referenceIn(text: string): string {
  const match = FAULT.exec(text);
  if (!match) throw new Error(`not the fault message: ${text}`);
  return match[1]!;
}

/** The log line of the fault with this reference. */
function faultLog(reference: string): LogLine {
  const lines = t.logs.filter((l) => l.reference === reference);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

async function healthz(): Promise<number> {
  const res = await fetch(`${t.app.url}/healthz`);
  await res.text();
  return res.status;
}

describe("Slack: the database fails under a placement submission", () => {
  function slackValues(view: Json, cvr: string, companyName: string): Record<string, string | string[]> {
    return {
      organisationId: optionValue(view, "organisationId", "Dansk Industri Aalborg"),
      companyName,
      cvr,
      shortageSector: "yes",
      sector: "construction",
      typeId: optionValue(view, "typeId", "Virksomhedspraktik", /Aalborg/),
      places: "2",
      startDate: "2016-10-17",
      contactPerson: "Hanne Jensen, 12345678",
      needs: ["mentor", "interpreter"],
      note: "Morgenhold",
      pNumber: `10${cvr}`,
      ordinaryEmployees: "100",
      benefitGroup: "introduktionsprogram",
      purpose: "skills",
    };
  }

  it("keeps the modal and what was typed, says so with a reference, logs it with context, and saves once when the database is back", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const payload = viewSubmissionPayload({ userId: ADMIN, viewId, view, values: slackValues(view, "24256790", "Aalborg Portland") });
    const before = { placements: await placementCount(), audits: await auditCount() };
    const since = t.fake.calls.length;

    const during = await withTableAway(t.db, "Placement", async () => {
      const res = await t.slack.interact(payload);
      expect(await healthz()).toBe(200);
      return res;
    });

    // The answer keeps the modal open with the message at its first input; Slack then keeps
    // every value in the modal as it was.
    expect(during.status).toBe(200);
    const answer = during.json as { response_action: string; errors: Record<string, string>; view?: unknown };
    expect(answer.response_action).toBe("errors");
    expect(Object.keys(answer.errors)).toEqual(["organisationId"]);
    expect(answer.view).toBeUndefined();
    const reference = referenceIn(answer.errors.organisationId!);

    expect(faultLog(reference)).toMatchObject({
      level: 50,
      msg: "request failed",
      what: "submit placement.new",
      platform: "slack",
      workspaceId: TEAM,
      userId: ADMIN,
      err: { message: expect.stringContaining("Placement") },
    });
    // Nothing was saved, the modal was not replaced, and no confirmation was sent.
    expect({ placements: await placementCount(), audits: await auditCount() }).toEqual(before);
    expect(t.fake.calls.slice(since).map((c) => c.method)).not.toEqual(expect.arrayContaining(["views.update"]));
    expect(t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage")).toEqual([]);

    // The database is back; the person presses Save again on the same modal.
    const after = await t.slack.interact(payload);
    const saved = after.json as { response_action: string; view: Json };
    expect(saved.response_action).toBe("update");
    expect(allText(saved.view.blocks)).toContain("Praktikpladsen er gemt");
    expect(allText(saved.view.blocks)).toContain("Aalborg Portland (CVR 24256790)");
    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === ADMIN, { since });
    expect(String(dm.body.text)).toContain("Praktikpladsen er gemt");
    expect({ placements: await placementCount(), audits: await auditCount() }).toEqual({ placements: before.placements + 1, audits: before.audits + 1 });

    // And once more: still one.
    const again = await t.slack.interact(payload);
    expect(allText(again.json)).toContain("Praktikpladsen var allerede gemt");
    expect(await placementCount()).toBe(before.placements + 1);
  });

  it("a fault in the middle of the write leaves nothing half-saved", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const payload = viewSubmissionPayload({ userId: ADMIN, viewId, view, values: slackValues(view, "10000009", "Nordjysk Maskinfabrik") });
    const before = await placementCount();

    // The placement row is inserted, then its audit row cannot be: the transaction must undo both.
    const during = await withTableAway(t.db, "AuditEvent", () => t.slack.interact(payload));
    const answer = during.json as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe("errors");
    faultLog(referenceIn(answer.errors.organisationId!));
    expect(await placementCount()).toBe(before);
    expect(await t.db.prisma.company.count({ where: { cvr: "10000009" } })).toBe(0);

    const after = await t.slack.interact(payload);
    expect(allText(after.json)).toContain("Praktikpladsen er gemt");
    expect(await t.db.prisma.placement.count({ where: { company: { cvr: "10000009" } } })).toBe(1);
    expect(await placementCount()).toBe(before + 1);
  });

  it("a write conflict the database reports as transient is retried, and the person sees only the saved placement", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const payload = viewSubmissionPayload({ userId: ADMIN, viewId, view, values: slackValues(view, "20000007", "Aalborg Zoo") });
    const before = await placementCount();
    const fault = await failNextInserts(t.db, "Placement", { times: 1, code: "40001" });
    try {
      const res = await t.slack.interact(payload);
      expect((res.json as { response_action: string }).response_action).toBe("update");
      expect(allText(res.json)).toContain("Praktikpladsen er gemt");
      expect(await fault.raised()).toBe(1);
    } finally {
      await fault.remove();
    }
    expect(await t.db.prisma.placement.count({ where: { company: { cvr: "20000007" } } })).toBe(1);
    expect(await placementCount()).toBe(before + 1);
  });
});

describe("Slack: commands while the database fails", () => {
  it("/praktik fremdrift answers with the fault message, and the next one after recovery with the progress", async () => {
    const restore = await takeTableAway(t.db, "Target");
    let text: string;
    try {
      text = String((await commandReply(t, ADMIN, "fremdrift")).body.text);
      expect(await healthz()).toBe(200);
    } finally {
      await restore();
    }
    const reference = referenceIn(text);
    expect(faultLog(reference)).toMatchObject({ level: 50, what: "command fremdrift", platform: "slack", workspaceId: TEAM, userId: ADMIN });

    const reply = await commandReply(t, ADMIN, "fremdrift");
    expect(String(reply.body.text)).toBe("Fremdrift – Partnerskab om integration, Aalborg 2016");
  });

  it("/praktik liste answers with the fault message while the placements are away", async () => {
    const text = await withTableAway(t.db, "Placement", async () => String((await commandReply(t, ADMIN, "liste")).body.text));
    expect(faultLog(referenceIn(text))).toMatchObject({ what: "command liste", userId: ADMIN });
  });
});

describe("Teams: the database fails under a card submission", () => {
  async function say(text: string) {
    const since = connector.calls.length;
    const res = await postActivity(t.app.url, messageActivity({ serviceUrl: connector.url, user: teamsAdmin, text }));
    expect(res.status).toBe(200);
    const [call] = await connector.waitForActivities(1, since);
    return call!;
  }

  async function press(action: { verb: string; data: Record<string, unknown> }) {
    return postActivity(t.app.url, cardActionInvoke({ serviceUrl: connector.url, user: teamsAdmin, ...action }));
  }

  function teamsValues(card: Card): Record<string, string> {
    return {
      organisationId: choiceValue(card, "organisationId", (title) => title.startsWith("Dansk Industri Aalborg")),
      companyName: "Limfjordens Bageri",
      cvr: "30000005",
      employerSector: "private",
      sector: "construction",
      shortageSector: "yes",
      typeId: choiceValue(card, "typeId", (title) => title.startsWith("Virksomhedspraktik") && title.includes("Aalborg")),
      places: "1",
      startDate: "2016-10-24",
      weeks: "",
      contactPerson: "Ole Olsen, 87654321",
      needs: "mentor",
      note: "",
      pNumber: "1030000005",
      ordinaryEmployees: "100",
      benefitGroup: "introduktionsprogram",
      purpose: "skills",
    };
  }

  it("answers the person with the fault text, leaves the card as it was, logs the reference, and saves once after recovery", async () => {
    const card = cardOf((await say("ny")).body);
    const data = filledData(card, teamsValues(card));
    const before = await placementCount();
    const since = connector.calls.length;

    const during = await withTableAway(t.db, "Placement", () => press(data));
    expect(during.status).toBe(200);
    // A message response: shown to the person who pressed, while the card keeps what they typed.
    const response = during.body as { statusCode: number; type: string; value: unknown };
    expect(response).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message" });
    const reference = referenceIn(String(response.value));
    expect(faultLog(reference)).toMatchObject({
      level: 50,
      what: "submit placement.new",
      platform: "teams",
      workspaceId: TEST_TENANT_ID,
      userId: teamsAdmin.aadObjectId,
    });
    expect(await placementCount()).toBe(before);
    // No card update and no message: nothing but the answer to the invoke.
    expect(connector.calls.slice(since)).toEqual([]);

    const after = await press(data);
    const text = cardText(invokeCard(after.body));
    expect(text).toContain("Praktikpladsen er gemt");
    expect(text).toContain("Limfjordens Bageri (CVR 30000005)");
    expect(await placementCount()).toBe(before + 1);

    const again = await press(data);
    expect(cardText(invokeCard(again.body))).toContain("Praktikpladsen var allerede gemt");
    expect(await placementCount()).toBe(before + 1);
  });

  it("gives up after three attempts at a write conflict that does not pass, says so, and saves once when pressed again", async () => {
    const card = cardOf((await say("ny")).body);
    const data = filledData(card, { ...teamsValues(card), companyName: "Aalborg Havn", cvr: "10000009", pNumber: "1010000009" });
    const before = await placementCount();
    const fault = await failNextInserts(t.db, "Placement", { times: 3, code: "40001" });
    try {
      const during = await press(data);
      const response = during.body as { statusCode: number; type: string; value: unknown };
      expect(response).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message" });
      faultLog(referenceIn(String(response.value)));
      expect(await fault.raised()).toBe(3);
      expect(await placementCount()).toBe(before);

      // The conflict has passed (the trigger lets the fourth insert through).
      const after = await press(data);
      expect(cardText(invokeCard(after.body))).toContain("Aalborg Havn (CVR 10000009)");
    } finally {
      await fault.remove();
    }
    expect(await placementCount()).toBe(before + 1);
  });

  // The targets are reference data the bot keeps in memory until they change (src/db/read-cache.ts): the
  // placements are what progress must read from the database every time.
  it("answers 'fremdrift' with the fault message while the placements are away, and with the progress after", async () => {
    const text = await withTableAway(t.db, "Placement", async () => {
      const shown = shownText((await say("fremdrift")).body);
      expect(await healthz()).toBe(200);
      return shown;
    });
    expect(faultLog(referenceIn(text))).toMatchObject({ what: "command fremdrift", platform: "teams", userId: teamsAdmin.aadObjectId });
    expect(shownText((await say("fremdrift")).body)).toContain("Fremdrift – Partnerskab om integration, Aalborg 2016");
  });
});
