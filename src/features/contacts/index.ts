// What the contacts feature offers the other features; they import it from here only.
export type { ContactsStore, NewContact } from "./store.js";
