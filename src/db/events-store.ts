// Prisma for events (features/events/store.ts): events, companies' sign-ups and the placements
// that came from an event. A sign-up locks its event's row while it counts the seats, so two
// sign-ups at once cannot both take the last seats. Every change is audited in its transaction.
import type { Event as EventRow, EventSignup, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { AuditBy, EventFigures, EventRecord, EventsStore, NewEvent, NewSignup, SignupRecord, SignupResult } from "../features/events/store.js";
import { EVENT_KINDS } from "../features/events/store.js";
import type { PostedMessageRef } from "../kernel/records.js";
import { writeAudit } from "./audit.js";

const ZRefs = z.array(z.object({ platform: z.enum(["slack", "teams"]), workspaceId: z.string(), channelId: z.string(), messageId: z.string() }));

function toEvent(row: EventRow): EventRecord {
  const refs = ZRefs.safeParse(row.channelMessages);
  return {
    id: row.id,
    partnershipId: row.partnershipId,
    kind: EVENT_KINDS.find((k) => k === row.kind) ?? "praktikdating",
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    place: row.place,
    sectors: row.sectors,
    capacity: row.capacity,
    hostOrganisationIds: row.hostOrganisationIds,
    cancelled: row.cancelled,
    attendanceRecordedAt: row.attendanceRecordedAt,
    channelMessages: refs.success ? refs.data : [],
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

function toSignup(row: EventSignup): SignupRecord {
  return {
    id: row.id,
    eventId: row.eventId,
    companyName: row.companyName,
    cvr: row.cvr,
    people: row.people,
    sectors: row.sectors,
    placesOffered: row.placesOffered,
    cancelled: row.cancelled,
    attended: row.attended,
    signedUpBy: row.signedUpBy,
    signedUpAt: row.signedUpAt,
  };
}

export class PrismaEventsStore implements EventsStore {
  constructor(private readonly prisma: PrismaClient) {}

  async createEvent(event: NewEvent, audit: AuditBy): Promise<{ event: EventRecord; created: boolean }> {
    const existing = await this.prisma.event.findUnique({ where: { idempotencyKey: event.idempotencyKey } });
    if (existing) return { event: toEvent(existing), created: false };
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const created = await tx.event.create({ data: { ...event, createdAt: audit.at } });
        await writeAudit(tx, { actor: audit.actor, entity: "event", entityId: created.id, action: "create", after: toEvent(created), at: audit.at });
        return created;
      });
      return { event: toEvent(row), created: true };
    } catch (error) {
      const again = await this.prisma.event.findUnique({ where: { idempotencyKey: event.idempotencyKey } });
      if (again) return { event: toEvent(again), created: false };
      throw error;
    }
  }

  async getEvent(id: string): Promise<EventRecord | undefined> {
    const row = await this.prisma.event.findUnique({ where: { id } });
    return row ? toEvent(row) : undefined;
  }

  /** `limit`: the port answers at most 200; the cache of the events forms offer (read-cache.ts) asks for more. */
  async listEvents(partnershipIds: readonly string[], range: { from: Date; to: Date }, limit = 200): Promise<EventRecord[]> {
    const rows = await this.prisma.event.findMany({
      where: { partnershipId: { in: [...partnershipIds] }, startsAt: { gte: range.from, lt: range.to } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    return rows.map(toEvent);
  }

  async addEventMessage(id: string, ref: PostedMessageRef): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${id} FOR UPDATE`;
      const row = await tx.event.findUnique({ where: { id }, select: { channelMessages: true } });
      const refs = ZRefs.safeParse(row?.channelMessages);
      await tx.event.update({ where: { id }, data: { channelMessages: [...(refs.success ? refs.data : []), ref] } });
    });
  }

  async listSignups(eventId: string): Promise<SignupRecord[]> {
    const rows = await this.prisma.eventSignup.findMany({ where: { eventId }, orderBy: { signedUpAt: "asc" } });
    return rows.map(toSignup);
  }

  async getSignup(id: string): Promise<SignupRecord | undefined> {
    const row = await this.prisma.eventSignup.findUnique({ where: { id } });
    return row ? toSignup(row) : undefined;
  }

  async saveSignup(signup: NewSignup, capacity: number): Promise<SignupResult> {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Event" WHERE id = ${signup.eventId} FOR UPDATE`;
      if (locked.length === 0) return { kind: "not_found" as const };
      const others = await tx.eventSignup.aggregate({
        where: { eventId: signup.eventId, cancelled: false, NOT: { cvr: signup.cvr } },
        _sum: { people: true },
      });
      const left = capacity - (others._sum.people ?? 0);
      if (signup.people > left) return { kind: "full" as const, left: Math.max(0, left) };
      const before = await tx.eventSignup.findUnique({ where: { eventId_cvr: { eventId: signup.eventId, cvr: signup.cvr } } });
      const { at, ...fields } = signup;
      const data = { ...fields, cancelled: false, cancelledAt: null, signedUpAt: before && !before.cancelled ? before.signedUpAt : at };
      const row = await tx.eventSignup.upsert({ where: { eventId_cvr: { eventId: signup.eventId, cvr: signup.cvr } }, create: data, update: data });
      await writeAudit(tx, {
        actor: signup.signedUpBy,
        entity: "event_signup",
        entityId: row.id,
        action: before ? "update" : "create",
        ...(before ? { before: toSignup(before) } : {}),
        after: toSignup(row),
        at,
      });
      return { kind: "saved" as const, signup: toSignup(row), created: !before || before.cancelled };
    });
  }

  async cancelSignup(id: string, audit: AuditBy): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.eventSignup.updateMany({ where: { id, cancelled: false }, data: { cancelled: true, cancelledAt: audit.at } });
      if (count === 0) return false;
      await writeAudit(tx, { actor: audit.actor, entity: "event_signup", entityId: id, action: "cancel", at: audit.at });
      return true;
    });
  }

  async recordAttendance(eventId: string, attendedSignupIds: readonly string[], placementIds: readonly string[], audit: AuditBy): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.eventSignup.updateMany({ where: { eventId, cancelled: false }, data: { attended: false } });
      await tx.eventSignup.updateMany({ where: { eventId, id: { in: [...attendedSignupIds] } }, data: { attended: true } });
      await tx.eventPlacement.deleteMany({ where: { eventId, placementId: { notIn: [...placementIds] } } });
      for (const placementId of placementIds) {
        await tx.eventPlacement.upsert({
          where: { placementId },
          create: { placementId, eventId, linkedBy: audit.actor, linkedAt: audit.at },
          update: { eventId, linkedBy: audit.actor, linkedAt: audit.at },
        });
      }
      await tx.event.update({ where: { id: eventId }, data: { attendanceRecordedAt: audit.at } });
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "event",
        entityId: eventId,
        action: "attendance",
        after: { attended: attendedSignupIds, placements: placementIds },
        at: audit.at,
      });
    });
  }

  async linkEventPlacement(eventId: string, placementId: string, audit: AuditBy): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.eventPlacement.upsert({
        where: { placementId },
        create: { placementId, eventId, linkedBy: audit.actor, linkedAt: audit.at },
        update: { eventId, linkedBy: audit.actor, linkedAt: audit.at },
      });
      await writeAudit(tx, { actor: audit.actor, entity: "event", entityId: eventId, action: "link_placement", after: { placementId }, at: audit.at });
    });
  }

  async listEventPlacementIds(eventId: string): Promise<string[]> {
    const rows = await this.prisma.eventPlacement.findMany({ where: { eventId }, select: { placementId: true } });
    return rows.map((r) => r.placementId);
  }

  async eventFigures(partnershipId: string, range: { from: Date; to: Date }, organisationId?: string): Promise<EventFigures> {
    const events = await this.prisma.event.findMany({
      where: {
        partnershipId,
        cancelled: false,
        startsAt: { gte: range.from, lt: range.to },
        ...(organisationId ? { hostOrganisationIds: { has: organisationId } } : {}),
      },
      select: { id: true },
    });
    const ids = events.map((e) => e.id);
    if (ids.length === 0) return { held: 0, companiesReached: 0, placements: 0 };
    // A company counts as reached when it came, or signed up for an event whose attendance is not recorded yet.
    const [signups, placements] = await Promise.all([
      this.prisma.eventSignup.findMany({ where: { eventId: { in: ids }, cancelled: false, NOT: { attended: false } }, select: { cvr: true } }),
      this.prisma.eventPlacement.count({ where: { eventId: { in: ids } } }),
    ]);
    return { held: ids.length, companiesReached: new Set(signups.map((s) => s.cvr)).size, placements };
  }
}
