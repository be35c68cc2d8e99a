// Invitations in memory, as src/db/invitations-store.ts keeps them in the database.
import type { NewContact } from "../../../src/features/contacts/index.js";
import type { InvitationRecord, InvitationsStore, NewInvitation, RedeemResult } from "../../../src/features/invitations/index.js";
import type { AuditEntry } from "../../../src/kernel/records.js";
import type { MemoryDb } from "./db.js";
import { MemoryContactsStore } from "./support-stores.js";

export class MemoryInvitationsStore implements InvitationsStore {
  readonly invitations: InvitationRecord[] = [];
  readonly attempts: { actor: string; at: Date }[] = [];
  private readonly contacts: MemoryContactsStore;

  constructor(private readonly db: MemoryDb) {
    this.contacts = new MemoryContactsStore(db);
  }

  async saveInvitation(invitation: NewInvitation, audit: AuditEntry) {
    if (this.invitations.some((i) => i.lookup === invitation.lookup)) return undefined;
    const row: InvitationRecord = { ...invitation, id: this.db.newId(), uses: 0, createdBy: audit.actor, createdAt: new Date() };
    this.invitations.push(row);
    this.db.writeAudit({
      actor: audit.actor,
      entity: "invitation",
      entityId: row.id,
      action: "create",
      after: { organisationId: row.organisationId, role: row.role },
    });
    return { ...row };
  }

  async findInvitationByLookup(lookup: string) {
    const row = this.invitations.find((i) => i.lookup === lookup);
    return row ? { ...row } : undefined;
  }

  async redeemInvitation(invitationId: string, contact: NewContact, at: Date, audit: AuditEntry): Promise<RedeemResult> {
    const row = this.invitations.find((i) => i.id === invitationId);
    if (!row || row.expiresAt.getTime() <= at.getTime()) return { kind: "expired" };
    if (row.uses >= row.maxUses) return { kind: "used_up" };
    row.uses += 1;
    const saved = await this.contacts.saveContact(contact, audit);
    this.db.writeAudit({
      actor: audit.actor,
      entity: "invitation",
      entityId: row.id,
      action: "redeem",
      after: { uses: row.uses, contactId: saved.contact.id },
    });
    return { kind: "redeemed", ...saved };
  }

  async countFailedInvitationAttempts(actor: string, since: Date) {
    return this.attempts.filter((a) => a.actor === actor && a.at.getTime() > since.getTime()).length;
  }

  async recordFailedInvitationAttempt(actor: string, at: Date) {
    this.attempts.push({ actor, at });
  }
}
