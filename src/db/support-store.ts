// Prisma for support requests, channel links, conversation references and job runs.
// PrismaStore (store.ts) extends this class, so the Store stays one object.
import { Prisma, type PrismaClient } from "@prisma/client";
import type { Platform } from "../kernel/actor.js";
import { dateFromIso, isoFromDate } from "../kernel/dates.js";
import type { ContactRecord, Role } from "../kernel/records.js";
import type {
  ChannelLinkRecord,
  ChannelPurpose,
  ConversationRefRecord,
  MentorFigures,
  NewChannelLink,
  NewSupportRequest,
  PartnershipSettings,
  PostedMessageRef,
  SupportRequestPatch,
  SupportRequestQuery,
  SupportRequestRecord,
} from "../features/support-requests/store.js";
import { ZPartnershipSettingsSchema, ZPostedMessageRefSchema } from "./json-schemas.js";
import { writeAudit } from "./audit.js";
import { upsertChannelLink } from "./channel-links.js";

const requestInclude = {
  organisation: { select: { name: true } },
  placement: { select: { company: { select: { name: true } } } },
} as const;
type RequestRow = Prisma.SupportRequestGetPayload<{ include: typeof requestInclude }>;

function toRequest(row: RequestRow): SupportRequestRecord {
  const ref = ZPostedMessageRefSchema.safeParse(row.channelMessage);
  return {
    id: row.id,
    partnershipId: row.partnershipId,
    organisationId: row.organisationId,
    organisationName: row.organisation.name,
    placementId: row.placementId,
    placementCompany: row.placement?.company.name ?? null,
    companyName: row.companyName,
    cvr: row.cvr,
    kind: row.kind,
    status: row.status,
    wantedOn: row.wantedOn ? isoFromDate(row.wantedOn) : null,
    timeWindow: row.timeWindow,
    language: row.language,
    hoursPerWeek: row.hoursPerWeek,
    weeks: row.weeks,
    note: row.note,
    requestedAt: row.requestedAt,
    dueAt: row.dueAt,
    requestedBy: row.requestedBy,
    requesterName: row.requesterName,
    holder: row.holder,
    holderName: row.holderName,
    takenAt: row.takenAt,
    closedAt: row.closedAt,
    declineReason: row.declineReason,
    channelMessage: ref.success ? ref.data : null,
    reminderSentAt: row.reminderSentAt,
    escalatedAt: row.escalatedAt,
    version: row.version,
  };
}

/** The part of a request's state the audit log keeps for a transition. */
function auditState(r: SupportRequestRecord) {
  return { status: r.status, holder: r.holder, holderName: r.holderName, declineReason: r.declineReason, version: r.version };
}

function toLink(row: Prisma.ChannelLinkGetPayload<object>): ChannelLinkRecord {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspaceId,
    channelId: row.channelId,
    partnershipId: row.partnershipId,
    organisationId: row.organisationId,
    purpose: row.purpose,
    locale: row.locale,
  };
}

export class PrismaSupportStore {
  constructor(protected readonly prisma: PrismaClient) {}

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

  async saveChannelLink(link: NewChannelLink, audit: { actor: string }) {
    return upsertChannelLink(this.prisma, link, audit.actor, toLink);
  }

  async listChannelLinks(partnershipId: string, purpose: ChannelPurpose) {
    const rows = await this.prisma.channelLink.findMany({ where: { partnershipId, purpose }, orderBy: { createdAt: "asc" } });
    return rows.map(toLink);
  }

  async listContactsWithRole(partnershipId: string, role: Role): Promise<ContactRecord[]> {
    const rows = await this.prisma.contact.findMany({ where: { role, organisation: { partnershipId } }, orderBy: { createdAt: "asc" } });
    return rows.map((r) => ({
      id: r.id,
      platform: r.platform,
      workspaceId: r.workspaceId,
      userId: r.userId,
      organisationId: r.organisationId,
      role: r.role,
      displayName: r.displayName,
      locale: r.locale,
    }));
  }

  async saveConversationRef(ref: ConversationRefRecord) {
    const { platform, workspaceId, conversationId, ...rest } = ref;
    await this.prisma.conversationRef.upsert({
      where: { platform_workspaceId_conversationId: { platform, workspaceId, conversationId } },
      create: ref,
      // A channel message does not say who the personal chat belongs to; keep what is known.
      update: { serviceUrl: rest.serviceUrl, kind: rest.kind, ...(rest.userId ? { userId: rest.userId } : {}), ...(rest.botId ? { botId: rest.botId } : {}) },
    });
  }

  async findConversationRef(platform: Platform, workspaceId: string, conversationId: string) {
    const row = await this.prisma.conversationRef.findUnique({ where: { platform_workspaceId_conversationId: { platform, workspaceId, conversationId } } });
    return row ? { ...row } : undefined;
  }

  async findPersonalConversation(platform: Platform, workspaceId: string, userIds: readonly string[]) {
    const row = await this.prisma.conversationRef.findFirst({
      where: { platform, workspaceId, kind: "personal", userId: { in: [...userIds] } },
      orderBy: { updatedAt: "desc" },
    });
    return row ? { ...row } : undefined;
  }

  async claimJobRun(job: string, slot: string, claimedBy: string) {
    const rows = await this.prisma.$executeRaw`
      INSERT INTO "JobRun" ("job", "slot", "claimedBy") VALUES (${job}, ${slot}, ${claimedBy}) ON CONFLICT DO NOTHING`;
    return rows === 1;
  }

  async finishJobRun(job: string, slot: string, error?: string) {
    await this.prisma.jobRun.update({ where: { job_slot: { job, slot } }, data: { finishedAt: new Date(), error: error ?? null } });
  }
}
