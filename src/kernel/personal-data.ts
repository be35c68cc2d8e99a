// Personal data (GDPR art. 9, databeskyttelsesloven § 11: no CPR numbers in the bot). Candidates are referred to only by the jobcenter's case reference or a
// pseudonym the bot makes; free text is checked for CPR numbers (cpr.ts) and for words that
// suggest the special categories of GDPR art. 9 — health, religion, ethnic origin and trade-union
// membership — which the person must confirm is not about the candidate.

import type { FieldProblems } from "./field-problems.js";

/** Word stems, Danish and English, that suggest special-category data (matched at a word's start). */
const SENSITIVE_WORD_STEMS = [
  // health
  "syg",
  "sygdom",
  "helbred",
  "diagnose",
  "depressi",
  "angst",
  "ptsd",
  "traume",
  "handicap",
  "medicin",
  "psykisk",
  "psykiatri",
  "psykolog",
  "gravid",
  "diabetes",
  "kræft",
  "indlagt",
  "misbrug",
  "sick",
  "illness",
  "health",
  "diagnos",
  "anxiety",
  "trauma",
  "disabilit",
  "disabled",
  "medication",
  "mental",
  "pregnan",
  "cancer",
  "hospitali",
  "addiction",
  // religion
  "religi",
  "muslim",
  "kristen",
  "christian",
  "jøde",
  "jødisk",
  "jew",
  "hindu",
  "buddhis",
  "ramadan",
  "bede",
  "bøn",
  "prayer",
  "moské",
  "mosque",
  "kirke",
  "church",
  "tørklæde",
  "headscarf",
  "hijab",
  // ethnic or racial origin
  "etnisk",
  "etnicitet",
  "ethnic",
  "racial",
  "hudfarve",
  "herkomst",
  "afstamning",
  // trade-union membership
  "fagforening",
  "fagforbund",
  "unionised",
  "unionized",
  "unionmember",
] as const;

/** Phrases of more than one word that suggest special-category data (ethnic origin, trade-union membership). */
const SENSITIVE_PHRASES = [
  "skin colour",
  "skin color",
  "trade union",
  "union member",
  "labour union",
  "labor union",
  "faglig organiseret",
  "fagligt organiseret",
] as const;

const WORD = /[\p{L}]+/gu;

/**
 * The free-text fields of a form that hold words suggesting special-category data (GDPR art. 9),
 * each with the field error that names the words; none when the person has checked the texts.
 */
export function sensitiveWordProblems<K extends string>(
  input: Partial<Record<K, string | null | undefined>> & { personalDataChecked?: boolean | undefined },
  fields: readonly K[],
): FieldProblems {
  const problems: FieldProblems = {};
  if (input.personalDataChecked) return problems;
  for (const field of fields) {
    const text = input[field];
    const words = text ? sensitiveWordsIn(text) : [];
    if (words.length > 0) problems[field] = { key: "privacy:errors.sensitive_words", vars: { words: words.join(", ") } };
  }
  return problems;
}

/** The words (and phrases) in a text that suggest special-category data, as typed, once each. */
export function sensitiveWordsIn(typed: string): string[] {
  const text = typed.normalize("NFKC");
  const found = new Set<string>();
  for (const [word] of text.matchAll(WORD)) {
    const lower = word.toLowerCase();
    if (SENSITIVE_WORD_STEMS.some((stem) => lower.startsWith(stem) && !FALSE_FRIENDS.has(lower))) found.add(word);
  }
  const spaced = text.toLowerCase().replace(/\s+/g, " ");
  for (const phrase of SENSITIVE_PHRASES) if (spaced.includes(phrase)) found.add(phrase);
  return [...found];
}

/**
 * What an interpreter request may say about the language: the need, never the person — the
 * names of one or a few languages ("arabisk", "tigrinya, arabisk", "dari/farsi"), no sentences.
 */
export const INTERPRETER_LANGUAGE = { max: 60, maxWords: 4 } as const;

export function isInterpreterLanguage(value: string): boolean {
  if (!/^[\p{L}][\p{L} ,/()-]*$/u.test(value) || value.length > INTERPRETER_LANGUAGE.max) return false;
  const words = value.split(/[\s,/()-]+/u).filter((w) => w !== "" && !["og", "and", "eller", "or"].includes(w.toLowerCase()));
  return words.length <= INTERPRETER_LANGUAGE.maxWords && sensitiveWordsIn(value).length === 0;
}

/** Ordinary words that start like a stem above. */
const FALSE_FRIENDS = new Set(["bedes", "mentalitet", "sygeplejerske", "sygeplejersker", "sygehjælper", "sygehus"]);

/** The jobcenter's case reference: letters, digits and - / . _ only, so it cannot hold a name with spaces. */
export const CASE_REFERENCE = /^[\p{L}\d][\p{L}\d\-/._]{1,39}$/u;

// No 0/O, 1/I/L or 5/S: a pseudonym is read aloud and typed back.
const PSEUDONYM_ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ";

/** A pseudonym like "P-7F3K2"; `random` gives numbers in [0, 1). */
export function makePseudonym(random: () => number = secureRandom): string {
  let out = "";
  for (let i = 0; i < 5; i += 1) out += PSEUDONYM_ALPHABET[Math.floor(random() * PSEUDONYM_ALPHABET.length)];
  return `P-${out}`;
}

function secureRandom(): number {
  const [n] = globalThis.crypto.getRandomValues(new Uint32Array(1));
  return n! / 2 ** 32;
}

/** Normalises a typed case reference for storing and looking up: trimmed, upper case. */
export function normaliseCaseReference(value: string): string {
  return value.trim().toUpperCase();
}

/** The fields of a support request that hold free text that may be about the candidate, cleared with its placement or after the retention period. */
export const PERSONAL_SUPPORT_REQUEST_FIELDS = ["note", "language", "declineReason"] as const;

/** The fields of a quarterly status that hold free text (which may name people), cleared after the retention period. */
export const PERSONAL_QUARTERLY_FIELDS = ["activities", "plan"] as const;

/** The fields of a placement that hold free text about people, cleared when it is anonymised. */
export const PERSONAL_PLACEMENT_FIELDS = [
  "contactPerson",
  "note",
  "caseReference",
  "representativeName",
  "tasks",
  "extensionReason",
  "contactEmail",
  "contactPhone",
] as const;
export type PersonalPlacementField = (typeof PERSONAL_PLACEMENT_FIELDS)[number];

/** The placement's personal fields as anonymisation leaves them: the contact person (a required text) empty, the rest nothing. */
export const CLEARED_PLACEMENT_FIELDS = Object.fromEntries(PERSONAL_PLACEMENT_FIELDS.map((f) => [f, f === "contactPerson" ? "" : null])) as {
  contactPerson: "";
} & Record<Exclude<PersonalPlacementField, "contactPerson">, null>;

/** A support request's free-text fields as anonymisation leaves them: nothing. */
export const CLEARED_SUPPORT_REQUEST_FIELDS = Object.fromEntries(PERSONAL_SUPPORT_REQUEST_FIELDS.map((f) => [f, null])) as Record<
  (typeof PERSONAL_SUPPORT_REQUEST_FIELDS)[number],
  null
>;
