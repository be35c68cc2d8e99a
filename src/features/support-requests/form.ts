// One form for every kind of support request; the fields that do not fit a kind are left out.
// The kind travels in the form's state, so the same schema reads all of them.
import { z } from "zod";
import type { Locale } from "../../kernel/actor.js";
import { formatDate } from "../../kernel/dates.js";
import { labelIn } from "../../kernel/records.js";
import type { SupportFormContext } from "./request-support.js";
import { DECLINE_REASON_MAX } from "./transition-support-request.js";
import { SUPPORT_KINDS, type SupportKind } from "./store.js";
import type { Translate } from "../../kernel/translate.js";
import { zChoice, zOptionalInteger, zOptionalText, zRequiredText } from "../../kernel/fields.js";
import type { FieldErrors, FormField, FormValues, FormView } from "../../kernel/form.js";

export const SUPPORT_FORM_ID = "support.request";
export const DECLINE_FORM_ID = "support.decline";

export const SUPPORT_LIMITS = { companyName: 120, language: 60, note: 500, timeWindow: 11, hoursMax: 37, weeksMax: 52 } as const;

const optionalId = z.preprocess((v) => {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" && first.trim() !== "" ? first.trim() : undefined;
}, z.string().optional());

const optionalDate = z.preprocess(
  (v) => {
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === "string" && first.trim() !== "" ? first.trim() : undefined;
  },
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "form:errors.invalid_date" }).optional(),
);

const timeWindow = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v.trim().replace(/\s+/g, "").replace(/[.]/g, ":").replace(/[–—]/g, "-") : undefined),
  z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d-([01]?\d|2[0-3]):[0-5]\d$/, { error: "support:errors.time_window" })
    .optional(),
);

/** The support form's submission, as both platforms deliver it (plus the kind from its state). */
export const ZSupportSubmissionSchema = z
  .object({
    kind: zChoice(SUPPORT_KINDS),
    placement: optionalId,
    organisation: optionalId,
    companyName: zOptionalText(SUPPORT_LIMITS.companyName),
    cvr: zOptionalText(12),
    wantedOn: optionalDate,
    timeWindow,
    language: zOptionalText(SUPPORT_LIMITS.language),
    hoursPerWeek: zOptionalInteger(1, SUPPORT_LIMITS.hoursMax),
    weeks: zOptionalInteger(1, SUPPORT_LIMITS.weeksMax),
    note: zOptionalText(SUPPORT_LIMITS.note),
  })
  .superRefine((v, ctx) => {
    const required = (path: string) => ctx.addIssue({ code: "custom", path: [path], message: "form:errors.required" });
    if (!v.placement && !v.companyName) ctx.addIssue({ code: "custom", path: ["companyName"], message: "support:errors.placement_or_company" });
    if (v.kind === "interpreter" && !v.language) required("language");
    if (v.kind === "mentor" && v.hoursPerWeek === undefined) required("hoursPerWeek");
    if (v.kind === "mentor" && v.weeks === undefined) required("weeks");
  });
export type TSupportSubmission = z.infer<typeof ZSupportSubmissionSchema>;

export const ZDeclineSubmissionSchema = z.object({ reason: zRequiredText(DECLINE_REASON_MAX) });

export function supportFormFields(context: SupportFormContext, t: Translate, locale: Locale): FormField[] {
  const { kind } = context;
  const fields: FormField[] = [];
  // Without current placements the request is for a company; an empty choice only confuses.
  if (context.placements.length > 0) fields.push({
    kind: "select",
    id: "placement",
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
      id: "organisation",
      label: t("support:form.organisation"),
      hint: t("support:form.organisation_hint"),
      required: false,
      placeholder: t("placement:form.organisation_placeholder"),
      options: context.organisations.map((o) => ({ value: o.id, label: o.name })),
    });
  }
  fields.push(
    { kind: "text", id: "companyName", label: t("support:form.company_name"), required: false, maxLength: SUPPORT_LIMITS.companyName },
    { kind: "text", id: "cvr", label: t("placement:form.cvr"), hint: t("placement:form.cvr_hint"), required: false, maxLength: 12 },
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
      { kind: "number", id: "hoursPerWeek", label: t("support:form.hours_per_week"), hint: t("support:form.hours_hint"), required: true, min: 1, max: SUPPORT_LIMITS.hoursMax },
      { kind: "number", id: "weeks", label: t("support:form.weeks"), required: true, min: 1, max: SUPPORT_LIMITS.weeksMax },
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
    ...(context.placementId ? { placement: context.placementId } : {}),
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
