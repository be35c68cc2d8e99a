// What registering and listing placements need from persistence. src/db/placements-store.ts
// implements it with Prisma; tests/support/memory/ in memory.
import type { IsoDate } from "../../kernel/dates.js";
import type { AuditEntry, EmployerSector, Need, PlacementRecord, PlacementStatus, PlacementTally } from "../../kernel/records.js";
import type { PlacementRulesStore } from "../placement-rules/index.js";

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
  /** Where the placement starts in its life (placement-rules/approval-rules.ts); active when absent. */
  status?: "awaiting_confirmation" | "registered" | "active";
  workplace?: { pNumber: string; ordinaryEmployeesFte: number | undefined; asOf: IsoDate };
  /** The workplace's ordinary employees for this placement and the day the figure is for (the ratio rule). */
  ordinaryEmployees?: { fte: number; asOf: IsoDate } | null;
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
  /** Only placements in these statuses; every status when absent. */
  statuses?: readonly PlacementStatus[];
  limit: number;
};

/** What a registration or an extension reads and writes while it holds a workplace's lock. */
export type WorkplaceLockedStore = Pick<PlacementRulesStore, "findWorkplace" | "listRatioPlacements" | "updatePlacement"> &
  Pick<PlacementsStore, "createPlacement" | "findPlacementByIdempotencyKey">;

export interface PlacementsStore {
  /**
   * Runs `work` holding the lock of one workplace (P-nummer), so that registrations and
   * extensions there run one at a time: the ratio rule's count and the write it allows happen
   * together, and a second one at the same instant counts the first. On PostgreSQL a transaction-scoped
   * advisory lock, with `work`'s reads and insert in that transaction.
   */
  withWorkplaceLock<T>(pNumber: string, work: (locked: WorkplaceLockedStore) => Promise<T>): Promise<T>;
  findPlacementByIdempotencyKey(key: string): Promise<PlacementRecord | undefined>;
  /**
   * Saves a placement (and its company, by CVR) with an audit row, once per idempotency key:
   * when the key is already taken the existing placement comes back with created = false.
   */
  createPlacement(placement: NewPlacement, audit: AuditEntry): Promise<{ placement: PlacementRecord; created: boolean }>;
  /** Newest first. */
  listPlacements(query: PlacementQuery): Promise<PlacementRecord[]>;
  countPlacements(query: Omit<PlacementQuery, "limit">): Promise<number>;
  /**
   * The approved placements (APPROVED_STATUSES) starting within the period (the partnership's:
   * a placement that starts outside it is not the agreement's), summed by what targets filter on.
   */
  tallyPlacements(partnershipId: string, period: { from: IsoDate; to: IsoDate }): Promise<PlacementTally[]>;
}
