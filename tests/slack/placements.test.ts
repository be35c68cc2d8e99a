// End to end through the real app: signed Slack requests in, Web API calls out to a fake Slack,
// placements in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESPONSE_URL } from "../support/fake-slack-api.js";
import {
  ADMIN,
  allText,
  commandReply,
  inputBlock,
  openModal,
  optionsOf,
  optionValue,
  type SlackTestApp,
  startSlackTestApp,
  TEAM,
} from "../support/slack-harness.js";
import { blockActionsPayload, SlackSender, viewSubmissionPayload } from "../support/slack-requests.js";

const ENGLISH_ADMIN = "UADMINEN";
const SILENT_ADMIN = "UADMINXX";
let t: SlackTestApp;

beforeAll(async () => {
  t = await startSlackTestApp({ admins: [ADMIN, ENGLISH_ADMIN, SILENT_ADMIN] });
  t.fake.setUser(ADMIN, { locale: "da-DK", realName: "Sekretariatet" });
  t.fake.setUser(ENGLISH_ADMIN, { locale: "en-US", realName: "Sam Secretary" });
});
afterAll(async () => {
  await t?.close();
});

type Json = Record<string, unknown>;

function validValues(view: Json, typeLabel = "Virksomhedspraktik"): Record<string, string | string[]> {
  return {
    organisationId: optionValue(view, "organisationId", "Dansk Industri Aalborg"),
    companyName: "Aalborg Portland",
    cvr: "24256790",
    shortageSector: "yes",
    sector: "construction",
    typeId: optionValue(view, "typeId", typeLabel, /Aalborg/),
    places: "3",
    startDate: "2016-10-10",
    contactPerson: "Hanne Jensen, 12345678",
    needs: ["mentor"],
    pNumber: "1024256790",
    ordinaryEmployees: "100",
    benefitGroup: "introduktionsprogram",
    purpose: "skills",
  };
}

const placementCount = () => t.db.prisma.placement.count();

