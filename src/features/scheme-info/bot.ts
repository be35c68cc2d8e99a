// Scheme information: `info` (a short card per scheme), `info igu` (one scheme), `info folder`
// (the Word hand-out), and for the secretariat `info ret <scheme> [da|en]` (the wording) and
// `info links` (the municipality's page and the employer entry point).
import { randomUUID } from "node:crypto";
import type { KnownAccess } from "../../kernel/access.js";
import { LOCALES, type Locale } from "../../kernel/actor.js";
import { type CommandStyle, commandText } from "../../kernel/common-views.js";
import { todayIn } from "../../kernel/dates.js";
import { type BotContext, type BotReply, type Feature, type FollowUp, message } from "../../kernel/feature.js";
import { simpleMessage } from "../../kernel/message.js";
import { withRetry } from "../../kernel/retry.js";
import type { PartnershipsStore } from "../../kernel/store.js";
import { type FormOpened, submitForm } from "../../kernel/submit-form.js";
import { ZEditSchemeTextInput, ZSchemeLinksInput } from "./contract.js";
import { canEditSchemeInfo, editSchemeLinks, editSchemeText } from "./edit-scheme-info.js";
import { SCHEME_LINKS_FORM_ID, SCHEME_TEXT_FORM_ID, schemeLinksFormView, schemeTextFormView } from "./form.js";
import { handoutFile } from "./handout.js";
import { isScheme, SCHEME_SECTIONS, type Scheme, schemeFromWord } from "./schemes.js";
import { type SchemeInfo, type SchemeInfoPorts, showSchemeInfo, textKey } from "./show-scheme-info.js";
import { defaultTemplates, SCHEME_ACTIONS, schemeCardView, schemesOverviewView, unknownSchemeView } from "./views.js";

/** The store ports this feature's commands, buttons and forms use. */
export type SchemeInfoFeatureStore = SchemeInfoPorts & PartnershipsStore;
type Ctx = BotContext<SchemeInfoFeatureStore>;

const EDIT_WORDS = new Set(["ret", "rediger", "edit"]);
const LINK_WORDS = new Set(["links", "link", "henvisninger"]);
const HANDOUT_WORDS = new Set(["folder", "handout", "word", "docx"]);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

async function load(ctx: Ctx, access: KnownAccess, slug?: string): Promise<SchemeInfo | undefined> {
  const result = await withRetry(() => showSchemeInfo(ctx.deps.store, access, { today: todayIn(ctx.deps.timezone, ctx.now()), ...(slug ? { slug } : {}) }));
  return result.kind === "ok" ? result.info : undefined;
}

/** Only the secretariat edits; everyone else is told where to read. */
const editDenied = (ctx: Ctx, access: KnownAccess, style: CommandStyle = "slack") => {
  const t = ctx.t(access.actor.locale);
  return simpleMessage(t("schemes:edit.admin_only", { command: commandText("info", style, t) }));
};

const noPartnership = (ctx: Ctx, access: KnownAccess) => message(simpleMessage(ctx.t(access.actor.locale)("progress:no_partnership")));

async function showScheme(ctx: Ctx, access: KnownAccess, scheme: Scheme, slug?: string): Promise<BotReply> {
  const { locale } = access.actor;
  const info = await load(ctx, access, slug);
  if (!info) return noPartnership(ctx, access);
  return message(schemeCardView(info, scheme, ctx.t(locale), locale, { canEdit: canEditSchemeInfo(access, info.partnership) }));
}

function handout(ctx: Ctx, access: KnownAccess, which: Scheme | "all", slug?: string): BotReply {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  const followUp = async (): Promise<FollowUp> => {
    try {
      const info = await load(ctx, access, slug);
      if (!info) return { kind: "message", view: simpleMessage(t("progress:no_partnership")) };
      const file = await handoutFile(info, which, t, actor.locale);
      return { kind: "files", view: simpleMessage(t("schemes:handout.ready")), files: [file] };
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      ctx.deps.logger.error({ err: error, reference, platform: actor.platform }, "scheme hand-out failed");
      return { kind: "message", view: simpleMessage(t("schemes:handout.failed", { reference })) };
    }
  };
  return { kind: "message", view: simpleMessage(t("schemes:handout.working")), followUp };
}

