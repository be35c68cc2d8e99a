// Every store port on Prisma: one class per port, built here and composed into the one AppStore
// the Bot, the jobs and the adapters hold. Every change a store makes is audited in its own
// transaction (audit.ts).
import type { PrismaClient } from "@prisma/client";
import { type AppStore, composeStores } from "../bot/stores.js";
import type { ChannelsStore } from "../features/channels/store.js";
import type { ContactsStore } from "../features/contacts/store.js";
import type { DigestsStore } from "../features/digests/store.js";
import type { EventsStore } from "../features/events/store.js";
import type { InstallationsStore } from "../features/installations/store.js";
import type { InvitationsStore } from "../features/invitations/store.js";
import type { IguMilestoneStore, OutcomesStore, PlacementRulesStore } from "../features/placement-rules/store.js";
import type { PlacementsStore } from "../features/placements/store.js";
import type { PrivacyStore } from "../features/privacy/store.js";
import type { ExportStore, QuarterlyStore } from "../features/quarterly/store.js";
import type { SchemeInfoStore } from "../features/scheme-info/store.js";
import type { SupportRequestsStore } from "../features/support-requests/store.js";
import type { NoticeStore } from "../kernel/once.js";
import type { AccessStore, ConversationStore, HealthStore, PartnershipsStore, PlacementLookupStore } from "../kernel/store.js";
import type { ChangeFeed } from "./change-feed.js";
import { PrismaChannelsStore } from "./channels-store.js";
import { PrismaContactsStore } from "./contacts-store.js";
import { PrismaDigestsStore } from "./digests-store.js";
import { prismaRawSql, type RawSql } from "./direct-sql.js";
import { PrismaEventsStore } from "./events-store.js";
import { PrismaInstallationsStore } from "./installations-store.js";
import { PrismaInvitationsStore } from "./invitations-store.js";
import {
  PrismaAccessStore,
  PrismaConversationStore,
  PrismaHealthStore,
  PrismaNoticeStore,
  PrismaPartnershipsStore,
  PrismaPlacementLookupStore,
} from "./kernel-stores.js";
import { PrismaIguMilestoneStore, PrismaOutcomesStore, PrismaPlacementRulesStore } from "./placement-rules-store.js";
import { PrismaPlacementsStore } from "./placements-store.js";
import { PrismaPrivacyStore } from "./privacy-store.js";
import { PrismaExportStore, PrismaQuarterlyStore } from "./quarterly-store.js";
import { cachedReadsOf, ReadCache, withCachedChannelLinks, withCachedEventList, withCachedRuleOverrides } from "./read-cache.js";
import { PrismaSchemeInfoStore } from "./scheme-info-store.js";
import { PrismaSupportRequestsStore } from "./support-requests-store.js";

/** Each port by name, for code that wants one port only. */
export type Stores = {
  access: AccessStore;
  partnerships: PartnershipsStore & { forgetReferenceData(): void };
  placementLookup: PlacementLookupStore;
  conversations: ConversationStore;
  health: HealthStore;
  notices: NoticeStore;
  placements: PlacementsStore;
  placementRules: PlacementRulesStore;
  outcomes: OutcomesStore;
  iguMilestones: IguMilestoneStore;
  supportRequests: SupportRequestsStore;
  channels: ChannelsStore;
  contacts: ContactsStore;
  quarterly: QuarterlyStore;
  exports: ExportStore;
  digests: DigestsStore;
  privacy: PrivacyStore;
  schemeInfo: SchemeInfoStore;
  events: EventsStore;
  invitations: InvitationsStore;
  installations: InstallationsStore;
};

/** Every port as one object (see composeStores), built from `stores`. */
function composeAppStore(s: Stores): AppStore {
  return composeStores(
    s.access,
    s.partnerships,
    s.placementLookup,
    s.conversations,
    s.health,
    s.notices,
    s.placements,
    s.placementRules,
    s.outcomes,
    s.iguMilestones,
    s.supportRequests,
    s.channels,
    s.contacts,
    s.quarterly,
    s.exports,
    s.digests,
    s.privacy,
    s.schemeInfo,
    s.events,
    s.invitations,
    s.installations,
  );
}

/**
 * `changes`: the database's change notices (Database.changes); with them, what nearly every
 * request reads is kept in memory until it changes (read-cache.ts). Without, only reference data
 * is kept, for a short while.
 */
export function createPrismaStores(
  prisma: PrismaClient,
  opts: { now?: () => Date; changes?: ChangeFeed; sql?: RawSql } = {},
): { stores: Stores; store: AppStore; cache: ReadCache } {
  const { now } = opts;
  const sql = opts.sql ?? prismaRawSql(prisma);
  const cache = new ReadCache(opts.changes);
  const { access, partnerships } = cachedReadsOf(new PrismaAccessStore(prisma), new PrismaPartnershipsStore(prisma), cache);
  const stores: Stores = {
    access,
    partnerships,
    placementLookup: new PrismaPlacementLookupStore(prisma),
    conversations: new PrismaConversationStore(prisma),
    health: new PrismaHealthStore(prisma),
    notices: new PrismaNoticeStore(prisma),
    placements: new PrismaPlacementsStore(prisma, sql),
    placementRules: withCachedRuleOverrides(new PrismaPlacementRulesStore(prisma, sql), cache),
    outcomes: new PrismaOutcomesStore(prisma),
    iguMilestones: new PrismaIguMilestoneStore(prisma),
    supportRequests: new PrismaSupportRequestsStore(prisma),
    channels: withCachedChannelLinks(new PrismaChannelsStore(prisma), cache),
    contacts: new PrismaContactsStore(prisma),
    quarterly: new PrismaQuarterlyStore(prisma),
    exports: new PrismaExportStore(prisma),
    digests: new PrismaDigestsStore(prisma, sql),
    privacy: new PrismaPrivacyStore(prisma, sql),
    schemeInfo: new PrismaSchemeInfoStore(prisma),
    events: withCachedEventList(new PrismaEventsStore(prisma), cache),
    invitations: new PrismaInvitationsStore(prisma),
    installations: new PrismaInstallationsStore(prisma, now),
  };
  return { stores, store: composeAppStore(stores), cache };
}

/** The whole AppStore on Prisma; with `sql` (Database.sql), the busiest statements skip its query compiler. */
export function createPrismaStore(prisma: PrismaClient, sql?: RawSql): AppStore {
  return createPrismaStores(prisma, sql ? { sql } : {}).store;
}