describe("registering a placement from Slack", () => {
  let opened: { view: Json; viewId: string };

  it("/praktik ny from an admin opens the placement modal", async () => {
    opened = await openModal(t, ADMIN, "ny");
    const { view } = opened;
    expect(view).toMatchObject({
      type: "modal",
      callback_id: "placement.new",
      title: { type: "plain_text", text: "Registrér praktikplads" },
      submit: { text: "Gem" },
      close: { text: "Annullér" },
    });
    const metadata = JSON.parse(String(view.private_metadata)) as { nonce: string; state: Record<string, string> };
    expect(metadata.nonce).toMatch(/.{8,}/);
    expect(metadata.state).toEqual({});

    const inputs = (view.blocks as Json[]).filter((b) => b.type === "input").map((b) => b.block_id);
    expect(inputs).toEqual([
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
    // Both example partnerships, as option groups.
    const organisation = inputBlock(view, "organisationId").element as Json;
    expect(organisation.type).toBe("static_select");
    expect((organisation.option_groups as Json[]).map((g) => (g.label as Json).text)).toEqual([
      "Partnerskab om integration, Aalborg 2016",
      "Partnerskabsaftaler Sønder-Korskærparken, Fredericia",
    ]);
    expect(optionsOf(view, "typeId").some((o) => o.text === "Virksomhedspraktik – 13 uger")).toBe(true);
    expect(inputBlock(view, "cvr")).toMatchObject({ hint: { text: "8 cifre, fx 12345674." }, element: { type: "plain_text_input", max_length: 12 } });
    expect(inputBlock(view, "employerSector").element).toMatchObject({ type: "radio_buttons", initial_option: { value: "private" } });
    expect(inputBlock(view, "places").element).toMatchObject({ type: "plain_text_input", initial_value: "1" });
    expect(inputBlock(view, "startDate").element).toMatchObject({ type: "datepicker", initial_date: "2016-10-03" });
    expect(inputBlock(view, "weeks")).toMatchObject({ optional: true });
    expect(inputBlock(view, "needs").element).toMatchObject({ type: "checkboxes" });
    expect(inputBlock(view, "note")).toMatchObject({ optional: true, element: { type: "plain_text_input", multiline: true, max_length: 500 } });
  });

  it("a valid submission saves one placement and shows the summary in the modal and by DM", async () => {
    const since = t.fake.calls.length;
    const payload = viewSubmissionPayload({ userId: ADMIN, viewId: opened.viewId, view: opened.view, values: validValues(opened.view) });
    const res = await t.slack.interact(payload);
    expect(res.status).toBe(200);
    const answer = res.json as { response_action: string; view: Json };
    expect(answer.response_action).toBe("update");
    expect(answer.view).toMatchObject({ type: "modal", title: { text: "Registrér praktikplads" }, close: { text: "Luk" } });
    expect(answer.view.submit).toBeUndefined();
    const shown = allText(answer.view.blocks);
    expect(shown).toContain("Praktikpladsen er gemt");
    expect(shown).toContain("Aalborg Portland (CVR 24256790)");
    expect(shown).toContain("Dansk Industri Aalborg");

    const rows = await t.db.prisma.placement.findMany({ include: { organisation: true, company: true } });
    expect(rows).toHaveLength(1);
    const nonce = (JSON.parse(String(opened.view.private_metadata)) as { nonce: string }).nonce;
    expect(rows[0]).toMatchObject({
      places: 3,
      createdBy: `slack:${TEAM}:${ADMIN}`,
      // The key holds the submitter too, so another person's nonce never finds this placement.
      idempotencyKey: `slack:${TEAM}:${ADMIN}:${nonce}`,
      needs: ["mentor"],
      shortageSector: true,
      organisation: { name: "Dansk Industri Aalborg" },
      company: { cvr: "24256790", name: "Aalborg Portland" },
    });

    const dm = await t.fake.waitFor("chat.postMessage", (c) => c.body.channel === ADMIN, { since });
    expect(String(dm.body.text)).toContain("Praktikpladsen er gemt");
    expect(allText(dm.body.blocks)).toContain("Aalborg Portland (CVR 24256790)");
    const buttons = (dm.body.blocks as Json[]).filter((b) => b.type === "actions").flatMap((b) => b.elements as Json[]);
    expect(buttons.map((b) => b.action_id)).toEqual(["placement.open_form", "placement.list", "support.choose", "placement.vitas"]);
  });

  it("a Slack retry and repeated deliveries of a saved submission create no second placement", async () => {
    const since = t.fake.calls.length;
    const values = validValues(opened.view);
    const retry = await t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId: opened.viewId, view: opened.view, values }), { retryNum: 1 });
    expect(retry.status).toBe(200);
    expect(allText((retry.json as { view: Json }).view)).toContain("Praktikpladsen var allerede gemt");

    // Two separate deliveries at once, as from a double click.
    const [first, second] = await Promise.all([
      t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId: opened.viewId, view: opened.view, values })),
      t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId: opened.viewId, view: opened.view, values })),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    for (const res of [first, second]) expect((res.json as { response_action: string }).response_action).toBe("update");

    expect(await placementCount()).toBe(1);
    expect(await t.db.prisma.auditEvent.count({ where: { entity: "placement" } })).toBe(1);
    // The retried delivery sends no second DM; the double click's deliveries each say "already saved".
    await t.fake.waitFor("chat.postMessage", undefined, { since });
    await new Promise((r) => setTimeout(r, 200));
    const dms = t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage");
    expect(dms.length).toBe(2);
    for (const dm of dms) expect(String(dm.body.text)).toContain("allerede gemt");
  });

  it("two deliveries of a fresh form at the same moment save it once", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const values = {
      ...validValues(view),
      typeId: optionValue(view, "typeId", "Løntilskud", /Aalborg/),
      cvr: "10000009",
      pNumber: "1010000009",
      companyName: "Nordjysk Maskinfabrik",
    };
    const [first, second] = await Promise.all([
      t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId, view, values })),
      t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId, view, values })),
    ]);
    const said = [first, second].map((res) => allText(res.json));
    expect(said.filter((text) => text.includes("Praktikpladsen er gemt"))).toHaveLength(1);
    expect(said.filter((text) => text.includes("Praktikpladsen var allerede gemt"))).toHaveLength(1);
    expect(await t.db.prisma.placement.count({ where: { company: { cvr: "10000009" } } })).toBe(1);
    expect(await placementCount()).toBe(2);
  });

  it("an invalid CVR number comes back as a Danish error at the cvr field, and nothing is saved", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const res = await t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId, view, values: { ...validValues(view), cvr: "12345678" } }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      response_action: "errors",
      errors: { cvr: "CVR-nummeret findes ikke (kontrolcifferet passer ikke). Tjek cifrene." },
    });
    expect(await placementCount()).toBe(2);
  });

  it("a registration that would break the ratio rule is refused at the P-nummer with the numbers and the rule", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const values = { ...validValues(view), cvr: "30000005", companyName: "Limfjordens Bageri", pNumber: "1030000005", ordinaryEmployees: "4", places: "2" };
    const res = await t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId, view, values }));
    const answer = res.json as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe("errors");
    expect(Object.keys(answer.errors)).toEqual(["pNumber"]);
    expect(answer.errors.pNumber).toContain("Rimelighedskravet er ikke opfyldt på P-nummer 1030000005");
    expect(answer.errors.pNumber).toContain("denne plads (på 37 og 37 timer) alene bliver 2 – højst 1 er tilladt");
    expect(answer.errors.pNumber).toContain("§ 65");
    expect(await placementCount()).toBe(2);
  });

  it("a note with a CPR-shaped number is refused at the note field", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const res = await t.slack.interact(
      viewSubmissionPayload({ userId: ADMIN, viewId, view, values: { ...validValues(view), note: "Kandidaten er født 010190-1234" } }),
    );
    const answer = res.json as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe("errors");
    expect(Object.keys(answer.errors)).toEqual(["note"]);
    expect(answer.errors.note).toContain("CPR-nummer");
    expect(await placementCount()).toBe(2);
  });

  it("several wrong fields are all reported, each at its own input", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const res = await t.slack.interact(
      viewSubmissionPayload({ userId: ADMIN, viewId, view, values: { ...validValues(view), places: "0", companyName: "", sector: null } }),
    );
    const answer = res.json as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe("errors");
    expect(answer.errors).toEqual({
      companyName: "Udfyld venligst dette felt.",
      sector: "Vælg en af mulighederne.",
      places: "Skriv et tal fra 1 til 50.",
    });
  });

  it("an English-locale user gets the modal and the errors in English", async () => {
    const { view, viewId } = await openModal(t, ENGLISH_ADMIN, "new");
    expect(view).toMatchObject({ title: { text: "Register placement" }, submit: { text: "Save" }, close: { text: "Cancel" } });
    const res = await t.slack.interact(
      viewSubmissionPayload({ userId: ENGLISH_ADMIN, viewId, view, values: { ...validValues(view, "Work placement"), cvr: "12345678" } }),
    );
    expect(res.json).toEqual({
      response_action: "errors",
      errors: { cvr: "This CVR number does not exist (the check digit does not match). Check the digits." },
    });
    const help = await commandReply(t, ENGLISH_ADMIN, "help");
    expect(String(help.body.text)).toBe("Praktikbot – help");
    // The locale is cached: one users.info for this person across three requests.
    expect(t.fake.callsTo("users.info").filter((c) => c.body.user === ENGLISH_ADMIN)).toHaveLength(1);
  });

  it("when Slack cannot say a user's locale, the default language is used and the failure logged", async () => {
    t.fake.fail("users.info", { error: "user_not_found" });
    const reply = await commandReply(t, SILENT_ADMIN, "hjælp");
    expect(String(reply.body.text)).toBe("Praktikbot – hjælp");
    expect(t.logs.some((l) => l.method === "users.info" && l.slackError === "user_not_found" && l.userId === SILENT_ADMIN)).toBe(true);
  });

  it("a forged signature is refused with 401 and nothing is saved", async () => {
    const since = t.fake.calls.length;
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const payload = viewSubmissionPayload({ userId: ADMIN, viewId, view, values: validValues(view) });
    const forged = await t.slack.interact(payload, { signature: `v0=${"0".repeat(64)}` });
    expect(forged.status).toBe(401);
    const stale = await t.slack.interact(payload, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const wrongSecret = await new SlackSender(t.app.url, "not-the-secret").interact(payload);
    expect(wrongSecret.status).toBe(401);
    expect(await placementCount()).toBe(2);
    // Only the modal was opened; the refused requests reached no handler.
    expect(t.fake.calls.slice(since).map((c) => c.method)).toEqual(["views.open"]);
  });

  it("an unknown user is told how to get access, by command and by submission, and nothing is saved", async () => {
    const reply = await commandReply(t, "UNOBODY", "ny");
    expect(reply.method).toBe(RESPONSE_URL);
    expect(reply.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(reply.body.text)).toContain("Bed Jobcentersekretariatet om at tilføje dig");
    expect(allText(reply.body.blocks)).toContain("UNOBODY");

    // A modal an admin opened, submitted by someone the bot does not know.
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const since = t.fake.calls.length;
    const res = await t.slack.interact(viewSubmissionPayload({ userId: "UNOBODY", viewId, view, values: validValues(view) }));
    expect((res.json as { response_action: string }).response_action).toBe("update");
    expect(allText(res.json)).toContain("Du har ikke adgang endnu");
    // Refused, so nothing to confirm: the modal says it, and no DM follows.
    expect(t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage" && c.body.channel === "UNOBODY")).toEqual([]);
    expect(await placementCount()).toBe(2);
  });
});

