// The schemes a company can use to take someone in, the parts of each scheme's card, and the
// words a person may type for one ("igu", "løntilskud", "apprentice" …).
import { normaliseText } from "../../kernel/text.js";

export const SCHEMES = ["praktik", "loentilskud", "igu", "ordinaer", "laerling", "mentor", "tolk", "fleksjob"] as const;
export type Scheme = (typeof SCHEMES)[number];

/** What a card says, in this order: what the company may do, for whom, how long, money, duties, how to start. */
export const SCHEME_SECTIONS = ["what", "who", "duration", "money", "duties", "start"] as const;
export type SchemeSection = (typeof SCHEME_SECTIONS)[number];

const ALIASES: Record<Scheme, readonly string[]> = {
  praktik: ["praktik", "virksomhedspraktik", "placement", "work-placement"],
  loentilskud: ["loentilskud", "løntilskud", "lontilskud", "wage-subsidy", "subsidy"],
  igu: ["igu", "integrationsgrunduddannelse"],
  ordinaer: ["ordinaer", "ordinær", "ordinaer-ansaettelse", "ansættelse", "ordinary", "job"],
  laerling: ["laerling", "lærling", "elev", "læreplads", "apprentice", "apprenticeship"],
  mentor: ["mentor", "virksomhedsmentor"],
  tolk: ["tolk", "interpreter"],
  fleksjob: ["fleksjob", "flexjob", "flex-job"],
};

// A Map, not an object: a typed word such as "__proto__" must find nothing.
const BY_WORD = new Map<string, Scheme>(SCHEMES.flatMap((scheme) => ALIASES[scheme].map((word) => [word, scheme] as const)));

/** The scheme a typed word names, or undefined. */
export function schemeFromWord(word: string | undefined): Scheme | undefined {
  if (!word) return undefined;
  return BY_WORD.get(normaliseText(word).trim().toLowerCase());
}

export function isScheme(value: string | undefined): value is Scheme {
  return value !== undefined && (SCHEMES as readonly string[]).includes(value);
}
