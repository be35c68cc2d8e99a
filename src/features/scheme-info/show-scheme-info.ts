// What a scheme card needs: the person's partnership, the rule set in force today with the
// partnership's overrides, the secretariat's own wording and the partnership's links.
import type { KnownAccess } from "../../kernel/access.js";
import type { IsoDate } from "../../kernel/dates.js";
import type { PartnershipRecord } from "../../kernel/records.js";
import type { PartnershipsStore } from "../../kernel/store.js";
import { type PlacementRuleSettings, type PlacementRulesStore, rulesOn } from "../placement-rules/index.js";
import type { Scheme, SchemeSection } from "./schemes.js";
import type { SchemeInfoStore, SchemeLinks, SchemeTextRecord } from "./store.js";

export type SchemeInfoPorts = SchemeInfoStore & Pick<PlacementRulesStore, "getPlacementRuleOverrides"> & Pick<PartnershipsStore, "getPartnership">;

export type SchemeInfo = {
  partnership: PartnershipRecord;
  rules: PlacementRuleSettings;
  /** The secretariat's wording by "scheme:locale". */
  texts: ReadonlyMap<string, Partial<Record<SchemeSection, string>>>;
  links: SchemeLinks;
};

export const textKey = (scheme: Scheme, locale: string) => `${scheme}:${locale}`;

/**
 * The partnership a person reads about: the one their organisation belongs to; a secretariat
 * admin in several names it by its slug, else the first.
 */
async function partnershipFor(store: Pick<PartnershipsStore, "getPartnership">, access: KnownAccess, slug?: string): Promise<PartnershipRecord | undefined> {
  const ids = access.organisation ? [access.organisation.partnershipId] : access.partnershipIds;
  const partnerships = (await Promise.all(ids.map((id) => store.getPartnership(id)))).filter((p): p is PartnershipRecord => p !== undefined);
  return partnerships.find((p) => p.slug === slug) ?? partnerships[0];
}

export async function showSchemeInfo(
  store: SchemeInfoPorts,
  access: KnownAccess,
  opts: { today: IsoDate; slug?: string },
): Promise<{ kind: "ok"; info: SchemeInfo } | { kind: "no_partnership" }> {
  const partnership = await partnershipFor(store, access, opts.slug);
  if (!partnership) return { kind: "no_partnership" };
  const [overrides, texts, links] = await Promise.all([
    store.getPlacementRuleOverrides(partnership.id),
    store.listSchemeTexts(partnership.id),
    store.getSchemeLinks(partnership.id),
  ]);
  const rules = rulesOn(opts.today, overrides);
  // The employer entry point from the rules' wording (lov nr. 1750 af 29/12/2025) unless the secretariat set one here.
  const entryPoint = rules.wording.entryPoint;
  return {
    kind: "ok",
    info: {
      partnership,
      rules,
      texts: new Map(texts.map((t: SchemeTextRecord) => [textKey(t.scheme, t.locale), t.sections])),
      links: {
        municipalityUrl: links.municipalityUrl,
        entryPointName: links.entryPointName ?? entryPoint?.name ?? null,
        entryPointUrl: links.entryPointUrl ?? entryPoint?.url ?? null,
      },
    },
  };
}
