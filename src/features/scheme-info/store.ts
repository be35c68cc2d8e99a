// What scheme information needs from persistence: a secretariat's own wording of each scheme's
// card per language, and the partnership's links. src/db/scheme-info-store.ts implements it with
// Prisma; tests/support/memory/ in memory.
import type { Locale } from "../../kernel/actor.js";
import type { Scheme, SchemeSection } from "./schemes.js";

/** A secretariat's wording of one scheme in one language; a section left out uses the default text. */
export type SchemeTextRecord = {
  partnershipId: string;
  scheme: Scheme;
  locale: Locale;
  sections: Partial<Record<SchemeSection, string>>;
  updatedBy: string;
  updatedAt: Date;
};

/** Where a company reads more and reaches the municipality; null where the secretariat has set nothing. */
export type SchemeLinks = {
  municipalityUrl: string | null;
  entryPointName: string | null;
  entryPointUrl: string | null;
};

export type AuditBy = { actor: string; at: Date };

export interface SchemeInfoStore {
  listSchemeTexts(partnershipId: string): Promise<SchemeTextRecord[]>;
  /** Replaces the wording of one scheme in one language (an empty `sections` restores the defaults); audited. */
  saveSchemeText(text: Pick<SchemeTextRecord, "partnershipId" | "scheme" | "locale" | "sections">, audit: AuditBy): Promise<void>;
  getSchemeLinks(partnershipId: string): Promise<SchemeLinks>;
  saveSchemeLinks(partnershipId: string, links: SchemeLinks, audit: AuditBy): Promise<void>;
}
