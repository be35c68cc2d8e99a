import type { Actor } from "./actor.js";
import { COMMANDS, type CommandName } from "./commands.js";
import type { Translate } from "./translate.js";
import type { MessageView } from "./message.js";
import { OPEN_PLACEMENT_FORM_ACTION } from "../features/placements/views.js";

export type CommandStyle = "slack" | "teams";

/** How a person types a command on their platform: "/praktik ny" in Slack, "ny" in Teams. */
export function commandText(name: CommandName, style: CommandStyle, t: Translate): string {
  const word = t(`help:command_word.${name}`, { defaultValue: COMMANDS[name][0] });
  return style === "slack" ? `/praktik ${word}` : word;
}

/** The digest forms of the channel command: "/praktik kanal oversigt …" in Slack, "kanal fra" in Teams. */
export function channelCommandText(key: "channel_digest" | "channel_off", style: CommandStyle, t: Translate): string {
  const words = t(`help:command_word.${key}`);
  return style === "slack" ? `/praktik ${words}` : words;
}

export function helpView(t: Translate, style: CommandStyle, isAdmin: boolean): MessageView {
  const names: CommandName[] = ["new", "list", "progress", "extend", "end", "confirm", "vitas", "status", "help"];
  if (isAdmin) names.push("admin", "report", "exemption");
  names.splice(names.indexOf("help"), 0, "interpreter", "mentor", "visit", "danish", "upskilling", "requests");
  if (isAdmin) names.push("channel", "insight", "erase");
  const items = names.map((name) => `${commandText(name, style, t)} — ${t(`help:describe.${name}`)}`);
  if (isAdmin) {
    const at = items.findIndex((item) => item.startsWith(commandText("channel", style, t)));
    items.splice(at + 1, 0, ...(["channel_digest", "channel_off"] as const).map((key) => `${channelCommandText(key, style, t)} — ${t(`help:describe.${key}`)}`));
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

/** For people the bot does not know: how to get access, and the id the secretariat needs. */
export function noAccessView(actor: Actor, t: Translate): MessageView {
  const text = t("access:unknown_user", { userId: actor.userId });
  return {
    text,
    blocks: [
      { type: "heading", text: t("access:heading") },
      { type: "text", text },
      { type: "context", text: t("access:your_id", { platform: actor.platform, userId: actor.userId }) },
    ],
  };
}

export function deniedView(t: Translate): MessageView {
  const text = t("access:admin_only");
  return { text, blocks: [{ type: "text", text }] };
}

/**
 * A fault of ours, said plainly, with the reference in the log. After a submission: it was not
 * saved and trying again will not save it twice; after a question: no answer right now.
 */
export function faultView(t: Translate, reference: string, during: "submit" | "read" = "submit"): MessageView {
  const text = t(during === "submit" ? "errors:fault" : "errors:fault_read", { reference });
  return { text, blocks: [{ type: "text", text }] };
}
