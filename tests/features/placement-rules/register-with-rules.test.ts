// Registration with the placement rules, on a real store: the ratio rule at the P-nummer, the
// fields each type needs, durations, hours and the representative's confirmation.
import { beforeAll, describe, expect, it } from "vitest";
import { type PlacementInput, registerPlacement } from "../../../src/features/placements/register-placement.js";
import { type Access, resolveAccess } from "../../../src/kernel/access.js";
import type { Actor } from "../../../src/kernel/actor.js";
import { createMemoryStores } from "../../support/memory/index.js";

let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let admin: Access;
let partner: Access;
let ids: { di: string; praktik: string; loentilskud: string; igu: string; ordinaer: string };
let n = 0;
const key = () => `test:rules:${++n}`;

beforeAll(async () => {
  memory = createMemoryStores();
  // Placements here run into 2017; a placement starts within its partnership's period.
  memory.partnership("aalborg-2016").periodEnd = "2017-12-31";
  store = memory.store;
  const type = async (key: string) => memory.placementType("aalborg-2016", key);
  const di = memory.organisation("Dansk Industri Aalborg").id;
  ids = {
    di,
    praktik: (await type("virksomhedspraktik")).id,
    loentilskud: (await type("loentilskud")).id,
    igu: (await type("igu")).id,
    ordinaer: (await type("ordinaer")).id,
  };
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UPARTNER", organisationId: di, role: "partner_contact" });
  const actor = (userId: string): Actor => ({ platform: "slack", workspaceId: "T1", userId, locale: "da" });
  admin = await resolveAccess(store, actor("UADMIN"), new Set(["UADMIN"]));
  partner = await resolveAccess(store, actor("UPARTNER"), new Set());
});

const praktik = (over: Partial<PlacementInput> = {}): PlacementInput => ({
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
  pNumber: "1000000001",
  ordinaryEmployees: 9,
  benefitGroup: "integrationsprogram",
  hoursPerWeek: 37,
  purpose: "skills",
  representativeName: "Jens Tillid",
  representativeConfirmed: true,
  ...over,
});

describe("the ratio rule at registration", () => {
  it("allows one full-time person at 9 employees and refuses a second in the same period, with the numbers", async () => {
    const first = await registerPlacement(store, partner, praktik(), key());
    expect(first).toMatchObject({ kind: "saved", placement: { status: "registered", workplace: { pNumber: "1000000001", ordinaryEmployeesFte: 9 } } });
    const second = await registerPlacement(store, partner, praktik({ startDate: "2016-11-07", ordinaryEmployees: undefined }), key());
    expect(second).toMatchObject({
      kind: "invalid",
      problems: {
        pNumber: {
          key: "rules:ratio.exceeded",
          vars: { pNumber: "1000000001", employees: 9, limit: 1, existing: 1, adding: 1, total: 2, band: 50, perSmall: 5, perLarge: 10, minimum: 1 },
        },
      },
    });
    // In people and hours: one person on 37 hours is already there.
    expect(second.kind === "invalid" && Object.keys(second.problems)).toEqual(["pNumber"]);
    expect(second).toMatchObject({ problems: { pNumber: { vars: { context: "one", people: 1, hours: ["37"], addingHours: ["37"] } } } });
  });

  it("counts periods: a placement after the first one ends fits", async () => {
    // The first ran 13 weeks from 3 October 2016, to 1 January 2017.
    const later = await registerPlacement(store, partner, praktik({ startDate: "2017-01-02" }), key());
    expect(later.kind).toBe("saved");
  });

  it("counts each P-nummer under one CVR on its own", async () => {
    const other = await registerPlacement(store, partner, praktik({ pNumber: "1000000002", startDate: "2016-11-07" }), key());
    expect(other).toMatchObject({ kind: "saved", placement: { workplace: { pNumber: "1000000002" } } });
  });

  it("counts part-time people as fractions and rounds nothing away (BAB § 65)", async () => {
    const half = { pNumber: "1000000003", ordinaryEmployees: 4, hoursPerWeek: 20, startDate: "2016-10-03" };
    expect((await registerPlacement(store, partner, praktik(half), key())).kind).toBe("saved");
    // 40/37 = 1.08 full-time equivalents is more than the 1 allowed at 4 employees.
    const second = await registerPlacement(store, partner, praktik(half), key());
    expect(second).toMatchObject({ kind: "invalid", problems: { pNumber: { key: "rules:ratio.exceeded", vars: { people: 1, hours: ["20"] } } } });
    // 17 hours fit beside 20: 37/37 is exactly 1.
    expect((await registerPlacement(store, partner, praktik({ ...half, hoursPerWeek: 17 }), key())).kind).toBe("saved");
  });

  it("follows the partnership's settings", async () => {
    const partnership = memory.partnership("aalborg-2016");
    partnership.settings = { rules: { ratio: { minimum: 2 } } };
    try {
      const extra = await registerPlacement(store, partner, praktik({ pNumber: "1000000004", ordinaryEmployees: 3, places: 2 }), key());
      expect(extra.kind).toBe("saved");
    } finally {
      partnership.settings = {};
    }
  });

  it("lets a secretariat admin register beyond the limit with a reason, audited", async () => {
    const over = praktik({ pNumber: "1000000005", ordinaryEmployees: 5, places: 2 });
    const refused = await registerPlacement(store, admin, over, key());
    expect(refused).toMatchObject({ kind: "invalid", problems: { pNumber: { key: "rules:ratio.exceeded_admin" } } });
    const reason = "Aftalt med LO: sæsonarbejde";
    const saved = await registerPlacement(store, admin, { ...over, ratioExemptionReason: reason }, key());
    expect(saved).toMatchObject({ kind: "saved", placement: { ratioExemption: { reason, grantedBy: "slack:T1:UADMIN" } } });
    // A partner contact's reason does not count.
    const partnerTry = await registerPlacement(store, partner, { ...over, ratioExemptionReason: reason }, key());
    expect(partnerTry.kind).toBe("invalid");
    if (saved.kind !== "saved") return;
    const audit = memory.db.audit.find((a) => a.entity === "placement" && a.entityId === saved.placement.id)!;
    expect(audit.after).toMatchObject({ ratioExemption: { reason } });
  });

  it("refuses a P-nummer that belongs to another company", async () => {
    const result = await registerPlacement(store, partner, praktik({ cvr: "10000009", companyName: "Andet A/S" }), key());
    expect(result).toEqual({ kind: "invalid", problems: { pNumber: { key: "rules:errors.p_number_other_company", vars: { cvr: "24256790" } } } });
  });
});

