import { type FieldErrors, type FormField, type FormValues, type FormView, partnershipChoices } from "../../kernel/form.js";
import type { OrganisationRecord, PartnershipRecord } from "../../kernel/records.js";
import { ROLES } from "../../kernel/records.js";
import type { Translate } from "../../kernel/translate.js";
import { MAX_INVITATION_USES, type TCreateInvitationInput } from "./contract.js";

/** A field of the invitation form: its id is one of the contract's keys. */
type Field = FormField & { id: keyof TCreateInvitationInput };

export const INVITATION_FORM_ID = "invitation.create";

export type InvitationFormContext = { partnerships: PartnershipRecord[]; organisations: OrganisationRecord[] };

function invitationFields(context: InvitationFormContext, t: Translate): Field[] {
  return [
    {
      kind: "select",
      id: "organisationId",
      label: t("invitation:form.organisation"),
      required: true,
      placeholder: t("placement:form.organisation_placeholder"),
      ...partnershipChoices(context.partnerships, context.organisations, (o) => o.name),
    },
    {
      kind: "radio",
      id: "role",
      label: t("invitation:form.role"),
      required: true,
      options: ROLES.map((role) => ({ value: role, label: t(`admin:roles.${role}`) })),
    },
    {
      kind: "number",
      id: "maxUses",
      label: t("invitation:form.uses"),
      hint: t("invitation:form.uses_hint", { max: MAX_INVITATION_USES }),
      required: true,
      min: 1,
      max: MAX_INVITATION_USES,
    },
  ];
}

export function invitationFormView(args: { context: InvitationFormContext; t: Translate; nonce: string; values?: FormValues; errors?: FieldErrors }): FormView {
  const { t } = args;
  return {
    formId: INVITATION_FORM_ID,
    title: t("invitation:form.title"),
    submitLabel: t("invitation:form.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("invitation:form.intro"),
    fields: invitationFields(args.context, t),
    values: { role: "partner_contact", maxUses: "1", ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: {},
  };
}
