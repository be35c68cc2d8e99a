// The placement rules after registration: `forlæng`, `afslut`, `bekræft`, `vitas` and
// `dispensation`, each a form that first asks which placement.

import type { z } from "zod";
import { isAdmin, type KnownAccess } from "../../kernel/access.js";
import { deniedView } from "../../kernel/common-views.js";
import { formatDate, todayIn } from "../../kernel/dates.js";
import { type BotContext, type BotReply, type Feature, message } from "../../kernel/feature.js";
import { simpleMessage } from "../../kernel/message.js";
import type { PlacementRecord } from "../../kernel/records.js";
import { withRetry } from "../../kernel/retry.js";
import type { AccessStore, PlacementLookupStore } from "../../kernel/store.js";
import { type FormAnswer, type FormOpened, submitForm } from "../../kernel/submit-form.js";
import type { ChannelsStore } from "../channels/index.js";
import type { PlacementsStore } from "../placements/index.js";
import { listPlacements } from "../placements/index.js";
import { approvalActions, approvalForms, refreshApprovalMessage } from "./approval-bot.js";
import { confirmRepresentative } from "./confirm-representative.js";
import { ZConfirmRepresentativeInput, ZEndPlacementInput, ZExtendPlacementInput, ZPrepareVitasSummaryInput, ZRecordRatioExemptionInput } from "./contract.js";
import { endPlacement } from "./end-placement.js";
import { extendPlacement } from "./extend-placement.js";
import { CONFIRM_FORM_ID, END_FORM_ID, EXEMPTION_FORM_ID, EXTEND_FORM_ID, placementsFor, type RuleFormId, ruleFormView, VITAS_FORM_ID } from "./forms.js";
import { recordRatioExemption } from "./record-ratio-exemption.js";
import type { PlacementRulesStore } from "./store.js";
import { EXTEND_PLACEMENT_ACTION, OPEN_VITAS_ACTION, ruleChangeView, VITAS_CREATED_ACTION, vitasSummaryView } from "./views.js";
import { prepareVitasSummary } from "./vitas-summary.js";

/** The store ports this feature's commands, buttons and forms use. */
export type PlacementRulesFeatureStore = PlacementRulesStore & PlacementLookupStore & PlacementsStore & AccessStore & ChannelsStore;

/** The placements this person may change: their organisation's, or all in their partnerships for staff. */
async function visiblePlacements(ctx: BotContext<PlacementRulesFeatureStore>, access: KnownAccess): Promise<PlacementRecord[]> {
  const result = await withRetry(() => listPlacements(ctx.deps.store, access, 100));
  return result.kind === "ok" ? result.placements : [];
}

async function openRuleForm(ctx: BotContext<PlacementRulesFeatureStore>, access: KnownAccess, formId: RuleFormId, placementId?: string): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  if (formId === EXEMPTION_FORM_ID && !isAdmin(access)) return message(deniedView(t, "exemption"));
  const placements = await visiblePlacements(ctx, access);
  if (placementsFor(formId, placements).length === 0) {
    // Placements exist, but none awaits what this form does (a representative's confirmation).
    const none = formId === CONFIRM_FORM_ID && placements.length > 0 ? "rules:errors.nothing_to_confirm" : "rules:errors.no_placements";
    return message(simpleMessage(t(none)));
  }
  return {
    kind: "form",
    form: ruleFormView({
      formId,
      placements,
      t,
      locale: actor.locale,
      nonce: ctx.newNonce(),
      today: todayIn(ctx.deps.timezone, ctx.now()),
      values: placementId ? { placementId } : undefined,
    }),
  };
}

/**
 * A rule form's submission through the one pipeline: the placements this person may change are
 * read again, and the form is shown again with messages when something is wrong.
 */
function ruleSubmit<S extends z.ZodType, R>(
  formId: RuleFormId,
  contract: S,
  run: (ctx: BotContext<PlacementRulesFeatureStore>, access: KnownAccess, input: z.output<S>) => Promise<R>,
  answer: (ctx: BotContext<PlacementRulesFeatureStore>, access: KnownAccess, result: R) => FormAnswer | Promise<FormAnswer>,
) {
  return submitForm<PlacementRulesFeatureStore>()({
    open: async (ctx, { access }): Promise<FormOpened<PlacementRecord[]>> => {
      if (formId === EXEMPTION_FORM_ID && !isAdmin(access)) return { kind: "refused", view: deniedView(ctx.t(access.actor.locale), "exemption") };
      return { kind: "ok", context: await visiblePlacements(ctx, access) };
    },
    form: (ctx, placements, { access, submission }) =>
      ruleFormView({
        formId,
        placements,
        t: ctx.t(access.actor.locale),
        locale: access.actor.locale,
        nonce: submission.nonce,
        today: todayIn(ctx.deps.timezone, ctx.now()),
        values: submission.values,
      }),
    contract,
    run: (ctx, { access, input }) => run(ctx, access, input),
    answer: (ctx, result, { access }) => answer(ctx, access, result),
  });
}

