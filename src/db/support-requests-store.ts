// Prisma for support requests (features/support-requests/store.ts).
import type { PrismaClient } from "@prisma/client";
import type {
  MentorFigures,
  NewSupportRequest,
  PartnershipSettings,
  SupportRequestPatch,
  SupportRequestQuery,
  SupportRequestRecord,
  SupportRequestsStore,
} from "../features/support-requests/store.js";
import { dateFromIso } from "../kernel/dates.js";
import type { PostedMessageRef } from "../kernel/records.js";
import { writeAudit } from "./audit.js";
import { ZPartnershipSettingsSchema } from "./json-schemas.js";
import { auditState, requestInclude, toRequest } from "./rows.js";

export class PrismaSupportRequestsStore implements SupportRequestsStore {
  constructor(private readonly prisma: PrismaClient) {}

  async getPartnershipSettings(partnershipId: string): Promise<PartnershipSettings> {
    const row = await this.prisma.partnership.findUnique({ where: { id: partnershipId }, select: { settings: true } });
    const parsed = ZPartnershipSettingsSchema.safeParse(row?.settings ?? {});
    return parsed.success ? parsed.data : ZPartnershipSettingsSchema.parse({});
  }

  async createSupportRequest(r: NewSupportRequest, audit: { actor: string }) {
    const existing = await this.prisma.supportRequest.findUnique({ where: { idempotencyKey: r.idempotencyKey }, include: requestInclude });
    if (existing) return { request: toRequest(existing), created: false };
    try {
      const request = await this.prisma.$transaction(async (tx) => {
        const row = await tx.supportRequest.create({
          data: { ...r, wantedOn: r.wantedOn ? dateFromIso(r.wantedOn) : null },
          include: requestInclude,
        });
        const record = toRequest(row);
        await writeAudit(tx, { actor: audit.actor, entity: "support_request", entityId: row.id, action: "create", after: record, at: r.requestedAt });
        return record;
      });
      return { request, created: true };
    } catch (error) {
      const again = await this.prisma.supportRequest.findUnique({ where: { idempotencyKey: r.idempotencyKey }, include: requestInclude });
      if (again) return { request: toRequest(again), created: false };
      throw error;
    }
  }

  async getSupportRequest(id: string) {
    const row = await this.prisma.supportRequest.findUnique({ where: { id }, include: requestInclude });
    return row ? toRequest(row) : undefined;
  }

  async updateSupportRequest(
    id: string,
    expectedVersion: number,
    patch: SupportRequestPatch,
    audit: { actor: string; action: string; at: Date },
  ): Promise<SupportRequestRecord | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.supportRequest.findUnique({ where: { id }, include: requestInclude });
      if (!before) return undefined;
      // The version check is in the UPDATE itself: of two people acting at once, one changes no row.
      const { count } = await tx.supportRequest.updateMany({
        where: { id, version: expectedVersion },
        data: { ...patch, version: { increment: 1 } },
      });
      if (count === 0) return undefined;
      const after = toRequest((await tx.supportRequest.findUnique({ where: { id }, include: requestInclude }))!);
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "support_request",
        entityId: id,
        action: audit.action,
        before: auditState(toRequest(before)),
        after: auditState(after),
        at: audit.at,
      });
      return after;
    });
  }

  async setSupportRequestMessage(id: string, ref: PostedMessageRef) {
    await this.prisma.supportRequest.update({ where: { id }, data: { channelMessage: ref } });
  }

  async listSupportRequests(query: SupportRequestQuery) {
    const rows = await this.prisma.supportRequest.findMany({
      where: {
        partnershipId: { in: [...query.partnershipIds] },
        status: { in: [...query.statuses] },
        ...(query.organisationIds ? { organisationId: { in: [...query.organisationIds] } } : {}),
      },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: query.limit,
      include: requestInclude,
    });
    return rows.map(toRequest);
  }

  async listSupportRequestsDueBefore(before: Date) {
    const rows = await this.prisma.supportRequest.findMany({
      where: { status: { in: ["open", "taken"] }, dueAt: { lte: before }, OR: [{ reminderSentAt: null }, { escalatedAt: null }] },
      orderBy: { dueAt: "asc" },
      take: 500,
      include: requestInclude,
    });
    return rows.map(toRequest);
  }

  async markSupportReminderSent(id: string, at: Date) {
    const { count } = await this.prisma.supportRequest.updateMany({ where: { id, reminderSentAt: null }, data: { reminderSentAt: at } });
    return count === 1;
  }

  async markSupportEscalated(id: string, at: Date) {
    const { count } = await this.prisma.supportRequest.updateMany({ where: { id, escalatedAt: null }, data: { escalatedAt: at } });
    return count === 1;
  }

  async mentorFigures(partnershipId: string): Promise<MentorFigures> {
    const rows = await this.prisma.supportRequest.findMany({
      where: { partnershipId, kind: "mentor", status: "done", placementId: { not: null }, hoursPerWeek: { not: null } },
      select: { placementId: true, hoursPerWeek: true, closedAt: true },
      orderBy: { closedAt: "asc" },
    });
    // The latest grant per placement counts.
    const hours = new Map<string, number>();
    for (const row of rows) hours.set(row.placementId!, row.hoursPerWeek!);
    const values = [...hours.values()];
    return {
      placements: values.length,
      averageHoursPerWeek: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null,
    };
  }
}
