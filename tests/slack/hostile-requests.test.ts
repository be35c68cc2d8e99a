// Requests an attacker could send to POST /slack/events: forged signatures, replays (stale and
// future timestamps), signed bodies of the wrong shape, and ids that name built-in properties
// of JavaScript objects. None reaches the bot's rules; each gets a clean status or answer.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySlackRequest } from "../../src/slack/verify.js";
import { RESPONSE_URL } from "../support/fake-slack-api.js";
import { ADMIN, allText, openModal, SIGNING_SECRET, type SlackTestApp, startSlackTestApp } from "../support/slack-harness.js";
import { blockActionsPayload, viewSubmissionPayload } from "../support/slack-requests.js";

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp();
});
afterAll(async () => {
  await t?.close();
});

const BUILT_IN_IDS = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "__defineGetter__", "isPrototypeOf"];
const EXPIRED = "Formularen er udløbet";

const form = (payload: string) => new URLSearchParams({ payload }).toString();
const refusals = (since: number) => t.logs.slice(since).filter((l) => l.msg === "Slack request refused");

describe("signature and timestamp (Slack: at most five minutes from our clock, either way)", () => {
  const now = Math.floor(Date.now() / 1000);

  it("refuses a forged signature, a missing signature, and stale or future timestamps with 401, logging why", async () => {
    const since = t.logs.length;
    const body = "command=%2Fpraktik&text=liste&user_id=UADMIN&team_id=T0001&channel_id=C1&trigger_id=1.2.3";
    const forged = await t.slack.post(body, { signature: `v0=${"0".repeat(64)}` });
    const otherSecret = await t.slack.post(body, {
      signature: `v0=${createHmac("sha256", "not-the-secret").update(`v0:${now}:${body}`).digest("hex")}`,
    });
    const stale = await t.slack.post(body, { timestamp: now - 6 * 60 });
    const future = await t.slack.post(body, { timestamp: now + 6 * 60 });
    const garbage = await t.slack.post(body, { signature: "v0=", timestamp: now });
    expect([forged, otherSecret, stale, future, garbage].map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(refusals(since).map((l) => l.cause)).toEqual([
      "signature mismatch",
      "signature mismatch",
      "timestamp more than five minutes old",
      "timestamp more than five minutes ahead",
      "signature mismatch",
    ]);
    expect(t.fake.calls.filter((c) => c.method === "views.open" || c.method === RESPONSE_URL).length).toBe(0);
  });

  it("accepts a request whose clock is a few minutes off in either direction", async () => {
    for (const skew of [-4 * 60, 4 * 60]) {
      const res = await t.slack.command({ userId: ADMIN, text: "hjælp" }, { timestamp: now + skew });
      expect(res.status).toBe(200);
    }
  });

  it("judges the timestamp by an injected clock, to the second", () => {
    const clock = new Date("2026-12-01T12:00:00Z");
    const at = (seconds: number) => {
      const ts = String(Math.floor(clock.getTime() / 1000) + seconds);
      const body = "ssl_check=1";
      const signature = `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
      const verdict = verifySlackRequest(SIGNING_SECRET, body, { timestamp: ts, signature, contentType: "application/x-www-form-urlencoded" }, clock);
      return verdict.ok ? 200 : verdict.status;
    };
    expect([at(-301), at(-300), at(0), at(300), at(301)]).toEqual([401, 200, 200, 200, 401]);
    expect(verifySlackRequest(SIGNING_SECRET, "", { timestamp: "1e9", signature: "v0=x" }, clock)).toMatchObject({ ok: false, status: 401 });
    expect(verifySlackRequest(SIGNING_SECRET, "", { timestamp: undefined, signature: "v0=x" }, clock)).toMatchObject({ ok: false, status: 401 });
  });
});

describe("signed but malformed bodies get 400 with the cause in the log", () => {
  const viewWithout = (key: string) => {
    const payload = viewSubmissionPayload({
      userId: ADMIN,
      viewId: "V1",
      view: { callback_id: "placement.new", title: { type: "plain_text", text: "x" }, blocks: [] },
    });
    const view = { ...(payload.view as Record<string, unknown>) };
    delete view[key];
    return JSON.stringify({ ...payload, view });
  };
  const cases: [string, string, RegExp][] = [
    ["payload=null", form("null"), /not an object/],
    ["a number", form("42"), /not an object/],
    ["a string", form('"view_submission"'), /not an object/],
    ["an array", form("[]"), /not an object/],
    ["invalid JSON", form("{bad json"), /not JSON/],
    ["payload twice", "payload=%7B%7D&payload=%7B%7D", /more than once/],
    ["a view submission without a view", form(JSON.stringify({ type: "view_submission", user: { id: "U1" }, team: { id: "T0001" } })), /view submission/],
    ["a view submission without state", form(viewWithout("state")), /view submission/],
    ["a view submission without a callback", form(viewWithout("callback_id")), /view submission/],
    ["a view submission without a workspace", form(JSON.stringify({ ...JSON.parse(viewWithout("hash")), team: null, user: { id: "U1" } })), /workspace/],
    ["a button press without actions", form(JSON.stringify({ ...blockActionsPayload({ userId: ADMIN, actionId: "x" }), actions: [] })), /block action/],
    [
      "a button press with a numeric action id",
      form(JSON.stringify({ ...blockActionsPayload({ userId: ADMIN, actionId: "x" }), actions: [{ action_id: 7, type: "button" }] })),
      /block action/,
    ],
    ["a slash command without a user", "command=%2Fpraktik&text=liste&team_id=T0001&channel_id=C1&trigger_id=1.2.3", /slash command/],
    ["an object without a type", form(JSON.stringify({ user: { id: "U1" } })), /no type/],
  ];

  it.each(cases)("%s", async (_name, body, cause) => {
    const since = t.logs.length;
    const res = await t.slack.post(body);
    expect(res.status).toBe(400);
    const [refusal, ...more] = refusals(since);
    expect(more).toEqual([]);
    expect(refusal).toMatchObject({ status: 400 });
    expect(String(refusal!.cause)).toMatch(cause);
    expect(t.logs.slice(since).filter((l) => l.level >= 50)).toEqual([]);
  });

  it("a JSON body that is not an object is refused too", async () => {
    const res = await fetch(`${t.app.url}/slack/events`, {
      method: "POST",
      headers: (() => {
        const ts = Math.floor(Date.now() / 1000);
        const body = "[1,2]";
        return {
          "content-type": "application/json",
          "x-slack-request-timestamp": String(ts),
          "x-slack-signature": `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${ts}:${body}`).digest("hex")}`,
        };
      })(),
      body: "[1,2]",
    });
    expect(res.status).toBe(400);
  });
});

