// What the scheme-information feature offers the other features; they import it from here only.
export type { SchemeInfoStore } from "./store.js";
