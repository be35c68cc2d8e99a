// The retention rule's harder cases on memory stores: placements without an end, support requests'
// notes and languages, quarterly texts; and `slet` confirmed only by the admin who asked.
import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmCaseDeletion, previewCaseDeletion } from "../../../src/features/privacy/case-data.js";
import { anonymiseExpiredPlacements, OPEN_ENDED_WEEKS } from "../../../src/features/privacy/retention-job.js";
import { type Access, resolveAccess } from "../../../src/kernel/access.js";
import type { Actor } from "../../../src/kernel/actor.js";
import type { PlacementRecord } from "../../../src/kernel/records.js";
import { createMemoryStores } from "../../support/memory/index.js";

let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let admin: Access;
let admin2: Access;
let partnershipId: string;
let di: string;
const logger = pino({ level: "silent" });
const deps = () => ({ store, logger, timezone: "Europe/Copenhagen", retentionYears: 5 });
const actor = (userId: string): Actor => ({ platform: "slack", workspaceId: "T1", userId, locale: "da" });

beforeAll(async () => {
  memory = createMemoryStores();
  store = memory.store;
  di = memory.organisation("Dansk Industri Aalborg").id;
  partnershipId = memory.partnership("aalborg-2016").id;
  admin = await resolveAccess(store, actor("UADMIN"), new Set(["UADMIN", "UADMIN2"]));
  admin2 = await resolveAccess(store, actor("UADMIN2"), new Set(["UADMIN", "UADMIN2"]));
});

let n = 0;
async function placement(over: { startDate: string; endDate: string | null; caseReference: string }): Promise<PlacementRecord> {
  const { placement } = await store.createPlacement(
    {
      partnershipId,
      organisationId: di,
      company: { cvr: "24256790", name: "Aalborg Portland" },
      typeId: memory.placementType("aalborg-2016", "ordinaer").id,
      places: 1,
      startDate: over.startDate,
      weeks: null,
      endDate: over.endDate,
      employerSector: "private",
      sector: "construction",
      shortageSector: false,
      contactPerson: "Hanne Jensen",
      needs: [],
      note: "Morgenvagter",
      createdBy: "slack:T1:UADMIN",
      idempotencyKey: `retention-${++n}`,
      caseReference: over.caseReference,
    },
    { actor: "test" },
  );
  return placement;
}

async function supportRequest(placementId: string | null, requestedAt: Date) {
  const { request } = await store.createSupportRequest(
    {
      partnershipId,
      organisationId: di,
      placementId,
      companyName: placementId ? null : "Aalborg Portland",
      cvr: null,
      kind: "interpreter",
      wantedOn: null,
      timeWindow: null,
      language: "tigrinya",
      hoursPerWeek: null,
      weeks: null,
      note: "Hanne taler kun tigrinya",
      requestedAt,
      dueAt: requestedAt,
      requestedBy: "slack:T1:UADMIN",
      requesterName: null,
      idempotencyKey: `request-${++n}`,
    },
    { actor: "slack:T1:UADMIN" },
  );
  return request;
}

const requestRow = (id: string) => memory.db.supportRequests.find((r) => r.id === id)!;
const placementRow = (id: string) => memory.db.placements.find((p) => p.id === id)!;

