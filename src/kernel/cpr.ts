/**
 * Finds text shaped like a Danish CPR number (databeskyttelsesloven § 11) — six digits of a real
 * date and four more, however a person typed them: "010190-1234", "0101901234",
 * "01 01 90 1234", "0101 90 1234", "01.01.90/1234", with an en dash, a no-break or a zero-width
 * space, or full-width digits — so candidates' personal ID numbers never reach the database.
 * The modulus-11 check is deliberately not required: numbers issued since 2007 need not pass it.
 */
import { normaliseText } from "./text.js";

/** What a person may type between digit groups: spaces, dashes of every width, / _ . and the minus sign. */
const SEP = "[\\s\\-\\u2010-\\u2015\\u2212/_.]{0,3}";
// Separators are allowed after the day, the month, the year and inside the four digits'
// halves; that covers every grouping people use, and still needs ten digits in a row of groups.
const CPR_AT = new RegExp(`(\\d{2})${SEP}(\\d{2})${SEP}(\\d{2})${SEP}(\\d{2})${SEP}(\\d{2})(?!\\d)`, "y");

/** A P-nummer named as such ("P-nummer 1012345678", "p-nr.: …", "pnr"): a workplace number, not a person's. */
const P_NUMBER_LABEL = /(?:p-?nummer|p-?nr|p-?number)[\s.:#]*$/i;

export function containsCpr(text: string): boolean {
  return findCpr(text) !== undefined;
}

/** The first CPR-shaped match in the normalised text, for logging its position (never its value). */
export function findCpr(text: string): { index: number } | undefined {
  const normal = normaliseText(text);
  for (let i = 0; i < normal.length; i += 1) {
    if (!isDigit(normal[i]) || isDigit(normal[i - 1])) continue;
    CPR_AT.lastIndex = i;
    const match = CPR_AT.exec(normal);
    if (!match) continue;
    const [, dd, mm, yy, s1, s2] = match;
    // P-numre all begin with 1; only those, named as such, are let through.
    if (dd!.startsWith("1") && P_NUMBER_LABEL.test(normal.slice(Math.max(0, i - 12), i))) continue;
    if (isCprDate(Number(dd), Number(mm), Number(yy), `${s1}${s2}`)) return { index: i };
  }
  return undefined;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

function isCprDate(day: number, month: number, year2: number, serial: string): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // The century follows from the 7th digit; any century makes a real date check enough
  // except 29 February, which is real when the year is a leap year in some century.
  const seventh = Number(serial[0]);
  const centuries = centuriesFor(seventh, year2);
  return centuries.some((century) => day <= daysInMonth(century + year2, month));
}

function centuriesFor(seventh: number, year2: number): number[] {
  if (seventh <= 3) return [1900];
  if (seventh === 4 || seventh === 9) return [year2 <= 36 ? 2000 : 1900];
  return [year2 <= 57 ? 2000 : 1800];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
