// Personal data on a store: case references and pseudonyms, the warning for health or religion
// words, the retention job with an injected clock, and a case's export and deletion.
import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { type PlacementInput, registerPlacement } from "../../../src/features/placements/register-placement.js";
import { confirmCaseDeletion, exportCaseData, previewCaseDeletion } from "../../../src/features/privacy/case-data.js";
import { anonymiseExpiredPlacements, PLACEMENT_RETENTION_JOB, retentionCutoff } from "../../../src/features/privacy/retention-job.js";
import { Scheduler } from "../../../src/jobs/scheduler.js";
import { type Access, resolveAccess } from "../../../src/kernel/access.js";
import type { Actor } from "../../../src/kernel/actor.js";
import { makePseudonym, sensitiveWordsIn } from "../../../src/kernel/personal-data.js";
import { createMemoryStores } from "../../support/memory/index.js";

let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let admin: Access;
let partner: Access;
let ids: { di: string; praktik: string };
let n = 0;
const key = () => `test:privacy:${++n}`;
const logger = pino({ level: "silent" });

beforeAll(async () => {
  memory = createMemoryStores();
  // Placements here run into 2017; a placement starts within its partnership's period.
  memory.partnership("aalborg-2016").periodEnd = "2017-12-31";
  store = memory.store;
  const di = memory.organisation("Dansk Industri Aalborg").id;
  const praktik = memory.placementType("aalborg-2016", "virksomhedspraktik").id;
  ids = { di, praktik };
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UPARTNER", organisationId: di, role: "partner_contact" });
  const actor = (userId: string): Actor => ({ platform: "slack", workspaceId: "T1", userId, locale: "da" });
  admin = await resolveAccess(store, actor("UADMIN"), new Set(["UADMIN"]));
  partner = await resolveAccess(store, actor("UPARTNER"), new Set());
});

/** A placement as its table row holds it (the type by its id). */
function placementRow(id: string) {
  const row = memory.db.placements.find((p) => p.id === id);
  return row ? { ...structuredClone(row), typeId: row.type.id } : null;
}
const auditRows = (where: (a: (typeof memory.db.audit)[number]) => boolean) => memory.db.audit.filter(where);

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
  pNumber: `10${String(++n).padStart(8, "0")}`,
  ordinaryEmployees: 100,
  benefitGroup: "integrationsprogram",
  hoursPerWeek: 37,
  purpose: "skills",
  representativeName: "Jens Tillid",
  representativeConfirmed: true,
  ...over,
});

async function saved(input: PlacementInput) {
  const result = await registerPlacement(store, partner, input, key());
  if (result.kind !== "saved") throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result.placement;
}

describe("case references and pseudonyms", () => {
  it("stores the jobcenter's case reference, upper-cased, or makes a pseudonym when it is empty", async () => {
    expect((await saved(praktik({ caseReference: " jc-2016/4711 " }))).caseReference).toBe("JC-2016/4711");
    const made = await saved(praktik());
    expect(made.caseReference).toMatch(/^P-[234679ACDEFGHJKMNPQRTUVWXYZ]{5}$/);
    expect(makePseudonym(() => 0)).toBe("P-22222");
  });

  it("refuses a name or a CPR number as the case reference, at the field", async () => {
    expect(await registerPlacement(store, partner, praktik({ caseReference: "Ahmad Hassan" }), key())).toMatchObject({
      kind: "invalid",
      problems: { caseReference: { key: "privacy:errors.case_reference_format" } },
    });
    expect(await registerPlacement(store, partner, praktik({ caseReference: "0101901234" }), key())).toMatchObject({
      kind: "invalid",
      problems: { caseReference: { key: "form:errors.cpr" } },
    });
  });
});

describe("words that suggest health or religion data", () => {
  it("finds Danish and English words, not ordinary ones", () => {
    expect(sensitiveWordsIn("Har været sygemeldt med depression, beder fem gange dagligt")).toEqual(["sygemeldt", "depression", "beder"]);
    expect(sensitiveWordsIn("Needs a quiet room for prayer; diagnosed with anxiety")).toEqual(["prayer", "diagnosed", "anxiety"]);
    expect(sensitiveWordsIn("Morgenvagter, truckcertifikat bedes medbragt, gerne sygeplejerske")).toEqual([]);
  });

  it("refuses once at the field with the words, and saves when the person ticks that they have checked", async () => {
    const input = praktik({ note: "Kandidaten er muslim og har diabetes" });
    const refused = await registerPlacement(store, partner, input, key());
    expect(refused).toEqual({ kind: "invalid", problems: { note: { key: "privacy:errors.sensitive_words", vars: { words: "muslim, diabetes" } } } });
    const ok = await registerPlacement(store, partner, { ...input, personalDataChecked: true }, key());
    expect(ok.kind).toBe("saved");
  });
});

