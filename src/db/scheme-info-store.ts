// Prisma for scheme information (features/scheme-info/store.ts): the secretariat's wording per
// scheme and language, and the partnership's links; each change audited in its transaction.
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { AuditBy, SchemeInfoStore, SchemeLinks, SchemeTextRecord } from "../features/scheme-info/store.js";
import { LOCALES } from "../kernel/actor.js";
import { writeAudit } from "./audit.js";

const SCHEMES = ["praktik", "loentilskud", "igu", "ordinaer", "laerling", "mentor", "tolk", "fleksjob"] as const;
const ZSections = z.object({
  what: z.string().optional(),
  who: z.string().optional(),
  duration: z.string().optional(),
  money: z.string().optional(),
  duties: z.string().optional(),
  start: z.string().optional(),
});

const NO_LINKS: SchemeLinks = { municipalityUrl: null, entryPointName: null, entryPointUrl: null };

export class PrismaSchemeInfoStore implements SchemeInfoStore {
  constructor(private readonly prisma: PrismaClient) {}

  async listSchemeTexts(partnershipId: string): Promise<SchemeTextRecord[]> {
    const rows = await this.prisma.schemeText.findMany({ where: { partnershipId } });
    return rows.flatMap((row) => {
      const scheme = SCHEMES.find((s) => s === row.scheme);
      const locale = LOCALES.find((l) => l === row.locale);
      const sections = ZSections.safeParse(row.sections);
      // A row that does not check out is left out: the card falls back to the default text.
      if (!scheme || !locale || !sections.success) return [];
      return [{ partnershipId, scheme, locale, sections: sections.data, updatedBy: row.updatedBy, updatedAt: row.updatedAt }];
    });
  }

  async saveSchemeText(text: Pick<SchemeTextRecord, "partnershipId" | "scheme" | "locale" | "sections">, audit: AuditBy): Promise<void> {
    const id = { partnershipId: text.partnershipId, scheme: text.scheme, locale: text.locale };
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.schemeText.findUnique({ where: { partnershipId_scheme_locale: id } });
      const data = { sections: text.sections, updatedBy: audit.actor, updatedAt: audit.at };
      await tx.schemeText.upsert({ where: { partnershipId_scheme_locale: id }, create: { ...id, ...data }, update: data });
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "scheme_text",
        entityId: `${text.partnershipId}:${text.scheme}:${text.locale}`,
        action: before ? "update" : "create",
        ...(before ? { before: before.sections } : {}),
        after: text.sections,
        at: audit.at,
      });
    });
  }

  async getSchemeLinks(partnershipId: string): Promise<SchemeLinks> {
    const row = await this.prisma.schemeLinks.findUnique({ where: { partnershipId } });
    return row ? { municipalityUrl: row.municipalityUrl, entryPointName: row.entryPointName, entryPointUrl: row.entryPointUrl } : NO_LINKS;
  }

  async saveSchemeLinks(partnershipId: string, links: SchemeLinks, audit: AuditBy): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.schemeLinks.findUnique({ where: { partnershipId } });
      const data = { ...links, updatedBy: audit.actor, updatedAt: audit.at };
      await tx.schemeLinks.upsert({ where: { partnershipId }, create: { partnershipId, ...data }, update: data });
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "scheme_links",
        entityId: partnershipId,
        action: before ? "update" : "create",
        ...(before ? { before: { municipalityUrl: before.municipalityUrl, entryPointName: before.entryPointName, entryPointUrl: before.entryPointUrl } } : {}),
        after: links,
        at: audit.at,
      });
    });
  }
}
