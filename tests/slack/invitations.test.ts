// Invitations and installations across workspaces and tenants, end to end through both
// platforms on one running bot: the secretariat (in the municipality's workspace) makes a code
// with /praktik admin invitér; a person in a partner's own Slack workspace and a person in an
// allowed Teams tenant join with it and register a placement; the admin hears of each by DM,
// sent with the admin's workspace's token; a wrong code, a used-up code and a tenant that is
// not allowed get nowhere; the secretariat lists the installations and removes one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeWorkspace } from "../support/fake-slack-api.js";
import { type FakeTeamsConnector, startFakeTeamsConnector } from "../support/fake-teams-connector.js";
import { ADMIN, allText, commandReply, installWorkspace, optionValue, type SlackTestApp, startSlackTestApp } from "../support/slack-harness.js";
import { blockActionsPayload, viewSubmissionPayload } from "../support/slack-requests.js";
import { messageActivity, postActivity, shownText, teamsUser } from "../support/teams-activities.js";

const HOME: FakeWorkspace = { teamId: "TKOMMUNE", teamName: "Aalborg Kommune", token: "xoxb-kommune", code: "code-kommune", installerId: ADMIN };
const PARTNER: FakeWorkspace = { teamId: "TDIFAG", teamName: "DI Aalborg", token: "xoxb-di", code: "code-di", installerId: "UDIADMIN" };
const TENANT_B = "7b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const TENANT_C = "c0ffee00-0000-4000-8000-00000000dead";

type Json = Record<string, unknown>;
let t: SlackTestApp;
let connector: FakeTeamsConnector;
let code: string;

beforeAll(async () => {
  [t, connector] = await Promise.all([startSlackTestApp({ oauth: true, env: { ALLOWED_TENANTS: TENANT_B } }), startFakeTeamsConnector()]);
  for (const w of [HOME, PARTNER]) {
    t.fake.addWorkspace(w);
    expect((await installWorkspace(t, w.code)).done.status).toBe(200);
  }
});
afterAll(async () => {
  await t?.close();
  await connector?.close();
});

async function teamsSay(user: ReturnType<typeof teamsUser>, text: string) {
  const since = connector.calls.length;
  const res = await postActivity(t.app.url, messageActivity({ serviceUrl: connector.url, user, text }));
  return { res, since };
}