describe("commands and buttons", () => {
  it("/praktik liste shows the latest placements, privately through the command's response URL", async () => {
    const since = t.fake.calls.length;
    const reply = await commandReply(t, ADMIN, "liste");
    expect(reply.method).toBe(RESPONSE_URL);
    expect(reply.body.response_type).toBe("ephemeral");
    expect(reply.body.replace_original).toBeUndefined();
    // The response URL was enough: no Web API call posted anything.
    expect(t.fake.calls.slice(since).filter((c) => c.method.startsWith("chat."))).toEqual([]);
    expect(String(reply.body.text)).toBe("Seneste praktikpladser");
    expect(allText(reply.body.blocks)).toMatch(/Aalborg Portland · Virksomhedspraktik · 3 pl\./);
  });

  it("/praktik in a conversation the app is not in (a DM between people) is answered through the response URL", async () => {
    const since = t.fake.calls.length;
    const reply = await commandReply(t, ADMIN, "hjælp", "D0PRIVATE");
    expect(reply.method).toBe(RESPONSE_URL);
    expect(String(reply.body.text)).toBe("Praktikbot – hjælp");
    // Neither chat.postEphemeral (which Slack refuses there) nor a DM from the app.
    expect(t.fake.calls.slice(since).filter((c) => c.method.startsWith("chat."))).toEqual([]);
  });

  it("/praktik fremdrift shows progress towards the targets, counting only what the municipality approved", async () => {
    const reply = await commandReply(t, ADMIN, "fremdrift");
    // The praktik still awaits its representative and the municipality: it waits and does not count yet.
    expect(allText(reply.body.blocks)).toContain("0 / 500 (0 %)");
    expect(allText(reply.body.blocks)).toContain("Venter på godkendelse (tæller ikke med endnu)");
    expect(String(reply.body.text)).toBe("Fremdrift – Partnerskab om integration, Aalborg 2016");
  });

  it("/praktik alone shows the help, with the admin command for admins", async () => {
    const reply = await commandReply(t, ADMIN, "");
    const text = allText(reply.body.blocks);
    expect(String(reply.body.text)).toBe("Praktikbot – hjælp");
    for (const command of ["/praktik ny", "/praktik liste", "/praktik fremdrift", "/praktik hjælp", "/praktik admin"]) expect(text).toContain(command);
  });

  it("a typo gets the nearest command suggested", async () => {
    const reply = await commandReply(t, ADMIN, "fremdrif");
    expect(String(reply.body.text)).toBe("Jeg kender ikke »fremdrif«. Mente du /praktik fremdrift?");
  });

  it("the register button in a message opens the form with the click's trigger_id", async () => {
    const since = t.fake.calls.length;
    const payload = blockActionsPayload({ userId: ADMIN, actionId: "placement.open_form" });
    const res = await t.slack.interact(payload);
    expect(res.status).toBe(200);
    const open = await t.fake.waitFor("views.open", undefined, { since });
    expect(open.body.trigger_id).toBe(payload.trigger_id);
    expect((open.body.view as Json).callback_id).toBe("placement.new");
  });

  it("the list button answers below its message through the message's response URL, leaving the message as it was", async () => {
    const since = t.fake.calls.length;
    const responseUrl = t.fake.responseUrl("actions");
    await t.slack.interact(blockActionsPayload({ userId: ADMIN, actionId: "placement.list", channelId: "C0042", responseUrl }));
    const reply = await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === responseUrl, { since });
    expect(reply.body).toMatchObject({ response_type: "ephemeral", replace_original: false, text: "Seneste praktikpladser" });
    expect(reply.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.fake.calls.slice(since).filter((c) => c.method.startsWith("chat."))).toEqual([]);
  });

  it("a button without a response URL answers in the channel", async () => {
    const since = t.fake.calls.length;
    await t.slack.interact(blockActionsPayload({ userId: ADMIN, actionId: "placement.list", channelId: "C0042" }));
    const reply = await t.fake.waitFor("chat.postEphemeral", undefined, { since });
    expect(reply.body).toMatchObject({ channel: "C0042", user: ADMIN, text: "Seneste praktikpladser" });
    expect(t.fake.calls.slice(since).filter((c) => c.method === RESPONSE_URL)).toEqual([]);
  });

  it("a button whose response URL fails answers in the channel instead", async () => {
    const since = t.fake.calls.length;
    t.fake.fail(RESPONSE_URL, { error: "expired_url" });
    const responseUrl = t.fake.responseUrl("actions");
    await t.slack.interact(blockActionsPayload({ userId: ADMIN, actionId: "placement.list", channelId: "C0042", responseUrl }));
    const reply = await t.fake.waitFor("chat.postEphemeral", undefined, { since });
    expect(reply.body).toMatchObject({ channel: "C0042", user: ADMIN, text: "Seneste praktikpladser" });
    expect(t.fake.postsTo(responseUrl).map((c) => c.status)).toEqual([404]);
  });

  it("a button in the confirmation modal replaces that modal", async () => {
    const { viewId } = await openModal(t, ADMIN, "ny");
    const since = t.fake.calls.length;
    await t.slack.interact(blockActionsPayload({ userId: ADMIN, actionId: "placement.open_form", view: { id: viewId, title: "Registrér praktikplads" } }));
    const update = await t.fake.waitFor("views.update", undefined, { since });
    expect(update.body.view_id).toBe(viewId);
    expect((update.body.view as Json).callback_id).toBe("placement.new");
    expect(update.response?.ok).toBe(true);
  });
});

