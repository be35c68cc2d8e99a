// The placement rules after registration: `forlæng`, `afslut`, `bekræft`, `vitas` and
// `dispensation`, each a form that first asks which placement.
import { isAdmin, type KnownAccess } from "../../kernel/access.js";
import { confirmRepresentative } from "./confirm-representative.js";
import { formatDate, todayIn } from "../../kernel/dates.js";
import { endPlacement } from "./end-placement.js";
import { extendPlacement } from "./extend-placement.js";
import { listPlacements } from "../placements/list-placements.js";
import type { PlacementRecord } from "../../kernel/records.js";
import { recordRatioExemption } from "./record-ratio-exemption.js";
import type { FieldProblems } from "../placements/register-placement.js";
import { prepareVitasSummary } from "./vitas-summary.js";
import { type FieldErrors, type FormValues, parseForm } from "../../kernel/form.js";
import {
  CONFIRM_FORM_ID,
  END_FORM_ID,
  EXEMPTION_FORM_ID,
  EXTEND_FORM_ID,
  placementsFor,
  type RuleFormId,
  ruleFormFields,
  ruleFormView,
  VITAS_FORM_ID,
  ZConfirmSubmissionSchema,
  ZEndSubmissionSchema,
  ZExemptionSubmissionSchema,
  ZExtendSubmissionSchema,
  ZVitasSubmissionSchema,
} from "./forms.js";
import { deniedView, noAccessView } from "../../kernel/common-views.js";
import { type MessageView, simpleMessage } from "../../kernel/message.js";
import { EXTEND_PLACEMENT_ACTION, ruleChangeView, vitasSummaryView } from "./views.js";
import { type BotContext, type BotReply, type Feature, message, type SubmitReply, type SubmitRequest } from "../../kernel/feature.js";
import { withRetry } from "../../kernel/retry.js";
import { translateRuleProblems } from "./rule-problems.js";
import type { AccessStore, PlacementLookupStore } from "../../kernel/store.js";
import type { PlacementRulesStore } from "./store.js";
import type { PlacementsStore } from "../placements/store.js";

/** The store ports this feature's commands, buttons and forms use. */
export type PlacementRulesFeatureStore = PlacementRulesStore & PlacementLookupStore & PlacementsStore & AccessStore;

/** The placements this person may change: their organisation's, or all in their partnerships for staff. */
async function visiblePlacements(ctx: BotContext<PlacementRulesFeatureStore>, access: KnownAccess): Promise<PlacementRecord[]> {
  const result = await withRetry(() => listPlacements(ctx.deps.store, access, 100));
  return result.kind === "ok" ? result.placements : [];
}

async function openRuleForm(ctx: BotContext<PlacementRulesFeatureStore>, access: KnownAccess, formId: RuleFormId, placementId?: string): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  if (formId === EXEMPTION_FORM_ID && !isAdmin(access)) return message(deniedView(t));
  const placements = await visiblePlacements(ctx, access);
  if (placementsFor(formId, placements).length === 0) return message(simpleMessage(t("rules:errors.no_placements")));
  return {
    kind: "form",
    form: ruleFormView({
      formId,
      placements,
      t,
      locale: actor.locale,
      nonce: ctx.newNonce(),
      today: todayIn(ctx.deps.timezone, ctx.now()),
      values: placementId ? { placement: placementId } : undefined,
    }),
  };
}

type Outcome = { kind: "saved"; view: MessageView } | { kind: "invalid"; problems: FieldProblems } | { kind: "denied" };

/** Parses a rule form, runs its use case and answers: the form again with messages, or the result. */
function ruleSubmit<T>(
  formId: RuleFormId,
  schema: Parameters<typeof parseForm>[0],
  run: (ctx: BotContext<PlacementRulesFeatureStore>, access: KnownAccess, value: T) => Promise<Outcome>,
) {
  return async (ctx: BotContext<PlacementRulesFeatureStore>, { access, submission }: SubmitRequest): Promise<SubmitReply> => {
    const { actor } = access;
    const t = ctx.t(actor.locale);
    if (formId === EXEMPTION_FORM_ID && !isAdmin(access)) return { kind: "refused", view: deniedView(t) };
    const placements = await visiblePlacements(ctx, access);
    const invalid = (errors: FieldErrors): SubmitReply => ({
      kind: "invalid",
      errors,
      form: ruleFormView({
        formId,
        placements,
        t,
        locale: actor.locale,
        nonce: submission.nonce,
        today: todayIn(ctx.deps.timezone, ctx.now()),
        values: submission.values as FormValues,
        errors,
      }),
    });
    const parsed = parseForm(schema, ruleFormFields(formId, placements, t, actor.locale), submission.values, t);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await withRetry(() => run(ctx, access, parsed.value as T));
    if (result.kind === "denied") return { kind: "refused", view: noAccessView(actor, t) };
    if (result.kind === "invalid") return invalid(translateRuleProblems(result.problems, t, actor.locale));
    return { kind: "done", view: result.view };
  };
}

