// The ratio rule (BAB § 65): a secretariat admin records an internal override for a placement, with a
// reason (audited). A secretariat cannot grant an exemption from the law — the municipality decides
// the agreement in VITAS; the override only lets the bot keep and extend that placement past the
// limit. It still counts for the others.
import { type Access, isAdmin } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import { placementFor } from "../../kernel/placement-access.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { AccessStore, PlacementLookupStore } from "../../kernel/store.js";
import type { TRecordRatioExemptionInput } from "./contract.js";
import type { PlacementRulesStore } from "./store.js";

export type RecordRatioExemptionResult = { kind: "saved"; placement: PlacementRecord } | { kind: "invalid"; problems: FieldProblems } | { kind: "denied" };

export async function recordRatioExemption(
  store: PlacementRulesStore & PlacementLookupStore & AccessStore,
  access: Access,
  input: TRecordRatioExemptionInput,
): Promise<RecordRatioExemptionResult> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  const found = await placementFor(store, access, input.placementId);
  if (found.kind === "denied") return { kind: "denied" };
  if (found.kind === "not_found") return { kind: "invalid", problems: { placementId: { key: "rules:errors.not_found" } } };
  const placement = await store.saveRatioExemption(found.placement.id, input.reason, { actor: actorRef(access.actor) });
  return { kind: "saved", placement };
}
