// Support requests: `tolk`, `mentor`, `besøg`, `dansk`, `opkvalificering` (the form and its
// submission), the jobcenter channel's buttons (take, done, decline with a reason),
// `anmodninger` (open requests) and `kanal jobcenter` (link the channel).
import { isAdmin, type KnownAccess } from "../../kernel/access.js";
import type { Locale } from "../../kernel/actor.js";
import type { CommandName } from "../../kernel/commands.js";
import { channelCommandText, commandText, deniedView, noAccessView } from "../../kernel/common-views.js";
import { type BotContext, type BotReply, type CommandRequest, type Feature, message, notice } from "../../kernel/feature.js";
import type { FieldErrors, FormValues, FormView } from "../../kernel/form.js";
import { type MessageView, simpleMessage } from "../../kernel/message.js";
import { userAddressFromRef } from "../../kernel/messenger.js";
import type { PartnershipRecord } from "../../kernel/records.js";
import { withRetry } from "../../kernel/retry.js";
import type { AccessStore, PartnershipsStore, PlacementLookupStore } from "../../kernel/store.js";
import { type FormOpened, submitForm } from "../../kernel/submit-form.js";
import type { ChannelsStore } from "../channels/index.js";
import { linkChannel } from "../channels/index.js";
import type { DigestsStore } from "../digests/index.js";
import { isDigestChannelCommand, linkDigestChannelCommand } from "../digests/index.js";
import type { PlacementsStore } from "../placements/index.js";
import { ZDeclineSupportRequestInput, ZRequestSupportInput } from "./contract.js";
import { DECLINE_FORM_ID, declineFormView, SUPPORT_FORM_ID, supportFormView } from "./form.js";
import { listSupportRequests } from "./list-support-requests.js";
import { openSupportForm, requestSupport, type SupportFormContext } from "./request-support.js";
import { SUPPORT_KINDS, type SupportKind, type SupportRequestRecord, type SupportRequestsStore } from "./store.js";
import { canHandleRequests, type SupportTransition, type TransitionResult, transitionSupportRequest } from "./transition-support-request.js";
import {
  chooseSupportView,
  mentorFiguresBlock,
  requesterNoticeView,
  SUPPORT_ACTIONS,
  supportChannelView,
  supportConfirmationView,
  supportListView,
} from "./views.js";

/** The store ports this feature's commands, buttons and forms use. */
export type SupportRequestsFeatureStore = SupportRequestsStore &
  ChannelsStore &
  PlacementsStore &
  PlacementLookupStore &
  AccessStore &
  PartnershipsStore &
  DigestsStore;

function supportForm(
  ctx: BotContext<SupportRequestsFeatureStore>,
  context: SupportFormContext,
  locale: Locale,
  more: { values?: FormValues; errors?: FieldErrors; nonce?: string } = {},
): FormView {
  return supportFormView({ context, t: ctx.t(locale), locale, nonce: more.nonce ?? ctx.newNonce(), values: more.values, errors: more.errors });
}

async function openForm(ctx: BotContext<SupportRequestsFeatureStore>, access: KnownAccess, kind: SupportKind, placementId?: string): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  const result = await withRetry(() =>
    openSupportForm(ctx.deps.store, access, { kind, now: ctx.now(), timezone: ctx.deps.timezone, ...(placementId ? { placementId } : {}) }),
  );
  if (result.kind === "denied") return message(noAccessView(actor, t));
  if (result.kind === "no_partnership") return message(simpleMessage(t("progress:no_partnership")));
  return { kind: "form", form: supportForm(ctx, result.context, actor.locale) };
}

/** The language of the jobcenter channel (the admin's when it was linked), else the deployment's default. */
async function channelLocale(ctx: BotContext<SupportRequestsFeatureStore>, partnershipId: string): Promise<Locale> {
  const links = await ctx.deps.store.listChannelLinks(partnershipId, "jobcenter");
  return ctx.deps.i18n.localeOf(links[0]?.locale);
}

