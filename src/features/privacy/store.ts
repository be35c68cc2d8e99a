// What the personal-data rules (access, erasure, retention) need from persistence: finding a case reference, anonymising
// placements after the retention period, and a subject access request's export and deletion.
import type { IsoDate } from "../../kernel/dates.js";
import type { PersonalPlacementField } from "../../kernel/personal-data.js";

/** A placement whose end is past the retention period. */
export type PlacementDueForRetention = { id: string; partnershipId: string; end: IsoDate };

/** Everything stored about one case reference, as plain JSON-able rows. */
export type CaseExport = {
  caseReference: string;
  placements: Record<string, unknown>[];
  supportRequests: Record<string, unknown>[];
  auditEvents: Record<string, unknown>[];
};

export interface PrivacyStore {
  caseReferenceExists(caseReference: string): Promise<boolean>;
  /**
   * Placements not yet anonymised whose end (endedOn, else endDate) is before `endedBefore`, and
   * those with neither that started before `openStartedBefore` (see retention-job.ts).
   */
  listPlacementsToAnonymise(endedBefore: IsoDate, openStartedBefore: IsoDate): Promise<PlacementDueForRetention[]>;
  /**
   * Clears a placement's free text about people, and its support requests' (note, language,
   * decline reason), and the same fields in their earlier audit rows,
   * and writes an audit row naming what was removed; all in one transaction. Undefined when it
   * was anonymised already (another replica got there first).
   */
  anonymisePlacement(id: string, at: Date, audit: { actor: string; reason: Record<string, unknown> }): Promise<PersonalPlacementField[] | undefined>;
  /**
   * Clears the free text of support requests made for a company (no placement) before
   * `requestedBefore`, with an audit row each; the number cleared.
   */
  anonymiseCompanySupportRequests(requestedBefore: Date, audit: { actor: string; reason: Record<string, unknown> }): Promise<number>;
  /** Clears the texts of quarterly statuses for quarters before `quarterBefore` ("2021-Q4"), with an audit row each; the number cleared. */
  anonymiseQuarterlyStatuses(quarterBefore: string, audit: { actor: string; reason: Record<string, unknown> }): Promise<number>;
  exportCase(caseReference: string): Promise<CaseExport>;
  /** Deletes the case's placements and their support requests, scrubs their audit rows, and audits the deletion. */
  deleteCase(caseReference: string, audit: { actor: string }): Promise<{ placements: number; supportRequests: number }>;
}