async function openTextForm(ctx: Ctx, access: KnownAccess, style: CommandStyle, scheme: Scheme, locale: Locale, slug?: string): Promise<BotReply> {
  const t = ctx.t(access.actor.locale);
  const info = await load(ctx, access, slug);
  if (!info) return noPartnership(ctx, access);
  if (!canEditSchemeInfo(access, info.partnership)) return message(editDenied(ctx, access, style));
  const own = info.texts.get(textKey(scheme, locale)) ?? {};
  const current = { ...defaultTemplates(scheme, ctx.t(locale)), ...own };
  return {
    kind: "form",
    form: schemeTextFormView({
      t,
      scheme,
      locale,
      current,
      partnership: info.partnership.name,
      schemeName: t(`schemes:names.${scheme}`),
      nonce: ctx.newNonce(),
    }),
  };
}

async function openLinksForm(ctx: Ctx, access: KnownAccess, style: CommandStyle, slug?: string): Promise<BotReply> {
  const t = ctx.t(access.actor.locale);
  const info = await load(ctx, access, slug);
  if (!info) return noPartnership(ctx, access);
  if (!canEditSchemeInfo(access, info.partnership)) return message(editDenied(ctx, access, style));
  const current = await withRetry(() => ctx.deps.store.getSchemeLinks(info.partnership.id));
  return { kind: "form", form: schemeLinksFormView({ t, current, partnership: info.partnership.name, nonce: ctx.newNonce() }) };
}

async function infoCommand(ctx: Ctx, access: KnownAccess, args: string[], style: CommandStyle): Promise<BotReply> {
  const t = ctx.t(access.actor.locale);
  const words = args.map((a) => a.toLowerCase());
  const slug = words.length > 1 && SLUG.test(words.at(-1)!) && !schemeFromWord(words.at(-1)) ? words.pop() : undefined;
  const [first, second, third] = words;
  if (first === undefined) {
    const info = await load(ctx, access, slug);
    if (!info) return noPartnership(ctx, access);
    return message(schemesOverviewView(info, t, access.actor.locale, style));
  }
  if (EDIT_WORDS.has(first)) {
    const scheme = schemeFromWord(second);
    if (!scheme) return message(unknownSchemeView(second ?? "", t, style));
    const locale = LOCALES.find((l) => l === third) ?? access.actor.locale;
    return openTextForm(ctx, access, style, scheme, locale, slug);
  }
  if (LINK_WORDS.has(first)) return openLinksForm(ctx, access, style, slug);
  if (HANDOUT_WORDS.has(first)) {
    const scheme = schemeFromWord(second);
    if (second !== undefined && !scheme) return message(unknownSchemeView(second, t, style));
    return handout(ctx, access, scheme ?? "all", slug);
  }
  const scheme = schemeFromWord(first);
  if (!scheme) return message(unknownSchemeView(args[0] ?? first, t, style));
  return showScheme(ctx, access, scheme, slug);
}

type EditContext = { info: SchemeInfo };

async function openEdit(ctx: Ctx, access: KnownAccess): Promise<FormOpened<EditContext>> {
  const info = await load(ctx, access);
  if (!info || !canEditSchemeInfo(access, info.partnership)) return { kind: "refused", view: editDenied(ctx, access) };
  return { kind: "ok", context: { info } };
}

