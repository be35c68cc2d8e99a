// Answers every feature gives: how a command is typed, no access, not allowed, a fault of ours.
import type { Actor } from "./actor.js";
import { COMMANDS, type CommandName } from "./commands.js";
import type { MessageView } from "./message.js";
import type { Translate } from "./translate.js";

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

/** For people the bot does not know: how to get access, and the id the secretariat needs. */
export function noAccessView(actor: Actor, t: Translate): MessageView {
  const text = t("access:unknown_user", { userId: actor.userId });
  return {
    text,
    blocks: [
      { type: "heading", text: t("access:heading") },
      { type: "text", text },
      { type: "text", text: t("access:have_code", { command: commandText("enrol", actor.platform, t) }) },
      { type: "context", text: t("access:your_id", { platform: actor.platform, userId: actor.userId }) },
    ],
  };
}

/** What only the secretariat may do, so the refusal names it. */
export type AdminOnly = "contacts" | "exemption" | "channel" | "privacy";

const ADMIN_ONLY_KEYS: Record<AdminOnly, string> = {
  contacts: "access:admin_only",
  exemption: "access:admin_only_exemption",
  channel: "access:admin_only_channel",
  privacy: "access:admin_only_privacy",
};

export function deniedView(t: Translate, what: AdminOnly = "contacts"): MessageView {
  const text = t(ADMIN_ONLY_KEYS[what]);
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
