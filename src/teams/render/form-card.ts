// FormView → Adaptive Card 1.5. Each field becomes one input with its label; hints are subtle
// text; a field's error stands in red right under it (Teams clients do not show errorMessage
// for server-side errors, so both are set). The submit button is an Action.Execute whose verb
// is the form id and whose data carries the nonce, the routing state and the ids of the
// multi-choice inputs back.
import type {
  CardElementArray,
  IAdaptiveCard,
  IChoice,
  IChoiceSetInput,
  IDateInput,
  IExecuteAction,
  INumberInput,
  ITextBlock,
  ITextInput,
} from "@microsoft/teams.cards";
import type { FormField, FormOption, FormView } from "../../kernel/form.js";
import { TYPED_INPUT_SUFFIX } from "../form-values.js";
import { ACTION_DATA_KEYS } from "../payloads.js";
import { CARD_SCHEMA, CARD_VERSION, inertMentions } from "./card.js";

export type FormCardText = {
  /** Above the fields when any field has an error ("Ret de markerede felter …"). */
  errorSummary?: string;
  /** What a client that checks required inputs itself shows at an empty one. */
  requiredMessage?: string;
};

type Element = CardElementArray[number];

export function formCard(form: FormView, text: FormCardText = {}): IAdaptiveCard {
  const body: CardElementArray = [{ type: "TextBlock", text: form.title, size: "Large", weight: "Bolder", wrap: true, style: "heading" }];
  if (form.intro) body.push({ type: "TextBlock", text: form.intro, wrap: true, spacing: "Small" });
  const hasErrors = Object.keys(form.errors).length > 0;
  if (hasErrors && text.errorSummary) body.push(errorBlock(text.errorSummary, "form-errors"));
  for (const field of form.fields) body.push(...fieldElements(field, form, text));

  // A multi-select ChoiceSet answers "a,b"; the ids of those inputs travel with the data so the
  // adapter can hand them on as lists.
  const multiChoice = form.fields.filter((field) => field.kind === "checkboxes").map((field) => field.id);
  const data = {
    [ACTION_DATA_KEYS.verb]: form.formId,
    [ACTION_DATA_KEYS.nonce]: form.nonce,
    [ACTION_DATA_KEYS.state]: form.state,
    ...(multiChoice.length > 0 ? { [ACTION_DATA_KEYS.multiChoice]: multiChoice } : {}),
  };
  const submit: IExecuteAction = {
    type: "Action.Execute",
    title: form.submitLabel,
    verb: form.formId,
    data,
    style: "positive",
    associatedInputs: "auto",
    fallback: { type: "Action.Submit", title: form.submitLabel, data, associatedInputs: "auto" },
  };
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    fallbackText: form.title,
    msteams: { width: "full" },
    body,
    actions: [submit],
  };
}

function fieldElements(field: FormField, form: FormView, text: FormCardText): Element[] {
  const error = form.errors[field.id];
  const common = {
    id: field.id,
    label: field.label,
    isRequired: field.required,
    ...(error ? { errorMessage: error } : field.required && text.requiredMessage ? { errorMessage: text.requiredMessage } : {}),
  };
  const value = form.values[field.id];
  const single = Array.isArray(value) ? value[0] : value;
  const elements: Element[] = [];
  let hintShown = false;

  switch (field.kind) {
    case "static":
      elements.push(
        { type: "TextBlock", text: field.label, weight: "Bolder", wrap: true, spacing: "Medium" },
        { type: "TextBlock", text: inertMentions(field.text), wrap: true, spacing: "Small" },
      );
      break;
    case "text": {
      const input: ITextInput = { type: "Input.Text", ...common, maxLength: field.maxLength };
      if (field.multiline) input.isMultiline = true;
      if (field.placeholder) input.placeholder = field.placeholder;
      if (single !== undefined && single !== "") input.value = single;
      elements.push(input);
      break;
    }
    case "number": {
      const input: INumberInput = { type: "Input.Number", ...common, min: field.min, max: field.max };
      if (field.placeholder) input.placeholder = field.placeholder;
      const number = single === undefined || single.trim() === "" ? Number.NaN : Number(single.trim().replace(",", "."));
      if (Number.isFinite(number)) input.value = number;
      elements.push(input);
      break;
    }
    case "date": {
      const input: IDateInput = { type: "Input.Date", ...common };
      if (single !== undefined && single !== "") input.value = single;
      elements.push(input);
      break;
    }
    case "select":
      elements.push(choiceSet(common, field.options, "compact", single, field.placeholder));
      break;
    case "radio":
      elements.push(choiceSet(common, field.options, "expanded", single));
      break;
    case "checkboxes": {
      const list = Array.isArray(value) ? value.join(",") : value;
      elements.push({ ...choiceSet(common, field.options, "expanded", list), isMultiSelect: true });
      break;
    }
    case "user": {
      const user = userElements(field, common, single, error);
      elements.push(...user.elements);
      hintShown = user.hintShown;
      break;
    }
  }

  if (error) elements.push(errorBlock(error, `${field.id}-error`));
  if (field.hint && !hintShown) elements.push(hintBlock(field.hint));
  return elements;
}

type Common = { id: string; label: string; isRequired: boolean; errorMessage?: string };

function choiceSet(common: Common, options: FormOption[], style: "compact" | "expanded", value: string | undefined, placeholder?: string): IChoiceSetInput {
  const input: IChoiceSetInput = { type: "Input.ChoiceSet", ...common, style, choices: options.map(choice), wrap: true };
  if (placeholder) input.placeholder = placeholder;
  if (value !== undefined && value !== "") input.value = value;
  return input;
}

function choice(option: FormOption): IChoice {
  return { title: option.label, value: option.value };
}

/**
 * Teams has no user picker that works everywhere (the Graph people picker needs SSO and does
 * not run in the Agents Playground): people the bot has met are a choice, and anyone else's id
 * can be typed. The typed id wins when both are filled.
 */
function userElements(
  field: Extract<FormField, { kind: "user" }>,
  common: Common,
  value: string | undefined,
  error: string | undefined,
): { elements: Element[]; hintShown: boolean } {
  if (field.options.length === 0) {
    const input: ITextInput = { type: "Input.Text", ...common, maxLength: 200 };
    if (field.placeholder) input.placeholder = field.placeholder;
    if (value) input.value = value;
    return { elements: [input], hintShown: false };
  }
  const known = value !== undefined && field.options.some((o) => o.value === value);
  // Either input may be used, so neither is required on its own; the server checks the pair.
  const select = choiceSet(
    { id: common.id, label: common.label, isRequired: false, ...(error ? { errorMessage: error } : {}) },
    field.options,
    "compact",
    known ? value : undefined,
    field.placeholder,
  );
  const typed: ITextInput = { type: "Input.Text", id: `${field.id}${TYPED_INPUT_SUFFIX}`, maxLength: 200, spacing: "Small" };
  if (field.typedPlaceholder) typed.placeholder = field.typedPlaceholder;
  if (!known && value) typed.value = value;
  // The hint sits between the choice and the free-text input it explains.
  const elements: Element[] = field.hint ? [select, hintBlock(field.hint), typed] : [select, typed];
  return { elements, hintShown: field.hint !== undefined };
}

function hintBlock(text: string): ITextBlock {
  return { type: "TextBlock", text, isSubtle: true, size: "Small", wrap: true, spacing: "Small" };
}

function errorBlock(text: string, id: string): ITextBlock {
  return { type: "TextBlock", id, text, color: "Attention", weight: "Bolder", size: "Small", wrap: true, spacing: "Small" };
}
