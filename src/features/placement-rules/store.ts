// What the placement rules need from persistence, beyond registering. The Store extends this;
// src/db/store.ts implements it.
import type { IsoDate } from "../../kernel/dates.js";
import type { PlacementRuleOverrides } from "./rule-set.js";
import type { PlacementRecord, PlacementStatus, WorkplaceRecord } from "../../kernel/records.js";
import type { AuditEntry } from "../../kernel/store.js";

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
  vitasCreatedAt?: Date | null;
  vitasCreatedBy?: string | null;
};

export interface PlacementRulesStore {
  /** The partnership's overrides of the rule numbers (Partnership.settings.rules), checked; {} when none. */
  getPlacementRuleOverrides(partnershipId: string): Promise<PlacementRuleOverrides>;
  findWorkplace(pNumber: string): Promise<(WorkplaceRecord & { cvr: string }) | undefined>;
  /** Every placement at a workplace whose type counts for the ratio rule. */
  listRatioPlacements(workplaceId: string): Promise<PlacementRecord[]>;
  getPlacementById(id: string): Promise<PlacementRecord | undefined>;
  /** Changes a placement, with an audit row (action `action`) in the same transaction. */
  updatePlacement(id: string, patch: PlacementRulesPatch, audit: AuditEntry & { action: string }): Promise<PlacementRecord>;
  /** Records an admin's exemption from the ratio rule for a placement (replacing an earlier one), audited. */
  saveRatioExemption(placementId: string, reason: string, audit: AuditEntry): Promise<PlacementRecord>;
}
