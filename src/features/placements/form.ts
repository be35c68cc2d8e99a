// The placement form: its fields are keyed by the contract's ids and show the contract's limits.
import type { Locale } from "../../kernel/actor.js";
import { type FieldErrors, type FormField, type FormValues, type FormView, partnershipChoices, personalDataCheckField } from "../../kernel/form.js";
import { EMPLOYER_SECTORS, labelIn, NEEDS } from "../../kernel/records.js";
import { SECTORS } from "../../kernel/sectors.js";
import type { Translate } from "../../kernel/translate.js";
import { needsWorkplace, PRAKTIK_PURPOSES, ruleKindOf, ruleSetOn } from "../placement-rules/index.js";
import { REGISTER_PLACEMENT_LIMITS as L, type TRegisterPlacementInput } from "./contract.js";
import type { PlacementFormContext } from "./open-placement-form.js";

export const PLACEMENT_FORM_ID = "placement.new";

/** A field of this form: its id is one of the contract's keys. */
type Field = FormField & { id: keyof TRegisterPlacementInput };

/** The form's fields for this person, labels in their language. */
function placementFormFields(context: PlacementFormContext, t: Translate, locale: Locale, today: string): Field[] {
  const orgLabel = (o: { name: string }) => o.name;
  const typeLabel = (ty: PlacementFormContext["types"][number]) => {
    const label = labelIn(ty, locale);
    return ty.defaultWeeks ? t("placement:form.type_option_weeks", { label, weeks: ty.defaultWeeks }) : label;
  };

  const organisationField: Field = context.fixedOrganisation
    ? { kind: "static", id: "organisationId", label: t("placement:form.organisation"), required: false, text: context.fixedOrganisation.name }
    : {
        kind: "select",
        id: "organisationId",
        label: t("placement:form.organisation"),
        required: true,
        placeholder: t("placement:form.organisation_placeholder"),
        ...partnershipChoices(context.partnerships, context.organisations, orgLabel),
      };

  return [
    organisationField,
    { kind: "text", id: "companyName", label: t("placement:form.company_name"), required: true, maxLength: L.companyName },
    {
      kind: "text",
      id: "cvr",
      label: t("placement:form.cvr"),
      hint: t("placement:form.cvr_hint"),
      required: true,
      maxLength: L.cvr,
      // An example that itself passes the modulus-11 check.
      placeholder: "12345674",
    },
    {
      kind: "text",
      id: "pNumber",
      label: t("rules:form.p_number"),
      hint: t("rules:form.p_number_hint"),
      required: false,
      maxLength: L.pNumber,
      placeholder: "1012345678",
    },
    {
      kind: "number",
      id: "ordinaryEmployees",
      label: t("rules:form.ordinary_employees"),
      hint: t("rules:form.ordinary_employees_hint"),
      required: false,
      min: L.employeesMin,
      max: L.employeesMax,
    },
    {
      kind: "radio",
      id: "employerSector",
      label: t("placement:form.employer_sector"),
      required: true,
      options: EMPLOYER_SECTORS.map((s) => ({ value: s, label: t(`placement:employer_sector.${s}`) })),
    },
    {
      kind: "select",
      id: "sector",
      label: t("placement:form.sector"),
      required: true,
      placeholder: t("placement:form.sector_placeholder"),
      options: SECTORS.map((s) => ({ value: s, label: t(`placement:sectors.${s}`) })),
    },
    {
      kind: "radio",
      id: "shortageSector",
      label: t("placement:form.shortage_sector"),
      hint: t("placement:form.shortage_sector_hint"),
      required: true,
      options: [
        { value: "yes", label: t("common:yes") },
        { value: "no", label: t("common:no") },
      ],
    },
    {
      kind: "select",
      id: "typeId",
      label: t("placement:form.type"),
      required: true,
      placeholder: t("placement:form.type_placeholder"),
      ...partnershipChoices(context.partnerships, context.types, typeLabel),
    },
    {
      kind: "text",
      id: "caseReference",
      label: t("privacy:form.case_reference"),
      hint: t("privacy:form.case_reference_hint"),
      required: false,
      maxLength: L.caseReference,
    },
    {
      kind: "number",
      id: "places",
      label: t("placement:form.places"),
      required: true,
      min: L.placesMin,
      max: L.placesMax,
    },
    { kind: "date", id: "startDate", label: t("placement:form.start_date"), required: true },
    {
      kind: "number",
      id: "weeks",
      label: t("placement:form.weeks"),
      hint: t("placement:form.weeks_hint"),
      required: false,
      min: L.weeksMin,
      max: L.weeksMax,
    },
    {
      kind: "number",
      id: "hoursPerWeek",
      label: t("rules:form.hours_per_week"),
      hint: t("rules:form.hours_per_week_hint"),
      required: false,
      min: L.hoursMin,
      max: L.hoursMax,
    },
    {
      kind: "select",
      id: "benefitGroup",
      label: t("rules:form.benefit_group"),
      hint: t("rules:form.benefit_group_hint"),
      required: false,
      placeholder: t("rules:form.benefit_group_placeholder"),
      // The target groups are data: those of the rule set in force today.
      options: ruleSetOn(today).groups.map((g) => ({ value: g.key, label: t(g.label) })),
    },
    {
      kind: "radio",
      id: "purpose",
      label: t("rules:form.purpose"),
      required: false,
      options: PRAKTIK_PURPOSES.map((p) => ({ value: p, label: t(`rules:purposes.${p}`) })),
    },
    {
      kind: "text",
      id: "contactPerson",
      label: t("placement:form.contact_person"),
      hint: t("placement:form.contact_person_hint"),
      required: true,
      maxLength: L.contactPerson,
    },
    {
      kind: "text",
      id: "representativeName",
      label: t("rules:form.representative_name"),
      hint: t("rules:form.representative_name_hint"),
      required: false,
      maxLength: L.representativeName,
    },
    {
      kind: "radio",
      id: "representativeConfirmed",
      label: t("rules:form.representative_confirmed"),
      required: false,
      options: [
        { value: "yes", label: t("common:yes") },
        { value: "no", label: t("common:no") },
      ],
    },
    {
      kind: "checkboxes",
      id: "needs",
      label: t("placement:form.needs"),
      required: false,
      options: NEEDS.map((n) => ({ value: n, label: t(`placement:needs.${n}`) })),
    },
    {
      kind: "text",
      id: "note",
      label: t("placement:form.note"),
      hint: t("placement:form.note_hint", { max: L.note }),
      required: false,
      maxLength: L.note,
      multiline: true,
    },
    personalDataCheckField(t),
    ...(context.canExemptFromRatio
      ? [
          {
            kind: "text",
            id: "ratioExemptionReason",
            label: t("rules:form.ratio_exemption"),
            hint: t("rules:form.ratio_exemption_hint"),
            required: false,
            maxLength: L.ratioExemptionReason,
            multiline: true,
          } satisfies Field,
        ]
      : []),
  ];
}

