// One form for every kind of support request; the fields that do not fit a kind are left out.
// The kind travels in the form's state, so the same schema reads all of them.
import type { Locale } from "../../kernel/actor.js";
import { formatDate } from "../../kernel/dates.js";
import { type FieldErrors, type FormField, type FormValues, type FormView, personalDataCheckField } from "../../kernel/form.js";
import { labelIn } from "../../kernel/records.js";
import type { Translate } from "../../kernel/translate.js";
import { SUPPORT_LIMITS, type TRequestSupportInput } from "./contract.js";
import type { SupportFormContext } from "./request-support.js";
import type { SupportKind } from "./store.js";
import { DECLINE_REASON_MAX } from "./transition-support-request.js";

export const SUPPORT_FORM_ID = "support.request";
export const DECLINE_FORM_ID = "support.decline";

/** A field of the support form: its id is one of the contract's keys. */
type Field = FormField & { id: keyof TRequestSupportInput };

function supportFormFields(context: SupportFormContext, t: Translate, locale: Locale): Field[] {
  const { kind } = context;
  const fields: Field[] = [];
  // Without current placements the request is for a company; an empty choice only confuses.
  if (context.placements.length > 0)
    fields.push({
      kind: "select",
      id: "placementId",
      label: t("support:form.placement"),
      hint: t("support:form.placement_hint"),
      required: false,
      placeholder: t("support:form.placement_placeholder"),
      options: context.placements.map((p) => ({
        value: p.id,
        label: `${p.company.name} · ${labelIn(p.type, locale)} · ${formatDate(p.startDate, locale)}${context.fixedOrganisation ? "" : ` · ${p.organisationName}`}`,
      })),
    });
  if (!context.fixedOrganisation) {
    fields.push({
      kind: "select",
      id: "organisationId",
      label: t("support:form.organisation"),
      hint: t("support:form.organisation_hint"),
      required: false,
      placeholder: t("placement:form.organisation_placeholder"),
      options: context.organisations.map((o) => ({ value: o.id, label: o.name })),
    });
  }
  fields.push(
    { kind: "text", id: "companyName", label: t("support:form.company_name"), required: false, maxLength: SUPPORT_LIMITS.companyName },
    { kind: "text", id: "cvr", label: t("placement:form.cvr"), hint: t("placement:form.cvr_hint"), required: false, maxLength: SUPPORT_LIMITS.cvr },
    {
      kind: "date",
      id: "wantedOn",
      label: t("support:form.wanted_on"),
      ...(kind === "visit" ? { hint: t("support:form.earliest_visit", { date: formatDate(context.earliestVisit, locale) }) } : {}),
      required: false,
    },
    {
      kind: "text",
      id: "timeWindow",
      label: t("support:form.time_window"),
      hint: t("support:form.time_window_hint"),
      required: false,
      maxLength: SUPPORT_LIMITS.timeWindow,
      placeholder: "09:00-12:00",
    },
  );
  if (kind === "interpreter") {
    fields.push({ kind: "text", id: "language", label: t("support:form.language"), required: true, maxLength: SUPPORT_LIMITS.language });
  }
  if (kind === "mentor") {
    fields.push(
      {
        kind: "number",
        id: "hoursPerWeek",
        label: t("support:form.hours_per_week"),
        hint: t("support:form.hours_hint"),
        required: true,
        min: SUPPORT_LIMITS.hoursMin,
        max: SUPPORT_LIMITS.hoursMax,
      },
      { kind: "number", id: "weeks", label: t("support:form.weeks"), required: true, min: SUPPORT_LIMITS.weeksMin, max: SUPPORT_LIMITS.weeksMax },
    );
  }
  fields.push({
    kind: "text",
    id: "note",
    label: t("support:form.note"),
    hint: t("support:form.note_hint"),
    required: false,
    maxLength: SUPPORT_LIMITS.note,
    multiline: true,
  });
  fields.push(personalDataCheckField(t));
  return fields;
}

export function supportFormView(args: {
  context: SupportFormContext;
  t: Translate;
  locale: Locale;
  nonce: string;
  values?: FormValues;
  errors?: FieldErrors;
}): FormView {
  const { context, t, locale } = args;
  const kind: SupportKind = context.kind;
  const defaults: FormValues = {
    ...(context.placementId ? { placementId: context.placementId } : {}),
    ...(kind === "visit" ? { wantedOn: context.earliestVisit } : {}),
    ...(kind === "mentor" ? { hoursPerWeek: "2", weeks: "13" } : {}),
  };
  return {
    formId: SUPPORT_FORM_ID,
    title: t(`support:form.title.${kind}`),
    submitLabel: t("support:form.submit"),
    cancelLabel: t("common:cancel"),
    intro: t(`support:form.intro.${kind}`),
    fields: supportFormFields(context, t, locale),
    values: { ...defaults, ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: { kind },
  };
}

export function declineFormView(args: { requestId: string; t: Translate; nonce: string; values?: FormValues; errors?: FieldErrors }): FormView {
  const { t } = args;
  return {
    formId: DECLINE_FORM_ID,
    title: t("support:decline.title"),
    submitLabel: t("support:decline.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("support:decline.intro"),
    fields: [{ kind: "text", id: "reason", label: t("support:decline.reason"), required: true, maxLength: DECLINE_REASON_MAX, multiline: true }],
    values: { ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: { request: args.requestId },
  };
}
