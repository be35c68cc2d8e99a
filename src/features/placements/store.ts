// What registering and listing placements need from persistence. src/db/placements-store.ts
// implements it with Prisma; tests/support/memory/ in memory.
import type { IsoDate } from "../../kernel/dates.js";
import type { AuditEntry, EmployerSector, Need, PlacementRecord, PlacementTally } from "../../kernel/records.js";

export type NewPlacement = {
  partnershipId: string;
  organisationId: string;
  /**
   * The company by CVR and the name as typed (kept on the placement). A new company is named by
   * it; an existing company's shared name changes only when renameShared (a secretariat admin).
   */
  company: { cvr: string; name: string; renameShared?: boolean };
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

export type PlacementQuery = {
  partnershipIds: readonly string[];
  /** Only these organisations' placements; all organisations in the partnerships when absent. */
  organisationIds?: readonly string[];
  limit: number;
};

export interface PlacementsStore {
  findPlacementByIdempotencyKey(key: string): Promise<PlacementRecord | undefined>;
  /**
   * Saves a placement (and its company, by CVR) with an audit row, once per idempotency key:
   * when the key is already taken the existing placement comes back with created = false.
   */
  createPlacement(placement: NewPlacement, audit: AuditEntry): Promise<{ placement: PlacementRecord; created: boolean }>;
  /** Newest first. */
  listPlacements(query: PlacementQuery): Promise<PlacementRecord[]>;
  countPlacements(query: Omit<PlacementQuery, "limit">): Promise<number>;
  tallyPlacements(partnershipId: string): Promise<PlacementTally[]>;
}
