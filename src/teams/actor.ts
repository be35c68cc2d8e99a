import { type Actor, type Locale, localeFrom } from "../kernel/actor.js";
import type { TeamsActivityBase } from "./payloads.js";

/**
 * Who sent a Teams activity. The tenant is the workspace; the user is known by their Entra
 * (AAD) object id when Teams sends it, and also by the 29:… id of the bot channel.
 */
export function actorFromActivity(activity: TeamsActivityBase, defaultLocale: Locale): Actor {
  const { from } = activity;
  const workspaceId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? "default";
  const userId = from.aadObjectId ?? from.id;
  return {
    platform: "teams",
    workspaceId,
    userId,
    otherIds: [from.id],
    displayName: from.name,
    locale: localeFrom(activity.locale, defaultLocale),
  };
}
