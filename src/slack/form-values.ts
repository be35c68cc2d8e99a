// view.state.values → FormValues. Each input block's block_id is the field id, and each
// element type keeps its value in its own property. Multi-choice elements always give a list,
// every other element a single text; an input left empty gives no value at all.
import type { FormValues } from "../kernel/form.js";
import type { TStateValue } from "./payloads.js";

export function formValuesFromState(state: Record<string, Record<string, TStateValue>>): FormValues {
  const values: FormValues = {};
  for (const [blockId, actions] of Object.entries(state)) {
    // A block_id that would reach the object's prototype is not one of ours.
    if (blockId === "__proto__") continue;
    const input = Object.values(actions)[0];
    const value = input ? inputValue(input) : undefined;
    if (value !== undefined) values[blockId] = value;
  }
  return values;
}

function inputValue(input: TStateValue): string | string[] | undefined {
  switch (input.type) {
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return input.selected_option?.value ?? undefined;
    case "checkboxes":
    case "multi_static_select":
    case "multi_external_select":
      return (input.selected_options ?? []).map((o) => o.value).filter((v) => v !== "");
    case "datepicker":
      return input.selected_date ?? undefined;
    case "users_select":
      return input.selected_user ?? undefined;
    case "multi_users_select":
      return (input.selected_users ?? []).filter((v) => v !== "");
    default:
      // plain_text_input, number_input, email_text_input, url_text_input
      return input.value ?? undefined;
  }
}
