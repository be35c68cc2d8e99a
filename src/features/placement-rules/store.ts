// What the placement rules need from persistence, beyond registering: the rule numbers, the
// ratio rule's workplace, changes to a placement, outcomes and the IGU placements the bonus job
// looks at. src/db/placement-rules-store.ts implements these ports with Prisma.
import type { IsoDate } from "../../kernel/dates.js";
import type { AuditEntry, EmployerSector, PlacementRecord, PlacementStatus, PostedMessageRef, WorkplaceRecord } from "../../kernel/records.js";
import type { OutcomeRange, OutcomeTally } from "./placement-outcomes.js";
import type { PlacementRuleOverrides } from "./rule-set.js";

/** The fields a rule use case may change on a placement; each change is audited with before and after. */
export type PlacementRulesPatch = {
  status?: PlacementStatus;
  weeks?: number | null;
  endDate?: IsoDate | null;
  endReason?: string | null;
  endedOn?: IsoDate | null;
  outcome?: string | null;
  representativeName?: string | null;
  representativeConfirmed?: boolean;
  tasks?: string | null;
  monthlyWageCost?: number | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  workingTime?: string | null;
  vitasCreatedAt?: Date | null;
  vitasCreatedBy?: string | null;
  /** A new figure of ordinary employees for this placement (the ratio rule), with the day it is given for. */
  ordinaryEmployees?: { fte: number; asOf: IsoDate };
  /** Why it was extended past the usual limit ("helt særligt behov", or an IGU's reason). */
  extensionReason?: string | null;
};

/** The municipality's decision on a placement. */
export type PlacementDecision =
  | { status: "approved" | "active"; approvedAt: Date; approvedBy: string; decidedByName: string | null }
  | { status: "refused"; refusedAt: Date; refusedBy: string; refusalReason: string; decidedByName: string | null };

/** What the ratio rule reads of a placement stored at the workplace. */
export type RatioStoredPlacement = Pick<PlacementRecord, "id" | "places" | "hoursPerWeek" | "startDate" | "endDate" | "endedOn">;

export interface PlacementRulesStore {
  /** The partnership's overrides of the rule numbers (Partnership.settings.rules), checked; {} when none. */
  getPlacementRuleOverrides(partnershipId: string): Promise<PlacementRuleOverrides>;
  findWorkplace(pNumber: string): Promise<(WorkplaceRecord & { cvr: string }) | undefined>;
  /** Every placement at a workplace whose type counts for the ratio rule, by start: what the rule reads of each. */
  listRatioPlacements(workplaceId: string): Promise<RatioStoredPlacement[]>;
  /** Changes a placement, with an audit row (action `action`) in the same transaction. */
  updatePlacement(id: string, patch: PlacementRulesPatch, audit: AuditEntry & { action: string }): Promise<PlacementRecord>;
  /**
   * Records the municipality's decision when the placement is still `expectedStatus`, audited
   * (action `action`) in the same transaction; undefined when someone else changed it first, so
   * of two people pressing at once one decides and the other is told.
   */
  decidePlacement(
    id: string,
    expectedStatus: PlacementStatus,
    decision: PlacementDecision,
    audit: AuditEntry & { action: string; at: Date },
  ): Promise<PlacementRecord | undefined>;
  /**
   * Approved placements whose start date has come (on or before `today`) become active, each with
   * an audit row (action "start"); a placement changed meanwhile is left alone. The ones started.
   */
  startApprovedPlacements(today: IsoDate, audit: AuditEntry & { at: Date }): Promise<PlacementRecord[]>;
  /** Remembers the placement's approval message in the jobcenter channel. */
  setPlacementMessage(id: string, ref: PostedMessageRef): Promise<void>;
  /** Records an admin's exemption from the ratio rule for a placement (replacing an earlier one), audited. */
  saveRatioExemption(placementId: string, reason: string, audit: AuditEntry): Promise<PlacementRecord>;
}

export interface OutcomesStore {
  /** Finished placements (ended or completed), optionally only those that finished in a date range. */
  tallyOutcomes(partnershipId: string, range?: OutcomeRange): Promise<OutcomeTally[]>;
}

export type IguPlacement = {
  id: string;
  partnershipId: string;
  companyName: string;
  /** The company's contact person as typed in the form. */
  contactPerson: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  /** Only private employers get the bonus (lov om integrationsgrunduddannelse). */
  employerSector: EmployerSector;
  /** Actor reference "platform:workspace:user" of whoever registered it. */
  createdBy: string;
};

export interface IguMilestoneStore {
  /**
   * IGU placements that have started by `today`, are not anonymised and did not end early, and
   * whose end date is on or after `endsFrom` (or not set).
   */
  listRunningIguPlacements(today: IsoDate, endsFrom: IsoDate): Promise<IguPlacement[]>;
}
