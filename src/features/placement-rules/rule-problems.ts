import type { Locale } from "../../kernel/actor.js";
import { formatDate, isRealIsoDate } from "../../kernel/dates.js";
import type { FieldProblems } from "../placements/register-placement.js";
import type { FieldErrors } from "../../kernel/form.js";
import type { Translate } from "../../kernel/translate.js";

/** A rule's numbers as people read them: dates in words, fractions with one decimal in their language. */
export function formatRuleVars(vars: Record<string, unknown> | undefined, locale: Locale): Record<string, unknown> | undefined {
  if (!vars) return vars;
  const number = new Intl.NumberFormat(locale === "da" ? "da-DK" : "en-GB", { maximumFractionDigits: 1 });
  return Object.fromEntries(
    Object.entries(vars).map(([k, v]) => {
      if (typeof v === "string" && isRealIsoDate(v)) return [k, formatDate(v, locale)];
      if (typeof v === "number" && !Number.isInteger(v)) return [k, number.format(v)];
      return [k, v];
    }),
  );
}

/** Domain problems as translated messages at the form's fields, with dates and numbers formatted. */
export function translateRuleProblems(problems: FieldProblems, t: Translate, locale: Locale, rename: Record<string, string> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, problem] of Object.entries(problems)) {
    if (problem) errors[rename[field] ?? field] = t(problem.key, formatRuleVars(problem.vars, locale));
  }
  return errors;
}
