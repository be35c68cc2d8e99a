// The list of installations with their channel links, the question before removing one, and the answer.
import type { Locale } from "../../kernel/actor.js";
import { formatDate, isoFromDate } from "../../kernel/dates.js";
import type { MessageBlock, MessageView } from "../../kernel/message.js";
import { simpleMessage } from "../../kernel/message.js";
import type { Translate } from "../../kernel/translate.js";
import type { InstallationRecord } from "./store.js";

export const REMOVE_INSTALLATION_ACTION = "installation.remove";
export const CONFIRM_REMOVE_INSTALLATION_ACTION = "installation.remove_confirmed";

const refOf = (i: Pick<InstallationRecord, "platform" | "workspaceId">) => `${i.platform}:${i.workspaceId}`;

function describe(t: Translate, locale: Locale, i: InstallationRecord): string {
  const date = (d: Date | null) => (d ? formatDate(isoFromDate(d), locale) : "–");
  const what = t(`installations:kind.${i.platform}${i.organisationWide ? "_org" : ""}`);
  const how = i.installed
    ? t("installations:installed", { date: date(i.installedAt), by: i.installedBy ?? "–" })
    : i.platform === "slack"
      ? t("installations:single_token")
      : t("installations:last_seen", { date: date(i.lastSeenAt) });
  const links =
    i.channelLinks.length === 0
      ? t("installations:no_links")
      : i.channelLinks
          .map(
            (l) =>
              `${l.channelId} (${t(`installations:purpose.${l.purpose === "digest" ? "digest" : "jobcenter"}`)}${l.failure ? `, ${t("installations:failed", { failure: l.failure })}` : ""})`,
          )
          .join(", ");
  return `${i.name ?? i.workspaceId} — ${what} ${i.workspaceId}\n${how}\n${t("installations:links", { links })}`;
}

export function installationsView(t: Translate, locale: Locale, installations: InstallationRecord[], canRemove: boolean): MessageView {
  const heading = t("installations:heading");
  if (installations.length === 0) return simpleMessage(t("installations:none"), heading);
  const blocks: MessageBlock[] = [{ type: "heading", text: heading }];
  for (const i of installations) {
    blocks.push({ type: "text", text: describe(t, locale, i) });
    if (canRemove) blocks.push({ type: "actions", actions: [{ id: REMOVE_INSTALLATION_ACTION, label: t("installations:remove"), value: refOf(i) }] });
  }
  blocks.push({ type: "context", text: t(canRemove ? "installations:remove_note" : "installations:remove_admins_only") });
  return { text: heading, blocks };
}

export function confirmRemoveView(t: Translate, ref: string): MessageView {
  const text = t("installations:confirm", { ref });
  return {
    text,
    blocks: [
      { type: "text", text },
      { type: "actions", actions: [{ id: CONFIRM_REMOVE_INSTALLATION_ACTION, label: t("installations:confirm_button"), value: ref }] },
    ],
  };
}

export function removedView(t: Translate, ref: string): MessageView {
  return simpleMessage(t("installations:removed", { ref }));
}
