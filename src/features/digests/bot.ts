// The weekly digest: `kanal oversigt …` and `kanal fra` (linking a channel, reached through the
// `kanal` command), and the digest's two buttons for a placement that ends soon: extend by 13
// weeks, or ends as planned (recorded).
import { isAdmin } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import { deniedView, noAccessView } from "../../kernel/common-views.js";
import { addDays, formatDate, todayIn } from "../../kernel/dates.js";
import { type BotContext, type BotReply, type CommandRequest, type Feature, message, notice } from "../../kernel/feature.js";
import { simpleMessage } from "../../kernel/message.js";
import { isClosed, placementFor } from "../../kernel/placement-access.js";
import { withRetry } from "../../kernel/retry.js";
import type { AccessStore, PartnershipsStore, PlacementLookupStore } from "../../kernel/store.js";
import type { PlacementRulesStore } from "../placement-rules/index.js";
import { extendPlacement } from "../placement-rules/index.js";
import type { PlacementsStore } from "../placements/index.js";
import { EXTENSION_WEEKS } from "./build-digest.js";
import { linkDigestChannel } from "./link-digest-channel.js";
import type { DigestsStore } from "./store.js";
import { DIGEST_ACTIONS, parseEndingValue } from "./view.js";

/** The store ports this feature's commands, buttons and forms use. */
export type DigestsFeatureStore = DigestsStore &
  PlacementRulesStore &
  PlacementLookupStore &
  AccessStore &
  PartnershipsStore &
  Pick<PlacementsStore, "withWorkplaceLock">;

export async function linkDigestChannelCommand(
  ctx: BotContext<DigestsStore & AccessStore & PartnershipsStore>,
  { access, args, channel, style }: CommandRequest,
): Promise<BotReply> {
  const t = ctx.t(access.actor.locale);
  if (!isAdmin(access)) return message(deniedView(t, "channel"));
  const result = await withRetry(() => linkDigestChannel(ctx.deps.store, access, { words: args, channel, locale: access.actor.locale }));
  switch (result.kind) {
    case "denied":
      return message(deniedView(t, "channel"));
    case "no_channel":
      return message(simpleMessage(t("digest:link.no_channel")));
    case "unlinked":
      return message(simpleMessage(t("digest:link.unlinked")));
    case "not_linked":
      return message(simpleMessage(t("digest:link.not_linked")));
    case "choose_partnership":
      return message(
        simpleMessage(
          t("digest:link.choose_partnership", {
            example: `${style === "slack" ? "/praktik " : ""}${t("digest:link.command_word")} ${result.partnerships[0]?.slug ?? ""}`,
            slugs: result.partnerships.map((p) => `${p.slug} (${p.name})`).join(", "),
          }),
        ),
      );
    case "unknown_organisation":
      return message(
        simpleMessage(t("digest:link.unknown_organisation", { name: result.name, organisations: result.organisations.map((o) => o.name).join(", ") })),
      );
    case "linked": {
      const { link } = result;
      const vars = {
        partnership: result.partnership.name,
        organisation: result.organisation?.name,
        weekday: t(`digest:weekday.${link.weekday}`),
        time: link.time,
        language: t(`digest:language.${ctx.deps.i18n.localeOf(link.locale)}`),
      };
      return message(simpleMessage(t(result.organisation ? "digest:link.linked_organisation" : "digest:link.linked_partnership", vars)));
    }
  }
}

/** A digest button: the placement is changed only if it still ends on the date the digest asked about. */
async function answerEnding(
  ctx: BotContext<DigestsFeatureStore>,
  request: { access: CommandRequest["access"]; value: string | undefined },
  answer: "extend" | "as_planned",
): Promise<BotReply> {
  const { access } = request;
  const locale = access.actor.locale;
  const t = ctx.t(locale);
  const asked = parseEndingValue(request.value);
  if (!asked) return notice(simpleMessage(t("errors:form_expired")));
  const found = await withRetry(() => placementFor(ctx.deps.store, access, asked.placementId));
  if (found.kind === "denied") return notice(access.kind === "known" ? simpleMessage(t("digest:extend.not_yours")) : noAccessView(access.actor, t));
  if (found.kind === "not_found") return notice(simpleMessage(t("rules:errors.not_found")));
  const p = found.placement;
  if (p.endDate !== asked.endDate || isClosed(p))
    return notice(simpleMessage(t("digest:extend.already", { end: p.endDate ? formatDate(p.endDate, locale) : "–" })));
  if (answer === "as_planned") {
    await withRetry(() => ctx.deps.store.recordEndsAsPlanned(p.id, asked.endDate, { actor: actorRef(access.actor) }));
    return notice(simpleMessage(t("digest:extend.as_planned", { end: formatDate(asked.endDate, locale) })));
  }
  const result = await extendPlacement(
    ctx.deps.store,
    access,
    { placementId: p.id, endDate: addDays(asked.endDate, EXTENSION_WEEKS * 7) },
    todayIn(ctx.deps.timezone, ctx.now()),
  );
  if (result.kind === "denied") return notice(noAccessView(access.actor, t));
  if (result.kind === "invalid") {
    const problem = Object.values(result.problems)[0];
    return notice(simpleMessage(problem ? t(problem.key, problem.vars ?? {}) : t("errors:form_expired")));
  }
  return notice(simpleMessage(t("digest:extend.done", { end: formatDate(result.placement.endDate!, locale) })));
}

export const digestsFeature: Feature<DigestsFeatureStore> = {
  actions: {
    [DIGEST_ACTIONS.extend]: (ctx, request) => answerEnding(ctx, request, "extend"),
    [DIGEST_ACTIONS.endsAsPlanned]: (ctx, request) => answerEnding(ctx, request, "as_planned"),
  },
};