describe("the retention rule's harder cases", () => {
  it("anonymises a placement without an end two years after its start, with its support requests; company requests and quarterly texts after the period", async () => {
    // Today 2022-01-03: kept from 2017-01-03; an open placement counts as ended OPEN_ENDED_WEEKS after it started.
    expect(OPEN_ENDED_WEEKS).toBe(104);
    const openOld = await placement({ startDate: "2014-12-01", endDate: null, caseReference: "JC-OPEN-OLD" }); // counts as ended 2016-11-28
    const openRecent = await placement({ startDate: "2015-06-01", endDate: null, caseReference: "JC-OPEN-NEW" }); // counts as ended 2017-05-29
    const onOld = await supportRequest(openOld.id, new Date("2016-01-05T10:00:00Z"));
    const onRecent = await supportRequest(openRecent.id, new Date("2016-01-05T10:00:00Z"));
    const companyOld = await supportRequest(null, new Date("2016-12-30T10:00:00Z"));
    const companyNew = await supportRequest(null, new Date("2017-01-04T10:00:00Z"));
    const quarterly = (quarter: string) =>
      store.saveQuarterlyStatus(
        {
          organisationId: di,
          quarter,
          activities: "Møde med Hanne",
          companiesContacted: 3,
          placementsHelped: 2,
          iguAgreements: 0,
          eventsHeld: 1,
          plan: "Ring til Hanne",
        },
        { actor: "slack:T1:UADMIN" },
      );
    const q4 = (await quarterly("2016-Q4")).status;
    const q1 = (await quarterly("2017-Q1")).status;

    const result = await anonymiseExpiredPlacements(deps(), new Date("2022-01-03T01:30:00Z"));
    expect(result).toEqual({ anonymised: [openOld.id], supportRequests: 1, quarterlyStatuses: 1 });

    expect(placementRow(openOld.id)).toMatchObject({ note: null, caseReference: null, contactPerson: "" });
    expect(placementRow(openRecent.id)).toMatchObject({ note: "Morgenvagter", caseReference: "JC-OPEN-NEW" });
    expect(requestRow(onOld.id)).toMatchObject({ note: null, language: null });
    expect(requestRow(onRecent.id)).toMatchObject({ note: "Hanne taler kun tigrinya", language: "tigrinya" });
    expect(requestRow(companyOld.id)).toMatchObject({ note: null, language: null, kind: "interpreter" });
    expect(requestRow(companyNew.id)).toMatchObject({ note: "Hanne taler kun tigrinya" });
    const statuses = memory.db.quarterlyStatuses;
    expect(statuses.find((s) => s.id === q4.id)).toMatchObject({ activities: "", plan: "", companiesContacted: 3, placementsHelped: 2 });
    expect(statuses.find((s) => s.id === q1.id)).toMatchObject({ activities: "Møde med Hanne", plan: "Ring til Hanne" });

    // The earlier audit rows no longer hold the texts; each clearing is audited.
    const created = memory.db.audit.find((a) => a.entityId === companyOld.id && a.action === "create")!;
    expect(created.after).toMatchObject({ note: null, language: null });
    const createdOnPlacement = memory.db.audit.find((a) => a.entityId === onOld.id && a.action === "create")!;
    expect(createdOnPlacement.after).toMatchObject({ note: null, language: null });
    const q4Audit = memory.db.audit.filter((a) => a.entityId === q4.id);
    expect(q4Audit.map((a) => a.action)).toEqual(["create", "anonymise"]);
    expect(q4Audit[0]!.after).toMatchObject({ activities: null, plan: null });
    expect(memory.db.audit.find((a) => a.entityId === companyOld.id && a.action === "anonymise")).toMatchObject({ actor: "system:retention" });

    // Nothing more the next day.
    expect(await anonymiseExpiredPlacements(deps(), new Date("2022-01-04T01:30:00Z"))).toEqual({ anonymised: [], supportRequests: 0, quarterlyStatuses: 0 });
  });
});

describe("slet asks first", () => {
  it("previews without deleting; only the admin who asked confirms; a forged ticket does nothing", async () => {
    const p = await placement({ startDate: "2016-10-03", endDate: "2016-12-31", caseReference: "JC-ERASE-1" });
    const preview = await previewCaseDeletion(store, admin, "jc-erase-1");
    if (preview.kind !== "ok") throw new Error("no preview");
    expect(preview.value.data.placements.map((x) => x.id)).toEqual([p.id]);
    expect(placementRow(p.id)).toBeDefined();

    expect(await confirmCaseDeletion(store, admin2, preview.value.ticket)).toEqual({ kind: "not_yours" });
    expect(await confirmCaseDeletion(store, admin2, "JC-ERASE-1|slack:T1:UADMIN2x")).toEqual({ kind: "not_yours" });
    expect(await confirmCaseDeletion(store, admin, "JC-ERASE-1")).toEqual({ kind: "not_yours" });
    expect(await confirmCaseDeletion(store, admin, undefined)).toEqual({ kind: "not_yours" });
    expect(await confirmCaseDeletion(store, admin, "Ahmad Hassan|slack:T1:UADMIN")).toEqual({ kind: "not_yours" });
    expect(placementRow(p.id)).toBeDefined();

    expect(await confirmCaseDeletion(store, admin, preview.value.ticket)).toEqual({
      kind: "deleted",
      caseReference: "JC-ERASE-1",
      placements: 1,
      supportRequests: 0,
    });
    expect(placementRow(p.id)).toBeUndefined();
    expect(memory.db.audit.find((a) => a.entity === "case" && a.entityId === "JC-ERASE-1")).toMatchObject({ action: "delete", actor: "slack:T1:UADMIN" });
  });
});
