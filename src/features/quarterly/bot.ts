// Quarterly status: `status` (a partner files or edits its organisation's status) and `rapport`
// (the secretariat's consolidated report, delivered as files after a "working on it" answer).
import { randomUUID } from "node:crypto";
import { isAdmin, type KnownAccess, partnershipsOf } from "../../kernel/access.js";
import type { Locale } from "../../kernel/actor.js";
import { noAccessView } from "../../kernel/common-views.js";
import { todayIn } from "../../kernel/dates.js";
import type { BotContext, BotReply, CommandRequest, Feature, FollowUp } from "../../kernel/feature.js";
import { message } from "../../kernel/feature.js";
import type { FieldErrors, FormValues, FormView } from "../../kernel/form.js";
import { simpleMessage } from "../../kernel/message.js";
import { currentQuarter, DEFAULT_STATUS_SCHEDULE, formatQuarter, previousQuarter } from "../../kernel/quarters.js";
import { withRetry } from "../../kernel/retry.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import { type FormOpened, submitForm } from "../../kernel/submit-form.js";
import type { ContactsStore } from "../contacts/index.js";
import type { EventsStore } from "../events/index.js";
import type { OutcomesStore } from "../placement-rules/index.js";
import { buildReport } from "./build-report.js";
import { chooseReport } from "./choose-report.js";
import { ZFileQuarterlyStatusInput } from "./contract.js";
import { fileQuarterlyStatus, openStatusForm, type StatusFormContext } from "./file-quarterly-status.js";
import { QUARTERLY_STATUS_FORM_ID, quarterlyStatusFormView } from "./form.js";
import { renderReportFile } from "./report/report-file.js";
import type { QuarterlyStore } from "./store.js";

/** The store ports this feature's commands, buttons and forms use. */
export type QuarterlyFeatureStore = QuarterlyStore & OutcomesStore & ContactsStore & AccessStore & PartnershipsStore & Pick<EventsStore, "eventFigures">;

/** Why this person cannot file; an admin named in BOT_ADMINS has no organisation of their own. */
function noOrganisationView(access: KnownAccess, t: (key: string) => string) {
  return simpleMessage(t(isAdmin(access) && !access.organisation ? "quarterly:no_organisation_admin" : "quarterly:no_organisation"));
}

async function statusForm(
  ctx: BotContext<QuarterlyFeatureStore>,
  context: StatusFormContext,
  locale: Locale,
  more: { values?: FormValues; errors?: FieldErrors; nonce?: string } = {},
): Promise<FormView> {
  const types = await ctx.deps.store.listPlacementTypes([context.partnership.id]);
  return quarterlyStatusFormView({
    context,
    types,
    t: ctx.t(locale),
    locale,
    timezone: ctx.deps.timezone,
    nonce: more.nonce ?? ctx.newNonce(),
    values: more.values,
    errors: more.errors,
  });
}

async function openForm(ctx: BotContext<QuarterlyFeatureStore>, access: KnownAccess, quarterText?: string): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  const clock = { timezone: ctx.deps.timezone, now: ctx.now() };
  const result = await withRetry(() => openStatusForm(ctx.deps.store, access, clock, quarterText));
  if (result.kind === "denied") return message(noAccessView(actor, t));
  if (result.kind === "no_organisation") return message(noOrganisationView(access, t));
  return { kind: "form", form: await withRetry(() => statusForm(ctx, result.context, actor.locale)) };
}

