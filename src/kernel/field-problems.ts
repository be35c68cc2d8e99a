import type { FieldProblems } from "../features/placements/register-placement.js";
import type { FieldErrors } from "./form.js";
import type { Translate } from "../i18n/index.js";

/** Domain problems (i18n keys by domain field name) as translated messages at the form's fields. */
export function translateProblems(problems: FieldProblems, t: Translate, rename: Record<string, string> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, problem] of Object.entries(problems)) {
    if (problem) errors[rename[field] ?? field] = t(problem.key, problem.vars);
  }
  return errors;
}
