// What the privacy feature offers the other features; they import it from here only.
export type { PrivacyStore } from "./store.js";
