// Platform-free messages. src/slack/render/message.ts turns them into Block Kit,
// src/teams/render/message-card.ts into Adaptive Cards.

export type MessageAction = {
  /** Routing id: Slack action_id, Teams Action.Execute verb. */
  id: string;
  label: string;
  value?: string;
  style?: "primary";
};

export type MessageBlock =
  | { type: "heading"; text: string }
  | { type: "text"; text: string }
  | { type: "facts"; facts: { label: string; value: string }[] }
  | { type: "bullets"; items: string[] }
  | { type: "context"; text: string }
  | { type: "divider" }
  | { type: "actions"; actions: MessageAction[] };

export type MessageView = {
  /** Plain text for notifications and clients that show no blocks. */
  text: string;
  blocks: MessageBlock[];
};

export function simpleMessage(text: string, heading?: string): MessageView {
  return {
    text,
    blocks: heading
      ? [
          { type: "heading", text: heading },
          { type: "text", text },
        ]
      : [{ type: "text", text }],
  };
}
