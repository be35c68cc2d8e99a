// The municipality's approval in the chat: a new placement is posted to the partnership's
// jobcenter channel with approve and refuse buttons; the message is updated in place as it is
// decided, and whoever registered it is told by direct message.
import type { KnownAccess } from "../../kernel/access.js";
import type { Actor, Locale } from "../../kernel/actor.js";
import { todayIn } from "../../kernel/dates.js";
import type { BotContext, BotReply, Feature } from "../../kernel/feature.js";
import { message, notice } from "../../kernel/feature.js";
import { type MessageView, simpleMessage } from "../../kernel/message.js";
import { userAddressFromRef } from "../../kernel/messenger.js";
import type { PlacementRecord } from "../../kernel/records.js";
import { withRetry } from "../../kernel/retry.js";
import type { AccessStore, PlacementLookupStore } from "../../kernel/store.js";
import { type FormOpened, submitForm } from "../../kernel/submit-form.js";
import type { ChannelsStore } from "../channels/index.js";
import { APPROVAL_ACTIONS, approvalChannelView, approvalStatusText, REFUSE_FORM_ID, refuseFormView, registrantNoticeView } from "./approval-views.js";
import { approvePlacement, canDecidePlacements, type DecisionResult } from "./approve-placement.js";
import { ZRefusePlacementInput } from "./contract.js";
import { refusePlacement } from "./refuse-placement.js";
import type { PlacementRulesStore } from "./store.js";

/** The store ports the approval needs. */
export type ApprovalStore = PlacementRulesStore & PlacementLookupStore & AccessStore & ChannelsStore;

async function channelLocale(ctx: BotContext<ApprovalStore>, partnershipId: string): Promise<Locale> {
  const links = await ctx.deps.store.listChannelLinks(partnershipId, "jobcenter");
  return ctx.deps.i18n.localeOf(links[0]?.locale);
}

/** Whether a placement that waits for the municipality can be posted to it: it is already, or a jobcenter channel is linked. */
export async function canPostForApproval(ctx: BotContext<ApprovalStore>, placement: PlacementRecord): Promise<boolean> {
  if (placement.channelMessage) return true;
  if (!ctx.deps.messenger) return false;
  return (await ctx.deps.store.listChannelLinks(placement.partnershipId, "jobcenter")).length > 0;
}

/**
 * Posts a placement for approval once its registrant has their answer (which said it is being
 * sent); when it could not go out, tells them so by direct message. Never throws.
 */
export async function postForApprovalOrTell(ctx: BotContext<ApprovalStore>, placement: PlacementRecord, registrant: Actor): Promise<void> {
  if (await postPlacementForApproval(ctx, placement)) return;
  const { messenger, logger } = ctx.deps;
  const told = await messenger
    ?.sendDirect(
      { platform: registrant.platform, workspaceId: registrant.workspaceId, userId: registrant.userId },
      simpleMessage(ctx.t(registrant.locale)("rules:approval.post_failed", { company: placement.company.name })),
    )
    .catch(() => false);
  if (!told) logger.error({ placementId: placement.id }, "the registrant could not be told that the placement was not posted for approval");
}

/**
 * Posts a placement that waits for the municipality to the partnership's jobcenter channel;
 * true when it is there. Never throws: the registration is saved whatever happens here.
 */
async function postPlacementForApproval(ctx: BotContext<ApprovalStore>, placement: PlacementRecord): Promise<boolean> {
  const { store, messenger, logger } = ctx.deps;
  if (placement.channelMessage) return true;
  try {
    const [link] = await store.listChannelLinks(placement.partnershipId, "jobcenter");
    if (!link || !messenger) {
      logger.warn({ placementId: placement.id, partnershipId: placement.partnershipId }, "placement not posted for approval: no jobcenter channel linked");
      return false;
    }
    const locale = ctx.deps.i18n.localeOf(link.locale);
    const ref = await messenger.postToChannel(link, approvalChannelView(placement, ctx.t(locale), locale));
    await store.setPlacementMessage(placement.id, ref);
    return true;
  } catch (error) {
    logger.error({ err: error, placementId: placement.id }, "placement could not be posted to the jobcenter channel");
    return false;
  }
}

/** The channel message shows the placement as it is now (after a decision or a confirmation). */
export async function refreshApprovalMessage(ctx: BotContext<ApprovalStore>, placement: PlacementRecord): Promise<void> {
  const { messenger, logger } = ctx.deps;
  if (!messenger || !placement.channelMessage) return;
  try {
    const locale = await channelLocale(ctx, placement.partnershipId);
    await messenger.updateMessage(placement.channelMessage, approvalChannelView(placement, ctx.t(locale), locale));
  } catch (error) {
    logger.error({ err: error, placementId: placement.id }, "jobcenter channel message for a placement could not be updated");
  }
}

