// The rule sets end to end through Slack: a lawful 12-month public løntilskud for sygedagpenge
// (LAB § 68) is registered, a 13-month one is refused at the field, and the placement keeps its
// own figure of ordinary employees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, openModal, optionsOf, optionValue, type SlackTestApp, startSlackTestApp } from "../support/slack-harness.js";
import { viewSubmissionPayload } from "../support/slack-requests.js";

let t: SlackTestApp;

beforeAll(async () => {
  // Registered today (December 2026) in a partnership whose period covers it: a placement starts
  // within its partnership's period and near today.
  t = await startSlackTestApp({ admins: [ADMIN], now: new Date("2026-12-02T09:00:00Z") });
  await t.db.prisma.partnership.update({ where: { slug: "aalborg-2016" }, data: { periodEnd: new Date("2027-12-31T00:00:00Z") } });
  t.fake.setUser(ADMIN, { locale: "da-DK", realName: "Sekretariatet" });
});
afterAll(async () => {
  await t?.close();
});

describe("Slack: a 12-month public løntilskud for sygedagpenge", () => {
  it("offers the target groups of the rule set, refuses 57 weeks at the field and saves 52", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    expect(optionsOf(view, "benefitGroup").map((o) => o.value)).toEqual(expect.arrayContaining(["sygedagpenge", "jobafklaring", "introduktionsprogram"]));
    const values = {
      organisationId: optionValue(view, "organisationId", "Dansk Industri Aalborg"),
      companyName: "Aalborg Kommune, Teknik",
      cvr: "29189420",
      employerSector: "public",
      shortageSector: "no",
      sector: "construction",
      typeId: optionValue(view, "typeId", /^Løntilskud/, /Aalborg/),
      places: "1",
      startDate: "2026-12-07",
      weeks: "57",
      contactPerson: "Hanne Jensen",
      pNumber: "1029189420",
      ordinaryEmployees: "250",
      benefitGroup: "sygedagpenge",
      hoursPerWeek: "37",
      representativeName: "Jens Tillid",
      representativeConfirmed: "yes",
    };
    const refused = await t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId, view, values }));
    const errors = (refused.json as { response_action: string; errors: Record<string, string> }).errors;
    expect((refused.json as { response_action: string }).response_action).toBe("errors");
    expect(errors.weeks).toContain("højst vare 12 måneder");
    expect(await t.db.prisma.placement.count()).toBe(0);

    const saved = await t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId, view, values: { ...values, weeks: "52" } }));
    expect((saved.json as { response_action: string }).response_action).toBe("update");
    const row = await t.db.prisma.placement.findFirstOrThrow({ include: { type: true } });
    expect(row).toMatchObject({ weeks: 52, employerSector: "public", benefitGroup: "sygedagpenge", ordinaryEmployeesFte: 250 });
    expect(row.type.key).toBe("loentilskud");
    expect(row.ordinaryEmployeesAsOf?.toISOString().slice(0, 10)).toBe("2026-12-07");
  });
});
