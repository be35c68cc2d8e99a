// Text as typed in a chat client, made safe to check and to store. Full-width digits, no-break
// spaces and other compatibility forms become their plain forms (Unicode NFKC), so a CPR number
// cannot hide behind them; zero-width and control characters (NUL among them, which PostgreSQL
// refuses in text) are removed. Line breaks and tabs stay: a note may have lines.

/** Zero-width and invisible formatting characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, bidi marks. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/** C0 and C1 control characters except tab and line feed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function normaliseText(value: string): string {
  return value.normalize("NFKC").replace(/\r\n?/g, "\n").replace(INVISIBLE, "").replace(CONTROL, "");
}
