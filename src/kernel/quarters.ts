// Calendar quarters ("2016-Q3") and the quarterly status calendar: when contacts are reminded,
// when a status is due, and when it is overdue — all on the wall clock of the bot's time zone.
import { instantAt, isBusinessDay, nextBusinessDay } from "./business-days.js";
import { addDays, type IsoDate, todayIn } from "./dates.js";

export type Quarter = { year: number; quarter: 1 | 2 | 3 | 4 };

/** When statuses are asked for and due, counted in calendar days around the quarter's last day. */
export type StatusSchedule = {
  /** A reminder this many days before the quarter's last day. */
  remindDaysBefore: number;
  /** Due this many days after the quarter's last day, moved on to the next business day. */
  dueDaysAfter: number;
  mayDayIsHoliday?: boolean;
};

export const DEFAULT_STATUS_SCHEDULE: StatusSchedule = { remindDaysBefore: 14, dueDaysAfter: 10 };

const QUARTER_TEXT = /^(\d{4})\s*[-/ ]?\s*[Qq]([1-4])$|^[Qq]([1-4])\s*[-/ ]?\s*(\d{4})$|^(\d{4})-K([1-4])$/;

/** Reads "2016-Q3" (also "2016Q3", "Q3 2016", "2016-K3"); undefined for anything else. */
export function parseQuarter(text: string): Quarter | undefined {
  const m = QUARTER_TEXT.exec(text.trim().toUpperCase());
  if (!m) return undefined;
  const year = Number(m[1] ?? m[4] ?? m[5]);
  const quarter = Number(m[2] ?? m[3] ?? m[6]) as Quarter["quarter"];
  if (year < 2000 || year > 2100) return undefined;
  return { year, quarter };
}

export function formatQuarter(q: Quarter): string {
  return `${q.year}-Q${q.quarter}`;
}

function quarterOfDate(date: IsoDate): Quarter {
  const month = Number(date.slice(5, 7));
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((month - 1) / 3) + 1) as Quarter["quarter"] };
}

/** The quarter it is at `now` in a time zone. */
export function currentQuarter(timezone: string, now: Date): Quarter {
  return quarterOfDate(todayIn(timezone, now));
}

export function firstDayOf(q: Quarter): IsoDate {
  return `${q.year}-${String((q.quarter - 1) * 3 + 1).padStart(2, "0")}-01`;
}

export function lastDayOf(q: Quarter): IsoDate {
  return addDays(firstDayOf(nextQuarter(q)), -1);
}

export function nextQuarter(q: Quarter): Quarter {
  return q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as Quarter["quarter"] };
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as Quarter["quarter"] };
}

/** The instants a quarter starts and ends (exclusive) in a time zone. */
export function quarterInstants(q: Quarter, timezone: string): { from: Date; to: Date } {
  return { from: instantAt(firstDayOf(q), "00:00", timezone), to: instantAt(firstDayOf(nextQuarter(q)), "00:00", timezone) };
}

export type QuarterCalendar = {
  quarter: string;
  firstDay: IsoDate;
  lastDay: IsoDate;
  /** The day contacts are reminded that a status is coming up. */
  remindOn: IsoDate;
  /**
   * The day the status is due: `dueDaysAfter` days after the last day, or the next business day
   * when that is a weekend or a public holiday.
   */
  dueOn: IsoDate;
  /** From this instant (the end of the due day in the time zone) a missing status is overdue. */
  overdueFrom: Date;
};

export function quarterCalendar(q: Quarter, schedule: StatusSchedule, timezone: string): QuarterCalendar {
  const lastDay = lastDayOf(q);
  const opts = { mayDayIsHoliday: schedule.mayDayIsHoliday ?? false };
  const nominalDue = addDays(lastDay, schedule.dueDaysAfter);
  const dueOn = isBusinessDay(nominalDue, opts) ? nominalDue : nextBusinessDay(nominalDue, opts);
  return {
    quarter: formatQuarter(q),
    firstDay: firstDayOf(q),
    lastDay,
    remindOn: addDays(lastDay, -schedule.remindDaysBefore),
    dueOn,
    overdueFrom: instantAt(addDays(dueOn, 1), "00:00", timezone),
  };
}
