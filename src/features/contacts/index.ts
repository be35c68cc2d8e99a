// What the contacts feature offers the other features; they import it from here only.
export type { ContactsStore } from "./store.js";
