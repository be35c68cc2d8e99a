// What the digests feature offers the other features; they import it from here only.
export { linkDigestChannelCommand } from "./bot.js";
export { isDigestChannelCommand } from "./link-digest-channel.js";
export type { DigestsStore } from "./store.js";
