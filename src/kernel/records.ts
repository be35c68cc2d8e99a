// Plain records the kernel and more than one feature work with. The database layer (src/db/)
// maps Prisma rows to these, so nothing in the kernel or the features depends on Prisma.
import type { Locale, Platform } from "./actor.js";
import type { IsoDate } from "./dates.js";

export const ROLES = ["secretariat_admin", "jobcenter_staff", "partner_contact"] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = ["jobcenter", "employers_association", "union", "school", "company", "housing", "other"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const EMPLOYER_SECTORS = ["public", "private"] as const;
export type EmployerSector = (typeof EMPLOYER_SECTORS)[number];

export const NEEDS = ["mentor", "interpreter", "danish"] as const;
export type Need = (typeof NEEDS)[number];

/**
 * A placement's life: awaiting the employee representative's confirmation (where the workplace
 * has more than one employee) → registered, waiting for the municipality → refused, or active
 * once approved (it runs from its start date) → extended → ended early or completed.
 */
export const PLACEMENT_STATUSES = ["awaiting_confirmation", "registered", "refused", "approved", "active", "extended", "ended", "completed"] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** Approved by the municipality: the placements that count towards the agreement's targets. */
export const APPROVED_STATUSES = ["approved", "active", "extended", "ended", "completed"] as const satisfies readonly PlacementStatus[];
export function isApproved(status: PlacementStatus): boolean {
  return (APPROVED_STATUSES as readonly PlacementStatus[]).includes(status);
}

/** Waiting for the representative or the municipality. */
export const WAITING_STATUSES = ["awaiting_confirmation", "registered"] as const satisfies readonly PlacementStatus[];

export type Labelled = { labelDa: string; labelEn: string };

export function labelIn(item: Labelled, locale: Locale): string {
  return locale === "en" ? item.labelEn : item.labelDa;
}

export type PartnershipRecord = {
  id: string;
  slug: string;
  name: string;
  municipality: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
};

export type OrganisationRecord = {
  id: string;
  partnershipId: string;
  name: string;
  kind: OrganisationKind;
};

export type ContactRecord = {
  id: string;
  platform: Platform;
  workspaceId: string;
  userId: string;
  organisationId: string;
  role: Role;
  displayName: string | null;
  locale: string | null;
};

export type PlacementTypeRecord = Labelled & {
  id: string;
  partnershipId: string;
  key: string;
  defaultWeeks: number | null;
  countsForRatio: boolean;
  sortOrder: number;
};

export type TargetFilter = {
  /** Placement type keys that count; all types when absent. */
  types?: string[];
  employerSector?: EmployerSector;
  /** Only placements in a sector short of labour. */
  shortageOnly?: boolean;
};

export const TARGET_KINDS = ["goal", "minimum", "maximum", "range"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export type TargetRecord = Labelled & {
  id: string;
  partnershipId: string;
  key: string;
  kind: TargetKind;
  min: number | null;
  max: number | null;
  filter: TargetFilter;
  sortOrder: number;
};

export type CompanyRecord = { id: string; cvr: string; name: string };

export type PlacementRecord = {
  id: string;
  partnershipId: string;
  organisationId: string;
  organisationName: string;
  company: CompanyRecord;
  type: PlacementTypeRecord;
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
  status: PlacementStatus;
  createdBy: string;
  createdAt: Date;
  /** The workplace (P-nummer) for types placed at one; see placement-rules-config.ts. */
  workplace: WorkplaceRecord | null;
  /** The workplace's ordinary employees for this placement (the ratio rule), and the day the figure is for; a later registration does not change it. */
  ordinaryEmployees: { fte: number; asOf: IsoDate } | null;
  /** Why it was extended past the usual limit ("helt særligt behov", LAB § 61 stk. 2, or an IGU's reason). */
  extensionReason: string | null;
  benefitGroup: string | null;
  hoursPerWeek: number | null;
  purpose: string | null;
  representativeName: string | null;
  representativeConfirmed: boolean;
  endReason: string | null;
  endedOn: IsoDate | null;
  outcome: string | null;
  tasks: string | null;
  monthlyWageCost: number | null;
  /** What VITAS asks for besides: the company contact's e-mail and phone, the working time. */
  contactEmail: string | null;
  contactPhone: string | null;
  workingTime: string | null;
  vitasCreatedAt: Date | null;
  /** The municipality's decision (LAB kap. 11 as the municipalities apply it: no start before approval); actor references. */
  approvedAt: Date | null;
  approvedBy: string | null;
  refusedAt: Date | null;
  refusedBy: string | null;
  refusalReason: string | null;
  /** Who decided, by the name the chat showed. */
  decidedByName: string | null;
  /** The approval message in the jobcenter channel. */
  channelMessage: PostedMessageRef | null;
  /** The jobcenter's case reference or the bot's pseudonym; null once anonymised. */
  caseReference: string | null;
  ratioExemption: { reason: string; grantedBy: string; grantedAt: Date } | null;
};

export type WorkplaceRecord = { id: string; companyId: string; pNumber: string; ordinaryEmployeesFte: number; asOf: IsoDate };

/** Placements summed by the properties targets filter on. */
export type PlacementTally = {
  typeKey: string;
  employerSector: EmployerSector;
  shortageSector: boolean;
  places: number;
};

export type ChatUserRecord = {
  platform: Platform;
  workspaceId: string;
  userId: string;
  displayName: string | null;
  lastSeenAt: Date;
  /** The language the person chose with `sprog` when they have no contact row. */
  locale?: string | null;
};

/** One organisation's quarterly status and plan ("2016-Q3"); one per organisation and quarter. */
export type QuarterlyStatusRecord = {
  id: string;
  organisationId: string;
  quarter: string;
  activities: string;
  companiesContacted: number;
  placementsHelped: number;
  iguAgreements: number;
  eventsHeld: number;
  plan: string;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
};

/** Placements summed per organisation, type, industry and the properties targets filter on. */
export type PlacementDetailTally = PlacementTally & {
  organisationId: string;
  sector: string;
  /** Number of placement rows (a row can hold several places). */
  placements: number;
};

/** When a support request was made, due and closed, and how it ended. */
export type SupportRequestTimes = {
  status: "open" | "taken" | "done" | "declined";
  requestedAt: Date;
  dueAt: Date;
  closedAt: Date | null;
};

/** Who made a change, for its audit row. */
export type AuditEntry = { actor: string };

/** Where a message was posted, so it can be updated in place. Platform-neutral. */
export type PostedMessageRef = { platform: Platform; workspaceId: string; channelId: string; messageId: string };

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
