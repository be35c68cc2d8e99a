// The secretariat's wording of a scheme card and the partnership's links: only a secretariat
// admin of the partnership changes them, and every change is audited by the store.
import { isAdmin, type KnownAccess } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { PartnershipRecord } from "../../kernel/records.js";
import type { TEditSchemeTextInput, TSchemeLinksInput } from "./contract.js";
import { SCHEME_SECTIONS, type SchemeSection } from "./schemes.js";
import type { SchemeInfoStore } from "./store.js";

export type EditResult = { kind: "saved" } | { kind: "denied" };

export function canEditSchemeInfo(access: KnownAccess, partnership: PartnershipRecord): boolean {
  return isAdmin(access) && access.partnershipIds.includes(partnership.id);
}

/**
 * Saves one scheme's wording in one language. A section left empty, or still the default text
 * as the form showed it, is not stored: the default (and any later change to it) applies.
 */
export async function editSchemeText(
  store: SchemeInfoStore,
  access: KnownAccess,
  partnership: PartnershipRecord,
  input: TEditSchemeTextInput,
  opts: { now: Date; defaults: Record<SchemeSection, string> },
): Promise<EditResult> {
  if (!canEditSchemeInfo(access, partnership)) return { kind: "denied" };
  const sections: Partial<Record<SchemeSection, string>> = {};
  for (const section of SCHEME_SECTIONS) {
    const text = input[section];
    if (text !== undefined && text !== opts.defaults[section].trim()) sections[section] = text;
  }
  await store.saveSchemeText(
    { partnershipId: partnership.id, scheme: input.scheme, locale: input.locale, sections },
    { actor: actorRef(access.actor), at: opts.now },
  );
  return { kind: "saved" };
}

export async function editSchemeLinks(
  store: SchemeInfoStore,
  access: KnownAccess,
  partnership: PartnershipRecord,
  input: TSchemeLinksInput,
  opts: { now: Date },
): Promise<EditResult> {
  if (!canEditSchemeInfo(access, partnership)) return { kind: "denied" };
  await store.saveSchemeLinks(
    partnership.id,
    { municipalityUrl: input.municipalityUrl ?? null, entryPointName: input.entryPointName ?? null, entryPointUrl: input.entryPointUrl ?? null },
    { actor: actorRef(access.actor), at: opts.now },
  );
  return { kind: "saved" };
}
