// Card actions whose verb names a built-in property of JavaScript objects ("toString",
// "constructor", "__proto__", …), as a button and as a form submission (card data with a
// nonce): each is answered at once with "the form has expired", nothing is saved and no fault
// is reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamsUser } from "../support/teams-activities.js";
import { invoke, startTeamsTestApp, type TeamsTestApp } from "../support/teams-harness.js";

const admin = teamsUser("Sara Sekretariat");
const BUILT_IN_IDS = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf"];
const EXPIRED = "Formularen er udløbet";
let t: TeamsTestApp;

beforeAll(async () => {
  t = await startTeamsTestApp({ admins: [admin] });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** What the person saw: the invoke's answer, or the activity the bot posted below the card. */
async function answerTo(verb: string, data: Record<string, unknown>): Promise<string> {
  const since = t.connector.calls.length;
  const res = await invoke(t, admin, { verb, data });
  expect(res.status, verb).toBe(200);
  const body = JSON.stringify(res.body);
  if (body.includes(EXPIRED)) return body;
  const posted = await t.connector.waitForActivities(1, since);
  return JSON.stringify(posted);
}

describe("Teams: ids that name built-in object properties", () => {
  it("a button is answered: the form has expired", async () => {
    for (const verb of BUILT_IN_IDS) expect(await answerTo(verb, { value: "__proto__" }), verb).toContain(EXPIRED);
  });

  it("a form submission is answered the same, and nothing is saved", async () => {
    const before = await t.db.prisma.placement.count();
    for (const verb of BUILT_IN_IDS) {
      expect(await answerTo(verb, { nonce: `n-${verb}`, companyName: "Proto ApS", cvr: "24256790" }), verb).toContain(EXPIRED);
    }
    expect(await t.db.prisma.placement.count()).toBe(before);
  });
});
