// The secretariat's two forms: one scheme's wording in one language (the scheme and language
// travel in the form's state), and the partnership's links.
import type { Locale } from "../../kernel/actor.js";
import type { FieldErrors, FormField, FormValues, FormView } from "../../kernel/form.js";
import type { Translate } from "../../kernel/translate.js";
import { SCHEME_LIMITS, type TEditSchemeTextInput, type TSchemeLinksInput } from "./contract.js";
import { SCHEME_SECTIONS, type Scheme, type SchemeSection } from "./schemes.js";
import type { SchemeLinks } from "./store.js";

export const SCHEME_TEXT_FORM_ID = "schemes.text";
export const SCHEME_LINKS_FORM_ID = "schemes.links";

type Common = { t: Translate; nonce: string; values?: FormValues; errors?: FieldErrors };

export function schemeTextFormView(
  args: Common & { scheme: Scheme; locale: Locale; current: Record<SchemeSection, string>; partnership: string; schemeName: string },
): FormView {
  const { t } = args;
  const fields: (FormField & { id: keyof TEditSchemeTextInput })[] = SCHEME_SECTIONS.map((s) => ({
    kind: "text",
    id: s,
    label: t(`schemes:sections.${s}`),
    required: false,
    maxLength: SCHEME_LIMITS.section,
    multiline: true,
  }));
  return {
    formId: SCHEME_TEXT_FORM_ID,
    title: t("schemes:edit.title"),
    submitLabel: t("schemes:edit.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("schemes:edit.intro", {
      example: "{{iguBonusKr}}",
      scheme: args.schemeName,
      language: t(`schemes:languages.${args.locale}`),
      partnership: args.partnership,
    }),
    fields,
    values: { ...args.current, ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: { scheme: args.scheme, locale: args.locale },
  };
}

export function schemeLinksFormView(args: Common & { current: SchemeLinks; partnership: string }): FormView {
  const { t, current } = args;
  const fields: (FormField & { id: keyof TSchemeLinksInput })[] = [
    {
      kind: "text",
      id: "municipalityUrl",
      label: t("schemes:links_form.municipality"),
      hint: t("schemes:links_form.url_hint"),
      required: false,
      maxLength: SCHEME_LIMITS.url,
    },
    { kind: "text", id: "entryPointName", label: t("schemes:links_form.entry_point_name"), required: false, maxLength: SCHEME_LIMITS.name },
    {
      kind: "text",
      id: "entryPointUrl",
      label: t("schemes:links_form.entry_point_url"),
      hint: t("schemes:links_form.url_hint"),
      required: false,
      maxLength: SCHEME_LIMITS.url,
    },
  ];
  const defaults: FormValues = Object.fromEntries(Object.entries(current).filter((e): e is [string, string] => e[1] !== null));
  return {
    formId: SCHEME_LINKS_FORM_ID,
    title: t("schemes:links_form.title"),
    submitLabel: t("schemes:edit.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("schemes:links_form.intro", { partnership: args.partnership }),
    fields,
    values: { ...defaults, ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: {},
  };
}
