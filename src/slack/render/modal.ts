// FormView → Block Kit modal. Every field becomes an input block whose block_id is the field id,
// so Slack's view.state.values and response_action "errors" both speak in field ids.
import type { types } from "@slack/bolt";
import type { FormField, FormOption, FormOptionGroup, FormValues, FormView } from "../../kernel/form.js";
import { encodeModalMetadata } from "../payloads.js";
import { MODAL_LIMITS, OPTION_LIMITS } from "./limits.js";
import { labelled, mrkdwn, plain } from "./text.js";

class SlackRenderError extends Error {
  override name = "SlackRenderError";
}

export function renderModal(form: FormView): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (form.intro) blocks.push({ type: "section", text: mrkdwn(form.intro, MODAL_LIMITS.sectionText) });
  for (const field of form.fields) blocks.push(...renderField(field, form.values, form.errors[field.id]));
  if (blocks.length > MODAL_LIMITS.blocks) {
    throw new SlackRenderError(`form ${form.formId} needs ${blocks.length} blocks; a Slack modal takes ${MODAL_LIMITS.blocks}`);
  }
  if (form.formId.length > MODAL_LIMITS.callbackId) throw new SlackRenderError(`form id ${form.formId} is too long for a callback_id`);
  return {
    type: "modal",
    callback_id: form.formId,
    private_metadata: encodeModalMetadata({ nonce: form.nonce, state: form.state }),
    title: plain(form.title, MODAL_LIMITS.title),
    submit: plain(form.submitLabel, MODAL_LIMITS.button),
    close: plain(form.cancelLabel, MODAL_LIMITS.button),
    blocks,
  };
}

function renderField(field: FormField, values: FormValues, error: string | undefined): types.KnownBlock[] {
  const errorBlocks: types.KnownBlock[] = error ? [{ type: "context", elements: [mrkdwn(`⚠️ ${error}`, MODAL_LIMITS.sectionText)] }] : [];
  if (field.id.length > MODAL_LIMITS.blockId) throw new SlackRenderError(`field id ${field.id} is too long for a block_id`);
  if (field.kind === "static") {
    return [{ type: "section", block_id: field.id, text: labelled(field.label, field.text, MODAL_LIMITS.sectionText) }, ...errorBlocks];
  }
  const element = renderElement(field, values[field.id]);
  if (!element) {
    // Slack rejects a select without options; say there is nothing to choose instead.
    return [{ type: "section", block_id: field.id, text: labelled(field.label, "–", MODAL_LIMITS.sectionText) }, ...errorBlocks];
  }
  const input: types.InputBlock = {
    type: "input",
    block_id: field.id,
    label: plain(field.label, MODAL_LIMITS.label),
    optional: !field.required,
    element,
  };
  if (field.hint) input.hint = plain(field.hint, MODAL_LIMITS.hint);
  return [input, ...errorBlocks];
}

type InputElement = types.InputBlock["element"];

function renderElement(field: Exclude<FormField, { kind: "static" }>, value: FormValues[string] | undefined): InputElement | undefined {
  const action_id = field.id;
  const single = firstValue(value);
  switch (field.kind) {
    case "text": {
      const max_length = Math.min(field.maxLength, MODAL_LIMITS.inputLength);
      return {
        type: "plain_text_input",
        action_id,
        max_length,
        ...(field.multiline ? { multiline: true } : {}),
        ...(single !== undefined && single !== "" ? { initial_value: single.slice(0, max_length) } : {}),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, MODAL_LIMITS.placeholder) } : {}),
      };
    }
    case "number":
      // Plain text rather than number_input: Slack's client would reject "0" or "tre" with its
      // own English message; as text, the value stays and the server's translated message shows.
      return {
        type: "plain_text_input",
        action_id,
        max_length: 12,
        placeholder: plain(field.placeholder ?? `${field.min}–${field.max}`, MODAL_LIMITS.placeholder),
        ...(single !== undefined && single !== "" ? { initial_value: single.slice(0, 12) } : {}),
      };
    case "date":
      return { type: "datepicker", action_id, ...(single && /^\d{4}-\d{2}-\d{2}$/.test(single) ? { initial_date: single } : {}) };
    case "select":
      return staticSelect(action_id, field.options, field.groups, single, field.placeholder);
    case "radio": {
      if (field.options.length > OPTION_LIMITS.choices) return staticSelect(action_id, field.options, undefined, single, undefined);
      if (field.options.length === 0) return undefined;
      const options = field.options.map(option);
      const initial = options.find((o) => o.value === single);
      return { type: "radio_buttons", action_id, options, ...(initial ? { initial_option: initial } : {}) };
    }
    case "checkboxes": {
      const chosen = new Set(listValue(value));
      if (field.options.length === 0) return undefined;
      const options = field.options.slice(0, OPTION_LIMITS.options).map(option);
      const initial = options.filter((o) => chosen.has(o.value ?? ""));
      const initialPart = initial.length > 0 ? { initial_options: initial } : {};
      if (options.length > OPTION_LIMITS.choices) return { type: "multi_static_select", action_id, options, ...initialPart };
      return { type: "checkboxes", action_id, options, ...initialPart };
    }
    case "user":
      // Slack has its own people picker; the form's list of known users is for Teams.
      return {
        type: "users_select",
        action_id,
        ...(single && /^[UW][A-Z0-9]{2,}$/.test(single) ? { initial_user: single } : {}),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, MODAL_LIMITS.placeholder) } : {}),
      };
  }
}

function staticSelect(
  action_id: string,
  flat: FormOption[],
  groups: FormOptionGroup[] | undefined,
  value: string | undefined,
  placeholder: string | undefined,
): types.StaticSelect | undefined {
  const placeholderPart = placeholder ? { placeholder: plain(placeholder, MODAL_LIMITS.placeholder) } : {};
  if (groups && groups.length > 0) {
    const option_groups = groups
      .filter((g) => g.options.length > 0)
      .slice(0, OPTION_LIMITS.groups)
      .map((g) => ({ label: plain(g.label, OPTION_LIMITS.text), options: g.options.slice(0, OPTION_LIMITS.options).map(option) }));
    if (option_groups.length === 0) return undefined;
    const initial = option_groups.flatMap((g) => g.options).find((o) => o.value === value);
    return { type: "static_select", action_id, option_groups, ...(initial ? { initial_option: initial } : {}), ...placeholderPart };
  }
  if (flat.length === 0) return undefined;
  const options = flat.slice(0, OPTION_LIMITS.options).map(option);
  const initial = options.find((o) => o.value === value);
  return { type: "static_select", action_id, options, ...(initial ? { initial_option: initial } : {}), ...placeholderPart };
}

function option(o: FormOption): types.PlainTextOption {
  // A cut value would no longer match what the server offered, so a long one is an error.
  if (o.value.length > OPTION_LIMITS.value) throw new SlackRenderError(`option value ${o.value.slice(0, 20)}… is too long for Slack`);
  return { text: plain(o.label, OPTION_LIMITS.text), value: o.value };
}

function firstValue(value: FormValues[string] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function listValue(value: FormValues[string] | undefined): string[] {
  if (Array.isArray(value)) return value;
  return value ? [value] : [];
}
