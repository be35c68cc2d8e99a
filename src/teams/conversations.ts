// Where the bot can post later. Teams lets a bot post only where it has been, so every incoming
// activity keeps a ConversationRef (conversation id and serviceUrl) for proactive messages.
import type { Logger } from "pino";
import type { Actor } from "../kernel/actor.js";
import type { ConversationRefRecord } from "../kernel/records.js";
import type { Store } from "../kernel/store.js";
import type { TeamsActivityBase } from "./payloads.js";

/** The channel of a team-channel conversation: without the ";messageid=…" of a thread. */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(";")[0]!;
}

/** What an incoming activity tells about where the bot can post later. */
function conversationRefFrom(activity: TeamsActivityBase & { serviceUrl?: unknown }, userId: string): ConversationRefRecord | undefined {
  if (typeof activity.serviceUrl !== "string" || !activity.serviceUrl) return undefined;
  const kind = activity.conversation.conversationType ?? "personal";
  return {
    platform: "teams",
    workspaceId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? "default",
    conversationId: kind === "channel" ? channelConversationId(activity.conversation.id) : activity.conversation.id,
    serviceUrl: activity.serviceUrl,
    kind,
    userId: kind === "personal" ? userId : null,
    botId: activity.recipient?.id ?? null,
  };
}

/** Keeps where the bot can post later; never blocks the answer. */
export async function rememberConversation(deps: { store?: Store | undefined; logger: Logger }, activity: TeamsActivityBase, actor: Actor): Promise<void> {
  const ref = conversationRefFrom(activity, actor.userId);
  if (!ref) return;
  await deps.store?.saveConversationRef(ref).catch((error: unknown) => deps.logger.warn({ err: error }, "could not keep the Teams conversation reference"));
}
