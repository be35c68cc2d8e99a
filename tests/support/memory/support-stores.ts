import { ZPartnershipSettingsSchema } from "../../../src/db/json-schemas.js";
import type { ContactsStore, NewContact } from "../../../src/features/contacts/store.js";
import type {
  MentorFigures,
  NewSupportRequest,
  SupportRequestPatch,
  SupportRequestQuery,
  SupportRequestRecord,
  SupportRequestsStore,
} from "../../../src/features/support-requests/store.js";
import type { Platform } from "../../../src/kernel/actor.js";
import type { AuditEntry, ChatUserRecord, ContactRecord, PostedMessageRef, Role } from "../../../src/kernel/records.js";
import { copy, type MemoryDb, type StoredSupportRequest } from "./db.js";

function record(r: StoredSupportRequest): SupportRequestRecord {
  const { idempotencyKey: _, ...rest } = r;
  return copy(rest);
}

/** The part of a request's state the audit log keeps for a transition (as src/db does). */
function auditState(r: SupportRequestRecord) {
  return { status: r.status, holder: r.holder, holderName: r.holderName, declineReason: r.declineReason, version: r.version };
}

export class MemorySupportRequestsStore implements SupportRequestsStore {
  constructor(private readonly db: MemoryDb) {}

  async getPartnershipSettings(partnershipId: string) {
    const parsed = ZPartnershipSettingsSchema.safeParse(this.db.partnerships.find((p) => p.id === partnershipId)?.settings ?? {});
    return parsed.success ? parsed.data : ZPartnershipSettingsSchema.parse({});
  }

  async createSupportRequest(r: NewSupportRequest, audit: { actor: string }) {
    const existing = this.db.supportRequests.find((x) => x.idempotencyKey === r.idempotencyKey);
    if (existing) return { request: record(existing), created: false };
    const placement = r.placementId ? this.db.placements.find((p) => p.id === r.placementId) : undefined;
    const stored: StoredSupportRequest = {
      ...r,
      id: this.db.newId(),
      organisationName: this.db.organisationName(r.organisationId),
      placementCompany: placement?.company.name ?? null,
      status: "open",
      holder: null,
      holderName: null,
      takenAt: null,
      closedAt: null,
      declineReason: null,
      channelMessage: null,
      reminderSentAt: null,
      escalatedAt: null,
      version: 0,
    };
    this.db.supportRequests.push(stored);
    const request = record(stored);
    this.db.writeAudit({ actor: audit.actor, entity: "support_request", entityId: stored.id, action: "create", after: request, at: r.requestedAt });
    return { request, created: true };
  }

  async getSupportRequest(id: string) {
    const r = this.db.supportRequests.find((x) => x.id === id);
    return r ? record(r) : undefined;
  }

  async updateSupportRequest(id: string, expectedVersion: number, patch: SupportRequestPatch, audit: { actor: string; action: string; at: Date }) {
    const r = this.db.supportRequests.find((x) => x.id === id);
    // The optimistic version check: of two people acting at once, one changes nothing.
    if (!r || r.version !== expectedVersion) return undefined;
    const before = record(r);
    Object.assign(r, patch, { version: r.version + 1 });
    const after = record(r);
    this.db.writeAudit({
      actor: audit.actor,
      entity: "support_request",
      entityId: id,
      action: audit.action,
      before: auditState(before),
      after: auditState(after),
      at: audit.at,
    });
    return after;
  }

  async setSupportRequestMessage(id: string, ref: PostedMessageRef) {
    const r = this.db.supportRequests.find((x) => x.id === id);
    if (r) r.channelMessage = { ...ref };
  }