describe("when Slack fails", () => {
  it("a failing response URL falls back to an ephemeral message in the channel, and the failure is logged without the URL", async () => {
    const since = t.fake.calls.length;
    t.fake.fail(RESPONSE_URL, { status: 500 });
    const reply = await commandReply(t, ADMIN, "hjælp", "C0077");
    expect(reply.method).toBe("chat.postEphemeral");
    expect(reply.body).toMatchObject({ channel: "C0077", user: ADMIN, text: "Praktikbot – hjælp" });
    // Tried once (a response URL takes only five posts, so no retries of our own), then the Web API.
    const calls = t.fake.calls.slice(since).filter((c) => c.method === RESPONSE_URL || c.method.startsWith("chat."));
    expect(calls.map((c) => [c.method, c.status])).toEqual([
      [RESPONSE_URL, 500],
      ["chat.postEphemeral", 200],
    ]);
    const logged = t.logs.find((l) => l.method === "response_url" && l.channelId === "C0077");
    expect(logged).toMatchObject({ level: 40, slackError: "http_500", workspaceId: TEAM, userId: ADMIN });
    expect(JSON.stringify(t.logs)).not.toContain("/response/");
  });

  it("outside a channel the app is in, when the response URL fails too, the answer comes by DM", async () => {
    t.fake.fail(RESPONSE_URL, { error: "expired_url" });
    t.fake.fail("chat.postEphemeral", { error: "channel_not_found" });
    const reply = await commandReply(t, ADMIN, "hjælp", "D0PRIVATE");
    expect(reply.method).toBe("chat.postMessage");
    expect(reply.body.channel).toBe(ADMIN);
    expect(String(reply.body.text)).toBe("Praktikbot – hjælp");
  });

  it("a 500 on chat.postEphemeral is retried by the client and logged", async () => {
    const since = t.fake.calls.length;
    t.fake.fail(RESPONSE_URL, { status: 503 });
    t.fake.fail("chat.postEphemeral", { status: 500 });
    const reply = await commandReply(t, ADMIN, "hjælp");
    expect(reply.method).toBe("chat.postEphemeral");
    expect(t.fake.calls.slice(since).filter((c) => c.method === "chat.postEphemeral")).toHaveLength(2);
    expect(t.logs.some((l) => l.msg === "Slack Web API call failed; trying again" && l.slackError === "http_500")).toBe(true);
  });

  it("a rate limit is waited out and retried", async () => {
    t.fake.fail(RESPONSE_URL, { status: 503 });
    t.fake.fail("chat.postEphemeral", { status: 429, retryAfter: 0 });
    const reply = await commandReply(t, ADMIN, "hjælp");
    expect(reply.method).toBe("chat.postEphemeral");
  });

  it("a lasting outage is logged with its context and the bot keeps serving", async () => {
    const since = t.fake.calls.length;
    t.fake.fail(RESPONSE_URL, { status: 503 });
    t.fake.fail("chat.postEphemeral", { status: 503, times: 3 });
    const res = await t.slack.command({ userId: ADMIN, text: "fremdrift", channelId: "C0099" });
    expect(res.status).toBe(200);
    const deadline = Date.now() + 8000;
    while (!t.logs.some((l) => l.msg === "Slack Web API call failed" && l.channelId === "C0099") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const logged = t.logs.find((l) => l.msg === "Slack Web API call failed" && l.channelId === "C0099");
    expect(logged).toMatchObject({ level: 50, method: "chat.postEphemeral", slackError: "http_503", workspaceId: TEAM, userId: ADMIN });
    expect(t.fake.calls.slice(since).filter((c) => c.method === "chat.postEphemeral")).toHaveLength(3);

    const health = await fetch(`${t.app.url}/healthz`);
    expect(health.status).toBe(200);
    const reply = await commandReply(t, ADMIN, "liste");
    expect(String(reply.body.text)).toBe("Seneste praktikpladser");
  });

  it("a modal that cannot be opened is reported to the person with a reference", async () => {
    t.fake.fail("views.open", { error: "expired_trigger_id" });
    const reply = await commandReply(t, ADMIN, "ny");
    expect(String(reply.body.text)).toMatch(/Beklager – noget gik galt hos os.*Fejlreference [0-9a-f]{8}/);
    expect(t.logs.some((l) => l.method === "views.open" && l.slackError === "expired_trigger_id")).toBe(true);
  });
});
