// Registering a placement with hostile input, on memory stores: another person's idempotency key,
// a company renamed by another organisation, start dates outside the partnership's period or far
// from today, and words of the special categories (GDPR art. 9).
import { beforeAll, describe, expect, it } from "vitest";
import { type PlacementInput, registerPlacement } from "../../../src/features/placements/register-placement.js";
import { type Access, resolveAccess } from "../../../src/kernel/access.js";
import type { Actor } from "../../../src/kernel/actor.js";
import { sensitiveWordsIn } from "../../../src/kernel/personal-data.js";
import { createMemoryStores } from "../../support/memory/index.js";

let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let ids: { di: string; lo: string; praktik: string };
let admin: Access;
let di: Access;
let lo: Access;
let loAlso: Access;

const actor = (userId: string): Actor => ({ platform: "teams", workspaceId: "tenant-1", userId, locale: "da" });
/** The key the form pipeline makes: the submitter and the form's nonce. */
const keyOf = (userId: string, nonce: string) => `teams:tenant-1:${userId}:${nonce}`;

beforeAll(async () => {
  memory = createMemoryStores();
  store = memory.store;
  ids = {
    di: memory.organisation("Dansk Industri Aalborg").id,
    lo: memory.organisation("LO-Aalborg").id,
    praktik: memory.placementType("aalborg-2016", "virksomhedspraktik").id,
  };
  memory.addContact({ platform: "teams", workspaceId: "tenant-1", userId: "di-user", organisationId: ids.di, role: "partner_contact" });
  memory.addContact({ platform: "teams", workspaceId: "tenant-1", userId: "lo-user", organisationId: ids.lo, role: "partner_contact" });
  memory.addContact({ platform: "teams", workspaceId: "tenant-1", userId: "lo-user-2", organisationId: ids.lo, role: "partner_contact" });
  admin = await resolveAccess(store, actor("admin"), new Set(["admin"]));
  di = await resolveAccess(store, actor("di-user"), new Set());
  lo = await resolveAccess(store, actor("lo-user"), new Set());
  loAlso = await resolveAccess(store, actor("lo-user-2"), new Set());
});

let p = 0;
const input = (over: Partial<PlacementInput> = {}): PlacementInput => ({
  organisationId: ids.di,
  companyName: "Aalborg Portland A/S",
  cvr: "24256790",
  employerSector: "private",
  sector: "construction",
  shortageSector: true,
  typeId: ids.praktik,
  places: 1,
  startDate: "2016-10-03",
  weeks: undefined,
  contactPerson: "Hanne Jensen",
  needs: [],
  note: undefined,
  pNumber: `10${String(++p).padStart(8, "0")}`,
  ordinaryEmployees: 100,
  benefitGroup: "integrationsprogram",
  purpose: "skills",
  ...over,
});

describe("a retry finds only the submitter's own earlier save", () => {
  it("answers another user's key with a new placement of their own, after the access check", async () => {
    const key = "teams:tenant-1:di-user:nonce-A";
    const first = await registerPlacement(store, di, input({ companyName: "DI's virksomhed", caseReference: "JC-DI-1" }), key);
    expect(first).toMatchObject({ kind: "saved", duplicate: false });

    // The same key (a copied nonce, or a store that keyed by nonce alone) from someone else.
    const stolen = await registerPlacement(store, lo, input({ organisationId: ids.lo, companyName: "LO's virksomhed", cvr: "10000009" }), key);
    expect(stolen.kind).toBe("saved");
    if (stolen.kind !== "saved" || first.kind !== "saved") return;
    expect(stolen.duplicate).toBe(false);
    expect(stolen.placement.id).not.toBe(first.placement.id);
    expect(stolen.placement).toMatchObject({ organisationId: ids.lo, createdBy: "teams:tenant-1:lo-user" });
    expect(JSON.stringify(stolen)).not.toContain("JC-DI-1");

    // Their own retry of that submission finds their own placement, not a third.
    const retried = await registerPlacement(
      store,
      lo,
      input({ organisationId: ids.lo, companyName: "LO's virksomhed", cvr: "10000009", pNumber: stolen.placement.workplace?.pNumber }),
      key,
    );
    expect(retried).toMatchObject({ kind: "saved", duplicate: true, placement: { id: stolen.placement.id } });
  });

  it("refuses another organisation's key from a person who may not act for the organisation, at the access check", async () => {
    const key = "teams:tenant-1:di-user:nonce-B";
    await registerPlacement(store, di, input(), key);
    const result = await registerPlacement(store, lo, input({ organisationId: ids.di }), key);
    expect(result).toEqual({ kind: "invalid", problems: { organisationId: { key: "placement:errors.organisation_not_allowed" } } });
  });

  it("does not give a colleague in the same organisation another person's save", async () => {
    const key = keyOf("lo-user", "nonce-C");
    const own = await registerPlacement(store, lo, input({ organisationId: ids.lo, note: "Loes note" }), key);
    const colleague = await registerPlacement(store, loAlso, input({ organisationId: ids.lo, note: "Kollegas note" }), key);
    expect(colleague).toMatchObject({ kind: "saved", duplicate: false, placement: { note: "Kollegas note", createdBy: "teams:tenant-1:lo-user-2" } });
    expect(own.kind === "saved" && colleague.kind === "saved" && own.placement.id !== colleague.placement.id).toBe(true);
  });
});