/** Posts a new request to the partnership's jobcenter channel; true when it got there. */
async function postToJobcenter(ctx: BotContext<SupportRequestsFeatureStore>, request: SupportRequestRecord): Promise<boolean> {
  const { store, messenger, logger, timezone } = ctx.deps;
  if (request.channelMessage) return true;
  const [link] = await store.listChannelLinks(request.partnershipId, "jobcenter");
  if (!link || !messenger) {
    logger.warn({ requestId: request.id, partnershipId: request.partnershipId }, "support request not posted: no jobcenter channel linked");
    return false;
  }
  const locale = ctx.deps.i18n.localeOf(link.locale);
  try {
    const ref = await messenger.postToChannel(link, supportChannelView(request, ctx.t(locale), locale, timezone));
    await store.setSupportRequestMessage(request.id, ref);
    return true;
  } catch (error) {
    logger.error(
      { err: error, requestId: request.id, channelId: link.channelId, platform: link.platform },
      "support request could not be posted to the jobcenter channel",
    );
    return false;
  }
}

/** After a change: the channel message shows the new state, and the requester is told. */
async function announceChange(ctx: BotContext<SupportRequestsFeatureStore>, request: SupportRequestRecord): Promise<void> {
  const { store, messenger, logger, timezone } = ctx.deps;
  if (!messenger) return;
  if (request.channelMessage) {
    const locale = await channelLocale(ctx, request.partnershipId);
    await messenger
      .updateMessage(request.channelMessage, supportChannelView(request, ctx.t(locale), locale, timezone))
      .catch((error: unknown) => logger.error({ err: error, requestId: request.id }, "jobcenter channel message could not be updated"));
  }
  const address = userAddressFromRef(request.requestedBy);
  if (!address) return;
  const contact = await store.findContact(address.platform, address.workspaceId, [address.userId]).catch(() => undefined);
  const locale = ctx.deps.i18n.localeOf(contact?.locale);
  await messenger.sendDirect(address, requesterNoticeView(request, ctx.t(locale), locale, timezone));
}

const submitSupport = submitForm<SupportRequestsFeatureStore>()({
  open: async (ctx, { access, submission }): Promise<FormOpened<SupportFormContext>> => {
    const kind = SUPPORT_KINDS.find((k) => k === submission.state.kind);
    if (!kind) return { kind: "refused", view: simpleMessage(ctx.t(access.actor.locale)("errors:form_expired")) };
    const opened = await openSupportForm(ctx.deps.store, access, { kind, now: ctx.now(), timezone: ctx.deps.timezone });
    return opened.kind === "ok" ? opened : { kind: "denied" };
  },
  form: (ctx, context, { access, submission }) => supportForm(ctx, context, access.actor.locale, { values: submission.values, nonce: submission.nonce }),
  contract: ZRequestSupportInput,
  fixedValues: (context) => ({ kind: context.kind }),
  run: (ctx, { access, input, idempotencyKey }) =>
    requestSupport(ctx.deps.store, access, input, { idempotencyKey, now: ctx.now(), timezone: ctx.deps.timezone }),
  answer: async (ctx, result, { access: { actor }, input }) => {
    if (result.kind !== "saved") return result;
    ctx.deps.logger.info({ requestId: result.request.id, kind: input.kind, duplicate: result.duplicate, platform: actor.platform }, "support request saved");
    const posted = await postToJobcenter(ctx, result.request);
    return { kind: "done", view: supportConfirmationView(result.request, result.duplicate, posted, ctx.t(actor.locale), actor.locale, ctx.deps.timezone) };
  },
});

/** Why a transition did not happen, in words for the person who pressed. */
function refusalView(ctx: BotContext<SupportRequestsFeatureStore>, access: KnownAccess, request: SupportRequestRecord): MessageView {
  const t = ctx.t(access.actor.locale);
  const holder = request.holderName ?? t("support:someone");
  if (request.status === "taken") return simpleMessage(t("support:refused.already_taken", { holder }));
  if (request.status === "done") return simpleMessage(t("support:refused.already_done", { holder }));
  if (request.status === "declined") return simpleMessage(t("support:refused.already_declined", { holder }));
  return simpleMessage(t("support:refused.not_possible"));
}

