// The contracts of the two secretariat forms: a scheme's wording in one language, and the
// partnership's links. Each schema's output is its use case's input; its keys are the form's field ids.
import { z } from "zod";
import { LOCALES } from "../../kernel/actor.js";
import { zChoice, zOptionalText } from "../../kernel/fields.js";
import { SCHEMES } from "./schemes.js";

export const SCHEME_LIMITS = { section: 600, name: 80, url: 300 } as const;

const section = () => zOptionalText(SCHEME_LIMITS.section);

/** One scheme's wording in one language; an empty section falls back to the default text. */
export const ZEditSchemeTextInput = z.object({
  scheme: zChoice(SCHEMES),
  locale: zChoice(LOCALES),
  what: section(),
  who: section(),
  duration: section(),
  money: section(),
  duties: section(),
  start: section(),
});
export type TEditSchemeTextInput = z.output<typeof ZEditSchemeTextInput>;

/** An https address only: a card's link must not run script or point at a file on someone's disk. */
const optionalUrl = () =>
  zOptionalText(SCHEME_LIMITS.url).refine((v) => v === undefined || (URL.canParse(v) && new URL(v).protocol === "https:"), {
    error: "schemes:errors.url",
  });

export const ZSchemeLinksInput = z.object({
  municipalityUrl: optionalUrl(),
  entryPointName: zOptionalText(SCHEME_LIMITS.name),
  entryPointUrl: optionalUrl(),
});
export type TSchemeLinksInput = z.output<typeof ZSchemeLinksInput>;
