// Contacts: `admin` — a secretariat admin gives a person access to an organisation.
import { isAdmin, type KnownAccess } from "../../kernel/access.js";
import { addContact } from "./add-contact.js";
import type { Locale } from "../../kernel/actor.js";
import { CONTACT_FORM_ID, contactFormView, ZContactSubmissionSchema } from "./form.js";
import { type FieldErrors, type FormValues, type FormView, parseForm } from "../../kernel/form.js";
import { deniedView } from "../../kernel/common-views.js";
import { simpleMessage } from "../../kernel/message.js";
import { type BotContext, type Feature, message, type SubmitReply, type SubmitRequest } from "../../kernel/feature.js";
import { withRetry } from "../../kernel/retry.js";
import { translateProblems } from "../../kernel/field-problems.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import type { ContactsStore } from "./store.js";

/** The store ports this feature's commands, buttons and forms use. */
export type ContactsFeatureStore = ContactsStore & AccessStore & PartnershipsStore;

async function contactForm(
  ctx: BotContext<ContactsFeatureStore>,
  access: KnownAccess,
  locale: Locale,
  more: { values?: FormValues; errors?: FieldErrors; nonce?: string } = {},
): Promise<FormView> {
  const { store } = ctx.deps;
  const partnerships = (await store.listPartnerships()).filter((p) => access.partnershipIds.includes(p.id));
  const organisations = await store.listOrganisations(partnerships.map((p) => p.id));
  const knownUsers = await store.listChatUsers(access.actor.platform, access.actor.workspaceId, 50);
  return contactFormView({
    context: { partnerships, organisations, knownUsers },
    t: ctx.t(locale),
    nonce: more.nonce ?? ctx.newNonce(),
    values: more.values,
    errors: more.errors,
  });
}

async function submitContact(ctx: BotContext<ContactsFeatureStore>, { access, submission }: SubmitRequest): Promise<SubmitReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  if (!isAdmin(access)) return { kind: "refused", view: deniedView(t) };
  const form = await withRetry(() => contactForm(ctx, access, actor.locale, { values: submission.values, nonce: submission.nonce }));
  const invalid = (errors: FieldErrors): SubmitReply => ({ kind: "invalid", errors, form: { ...form, errors } });
  const parsed = parseForm(ZContactSubmissionSchema, form.fields, submission.values, t);
  if (!parsed.ok) return invalid(parsed.errors);

  const userField = form.fields.find((f) => f.id === "user");
  const displayName =
    userField?.kind === "user" ? (userField.options.find((o) => o.value === parsed.value.user)?.label.replace(/ \(.*\)$/, "") ?? null) : null;
  const result = await withRetry(() =>
    addContact(ctx.deps.store, access, {
      userId: parsed.value.user,
      displayName,
      organisationId: parsed.value.organisation,
      role: parsed.value.role,
    }),
  );
  if (result.kind === "denied") return { kind: "refused", view: deniedView(t) };
  if (result.kind === "invalid") return invalid(translateProblems(result.problems, t));
  const vars = {
    user: result.contact.displayName ?? result.contact.userId,
    role: t(`admin:roles.${result.contact.role}`),
    organisation: result.organisation.name,
  };
  return { kind: "done", view: simpleMessage(t(result.created ? "admin:saved" : "admin:updated", vars)) };
}

export const contactsFeature: Feature<ContactsFeatureStore> = {
  commands: {
    admin: async (ctx, { access }) => {
      if (!isAdmin(access)) return message(deniedView(ctx.t(access.actor.locale)));
      return { kind: "form", form: await withRetry(() => contactForm(ctx, access, access.actor.locale)) };
    },
  },
  forms: {
    [CONTACT_FORM_ID]: submitContact,
  },
};
