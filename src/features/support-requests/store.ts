// Support requests, channel links and what the scheduler and proactive messages need from
// persistence. The Store interface (store.ts) extends SupportStore; src/db/support-store.ts
// implements it with Prisma.
import type { Platform } from "../../kernel/actor.js";
import type { IsoDate } from "../../kernel/dates.js";
import type { ContactRecord, PlacementRecord, Role } from "../../kernel/records.js";

export const SUPPORT_KINDS = ["interpreter", "mentor", "visit", "danish", "upskilling"] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const SUPPORT_STATUSES = ["open", "taken", "done", "declined"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
export const OPEN_STATUSES: readonly SupportStatus[] = ["open", "taken"];

/** Where a message was posted, so it can be updated in place. Platform-neutral. */
export type PostedMessageRef = { platform: Platform; workspaceId: string; channelId: string; messageId: string };

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
export type SupportRequestPatch = Partial<
  Pick<SupportRequestRecord, "status" | "holder" | "holderName" | "takenAt" | "closedAt" | "declineReason">
>;

/** Per-partnership settings for the business-day clock (Partnership.settings). */
export type PartnershipSettings = {
  workdayStart: string;
  workdayEnd: string;
  /** Business days to answer a request other than a visit (a visit: 1). */
  slaBusinessDays: number;
  mayDayIsHoliday: boolean;
};

export const CHANNEL_PURPOSES = ["jobcenter", "digest"] as const;
export type ChannelPurpose = (typeof CHANNEL_PURPOSES)[number];

export type ChannelLinkRecord = {
  id: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  partnershipId: string;
  organisationId: string | null;
  purpose: ChannelPurpose;
  locale: string | null;
};

export type NewChannelLink = Omit<ChannelLinkRecord, "id">;

/** A Teams conversation the bot can post into later (from an incoming activity). */
export type ConversationRefRecord = {
  platform: Platform;
  workspaceId: string;
  conversationId: string;
  serviceUrl: string;
  kind: string;
  userId: string | null;
  botId: string | null;
};

export type SupportRequestQuery = {
  partnershipIds: readonly string[];
  organisationIds?: readonly string[];
  statuses: readonly SupportStatus[];
  limit: number;
};

export type MentorFigures = { placements: number; averageHoursPerWeek: number | null };

export interface SupportStore {
  getPartnershipSettings(partnershipId: string): Promise<PartnershipSettings>;
  getPlacementById(id: string): Promise<PlacementRecord | undefined>;

  createSupportRequest(
    request: NewSupportRequest,
    audit: { actor: string },
  ): Promise<{ request: SupportRequestRecord; created: boolean }>;
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
  listSupportRequests(query: SupportRequestQuery): Promise<SupportRequestRecord[]>;
  /** Open or taken requests due before `before` that still lack a reminder or an escalation. */
  listSupportRequestsDueBefore(before: Date): Promise<SupportRequestRecord[]>;
  /** Records the reminder once: true only for the caller that set it. */
  markSupportReminderSent(id: string, at: Date): Promise<boolean>;
  markSupportEscalated(id: string, at: Date): Promise<boolean>;
  mentorFigures(partnershipId: string): Promise<MentorFigures>;

  /** Links a channel for a purpose (one partnership per channel and purpose); audited. */
  saveChannelLink(link: NewChannelLink, audit: { actor: string }): Promise<ChannelLinkRecord>;
  listChannelLinks(partnershipId: string, purpose: ChannelPurpose): Promise<ChannelLinkRecord[]>;
  listContactsWithRole(partnershipId: string, role: Role): Promise<ContactRecord[]>;

  saveConversationRef(ref: ConversationRefRecord): Promise<void>;
  findConversationRef(platform: Platform, workspaceId: string, conversationId: string): Promise<ConversationRefRecord | undefined>;
  findPersonalConversation(platform: Platform, workspaceId: string, userIds: readonly string[]): Promise<ConversationRefRecord | undefined>;

  /** Claims a scheduled job's time slot; false when another run (or replica) has it. */
  claimJobRun(job: string, slot: string, claimedBy: string): Promise<boolean>;
  finishJobRun(job: string, slot: string, error?: string): Promise<void>;
}
