// Events in memory: events, sign-ups by (event, CVR) within the capacity, attendance and the
// placements that came from an event, audited like the Prisma store.
import type { AuditBy, EventFigures, EventRecord, EventsStore, NewEvent, NewSignup, SignupRecord, SignupResult } from "../../../src/features/events/store.js";
import type { PostedMessageRef } from "../../../src/kernel/records.js";
import { copy, type MemoryDb } from "./db.js";

export class MemoryEventsStore implements EventsStore {
  private readonly events = new Map<string, EventRecord & { idempotencyKey: string }>();
  private readonly signups = new Map<string, SignupRecord>();
  /** placementId → eventId */
  private readonly links = new Map<string, string>();

  constructor(private readonly db: MemoryDb) {}

  private record(row: EventRecord & { idempotencyKey: string }): EventRecord {
    const { idempotencyKey: _key, ...event } = copy(row);
    return event;
  }

  async createEvent(event: NewEvent, audit: AuditBy) {
    const existing = [...this.events.values()].find((e) => e.idempotencyKey === event.idempotencyKey);
    if (existing) return { event: this.record(existing), created: false };
    const row = { ...copy(event), id: this.db.newId(), cancelled: false, attendanceRecordedAt: null, channelMessages: [], createdAt: audit.at };
    this.events.set(row.id, row);
    this.db.writeAudit({ actor: audit.actor, entity: "event", entityId: row.id, action: "create", after: this.record(row), at: audit.at });
    return { event: this.record(row), created: true };
  }

  async getEvent(id: string) {
    const row = this.events.get(id);
    return row ? this.record(row) : undefined;
  }

  async listEvents(partnershipIds: readonly string[], range: { from: Date; to: Date }) {
    return [...this.events.values()]
      .filter((e) => partnershipIds.includes(e.partnershipId) && e.startsAt >= range.from && e.startsAt < range.to)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((e) => this.record(e));
  }

  async addEventMessage(id: string, ref: PostedMessageRef) {
    this.events.get(id)?.channelMessages.push(copy(ref));
  }

  async listSignups(eventId: string) {
    return [...this.signups.values()].filter((s) => s.eventId === eventId).map(copy);
  }

  async getSignup(id: string) {
    const s = this.signups.get(id);
    return s ? copy(s) : undefined;
  }

  async saveSignup(signup: NewSignup, capacity: number): Promise<SignupResult> {
    if (!this.events.has(signup.eventId)) return { kind: "not_found" };
    const all = [...this.signups.values()].filter((s) => s.eventId === signup.eventId);
    const others = all.filter((s) => !s.cancelled && s.cvr !== signup.cvr).reduce((sum, s) => sum + s.people, 0);
    const left = capacity - others;
    if (signup.people > left) return { kind: "full", left: Math.max(0, left) };
    const before = all.find((s) => s.cvr === signup.cvr);
    const { at, ...fields } = signup;
    const row: SignupRecord = {
      ...copy(fields),
      id: before?.id ?? this.db.newId(),
      cancelled: false,
      attended: before?.attended ?? null,
      signedUpAt: before && !before.cancelled ? before.signedUpAt : at,
    };
    this.signups.set(row.id, row);
    this.db.writeAudit({ actor: signup.signedUpBy, entity: "event_signup", entityId: row.id, action: before ? "update" : "create", before, after: row, at });
    return { kind: "saved", signup: copy(row), created: !before || before.cancelled };
  }

  async cancelSignup(id: string, audit: AuditBy) {
    const s = this.signups.get(id);
    if (!s || s.cancelled) return false;
    s.cancelled = true;
    this.db.writeAudit({ actor: audit.actor, entity: "event_signup", entityId: id, action: "cancel", at: audit.at });
    return true;
  }

  async recordAttendance(eventId: string, attendedSignupIds: readonly string[], placementIds: readonly string[], audit: AuditBy) {
    for (const s of this.signups.values()) if (s.eventId === eventId && !s.cancelled) s.attended = attendedSignupIds.includes(s.id);
    for (const [placementId, linked] of this.links) if (linked === eventId && !placementIds.includes(placementId)) this.links.delete(placementId);
    for (const placementId of placementIds) this.links.set(placementId, eventId);
    const event = this.events.get(eventId);
    if (event) event.attendanceRecordedAt = audit.at;
    this.db.writeAudit({
      actor: audit.actor,
      entity: "event",
      entityId: eventId,
      action: "attendance",
      after: { attended: attendedSignupIds, placements: placementIds },
      at: audit.at,
    });
  }

  async linkEventPlacement(eventId: string, placementId: string, audit: AuditBy) {
    this.links.set(placementId, eventId);
    this.db.writeAudit({ actor: audit.actor, entity: "event", entityId: eventId, action: "link_placement", after: { placementId }, at: audit.at });
  }

  async listEventPlacementIds(eventId: string) {
    return [...this.links].filter(([, e]) => e === eventId).map(([p]) => p);
  }

  async eventFigures(partnershipId: string, range: { from: Date; to: Date }, organisationId?: string): Promise<EventFigures> {
    const events = (await this.listEvents([partnershipId], range)).filter(
      (e) => !e.cancelled && (!organisationId || e.hostOrganisationIds.includes(organisationId)),
    );
    const ids = new Set(events.map((e) => e.id));
    const cvrs = new Set([...this.signups.values()].filter((s) => ids.has(s.eventId) && !s.cancelled && s.attended !== false).map((s) => s.cvr));
    const placements = [...this.links.values()].filter((e) => ids.has(e)).length;
    return { held: events.length, companiesReached: cvrs.size, placements };
  }
}
