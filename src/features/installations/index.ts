// What the installations feature offers the other features; they import it from here only.
export type { InstallationLink, InstallationRecord, InstallationsStore } from "./store.js";
