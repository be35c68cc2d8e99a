// The bot's replies as Teams activities: a form as a form card, one line of text as a plain
// chat message, anything richer as a card; and delivering a reply with its follow-up (files).
import type { ActivityLike } from "@microsoft/teams.api";
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import type { BotReply } from "../../bot/bot.js";
import type { Actor, Locale } from "../../kernel/actor.js";
import type { FormView } from "../../kernel/form.js";
import { cardMessage } from "../render/card.js";
import { formCard } from "../render/form-card.js";
import { messageActivity, messageCard } from "../render/message-card.js";
import type { HandlerDeps, TeamsTurn } from "./deps.js";
import { deliverFollowUp } from "./files.js";
import { sendActivity } from "./send.js";

export function renderForm(deps: HandlerDeps, form: FormView, locale: Locale): IAdaptiveCard {
  const t = deps.bot.t(locale);
  return formCard(form, { errorSummary: t("form:errors.summary"), requiredMessage: t("form:errors.required") });
}

export function replyCard(deps: HandlerDeps, reply: BotReply, locale: Locale): IAdaptiveCard {
  return reply.kind === "form" ? renderForm(deps, reply.form, locale) : messageCard(reply.view);
}

/** What notifications and an invoke's message response show for a reply. */
export function replySummary(reply: BotReply): string {
  return reply.kind === "form" ? reply.form.title : reply.view.text;
}

export function replyActivity(deps: HandlerDeps, reply: BotReply, locale: Locale): ActivityLike {
  if (reply.kind === "message") return messageActivity(reply.view);
  return cardMessage(replyCard(deps, reply, locale), replySummary(reply));
}

/** The reply in the conversation the request came from, then its follow-up if it has one. */
export async function deliverReply(deps: HandlerDeps, turn: TeamsTurn, actor: Actor, reply: BotReply, conversationId: string): Promise<void> {
  await sendActivity(deps, turn, replyActivity(deps, reply, actor.locale), conversationId);
  if (reply.kind === "message" && reply.followUp) await deliverFollowUp(deps, turn, actor, conversationId, await reply.followUp());
}
