import type { Platform } from "../../../src/kernel/actor.js";
import type { NoticeStore } from "../../../src/kernel/once.js";
import type { ConversationRefRecord } from "../../../src/kernel/records.js";
import type { AccessStore, ConversationStore, HealthStore, PartnershipsStore, PlacementLookupStore } from "../../../src/kernel/store.js";
import { copy, type MemoryDb } from "./db.js";

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export class MemoryAccessStore implements AccessStore {
  constructor(private readonly db: MemoryDb) {}

  async findPreferredLocale(platform: Platform, workspaceId: string, userIds: readonly string[]) {
    const same = (c: { platform: string; workspaceId: string; userId: string; locale?: string | null | undefined }) =>
      c.platform === platform && c.workspaceId === workspaceId && userIds.includes(c.userId) && c.locale !== null;
    return this.db.contacts.find(same)?.locale ?? this.db.chatUsers.find(same)?.locale ?? undefined;
  }

  async findContact(platform: Platform, workspaceId: string, userIds: readonly string[]) {
    const found = this.db.contacts
      .filter((c) => c.platform === platform && c.workspaceId === workspaceId && userIds.includes(c.userId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    if (!found) return undefined;
    const { createdAt: _, ...contact } = found;
    return copy(contact);
  }

  async getOrganisation(id: string) {
    const o = this.db.organisations.find((x) => x.id === id);
    return o ? copy(o) : undefined;
  }

  async listPartnerships() {
    return this.db.partnerships
      .map(({ settings: _, ...p }) => copy(p))
      .sort((a, b) => b.periodStart.localeCompare(a.periodStart) || a.name.localeCompare(b.name));
  }
}

export class MemoryPartnershipsStore implements PartnershipsStore {
  constructor(private readonly db: MemoryDb) {}

  async getPartnership(id: string) {
    const found = this.db.partnerships.find((p) => p.id === id);
    if (!found) return undefined;
    const { settings: _, ...p } = found;
    return copy(p);
  }

  async listOrganisations(partnershipIds: readonly string[]) {
    return this.db.organisations
      .filter((o) => partnershipIds.includes(o.partnershipId))
      .sort(byName)
      .map(copy);
  }

  async listPlacementTypes(partnershipIds: readonly string[]) {
    return this.db.placementTypes
      .filter((t) => partnershipIds.includes(t.partnershipId))
      .sort((a, b) => a.sortOrder - b.sortOrder || a.labelDa.localeCompare(b.labelDa))
      .map(copy);
  }

  async listTargets(partnershipId: string) {
    return this.db.targets
      .filter((t) => t.partnershipId === partnershipId)
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map(copy);
  }
}

export class MemoryPlacementLookupStore implements PlacementLookupStore {
  constructor(private readonly db: MemoryDb) {}

  async getPlacementById(id: string) {
    const p = this.db.placements.find((x) => x.id === id);
    if (!p) return undefined;
    const { idempotencyKey: _k, anonymisedAt: _a, ...record } = p;
    return copy(record);
  }
}

export class MemoryConversationStore implements ConversationStore {
  private readonly refs: (ConversationRefRecord & { updatedAt: number })[] = [];
  private tick = 0;

  async saveConversationRef(ref: ConversationRefRecord) {
    const existing = this.refs.find((r) => r.platform === ref.platform && r.workspaceId === ref.workspaceId && r.conversationId === ref.conversationId);
    if (!existing) {
      this.refs.push({ ...ref, updatedAt: ++this.tick });
      return;
    }
    // A channel message does not say who the personal chat belongs to; keep what is known.
    Object.assign(
      existing,
      { serviceUrl: ref.serviceUrl, kind: ref.kind, updatedAt: ++this.tick },
      ref.userId ? { userId: ref.userId } : {},
      ref.botId ? { botId: ref.botId } : {},
    );
  }

  async findConversationRef(platform: Platform, workspaceId: string, conversationId: string) {
    const r = this.refs.find((x) => x.platform === platform && x.workspaceId === workspaceId && x.conversationId === conversationId);
    return r ? strip(r) : undefined;
  }

  async findPersonalConversation(platform: Platform, workspaceId: string, userIds: readonly string[]) {
    const r = this.refs
      .filter((x) => x.platform === platform && x.workspaceId === workspaceId && x.kind === "personal" && x.userId !== null && userIds.includes(x.userId))
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    return r ? strip(r) : undefined;
  }
}

function strip({ updatedAt: _, ...ref }: ConversationRefRecord & { updatedAt: number }): ConversationRefRecord {
  return { ...ref };
}

export class MemoryHealthStore implements HealthStore {
  async ping() {
    return true;
  }
}

export class MemoryNoticeStore implements NoticeStore {
  readonly sent = new Map<string, Date>();

  async wasSent(key: string) {
    return this.sent.has(key);
  }

  async recordSent(key: string, at: Date) {
    if (!this.sent.has(key)) this.sent.set(key, at);
  }
}
