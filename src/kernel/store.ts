// What the kernel itself needs from persistence, as small ports: who a person is (access), the
// partnerships' reference data every feature reads, a placement by id (placement-access), the
// conversations adapters keep, and the health check. Each feature declares its own port in
// features/<feature>/store.ts; src/db/ implements every port with Prisma, and
// tests/support/memory/ in memory.
import type { Platform } from "./actor.js";
import type {
  ContactRecord,
  ConversationRefRecord,
  OrganisationRecord,
  PartnershipRecord,
  PlacementRecord,
  PlacementTypeRecord,
  TargetRecord,
} from "./records.js";

/** What resolveAccess needs: the contact behind a chat user, their organisation, the partnerships. */
export interface AccessStore {
  findContact(platform: Platform, workspaceId: string, userIds: readonly string[]): Promise<ContactRecord | undefined>;
  /** The language a person chose with `sprog` (their contact's, else the chat user's), if any. */
  findPreferredLocale(platform: Platform, workspaceId: string, userIds: readonly string[]): Promise<string | undefined>;
  getOrganisation(id: string): Promise<OrganisationRecord | undefined>;
  listPartnerships(): Promise<PartnershipRecord[]>;
}

/** The partnerships' reference data: organisations, placement types and targets. */
export interface PartnershipsStore {
  getPartnership(id: string): Promise<PartnershipRecord | undefined>;
  listOrganisations(partnershipIds: readonly string[]): Promise<OrganisationRecord[]>;
  listPlacementTypes(partnershipIds: readonly string[]): Promise<PlacementTypeRecord[]>;
  listTargets(partnershipId: string): Promise<TargetRecord[]>;
}

/** A placement by its id (placementFor and the use cases that change a placement). */
export interface PlacementLookupStore {
  getPlacementById(id: string): Promise<PlacementRecord | undefined>;
}

/** The conversations the Teams adapter keeps, so the bot can post into them later. */
export interface ConversationStore {
  saveConversationRef(ref: ConversationRefRecord): Promise<void>;
  findConversationRef(platform: Platform, workspaceId: string, conversationId: string): Promise<ConversationRefRecord | undefined>;
  findPersonalConversation(platform: Platform, workspaceId: string, userIds: readonly string[]): Promise<ConversationRefRecord | undefined>;
}

/** What the platform adapters are handed (src/adapter.ts): the conversations they keep. */
export type Store = ConversationStore;

export interface HealthStore {
  /** True when the database answers. */
  ping(): Promise<boolean>;
}
