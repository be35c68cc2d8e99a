// Scheme information in memory: the secretariat's wording and links, audited like the Prisma store.
import type { AuditBy, SchemeInfoStore, SchemeLinks, SchemeTextRecord } from "../../../src/features/scheme-info/store.js";
import { copy, type MemoryDb } from "./db.js";

export class MemorySchemeInfoStore implements SchemeInfoStore {
  private readonly texts = new Map<string, SchemeTextRecord>();
  private readonly links = new Map<string, SchemeLinks>();

  constructor(private readonly db: MemoryDb) {}

  async listSchemeTexts(partnershipId: string): Promise<SchemeTextRecord[]> {
    return [...this.texts.values()].filter((t) => t.partnershipId === partnershipId).map(copy);
  }

  async saveSchemeText(text: Pick<SchemeTextRecord, "partnershipId" | "scheme" | "locale" | "sections">, audit: AuditBy): Promise<void> {
    const key = `${text.partnershipId}:${text.scheme}:${text.locale}`;
    const before = this.texts.get(key);
    this.texts.set(key, { ...copy(text), updatedBy: audit.actor, updatedAt: audit.at });
    this.db.writeAudit({
      actor: audit.actor,
      entity: "scheme_text",
      entityId: key,
      action: before ? "update" : "create",
      before: before?.sections,
      after: text.sections,
      at: audit.at,
    });
  }

  async getSchemeLinks(partnershipId: string): Promise<SchemeLinks> {
    return copy(this.links.get(partnershipId) ?? { municipalityUrl: null, entryPointName: null, entryPointUrl: null });
  }

  async saveSchemeLinks(partnershipId: string, links: SchemeLinks, audit: AuditBy): Promise<void> {
    const before = this.links.get(partnershipId);
    this.links.set(partnershipId, copy(links));
    this.db.writeAudit({
      actor: audit.actor,
      entity: "scheme_links",
      entityId: partnershipId,
      action: before ? "update" : "create",
      before,
      after: links,
      at: audit.at,
    });
  }
}
