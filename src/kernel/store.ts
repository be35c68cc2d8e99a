// What the core needs from persistence. src/db/store.ts implements it with Prisma; tests may
// use the same implementation on in-memory PGlite.
import type { Platform } from "./actor.js";
import type { IsoDate } from "./dates.js";
import type {
  ChatUserRecord,
  ContactRecord,
  EmployerSector,
  Need,
  OrganisationRecord,
  PartnershipRecord,
  PlacementRecord,
  PlacementTally,
  PlacementTypeRecord,
  PlacementDetailTally,
  QuarterlyStatusRecord,
  Role,
  SupportRequestTimes,
  TargetRecord,
} from "./records.js";
import type { SupportStore } from "../features/support-requests/store.js";
import type { PlacementRulesStore } from "../features/placement-rules/store.js";
import type { PrivacyStore } from "../features/privacy/store.js";
import type { DigestStore } from "../features/digests/store.js";
import type { OutcomeRange, OutcomeTally } from "../features/placement-rules/placement-outcomes.js";

export type AuditEntry = { actor: string };

export type NewPlacement = {
  partnershipId: string;
  organisationId: string;
  company: { cvr: string; name: string };
  typeId: string;
  places: number;
  startDate: IsoDate;
  weeks: number | null;
  endDate: IsoDate | null;
  employerSector: EmployerSector;
  sector: string;
  shortageSector: boolean;
  contactPerson: string;
  needs: Need[];
  note: string | null;
  createdBy: string;
  idempotencyKey: string;
  /** Set for types that follow the placement rules (placement-rules-config.ts). */
  status?: "awaiting_confirmation" | "active";
  workplace?: { pNumber: string; ordinaryEmployeesFte: number | undefined; asOf: IsoDate };
  benefitGroup?: string | null;
  hoursPerWeek?: number | null;
  purpose?: string | null;
  representativeName?: string | null;
  representativeConfirmed?: boolean;
  ratioExemption?: { reason: string; grantedBy: string };
  /** The jobcenter's case reference or a pseudonym; see personal-data.ts. */
  caseReference?: string | null;
};

export type NewContact = {
  platform: Platform;
  workspaceId: string;
  userId: string;
  organisationId: string;
  role: Role;
  displayName: string | null;
};

export type PlacementQuery = {
  partnershipIds: readonly string[];
  /** Only these organisations' placements; all organisations in the partnerships when absent. */
  organisationIds?: readonly string[];
  limit: number;
};

export type NewQuarterlyStatus = Omit<QuarterlyStatusRecord, "id" | "createdBy" | "createdAt" | "updatedBy" | "updatedAt">;

export interface Store extends SupportStore, PlacementRulesStore, PrivacyStore, DigestStore {
  findContact(platform: Platform, workspaceId: string, userIds: readonly string[]): Promise<ContactRecord | undefined>;
  /** Remembers a chat user the bot has met (for the admin's user list). */
  rememberChatUser(user: Omit<ChatUserRecord, "lastSeenAt">): Promise<void>;
  /** The name people know an actor ("platform:workspace:user") by, from contacts or chat users met. */
  displayNameOf(actorRef: string): Promise<string | undefined>;
  listChatUsers(platform: Platform, workspaceId: string, limit: number): Promise<ChatUserRecord[]>;

  listPartnerships(): Promise<PartnershipRecord[]>;
  getPartnership(id: string): Promise<PartnershipRecord | undefined>;
  listOrganisations(partnershipIds: readonly string[]): Promise<OrganisationRecord[]>;
  getOrganisation(id: string): Promise<OrganisationRecord | undefined>;
  listPlacementTypes(partnershipIds: readonly string[]): Promise<PlacementTypeRecord[]>;
  listTargets(partnershipId: string): Promise<TargetRecord[]>;

  findPlacementByIdempotencyKey(key: string): Promise<PlacementRecord | undefined>;
  /**
   * Saves a placement (and its company, by CVR) with an audit row, once per idempotency key:
   * when the key is already taken the existing placement comes back with created = false.
   */
  createPlacement(placement: NewPlacement, audit: AuditEntry): Promise<{ placement: PlacementRecord; created: boolean }>;
  listPlacements(query: PlacementQuery): Promise<PlacementRecord[]>;
  countPlacements(query: Omit<PlacementQuery, "limit">): Promise<number>;
  tallyPlacements(partnershipId: string): Promise<PlacementTally[]>;
  /** Finished placements (ended or completed), optionally only those that finished in a date range. */
  tallyOutcomes(partnershipId: string, range?: OutcomeRange): Promise<OutcomeTally[]>;

  /** Adds a contact, or moves an existing one to a new organisation or role; audited either way. */
  saveContact(contact: NewContact, audit: AuditEntry): Promise<{ contact: ContactRecord; created: boolean }>;

  getQuarterlyStatus(organisationId: string, quarter: string): Promise<QuarterlyStatusRecord | undefined>;
  /** Files an organisation's status for a quarter, or edits the one filed; audited in the same transaction. */
  saveQuarterlyStatus(status: NewQuarterlyStatus, audit: AuditEntry): Promise<{ status: QuarterlyStatusRecord; created: boolean }>;
  listQuarterlyStatuses(partnershipId: string, quarter: string): Promise<QuarterlyStatusRecord[]>;
  /** Placements starting from `from` (when given) up to and including `to`, summed for reports. */
  tallyPlacementDetails(partnershipId: string, range: { from?: IsoDate; to: IsoDate }): Promise<PlacementDetailTally[]>;
  /** Support requests made, or closed, in [from, to). */
  listSupportRequestTimes(partnershipId: string, from: Date, to: Date): Promise<SupportRequestTimes[]>;

  /** True when the database answers. */
  ping(): Promise<boolean>;
}
