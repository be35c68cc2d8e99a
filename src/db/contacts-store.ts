// Prisma for contacts and the chat users the bot has met (features/contacts/store.ts).
import type { PrismaClient } from "@prisma/client";
import type { ContactsStore, NewContact } from "../features/contacts/store.js";
import type { Platform } from "../kernel/actor.js";
import type { AuditEntry, ChatUserRecord, ContactRecord, Role } from "../kernel/records.js";
import { writeAudit } from "./audit.js";
import { toContact } from "./rows.js";

export class PrismaContactsStore implements ContactsStore {
  constructor(private readonly prisma: PrismaClient) {}

  async saveContact(contact: NewContact, audit: AuditEntry) {
    return this.prisma.$transaction(async (tx) => {
      const where = {
        platform_workspaceId_userId: { platform: contact.platform, workspaceId: contact.workspaceId, userId: contact.userId },
      };
      const before = await tx.contact.findUnique({ where });
      const row = before
        ? await tx.contact.update({
            where,
            data: {
              organisationId: contact.organisationId,
              role: contact.role,
              displayName: contact.displayName ?? before.displayName,
            },
          })
        : await tx.contact.create({ data: { ...contact, createdBy: audit.actor } });
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "contact",
        entityId: row.id,
        action: before ? "update" : "create",
        before: before ? toContact(before) : undefined,
        after: toContact(row),
      });
      return { contact: toContact(row), created: !before };
    });
  }

  async listContactsWithRole(partnershipId: string, role: Role): Promise<ContactRecord[]> {
    const rows = await this.prisma.contact.findMany({ where: { role, organisation: { partnershipId } }, orderBy: { createdAt: "asc" } });
    return rows.map(toContact);
  }

  async rememberChatUser(user: Omit<ChatUserRecord, "lastSeenAt">) {
    const data = { displayName: user.displayName, lastSeenAt: new Date() };
    await this.prisma.chatUser.upsert({
      where: { platform_workspaceId_userId: { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId } },
      create: { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId, ...data },
      update: user.displayName ? data : { lastSeenAt: data.lastSeenAt },
    });
  }

  async savePreferredLocale(person: { platform: Platform; workspaceId: string; userIds: readonly string[] }, locale: string | null, audit: AuditEntry) {
    const where = { platform: person.platform, workspaceId: person.workspaceId, userId: { in: [...person.userIds] } };
    await this.prisma.$transaction(async (tx) => {
      for (const before of await tx.contact.findMany({ where })) {
        const after = await tx.contact.update({ where: { id: before.id }, data: { locale } });
        await writeAudit(tx, {
          actor: audit.actor,
          entity: "contact",
          entityId: before.id,
          action: "language",
          before: toContact(before),
          after: toContact(after),
        });
      }
      const userId = person.userIds[0]!;
      const key = { platform: person.platform, workspaceId: person.workspaceId, userId };
      await tx.chatUser.upsert({ where: { platform_workspaceId_userId: key }, create: { ...key, locale }, update: { locale } });
    });
  }

  async listChatUsers(platform: Platform, workspaceId: string, limit: number): Promise<ChatUserRecord[]> {
    const rows = await this.prisma.chatUser.findMany({
      where: { platform, workspaceId },
      orderBy: { lastSeenAt: "desc" },
      take: limit,
    });
    return rows.map((r) => ({ ...r }));
  }

  async displayNameOf(actorRef: string): Promise<string | undefined> {
    const [platform, workspaceId, ...rest] = actorRef.split(":");
    const userId = rest.join(":");
    if ((platform !== "slack" && platform !== "teams") || !workspaceId || !userId) return undefined;
    const key = { platform, workspaceId, userId } as const;
    const [contact, chatUser] = await Promise.all([
      this.prisma.contact.findUnique({ where: { platform_workspaceId_userId: key }, select: { displayName: true } }),
      this.prisma.chatUser.findUnique({ where: { platform_workspaceId_userId: key }, select: { displayName: true } }),
    ]);
    return contact?.displayName ?? chatUser?.displayName ?? undefined;
  }
}
