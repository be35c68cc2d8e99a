// Proactive messages: the bot posts to a channel, updates what it posted, or writes to a person
// directly, without a request to answer. The port is platform-neutral; src/slack/messenger.ts
// and src/teams/messenger.ts implement it, and RoutingMessenger picks one by platform.

import type { Platform } from "./actor.js";
import type { Logger } from "./logger.js";
import type { MessageView } from "./message.js";
import type { PostedMessageRef } from "./records.js";

export type ChannelAddress = { platform: Platform; workspaceId: string; channelId: string };
export type UserAddress = { platform: Platform; workspaceId: string; userId: string };
export type MessageRef = PostedMessageRef;

/** A picture sent with a channel post (the digest's chart): Slack uploads it, Teams shows it in the card. */
export type PostImage = { png: Buffer; fileName: string; title: string };

export interface Messenger {
  /** Posts to a channel; the reference updates it later. */
  postToChannel(address: ChannelAddress, view: MessageView, image?: PostImage): Promise<MessageRef>;
  updateMessage(ref: MessageRef, view: MessageView): Promise<void>;
  /** A direct message; false when the person cannot be reached (logged, not thrown). */
  sendDirect(address: UserAddress, view: MessageView): Promise<boolean>;
}

/** Parses "platform:workspace:user" (an actor reference) into an address. */
export function userAddressFromRef(ref: string): UserAddress | undefined {
  const [platform, workspaceId, ...rest] = ref.split(":");
  const userId = rest.join(":");
  if ((platform !== "slack" && platform !== "teams") || !workspaceId || !userId) return undefined;
  return { platform, workspaceId, userId };
}

/** Sends through the messenger of each address's platform; adapters register theirs at start-up. */
export class RoutingMessenger implements Messenger {
  private readonly byPlatform = new Map<Platform, Messenger>();

  constructor(private readonly logger: Logger) {}

  register(platform: Platform, messenger: Messenger): void {
    this.byPlatform.set(platform, messenger);
  }

  private pick(platform: Platform): Messenger {
    const messenger = this.byPlatform.get(platform);
    if (!messenger) throw new Error(`no messenger for ${platform}: the ${platform} adapter is not running`);
    return messenger;
  }

  postToChannel(address: ChannelAddress, view: MessageView, image?: PostImage): Promise<MessageRef> {
    return this.pick(address.platform).postToChannel(address, view, image);
  }

  updateMessage(ref: MessageRef, view: MessageView): Promise<void> {
    return this.pick(ref.platform).updateMessage(ref, view);
  }

  async sendDirect(address: UserAddress, view: MessageView): Promise<boolean> {
    const messenger = this.byPlatform.get(address.platform);
    if (!messenger) {
      this.logger.warn({ platform: address.platform, workspaceId: address.workspaceId }, "direct message skipped: platform not running");
      return false;
    }
    return messenger.sendDirect(address, view);
  }
}