describe("the retention job", () => {
  it("anonymises exactly the placements that ended more than 5 years ago, audits each, and touches nothing else", async () => {
    memory.db.placements = [];
    const due = await saved(praktik({ caseReference: "JC-OLD-1", note: "Morgenvagter", weeks: 13 })); // ends 2017-01-01
    const endedEarly = await saved(praktik({ caseReference: "JC-OLD-2", startDate: "2016-12-01", weeks: 13 }));
    Object.assign(memory.db.placements.find((p) => p.id === endedEarly.id)!, { endedOn: "2016-12-20", tasks: "Lager" });
    const notYet = await saved(praktik({ caseReference: "JC-NEW", startDate: "2017-01-03", weeks: 13 })); // ends 2017-04-02
    const before = placementRow(notYet.id);

    // 2022-01-03 in Copenhagen: kept from 2017-01-03, so the first two are due.
    const now = new Date("2022-01-03T01:30:00Z");
    expect(retentionCutoff("2022-01-03", 5)).toBe("2017-01-03");
    const scheduler = new Scheduler({ logger, timezone: "Europe/Copenhagen" }).add({
      name: PLACEMENT_RETENTION_JOB,
      cron: "30 2 * * *",
      run: async (at) => void (await anonymiseExpiredPlacements({ store, logger, timezone: "Europe/Copenhagen", retentionYears: 5 }, at)),
    });
    await scheduler.runOnce(now);

    for (const id of [due.id, endedEarly.id]) {
      const row = placementRow(id);
      expect(row).toMatchObject({ contactPerson: "", note: null, caseReference: null, representativeName: null, tasks: null, anonymisedAt: now });
      // The numbers stay for statistics.
      expect(row).toMatchObject({ places: 1, typeId: ids.praktik, employerSector: "private", sector: "construction" });
    }
    expect(placementRow(notYet.id)).toEqual(before);

    const audits = auditRows((a) => a.action === "anonymise").sort((a, b) => a.entityId.localeCompare(b.entityId));
    expect(audits.map((a) => a.entityId).sort()).toEqual([due.id, endedEarly.id].sort());
    const byId = new Map(audits.map((a) => [a.entityId, a]));
    expect(byId.get(due.id)).toMatchObject({
      actor: "system:retention",
      entity: "placement",
      after: { removed: ["contactPerson", "note", "caseReference", "representativeName"], ended: "2017-01-01", retentionYears: 5 },
    });
    expect(byId.get(endedEarly.id)?.after).toMatchObject({ removed: ["contactPerson", "caseReference", "representativeName", "tasks"], ended: "2016-12-20" });
    // The earlier audit rows of those placements no longer hold the names.
    const created = auditRows((a) => a.entityId === due.id && a.action === "create")[0]!;
    expect(created.after).toMatchObject({ contactPerson: null, note: null, caseReference: null, representativeName: null, places: 1 });
    const untouched = auditRows((a) => a.entityId === notYet.id && a.action === "create")[0]!;
    expect(untouched.after).toMatchObject({ contactPerson: "Hanne Jensen", caseReference: "JC-NEW" });

    // The same tick again does nothing; a later day finds nothing more due.
    await scheduler.runOnce(now);
    expect(await anonymiseExpiredPlacements({ store, logger, timezone: "Europe/Copenhagen", retentionYears: 5 }, new Date("2022-01-04T01:30:00Z"))).toEqual({
      anonymised: [],
      supportRequests: 0,
      quarterlyStatuses: 0,
    });
    expect(auditRows((a) => a.action === "anonymise")).toHaveLength(2);
  });
});

describe("a subject access request", () => {
  it("exports everything about a case reference, and deletes it, audited; admins only", async () => {
    const one = await saved(praktik({ caseReference: "JC-SAR-9", note: "Morgenvagter" }));
    const other = await saved(praktik({ caseReference: "JC-KEEP" }));
    expect(await exportCaseData(store, partner, "JC-SAR-9")).toEqual({ kind: "denied" });
    expect(await previewCaseDeletion(store, partner, "JC-SAR-9")).toEqual({ kind: "denied" });

    const exported = await exportCaseData(store, admin, "jc-sar-9");
    if (exported.kind !== "ok") throw new Error("no export");
    expect(exported.value.placements).toHaveLength(1);
    expect(exported.value.placements[0]).toMatchObject({ id: one.id, note: "Morgenvagter", caseReference: "JC-SAR-9", company: { cvr: "24256790" } });
    expect(exported.value.auditEvents.map((a) => a.action)).toEqual(["create"]);

    // Deleting is asked first; the ticket is the admin's own.
    const preview = await previewCaseDeletion(store, admin, "JC-SAR-9");
    if (preview.kind !== "ok") throw new Error("no preview");
    expect(preview.value.data.placements).toHaveLength(1);
    expect(placementRow(one.id)).not.toBeNull();
    expect(await confirmCaseDeletion(store, partner, preview.value.ticket)).toEqual({ kind: "denied" });
    expect(await confirmCaseDeletion(store, admin, preview.value.ticket)).toEqual({
      kind: "deleted",
      caseReference: "JC-SAR-9",
      placements: 1,
      supportRequests: 0,
    });
    expect(placementRow(one.id)).toBeNull();
    expect(placementRow(other.id)).not.toBeNull();
    const deletion = auditRows((a) => a.entity === "case" && a.action === "delete")[0]!;
    expect(deletion).toMatchObject({ actor: "slack:T1:UADMIN", entityId: "JC-SAR-9", after: { placements: [one.id], supportRequests: 0 } });
    const created = auditRows((a) => a.entityId === one.id && a.action === "create")[0]!;
    expect(created.after).toMatchObject({ note: null, caseReference: null, contactPerson: null });
    expect((await exportCaseData(store, admin, "JC-SAR-9")).kind).toBe("ok");
  });
});
