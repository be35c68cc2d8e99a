// Contacts: `admin` — a secretariat admin gives a person access to an organisation.
import { isAdmin, type KnownAccess, partnershipsOf } from "../../kernel/access.js";
import type { Locale } from "../../kernel/actor.js";
import { deniedView } from "../../kernel/common-views.js";
import { type BotContext, type CommandRequest, type Feature, message } from "../../kernel/feature.js";
import type { FieldErrors, FormValues, FormView } from "../../kernel/form.js";
import { simpleMessage } from "../../kernel/message.js";
import { withRetry } from "../../kernel/retry.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import { type FormOpened, submitForm } from "../../kernel/submit-form.js";
import { addContact } from "./add-contact.js";
import { chooseLanguage } from "./choose-language.js";
import { ZAddContactInput } from "./contract.js";
import { CONTACT_FORM_ID, contactFormView } from "./form.js";
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
  const partnerships = await partnershipsOf(store, access);
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

/** The name the user picker showed for the chosen person, without the id in brackets. */
function pickedName(form: FormView, userId: string): string | null {
  const field = form.fields.find((f) => f.id === "userId");
  return field?.kind === "user" ? (field.options.find((o) => o.value === userId)?.label.replace(/ \(.*\)$/, "") ?? null) : null;
}

const submitContact = submitForm<ContactsFeatureStore>()({
  open: async (ctx, { access }): Promise<FormOpened<KnownAccess>> =>
    isAdmin(access) ? { kind: "ok", context: access } : { kind: "refused", view: deniedView(ctx.t(access.actor.locale)) },
  form: (ctx, access, { submission }) => contactForm(ctx, access, access.actor.locale, { values: submission.values, nonce: submission.nonce }),
  contract: ZAddContactInput,
  run: (ctx, { access, input, form }) => addContact(ctx.deps.store, access, { ...input, displayName: pickedName(form, input.userId) }),
  answer: (ctx, result, { access }) => {
    const t = ctx.t(access.actor.locale);
    if (result.kind === "denied") return { kind: "refused", view: deniedView(t) };
    if (result.kind === "invalid") return result;
    const vars = {
      user: result.contact.displayName ?? result.contact.userId,
      role: t(`admin:roles.${result.contact.role}`),
      organisation: result.organisation.name,
    };
    return { kind: "done", view: simpleMessage(t(result.created ? "admin:saved" : "admin:updated", vars)) };
  },
});

/** `sprog [da|en|auto]`: answered in the language just chosen. */
async function language(ctx: BotContext<ContactsFeatureStore>, { access, args }: CommandRequest) {
  const result = await withRetry(() => chooseLanguage(ctx.deps.store, access, args[0]));
  switch (result.kind) {
    case "current":
      return message(simpleMessage(ctx.t(result.locale)("language:current")));
    case "unknown_word":
      return message(simpleMessage(ctx.t(access.actor.locale)("language:unknown_word", { word: result.word })));
    case "saved": {
      const now = result.locale ?? access.actor.platformLocale ?? access.actor.locale;
      return message(simpleMessage(ctx.t(now)(result.locale ? "language:saved" : "language:saved_auto")));
    }
  }
}

export const contactsFeature: Feature<ContactsFeatureStore> = {
  commands: {
    language,
    admin: async (ctx, { access }) => {
      if (!isAdmin(access)) return message(deniedView(ctx.t(access.actor.locale)));
      return { kind: "form", form: await withRetry(() => contactForm(ctx, access, access.actor.locale)) };
    },
  },
  forms: {
    [CONTACT_FORM_ID]: submitContact,
  },
};
