// Prisma for invitations (features/invitations/store.ts): the invitation, its use (a conditional
// increment and the contact in one transaction) and the wrong guesses at codes.
import type { Invitation, PrismaClient } from "@prisma/client";
import type { NewContact } from "../features/contacts/index.js";
import type { InvitationRecord, InvitationsStore, NewInvitation, RedeemResult } from "../features/invitations/index.js";
import type { AuditEntry } from "../kernel/records.js";
import { writeAudit } from "./audit.js";
import { isUniqueViolation, toContact } from "./rows.js";

function toInvitation(row: Invitation): InvitationRecord {
  return {
    id: row.id,
    lookup: row.lookup,
    salt: row.salt,
    secretHash: row.secretHash,
    organisationId: row.organisationId,
    role: row.role,
    maxUses: row.maxUses,
    uses: row.uses,
    expiresAt: row.expiresAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** What the audit log keeps of an invitation: never its hash. */
const audited = (i: InvitationRecord) => ({ organisationId: i.organisationId, role: i.role, maxUses: i.maxUses, uses: i.uses, expiresAt: i.expiresAt });

export class PrismaInvitationsStore implements InvitationsStore {
  constructor(private readonly prisma: PrismaClient) {}

  async saveInvitation(invitation: NewInvitation, audit: AuditEntry): Promise<InvitationRecord | undefined> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const row = toInvitation(await tx.invitation.create({ data: { ...invitation, createdBy: audit.actor } }));
        await writeAudit(tx, { actor: audit.actor, entity: "invitation", entityId: row.id, action: "create", after: audited(row) });
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async findInvitationByLookup(lookup: string): Promise<InvitationRecord | undefined> {
    const row = await this.prisma.invitation.findUnique({ where: { lookup } });
    return row && !row.revokedAt ? toInvitation(row) : undefined;
  }

  async redeemInvitation(invitationId: string, contact: NewContact, at: Date, audit: AuditEntry): Promise<RedeemResult> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.invitation.findUnique({ where: { id: invitationId } });
      if (!row || row.revokedAt || row.expiresAt.getTime() <= at.getTime()) return { kind: "expired" as const };
      // Only while uses are left: two people at once cannot both take the last one.
      const taken = await tx.invitation.updateMany({ where: { id: invitationId, uses: { lt: row.maxUses } }, data: { uses: { increment: 1 } } });
      if (taken.count === 0) return { kind: "used_up" as const };
      const where = { platform_workspaceId_userId: { platform: contact.platform, workspaceId: contact.workspaceId, userId: contact.userId } };
      const before = await tx.contact.findUnique({ where });
      const saved = before
        ? await tx.contact.update({ where, data: { organisationId: contact.organisationId, role: contact.role } })
        : await tx.contact.create({ data: { ...contact, createdBy: audit.actor } });
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "contact",
        entityId: saved.id,
        action: before ? "update" : "create",
        before: before ? toContact(before) : undefined,
        after: { ...toContact(saved), invitationId },
      });
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "invitation",
        entityId: invitationId,
        action: "redeem",
        before: { uses: row.uses },
        after: { uses: row.uses + 1, contactId: saved.id },
      });
      return { kind: "redeemed" as const, contact: toContact(saved), created: !before };
    });
  }

  async countFailedInvitationAttempts(actor: string, since: Date): Promise<number> {
    return this.prisma.invitationAttempt.count({ where: { actor, at: { gt: since } } });
  }

  async recordFailedInvitationAttempt(actor: string, at: Date): Promise<void> {
    await this.prisma.invitationAttempt.create({ data: { actor, at } });
  }
}
