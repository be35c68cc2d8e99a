// Teams activities in, bot calls out, cards back. A message is a command; a card button
// (Action.Execute, or Action.Submit from older clients) is a form submission when its data
// carries a nonce, and a message button otherwise.
import type { ActivityLike, AdaptiveCardActionResponse } from "@microsoft/teams.api";
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import type { AdapterContext } from "../adapter.js";
import type { BotReply } from "../bot/bot.js";
import type { FollowUp } from "../kernel/feature.js";
import type { Actor, Locale } from "../kernel/actor.js";
import type { FormView } from "../kernel/form.js";
import { FILES_PATH } from "../http/file-shelf.js";
import type { MessageView } from "../kernel/message.js";
import { actorFromActivity } from "./actor.js";
import { channelConversationId, conversationRefFrom } from "./messenger.js";
import {
  type CardAction,
  commandTextFrom,
  readCardAction,
  type TeamsActivityBase,
  type TeamsMessageActivity,
  ZActionData,
  ZCardActionInvoke,
  ZInstallActivity,
  ZMessageActivity,
} from "./payloads.js";
import { CARD_CONTENT_TYPE, cardMessage } from "./render/card.js";
import { fileCard } from "./render/file-card.js";
import { formCard } from "./render/form-card.js";
import { messageCard } from "./render/message-card.js";

/** The part of the SDK's activity context the handlers use. */
export type TeamsTurn = {
  activity: unknown;
  send(activity: ActivityLike): Promise<unknown>;
};

/** What a card action leads to. */
type ActionOutcome =
  /** The card the button was on turns into this one (a form with errors, or its summary). */
  | { kind: "replace"; card: IAdaptiveCard; summary: string }
  /** A new message below; the card with the button stays as it was. */
  | { kind: "post"; reply: BotReply }
  /** Only this person is told (refused, or a fault of ours); the card and what was typed stay. */
  | { kind: "notice"; view: MessageView };

export type TeamsHandlers = {
  onMessage(turn: TeamsTurn): Promise<void>;
  onInstall(turn: TeamsTurn): Promise<void>;
  onCardAction(turn: TeamsTurn): Promise<AdaptiveCardActionResponse>;
};

