// Files the bot made (a report) become download links the bot serves itself for a while
// (GET /files/<token>), on a card with one button per file. Without a file shelf or a public
// URL the person gets the message without the links.

import { FILES_PATH } from "../../http/file-shelf.js";
import type { Actor } from "../../kernel/actor.js";
import type { FollowUp } from "../../kernel/feature.js";
import { cardMessage } from "../render/card.js";
import { fileCard } from "../render/file-card.js";
import { messageActivity } from "../render/message-card.js";
import type { HandlerDeps, TeamsTurn } from "./deps.js";
import { sendActivity } from "./send.js";

export async function deliverFollowUp(deps: HandlerDeps, turn: TeamsTurn, actor: Actor, conversationId: string, followUp: FollowUp): Promise<void> {
  if (followUp.kind === "message" || !deps.files || !deps.publicUrl) {
    await sendActivity(deps, turn, messageActivity(followUp.view), conversationId);
    return;
  }
  const t = deps.bot.t(actor.locale);
  const shelf = deps.files;
  const base = deps.publicUrl();
  const links = followUp.files.map((file) => ({
    label: t(downloadLabel(file.fileName)),
    url: `${base}${FILES_PATH}/${shelf.put(file)}`,
  }));
  const note = t("quarterly:report_link_expires", { minutes: Math.round(shelf.ttlMs / 60_000) });
  await sendActivity(deps, turn, cardMessage(fileCard(followUp.view, links, note), followUp.view.text), conversationId);
}

function downloadLabel(fileName: string): string {
  if (fileName.endsWith(".json")) return "privacy:access.download_json";
  return fileName.endsWith(".md") ? "quarterly:report_download_markdown" : "quarterly:report_download";
}