describe("the fields each type needs", () => {
  it("asks a virksomhedspraktik for P-nummer, employees, benefit group and purpose", async () => {
    const result = await registerPlacement(store, partner, praktik({ pNumber: undefined, benefitGroup: undefined, purpose: undefined }), key());
    expect(result).toEqual({
      kind: "invalid",
      problems: {
        pNumber: { key: "rules:errors.required_for_type" },
        benefitGroup: { key: "rules:errors.required_for_type" },
        purpose: { key: "rules:errors.required_for_type" },
      },
    });
    const noEmployees = await registerPlacement(store, partner, praktik({ pNumber: "1000000099", ordinaryEmployees: undefined }), key());
    expect(noEmployees).toEqual({ kind: "invalid", problems: { ordinaryEmployees: { key: "rules:errors.required_for_type" } } });
  });

  it("asks an ordinary job for none of them", async () => {
    const result = await registerPlacement(
      store,
      partner,
      praktik({ typeId: ids.ordinaer, pNumber: undefined, benefitGroup: undefined, purpose: undefined }),
      key(),
    );
    expect(result).toMatchObject({ kind: "saved", placement: { workplace: null, benefitGroup: null, purpose: null, status: "active" } });
  });

  it("keeps a praktik without the representative's confirmation awaiting confirmation", async () => {
    const result = await registerPlacement(
      store,
      partner,
      praktik({ pNumber: "1000000006", representativeConfirmed: false, representativeName: undefined }),
      key(),
    );
    expect(result).toMatchObject({ kind: "saved", placement: { status: "awaiting_confirmation", representativeConfirmed: false } });
    const noName = await registerPlacement(store, partner, praktik({ pNumber: "1000000007", representativeName: undefined }), key());
    expect(noName).toEqual({ kind: "invalid", problems: { representativeName: { key: "rules:errors.required_for_type" } } });
  });
});

describe("durations and hours at registration", () => {
  it("gives a dagpenge recipient's praktik 4 weeks when no length is given, and refuses 5", async () => {
    const short = await registerPlacement(store, partner, praktik({ pNumber: "1000000008", benefitGroup: "dagpenge" }), key());
    expect(short).toMatchObject({ kind: "saved", placement: { weeks: 4, endDate: "2016-10-30" } });
    const long = await registerPlacement(store, partner, praktik({ pNumber: "1000000009", benefitGroup: "dagpenge", weeks: 5 }), key());
    expect(long).toMatchObject({ kind: "invalid", problems: { weeks: { key: "rules:duration.praktik", vars: { weeks: 4, lastDay: "2016-10-30" } } } });
  });

  it("refuses more than 37 hours a week in a praktik", async () => {
    const result = await registerPlacement(store, partner, praktik({ pNumber: "1000000010", hoursPerWeek: 40 }), key());
    expect(result).toEqual({ kind: "invalid", problems: { hoursPerWeek: { key: "rules:hours.praktik_max", vars: { max: 37 } } } });
  });

  it("refuses a public løntilskud of 26 weeks and takes 17", async () => {
    const base = praktik({
      typeId: ids.loentilskud,
      employerSector: "public",
      pNumber: "1000000011",
      ordinaryEmployees: 100,
      benefitGroup: undefined,
      purpose: undefined,
    });
    const long = await registerPlacement(store, partner, { ...base, weeks: 26 }, key());
    expect(long).toMatchObject({ kind: "invalid", problems: { weeks: { key: "rules:duration.loentilskud" } } });
    const fits = await registerPlacement(store, partner, base, key());
    expect(fits).toMatchObject({ kind: "saved", placement: { weeks: 17 } });
  });

  it("asks an IGU for 25 hours a week and allows two years", async () => {
    const base = praktik({
      typeId: ids.igu,
      pNumber: "1000000012",
      benefitGroup: undefined,
      purpose: undefined,
      representativeName: undefined,
      representativeConfirmed: undefined,
    });
    expect(await registerPlacement(store, partner, { ...base, hoursPerWeek: 20 }, key())).toMatchObject({
      kind: "invalid",
      problems: { hoursPerWeek: { key: "rules:hours.igu_min" } },
    });
    expect(await registerPlacement(store, partner, { ...base, hoursPerWeek: 30 }, key())).toMatchObject({
      kind: "saved",
      placement: { weeks: 104, status: "registered" },
    });
  });
});
