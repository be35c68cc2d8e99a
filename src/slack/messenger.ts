// Proactive Slack messages through the Web API: chat.postMessage to a channel or to a user id
// (Slack opens the DM with the app), chat.update to change a posted message in place. Each
// goes out with the token of the address's workspace (clientFor, see installations.ts).
import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { MessageView } from "../kernel/message.js";
import type { ChannelAddress, MessageRef, Messenger, PostImage, UserAddress } from "../kernel/messenger.js";
import { slackErrorCode } from "./payloads.js";
import { renderMessage } from "./render/message.js";
import { encodedForSlack } from "./render/wire.js";

export function createSlackMessenger(clientFor: (workspaceId: string) => Promise<webApi.WebClient>, logger: Logger): Messenger {
  return {
    async postToChannel(address: ChannelAddress, view: MessageView, image?: PostImage): Promise<MessageRef> {
      const client = await clientFor(address.workspaceId);
      const message = renderMessage(view);
      const result = await client.chat.postMessage({ channel: address.channelId, text: message.text, blocks: encodedForSlack(message.blocks) });
      if (typeof result.ts !== "string") throw new Error("chat.postMessage answered without a ts");
      // The picture follows the message; the message has gone out, so a failed upload is logged, not retried.
      if (image) {
        await client
          .filesUploadV2({ channel_id: address.channelId, file: image.png, filename: image.fileName, title: image.title })
          .catch((error: unknown) => logger.warn({ err: error, slackError: slackErrorCode(error), channelId: address.channelId }, "Slack image upload failed"));
      }
      return {
        platform: "slack",
        workspaceId: address.workspaceId,
        channelId: typeof result.channel === "string" ? result.channel : address.channelId,
        messageId: result.ts,
      };
    },

    async updateMessage(ref: MessageRef, view: MessageView): Promise<void> {
      const client = await clientFor(ref.workspaceId);
      const message = renderMessage(view);
      await client.chat.update({ channel: ref.channelId, ts: ref.messageId, text: message.text, blocks: encodedForSlack(message.blocks) });
    },

    async sendDirect(address: UserAddress, view: MessageView): Promise<boolean> {
      const message = renderMessage(view);
      try {
        const client = await clientFor(address.workspaceId);
        await client.chat.postMessage({ channel: address.userId, text: message.text, blocks: encodedForSlack(message.blocks) });
        return true;
      } catch (error) {
        logger.warn({ err: error, slackError: slackErrorCode(error), workspaceId: address.workspaceId, userId: address.userId }, "Slack direct message failed");
        return false;
      }
    },
  };
}