/**
 * Once a type is chosen (the form shown again after a submit), the fields its rules require
 * carry the `*` too, and are checked with the others in the same pass: the workplace's P-nummer
 * for types under the ratio rule, the target group and purpose of a virksomhedspraktik.
 */
function markRequiredForType(fields: Field[], context: PlacementFormContext, typeId: string | string[] | undefined): Field[] {
  const type = typeof typeId === "string" ? context.types.find((ty) => ty.id === typeId) : undefined;
  if (!type) return fields;
  const required = new Set<string>();
  if (needsWorkplace(type)) required.add("pNumber");
  if (ruleKindOf(type.key) === "praktik") {
    required.add("benefitGroup");
    required.add("purpose");
  }
  return fields.map((field) => (required.has(field.id) ? ({ ...field, required: true } as Field) : field));
}

export function placementFormView(args: {
  context: PlacementFormContext;
  t: Translate;
  locale: Locale;
  nonce: string;
  today: string;
  values?: FormValues;
  errors?: FieldErrors;
}): FormView {
  const { context, t, locale } = args;
  const organisation = context.fixedOrganisation?.id ?? (context.organisations.length === 1 ? context.organisations[0]!.id : undefined);
  const defaults: FormValues = {
    ...(organisation ? { organisationId: organisation } : {}),
    places: "1",
    startDate: args.today,
    employerSector: "private",
  };
  return {
    formId: PLACEMENT_FORM_ID,
    title: t("placement:form.title"),
    submitLabel: t("placement:form.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("placement:form.intro"),
    fields: markRequiredForType(placementFormFields(context, t, locale, args.today), context, args.values?.typeId),
    values: { ...defaults, ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: context.fixedOrganisation ? { organisation: context.fixedOrganisation.id } : {},
  };
}
