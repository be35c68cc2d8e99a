import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  type ClockSettings,
  danishDaysOff,
  dueAt,
  earliestVisitDate,
  easterSunday,
  instantAt,
  isBusinessDay,
  workingMinutesBetween,
} from "../../src/kernel/business-days.js";

const CPH: ClockSettings = { timezone: "Europe/Copenhagen", workdayStart: "08:00", workdayEnd: "16:00", mayDayIsHoliday: false };

describe("Easter and the holidays that follow it", () => {
  it("finds Easter Sunday in 2016, 2023, 2024 and 2026", () => {
    expect(easterSunday(2016)).toBe("2016-03-27");
    expect(easterSunday(2023)).toBe("2023-04-09");
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2026)).toBe("2026-04-05");
  });

  it("2016: skærtorsdag, langfredag, 2. påskedag, store bededag, Kristi himmelfart and 2. pinsedag are days off", () => {
    for (const day of ["2016-03-24", "2016-03-25", "2016-03-28", "2016-04-22", "2016-05-05", "2016-05-16"]) {
      expect(isBusinessDay(day), day).toBe(false);
    }
    expect(isBusinessDay("2016-03-23")).toBe(true);
    expect(isBusinessDay("2016-03-29")).toBe(true);
  });

  it("2024: 2. påskedag 1 April, Kristi himmelfart 9 May, 2. pinsedag 20 May", () => {
    for (const day of ["2024-03-28", "2024-03-29", "2024-04-01", "2024-05-09", "2024-05-20"]) expect(isBusinessDay(day), day).toBe(false);
    expect(isBusinessDay("2024-04-02")).toBe(true);
  });

  it("2026: skærtorsdag 2 April to 2. påskedag 6 April, Kristi himmelfart 14 May, 2. pinsedag 25 May", () => {
    for (const day of ["2026-04-02", "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25"]) expect(isBusinessDay(day), day).toBe(false);
    expect(isBusinessDay("2026-04-01")).toBe(true);
    expect(isBusinessDay("2026-04-07")).toBe(true);
  });

  it("store bededag counts up to and including 2023 and not from 2024", () => {
    expect(danishDaysOff(2023).get("2023-05-05")).toBe("store_bededag");
    expect(isBusinessDay("2023-05-05")).toBe(false);
    expect(isBusinessDay("2024-04-26")).toBe(true);
    expect([...danishDaysOff(2024).values()]).not.toContain("store_bededag");
  });
});

describe("days that are not hverdage", () => {
  it("grundlovsdag, 24 and 31 December are days off; weekends too", () => {
    expect(isBusinessDay("2026-06-05")).toBe(false);
    expect(isBusinessDay("2026-12-24")).toBe(false);
    expect(isBusinessDay("2026-12-31")).toBe(false);
    expect(isBusinessDay("2026-11-21")).toBe(false);
    expect(isBusinessDay("2026-11-22")).toBe(false);
    expect(isBusinessDay("2026-11-23")).toBe(true);
  });

  it("1 May only where the partnership says so", () => {
    expect(isBusinessDay("2026-05-01")).toBe(true);
    expect(isBusinessDay("2026-05-01", { mayDayIsHoliday: true })).toBe(false);
  });

  it("adds business days across Christmas and New Year", () => {
    expect(addBusinessDays("2026-12-23", 1)).toBe("2026-12-28");
    expect(addBusinessDays("2026-12-30", 1)).toBe("2027-01-04");
  });
});

describe("when a request is due", () => {
  it("a visit asked for on a Monday morning is due the next day at the end of the working day", () => {
    expect(dueAt(new Date("2016-10-03T09:00:00Z"), 1, CPH).toISOString()).toBe("2016-10-04T14:00:00.000Z");
  });

  it("a request on a Friday afternoon after 16:00 counts from Monday", () => {
    const friday = new Date("2016-10-07T15:00:00Z"); // 17:00 in Copenhagen
    expect(dueAt(friday, 1, CPH).toISOString()).toBe("2016-10-11T14:00:00.000Z");
    expect(dueAt(friday, 3, CPH).toISOString()).toBe("2016-10-13T14:00:00.000Z");
  });

  it("a request on a Friday before 16:00 is a visit due on Monday", () => {
    expect(dueAt(new Date("2016-10-07T12:00:00Z"), 1, CPH).toISOString()).toBe("2016-10-10T14:00:00.000Z");
  });

  it("the working-day end is a setting", () => {
    const at1530 = new Date("2016-10-07T13:30:00Z");
    expect(dueAt(at1530, 1, { ...CPH, workdayEnd: "15:00" }).toISOString()).toBe("2016-10-11T13:00:00.000Z");
  });

  it("a request the day before Christmas Eve is due after Christmas", () => {
    const dec23 = new Date("2026-12-23T09:00:00Z");
    expect(dueAt(dec23, 1, CPH).toISOString()).toBe("2026-12-28T15:00:00.000Z");
    expect(dueAt(dec23, 3, CPH).toISOString()).toBe("2026-12-30T15:00:00.000Z");
  });

  it("a request in the weekend before Easter 2026 counts from the Tuesday after", () => {
    expect(dueAt(new Date("2026-04-04T10:00:00Z"), 1, CPH).toISOString()).toBe("2026-04-08T14:00:00.000Z");
  });

  it("keeps 16:00 on the wall clock across the change to summer time", () => {
    // Friday 27 March 2026, 17:00 CET; clocks go forward on Sunday 29 March.
    expect(dueAt(new Date("2026-03-27T16:00:00Z"), 1, CPH).toISOString()).toBe("2026-03-31T14:00:00.000Z");
  });

  it("keeps 16:00 on the wall clock across the change to winter time", () => {
    // Friday 23 October 2026, 15:00 CEST; clocks go back on Sunday 25 October.
    expect(dueAt(new Date("2026-10-23T13:00:00Z"), 1, CPH).toISOString()).toBe("2026-10-26T15:00:00.000Z");
  });

  it("converts wall-clock times to instants on both sides of a change", () => {
    expect(instantAt("2026-03-28", "16:00", "Europe/Copenhagen").toISOString()).toBe("2026-03-28T15:00:00.000Z");
    expect(instantAt("2026-03-30", "16:00", "Europe/Copenhagen").toISOString()).toBe("2026-03-30T14:00:00.000Z");
  });

  it("the earliest visit is the next business day", () => {
    expect(earliestVisitDate(new Date("2016-10-07T09:00:00Z"), CPH)).toBe("2016-10-10");
  });

  it("counts working hours only on business days between 08:00 and 16:00", () => {
    // Friday 15:00 to Monday 09:00: one hour on Friday, one on Monday.
    expect(workingMinutesBetween(new Date("2016-10-07T13:00:00Z"), new Date("2016-10-10T07:00:00Z"), CPH)).toBe(120);
  });
});