type Extend = { placement: string; endDate: string };
type End = { placement: string; endedOn: string; reason?: "ordinary_job" | "education" | "illness" | "other"; outcome?: "ordinary_job" | "igu" | "education" | "continued_benefit" };
type Confirm = { placement: string; representativeName: string; representativeConfirmed?: boolean };
type Vitas = { placement: string; tasks?: string; monthlyWageCost?: number; createdInVitas?: boolean };
type Exemption = { placement: string; reason: string };

const submitExtend = ruleSubmit<Extend>(EXTEND_FORM_ID, ZExtendSubmissionSchema, async (ctx, access, v) => {
  const { locale } = access.actor;
  const t = ctx.t(locale);
  const result = await extendPlacement(ctx.deps.store, access, { placementId: v.placement, endDate: v.endDate });
  if (result.kind !== "saved") return result;
  const p = result.placement;
  const line = t("rules:extend.done", { end: formatDate(p.endDate!, locale), weeks: p.weeks });
  return { kind: "saved", view: ruleChangeView(p, line, t, locale) };
});

const submitEnd = ruleSubmit<End>(END_FORM_ID, ZEndSubmissionSchema, async (ctx, access, v) => {
  const { locale } = access.actor;
  const t = ctx.t(locale);
  const result = await endPlacement(ctx.deps.store, access, { placementId: v.placement, endedOn: v.endedOn, reason: v.reason, outcome: v.outcome });
  if (result.kind !== "saved") return result;
  const p = result.placement;
  const date = formatDate(p.endedOn!, locale);
  const line = result.early
    ? t("rules:end.done_ended", { date, reason: t(`rules:end_reasons.${p.endReason}`) })
    : t("rules:end.done_completed", { date, outcome: t(`rules:outcomes.${p.outcome}`) });
  return { kind: "saved", view: ruleChangeView(p, line, t, locale) };
});

const submitConfirm = ruleSubmit<Confirm>(CONFIRM_FORM_ID, ZConfirmSubmissionSchema, async (ctx, access, v) => {
  const { locale } = access.actor;
  const t = ctx.t(locale);
  const result = await confirmRepresentative(ctx.deps.store, access, {
    placementId: v.placement,
    representativeName: v.representativeName,
    confirmed: v.representativeConfirmed === true,
  });
  if (result.kind !== "saved") return result;
  return { kind: "saved", view: ruleChangeView(result.placement, t("rules:confirm.done"), t, locale) };
});

const submitVitas = ruleSubmit<Vitas>(VITAS_FORM_ID, ZVitasSubmissionSchema, async (ctx, access, v) => {
  const { locale } = access.actor;
  const result = await prepareVitasSummary(ctx.deps.store, access, {
    placementId: v.placement,
    tasks: v.tasks,
    monthlyWageCost: v.monthlyWageCost === undefined ? undefined : Math.round(v.monthlyWageCost),
    createdInVitas: v.createdInVitas,
  });
  if (result.kind !== "ok") return result;
  return { kind: "saved", view: vitasSummaryView(result.placement, result.fields, ctx.t(locale), locale) };
});

const submitExemption = ruleSubmit<Exemption>(EXEMPTION_FORM_ID, ZExemptionSubmissionSchema, async (ctx, access, v) => {
  const { locale } = access.actor;
  const t = ctx.t(locale);
  const result = await recordRatioExemption(ctx.deps.store, access, { placementId: v.placement, reason: v.reason });
  if (result.kind !== "saved") return result;
  const p = result.placement;
  return { kind: "saved", view: ruleChangeView(p, t("rules:exemption.done", { company: p.company.name, reason: p.ratioExemption?.reason }), t, locale) };
});

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
  },
  forms: {
    [EXTEND_FORM_ID]: submitExtend,
    [END_FORM_ID]: submitEnd,
    [CONFIRM_FORM_ID]: submitConfirm,
    [VITAS_FORM_ID]: submitVitas,
    [EXEMPTION_FORM_ID]: submitExemption,
  },
};
