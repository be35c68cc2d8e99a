import { type Access, canActFor } from "./access.js";
import { actorRef } from "./actor.js";
import { containsCpr } from "./cpr.js";
import { cvrProblem, normaliseCvr } from "./cvr.js";
import { endDateFor, isRealIsoDate, type IsoDate } from "./dates.js";
import type { EmployerSector, Need, PlacementRecord } from "./records.js";
import type { Store } from "./store.js";

export type PlacementInput = {
  organisationId: string;
  companyName: string;
  cvr: string;
  employerSector: EmployerSector;
  sector: string;
  shortageSector: boolean;
  typeId: string;
  places: number;
  startDate: IsoDate;
  /** Empty means the placement type's default length. */
  weeks: number | undefined;
  contactPerson: string;
  needs: Need[];
  note: string | undefined;
};

/** A rule broken at one field: an i18n key and what the message needs. */
export type FieldProblem = { key: string; vars?: Record<string, unknown> };
export type FieldProblems = Partial<Record<keyof PlacementInput | string, FieldProblem>>;

export type RegisterPlacementResult =
  | { kind: "saved"; placement: PlacementRecord; duplicate: boolean }
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "denied" };

/**
 * Registers a placement once. The idempotency key comes from the platform submission
 * (the form's nonce), so a retried request, a double click or a re-submitted card finds
 * the first placement instead of creating a twin.
 */
export async function registerPlacement(
  store: Store,
  access: Access,
  input: PlacementInput,
  idempotencyKey: string,
): Promise<RegisterPlacementResult> {
  if (access.kind !== "known") return { kind: "denied" };

  const existing = await store.findPlacementByIdempotencyKey(idempotencyKey);
  if (existing) return { kind: "saved", placement: existing, duplicate: true };

  const problems: FieldProblems = {};
  const organisation = await store.getOrganisation(input.organisationId);
  if (!organisation || !canActFor(access, organisation)) {
    problems.organisationId = { key: "placement:errors.organisation_not_allowed" };
  }
  const types = organisation ? await store.listPlacementTypes([organisation.partnershipId]) : [];
  const type = types.find((ty) => ty.id === input.typeId);
  if (organisation && !type) problems.typeId = { key: "placement:errors.type_not_in_partnership" };

  const cvr = normaliseCvr(input.cvr);
  const cvrIssue = cvrProblem(cvr);
  if (cvrIssue) problems.cvr = { key: cvrIssue === "format" ? "placement:errors.cvr_format" : "placement:errors.cvr_checksum" };
  for (const field of ["companyName", "contactPerson", "note"] as const) {
    const value = input[field];
    if (value && containsCpr(value)) problems[field] = { key: "form:errors.cpr" };
  }
  if (!isRealIsoDate(input.startDate)) problems.startDate = { key: "form:errors.invalid_date" };
  if (!Number.isInteger(input.places) || input.places < 1 || input.places > 50) {
    problems.places = { key: "form:errors.out_of_range", vars: { min: 1, max: 50 } };
  }
  if (Object.keys(problems).length > 0 || !organisation || !type) return { kind: "invalid", problems };

  const weeks = input.weeks ?? type.defaultWeeks ?? null;
  const { placement, created } = await store.createPlacement(
    {
      partnershipId: organisation.partnershipId,
      organisationId: organisation.id,
      company: { cvr, name: input.companyName },
      typeId: type.id,
      places: input.places,
      startDate: input.startDate,
      weeks,
      endDate: weeks ? endDateFor(input.startDate, weeks) : null,
      employerSector: input.employerSector,
      sector: input.sector,
      shortageSector: input.shortageSector,
      contactPerson: input.contactPerson,
      needs: [...new Set(input.needs)],
      note: input.note ?? null,
      createdBy: actorRef(access.actor),
      idempotencyKey,
    },
    { actor: actorRef(access.actor) },
  );
  return { kind: "saved", placement, duplicate: !created };
}
