// Platform-free forms. A form is described once (fields, options, labels already translated)
// and rendered by src/slack/render/modal.ts to a Block Kit modal and by
// src/teams/render/form-card.ts to an Adaptive Card. Both platforms hand back what the person
// entered as FormValues, parsed by kernel/submit-form.ts through the form's contract: one zod
// schema per form (features/<feature>/contract.ts) whose keys are the fields' ids.
import type { z } from "zod";
import type { Translate } from "./translate.js";

export type FormOption = { value: string; label: string };
export type FormOptionGroup = { label: string; options: FormOption[] };

/**
 * A select's choices of things that belong to a partnership (organisations, placement types).
 * With several partnerships, platforms that group options (Slack) show plain labels under a
 * partnership heading; the flat list (Teams) names the partnership in each label.
 */
export function partnershipChoices<T extends { id: string; partnershipId: string }>(
  partnerships: readonly { id: string; name: string }[],
  items: readonly T[],
  plainLabel: (item: T) => string,
): { options: FormOption[]; groups: FormOptionGroup[] | undefined } {
  const several = partnerships.length > 1;
  const partnershipName = (id: string) => partnerships.find((p) => p.id === id)?.name ?? "";
  return {
    options: items.map((i) => ({ value: i.id, label: several ? `${plainLabel(i)} (${partnershipName(i.partnershipId)})` : plainLabel(i) })),
    groups: several
      ? partnerships
          .map((p) => ({ label: p.name, options: items.filter((i) => i.partnershipId === p.id).map((i) => ({ value: i.id, label: plainLabel(i) })) }))
          .filter((g) => g.options.length > 0)
      : undefined,
  };
}

type FieldBase = {
  id: string;
  label: string;
  hint?: string;
  required: boolean;
};

export type FormField =
  | (FieldBase & { kind: "text"; maxLength: number; multiline?: boolean; placeholder?: string })
  | (FieldBase & { kind: "number"; min: number; max: number; placeholder?: string })
  | (FieldBase & { kind: "date" })
  | (FieldBase & { kind: "select"; options: FormOption[]; groups?: FormOptionGroup[]; placeholder?: string })
  | (FieldBase & { kind: "radio"; options: FormOption[] })
  | (FieldBase & { kind: "checkboxes"; options: FormOption[] })
  /** A chat user: Slack's user picker; in Teams a choice of people the bot has met, or an id typed in. */
  | (FieldBase & { kind: "user"; options: FormOption[]; placeholder?: string; typedPlaceholder?: string })
  /** Read-only text, e.g. the organisation a partner contact registers for. */
  | (Omit<FieldBase, "required"> & { kind: "static"; required: false; text: string });

/**
 * What a person entered, keyed by field id, as both adapters deliver it: a multi-choice field
 * (checkboxes, multi-select) always as a list, every other field as text; a field left empty
 * may be missing.
 */
export type FormValues = Record<string, string | string[]>;

/** Per-field messages, already translated, keyed by field id. */
export type FieldErrors = Record<string, string>;

export type FormView = {
  /** Which form this is (the callback / verb both platforms route on). */
  formId: string;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  /** A line above the fields. */
  intro?: string;
  fields: FormField[];
  /** Values to show: defaults on first open, what the person typed on a re-render. */
  values: FormValues;
  errors: FieldErrors;
  /** One submission's identity; a resubmitted form carries the same nonce. */
  nonce: string;
  /** Small routing state carried through the platform (≤ a few hundred bytes). */
  state: Record<string, string>;
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Runs raw form values through a form's zod schema. Schema messages are i18n keys
 * (e.g. "form:errors.required"); each becomes a translated message at its field, with the
 * field's own limits (min, max, maxLength) available to the message.
 */
export function parseForm<S extends z.ZodType>(schema: S, fields: readonly FormField[], values: FormValues, t: Translate): ParseResult<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const fieldId = String(issue.path[0] ?? "");
    if (errors[fieldId]) continue;
    const field = fields.find((f) => f.id === fieldId);
    const key = issue.message.includes(":") ? issue.message : "form:errors.invalid";
    errors[fieldId] = t(key, fieldLimits(field));
  }
  return { ok: false, errors };
}

function fieldLimits(field: FormField | undefined): Record<string, unknown> {
  if (!field) return {};
  if (field.kind === "text") return { max: field.maxLength };
  if (field.kind === "number") return { min: field.min, max: field.max };
  return {};
}

/** The "I have checked" box beside free text that may hold special-category data (GDPR art. 9); its value is the contract's `personalDataChecked`. */
export function personalDataCheckField(t: Translate): Extract<FormField, { kind: "checkboxes" }> & { id: "personalDataChecked" } {
  return {
    kind: "checkboxes",
    id: "personalDataChecked",
    label: t("privacy:form.checked_label"),
    required: false,
    options: [{ value: "checked", label: t("privacy:form.checked_option") }],
  };
}
