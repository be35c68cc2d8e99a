// What support requests need from persistence. src/db/support-requests-store.ts implements it
// with Prisma; tests/support/memory/ in memory.
import type { IsoDate } from "../../kernel/dates.js";
import type { PostedMessageRef } from "../../kernel/records.js";

// Kept here too for the files that have always found them here.

export const SUPPORT_KINDS = ["interpreter", "mentor", "visit", "danish", "upskilling"] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const SUPPORT_STATUSES = ["open", "taken", "done", "declined"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
export const OPEN_STATUSES: readonly SupportStatus[] = ["open", "taken"];

export type SupportRequestRecord = {
  id: string;
  partnershipId: string;
  organisationId: string;
  organisationName: string;
  placementId: string | null;
  /** The placement's company, when the request concerns a placement. */
  placementCompany: string | null;
  companyName: string | null;
  cvr: string | null;
  kind: SupportKind;
  status: SupportStatus;
  wantedOn: IsoDate | null;
  timeWindow: string | null;
  language: string | null;
  hoursPerWeek: number | null;
  weeks: number | null;
  note: string | null;
  requestedAt: Date;
  dueAt: Date;
  requestedBy: string;
  requesterName: string | null;
  holder: string | null;
  holderName: string | null;
  takenAt: Date | null;
  closedAt: Date | null;
  declineReason: string | null;
  channelMessage: PostedMessageRef | null;
  reminderSentAt: Date | null;
  escalatedAt: Date | null;
  version: number;
};

export type NewSupportRequest = {
  partnershipId: string;
  organisationId: string;
  placementId: string | null;
  companyName: string | null;
  cvr: string | null;
  kind: SupportKind;
  wantedOn: IsoDate | null;
  timeWindow: string | null;
  language: string | null;
  hoursPerWeek: number | null;
  weeks: number | null;
  note: string | null;
  requestedAt: Date;
  dueAt: Date;
  requestedBy: string;
  requesterName: string | null;
  idempotencyKey: string;
};

/** What a transition changes. */
export type SupportRequestPatch = Partial<Pick<SupportRequestRecord, "status" | "holder" | "holderName" | "takenAt" | "closedAt" | "declineReason">>;

/** Per-partnership settings for the business-day clock (Partnership.settings). */
export type PartnershipSettings = {
  workdayStart: string;
  workdayEnd: string;
  /** Business days to answer a request other than a visit (a visit: 1). */
  slaBusinessDays: number;
  mayDayIsHoliday: boolean;
};

export type SupportRequestQuery = {
  partnershipIds: readonly string[];
  organisationIds?: readonly string[];
  statuses: readonly SupportStatus[];
  limit: number;
};

export type MentorFigures = { placements: number; averageHoursPerWeek: number | null };

export interface SupportRequestsStore {
  getPartnershipSettings(partnershipId: string): Promise<PartnershipSettings>;

  createSupportRequest(request: NewSupportRequest, audit: { actor: string }): Promise<{ request: SupportRequestRecord; created: boolean }>;
  getSupportRequest(id: string): Promise<SupportRequestRecord | undefined>;
  /**
   * Applies a change when the request still has `expectedVersion`, raising the version and
   * writing the audit row in the same transaction. Undefined when someone else changed it first.
   */
  updateSupportRequest(
    id: string,
    expectedVersion: number,
    patch: SupportRequestPatch,
    audit: { actor: string; action: string; at: Date },
  ): Promise<SupportRequestRecord | undefined>;
  setSupportRequestMessage(id: string, ref: PostedMessageRef): Promise<void>;
  /** Soonest due first. */
  listSupportRequests(query: SupportRequestQuery): Promise<SupportRequestRecord[]>;
  /** Open or taken requests due before `before` that still lack a reminder or an escalation. */
  listSupportRequestsDueBefore(before: Date): Promise<SupportRequestRecord[]>;
  /** Records the reminder, after it was posted: true only for the caller that set it. */
  markSupportReminderSent(id: string, at: Date): Promise<boolean>;
  markSupportEscalated(id: string, at: Date): Promise<boolean>;
  mentorFigures(partnershipId: string): Promise<MentorFigures>;
}
