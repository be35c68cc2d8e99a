// Placements: `ny` (the form and its submission), `liste`, `fremdrift`, and the buttons under
// a confirmation.
import type { KnownAccess } from "../../kernel/access.js";
import type { Locale } from "../../kernel/actor.js";
import { noAccessView } from "../../kernel/common-views.js";
import { todayIn } from "../../kernel/dates.js";
import { type BotContext, type BotReply, type Feature, message } from "../../kernel/feature.js";
import type { FieldErrors, FormValues, FormView } from "../../kernel/form.js";
import { simpleMessage } from "../../kernel/message.js";
import { withRetry } from "../../kernel/retry.js";
import type { AccessStore, PartnershipsStore, PlacementLookupStore } from "../../kernel/store.js";
import { type FormOpened, submitForm } from "../../kernel/submit-form.js";
import type { ChannelsStore } from "../channels/index.js";
import { type EventRecord, type EventsStore, eventsToName, linkEventPlacement, withEventField, withEventFigures } from "../events/index.js";
import type { OutcomesStore, PlacementRulesStore } from "../placement-rules/index.js";
import { canPostForApproval, postForApprovalOrTell, rulesOn } from "../placement-rules/index.js";
import type { PrivacyStore } from "../privacy/index.js";
import type { SupportRequestsStore } from "../support-requests/index.js";
import { withMentorFigures } from "../support-requests/index.js";
import { computeProgress } from "./compute-progress.js";
import { ZRegisterPlacementInput } from "./contract.js";
import { PLACEMENT_FORM_ID, placementFormView } from "./form.js";
import { listPlacements } from "./list-placements.js";
import { openPlacementForm, type PlacementFormContext } from "./open-placement-form.js";
import { progressView } from "./progress-view.js";
import { registerPlacement } from "./register-placement.js";
import type { PlacementsStore } from "./store.js";
import { LIST_PLACEMENTS_ACTION, OPEN_PLACEMENT_FORM_ACTION, placementConfirmationView, placementListView } from "./views.js";

/** The store ports this feature's commands, buttons and forms use. */
export type PlacementsFeatureStore = PlacementsStore &
  PlacementRulesStore &
  OutcomesStore &
  Pick<PrivacyStore, "caseReferenceExists"> &
  Pick<SupportRequestsStore, "mentorFigures"> &
  AccessStore &
  PartnershipsStore &
  PlacementLookupStore &
  ChannelsStore &
  Pick<EventsStore, "listEvents" | "linkEventPlacement" | "eventFigures">;

function placementForm(
  ctx: BotContext<PlacementsFeatureStore>,
  context: PlacementFormContext,
  locale: Locale,
  more: { values?: FormValues; errors?: FieldErrors; nonce?: string; events?: EventRecord[] } = {},
): FormView {
  const form = placementFormView({
    context,
    t: ctx.t(locale),
    locale,
    nonce: more.nonce ?? ctx.newNonce(),
    today: todayIn(ctx.deps.timezone, ctx.now()),
    values: more.values,
    errors: more.errors,
  });
  return withEventField(form, more.events ?? [], ctx.t(locale), locale, ctx.deps.timezone);
}

async function openForm(ctx: BotContext<PlacementsFeatureStore>, access: KnownAccess): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  const result = await withRetry(() => openPlacementForm(ctx.deps.store, access));
  if (result.kind === "denied") return message(noAccessView(actor, t));
  if (result.kind === "no_partnership") return message(simpleMessage(t("progress:no_partnership")));
  const events = await withRetry(() => eventsToName(ctx.deps.store, access, ctx.now()));
  return { kind: "form", form: placementForm(ctx, result.context, actor.locale, { events }) };
}

async function showList(ctx: BotContext<PlacementsFeatureStore>, access: KnownAccess): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  const result = await withRetry(() => listPlacements(ctx.deps.store, access));
  if (result.kind === "denied") return message(noAccessView(actor, t));
  return message(placementListView({ ...result, t, locale: actor.locale }));
}

