// Proactive Teams messages, to the ConversationRefs that conversations.ts keeps. A channel post
// goes to the channel's stored conversation, through that conversation's own serviceUrl and
// naming its tenant; a direct message needs the person's personal chat with the bot — without
// one it is logged and skipped. Nothing is posted into a tenant that is no longer allowed.
import type { Client } from "@microsoft/teams.api";
import type { Logger } from "pino";
import type { MessageView } from "../kernel/message.js";
import type { ChannelAddress, MessageRef, Messenger, PostImage, UserAddress } from "../kernel/messenger.js";
import type { ConversationRefRecord } from "../kernel/records.js";
import type { Store } from "../kernel/store.js";
import { describeSendError } from "./payloads.js";
import { cardMessage } from "./render/card.js";
import { withImage } from "./render/image-card.js";
import { messageCard } from "./render/message-card.js";
import type { TenantPolicy } from "./tenants.js";

export function createTeamsMessenger(deps: { api: Client; store: Store | undefined; tenants: TenantPolicy; logger: Logger }): Messenger {
  const { logger } = deps;
  const store = {
    findConversationRef: (...args: Parameters<Store["findConversationRef"]>) => deps.store?.findConversationRef(...args) ?? Promise.resolve(undefined),
    findPersonalConversation: (...args: Parameters<Store["findPersonalConversation"]>) =>
      deps.store?.findPersonalConversation(...args) ?? Promise.resolve(undefined),
  };

  const send = async (ref: ConversationRefRecord, view: MessageView, activityId?: string, image?: PostImage): Promise<string> => {
    if (!deps.tenants.allows(ref.workspaceId)) throw new Error(`no conversation reference: tenant ${ref.workspaceId} is not allowed`);
    // Each conversation is reached through the regional endpoint Teams gave it, in its own tenant.
    const api = deps.api.clone({ serviceUrl: ref.serviceUrl });
    const activity = {
      ...cardMessage(withImage(messageCard(view), image, logger), view.text),
      ...(ref.botId ? { from: { id: ref.botId, name: "Praktikbot", role: "bot" as const } } : {}),
      conversation: { id: ref.conversationId, conversationType: ref.kind, isGroup: ref.kind !== "personal", name: "", tenantId: ref.workspaceId },
      channelData: { tenant: { id: ref.workspaceId } },
    };
    if (activityId) {
      await api.conversations.updateActivity(ref.conversationId, activityId, { ...activity, id: activityId } as never);
      return activityId;
    }
    const result = (await api.conversations.createActivity(ref.conversationId, activity as never)) as { id?: string } | undefined;
    return result?.id ?? "";
  };

  const conversation = async (workspaceId: string, conversationId: string): Promise<ConversationRefRecord> => {
    const ref = await store.findConversationRef("teams", workspaceId, conversationId);
    if (!ref) throw new Error(`the bot has no conversation reference for Teams conversation ${conversationId}`);
    return ref;
  };

  return {
    async postToChannel(address: ChannelAddress, view: MessageView, image?: PostImage): Promise<MessageRef> {
      const ref = await conversation(address.workspaceId, address.channelId);
      const messageId = await send(ref, view, undefined, image);
      return { platform: "teams", workspaceId: address.workspaceId, channelId: address.channelId, messageId };
    },

    async updateMessage(ref: MessageRef, view: MessageView): Promise<void> {
      await send(await conversation(ref.workspaceId, ref.channelId), view, ref.messageId);
    },

    async sendDirect(address: UserAddress, view: MessageView): Promise<boolean> {
      const ref = await store.findPersonalConversation("teams", address.workspaceId, [address.userId]);
      if (!ref) {
        logger.info({ workspaceId: address.workspaceId, userId: address.userId }, "Teams direct message skipped: no personal chat with this person yet");
        return false;
      }
      try {
        await send(ref, view);
        return true;
      } catch (error) {
        logger.warn({ err: describeSendError(error), workspaceId: address.workspaceId, userId: address.userId }, "Teams direct message failed");
        return false;
      }
    },
  };
}
