// Contacts (who works for which organisation, in which role) and the chat users the bot has met.
// src/db/contacts-store.ts implements it with Prisma; tests/support/memory/ in memory.
import type { Platform } from "../../kernel/actor.js";
import type { AuditEntry, ChatUserRecord, ContactRecord, Role } from "../../kernel/records.js";

export type NewContact = {
  platform: Platform;
  workspaceId: string;
  userId: string;
  organisationId: string;
  role: Role;
  displayName: string | null;
};

export interface ContactsStore {
  /** Adds a contact, or moves an existing one to a new organisation or role; audited either way. */
  saveContact(contact: NewContact, audit: AuditEntry): Promise<{ contact: ContactRecord; created: boolean }>;
  listContactsWithRole(partnershipId: string, role: Role): Promise<ContactRecord[]>;
  /** Remembers a chat user the bot has met (for the admin's user list). */
  rememberChatUser(user: Omit<ChatUserRecord, "lastSeenAt">): Promise<void>;
  listChatUsers(platform: Platform, workspaceId: string, limit: number): Promise<ChatUserRecord[]>;
  /**
   * The language a person chose (`sprog`), or null to follow their platform's: on their contact
   * rows (audited) and on the chat user the bot has met, so it holds without a contact too.
   */
  savePreferredLocale(person: { platform: Platform; workspaceId: string; userIds: readonly string[] }, locale: string | null, audit: AuditEntry): Promise<void>;
  /** The name people know an actor ("platform:workspace:user") by, from contacts or chat users met. */
  displayNameOf(actorRef: string): Promise<string | undefined>;
}
