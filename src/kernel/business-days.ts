// The business-day clock: which days are Danish "hverdage", and when a request made at an
// instant is due. Days are calendar dates in the partnership's time zone (Europe/Copenhagen by
// default); instants are converted through Intl, so daylight-saving changes cost no hour.
import { addDays, dateFormatter, dateFromIso, type IsoDate } from "./dates.js";

export type ClockSettings = {
  timezone: string;
  /** "HH:MM": work starts (for counting working hours). */
  workdayStart: string;
  /** "HH:MM": a request after this counts from the next business day, and deadlines fall here. */
  workdayEnd: string;
  /** Whether 1 May is a day off in this partnership (it is in many collective agreements, not by law). */
  mayDayIsHoliday: boolean;
};

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The days that are not "hverdage" in a year besides weekends, by name: the public holidays,
 * and grundlovsdag, 24 and 31 December as forældelsesloven § 27 counts them. Store bededag was
 * abolished from 2024.
 */
export function danishDaysOff(year: number, opts: { mayDayIsHoliday?: boolean } = {}): Map<IsoDate, string> {
  const easter = easterSunday(year);
  const fixed = (mmdd: string) => `${year}-${mmdd}`;
  const days: [IsoDate, string][] = [
    [fixed("01-01"), "nytaarsdag"],
    [addDays(easter, -3), "skaertorsdag"],
    [addDays(easter, -2), "langfredag"],
    [easter, "paaskedag"],
    [addDays(easter, 1), "anden_paaskedag"],
    [addDays(easter, 39), "kristi_himmelfartsdag"],
    [addDays(easter, 49), "pinsedag"],
    [addDays(easter, 50), "anden_pinsedag"],
    [fixed("06-05"), "grundlovsdag"],
    [fixed("12-24"), "juleaftensdag"],
    [fixed("12-25"), "juledag"],
    [fixed("12-26"), "anden_juledag"],
    [fixed("12-31"), "nytaarsaftensdag"],
  ];
  if (year <= 2023) days.push([addDays(easter, 26), "store_bededag"]);
  if (opts.mayDayIsHoliday) days.push([fixed("05-01"), "foerste_maj"]);
  return new Map(days);
}

const daysOffCache = new Map<string, Map<IsoDate, string>>();

function daysOff(year: number, mayDayIsHoliday: boolean): Map<IsoDate, string> {
  const key = `${year}:${mayDayIsHoliday}`;
  let found = daysOffCache.get(key);
  if (!found) {
    found = danishDaysOff(year, { mayDayIsHoliday });
    daysOffCache.set(key, found);
  }
  return found;
}

/** ISO weekday, Monday 1 … Sunday 7. */
export function weekday(date: IsoDate): number {
  const d = dateFromIso(date).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isBusinessDay(date: IsoDate, opts: { mayDayIsHoliday?: boolean } = {}): boolean {
  if (weekday(date) >= 6) return false;
  return !daysOff(Number(date.slice(0, 4)), opts.mayDayIsHoliday ?? false).has(date);
}

export function nextBusinessDay(date: IsoDate, opts: { mayDayIsHoliday?: boolean } = {}): IsoDate {
  let d = addDays(date, 1);
  while (!isBusinessDay(d, opts)) d = addDays(d, 1);
  return d;
}

/** `count` business days after `date` (0: the date itself if it is one, else the next one). */
export function addBusinessDays(date: IsoDate, count: number, opts: { mayDayIsHoliday?: boolean } = {}): IsoDate {
  let d = isBusinessDay(date, opts) ? date : nextBusinessDay(date, opts);
  for (let i = 0; i < count; i++) d = nextBusinessDay(d, opts);
  return d;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** The calendar date and minute of the day an instant has on the wall clock of a time zone. */
export function wallClock(instant: Date, timezone: string): { date: IsoDate; minutes: number } {
  const parts = dateFormatter("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

/** How far the time zone's wall clock is ahead of UTC at an instant, in minutes. */
function offsetMinutes(instant: Date, timezone: string): number {
  const { date, minutes } = wallClock(instant, timezone);
  const wall = dateFromIso(date).getTime() + minutes * 60_000;
  return Math.round((wall - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant the wall clock of a time zone shows `hhmm` on `date`. */
export function instantAt(date: IsoDate, hhmm: string, timezone: string): Date {
  const wall = dateFromIso(date).getTime() + minutesOf(hhmm) * 60_000;
  let guess = wall - offsetMinutes(new Date(wall), timezone) * 60_000;
  // Near a daylight-saving change the offset at the guess can differ from the one at `wall`.
  guess = wall - offsetMinutes(new Date(guess), timezone) * 60_000;
  return new Date(guess);
}

/**
 * When a request made at `requestedAt` is due: the end of the working day `businessDays`
 * business days after the day it counts from — the day it was made, or the next business day
 * when it was made after the working day ended or on a day off.
 */
export function dueAt(requestedAt: Date, businessDays: number, settings: ClockSettings): Date {
  const { date, minutes } = wallClock(requestedAt, settings.timezone);
  const opts = { mayDayIsHoliday: settings.mayDayIsHoliday };
  const countsFrom = isBusinessDay(date, opts) && minutes < minutesOf(settings.workdayEnd) ? date : nextBusinessDay(date, opts);
  return instantAt(addBusinessDays(countsFrom, businessDays, opts), settings.workdayEnd, settings.timezone);
}

/** The earliest day a visit can be: the next business day (the agreement's one day's notice). */
export function earliestVisitDate(now: Date, settings: ClockSettings): IsoDate {
  const { date } = wallClock(now, settings.timezone);
  return nextBusinessDay(date, { mayDayIsHoliday: settings.mayDayIsHoliday });
}

/** Working minutes (business days, between start and end of the working day) from `from` to `to`. */
export function workingMinutesBetween(from: Date, to: Date, settings: ClockSettings): number {
  if (to <= from) return 0;
  const start = minutesOf(settings.workdayStart);
  const end = minutesOf(settings.workdayEnd);
  const a = wallClock(from, settings.timezone);
  const b = wallClock(to, settings.timezone);
  const opts = { mayDayIsHoliday: settings.mayDayIsHoliday };
  let total = 0;
  for (let d = a.date, i = 0; d <= b.date && i < 400; d = addDays(d, 1), i++) {
    if (!isBusinessDay(d, opts)) continue;
    const lo = Math.max(start, d === a.date ? a.minutes : 0);
    const hi = Math.min(end, d === b.date ? b.minutes : 24 * 60);
    if (hi > lo) total += hi - lo;
  }
  return total;
}