const submitStatus = submitForm<QuarterlyFeatureStore>()({
  open: async (ctx, { access, submission }): Promise<FormOpened<StatusFormContext>> => {
    const clock = { timezone: ctx.deps.timezone, now: ctx.now() };
    const opened = await openStatusForm(ctx.deps.store, access, clock, submission.state.quarter);
    if (opened.kind === "no_organisation") return { kind: "refused", view: noOrganisationView(access, ctx.t(access.actor.locale)) };
    return opened;
  },
  form: (ctx, context, { access, submission }) => statusForm(ctx, context, access.actor.locale, { values: submission.values, nonce: submission.nonce }),
  contract: ZFileQuarterlyStatusInput,
  fixedValues: (context, { submission }) => ({ quarter: submission.state.quarter ?? context.quarter }),
  // Saving the same values twice (a retry) writes the same row again: one status, never two.
  run: (ctx, { access, input }) => fileQuarterlyStatus(ctx.deps.store, access, input, { timezone: ctx.deps.timezone, now: ctx.now() }),
  answer: (ctx, result, { access }) => {
    const t = ctx.t(access.actor.locale);
    if (result.kind === "no_organisation") return { kind: "refused", view: noOrganisationView(access, t) };
    if (result.kind === "invalid" && result.problems.quarter) return { kind: "refused", view: simpleMessage(t("quarterly:errors.quarter_closed")) };
    if (result.kind !== "saved") return result;
    ctx.deps.logger.info({ statusId: result.status.id, quarter: result.status.quarter, created: result.created }, "quarterly status saved");
    const vars = { organisation: result.organisation.name, quarter: result.status.quarter };
    return { kind: "done", view: simpleMessage(t(result.created ? "quarterly:saved" : "quarterly:updated", vars)) };
  },
});

/** `rapport [partnership] [2016-Q3]`: the partnership's last finished quarter unless one is named. */
async function report(ctx: BotContext<QuarterlyFeatureStore>, { access, args }: CommandRequest): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  if (!isAdmin(access)) return message(simpleMessage(t("quarterly:report_admin_only")));
  const now = ctx.now();
  const partnerships = await partnershipsOf(ctx.deps.store, access);
  const choice = chooseReport(partnerships, args, todayIn(ctx.deps.timezone, now));
  switch (choice.kind) {
    case "no_partnership":
      return message(simpleMessage(t("quarterly:report_not_found")));
    case "bad_quarter": {
      const example = formatQuarter(previousQuarter(currentQuarter(ctx.deps.timezone, now)));
      return message(simpleMessage(t("quarterly:report_bad_quarter", { text: choice.text, example })));
    }
    case "choose_partnership": {
      const slugs = choice.partnerships.map((p) => `${p.slug} (${p.name})`).join(", ");
      const example = `rapport ${choice.partnerships[0]!.slug}`;
      const key = choice.named === undefined ? "quarterly:report_choose_partnership" : "quarterly:report_unknown_partnership";
      return message(simpleMessage(t(key, { slugs, example, named: choice.named })));
    }
    case "ok":
      break;
  }
  const { partnership, quarter } = choice;
  const label = formatQuarter(quarter);
  const followUp = async (): Promise<FollowUp> => {
    try {
      const result = await withRetry(() =>
        buildReport(
          ctx.deps.store,
          access,
          { partnershipId: partnership.id, quarter },
          { timezone: ctx.deps.timezone, now, schedule: DEFAULT_STATUS_SCHEDULE },
        ),
      );
      if (result.kind === "denied") return { kind: "message", view: simpleMessage(t("quarterly:report_admin_only")) };
      if (result.kind === "not_found") return { kind: "message", view: simpleMessage(t("quarterly:report_not_found")) };
      const files = await Promise.all((["docx", "md"] as const).map((format) => renderReportFile(result.report, format, t, actor.locale)));
      const text = t("quarterly:report_ready", { partnership: result.report.partnership.name, quarter: label });
      return { kind: "files", view: simpleMessage(text), files };
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      ctx.deps.logger.error({ err: error, reference, quarter: label, platform: actor.platform }, "quarterly report failed");
      return { kind: "message", view: simpleMessage(t("quarterly:report_failed", { reference })) };
    }
  };
  return { kind: "message", view: simpleMessage(t("quarterly:report_working", { quarter: label })), followUp };
}

export const quarterlyStatusFeature: Feature<QuarterlyFeatureStore> = {
  commands: {
    status: (ctx, { access, args }) => openForm(ctx, access, args[0]),
    report,
  },
  forms: {
    [QUARTERLY_STATUS_FORM_ID]: submitStatus,
  },
};
