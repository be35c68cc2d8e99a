// What the invitations feature offers the other features; they import it from here only.
export type { InvitationRecord, InvitationsStore, NewInvitation, RedeemResult } from "./store.js";
