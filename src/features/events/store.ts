// What events need from persistence: the events, the companies' sign-ups, and the placements
// that came from an event. src/db/events-store.ts implements it with Prisma; tests/support/memory/ in memory.
import type { PostedMessageRef } from "../../kernel/records.js";

/** Praktikdating, a visit to a sector's companies, a theme meeting (the agreement's initiative 3). */
export const EVENT_KINDS = ["praktikdating", "sector_visit", "theme_meeting"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type EventRecord = {
  id: string;
  partnershipId: string;
  kind: EventKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  sectors: string[];
  /** How many people from companies the place holds. */
  capacity: number;
  hostOrganisationIds: string[];
  cancelled: boolean;
  attendanceRecordedAt: Date | null;
  /** The invitations posted to channels, updated as companies sign up. */
  channelMessages: PostedMessageRef[];
  createdBy: string;
  createdAt: Date;
};

export type NewEvent = Omit<EventRecord, "id" | "cancelled" | "attendanceRecordedAt" | "channelMessages" | "createdAt"> & { idempotencyKey: string };

export type SignupRecord = {
  id: string;
  eventId: string;
  companyName: string;
  cvr: string;
  people: number;
  sectors: string[];
  /** Places the company might offer. */
  placesOffered: number;
  cancelled: boolean;
  /** Null until the host records attendance. */
  attended: boolean | null;
  signedUpBy: string;
  signedUpAt: Date;
};

export type NewSignup = Pick<SignupRecord, "eventId" | "companyName" | "cvr" | "people" | "sectors" | "placesOffered" | "signedUpBy"> & { at: Date };

export type SignupResult =
  | { kind: "saved"; signup: SignupRecord; created: boolean }
  /** The people would not fit: `left` seats remain for this company. */
  | { kind: "full"; left: number }
  | { kind: "not_found" };

export type AuditBy = { actor: string; at: Date };

/** What happened at events in a period: for progress, the digest and the quarterly report. */
export type EventFigures = { held: number; companiesReached: number; placements: number };

export interface EventsStore {
  /** Saves an event once per idempotency key; audited. */
  createEvent(event: NewEvent, audit: AuditBy): Promise<{ event: EventRecord; created: boolean }>;
  getEvent(id: string): Promise<EventRecord | undefined>;
  /** Events of the partnerships starting in [from, to), soonest first. */
  listEvents(partnershipIds: readonly string[], range: { from: Date; to: Date }): Promise<EventRecord[]>;
  addEventMessage(id: string, ref: PostedMessageRef): Promise<void>;
  listSignups(eventId: string): Promise<SignupRecord[]>;
  getSignup(id: string): Promise<SignupRecord | undefined>;
  /**
   * Signs a company (by CVR) up, or changes its sign-up, or takes it back after a cancellation;
   * refused when the people would not fit the capacity. The count and the write happen together,
   * so two sign-ups at once cannot both take the last seats. Audited.
   */
  saveSignup(signup: NewSignup, capacity: number): Promise<SignupResult>;
  /** True when this call cancelled it. Audited. */
  cancelSignup(id: string, audit: AuditBy): Promise<boolean>;
  /** Who attended, and the placements that came from the event (placement ids); replaces what was recorded. Audited. */
  recordAttendance(eventId: string, attendedSignupIds: readonly string[], placementIds: readonly string[], audit: AuditBy): Promise<void>;
  /** Links one placement to the event it came from (a placement comes from at most one). Audited. */
  linkEventPlacement(eventId: string, placementId: string, audit: AuditBy): Promise<void>;
  listEventPlacementIds(eventId: string): Promise<string[]>;
  /** Events held (not cancelled) starting in [from, to), the companies reached at them, and the placements they led to. */
  eventFigures(partnershipId: string, range: { from: Date; to: Date }, organisationId?: string): Promise<EventFigures>;
}
