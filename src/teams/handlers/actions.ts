// Card buttons. Action.Execute arrives as an invoke ("adaptiveCard/action") that must be
// answered with a non-empty response, or Teams shows "Unable to reach app" and sends the action
// again; Action.Submit from a client without Universal Actions arrives as a message whose value
// is the card data. Either is a form submission when the data carries a nonce (forms.ts), and
// a message button otherwise, whose value (e.g. a request id) is in the card data.
import type { AdaptiveCardActionResponse } from "@microsoft/teams.api";
import type { App } from "@microsoft/teams.apps";
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import type { BotReply } from "../../bot/bot.js";
import type { Actor } from "../../kernel/actor.js";
import { actorFromActivity } from "../actor.js";
import { rememberConversation } from "../conversations.js";
import { type CardAction, readCardAction, type TeamsMessageActivity, ZActionData, ZCardActionInvoke } from "../payloads.js";
import { CARD_CONTENT_TYPE, cardMessage } from "../render/card.js";
import { messageActivity } from "../render/message-card.js";
import { type HandlerDeps, issueSummary, type TeamsTurn } from "./deps.js";
import { type FormOutcome, submitForm } from "./forms.js";
import { replyActivity, replyCard, replySummary } from "./reply.js";
import { sendActivity } from "./send.js";

/** What a card action leads to: a form's outcome, or a new message below the card (which stays). */
type ActionOutcome = FormOutcome | { kind: "post"; reply: BotReply };

export function registerActionHandlers(app: App, deps: HandlerDeps): void {
  app.on("card.action", async (ctx) => onCardAction(deps, ctx));
}

async function onCardAction(deps: HandlerDeps, turn: TeamsTurn): Promise<AdaptiveCardActionResponse> {
  const parsed = ZCardActionInvoke.safeParse(turn.activity);
  if (!parsed.success) {
    deps.logger.warn({ issues: issueSummary(parsed.error.issues) }, "Teams card action ignored: unexpected shape");
    return errorResponse(400, "BadRequest", "Unreadable card action");
  }
  const activity = parsed.data;
  try {
    const actor = await deps.bot.withPreferredLocale(actorFromActivity(activity, deps.defaultLocale));
    await rememberConversation(deps, activity, actor);
    const { action } = activity.value;
    const outcome = await runAction(deps, actor, readCardAction(action.verb, action.data ?? undefined));
    if (outcome.kind === "replace") return cardResponse(outcome.card);
    // A message response shows to the person who pressed, and leaves the card untouched.
    if (outcome.kind === "notice") return messageResponse(outcome.view.text);
    // Teams must get a non-empty answer, or it shows "Unable to reach app" and sends the action again.
    if (await sendActivity(deps, turn, replyActivity(deps, outcome.reply, actor.locale), activity.conversation.id)) {
      return messageResponse(replySummary(outcome.reply));
    }
    return cardResponse(replyCard(deps, outcome.reply, actor.locale));
  } catch (error) {
    // The bot answers its own faults; this is a fault in the adapter. Still answer, never hang.
    deps.logger.error({ err: error, conversationId: activity.conversation.id }, "Teams card action failed");
    return errorResponse(500, "InternalError", "The action could not be completed");
  }
}

/** Action.Submit from a client without Universal Actions: a message whose value is the card data. */
export async function onLegacySubmit(deps: HandlerDeps, turn: TeamsTurn, activity: TeamsMessageActivity, actor: Actor): Promise<void> {
  const data = ZActionData.safeParse(activity.value);
  if (!data.success) {
    deps.logger.warn({ issues: data.error.issues.length }, "Teams card submission without readable data");
  }
  const outcome = await runAction(deps, actor, readCardAction(undefined, data.success ? data.data : undefined));
  const conversationId = activity.conversation.id;
  if (outcome.kind === "post") {
    await sendActivity(deps, turn, replyActivity(deps, outcome.reply, actor.locale), conversationId);
    return;
  }
  if (outcome.kind === "notice") {
    await sendActivity(deps, turn, messageActivity(outcome.view), conversationId);
    return;
  }
  const message = cardMessage(outcome.card, outcome.summary);
  // Update the card in place like Action.Execute does; a new message if that is not possible.
  if (activity.replyToId && (await sendActivity(deps, turn, { ...message, id: activity.replyToId }, conversationId))) return;
  await sendActivity(deps, turn, message, conversationId);
}

async function runAction(deps: HandlerDeps, actor: Actor, action: CardAction): Promise<ActionOutcome> {
  const { nonce } = action;
  if (nonce !== undefined) return submitForm(deps, actor, { ...action, nonce });
  const value = typeof action.values.value === "string" ? action.values.value : undefined;
  const reply = await deps.bot.handleAction(actor, action.verb ?? "", "teams", value);
  if (reply.kind === "notice") return { kind: "notice", view: reply.view };
  return { kind: "post", reply };
}

function cardResponse(card: IAdaptiveCard): AdaptiveCardActionResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card };
}

function messageResponse(text: string): AdaptiveCardActionResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text };
}

function errorResponse(statusCode: 400 | 500, code: string, message: string): AdaptiveCardActionResponse {
  return { statusCode, type: "application/vnd.microsoft.error", value: { code, message, innerHttpError: { statusCode, body: null } } };
}