const submitExtend = ruleSubmit(
  EXTEND_FORM_ID,
  ZExtendPlacementInput,
  (ctx, access, input) => extendPlacement(ctx.deps.store, access, input, todayIn(ctx.deps.timezone, ctx.now())),
  (ctx, { actor: { locale } }, result) => {
    if (result.kind !== "saved") return result;
    const t = ctx.t(locale);
    const p = result.placement;
    const line = t("rules:extend.done", { end: formatDate(p.endDate!, locale), weeks: p.weeks });
    return { kind: "done", view: ruleChangeView(p, line, t, locale) };
  },
);

const submitEnd = ruleSubmit(
  END_FORM_ID,
  ZEndPlacementInput,
  (ctx, access, input) => endPlacement(ctx.deps.store, access, input),
  (ctx, { actor: { locale } }, result) => {
    if (result.kind !== "saved") return result;
    const t = ctx.t(locale);
    const p = result.placement;
    const date = formatDate(p.endedOn!, locale);
    const line = result.early
      ? t("rules:end.done_ended", { date, reason: t(`rules:end_reasons.${p.endReason}`) })
      : t("rules:end.done_completed", { date, outcome: t(`rules:outcomes.${p.outcome}`) });
    return { kind: "done", view: ruleChangeView(p, line, t, locale) };
  },
);

const submitConfirm = ruleSubmit(
  CONFIRM_FORM_ID,
  ZConfirmRepresentativeInput,
  (ctx, access, input) => confirmRepresentative(ctx.deps.store, access, input, todayIn(ctx.deps.timezone, ctx.now())),
  async (ctx, { actor: { locale } }, result) => {
    if (result.kind !== "saved") return result;
    const t = ctx.t(locale);
    // The jobcenter channel's message now offers approval.
    await refreshApprovalMessage(ctx, result.placement);
    const line = t(result.placement.status === "registered" ? "rules:confirm.done" : "rules:confirm.done_active");
    return { kind: "done", view: ruleChangeView(result.placement, line, t, locale) };
  },
);

const submitVitas = ruleSubmit(
  VITAS_FORM_ID,
  ZPrepareVitasSummaryInput,
  (ctx, access, input) => prepareVitasSummary(ctx.deps.store, access, input),
  (ctx, { actor: { locale } }, result) => {
    if (result.kind !== "ok") return result;
    return { kind: "done", view: vitasSummaryView(result.placement, result.fields, ctx.t(locale), locale) };
  },
);

const submitExemption = ruleSubmit(
  EXEMPTION_FORM_ID,
  ZRecordRatioExemptionInput,
  (ctx, access, input) => recordRatioExemption(ctx.deps.store, access, input),
  (ctx, { actor: { locale } }, result) => {
    if (result.kind !== "saved") return result;
    const t = ctx.t(locale);
    const p = result.placement;
    return { kind: "done", view: ruleChangeView(p, t("rules:exemption.done", { company: p.company.name, reason: p.ratioExemption?.reason }), t, locale) };
  },
);

/** "Created in VITAS" pressed under the summary: recorded (audited) and the summary shown again. */
async function markCreatedInVitas(ctx: BotContext<PlacementRulesFeatureStore>, access: KnownAccess, placementId: string | undefined): Promise<BotReply> {
  const { locale } = access.actor;
  const t = ctx.t(locale);
  if (!placementId) return message(simpleMessage(t("errors:form_expired")));
  const result = await withRetry(() => prepareVitasSummary(ctx.deps.store, access, { placementId, createdInVitas: true }));
  if (result.kind === "denied") return message(deniedView(t));
  if (result.kind === "invalid") return message(simpleMessage(t("rules:errors.not_found")));
  return message(vitasSummaryView(result.placement, result.fields, t, locale));
}

export const placementRulesFeature: Feature<PlacementRulesFeatureStore> = {
  commands: {
    extend: (ctx, { access }) => openRuleForm(ctx, access, EXTEND_FORM_ID),
    end: (ctx, { access }) => openRuleForm(ctx, access, END_FORM_ID),
    confirm: (ctx, { access }) => openRuleForm(ctx, access, CONFIRM_FORM_ID),
    vitas: (ctx, { access }) => openRuleForm(ctx, access, VITAS_FORM_ID),
    exemption: (ctx, { access }) => openRuleForm(ctx, access, EXEMPTION_FORM_ID),
  },
  actions: {
    [EXTEND_PLACEMENT_ACTION]: (ctx, { access, value }) => openRuleForm(ctx, access, EXTEND_FORM_ID, value),
    [OPEN_VITAS_ACTION]: (ctx, { access, value }) => openRuleForm(ctx, access, VITAS_FORM_ID, value),
    [VITAS_CREATED_ACTION]: (ctx, { access, value }) => markCreatedInVitas(ctx, access, value),
    ...approvalActions,
  },
  forms: {
    [EXTEND_FORM_ID]: submitExtend,
    [END_FORM_ID]: submitEnd,
    [CONFIRM_FORM_ID]: submitConfirm,
    [VITAS_FORM_ID]: submitVitas,
    [EXEMPTION_FORM_ID]: submitExemption,
    ...approvalForms,
  },
};
