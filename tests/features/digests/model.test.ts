// The weekly digest from a seeded partnership: every number checked against the database with
// SQL of its own, the view within Slack's and Teams' limits, and the chart PNG read back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppStore } from "../../../src/bot/stores.js";
import { createPrismaStore } from "../../../src/db/stores.js";
import { buildDigest, digestSlot, isoWeekOf, loadDigestData, mondayOfIsoWeek, paceOf } from "../../../src/features/digests/build-digest.js";
import { channelDigest, digestChart, digestView } from "../../../src/features/digests/view.js";
import { createI18n } from "../../../src/i18n/index.js";
import { renderMessage } from "../../../src/slack/render/message.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";
import { seedDigestPlacements } from "../../support/digest-seed.js";
import { pngSize } from "../../support/png.js";

const TZ = "Europe/Copenhagen";
const AS_OF = new Date("2016-11-28T07:00:00Z"); // Monday 28 November 2016, 08:00 in Copenhagen
let db: TestDatabase;
let store: AppStore;
let partnershipId: string;
let di: { id: string; name: string };
let endingId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createPrismaStore(db.prisma);
  const seeded = await seedDigestPlacements(db.prisma, { count: 400, from: new Date("2016-01-04T09:00:00Z"), to: new Date("2016-12-20T09:00:00Z") });
  partnershipId = seeded.partnershipId;
  di = await db.prisma.organisation.findFirstOrThrow({ where: { partnershipId, name: "Dansk Industri Aalborg" } });
  const type = await db.prisma.placementType.findFirstOrThrow({ where: { partnershipId, key: "virksomhedspraktik" } });
  const company = await db.prisma.company.findFirstOrThrow();
  const ending = await db.prisma.placement.create({
    data: {
      partnershipId,
      organisationId: di.id,
      companyId: company.id,
      typeId: type.id,
      places: 1,
      startDate: new Date("2016-09-05T00:00:00Z"),
      weeks: 13,
      endDate: new Date("2016-12-04T00:00:00Z"),
      employerSector: "private",
      sector: "construction",
      shortageSector: true,
      contactPerson: "H",
      needs: [],
      status: "active",
      createdBy: "t",
      createdAt: new Date("2016-09-01T10:00:00Z"),
      idempotencyKey: "ending-1",
      caseReference: "P-ENDS1",
    },
  });
  endingId = ending.id;
  const request = (status: "open" | "taken" | "done", dueAt: string, organisationId = di.id) =>
    db.prisma.supportRequest.create({
      data: {
        partnershipId,
        organisationId,
        kind: "interpreter",
        status,
        requestedAt: new Date("2016-11-20T10:00:00Z"),
        dueAt: new Date(dueAt),
        requestedBy: "t",
        idempotencyKey: `${status}-${dueAt}-${organisationId}`,
      },
    });
  await request("open", "2016-11-23T15:00:00Z");
  await request("taken", "2016-12-01T15:00:00Z");
  await request("done", "2016-11-22T15:00:00Z");
  await request("open", "2016-12-02T15:00:00Z", seeded.organisationIds[0]!);
}, 60_000);
afterAll(async () => {
  await db?.drop();
});

describe("ISO weeks and the slot", () => {
  it("names weeks the ISO way and finds their Monday", () => {
    expect(isoWeekOf("2016-11-28")).toBe("2016-W48");
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
    expect(mondayOfIsoWeek("2020-W53")).toBe("2020-12-28");
    expect(mondayOfIsoWeek("2026-W48")).toBe("2026-11-23");
    expect(mondayOfIsoWeek("2026-W54")).toBeUndefined();
    expect(digestSlot("2016-W48", { weekday: 1, time: "08:00" }, TZ).toISOString()).toBe("2016-11-28T07:00:00.000Z");
    // Summer time: 08:00 in Copenhagen is 06:00 UTC.
    expect(digestSlot("2016-W26", { weekday: 3, time: "08:00" }, TZ).toISOString()).toBe("2016-06-29T06:00:00.000Z");
  });

  it("judges the pace linearly over the period", () => {
    const goal = { key: "k", labelDa: "", labelEn: "", kind: "goal" as const, min: null, max: 100, value: 50, percent: 50, state: "below" as const };
    expect(paceOf(goal, "2016-01-01", "2016-12-31", "2016-07-01")).toMatchObject({ onTrack: true, expected: 50 });
    expect(paceOf({ ...goal, value: 40 }, "2016-01-01", "2016-12-31", "2016-07-01")).toMatchObject({ onTrack: false, projected: 80 });
    const ceiling = { ...goal, kind: "maximum" as const, max: 150, value: 100 };
    expect(paceOf(ceiling, "2016-01-01", "2016-12-31", "2016-07-01")).toMatchObject({ onTrack: false, projected: 200 });
  });
});

