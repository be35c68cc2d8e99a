// MessageView → Adaptive Card 1.5: headings and text as TextBlocks, facts as a FactSet,
// bullets one TextBlock each, buttons as Action.Execute with the action id as verb.
import type { ActivityLike } from "@microsoft/teams.api";
import type { ActionArray, CardElementArray, IAdaptiveCard, IExecuteAction } from "@microsoft/teams.cards";
import type { MessageAction, MessageBlock, MessageView } from "../../kernel/message.js";
import { ACTION_DATA_KEYS } from "../payloads.js";
import { CARD_SCHEMA, CARD_VERSION, cardMessage, inertMentions } from "./card.js";

export function messageCard(shown: MessageView): IAdaptiveCard {
  const view = inertView(shown);
  const body: CardElementArray = [];
  let actions: ActionArray | undefined;
  let separateNext = false;
  view.blocks.forEach((block, index) => {
    if (block.type === "divider") {
      separateNext = true;
      return;
    }
    const isLast = index === view.blocks.length - 1;
    if (block.type === "actions" && isLast) {
      actions = block.actions.map(executeAction);
      return;
    }
    const element = renderBlock(block);
    if (!element) return;
    if (separateNext) {
      element.separator = true;
      element.spacing = "Medium";
      separateNext = false;
    }
    body.push(element);
  });
  if (body.length === 0) body.push({ type: "TextBlock", text: view.text, wrap: true });
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    fallbackText: view.text,
    body,
    ...(actions ? { actions } : {}),
  };
}

type Element = CardElementArray[number];

function renderBlock(block: Exclude<MessageBlock, { type: "divider" }>): Element | undefined {
  switch (block.type) {
    case "heading":
      return { type: "TextBlock", text: block.text, size: "Medium", weight: "Bolder", wrap: true, style: "heading" };
    case "text":
      return { type: "TextBlock", text: block.text, wrap: true };
    case "context":
      return { type: "TextBlock", text: block.text, isSubtle: true, size: "Small", wrap: true };
    case "facts":
      return { type: "FactSet", facts: block.facts.map((f) => ({ title: f.label, value: f.value })) };
    case "bullets":
      if (block.items.length === 0) return undefined;
      return {
        type: "Container",
        items: block.items.map((item, i) => ({ type: "TextBlock", text: `• ${item}`, wrap: true, spacing: i === 0 ? "Default" : "Small" })),
      };
    case "actions":
      return { type: "ActionSet", actions: block.actions.map(executeAction) };
  }
}

function executeAction(action: MessageAction): IExecuteAction {
  const data: Record<string, string> = { [ACTION_DATA_KEYS.verb]: action.id };
  if (action.value !== undefined) data.value = action.value;
  return {
    type: "Action.Execute",
    title: action.label,
    verb: action.id,
    data,
    ...(action.style === "primary" ? { style: "positive" as const } : {}),
    fallback: { type: "Action.Submit", title: action.label, data },
  };
}

/** One line of text reads best as a plain chat message; anything richer is a card. */
export function messageActivity(shown: MessageView): ActivityLike {
  const view = inertView(shown);
  if (isPlainText(view)) return { type: "message", text: view.text, textFormat: "plain" };
  return cardMessage(messageCard(view), view.text);
}

function isPlainText(view: MessageView): boolean {
  return view.blocks.length === 1 && view.blocks[0]?.type === "text" && view.blocks[0].text === view.text;
}

/** Every text of a view with mention syntax made inert: user text (a company name, a note) is in them. */
function inertView(view: MessageView): MessageView {
  const blocks = view.blocks.map((block): MessageBlock => {
    switch (block.type) {
      case "heading":
      case "text":
      case "context":
        return { ...block, text: inertMentions(block.text) };
      case "facts":
        return { ...block, facts: block.facts.map((f) => ({ ...f, label: inertMentions(f.label), value: inertMentions(f.value) })) };
      case "bullets":
        return { ...block, items: block.items.map(inertMentions) };
      default:
        return block;
    }
  });
  return { ...view, text: inertMentions(view.text), blocks };
}
