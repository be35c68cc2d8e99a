// What a use case found wrong at a field, keyed by the contract's field ids (which are the form's
// field ids, so a problem lands at its field without a rename), and its translation.
import type { Locale } from "./actor.js";
import { formatDate, isRealIsoDate } from "./dates.js";
import type { FieldErrors } from "./form.js";
import { formatDecimal, type Translate } from "./translate.js";

/** A rule broken at one field: an i18n key and what the message needs. */
export type FieldProblem = { key: string; vars?: Record<string, unknown> };
export type FieldProblems = Partial<Record<string, FieldProblem>>;

/** A message's numbers as people read them: dates in words, fractions with one decimal in their language. */
function formatProblemVars(vars: Record<string, unknown> | undefined, locale: Locale): Record<string, unknown> | undefined {
  if (!vars) return vars;
  return Object.fromEntries(
    Object.entries(vars).map(([k, v]) => {
      if (typeof v === "string" && isRealIsoDate(v)) return [k, formatDate(v, locale)];
      if (typeof v === "number" && !Number.isInteger(v)) return [k, formatDecimal(v, locale)];
      return [k, v];
    }),
  );
}

/** Use-case problems as translated messages at the form's fields. */
export function translateProblems(problems: FieldProblems, t: Translate, locale: Locale): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, problem] of Object.entries(problems)) {
    if (problem) errors[field] = t(problem.key, formatProblemVars(problem.vars, locale));
  }
  return errors;
}
