// What the channels feature offers the other features; they import it from here only.

export type { ChannelAddress } from "./link-channel.js";
export { linkChannel } from "./link-channel.js";
export type { ChannelLinkRecord, ChannelsStore } from "./store.js";
