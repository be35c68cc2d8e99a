// Stores in memory for use-case tests: no database. They behave like the Prisma ones on what
// those tests exercise (idempotency keys, audit rows, the optimistic version on support requests).
import { composeStores } from "../../../src/bot/stores.js";
import type { ContactsStore } from "../../../src/features/contacts/store.js";
import type { EventsStore } from "../../../src/features/events/store.js";
import type { OutcomesStore, PlacementRulesStore } from "../../../src/features/placement-rules/store.js";
import type { PlacementsStore } from "../../../src/features/placements/store.js";
import type { PrivacyStore } from "../../../src/features/privacy/store.js";
import type { QuarterlyStore } from "../../../src/features/quarterly/store.js";
import type { SchemeInfoStore } from "../../../src/features/scheme-info/store.js";
import type { SupportRequestsStore } from "../../../src/features/support-requests/store.js";
import type { Platform } from "../../../src/kernel/actor.js";
import type { NoticeStore } from "../../../src/kernel/once.js";
import type { Role } from "../../../src/kernel/records.js";
import type { AccessStore, ConversationStore, HealthStore, PartnershipsStore, PlacementLookupStore } from "../../../src/kernel/store.js";
import { EXAMPLE_PARTNERSHIPS, type SeedPartnership } from "../../../src/seed/examples.js";
import { MemoryDb } from "./db.js";
import { MemoryEventsStore } from "./events-stores.js";
import {
  MemoryAccessStore,
  MemoryConversationStore,
  MemoryHealthStore,
  MemoryNoticeStore,
  MemoryPartnershipsStore,
  MemoryPlacementLookupStore,
} from "./kernel-stores.js";
import { MemoryPlacementRulesStore, MemoryPlacementsStore, MemoryPrivacyStore } from "./placement-stores.js";
import { MemoryOutcomesStore, MemoryQuarterlyStore } from "./quarterly-stores.js";
import { MemorySchemeInfoStore } from "./scheme-info-stores.js";
import { MemoryContactsStore, MemorySupportRequestsStore } from "./support-stores.js";

export { MemoryDb } from "./db.js";

/** The example partnerships (as seedPartnerships loads them) with their types, targets and organisations. */
function seedMemory(db: MemoryDb, partnerships: readonly SeedPartnership[] = EXAMPLE_PARTNERSHIPS): void {
  for (const seed of partnerships) {
    const id = db.newId();
    db.partnerships.push({
      id,
      slug: seed.slug,
      name: seed.name,
      municipality: seed.municipality,
      periodStart: seed.periodStart,
      periodEnd: seed.periodEnd,
      settings: {},
    });
    for (const [sortOrder, t] of seed.types.entries()) db.placementTypes.push({ ...t, id: db.newId(), partnershipId: id, sortOrder });
    for (const [sortOrder, t] of seed.targets.entries()) db.targets.push({ ...t, id: db.newId(), partnershipId: id, sortOrder });
    for (const o of seed.organisations) db.organisations.push({ id: db.newId(), partnershipId: id, name: o.name, kind: o.kind });
  }
}

export function createMemoryStores(opts: { seed?: boolean } = {}) {
  const db = new MemoryDb();
  if (opts.seed !== false) seedMemory(db);
  // Typed as the ports, not the classes: the classes' private tables would make their intersection empty.
  const parts: [
    AccessStore,
    PartnershipsStore,
    PlacementLookupStore,
    ConversationStore,
    HealthStore,
    NoticeStore,
    PlacementsStore,
    PlacementRulesStore,
    OutcomesStore,
    QuarterlyStore,
    PrivacyStore,
    SupportRequestsStore,
    ContactsStore,
    SchemeInfoStore,
    EventsStore,
  ] = [
    new MemoryAccessStore(db),
    new MemoryPartnershipsStore(db),
    new MemoryPlacementLookupStore(db),
    new MemoryConversationStore(),
    new MemoryHealthStore(),
    new MemoryNoticeStore(),
    new MemoryPlacementsStore(db),
    new MemoryPlacementRulesStore(db),
    new MemoryOutcomesStore(db),
    new MemoryQuarterlyStore(db),
    new MemoryPrivacyStore(db),
    new MemorySupportRequestsStore(db),
    new MemoryContactsStore(db),
    new MemorySchemeInfoStore(db),
    new MemoryEventsStore(db),
  ];
  const store = composeStores(...parts);
  return { db, store, ...lookups(db) };
}

/** Finding seeded rows by what people know them by, and adding contacts, as tests do. */
function lookups(db: MemoryDb) {
  const partnership = (slug: string) => {
    const p = db.partnerships.find((x) => x.slug === slug);
    if (!p) throw new Error(`no partnership ${slug}`);
    return p;
  };
  return {
    partnership,
    organisation(name: string, slug?: string) {
      const o = db.organisations.find((x) => x.name === name && (!slug || x.partnershipId === partnership(slug).id));
      if (!o) throw new Error(`no organisation ${name}`);
      return o;
    },
    placementType(slug: string, key: string) {
      const t = db.placementTypes.find((x) => x.key === key && x.partnershipId === partnership(slug).id);
      if (!t) throw new Error(`no type ${key} in ${slug}`);
      return t;
    },
    /** Arranges a placement the municipality has approved and that has started (as the approval flow would leave it). */
    approve(placementId: string) {
      const p = db.placements.find((x) => x.id === placementId);
      if (!p) throw new Error(`no placement ${placementId}`);
      Object.assign(p, { status: "active", approvedAt: new Date("2016-01-01T00:00:00Z"), approvedBy: "slack:T1:USTAFF" });
    },
    addContact(c: { platform: Platform; workspaceId: string; userId: string; organisationId: string; role: Role; displayName?: string | null }) {
      const contact = { id: db.newId(), displayName: null, locale: null, ...c, createdAt: new Date() };
      db.contacts.push(contact);
      return contact;
    },
  };
}
