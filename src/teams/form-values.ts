// Card action data → FormValues. The client merges each input's value into the action's data,
// all as text: a multi-select Input.ChoiceSet as "a,b". Which inputs are multi-choice the form
// card itself says (its action data carries their ids), so a multi-choice field always becomes
// a list and every other field a single text, as on Slack.
import type { FormValues } from "../kernel/form.js";

/** Suffix of the free-text companion input of a "user" field ("or type the user id"). */
export const TYPED_INPUT_SUFFIX = "__typed";

/**
 * The inputs in a card action's data (routing keys already left out). Numbers and booleans
 * (Input.Number, Input.Toggle) become text; objects, lists at single fields and keys that
 * would reach an object's prototype are ignored. A "user" field's typed companion wins over
 * its choice when it is filled.
 */
export function formValuesFromCardData(inputs: Record<string, unknown>, multiChoice: ReadonlySet<string>): FormValues {
  const values: FormValues = {};
  const typed: Record<string, string> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (key === "__proto__") continue;
    if (key.endsWith(TYPED_INPUT_SUFFIX)) {
      const text = singleValue(value)?.trim();
      if (text) typed[key.slice(0, -TYPED_INPUT_SUFFIX.length)] = text;
      continue;
    }
    const read = multiChoice.has(key) ? listValue(value) : singleValue(value);
    if (read !== undefined) values[key] = read;
  }
  return Object.assign(values, typed);
}

function singleValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return String(value);
  return undefined;
}

/** A multi-select ChoiceSet sends "a,b" ("" when nothing is chosen); a list is taken as it is. */
function listValue(value: unknown): string[] | undefined {
  const parts =
    typeof value === "string" ? value.split(",") : Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;
  return parts?.map((v) => v.trim()).filter((v) => v !== "");
}