/** A transition's result in words for the person who pressed; a change is announced. */
async function transitionAnswer(
  ctx: BotContext<SupportRequestsFeatureStore>,
  access: KnownAccess,
  what: SupportTransition,
  result: TransitionResult,
): Promise<{ view: MessageView; ok: boolean }> {
  const t = ctx.t(access.actor.locale);
  switch (result.kind) {
    case "denied":
      return { view: simpleMessage(t("support:refused.staff_only")), ok: false };
    case "not_found":
      return { view: simpleMessage(t("support:refused.not_found")), ok: false };
    case "not_allowed":
      return { view: refusalView(ctx, access, result.request), ok: false };
    case "reason_required":
    case "reason_invalid":
      return { view: simpleMessage(t("support:decline.reason_required")), ok: false };
    case "ok":
      ctx.deps.logger.info({ requestId: result.request.id, transition: what, platform: access.actor.platform }, "support request changed");
      await announceChange(ctx, result.request);
      return { view: simpleMessage(t(`support:done_by_you.${what}`, { id: result.request.id.slice(0, 8) })), ok: true };
  }
}

async function transition(
  ctx: BotContext<SupportRequestsFeatureStore>,
  access: KnownAccess,
  requestId: string | undefined,
  what: SupportTransition,
): Promise<{ view: MessageView; ok: boolean }> {
  if (!requestId) return { view: simpleMessage(ctx.t(access.actor.locale)("errors:form_expired")), ok: false };
  const result = await withRetry(() => transitionSupportRequest(ctx.deps.store, access, { requestId, transition: what, now: ctx.now() }));
  return transitionAnswer(ctx, access, what, result);
}

const submitDecline = submitForm<SupportRequestsFeatureStore>()({
  open: async (ctx, { access, submission }): Promise<FormOpened<string>> => {
    const t = ctx.t(access.actor.locale);
    if (!canHandleRequests(access)) return { kind: "refused", view: simpleMessage(t("support:refused.staff_only")) };
    const requestId = submission.state.request;
    if (!requestId) return { kind: "refused", view: simpleMessage(t("errors:form_expired")) };
    return { kind: "ok", context: requestId };
  },
  form: (ctx, requestId, { access, submission }) =>
    declineFormView({ requestId, t: ctx.t(access.actor.locale), nonce: submission.nonce, values: submission.values }),
  contract: ZDeclineSupportRequestInput,
  // Declining twice finds the request declined already: the second is told so, nothing changes.
  run: (ctx, { access, input, context: requestId }) =>
    transitionSupportRequest(ctx.deps.store, access, { requestId, transition: "decline", now: ctx.now(), reason: input.reason }),
  answer: async (ctx, result, { access }) => {
    const { view, ok } = await transitionAnswer(ctx, access, "decline", result);
    return ok ? { kind: "done", view } : { kind: "refused", view };
  },
});

async function showRequests(ctx: BotContext<SupportRequestsFeatureStore>, access: KnownAccess): Promise<BotReply> {
  const { actor } = access;
  const t = ctx.t(actor.locale);
  const now = ctx.now();
  const result = await withRetry(() => listSupportRequests(ctx.deps.store, access, now));
  if (result.kind === "denied") return message(noAccessView(actor, t));
  return message(supportListView({ ...result, now, t, locale: actor.locale, timezone: ctx.deps.timezone }));
}

