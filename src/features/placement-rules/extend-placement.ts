// Extending a placement (LAB § 61 stk. 2): extend it to a new end date, checked against the
// duration rules and the ratio rule like a new registration — by the rule set in force on the day
// the extension is decided. The workplace's ordinary employees are asked again when the
// placement's figure is older than four months (the ratio rule, BAB § 65).
import { type Access, isAdmin } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { IsoDate } from "../../kernel/dates.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import { isClosed, placementFor } from "../../kernel/placement-access.js";
import type { PlacementRecord, PlacementStatus } from "../../kernel/records.js";
import type { AccessStore, PlacementLookupStore } from "../../kernel/store.js";
import type { PlacementsStore } from "../placements/index.js";
import type { TExtendPlacementInput } from "./contract.js";
import { addMonths, checkExtensionDuration, needsSpecialNeed, weeksBetween } from "./duration-rules.js";
import { checkRatioAtWorkplace, ratioProblem } from "./ratio-check.js";
import { ruleKindOf, rulesOn } from "./rule-set.js";
import type { PlacementRulesStore } from "./store.js";

export type ExtendPlacementResult = { kind: "saved"; placement: PlacementRecord } | { kind: "invalid"; problems: FieldProblems } | { kind: "denied" };

/** A figure of ordinary employees goes stale after this many months: the average is over the four before. */
const EMPLOYEES_FRESH_MONTHS = 4;

/** The statuses of a placement the municipality has approved and that has not ended. */
const EXTENDABLE: ReadonlySet<PlacementStatus> = new Set<PlacementStatus>(["approved", "active", "extended"]);

export async function extendPlacement(
  store: PlacementRulesStore & PlacementLookupStore & AccessStore & Pick<PlacementsStore, "withWorkplaceLock">,
  access: Access,
  input: TExtendPlacementInput,
  /** The day the extension is decided; its rule set applies. */
  today: IsoDate,
): Promise<ExtendPlacementResult> {
  const found = await placementFor(store, access, input.placementId);
  if (found.kind === "denied" || access.kind !== "known") return { kind: "denied" };
  if (found.kind === "not_found") return { kind: "invalid", problems: { placementId: { key: "rules:errors.not_found" } } };
  const p = found.placement;
  if (isClosed(p)) return { kind: "invalid", problems: { placementId: { key: "rules:errors.already_closed" } } };
  // Only a placement the municipality has approved runs, and only one that runs can be extended.
  if (!EXTENDABLE.has(p.status)) return { kind: "invalid", problems: { placementId: { key: "rules:errors.not_approved_yet" } } };
  if (!p.endDate) return { kind: "invalid", problems: { placementId: { key: "rules:errors.no_end_date" } } };
  if (input.endDate <= p.endDate) return { kind: "invalid", problems: { endDate: { key: "rules:errors.not_later", vars: { current: p.endDate } } } };

  const settings = rulesOn(today, await store.getPlacementRuleOverrides(p.partnershipId));
  const kind = ruleKindOf(p.type.key);
  let extensionReason: string | undefined;
  if (kind) {
    const facts = { kind, benefitGroup: p.benefitGroup, employerSector: p.employerSector, start: p.startDate };
    const tooLong = checkExtensionDuration(facts, p.endDate, input.endDate, settings);
    if (tooLong && kind === "igu") {
      // An IGU runs past its two years only for leave, illness over 8 weeks or an unfinished school part.
      const reason = input.iguExtensionReason;
      if (!reason || !settings.igu.extensionReasons.includes(reason)) {
        return { kind: "invalid", problems: { iguExtensionReason: { key: "rules:duration.igu_extension", vars: { months: settings.igu.months } } } };
      }
      extensionReason = reason;
    } else if (tooLong) return { kind: "invalid", problems: { endDate: tooLong } };
    if (needsSpecialNeed(facts, input.endDate, settings)) {
      if (!input.specialNeedReason) {
        return {
          kind: "invalid",
          problems: { specialNeedReason: { key: "rules:duration.special_need", vars: { extendedWeeks: settings.praktik.extendedWeeks } } },
        };
      }
      extensionReason = input.specialNeedReason;
    }
  }

  // The figure of ordinary employees belongs to the placement; older than four months, it is asked again.
  const own = p.ordinaryEmployees ?? (p.workplace ? { fte: p.workplace.ordinaryEmployeesFte, asOf: p.workplace.asOf } : null);
  const fresh = input.ordinaryEmployees !== undefined ? { fte: input.ordinaryEmployees, asOf: today } : undefined;
  const countsForRatio = p.type.countsForRatio && p.workplace !== null && !p.ratioExemption;
  if (countsForRatio && !fresh && (!own || own.asOf < addMonths(today, -EMPLOYEES_FRESH_MONTHS))) {
    return { kind: "invalid", problems: { ordinaryEmployees: { key: "rules:errors.employees_stale", vars: { asOf: own?.asOf ?? "" } } } };
  }
  const patch = {
    endDate: input.endDate,
    weeks: weeksBetween(p.startDate, input.endDate),
    ...(p.status === "active" ? { status: "extended" as const } : {}),
    ...(fresh ? { ordinaryEmployees: fresh } : {}),
    ...(extensionReason !== undefined ? { extensionReason } : {}),
  };
  const audit = { actor: actorRef(access.actor), action: "extend" };
  const { workplace } = p;
  // An exemption recorded for this placement lets it pass the ratio rule.
  if (!countsForRatio || !workplace) return { kind: "saved", placement: await store.updatePlacement(p.id, patch, audit) };
  // The ratio rule (BAB § 65) is checked and the extension saved under the workplace's lock, as a
  // registration is: a registration at the same P-nummer at the same instant counts this extension.
  return store.withWorkplaceLock(workplace.pNumber, async (locked): Promise<ExtendPlacementResult> => {
    const check = await checkRatioAtWorkplace(locked, {
      workplaceId: workplace.id,
      employees: (fresh ?? own)?.fte ?? 0,
      candidate: { places: p.places, hoursPerWeek: p.hoursPerWeek, start: p.startDate, end: input.endDate },
      excludeId: p.id,
      settings,
    });
    if (!check.ok) return { kind: "invalid", problems: { endDate: ratioProblem(check, workplace.pNumber, settings, isAdmin(access)) } };
    return { kind: "saved", placement: await locked.updatePlacement(p.id, patch, audit) };
  });
}