describe("an invitation made in one workspace", () => {
  it("/praktik admin invitér opens the invitation form with the home workspace's token; the code is shown once", async () => {
    const since = t.fake.calls.length;
    await t.slack.command({ userId: ADMIN, text: "admin invitér", teamId: HOME.teamId });
    const open = await t.fake.waitFor("views.open", undefined, { since });
    expect(open.token).toBe(HOME.token);
    const view = open.body.view as Json;
    expect(view.callback_id).toBe("invitation.create");
    const viewId = (open.response as { view: { id: string } }).view.id;
    const values = { organisationId: optionValue(view, "organisationId", "Dansk Industri Aalborg"), role: "partner_contact", maxUses: "2" };
    const res = await t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId, view, values, teamId: HOME.teamId }));
    const shown = allText(res.json);
    const found = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(shown);
    expect(found).not.toBeNull();
    code = found![0];
    expect(shown).toContain(`/praktik tilmeld ${code}`);
    expect(shown).toContain(`tilmeld ${code}`);
    const row = await t.db.prisma.invitation.findFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code.slice(5).replace(/-/g, ""));
    expect(JSON.stringify(await t.db.prisma.auditEvent.findMany({ where: { entity: "invitation" } }))).not.toContain(code);
  });

  it("a person in the partner's own workspace joins with /praktik tilmeld, and the admin is told with the home token", async () => {
    const since = t.fake.calls.length;
    const reply = await commandReply(t, "UDIPERSON", `tilmeld ${code}`, "CDI", { teamId: PARTNER.teamId });
    expect(String(reply.body.text)).toContain("Du er nu Kontaktperson hos partner for Dansk Industri Aalborg");
    const contact = await t.db.prisma.contact.findUniqueOrThrow({
      where: { platform_workspaceId_userId: { platform: "slack", workspaceId: PARTNER.teamId, userId: "UDIPERSON" } },
    });
    expect(contact.role).toBe("partner_contact");
    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === ADMIN, { since });
    expect(dm.token).toBe(HOME.token);
    expect(String(dm.body.text)).toContain("Dansk Industri Aalborg");
    expect(
      t.fake.calls
        .slice(since)
        .filter((c) => c.method === "users.info")
        .map((c) => c.token),
    ).toEqual([PARTNER.token]);
  });

  it("and registers a placement there, answered with the partner workspace's token", async () => {
    const since = t.fake.calls.length;
    await t.slack.command({ userId: "UDIPERSON", text: "ny", teamId: PARTNER.teamId });
    const open = await t.fake.waitFor("views.open", undefined, { since });
    expect(open.token).toBe(PARTNER.token);
    const view = open.body.view as Json;
    const viewId = (open.response as { view: { id: string } }).view.id;
    const values = {
      companyName: "Aalborg Portland",
      cvr: "24256790",
      shortageSector: "yes",
      sector: "construction",
      typeId: optionValue(view, "typeId", "Virksomhedspraktik"),
      places: "1",
      startDate: "2016-10-10",
      contactPerson: "Hanne Jensen",
      pNumber: "1024256790",
      ordinaryEmployees: "100",
      benefitGroup: "introduktionsprogram",
      purpose: "skills",
    };
    const res = await t.slack.interact(viewSubmissionPayload({ userId: "UDIPERSON", viewId, view, values, teamId: PARTNER.teamId }));
    expect((res.json as Json).response_action).toBe("update");
    expect((await t.db.prisma.placement.findFirstOrThrow()).createdBy).toBe(`slack:${PARTNER.teamId}:UDIPERSON`);
  });

  it("a wrong code says so, and nothing else", async () => {
    const reply = await commandReply(t, "UDIOTHER", "tilmeld ABCD-EFGH-JKMN", "CDI", { teamId: PARTNER.teamId });
    expect(String(reply.body.text)).toBe("Den kode kender jeg ikke. Tjek, at du har skrevet den rigtigt, eller bed sekretariatet om en ny.");
    expect(await t.db.prisma.contact.count({ where: { userId: "UDIOTHER" } })).toBe(0);
  });

  it("a person in an allowed Teams tenant joins with tilmeld; the code is then used up", async () => {
    const person = teamsUser("Bo Fagforening", { tenantId: TENANT_B });
    const { res, since } = await teamsSay(person, `tilmeld ${code}`);
    expect(res.status).toBe(200);
    const [answer] = await connector.waitForActivities(1, since);
    expect(shownText(answer?.body)).toContain("Du er nu Kontaktperson hos partner for Dansk Industri Aalborg");
    expect(await t.db.prisma.contact.count({ where: { platform: "teams", workspaceId: TENANT_B, userId: person.aadObjectId! } })).toBe(1);
    expect((await t.db.prisma.invitation.findFirstOrThrow()).uses).toBe(2);

    const late = await commandReply(t, "UDILATE", `tilmeld ${code}`, "CDI", { teamId: PARTNER.teamId });
    expect(String(late.body.text)).toContain("allerede brugt");
  });

  it("a tenant that is not allowed gets no answer and joins nothing", async () => {
    const outsider = teamsUser("Ukendt Udefra", { tenantId: TENANT_C });
    const { since } = await teamsSay(outsider, `tilmeld ${code}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.calls.length).toBe(since);
    expect(await t.db.prisma.contact.count({ where: { workspaceId: TENANT_C } })).toBe(0);
  });
});

describe("admin installationer", () => {
  it("lists the workspaces and tenants with who installed them, and a deployment admin removes one after confirming", async () => {
    const reply = await commandReply(t, ADMIN, "admin installationer", "CHOME", { teamId: HOME.teamId });
    const text = allText(reply.body);
    expect(text).toContain("Aalborg Kommune");
    expect(text).toContain("DI Aalborg");
    expect(text).toContain(`Installeret`);
    expect(text).toContain(TENANT_B);
    const click = (actionId: string, value: string) =>
      t.slack.interact(blockActionsPayload({ userId: ADMIN, actionId, value, teamId: HOME.teamId, responseUrl: t.fake.responseUrl("actions") }));
    const since = t.fake.calls.length;
    await click("installation.remove", `slack:${PARTNER.teamId}`);
    const question = await t.fake.waitFor("response_url", undefined, { since });
    expect(allText(question.body)).toContain(`slack:${PARTNER.teamId}`);
    expect(await t.db.prisma.slackInstallation.count({ where: { installKey: PARTNER.teamId } })).toBe(1);
    await click("installation.remove_confirmed", `slack:${PARTNER.teamId}`);
    await expect.poll(() => t.db.prisma.slackInstallation.count({ where: { installKey: PARTNER.teamId } })).toBe(0);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { entity: "SlackInstallation", entityId: PARTNER.teamId, action: "removed" } });
    expect(audit.actor).toBe(`slack:${HOME.teamId}:${ADMIN}`);
  });

  it("a partner contact may neither list nor remove", async () => {
    const reply = await commandReply(t, "UDIPERSON", "admin installationer", "CDI", { teamId: HOME.teamId });
    expect(allText(reply.body)).not.toContain("Aalborg Kommune —");
    // In a Slack Connect channel of the home workspace: known as their own workspace's contact.
    const since = t.fake.calls.length;
    const responseUrl = t.fake.responseUrl("actions");
    await t.slack.interact(
      blockActionsPayload({
        userId: "UDIPERSON",
        actionId: "installation.remove_confirmed",
        value: `slack:${HOME.teamId}`,
        teamId: HOME.teamId,
        userTeamId: PARTNER.teamId,
        responseUrl,
      }),
    );
    const answer = await t.fake.waitFor("response_url", (c) => c.responseUrl === responseUrl, { since });
    expect(allText(answer.body)).toContain("Kun driftens administratorer");
    expect(await t.db.prisma.slackInstallation.count({ where: { installKey: HOME.teamId } })).toBe(1);
  });
});
