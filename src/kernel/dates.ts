/** Calendar dates as "YYYY-MM-DD" strings: placements start on a day, not at an instant. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (no 31 April, no 29 February 2023). */
export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The UTC-midnight Date the database stores for a calendar date. */
export function dateFromIso(value: IsoDate): Date {
  if (!isRealIsoDate(value)) throw new RangeError(`not a real date: ${value}`);
  return new Date(`${value}T00:00:00.000Z`);
}

export function isoFromDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/**
 * A date formatter, made once per language tag and options: making an Intl.DateTimeFormat costs
 * far more than using one, and the same few are used on every request. The tags and options
 * come from the code and the time zone from the configuration, so the cache stays small.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dateFormatter(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(tag, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The calendar date at `now` in a time zone ("2026-11-22" in Europe/Copenhagen). */
export function todayIn(timezone: string, now: Date): IsoDate {
  return dateFormatter("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = dateFromIso(date);
  d.setUTCDate(d.getUTCDate() + days);
  return isoFromDate(d);
}

/** Last day of a placement of `weeks` weeks that starts on `start` (13 weeks from a Monday ends on a Sunday). */
export function endDateFor(start: IsoDate, weeks: number): IsoDate {
  return addDays(start, weeks * 7 - 1);
}

/** "22. nov. 2026" / "22 Nov 2026" for people, not machines. */
export function formatDate(date: IsoDate, locale: "da" | "en"): string {
  return dateFormatter(locale === "da" ? "da-DK" : "en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(dateFromIso(date));
}
