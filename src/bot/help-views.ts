// The bot's own answers: help with every command, and an unknown word with the nearest command.

import { OPEN_PLACEMENT_FORM_ACTION } from "../features/placements/index.js";
import type { CommandName } from "../kernel/commands.js";
import { type CommandStyle, channelCommandText, commandText } from "../kernel/common-views.js";
import type { MessageView } from "../kernel/message.js";
import type { Translate } from "../kernel/translate.js";

export function helpView(t: Translate, style: CommandStyle, isAdmin: boolean): MessageView {
  const names: CommandName[] = ["new", "list", "progress", "extend", "end", "confirm", "vitas", "status", "help"];
  if (isAdmin) names.push("admin", "invite", "installations", "report", "exemption");
  names.splice(names.indexOf("help"), 0, "interpreter", "mentor", "visit", "danish", "upskilling", "requests", "info", "event", "language");
  if (isAdmin) names.push("channel", "insight", "erase");
  const items = names.map((name) => `${commandText(name, style, t)} — ${t(`help:describe.${name}`)}`);
  if (isAdmin) {
    const at = items.findIndex((item) => item.startsWith(commandText("channel", style, t)));
    items.splice(
      at + 1,
      0,
      ...(["channel_digest", "channel_off"] as const).map((key) => `${channelCommandText(key, style, t)} — ${t(`help:describe.${key}`)}`),
    );
  }
  return {
    text: t("help:heading"),
    blocks: [
      { type: "heading", text: t("help:heading") },
      { type: "text", text: t("help:intro") },
      { type: "bullets", items },
      { type: "context", text: t("help:aliases") },
      { type: "actions", actions: [{ id: OPEN_PLACEMENT_FORM_ACTION, label: t("placement:actions.register"), style: "primary" }] },
    ],
  };
}

export function unknownCommandView(word: string, suggestion: CommandName | undefined, t: Translate, style: CommandStyle): MessageView {
  const text = suggestion
    ? t("help:unknown_with_suggestion", { word, suggestion: commandText(suggestion, style, t) })
    : t("help:unknown", { word, help: commandText("help", style, t) });
  return { text, blocks: [{ type: "text", text }] };
}
