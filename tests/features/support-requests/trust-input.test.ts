// Support requests with hostile input, on memory stores: another person's idempotency key, a date
// far in the future, and the interpreter's language as a need, not text about the person.
import { beforeAll, describe, expect, it } from "vitest";
import { ZRequestSupportInput } from "../../../src/features/support-requests/contract.js";
import { requestSupport, type SupportInput } from "../../../src/features/support-requests/request-support.js";
import { type KnownAccess, resolveAccess } from "../../../src/kernel/access.js";
import { createMemoryStores } from "../../support/memory/index.js";

let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let di: KnownAccess;
let lo: KnownAccess;
const NOW = new Date("2016-10-03T09:00:00Z");
const TZ = "Europe/Copenhagen";

async function known(userId: string): Promise<KnownAccess> {
  const access = await resolveAccess(store, { platform: "slack", workspaceId: "T1", userId, displayName: userId, locale: "da" }, new Set());
  if (access.kind !== "known") throw new Error(`${userId} unknown`);
  return access;
}

beforeAll(async () => {
  memory = createMemoryStores();
  store = memory.store;
  memory.addContact({
    platform: "slack",
    workspaceId: "T1",
    userId: "UDI",
    organisationId: memory.organisation("Dansk Industri Aalborg", "aalborg-2016").id,
    role: "partner_contact",
  });
  memory.addContact({
    platform: "slack",
    workspaceId: "T1",
    userId: "ULO",
    organisationId: memory.organisation("LO-Aalborg", "aalborg-2016").id,
    role: "partner_contact",
  });
  [di, lo] = await Promise.all([known("UDI"), known("ULO")]);
});

const input = (over: Partial<SupportInput> = {}): SupportInput => ({
  kind: "interpreter",
  placementId: undefined,
  organisationId: undefined,
  companyName: "Aalborg Portland",
  cvr: "24256790",
  wantedOn: "2016-10-10",
  timeWindow: undefined,
  language: "arabisk",
  hoursPerWeek: undefined,
  weeks: undefined,
  note: undefined,
  personalDataChecked: undefined,
  ...over,
});

describe("support requests and another person's key", () => {
  it("answers another user's key with a new request of their own, never theirs", async () => {
    const key = "slack:T1:UDI:nonce-1";
    const mine = await requestSupport(store, di, input({ note: "DI's hemmelige note" }), { idempotencyKey: key, now: NOW, timezone: TZ });
    const theirs = await requestSupport(store, lo, input({ companyName: "LO's firma", note: "LO's note" }), { idempotencyKey: key, now: NOW, timezone: TZ });
    expect(mine).toMatchObject({ kind: "saved", duplicate: false });
    expect(theirs).toMatchObject({ kind: "saved", duplicate: false, request: { note: "LO's note", requestedBy: "slack:T1:ULO" } });
    expect(JSON.stringify(theirs)).not.toContain("hemmelige");
    // Each person's own retry finds their own.
    const again = await requestSupport(store, lo, input({ companyName: "LO's firma", note: "LO's note" }), { idempotencyKey: key, now: NOW, timezone: TZ });
    expect(again).toMatchObject({ kind: "saved", duplicate: true, request: { note: "LO's note" } });
    expect(memory.db.supportRequests).toHaveLength(2);
  });
});

describe("the date a support request is wanted", () => {
  it("is within the next year; 9999-12-31 and a year and a day ahead are refused at the field", async () => {
    const args = { idempotencyKey: "far", now: NOW, timezone: TZ };
    const parsed = ZRequestSupportInput.safeParse({ ...input(), wantedOn: "9999-12-31" });
    expect(parsed.success ? undefined : parsed.error.issues[0]).toMatchObject({ path: ["wantedOn"], message: "form:errors.date_out_of_range" });
    expect(await requestSupport(store, di, input({ wantedOn: "2017-10-04" }), args)).toEqual({
      kind: "invalid",
      problems: { wantedOn: { key: "support:errors.date_too_far", vars: { latest: "2017-10-03" } } },
    });
    expect(await requestSupport(store, di, input({ wantedOn: "2017-10-03" }), { ...args, idempotencyKey: "year" })).toMatchObject({ kind: "saved" });
  });
});

describe("the interpreter's language", () => {
  it.each(["arabisk", "Tigrinya, arabisk", "dari/farsi", "somali (nordlig)", "Kurdisk sorani"])("accepts %j", (language) => {
    expect(ZRequestSupportInput.safeParse({ ...input(), language }).success).toBe(true);
  });

  it.each([
    ["a sentence about the person", "Hun er fra Eritrea og muslim, taler tigrinya"],
    ["a special-category word", "arabisk muslim"],
    ["digits", "arabisk 2"],
    ["a CPR number", "arabisk 010190-1234"],
    ["too many words", "arabisk dari farsi pashto urdu"],
  ])("refuses %s at the field", (_name, language) => {
    const parsed = ZRequestSupportInput.safeParse({ ...input(), language });
    expect(parsed.success).toBe(false);
    const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === "language");
    expect(["support:errors.language_format", "form:errors.cpr"]).toContain(issue?.message);
  });
});

describe("the note on a support request (GDPR art. 9)", () => {
  it("asks about words of the special categories at the note; once checked, it is saved", async () => {
    const args = (key: string) => ({ idempotencyKey: key, now: NOW, timezone: TZ });
    for (const note of ["Kandidaten er muslim og beder fem gange", "Han er medlem af en fagforening", "etnisk baggrund: somalisk", "Hun har diabetes"]) {
      const refused = await requestSupport(store, di, input({ note }), args(`note:${note}`));
      expect(refused, note).toMatchObject({ kind: "invalid", problems: { note: { key: "privacy:errors.sensitive_words" } } });
    }
    const note = "Besøget er i kirken, hvor pladsen er (pedelfunktion)";
    expect(await requestSupport(store, di, input({ note }), args("note:church"))).toMatchObject({ kind: "invalid" });
    expect(await requestSupport(store, di, input({ note, personalDataChecked: true }), args("note:church:checked"))).toMatchObject({
      kind: "saved",
      request: { note },
    });
  });
});