async function linkJobcenterChannel(ctx: BotContext<SupportRequestsFeatureStore>, request: CommandRequest): Promise<BotReply> {
  if (isDigestChannelCommand(request.args)) return linkDigestChannelCommand(ctx, request);
  const { access, args, channel, style } = request;
  const t = ctx.t(access.actor.locale);
  if (!isAdmin(access)) return message(deniedView(t, "channel"));
  const result = await withRetry(() => linkChannel(ctx.deps.store, access, { words: args, channel, locale: access.actor.locale }));
  switch (result.kind) {
    case "denied":
      return message(deniedView(t, "channel"));
    case "no_channel":
      return message(simpleMessage(t("support:channel_link.no_channel")));
    case "unknown_purpose":
      return message(
        simpleMessage(
          t("support:channel_link.usage", {
            command: commandText("channel", style, t),
            digest: channelCommandText("channel_digest", style, t),
            off: channelCommandText("channel_off", style, t),
          }),
        ),
      );
    case "choose_partnership":
      return message(
        simpleMessage(
          t("support:channel_link.choose_one_partnership", {
            example: `${commandText("channel", style, t)} ${result.partnerships[0]?.slug ?? ""}`,
            slugs: result.partnerships.map((p) => `${p.slug} (${p.name})`).join(", "),
          }),
        ),
      );
    case "linked":
      return message(simpleMessage(t("support:channel_link.linked", { partnership: result.partnership.name })));
  }
}

/** The progress message with each partnership's mentor hours against the agreement's planning figure. */
export async function withMentorFigures(
  ctx: BotContext<Pick<SupportRequestsStore, "mentorFigures">>,
  partnerships: PartnershipRecord[],
  view: MessageView,
  locale: Locale,
): Promise<MessageView> {
  const t = ctx.t(locale);
  const blocks = [...view.blocks];
  for (const partnership of partnerships) {
    const figures = await withRetry(() => ctx.deps.store.mentorFigures(partnership.id));
    blocks.push(
      { type: "divider" },
      { type: "text", text: t("support:mentor.heading_for", { partnership: partnership.name }) },
      mentorFiguresBlock(figures, t, locale),
    );
  }
  return { ...view, blocks };
}

const KIND_COMMANDS: Record<SupportKind, CommandName> = {
  interpreter: "interpreter",
  mentor: "mentor",
  visit: "visit",
  danish: "danish",
  upskilling: "upskilling",
};

export const supportRequestsFeature: Feature<SupportRequestsFeatureStore> = {
  commands: {
    ...Object.fromEntries(
      SUPPORT_KINDS.map((kind) => [
        KIND_COMMANDS[kind],
        (ctx: BotContext<SupportRequestsFeatureStore>, { access }: { access: KnownAccess }) => openForm(ctx, access, kind),
      ]),
    ),
    requests: (ctx, { access }) => showRequests(ctx, access),
    channel: linkJobcenterChannel,
  },
  actions: {
    [SUPPORT_ACTIONS.choose]: async (ctx, { access, value }) => {
      const t = ctx.t(access.actor.locale);
      if (!value) return message(simpleMessage(t("errors:form_expired")));
      return message(chooseSupportView(value, t));
    },
    [SUPPORT_ACTIONS.openForm]: (ctx, { access, value }) => {
      const [kind, placementId] = (value ?? "").split(":");
      const known = SUPPORT_KINDS.find((k) => k === kind) ?? "visit";
      return openForm(ctx, access, known, placementId || undefined);
    },
    [SUPPORT_ACTIONS.take]: async (ctx, { access, value }) => notice((await transition(ctx, access, value, "take")).view),
    [SUPPORT_ACTIONS.done]: async (ctx, { access, value }) => notice((await transition(ctx, access, value, "done")).view),
    [SUPPORT_ACTIONS.decline]: async (ctx, { access, value }) => {
      const t = ctx.t(access.actor.locale);
      // Refuse before asking for a reason, so nobody writes one in vain.
      if (!canHandleRequests(access)) return notice(simpleMessage(t("support:refused.staff_only")));
      if (!value) return message(simpleMessage(t("errors:form_expired")));
      return { kind: "form", form: declineFormView({ requestId: value, t, nonce: ctx.newNonce() }) };
    },
  },
  forms: {
    [SUPPORT_FORM_ID]: submitSupport,
    [DECLINE_FORM_ID]: submitDecline,
  },
};