/** After a decision: the channel message is updated and the registrant told. */
async function announceDecision(ctx: BotContext<ApprovalStore>, placement: PlacementRecord): Promise<void> {
  const { store, messenger, logger } = ctx.deps;
  await refreshApprovalMessage(ctx, placement);
  const address = userAddressFromRef(placement.createdBy);
  if (!messenger || !address) return;
  try {
    const contact = await store.findContact(address.platform, address.workspaceId, [address.userId]).catch(() => undefined);
    const locale = ctx.deps.i18n.localeOf(contact?.locale);
    await messenger.sendDirect(address, registrantNoticeView(placement, ctx.t(locale), locale));
  } catch (error) {
    logger.error({ err: error, placementId: placement.id }, "the registrant could not be told of the decision");
  }
}

/** A decision's result in words for the person who pressed; a decision is announced. */
async function decisionAnswer(ctx: BotContext<ApprovalStore>, access: KnownAccess, result: DecisionResult): Promise<{ view: MessageView; ok: boolean }> {
  const { locale } = access.actor;
  const t = ctx.t(locale);
  switch (result.kind) {
    case "denied":
      return { view: simpleMessage(t("rules:approval.staff_only")), ok: false };
    case "not_found":
      return { view: simpleMessage(t("rules:errors.not_found")), ok: false };
    case "not_allowed":
      return { view: simpleMessage(t("rules:approval.not_possible", { status: approvalStatusText(result.placement, t, locale) })), ok: false };
    case "ok":
      ctx.deps.logger.info({ placementId: result.placement.id, status: result.placement.status, platform: access.actor.platform }, "placement decided");
      await announceDecision(ctx, result.placement);
      return {
        view: simpleMessage(
          t(result.placement.status === "refused" ? "rules:approval.refused_by_you" : "rules:approval.approved_by_you", {
            id: result.placement.id.slice(0, 8),
          }),
        ),
        ok: true,
      };
  }
}

async function approve(ctx: BotContext<ApprovalStore>, access: KnownAccess, placementId: string | undefined): Promise<BotReply> {
  const t = ctx.t(access.actor.locale);
  if (!placementId) return message(simpleMessage(t("errors:form_expired")));
  const result = await withRetry(() => approvePlacement(ctx.deps.store, access, { placementId, now: ctx.now(), today: todayIn(ctx.deps.timezone, ctx.now()) }));
  return notice((await decisionAnswer(ctx, access, result)).view);
}

function openRefuseForm(ctx: BotContext<ApprovalStore>, access: KnownAccess, placementId: string | undefined): BotReply {
  const t = ctx.t(access.actor.locale);
  // Refuse before asking for a reason, so nobody writes one in vain.
  if (!canDecidePlacements(access)) return notice(simpleMessage(t("rules:approval.staff_only")));
  if (!placementId) return message(simpleMessage(t("errors:form_expired")));
  return { kind: "form", form: refuseFormView({ placementId, t, nonce: ctx.newNonce() }) };
}

const submitRefuse = submitForm<ApprovalStore>()({
  open: async (ctx, { access, submission }): Promise<FormOpened<string>> => {
    const t = ctx.t(access.actor.locale);
    if (!canDecidePlacements(access)) return { kind: "refused", view: simpleMessage(t("rules:approval.staff_only")) };
    const placementId = submission.state.placement;
    if (!placementId) return { kind: "refused", view: simpleMessage(t("errors:form_expired")) };
    return { kind: "ok", context: placementId };
  },
  form: (ctx, placementId, { access, submission }) =>
    refuseFormView({ placementId, t: ctx.t(access.actor.locale), nonce: submission.nonce, values: submission.values }),
  contract: ZRefusePlacementInput,
  // Refusing twice finds the placement refused already: the second is told so, nothing changes.
  run: (ctx, { access, input, context: placementId }) => refusePlacement(ctx.deps.store, access, { ...input, placementId, now: ctx.now() }),
  answer: async (ctx, result, { access }) => {
    const { view, ok } = await decisionAnswer(ctx, access, result);
    return ok ? { kind: "done", view } : { kind: "refused", view };
  },
});

/** The approve and refuse buttons under a placement in the jobcenter channel. */
export const approvalActions: NonNullable<Feature<ApprovalStore>["actions"]> = {
  [APPROVAL_ACTIONS.approve]: (ctx, { access, value }) => approve(ctx, access, value),
  [APPROVAL_ACTIONS.refuse]: async (ctx, { access, value }) => openRefuseForm(ctx, access, value),
};

/** The refusal form's submission. */
export const approvalForms: NonNullable<Feature<ApprovalStore>["forms"]> = { [REFUSE_FORM_ID]: submitRefuse };
