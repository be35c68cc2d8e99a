// Files the bot made, as a message card with a download button per file (Action.OpenUrl to a
// link the bot serves for a while).
import type { IAdaptiveCard, IOpenUrlAction } from "@microsoft/teams.cards";
import type { MessageView } from "../../kernel/message.js";
import { messageCard } from "./message-card.js";

export type FileLink = { label: string; url: string };

export function fileCard(view: MessageView, links: FileLink[], note: string): IAdaptiveCard {
  const card = messageCard({ ...view, blocks: [...view.blocks, { type: "context", text: note }] });
  const actions: IOpenUrlAction[] = links.map((link) => ({ type: "Action.OpenUrl", title: link.label, url: link.url }));
  return { ...card, actions: [...(card.actions ?? []), ...actions] };
}
