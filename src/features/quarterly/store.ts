// What quarterly statuses, the quarterly report and the spreadsheet export need from
// persistence. src/db/quarterly-store.ts implements both ports with Prisma.
import type { IsoDate } from "../../kernel/dates.js";
import type { AuditEntry, PlacementDetailTally, QuarterlyStatusRecord, SupportRequestTimes } from "../../kernel/records.js";

export type NewQuarterlyStatus = Omit<QuarterlyStatusRecord, "id" | "createdBy" | "createdAt" | "updatedBy" | "updatedAt">;

export interface QuarterlyStore {
  getQuarterlyStatus(organisationId: string, quarter: string): Promise<QuarterlyStatusRecord | undefined>;
  /** Files an organisation's status for a quarter, or edits the one filed; audited in the same transaction. */
  saveQuarterlyStatus(status: NewQuarterlyStatus, audit: AuditEntry): Promise<{ status: QuarterlyStatusRecord; created: boolean }>;
  listQuarterlyStatuses(partnershipId: string, quarter: string): Promise<QuarterlyStatusRecord[]>;
  /** Placements starting from `from` (when given) up to and including `to`, summed for reports. */
  tallyPlacementDetails(partnershipId: string, range: { from?: IsoDate; to: IsoDate }): Promise<PlacementDetailTally[]>;
  /** Support requests made, or closed, in [from, to). */
  listSupportRequestTimes(partnershipId: string, from: Date, to: Date): Promise<SupportRequestTimes[]>;
}

export type PlacementExportRow = {
  organisation: string;
  company: string;
  cvr: string;
  typeLabelDa: string;
  typeLabelEn: string;
  places: number;
  startDate: Date;
  weeks: number | null;
  endDate: Date | null;
  employerSector: "public" | "private";
  sector: string;
  shortageSector: boolean;
  status: string;
  createdAt: Date;
};

export type RequestExportRow = {
  organisation: string;
  kind: string;
  company: string | null;
  status: "open" | "taken" | "done" | "declined";
  holder: string | null;
  declineReason: string | null;
  requestedAt: Date;
  dueAt: Date;
  closedAt: Date | null;
};

/** A partnership's placements and support requests as flat rows, for spreadsheets (export.ts). */
export interface ExportStore {
  findPartnershipBySlug(slug: string): Promise<{ id: string; slug: string; name: string } | undefined>;
  listPartnershipSlugs(): Promise<string[]>;
  placementExportRows(partnershipId: string): Promise<PlacementExportRow[]>;
  requestExportRows(partnershipId: string): Promise<RequestExportRow[]>;
}