describe("the digest's numbers", () => {
  it("matches the database for a partnership channel", async () => {
    const digest = buildDigest(await loadDigestData(store, (await store.getPartnership(partnershipId))!, { asOf: AS_OF, timezone: TZ }), null);
    const [sums] = await db.prisma.$queryRaw<{ total: number; praktik: number; public_praktik: number }[]>`
      SELECT SUM(p.places)::int AS total,
             COALESCE(SUM(p.places) FILTER (WHERE t.key = 'virksomhedspraktik'), 0)::int AS praktik,
             COALESCE(SUM(p.places) FILTER (WHERE t.key = 'virksomhedspraktik' AND p."employerSector" = 'public'), 0)::int AS public_praktik
        FROM "Placement" p JOIN "PlacementType" t ON t.id = p."typeId"
       WHERE p."partnershipId" = ${partnershipId} AND p."createdAt" < ${AS_OF}`;
    expect(digest.isoWeek).toBe("2016-W48");
    expect(digest.totalPlaces).toBe(sums!.total);
    expect(digest.targets.find((t) => t.key === "praktikpladser")!.value).toBe(sums!.praktik);
    // The trend ends where the targets are now and never goes down.
    const praktikIndex = digest.targets.findIndex((t) => t.key === "praktikpladser");
    const series = digest.trend.series[praktikIndex]!;
    expect(series.at(-1)).toBe(sums!.praktik);
    expect(series.every((v, i) => i === 0 || v >= series[i - 1]!)).toBe(true);
    expect(digest.trend.weeks[0]).toBe("2015-12-28");
    expect(digest.trend.weeks.at(-1)).toBe("2016-11-28");

    const fresh = await db.prisma.$queryRaw<{ organisationId: string; places: number }[]>`
      SELECT "organisationId", SUM(places)::int AS places FROM "Placement"
       WHERE "partnershipId" = ${partnershipId} AND "createdAt" >= ${new Date(AS_OF.getTime() - 7 * 86_400_000)} AND "createdAt" < ${AS_OF}
       GROUP BY 1`;
    expect(fresh.length).toBeGreaterThan(0);
    expect(Object.fromEntries(digest.newPlacements.map((n) => [n.organisationId, n.places]))).toEqual(
      Object.fromEntries(fresh.map((f) => [f.organisationId, f.places])),
    );

    expect(digest.support).toEqual({ open: 3, overdue: 1 });
    const endingSoon = await db.prisma.placement.count({
      where: {
        partnershipId,
        status: "active",
        createdAt: { lt: AS_OF },
        endDate: { gte: new Date("2016-11-28T00:00:00Z"), lte: new Date("2016-12-12T00:00:00Z") },
      },
    });
    expect(digest.ending).toHaveLength(endingSoon);
    const mine = digest.ending.find((p) => p.id === endingId)!;
    expect(mine).toMatchObject({ askExtension: true, endDate: "2016-12-04", extendedEndDate: "2017-03-05" });
    // Q3 was due 10 October: the organisations that have not filed are missing; Q4's reminder day (17 Dec) has not come.
    expect(digest.quarterly.map((q) => [q.quarter, q.state])).toEqual([["2016-Q3", "missing"]]);
  });

  it("an organisation channel shows that organisation's own placements, requests and statuses", async () => {
    await db.prisma.quarterlyStatus.create({
      data: { organisationId: di.id, quarter: "2016-Q3", activities: "x", plan: "y", createdBy: "t", updatedBy: "t" },
    });
    const data = await loadDigestData(store, (await store.getPartnership(partnershipId))!, { asOf: AS_OF, timezone: TZ });
    const digest = buildDigest(data, di.id);
    expect(digest.organisation?.name).toBe("Dansk Industri Aalborg");
    expect(digest.support).toEqual({ open: 2, overdue: 1 });
    expect(digest.ending.every((p) => p.organisationId === di.id)).toBe(true);
    expect(digest.newPlacements.every((n) => n.organisationId === di.id)).toBe(true);
    expect(digest.quarterly).toEqual([]);
    expect(digest.targets.map((t) => t.value)).toEqual(buildDigest(data, null).targets.map((t) => t.value));
  });
});

