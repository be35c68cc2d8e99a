// A submitted form card (its action data carries the form's nonce). Field errors redraw the
// card with the errors under the fields and what was typed kept; a saved form turns the card
// into its confirmation; a refusal or a fault of ours is told to this person only.
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import type { Actor } from "../../kernel/actor.js";
import type { MessageView } from "../../kernel/message.js";
import type { CardAction } from "../payloads.js";
import { messageCard } from "../render/message-card.js";
import type { HandlerDeps } from "./deps.js";
import { renderForm } from "./reply.js";

/** What a submission leads to. */
export type FormOutcome =
  /** The card the button was on turns into this one (the form with errors, or its confirmation). */
  | { kind: "replace"; card: IAdaptiveCard; summary: string }
  /** Only this person is told (refused, or a fault of ours); the card and what was typed stay. */
  | { kind: "notice"; view: MessageView };

export async function submitForm(deps: HandlerDeps, actor: Actor, action: CardAction & { nonce: string }): Promise<FormOutcome> {
  const result = await deps.bot.submitForm(actor, {
    formId: action.verb ?? "",
    values: action.values,
    nonce: action.nonce,
    state: action.state,
  });
  if (result.kind === "invalid") return { kind: "replace", card: renderForm(deps, result.form, actor.locale), summary: result.form.title };
  if (result.kind === "refused" || result.kind === "fault") return { kind: "notice", view: result.view };
  // Teams waits for the card that answers the action far longer than Slack's 3 seconds: what
  // follows the answer (a post for approval) is done before it, so the card never runs ahead of it.
  await result.after?.();
  return { kind: "replace", card: messageCard(result.view), summary: result.view.text };
}