export function createTeamsHandlers(context: AdapterContext): TeamsHandlers {
  const { bot, logger, defaultLocale } = context;

  /** Keeps where the bot can post later (proactive messages); never blocks the answer. */
  const remember = async (activity: TeamsActivityBase, actor: Actor): Promise<void> => {
    const ref = conversationRefFrom(activity, actor.userId);
    if (!ref) return;
    await context.store?.saveConversationRef(ref).catch((error: unknown) => logger.warn({ err: error }, "could not keep the Teams conversation reference"));
  };

  const renderForm = (form: FormView, locale: Locale): IAdaptiveCard => {
    const t = bot.t(locale);
    return formCard(form, { errorSummary: t("form:errors.summary"), requiredMessage: t("form:errors.required") });
  };

  const replyCard = (reply: BotReply, locale: Locale): IAdaptiveCard =>
    reply.kind === "form" ? renderForm(reply.form, locale) : messageCard(reply.view);

  const replySummary = (reply: BotReply): string => (reply.kind === "form" ? reply.form.title : reply.view.text);

  /** One line of text reads best as a plain chat message; anything richer is a card. */
  const replyActivity = (reply: BotReply, locale: Locale): ActivityLike => {
    if (reply.kind === "message" && isPlainText(reply.view)) return { type: "message", text: reply.view.text, textFormat: "plain" };
    return cardMessage(replyCard(reply, locale), replySummary(reply));
  };

  /** Files become download links the bot serves for a while; a plain message stays a message. */
  const followUpActivity = (followUp: FollowUp, locale: Locale): ActivityLike => {
    if (followUp.kind === "message" || !context.files || !context.publicUrl) {
      return replyActivity({ kind: "message", view: followUp.view }, locale);
    }
    const t = bot.t(locale);
    const shelf = context.files;
    const base = context.publicUrl();
    const links = followUp.files.map((file) => ({
      label: t(file.fileName.endsWith(".md") ? "quarterly:report_download_markdown" : "quarterly:report_download"),
      url: `${base}${FILES_PATH}/${shelf.put(file)}`,
    }));
    const note = t("quarterly:report_link_expires", { minutes: Math.round(shelf.ttlMs / 60_000) });
    return cardMessage(fileCard(followUp.view, links, note), followUp.view.text);
  };

  const deliver = async (turn: TeamsTurn, activity: ActivityLike, conversationId: string): Promise<boolean> => {
    try {
      await turn.send(activity);
      return true;
    } catch (error) {
      logger.error({ err: describeSendError(error), conversationId }, "Teams reply could not be delivered");
      return false;
    }
  };

  const runAction = async (actor: Actor, action: CardAction): Promise<ActionOutcome> => {
    if (action.nonce !== undefined) {
      const result = await bot.submitForm(actor, {
        formId: action.verb ?? "",
        values: action.values,
        nonce: action.nonce,
        state: action.state,
      });
      if (result.kind === "invalid") return { kind: "replace", card: renderForm(result.form, actor.locale), summary: result.form.title };
      if (result.kind === "refused" || result.kind === "fault") return { kind: "notice", view: result.view };
      return { kind: "replace", card: messageCard(result.view), summary: result.view.text };
    }
    // A message button carries its value (e.g. a request id) in the card data.
    const value = typeof action.values.value === "string" ? action.values.value : undefined;
    const reply = await bot.handleAction(actor, action.verb ?? "", "teams", value);
    if (reply.kind === "notice") return { kind: "notice", view: reply.view };
    return { kind: "post", reply };
  };

  /** Action.Submit from a client without Universal Actions: a message whose value is the card data. */
  const onLegacySubmit = async (turn: TeamsTurn, activity: TeamsMessageActivity, actor: Actor): Promise<void> => {
    const data = ZActionData.safeParse(activity.value);
    if (!data.success) {
      logger.warn({ issues: data.error.issues.length }, "Teams card submission without readable data");
    }
    const outcome = await runAction(actor, readCardAction(undefined, data.success ? data.data : undefined));
    const conversationId = activity.conversation.id;
    if (outcome.kind === "post") {
      await deliver(turn, replyActivity(outcome.reply, actor.locale), conversationId);
      return;
    }
    if (outcome.kind === "notice") {
      await deliver(turn, replyActivity({ kind: "message", view: outcome.view }, actor.locale), conversationId);
      return;
    }
    const message = cardMessage(outcome.card, outcome.summary);
    // Update the card in place like Action.Execute does; a new message if that is not possible.
    if (activity.replyToId && (await deliver(turn, { ...message, id: activity.replyToId }, conversationId))) return;
    await deliver(turn, message, conversationId);
  };

  return {
    async onMessage(turn) {
      const parsed = ZMessageActivity.safeParse(turn.activity);
      if (!parsed.success) {
        logger.warn({ issues: issueSummary(parsed.error.issues) }, "Teams message ignored: unexpected shape");
        return;
      }
      const activity = parsed.data;
      try {
        const actor = actorFromActivity(activity, defaultLocale);
        await remember(activity, actor);
        const text = commandTextFrom(activity.text);
        if (text === "" && activity.value !== undefined && activity.value !== null) {
          await onLegacySubmit(turn, activity, actor);
          return;
        }
        const where =
          activity.conversation.conversationType === "channel"
            ? { platform: "teams" as const, workspaceId: actor.workspaceId, channelId: channelConversationId(activity.conversation.id) }
            : undefined;
        const reply = await bot.handleCommand(actor, text, "teams", where);
        await deliver(turn, replyActivity(reply, actor.locale), activity.conversation.id);
        if (reply.kind === "message" && reply.followUp) {
          await deliver(turn, followUpActivity(await reply.followUp(), actor.locale), activity.conversation.id);
        }
      } catch (error) {
        logger.error({ err: error, conversationId: activity.conversation.id }, "Teams message failed");
      }
    },

    /**
     * Someone added the app in a personal chat: the help, or for a person the bot does not
     * know yet, how to get access and the id the secretariat needs.
     */
    async onInstall(turn) {
      const parsed = ZInstallActivity.safeParse(turn.activity);
      if (!parsed.success) return;
      await remember(parsed.data, actorFromActivity(parsed.data, defaultLocale));
      if (parsed.data.conversation.conversationType !== "personal") return;
      const activity = parsed.data;
      const actor = actorFromActivity(activity, defaultLocale);
      const reply = await bot.handleCommand(actor, "", "teams");
      await deliver(turn, replyActivity(reply, actor.locale), activity.conversation.id);
    },

    async onCardAction(turn) {
      const parsed = ZCardActionInvoke.safeParse(turn.activity);
      if (!parsed.success) {
        logger.warn({ issues: issueSummary(parsed.error.issues) }, "Teams card action ignored: unexpected shape");
        return errorResponse(400, "BadRequest", "Unreadable card action");
      }
      const activity = parsed.data;
      try {
        const actor = actorFromActivity(activity, defaultLocale);
        await remember(activity, actor);
        const { action } = activity.value;
        const outcome = await runAction(actor, readCardAction(action.verb, action.data ?? undefined));
        if (outcome.kind === "replace") return cardResponse(outcome.card);
      // A message response shows to the person who pressed, and leaves the card untouched.
      if (outcome.kind === "notice") return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: outcome.view.text };
        // Teams must get a non-empty answer, or it shows "Unable to reach app" and sends the action again.
        if (await deliver(turn, replyActivity(outcome.reply, actor.locale), activity.conversation.id)) {
          return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: replySummary(outcome.reply) };
        }
        return cardResponse(replyCard(outcome.reply, actor.locale));
      } catch (error) {
        // The bot answers its own faults; this is a fault in the adapter. Still answer, never hang.
        logger.error({ err: error, conversationId: activity.conversation.id }, "Teams card action failed");
        return errorResponse(500, "InternalError", "The action could not be completed");
      }
    },
  };
}

function cardResponse(card: IAdaptiveCard): AdaptiveCardActionResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card };
}

function errorResponse(statusCode: 400 | 500, code: string, message: string): AdaptiveCardActionResponse {
  return { statusCode, type: "application/vnd.microsoft.error", value: { code, message, innerHttpError: { statusCode, body: null } } };
}

function isPlainText(view: MessageView): boolean {
  return view.blocks.length === 1 && view.blocks[0]?.type === "text" && view.blocks[0].text === view.text;
}

function issueSummary(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.slice(0, 5).map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
}

/** The useful part of a failed connector call, without request headers (they carry the bot's token). */
export function describeSendError(error: unknown): { message: string; status?: number; code?: string; path?: string } {
  const e = error as { message?: unknown; code?: unknown; response?: { status?: unknown }; request?: { path?: unknown } } | null;
  const described: { message: string; status?: number; code?: string; path?: string } = {
    message: typeof e?.message === "string" ? e.message : String(error),
  };
  if (typeof e?.response?.status === "number") described.status = e.response.status;
  if (typeof e?.code === "string") described.code = e.code;
  if (typeof e?.request?.path === "string") described.path = e.request.path;
  return described;
}
