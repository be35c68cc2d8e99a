// Extending a placement (LAB § 61 stk. 2): extend it to a new end date, checked against the duration rules and the
// ratio rule like a new registration.
import { type Access, isAdmin } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import { isClosed, placementFor } from "../../kernel/placement-access.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { AccessStore, PlacementLookupStore } from "../../kernel/store.js";
import type { TExtendPlacementInput } from "./contract.js";
import { checkExtensionDuration, weeksBetween } from "./duration-rules.js";
import { checkRatioAtWorkplace, ratioProblem } from "./ratio-check.js";
import { type BenefitGroup, placementRules, ruleKindOf } from "./rule-set.js";
import type { PlacementRulesStore } from "./store.js";

export type ExtendPlacementResult = { kind: "saved"; placement: PlacementRecord } | { kind: "invalid"; problems: FieldProblems } | { kind: "denied" };

export async function extendPlacement(
  store: PlacementRulesStore & PlacementLookupStore & AccessStore,
  access: Access,
  input: TExtendPlacementInput,
): Promise<ExtendPlacementResult> {
  const found = await placementFor(store, access, input.placementId);
  if (found.kind === "denied" || access.kind !== "known") return { kind: "denied" };
  if (found.kind === "not_found") return { kind: "invalid", problems: { placementId: { key: "rules:errors.not_found" } } };
  const p = found.placement;
  if (isClosed(p)) return { kind: "invalid", problems: { placementId: { key: "rules:errors.already_closed" } } };
  if (!p.endDate) return { kind: "invalid", problems: { placementId: { key: "rules:errors.no_end_date" } } };
  if (input.endDate <= p.endDate) return { kind: "invalid", problems: { endDate: { key: "rules:errors.not_later", vars: { current: p.endDate } } } };

  const settings = placementRules(await store.getPlacementRuleOverrides(p.partnershipId));
  const kind = ruleKindOf(p.type.key);
  if (kind) {
    const facts = { kind, benefitGroup: (p.benefitGroup ?? null) as BenefitGroup | null, employerSector: p.employerSector, start: p.startDate };
    const tooLong = checkExtensionDuration(facts, p.endDate, input.endDate, settings);
    if (tooLong) return { kind: "invalid", problems: { endDate: tooLong } };
  }
  // An exemption recorded for this placement lets it pass the ratio rule.
  if (p.type.countsForRatio && p.workplace && !p.ratioExemption) {
    const check = await checkRatioAtWorkplace(store, {
      workplaceId: p.workplace.id,
      employees: p.workplace.ordinaryEmployeesFte,
      candidate: { places: p.places, hoursPerWeek: p.hoursPerWeek, start: p.startDate, end: input.endDate },
      excludeId: p.id,
      settings,
    });
    if (!check.ok) return { kind: "invalid", problems: { endDate: ratioProblem(check, p.workplace.pNumber, settings, isAdmin(access)) } };
  }

  const placement = await store.updatePlacement(
    p.id,
    {
      endDate: input.endDate,
      weeks: weeksBetween(p.startDate, input.endDate),
      ...(p.status === "active" ? { status: "extended" as const } : {}),
    },
    { actor: actorRef(access.actor), action: "extend" },
  );
  return { kind: "saved", placement };
}