  async listSupportRequests(query: SupportRequestQuery) {
    return this.db.supportRequests
      .filter(
        (r) =>
          query.partnershipIds.includes(r.partnershipId) &&
          query.statuses.includes(r.status) &&
          (!query.organisationIds || query.organisationIds.includes(r.organisationId)),
      )
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id))
      .slice(0, query.limit)
      .map(record);
  }

  async listSupportRequestsDueBefore(before: Date) {
    return this.db.supportRequests
      .filter((r) => (r.status === "open" || r.status === "taken") && r.dueAt <= before && (r.reminderSentAt === null || r.escalatedAt === null))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, 500)
      .map(record);
  }

  async markSupportReminderSent(id: string, at: Date) {
    const r = this.db.supportRequests.find((x) => x.id === id);
    if (!r || r.reminderSentAt) return false;
    r.reminderSentAt = at;
    return true;
  }

  async markSupportEscalated(id: string, at: Date) {
    const r = this.db.supportRequests.find((x) => x.id === id);
    if (!r || r.escalatedAt) return false;
    r.escalatedAt = at;
    return true;
  }

  async mentorFigures(partnershipId: string): Promise<MentorFigures> {
    const done = this.db.supportRequests
      .filter((r) => r.partnershipId === partnershipId && r.kind === "mentor" && r.status === "done" && r.placementId && r.hoursPerWeek !== null)
      .sort((a, b) => (a.closedAt?.getTime() ?? 0) - (b.closedAt?.getTime() ?? 0));
    // The latest grant per placement counts.
    const hours = new Map<string, number>();
    for (const r of done) hours.set(r.placementId!, r.hoursPerWeek!);
    const values = [...hours.values()];
    return { placements: values.length, averageHoursPerWeek: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null };
  }
}

export class MemoryContactsStore implements ContactsStore {
  constructor(private readonly db: MemoryDb) {}

  async saveContact(contact: NewContact, audit: AuditEntry) {
    const existing = this.db.contacts.find((c) => c.platform === contact.platform && c.workspaceId === contact.workspaceId && c.userId === contact.userId);
    const strip = ({ createdAt: _, ...c }: ContactRecord & { createdAt: Date }): ContactRecord => copy(c);
    const before = existing ? strip(existing) : undefined;
    let row = existing;
    if (row) Object.assign(row, { organisationId: contact.organisationId, role: contact.role, displayName: contact.displayName ?? row.displayName });
    else {
      row = { ...contact, id: this.db.newId(), locale: null, createdAt: new Date() };
      this.db.contacts.push(row);
    }
    const after = strip(row);
    this.db.writeAudit({ actor: audit.actor, entity: "contact", entityId: row.id, action: before ? "update" : "create", before, after });
    return { contact: after, created: !before };
  }

  async listContactsWithRole(partnershipId: string, role: Role) {
    const orgs = new Set(this.db.organisations.filter((o) => o.partnershipId === partnershipId).map((o) => o.id));
    return this.db.contacts
      .filter((c) => c.role === role && orgs.has(c.organisationId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(({ createdAt: _, ...c }) => copy(c));
  }

  async rememberChatUser(user: Omit<ChatUserRecord, "lastSeenAt">) {
    const existing = this.db.chatUsers.find((u) => u.platform === user.platform && u.workspaceId === user.workspaceId && u.userId === user.userId);
    if (!existing) this.db.chatUsers.push({ ...user, lastSeenAt: new Date() });
    else Object.assign(existing, { lastSeenAt: new Date() }, user.displayName ? { displayName: user.displayName } : {});
  }

  async savePreferredLocale(person: { platform: Platform; workspaceId: string; userIds: readonly string[] }, locale: string | null, audit: AuditEntry) {
    const same = (u: { platform: string; workspaceId: string; userId: string }) =>
      u.platform === person.platform && u.workspaceId === person.workspaceId && person.userIds.includes(u.userId);
    for (const contact of this.db.contacts.filter(same)) {
      const before = copy(contact);
      contact.locale = locale;
      this.db.writeAudit({ actor: audit.actor, entity: "contact", entityId: contact.id, action: "language", before, after: copy(contact) });
    }
    const chatUser = this.db.chatUsers.find(same);
    if (chatUser) chatUser.locale = locale;
    else
      this.db.chatUsers.push({
        platform: person.platform,
        workspaceId: person.workspaceId,
        userId: person.userIds[0]!,
        displayName: null,
        lastSeenAt: new Date(),
        locale,
      });
  }

  async listChatUsers(platform: Platform, workspaceId: string, limit: number) {
    return this.db.chatUsers
      .filter((u) => u.platform === platform && u.workspaceId === workspaceId)
      .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())
      .slice(0, limit)
      .map(copy);
  }

  async displayNameOf(actorRef: string) {
    const [platform, workspaceId, ...rest] = actorRef.split(":");
    const userId = rest.join(":");
    const same = (u: { platform: string; workspaceId: string; userId: string }) =>
      u.platform === platform && u.workspaceId === workspaceId && u.userId === userId;
    return this.db.contacts.find(same)?.displayName ?? this.db.chatUsers.find(same)?.displayName ?? undefined;
  }
}