describe("the digest as a message and a chart", () => {
  it("stays within Slack's limits, leaves empty sections out and renders a chart", async () => {
    const i18n = createI18n("da");
    const data = await loadDigestData(store, (await store.getPartnership(partnershipId))!, { asOf: AS_OF, timezone: TZ });
    for (const locale of ["da", "en"] as const) {
      const t = i18n.t(locale);
      const view = digestView(buildDigest(data, null), t, locale);
      const slack = renderMessage(view);
      expect(slack.blocks.length).toBeLessThanOrEqual(50);
      for (const block of slack.blocks as { text?: { text: string } }[]) expect((block.text?.text ?? "").length).toBeLessThanOrEqual(3000);
      const text = JSON.stringify(view);
      expect(text).not.toMatch(/digest:/);
      const chart = digestChart(buildDigest(data, null), t, locale);
      const size = pngSize(chart.png);
      expect(size.width).toBeGreaterThanOrEqual(800);
      expect(size.height).toBeGreaterThan(300);
      expect(chart.png.length).toBeGreaterThan(5000);
    }
    // A week with nothing new, nothing ending and no requests: those sections are left out.
    const quiet = await loadDigestData(store, (await store.getPartnership(partnershipId))!, { asOf: new Date("2016-01-04T07:00:00Z"), timezone: TZ });
    const view = digestView(buildDigest(quiet, null), i18n.t("da"), "da");
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/Nye pladser|anmodninger|Slutter inden/);
  });

  it("makes each scope's view and each language's chart once per load, the same as built alone", async () => {
    const i18n = createI18n("da");
    const data = await loadDigestData(store, (await store.getPartnership(partnershipId))!, { asOf: AS_OF, timezone: TZ });
    const [organisation] = data.organisations;
    const channels = [null, organisation!.id, null, organisation!.id];
    const made = channels.map((scope) => channelDigest(data, scope, i18n.t("da"), "da"));
    expect(made[2]!.view).toBe(made[0]!.view);
    expect(made[3]!.view).toBe(made[1]!.view);
    expect(made[1]!.view).not.toBe(made[0]!.view);
    expect(made[1]!.view).toEqual(digestView(buildDigest(data, organisation!.id), i18n.t("da"), "da"));
    // The chart shows the partnership's targets and trend only: one per language for every scope.
    expect(new Set(made.map((m) => m.chart)).size).toBe(1);
    expect(made[0]!.chart.png.equals(digestChart(buildDigest(data, organisation!.id), i18n.t("da"), "da").png)).toBe(true);
    const english = channelDigest(data, null, i18n.t("en"), "en");
    expect(english.chart).not.toBe(made[0]!.chart);
    expect(JSON.stringify(english.view)).not.toEqual(JSON.stringify(made[0]!.view));
    // A new load is made anew.
    const again = await loadDigestData(store, (await store.getPartnership(partnershipId))!, { asOf: AS_OF, timezone: TZ });
    expect(channelDigest(again, null, i18n.t("da"), "da").view).not.toBe(made[0]!.view);
  });
});
