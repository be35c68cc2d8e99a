import { describe, expect, it } from "vitest";
import {
  currentQuarter,
  DEFAULT_STATUS_SCHEDULE,
  firstDayOf,
  formatQuarter,
  lastDayOf,
  nextQuarter,
  parseQuarter,
  previousQuarter,
  quarterCalendar,
  quarterInstants,
} from "../../src/kernel/quarters.js";

const CPH = "Europe/Copenhagen";

describe("quarters", () => {
  it("reads and writes 2016-Q3 and its spellings, and refuses anything else", () => {
    expect(parseQuarter("2016-Q3")).toEqual({ year: 2016, quarter: 3 });
    expect(parseQuarter("2016q3")).toEqual({ year: 2016, quarter: 3 });
    expect(parseQuarter("Q4 2016")).toEqual({ year: 2016, quarter: 4 });
    expect(parseQuarter("2016-K1")).toEqual({ year: 2016, quarter: 1 });
    for (const bad of ["2016-Q5", "2016-Q0", "Q3", "2016", "tredje kvartal", "1999-Q1", ""]) expect(parseQuarter(bad)).toBeUndefined();
    expect(formatQuarter({ year: 2016, quarter: 3 })).toBe("2016-Q3");
  });

  it("knows each quarter's first and last day, across years and leap days", () => {
    expect([firstDayOf({ year: 2016, quarter: 1 }), lastDayOf({ year: 2016, quarter: 1 })]).toEqual(["2016-01-01", "2016-03-31"]);
    expect(lastDayOf({ year: 2016, quarter: 2 })).toBe("2016-06-30");
    expect(lastDayOf({ year: 2016, quarter: 3 })).toBe("2016-09-30");
    expect(lastDayOf({ year: 2016, quarter: 4 })).toBe("2016-12-31");
    expect(nextQuarter({ year: 2016, quarter: 4 })).toEqual({ year: 2017, quarter: 1 });
    expect(previousQuarter({ year: 2017, quarter: 1 })).toEqual({ year: 2016, quarter: 4 });
  });

  it("takes the current quarter from the wall clock in the time zone, not UTC", () => {
    // 30 Sep 2016 23:30 UTC is already 1 October in Copenhagen (summer time, UTC+2).
    expect(currentQuarter(CPH, new Date("2016-09-30T22:30:00Z"))).toEqual({ year: 2016, quarter: 4 });
    expect(currentQuarter("UTC", new Date("2016-09-30T22:30:00Z"))).toEqual({ year: 2016, quarter: 3 });
    // 31 Dec 2016 23:30 UTC is 1 January 2017 in Copenhagen (winter time, UTC+1).
    expect(formatQuarter(currentQuarter(CPH, new Date("2016-12-31T23:30:00Z")))).toBe("2017-Q1");
    const { from, to } = quarterInstants({ year: 2016, quarter: 3 }, CPH);
    expect(from.toISOString()).toBe("2016-06-30T22:00:00.000Z");
    expect(to.toISOString()).toBe("2016-09-30T22:00:00.000Z");
  });

  it("reminds 14 days before the quarter ends and is due 10 days after", () => {
    const q3 = quarterCalendar({ year: 2016, quarter: 3 }, DEFAULT_STATUS_SCHEDULE, CPH);
    expect(q3).toMatchObject({ quarter: "2016-Q3", lastDay: "2016-09-30", remindOn: "2016-09-16", dueOn: "2016-10-10" });
    // Overdue from the end of the due day in Copenhagen (11 Oct 00:00 CEST).
    expect(q3.overdueFrom.toISOString()).toBe("2016-10-10T22:00:00.000Z");
  });

  it("moves a due date that falls on a day off to the next business day", () => {
    // Q1 2016 ends on Maundy Thursday (31 March, a public holiday); ten days later is Sunday 10 April.
    const q1 = quarterCalendar({ year: 2016, quarter: 1 }, DEFAULT_STATUS_SCHEDULE, CPH);
    expect(q1).toMatchObject({ lastDay: "2016-03-31", remindOn: "2016-03-17", dueOn: "2016-04-11" });
    // Q4 2016 ends on a Saturday; ten days later is Tuesday 10 January, a business day.
    expect(quarterCalendar({ year: 2016, quarter: 4 }, DEFAULT_STATUS_SCHEDULE, CPH).dueOn).toBe("2017-01-10");
    // Q1 2018 ends on Easter Saturday: one day later is Easter Sunday, then Easter Monday, so 3 April.
    expect(quarterCalendar({ year: 2018, quarter: 1 }, { remindDaysBefore: 14, dueDaysAfter: 1 }, CPH).dueOn).toBe("2018-04-03");
    // A due date on Christmas Day moves past 25 and 26 December to the 27th.
    expect(quarterCalendar({ year: 2016, quarter: 3 }, { remindDaysBefore: 14, dueDaysAfter: 86 }, CPH).dueOn).toBe("2016-12-27");
  });
});