const submitText = submitForm<SchemeInfoFeatureStore>()({
  open: async (ctx, { access, submission }) => {
    const t = ctx.t(access.actor.locale);
    const { scheme, locale } = submission.state;
    if (!isScheme(scheme) || !LOCALES.some((l) => l === locale)) return { kind: "refused", view: simpleMessage(t("errors:form_expired")) };
    return openEdit(ctx, access);
  },
  form: (ctx, { info }, { access, submission }) => {
    const t = ctx.t(access.actor.locale);
    const scheme = submission.state.scheme as Scheme;
    const locale = submission.state.locale as Locale;
    const current = { ...defaultTemplates(scheme, ctx.t(locale)), ...info.texts.get(textKey(scheme, locale)) };
    return schemeTextFormView({
      t,
      scheme,
      locale,
      current,
      partnership: info.partnership.name,
      schemeName: t(`schemes:names.${scheme}`),
      nonce: submission.nonce,
      // What was typed, with a section left empty kept empty (not refilled with the default).
      values: Object.fromEntries(SCHEME_SECTIONS.map((s) => [s, submission.values[s] ?? ""])),
    });
  },
  contract: ZEditSchemeTextInput,
  fixedValues: (_context, { submission }) => ({ scheme: submission.state.scheme ?? "", locale: submission.state.locale ?? "" }),
  // Saving the same wording twice writes the same row again: an overwrite, safe to repeat.
  run: (ctx, { access, input, context }) =>
    editSchemeText(ctx.deps.store, access, context.info.partnership, input, { now: ctx.now(), defaults: defaultTemplates(input.scheme, ctx.t(input.locale)) }),
  answer: (ctx, result, { access, input, context }) => {
    if (result.kind === "denied") return result;
    const t = ctx.t(access.actor.locale);
    ctx.deps.logger.info({ scheme: input.scheme, locale: input.locale, partnershipId: context.info.partnership.id }, "scheme text saved");
    return {
      kind: "done",
      view: simpleMessage(t("schemes:edit.saved", { scheme: t(`schemes:names.${input.scheme}`), language: t(`schemes:languages.${input.locale}`) })),
    };
  },
});

const submitLinks = submitForm<SchemeInfoFeatureStore>()({
  open: (ctx, { access }) => openEdit(ctx, access),
  form: async (ctx, { info }, { access, submission }) =>
    schemeLinksFormView({
      t: ctx.t(access.actor.locale),
      current: await ctx.deps.store.getSchemeLinks(info.partnership.id),
      partnership: info.partnership.name,
      nonce: submission.nonce,
      values: submission.values,
    }),
  contract: ZSchemeLinksInput,
  run: (ctx, { access, input, context }) => editSchemeLinks(ctx.deps.store, access, context.info.partnership, input, { now: ctx.now() }),
  answer: (ctx, result, { access }) => {
    if (result.kind === "denied") return result;
    return { kind: "done", view: simpleMessage(ctx.t(access.actor.locale)("schemes:links_form.saved")) };
  },
});

export const schemeInfoFeature: Feature<SchemeInfoFeatureStore> = {
  commands: {
    info: (ctx, { access, args, style }) => infoCommand(ctx, access, args, style),
  },
  actions: {
    [SCHEME_ACTIONS.show]: (ctx, { access, value, style }) => {
      const scheme = schemeFromWord(value);
      return scheme ? showScheme(ctx, access, scheme) : Promise.resolve(message(unknownSchemeView(value ?? "", ctx.t(access.actor.locale), style)));
    },
    [SCHEME_ACTIONS.handout]: async (ctx, { access, value }) => handout(ctx, access, schemeFromWord(value) ?? "all"),
    [SCHEME_ACTIONS.edit]: (ctx, { access, value, style }) => {
      const [word, locale] = (value ?? "").split(":");
      const scheme = schemeFromWord(word);
      if (!scheme) return Promise.resolve(message(unknownSchemeView(word ?? "", ctx.t(access.actor.locale), style)));
      return openTextForm(ctx, access, style, scheme, LOCALES.find((l) => l === locale) ?? access.actor.locale);
    },
  },
  forms: {
    [SCHEME_TEXT_FORM_ID]: submitText,
    [SCHEME_LINKS_FORM_ID]: submitLinks,
  },
};
