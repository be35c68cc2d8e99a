/**
 * Finds text shaped like a Danish CPR number — DDMMYY-NNNN or DDMMYYNNNN with a real date —
 * so candidates' personal ID numbers never reach the database. The modulus-11 check is
 * deliberately not required: numbers issued since 2007 need not pass it.
 */
const CPR_PATTERN = /(?<![\d])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?![\d])/g;

export function containsCpr(text: string): boolean {
  return findCpr(text) !== undefined;
}

/** The first CPR-shaped match, for logging its position (never its value). */
export function findCpr(text: string): { index: number } | undefined {
  for (const match of text.matchAll(CPR_PATTERN)) {
    const [, dd, mm, yy, serial] = match;
    if (isCprDate(Number(dd), Number(mm), Number(yy), serial!)) return { index: match.index ?? 0 };
  }
  return undefined;
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
