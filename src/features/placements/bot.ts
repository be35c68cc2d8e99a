// Placements: `ny` (the form and its submission), `liste`, `fremdrift`, and the buttons under
// a confirmation.
import type { KnownAccess } from "../../kernel/access.js";
import type { Locale } from "../../kernel/actor.js";
import { computeProgress } from "./compute-progress.js";
import { todayIn } from "../../kernel/dates.js";
import { listPlacements } from "./list-placements.js";
import { openPlacementForm, type PlacementFormContext } from "./open-placement-form.js";
import { registerPlacement } from "./register-placement.js";
import { type FieldErrors, type FormValues, type FormView, parseForm } from "../../kernel/form.js";
import { PLACEMENT_FORM_ID, placementFormFields, placementFormView, ZPlacementSubmissionSchema } from "./form.js";
import { noAccessView } from "../../kernel/common-views.js";
import { simpleMessage } from "../../kernel/message.js";
import { LIST_PLACEMENTS_ACTION, OPEN_PLACEMENT_FORM_ACTION, placementConfirmationView, placementListView } from "./views.js";
import { progressView } from "./progress-view.js";
import { type BotContext, type BotReply, type Feature, message, type SubmitReply, type SubmitRequest } from "../../kernel/feature.js";
import { withMentorFigures } from "../support-requests/bot.js";
import { withRetry } from "../../kernel/retry.js";
import { translateRuleProblems } from "../placement-rules/rule-problems.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import type { PlacementsStore } from "./store.js";
import type { PlacementRulesStore, OutcomesStore } from "../placement-rules/store.js";
import type { PrivacyStore } from "../privacy/store.js";
import type { SupportRequestsStore } from "../support-requests/store.js";

/** The store ports this feature's commands, buttons and forms use. */
export type PlacementsFeatureStore = PlacementsStore & PlacementRulesStore & OutcomesStore & Pick<PrivacyStore, "caseReferenceExists"> & Pick<SupportRequestsStore, "mentorFigures"> & AccessStore & PartnershipsStore;

/** Domain field names that the form calls something else. */
const FIELD_NAMES: Record<string, string> = { organisationId: "organisation", typeId: "type", ratioExemptionReason: "ratioExemption" };

function placementForm(
  ctx: BotContext<PlacementsFeatureStore>,
  context: PlacementFormContext,
  locale: Locale,
  more: { values?: FormValues; errors?: FieldErrors; nonce?: string } = {},
): FormView {
  return placementFormView({
    context,
    t: ctx.t(locale),
    locale,
    nonce: more.nonce ?? ctx.newNonce(),
    today: todayIn(ctx.deps.timezone, ctx.now()),
    values: more.values,
    errors: more.errors,
  });
}

async function openForm(ctx: BotContext<PlacementsFeatureStore>, access: KnownAccess): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  const result = await withRetry(() => openPlacementForm(ctx.deps.store, access));
  if (result.kind === "denied") return message(noAccessView(actor, t));
  if (result.kind === "no_partnership") return message(simpleMessage(t("progress:no_partnership")));
  return { kind: "form", form: placementForm(ctx, result.context, actor.locale) };
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
  return message(await withMentorFigures(ctx, result.partnerships.map((p) => p.partnership), view, actor.locale));
}

async function submitPlacement(ctx: BotContext<PlacementsFeatureStore>, { access, submission }: SubmitRequest): Promise<SubmitReply> {
  const { actor } = access;
  const { store, logger } = ctx.deps;
  const t = ctx.t(actor.locale);
  const opened = await withRetry(() => openPlacementForm(store, access));
  if (opened.kind !== "ok") return { kind: "refused", view: noAccessView(actor, t) };
  const context = opened.context;
  // A partner contact's organisation is not a choice in the form; it comes from who they are.
  const values: FormValues = { ...submission.values };
  if (context.fixedOrganisation) values.organisation = context.fixedOrganisation.id;

  const parsed = parseForm(ZPlacementSubmissionSchema, placementFormFields(context, t, actor.locale), values, t);
  const invalid = (errors: FieldErrors): SubmitReply => ({
    kind: "invalid",
    errors,
    form: placementForm(ctx, context, actor.locale, { values: submission.values, errors, nonce: submission.nonce }),
  });
  if (!parsed.ok) return invalid(parsed.errors);

  const input = parsed.value;
  const key = `${actor.platform}:${actor.workspaceId}:${submission.nonce}`;
  const result = await withRetry(() =>
    registerPlacement(
      store,
      access,
      {
        organisationId: input.organisation,
        companyName: input.companyName,
        cvr: input.cvr,
        employerSector: input.employerSector,
        sector: input.sector,
        shortageSector: input.shortageSector,
        typeId: input.type,
        places: input.places,
        startDate: input.startDate,
        weeks: input.weeks,
        contactPerson: input.contactPerson,
        needs: input.needs,
        note: input.note,
        pNumber: input.pNumber,
        ordinaryEmployees: input.ordinaryEmployees,
        benefitGroup: input.benefitGroup,
        hoursPerWeek: input.hoursPerWeek,
        purpose: input.purpose,
        representativeName: input.representativeName,
        representativeConfirmed: input.representativeConfirmed,
        ratioExemptionReason: input.ratioExemption,
        caseReference: input.caseReference,
        personalDataChecked: input.personalDataChecked,
      },
      key,
    ),
  );
  if (result.kind === "denied") return { kind: "refused", view: noAccessView(actor, t) };
  if (result.kind === "invalid") return invalid(translateRuleProblems(result.problems, t, actor.locale, FIELD_NAMES));
  logger.info(
    { placementId: result.placement.id, duplicate: result.duplicate, platform: actor.platform },
    result.duplicate ? "placement submission repeated" : "placement registered",
  );
  return { kind: "done", view: placementConfirmationView(result.placement, result.duplicate, t, actor.locale) };
}

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
