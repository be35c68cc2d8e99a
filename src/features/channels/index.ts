// What the channels feature offers the other features; they import it from here only.

export type { ChannelAddress } from "./link-channel.js";
export { linkChannel } from "./link-channel.js";
export type { ChannelLinkRecord, ChannelPurpose, ChannelsStore, NewChannelLink } from "./store.js";
export { CHANNEL_PURPOSES } from "./store.js";
