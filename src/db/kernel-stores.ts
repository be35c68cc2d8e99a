// Prisma for the kernel's ports (kernel/store.ts, kernel/once.ts): access, the partnerships'
// reference data, a placement by id, Teams conversations, the once-only claims and the health check.
import type { Prisma, PrismaClient } from "@prisma/client";
import type { Platform } from "../kernel/actor.js";
import type { NoticeStore } from "../kernel/once.js";
import type { ConversationRefRecord, OrganisationRecord, TargetFilter, TargetRecord } from "../kernel/records.js";
import type { AccessStore, ConversationStore, HealthStore, PartnershipsStore, PlacementLookupStore } from "../kernel/store.js";
import { ZTargetFilterSchema } from "./json-schemas.js";
import { placementById, toContact, toPartnership, toType } from "./rows.js";

function toOrganisation(r: { id: string; partnershipId: string; name: string; kind: OrganisationRecord["kind"] }): OrganisationRecord {
  return { id: r.id, partnershipId: r.partnershipId, name: r.name, kind: r.kind };
}

export class PrismaAccessStore implements AccessStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Asked on every request that needs access: one statement of raw SQL. */
  async findContact(platform: Platform, workspaceId: string, userIds: readonly string[]) {
    const [row] = await this.prisma.$queryRaw<Prisma.ContactGetPayload<object>[]>`
      SELECT * FROM "Contact"
      WHERE "platform" = ${platform}::"Platform" AND "workspaceId" = ${workspaceId} AND "userId" = ANY(${[...userIds]})
      ORDER BY "createdAt" ASC, "id" ASC LIMIT 1`;
    return row ? toContact(row) : undefined;
  }

  /** The language a contact chose, else the one a chat user chose: one query, as it is asked on every request. */
  async findPreferredLocale(platform: Platform, workspaceId: string, userIds: readonly string[]) {
    const ids = [...userIds];
    const [row] = await this.prisma.$queryRaw<{ locale: string | null }[]>`
      SELECT COALESCE(
        (SELECT c."locale" FROM "Contact" c
          WHERE c."platform"::text = ${platform} AND c."workspaceId" = ${workspaceId} AND c."userId" = ANY(${ids}) AND c."locale" IS NOT NULL
          ORDER BY c."createdAt" ASC LIMIT 1),
        (SELECT u."locale" FROM "ChatUser" u
          WHERE u."platform"::text = ${platform} AND u."workspaceId" = ${workspaceId} AND u."userId" = ANY(${ids}) AND u."locale" IS NOT NULL
          LIMIT 1)
      ) AS "locale"`;
    return row?.locale ?? undefined;
  }

  async getOrganisation(id: string) {
    const row = await this.prisma.organisation.findUnique({ where: { id } });
    return row ? toOrganisation(row) : undefined;
  }

  async listPartnerships() {
    const rows = await this.prisma.partnership.findMany({ orderBy: [{ periodStart: "desc" }, { name: "asc" }] });
    return rows.map(toPartnership);
  }
}

export class PrismaPartnershipsStore implements PartnershipsStore {
  constructor(private readonly prisma: PrismaClient) {}

  async getPartnership(id: string) {
    const row = await this.prisma.partnership.findUnique({ where: { id } });
    return row ? toPartnership(row) : undefined;
  }

  async listOrganisations(partnershipIds: readonly string[]): Promise<OrganisationRecord[]> {
    const rows = await this.prisma.organisation.findMany({
      where: { partnershipId: { in: [...partnershipIds] } },
      orderBy: [{ name: "asc" }],
    });
    return rows.map(toOrganisation);
  }

  async listPlacementTypes(partnershipIds: readonly string[]) {
    const rows = await this.prisma.placementType.findMany({
      where: { partnershipId: { in: [...partnershipIds] } },
      orderBy: [{ sortOrder: "asc" }, { labelDa: "asc" }],
    });
    return rows.map(toType);
  }

  async listTargets(partnershipId: string): Promise<TargetRecord[]> {
    const rows = await this.prisma.target.findMany({ where: { partnershipId }, orderBy: { sortOrder: "asc" } });
    return rows.map((r) => ({
      id: r.id,
      partnershipId: r.partnershipId,
      key: r.key,
      labelDa: r.labelDa,
      labelEn: r.labelEn,
      kind: r.kind,
      min: r.min,
      max: r.max,
      filter: ZTargetFilterSchema.parse(r.filter) as TargetFilter,
      sortOrder: r.sortOrder,
    }));
  }
}

export class PrismaPlacementLookupStore implements PlacementLookupStore {
  constructor(private readonly prisma: PrismaClient) {}

  getPlacementById(id: string) {
    return placementById(this.prisma, id);
  }
}

export class PrismaConversationStore implements ConversationStore {
  constructor(private readonly prisma: PrismaClient) {}

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
}

export class PrismaHealthStore implements HealthStore {
  constructor(private readonly prisma: PrismaClient) {}

  async ping() {
    try {
      await this.prisma.$queryRawUnsafe("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }
}

export class PrismaNoticeStore implements NoticeStore {
  constructor(private readonly prisma: PrismaClient) {}

  async wasSent(key: string): Promise<boolean> {
    return (await this.prisma.sentNotice.count({ where: { key } })) > 0;
  }

  async recordSent(key: string, at: Date): Promise<void> {
    await this.prisma.$executeRaw`INSERT INTO "SentNotice" ("key", "sentAt") VALUES (${key}, ${at}) ON CONFLICT DO NOTHING`;
  }
}