async function showProgress(ctx: BotContext<PlacementsFeatureStore>, access: KnownAccess): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  const result = await withRetry(() => computeProgress(ctx.deps.store, access));
  if (result.kind === "denied") return message(noAccessView(actor, t));
  const view = progressView(result.partnerships, t, actor.locale);
  const partnerships = result.partnerships.map((p) => p.partnership);
  return message(await withEventFigures(ctx, partnerships, await withMentorFigures(ctx, partnerships, view, actor.locale), actor.locale));
}

const submitPlacement = submitForm<PlacementsFeatureStore>()({
  open: async (ctx, { access }): Promise<FormOpened<PlacementFormContext>> => {
    const opened = await openPlacementForm(ctx.deps.store, access);
    return opened.kind === "ok" ? opened : { kind: "denied" };
  },
  form: async (ctx, context, { access, submission }) =>
    placementForm(ctx, context, access.actor.locale, {
      values: submission.values,
      nonce: submission.nonce,
      events: await eventsToName(ctx.deps.store, access, ctx.now()),
    }),
  contract: ZRegisterPlacementInput,
  // A partner contact's organisation is not a choice in the form; it comes from who they are.
  fixedValues: (context): FormValues => (context.fixedOrganisation ? { organisationId: context.fixedOrganisation.id } : {}),
  run: async (ctx, { access, input, idempotencyKey, form }) => {
    // Only an event the form offered: an id typed into the card names nothing.
    if (input.eventId && !form.fields.some((f) => f.id === "eventId" && f.kind === "select" && f.options.some((o) => o.value === input.eventId))) {
      return { kind: "invalid" as const, problems: { eventId: { key: "events:errors.event_choice" } } };
    }
    return registerPlacement(ctx.deps.store, access, input, idempotencyKey, { today: todayIn(ctx.deps.timezone, ctx.now()) });
  },
  answer: async (ctx, result, { access, input }) => {
    const { actor } = access;
    if (result.kind !== "saved") return result;
    if (input.eventId && !result.duplicate) await linkEventPlacement(ctx.deps.store, access, input.eventId, result.placement, ctx.now());
    ctx.deps.logger.info(
      { placementId: result.placement.id, duplicate: result.duplicate, platform: actor.platform },
      result.duplicate ? "placement submission repeated" : "placement registered",
    );
    // The municipality approves it from the jobcenter channel (a repeat finds it posted already).
    // The post follows the answer: Slack's 3 seconds are for telling the person it is saved.
    const { status } = result.placement;
    const waiting = status === "registered" || status === "awaiting_confirmation";
    const posted = waiting && (await canPostForApproval(ctx, result.placement));
    // What the municipality is called and its virksomhedsindgang come from the rule set the placement is judged by.
    const { wording } = rulesOn(result.placement.startDate, await ctx.deps.store.getPlacementRuleOverrides(result.placement.partnershipId));
    return {
      kind: "done",
      view: placementConfirmationView(result.placement, result.duplicate, ctx.t(actor.locale), actor.locale, { posted, wording }),
      ...(posted ? { after: () => postForApprovalOrTell(ctx, result.placement, actor) } : {}),
    };
  },
});

export const placementsFeature: Feature<PlacementsFeatureStore> = {
  commands: {
    new: (ctx, { access }) => openForm(ctx, access),
    list: (ctx, { access }) => showList(ctx, access),
    progress: (ctx, { access }) => showProgress(ctx, access),
  },
  actions: {
    [OPEN_PLACEMENT_FORM_ACTION]: (ctx, { access }) => openForm(ctx, access),
    [LIST_PLACEMENTS_ACTION]: (ctx, { access }) => showList(ctx, access),
  },
  forms: {
    [PLACEMENT_FORM_ID]: submitPlacement,
  },
};
