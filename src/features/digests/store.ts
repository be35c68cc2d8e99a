// What the weekly digest needs from persistence: the partnership's placements summed by the week
// they were registered, the last days' new placements, placements ending soon, open support
// requests, and the digest links with their runs. src/db/digests-store.ts implements it.
import type { Platform } from "../../kernel/actor.js";
import type { IsoDate } from "../../kernel/dates.js";
import type { EmployerSector, PlacementStatus } from "../../kernel/records.js";

/** Placements registered in one ISO week, summed by what targets filter on. */
export type WeeklyTally = {
  /** The Monday of the week the placements were registered (in BOT_TIMEZONE). */
  weekStart: IsoDate;
  typeKey: string;
  employerSector: EmployerSector;
  shortageSector: boolean;
  places: number;
};

/** Placements registered in the week, by organisation: the approved ones' places, and the places still waiting for the municipality. */
export type NewPlacementCount = { organisationId: string; placements: number; places: number; waitingPlaces: number };

export type EndingPlacement = {
  id: string;
  organisationId: string;
  organisationName: string;
  companyName: string;
  typeKey: string;
  typeLabelDa: string;
  typeLabelEn: string;
  caseReference: string | null;
  startDate: IsoDate;
  endDate: IsoDate;
  weeks: number | null;
  status: PlacementStatus;
  /** Someone answered "ends as planned" for this end date. */
  endsAsPlanned: boolean;
};

export type SupportCount = { organisationId: string; open: number; overdue: number };

export type DigestFactsQuery = {
  /** Everything is counted as of this instant (registered before it). */
  asOf: Date;
  /** New placements: registered in [newSince, asOf). */
  newSince: Date;
  /** Placements ending on a day in [endingFrom, endingTo]. */
  endingFrom: IsoDate;
  endingTo: IsoDate;
  timezone: string;
  /** Quarters ("2026-Q3") whose filed statuses are wanted. */
  quarters: string[];
};

export type DigestFacts = {
  weekly: WeeklyTally[];
  newPlacements: NewPlacementCount[];
  ending: EndingPlacement[];
  support: SupportCount[];
  /** Organisations that have filed the quarter, by quarter ("2026-Q3"). */
  filed: Record<string, string[]>;
};

export type DigestLinkRecord = {
  id: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  partnershipId: string;
  organisationId: string | null;
  /** ISO weekday 1 (Monday) – 7. */
  weekday: number;
  /** "HH:MM" in BOT_TIMEZONE. */
  time: string;
  locale: string | null;
  createdAt: Date;
  createdBy: string;
  failedAt: Date | null;
  failure: string | null;
};

export type NewDigestLink = Omit<DigestLinkRecord, "id" | "createdAt" | "createdBy" | "failedAt" | "failure">;

export type DigestRunOutcome = { status: "posted"; messageRef: unknown } | { status: "failed"; error: string };

export interface DigestsStore {
  digestFacts(partnershipId: string, query: DigestFactsQuery): Promise<DigestFacts>;
  /** Links a channel for the weekly digest, or changes its schedule; clears a failure; audited. */
  saveDigestLink(link: NewDigestLink, audit: { actor: string }): Promise<DigestLinkRecord>;
  /** Unlinks the channel's digest; false when there was none. Audited. */
  removeDigestLink(address: { platform: Platform; workspaceId: string; channelId: string }, audit: { actor: string }): Promise<boolean>;
  listDigestLinks(filter?: { id?: string; partnershipId?: string; channelId?: string }): Promise<DigestLinkRecord[]>;
  /** The channel links whose digest of the ISO week is recorded (posted or failed). */
  digestRunsOfWeek(isoWeek: string): Promise<Set<string>>;
  /**
   * What one channel's task needs before it posts, in one read: the digest link it names (absent
   * when unlinked since) and whether its digest of the ISO week is recorded already.
   */
  digestTask(channelLinkId: string, isoWeek: string): Promise<{ link: DigestLinkRecord | undefined; recorded: boolean }>;
  /** Records a channel's digest of the ISO week, after it was posted or failed for good; false when it was recorded already. */
  recordDigestRun(channelLinkId: string, isoWeek: string, outcome: DigestRunOutcome, at: Date): Promise<boolean>;
  /** Marks a channel that cannot be posted to; true only for the caller that marked it first. */
  markDigestLinkFailed(channelLinkId: string, failure: string, at: Date): Promise<boolean>;
  /** Records that a placement ends on its current end date as planned; audited. */
  recordEndsAsPlanned(placementId: string, endDate: IsoDate, audit: { actor: string }): Promise<void>;
}
