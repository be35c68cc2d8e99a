// Invitations and the wrong guesses at them. src/db/invitations-store.ts implements it with
// Prisma; tests/support/memory/ in memory.

import type { AuditEntry, ContactRecord, Role } from "../../kernel/records.js";
import type { NewContact } from "../contacts/index.js";

export type InvitationRecord = {
  id: string;
  /** The code's first part, which finds the invitation. */
  lookup: string;
  salt: string;
  secretHash: string;
  organisationId: string;
  role: Role;
  maxUses: number;
  uses: number;
  expiresAt: Date;
  /** The admin who made it (an actor reference), told when it is used. */
  createdBy: string;
  createdAt: Date;
};

export type NewInvitation = Omit<InvitationRecord, "id" | "uses" | "createdBy" | "createdAt">;

export type RedeemResult = { kind: "redeemed"; contact: ContactRecord; created: boolean } | { kind: "used_up" } | { kind: "expired" };

export interface InvitationsStore {
  /** Saves a new invitation, audited; false when its lookup is taken (make another code). */
  saveInvitation(invitation: NewInvitation, audit: AuditEntry): Promise<InvitationRecord | undefined>;
  findInvitationByLookup(lookup: string): Promise<InvitationRecord | undefined>;
  /**
   * Uses the invitation once and makes the person a contact, in one transaction, audited: only
   * while it has uses left and has not expired at `at`, so two people taking the last use at
   * once leave one of them with used_up.
   */
  redeemInvitation(invitationId: string, contact: NewContact, at: Date, audit: AuditEntry): Promise<RedeemResult>;
  /** Wrong codes this person typed since `since`. */
  countFailedInvitationAttempts(actor: string, since: Date): Promise<number>;
  recordFailedInvitationAttempt(actor: string, at: Date): Promise<void>;
}
