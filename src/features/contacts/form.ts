import { type FieldErrors, type FormField, type FormValues, type FormView, partnershipChoices } from "../../kernel/form.js";
import type { ChatUserRecord, OrganisationRecord, PartnershipRecord } from "../../kernel/records.js";
import { ROLES } from "../../kernel/records.js";
import type { Translate } from "../../kernel/translate.js";
import type { TAddContactInput } from "./contract.js";

/** A field of the contact form: its id is one of the contract's keys. */
type Field = FormField & { id: keyof TAddContactInput };

export const CONTACT_FORM_ID = "contact.add";

export type ContactFormContext = {
  partnerships: PartnershipRecord[];
  organisations: OrganisationRecord[];
  /** People the bot has met on this platform and workspace, newest first (Teams has no user picker). */
  knownUsers: ChatUserRecord[];
};

function contactFormFields(context: ContactFormContext, t: Translate): Field[] {
  return [
    {
      kind: "user",
      id: "userId",
      label: t("admin:form.user"),
      hint: t("admin:form.user_hint"),
      required: true,
      placeholder: t("admin:form.user_placeholder"),
      typedPlaceholder: t("admin:form.user_typed_placeholder"),
      options: context.knownUsers.map((u) => ({ value: u.userId, label: u.displayName ? `${u.displayName} (${u.userId})` : u.userId })),
    },
    {
      kind: "select",
      id: "organisationId",
      label: t("admin:form.organisation"),
      required: true,
      placeholder: t("placement:form.organisation_placeholder"),
      ...partnershipChoices(context.partnerships, context.organisations, (o) => o.name),
    },
    {
      kind: "radio",
      id: "role",
      label: t("admin:form.role"),
      required: true,
      options: ROLES.map((role) => ({ value: role, label: t(`admin:roles.${role}`) })),
    },
  ];
}

export function contactFormView(args: { context: ContactFormContext; t: Translate; nonce: string; values?: FormValues; errors?: FieldErrors }): FormView {
  const { t } = args;
  return {
    formId: CONTACT_FORM_ID,
    title: t("admin:form.title"),
    submitLabel: t("admin:form.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("admin:form.intro"),
    fields: contactFormFields(args.context, t),
    values: { role: "partner_contact", ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: {},
  };
}
