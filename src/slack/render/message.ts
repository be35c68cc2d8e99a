// MessageView → Block Kit blocks, for chat messages and for read-only modals.
import type { types } from "@slack/bolt";
import type { MessageAction, MessageBlock, MessageView } from "../../kernel/message.js";
import { MESSAGE_LIMITS, MODAL_LIMITS } from "./limits.js";
import { chunkLines, escapeMrkdwn, labelled, mrkdwn, plain, truncate, truncateEscaped } from "./text.js";

export type SlackMessage = { text: string; blocks: types.KnownBlock[] };

/** The callback id of a read-only modal (it has no submit button, so Slack never posts it back). */
const MESSAGE_MODAL_ID = "praktikbot.message";

export function renderMessage(view: MessageView): SlackMessage {
  const blocks = view.blocks.flatMap(renderBlock);
  // The text is what notifications show, and Slack reads it as mrkdwn too: escaped, so a typed
  // <!channel> or <@U…> never mentions anyone.
  return { text: truncateEscaped(escapeMrkdwn(view.text), MESSAGE_LIMITS.text), blocks: capBlocks(blocks, MESSAGE_LIMITS.blocks) };
}

/** A message shown in a modal, e.g. the confirmation that replaces a submitted form. */
export function renderMessageModal(view: MessageView, labels: { title: string; close: string }): types.ModalView {
  return {
    type: "modal",
    callback_id: MESSAGE_MODAL_ID,
    title: plain(labels.title, MODAL_LIMITS.title),
    close: plain(labels.close, MODAL_LIMITS.button),
    blocks: renderMessage(view).blocks,
  };
}

function renderBlock(block: MessageBlock): types.KnownBlock[] {
  switch (block.type) {
    case "heading":
      return block.text.trim() ? [{ type: "header", text: plain(block.text, MESSAGE_LIMITS.header) }] : [];
    case "text":
      return sections(block.text.split("\n").map(escapeMrkdwn));
    case "bullets":
      return sections(block.items.map((item) => `• ${escapeMrkdwn(item)}`));
    case "facts":
      return chunk(block.facts, MESSAGE_LIMITS.sectionFields).map((facts) => ({
        type: "section",
        fields: facts.map((f) => labelled(f.label, f.value, MESSAGE_LIMITS.fieldText)),
      }));
    case "context":
      return block.text.trim() ? [{ type: "context", elements: [mrkdwn(block.text, MESSAGE_LIMITS.contextText)] }] : [];
    case "divider":
      return [{ type: "divider" }];
    case "actions":
      return chunk(block.actions, MESSAGE_LIMITS.buttons).map((actions) => ({ type: "actions", elements: actions.map(button) }));
  }
}

/** Escaped lines as one or more sections of at most 3000 characters each. */
function sections(escapedLines: string[]): types.SectionBlock[] {
  return chunkLines(escapedLines, MESSAGE_LIMITS.sectionText)
    .filter((text) => text.trim() !== "")
    .map((text) => ({ type: "section", text: { type: "mrkdwn", text } }));
}

function button(action: MessageAction): types.Button {
  return {
    type: "button",
    action_id: action.id,
    text: plain(action.label, MESSAGE_LIMITS.buttonText),
    ...(action.value !== undefined ? { value: truncate(action.value, MESSAGE_LIMITS.buttonValue) } : {}),
    ...(action.style ? { style: action.style } : {}),
  };
}

/** Keeps a message within Slack's block limit, marking the cut and keeping its buttons. */
function capBlocks(blocks: types.KnownBlock[], max: number): types.KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const last = blocks[blocks.length - 1]!;
  const tail: types.KnownBlock[] = last.type === "actions" ? [last] : [];
  const marker: types.KnownBlock = { type: "context", elements: [{ type: "mrkdwn", text: "…" }] };
  return [...blocks.slice(0, max - 1 - tail.length), marker, ...tail];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