describe("a company's shared name", () => {
  it("is named by the first registration, kept when another organisation types another name, and renamed only by an admin, audited", async () => {
    const cvr = "12345674";
    await registerPlacement(store, di, input({ cvr, companyName: "Nordjysk Stål A/S" }), keyOf("di-user", "c1"));
    const company = () => memory.db.companies.find((c) => c.cvr === cvr)!;
    const attempt = await registerPlacement(store, lo, input({ organisationId: ids.lo, cvr, companyName: "<!channel>" }), keyOf("lo-user", "c2"));
    expect(attempt.kind).toBe("saved");
    expect(company().name).toBe("Nordjysk Stål A/S");
    expect(memory.db.audit.filter((a) => a.entity === "company")).toEqual([]);

    await registerPlacement(store, admin, input({ cvr, companyName: "Nordjysk Stål ApS" }), keyOf("admin", "c3"));
    expect(company().name).toBe("Nordjysk Stål ApS");
    expect(memory.db.audit.filter((a) => a.entity === "company")).toMatchObject([
      { action: "rename", actor: "teams:tenant-1:admin", before: { name: "Nordjysk Stål A/S" }, after: { name: "Nordjysk Stål ApS" } },
    ]);
  });
});

describe("a placement's start date", () => {
  it.each([
    ["1999-12-31", "placement:errors.start_outside_period"],
    ["2015-12-31", "placement:errors.start_outside_period"],
    ["2017-01-01", "placement:errors.start_outside_period"],
  ])("%s is outside the partnership's period (2016) and refused at the field", async (startDate, key) => {
    const before = memory.db.placements.length;
    const result = await registerPlacement(store, di, input({ startDate }), keyOf("di-user", `d-${startDate}`));
    expect(result).toEqual({ kind: "invalid", problems: { startDate: { key, vars: { from: "2016-01-01", to: "2016-12-31" } } } });
    expect(memory.db.placements.length).toBe(before);
  });

  it("must lie within a year before and two years after today", async () => {
    const late = await registerPlacement(store, di, input({ startDate: "2016-01-04" }), keyOf("di-user", "w1"), { today: "2017-06-01" });
    expect(late).toEqual({
      kind: "invalid",
      problems: { startDate: { key: "placement:errors.start_outside_window", vars: { from: "2016-05-31", to: "2019-06-02" } } },
    });
    const ok = await registerPlacement(store, di, input({ startDate: "2016-10-03" }), keyOf("di-user", "w2"), { today: "2016-10-03" });
    expect(ok.kind).toBe("saved");
  });
});

describe("words of the special categories (GDPR art. 9)", () => {
  it("finds ethnic origin and trade-union membership, Danish and English, and leaves ordinary words alone", () => {
    expect(sensitiveWordsIn("Etnisk dansker, medlem af en fagforening")).toEqual(["Etnisk", "fagforening"]);
    expect(sensitiveWordsIn("Her ethnic background; she is a trade union member")).toEqual(["ethnic", "trade union", "union member"]);
    expect(sensitiveWordsIn("Er fagligt organiseret, hudfarve nævnt")).toEqual(["hudfarve", "fagligt organiseret"]);
    expect(sensitiveWordsIn("Fagligt stærk, god faglig sparring, EU (European Union) projekt")).toEqual([]);
  });

  it("refuses them at the field until the person has checked", async () => {
    const result = await registerPlacement(store, di, input({ note: "Kandidaten er medlem af fagforeningen" }), keyOf("di-user", "s1"));
    expect(result).toEqual({ kind: "invalid", problems: { note: { key: "privacy:errors.sensitive_words", vars: { words: "fagforeningen" } } } });
  });
});
