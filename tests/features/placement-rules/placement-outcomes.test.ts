import { beforeAll, describe, expect, it } from "vitest";
import { summariseOutcomes } from "../../../src/features/placement-rules/placement-outcomes.js";
import { computeProgress } from "../../../src/features/placements/compute-progress.js";
import { outcomeLines } from "../../../src/features/placements/progress-view.js";
import { buildReportModel } from "../../../src/features/quarterly/build-report.js";
import { createI18n } from "../../../src/i18n/index.js";
import { resolveAccess } from "../../../src/kernel/access.js";
import { DEFAULT_STATUS_SCHEDULE, parseQuarter } from "../../../src/kernel/quarters.js";
import { createMemoryStores } from "../../support/memory/index.js";

describe("what finished placements led to", () => {
  it("counts a job from a completed placement and from one that ended early for a job", () => {
    const o = summariseOutcomes([
      { typeKey: "virksomhedspraktik", status: "completed", outcome: "ordinary_job", endReason: null, places: 2 },
      { typeKey: "virksomhedspraktik", status: "completed", outcome: "igu", endReason: null, places: 1 },
      { typeKey: "virksomhedspraktik", status: "ended", outcome: null, endReason: "ordinary_job", places: 1 },
      { typeKey: "virksomhedspraktik", status: "ended", outcome: null, endReason: "illness", places: 1 },
      { typeKey: "loentilskud", status: "completed", outcome: "continued_benefit", endReason: null, places: 3 },
    ]);
    expect(o).toMatchObject({ finished: 8, inJob: 3, completed: 6, endedEarly: 2 });
    expect(o.byOutcome).toEqual({ ordinary_job: 2, igu: 1, education: 0, continued_benefit: 3 });
    expect(o.byEndReason).toEqual({ ordinary_job: 1, education: 0, illness: 1, other: 0 });
    expect(summariseOutcomes([], ["virksomhedspraktik"]).finished).toBe(0);
  });
});

describe("outcomes in fremdrift and the quarterly report", () => {
  let store: ReturnType<typeof createMemoryStores>["store"];

  beforeAll(async () => {
    const memory = createMemoryStores();
    store = memory.store;
    const aalborg = memory.partnership("aalborg-2016");
    const org = memory.organisation("Dansk Industri Aalborg", "aalborg-2016");
    const praktik = memory.placementType("aalborg-2016", "virksomhedspraktik");
    const base = {
      partnershipId: aalborg.id,
      organisationId: org.id,
      company: { cvr: "24256790", name: "Aalborg Portland" },
      typeId: praktik.id,
      startDate: "2016-07-04",
      weeks: 13,
      endDate: "2016-10-02",
      employerSector: "private" as const,
      sector: "construction",
      shortageSector: true,
      contactPerson: "Hanne",
      needs: [],
      note: null,
      createdBy: "test",
    };
    let n = 0;
    const make = async ({ places = 1, ...finish }: { places?: number; status: string; outcome?: string; endReason?: string; endedOn?: string }) => {
      const { placement } = await store.createPlacement({ ...base, places, idempotencyKey: `k-${n++}` }, { actor: "test" });
      Object.assign(memory.db.placements.find((p) => p.id === placement.id)!, finish);
    };
    await make({ status: "completed", outcome: "ordinary_job", endedOn: "2016-09-30", places: 2 });
    await make({ status: "ended", endReason: "ordinary_job", endedOn: "2016-08-15" });
    await make({ status: "completed", outcome: "education", endedOn: "2016-10-02" }); // finished in Q4
    await make({ status: "active" });
  });

  it("fremdrift shows how many praktik ended in a job", async () => {
    const access = await resolveAccess(store, { platform: "slack", workspaceId: "T1", userId: "UADMIN", locale: "da" }, new Set(["UADMIN"]));
    const result = await computeProgress(store, access);
    if (result.kind !== "ok") throw new Error("denied");
    const aalborg = result.partnerships.find((p) => p.partnership.slug === "aalborg-2016")!;
    expect(aalborg.praktikOutcomes).toMatchObject({ finished: 4, inJob: 3, endedEarly: 1 });
    expect(outcomeLines(aalborg, createI18n("da").t("da"))).toEqual([
      "Virksomhedspraktik afsluttet: 4 · i ordinært job: 3 (75 %) · Uddannelse: 1 · afbrudt før tid: 1",
    ]);
  });

  it("the quarterly report counts what finished in the quarter", async () => {
    const aalborg = (await store.listPartnerships()).find((p) => p.slug === "aalborg-2016")!;
    const report = await buildReportModel(store, aalborg, parseQuarter("2016-Q3")!, {
      timezone: "Europe/Copenhagen",
      now: new Date("2016-10-12T10:00:00Z"),
      schedule: DEFAULT_STATUS_SCHEDULE,
    });
    expect(report.outcomes.praktik).toMatchObject({ finished: 3, inJob: 3, completed: 2, endedEarly: 1 });
    expect(report.outcomes.all.finished).toBe(3);
  });
});