describe("ids that name built-in object properties", () => {
  it("a modal with such a callback_id is answered at once: the form is no longer valid", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    for (const id of BUILT_IN_IDS) {
      const since = t.logs.length;
      const payload = viewSubmissionPayload({ userId: ADMIN, viewId, view: { ...view, callback_id: id } });
      const res = await t.slack.interact(payload);
      expect(res.status, id).toBe(200);
      expect((res.json as { response_action?: string }).response_action, id).toBe("update");
      expect(allText(res.json), id).toContain(EXPIRED);
      expect(
        t.logs.slice(since).filter((l) => l.level >= 50),
        id,
      ).toEqual([]);
    }
  });

  it("a button with such an action_id gets the same clean answer, and nothing else happens", async () => {
    for (const id of BUILT_IN_IDS) {
      const since = t.fake.calls.length;
      const responseUrl = t.fake.responseUrl();
      const res = await t.slack.interact(blockActionsPayload({ userId: ADMIN, actionId: id, responseUrl, value: "__proto__" }));
      expect(res.status, id).toBe(200);
      const answer = await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === responseUrl, { since });
      expect(allText(answer.body), id).toContain(EXPIRED);
    }
  });

  it("a command word that names a built-in property is an unknown command", async () => {
    for (const id of BUILT_IN_IDS) {
      const since = t.fake.calls.length;
      const responseUrl = t.fake.responseUrl();
      const res = await t.slack.command({ userId: ADMIN, text: id, responseUrl });
      expect(res.status, id).toBe(200);
      const answer = await t.fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === responseUrl, { since });
      expect(allText(answer.body).length, id).toBeGreaterThan(0);
      expect(
        t.fake.calls.slice(since).some((c) => c.method === "views.open"),
        id,
      ).toBe(false);
    }
  });
});
