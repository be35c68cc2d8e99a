// A Slack Connect channel between two workspaces that both installed the app: a partner contact
// from the second workspace is the same contact whether they type a command in their own
// workspace, press a button on a message the first workspace's installation posted, or submit
// the modal that button opened — and each request is answered with the token of the
// installation it belongs to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeWorkspace } from "../support/fake-slack-api.js";
import { installWorkspace, optionValue, type SlackTestApp, startSlackTestApp } from "../support/slack-harness.js";
import { blockActionsPayload, viewSubmissionPayload } from "../support/slack-requests.js";

const HOST: FakeWorkspace = { teamId: "TKOMMUNE", teamName: "Aalborg Kommune", token: "xoxb-kommune", code: "code-kommune" };
const GUEST: FakeWorkspace = { teamId: "TDIFAG", teamName: "DI Aalborg", token: "xoxb-di", code: "code-di" };
const SHARED = "CSHARED";
/** A partner contact whose own workspace is GUEST; Slack user ids are the same in every workspace they appear in. */
const EXTERNAL = "UEXTERNAL";

type Json = Record<string, unknown>;
let t: SlackTestApp;

beforeAll(async () => {
  t = await startSlackTestApp({ oauth: true });
  for (const w of [HOST, GUEST]) {
    t.fake.addWorkspace(w);
    expect((await installWorkspace(t, w.code)).done.status).toBe(200);
  }
  t.fake.setUser(EXTERNAL, { locale: "da-DK", realName: "Ditte Ekstern", teamId: GUEST.teamId });
  const di = await t.db.prisma.organisation.findFirstOrThrow({ where: { name: "Dansk Industri Aalborg" } });
  await t.db.prisma.contact.create({
    data: { platform: "slack", workspaceId: GUEST.teamId, userId: EXTERNAL, organisationId: di.id, role: "partner_contact", createdBy: "test" },
  });
});
afterAll(async () => {
  await t?.close();
});

const tokensOf = (since: number, method: string) =>
  t.fake.calls
    .slice(since)
    .filter((c) => c.method === method)
    .map((c) => c.token);

describe("a person from another workspace in a Slack Connect channel", () => {
  it("a command in their own workspace: known, answered with their workspace's token", async () => {
    const since = t.fake.calls.length;
    const res = await t.slack.command({ userId: EXTERNAL, text: "ny", teamId: GUEST.teamId, channelId: SHARED });
    expect(res.status).toBe(200);
    const open = await t.fake.waitFor("views.open", undefined, { since });
    expect(open.token).toBe(GUEST.token);
    expect((open.body.view as Json).callback_id).toBe("placement.new");
  });

  it("a button on the host workspace's message, then the modal it opened: the same contact, the host's token", async () => {
    const since = t.fake.calls.length;
    // Slack puts the host (whose message it is) in `team`, and the person's own workspace in user.team_id.
    const click = blockActionsPayload({ userId: EXTERNAL, actionId: "placement.open_form", teamId: HOST.teamId, userTeamId: GUEST.teamId, channelId: SHARED });
    expect((await t.slack.interact(click)).status).toBe(200);
    const open = await t.fake.waitFor("views.open", undefined, { since });
    expect(open.token).toBe(HOST.token);
    const view = open.body.view as Json;
    expect(view.callback_id).toBe("placement.new");
    const viewId = (open.response as { view: { id: string } }).view.id;

    // The modal's submission carries the submitter's workspace in `team`, the host in view.app_installed_team_id.
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
    const submitted = t.fake.calls.length;
    const res = await t.slack.interact(viewSubmissionPayload({ userId: EXTERNAL, viewId, view, values, teamId: HOST.teamId, userTeamId: GUEST.teamId }));
    expect(res.status).toBe(200);
    expect((res.json as Json).response_action).toBe("update");
    const placement = await t.db.prisma.placement.findFirstOrThrow();
    expect(placement.createdBy).toBe(`slack:${GUEST.teamId}:${EXTERNAL}`);
    // The confirmation DM goes out through the installation that answered the modal.
    await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === EXTERNAL, { since: submitted });
    expect(tokensOf(submitted, "chat.postMessage")).toEqual([HOST.token]);
  });

  it("the same person is not a contact in the host workspace: identity follows their own workspace, not the channel's", async () => {
    // A command naming the host as the person's workspace is someone else to the bot.
    const since = t.fake.calls.length;
    await t.slack.command({ userId: EXTERNAL, text: "ny", teamId: HOST.teamId, channelId: SHARED });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.fake.calls.slice(since).some((c) => c.method === "views.open")).toBe(false);
  });
});
