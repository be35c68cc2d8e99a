// The hand-off to STAR's VITAS, where the agreement is made. The bot is not the system
// of record and has no VITAS API: it gathers the fields VITAS asks for, so the company can copy
// them in, and remembers whether the agreement has been created.
import type { Access } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { IsoDate } from "../../kernel/dates.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import { placementFor } from "../../kernel/placement-access.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { AccessStore, PlacementLookupStore } from "../../kernel/store.js";
import type { TPrepareVitasSummaryInput } from "./contract.js";
import { ruleKindOf } from "./rule-set.js";
import type { PlacementRulesStore } from "./store.js";

/** One VITAS field: its name (an i18n key under rules:vitas.fields) and its value; null when the bot does not know it. */
export type VitasField =
  | { field: string; kind: "text"; value: string | null }
  | { field: string; kind: "number"; value: number | null }
  | { field: string; kind: "period"; start: IsoDate; end: IsoDate | null }
  | { field: string; kind: "purpose"; value: string | null }
  | { field: string; kind: "money"; value: number | null }
  | { field: string; kind: "type"; placement: PlacementRecord };

/**
 * The fields VITAS asks for, in its order (indberet.virk.dk; LAW.md "VITAS"): company, CVR,
 * P-nummer, contact person with e-mail and phone, representative, ordinary staff, working time and
 * hours a week, tasks, purpose, period; løntilskud adds the monthly wage costs. Never a CPR number.
 */
function vitasFields(p: PlacementRecord): VitasField[] {
  const kind = ruleKindOf(p.type.key);
  const representative = p.representativeName ? `${p.representativeName}${p.representativeConfirmed ? " ✓" : ""}` : null;
  const fields: VitasField[] = [
    { field: "type", kind: "type", placement: p },
    { field: "company", kind: "text", value: p.company.name },
    { field: "cvr", kind: "text", value: p.company.cvr },
    { field: "p_number", kind: "text", value: p.workplace?.pNumber ?? null },
    { field: "contact_person", kind: "text", value: p.contactPerson },
    { field: "contact_email", kind: "text", value: p.contactEmail },
    { field: "contact_phone", kind: "text", value: p.contactPhone },
    { field: "representative", kind: "text", value: representative },
    { field: "employees", kind: "number", value: p.ordinaryEmployees?.fte ?? p.workplace?.ordinaryEmployeesFte ?? null },
    { field: "working_time", kind: "text", value: p.workingTime },
    { field: "hours", kind: "number", value: p.hoursPerWeek },
    { field: "tasks", kind: "text", value: p.tasks },
  ];
  if (kind === "praktik") fields.push({ field: "purpose", kind: "purpose", value: p.purpose });
  fields.push({ field: "period", kind: "period", start: p.startDate, end: p.endDate });
  if (kind === "loentilskud") fields.push({ field: "wage_cost", kind: "money", value: p.monthlyWageCost });
  return fields;
}

export type VitasResult = { kind: "ok"; placement: PlacementRecord; fields: VitasField[] } | { kind: "invalid"; problems: FieldProblems } | { kind: "denied" };

/**
 * Saves what the VITAS form adds (tasks, contact e-mail and phone, working time, monthly wage
 * costs, whether the agreement is created)
 * when anything changed, and returns the summary.
 */
export async function prepareVitasSummary(
  store: PlacementRulesStore & PlacementLookupStore & AccessStore,
  access: Access,
  input: TPrepareVitasSummaryInput,
): Promise<VitasResult> {
  const found = await placementFor(store, access, input.placementId);
  if (found.kind === "denied" || access.kind !== "known") return { kind: "denied" };
  if (found.kind === "not_found") return { kind: "invalid", problems: { placementId: { key: "rules:errors.not_found" } } };
  let p = found.placement;
  const { tasks } = input;
  // Whole kroner: VITAS asks for no øre.
  const monthlyWageCost = input.monthlyWageCost === undefined ? undefined : Math.round(input.monthlyWageCost);
  const patch = {
    ...(tasks && tasks !== p.tasks ? { tasks } : {}),
    ...(monthlyWageCost !== undefined && monthlyWageCost !== p.monthlyWageCost ? { monthlyWageCost } : {}),
    ...(input.contactEmail && input.contactEmail !== p.contactEmail ? { contactEmail: input.contactEmail } : {}),
    ...(input.contactPhone && input.contactPhone !== p.contactPhone ? { contactPhone: input.contactPhone } : {}),
    ...(input.workingTime && input.workingTime !== p.workingTime ? { workingTime: input.workingTime } : {}),
    ...(input.createdInVitas === true && !p.vitasCreatedAt ? { vitasCreatedAt: new Date(), vitasCreatedBy: actorRef(access.actor) } : {}),
    ...(input.createdInVitas === false && p.vitasCreatedAt ? { vitasCreatedAt: null, vitasCreatedBy: null } : {}),
  };
  if (Object.keys(patch).length > 0) p = await store.updatePlacement(p.id, patch, { actor: actorRef(access.actor), action: "vitas" });
  return { kind: "ok", placement: p, fields: vitasFields(p) };
}
