import { createHash } from "node:crypto";
import { type Access, canActFor, isAdmin, type KnownAccess } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import { containsCpr } from "../../kernel/cpr.js";
import { addDays, endDateFor, type IsoDate } from "../../kernel/dates.js";
import type { FieldProblem, FieldProblems } from "../../kernel/field-problems.js";
import { CASE_REFERENCE, makePseudonym, normaliseCaseReference, sensitiveWordProblems } from "../../kernel/personal-data.js";
import type { PartnershipRecord, PlacementRecord } from "../../kernel/records.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import type { PlacementRulesStore } from "../placement-rules/index.js";
import {
  addMonths,
  checkHours,
  checkRatioAtWorkplace,
  checkRegistrationDuration,
  initialStatus,
  maxWeeksAtRegistration,
  needsRepresentative,
  needsWorkplace,
  ratioProblem,
  ruleKindOf,
  rulesOn,
  targetGroupIn,
} from "../placement-rules/index.js";
import type { PrivacyStore } from "../privacy/index.js";
import type { TRegisterPlacementInput } from "./contract.js";
import type { PlacementsStore, WorkplaceLockedStore } from "./store.js";

/** The use case's input is the contract's output: what the form's fields hold, already checked for form and format. */
export type PlacementInput = TRegisterPlacementInput;

/** The figure of ordinary employees is the average of the four months before the start (the ratio rule, BAB § 65). */
const EMPLOYEES_FRESH_MONTHS = 4;

/** Free-text fields checked for words that suggest special-category data (GDPR art. 9). */
const SENSITIVE_CHECKED_FIELDS = ["contactPerson", "note", "representativeName"] as const;

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
  store: PlacementsStore & PlacementRulesStore & Pick<PrivacyStore, "caseReferenceExists"> & AccessStore & PartnershipsStore,
  access: Access,
  input: TRegisterPlacementInput,
  idempotencyKey: string,
  /** Today where the bot runs: a start date must lie within a window around it. */
  opts: { today?: IsoDate } = {},
): Promise<RegisterPlacementResult> {
  if (access.kind !== "known") return { kind: "denied" };

  const problems: FieldProblems = {};
  const organisation = await store.getOrganisation(input.organisationId);
  if (!organisation || !canActFor(access, organisation)) {
    problems.organisationId = { key: "placement:errors.organisation_not_allowed" };
  }

  // A retry finds only this person's own earlier save, for this organisation, after the access
  // check; a key another save holds (a copied nonce) makes this a new submission with its own key.
  const existing = await store.findPlacementByIdempotencyKey(idempotencyKey);
  if (existing && organisation && !problems.organisationId && isOwnSave(existing, access, organisation.id)) {
    return { kind: "saved", placement: existing, duplicate: true };
  }
  const key = existing ? derivedKey(idempotencyKey, input) : idempotencyKey;
  const types = organisation ? await store.listPlacementTypes([organisation.partnershipId]) : [];
  const type = types.find((ty) => ty.id === input.typeId);
  if (organisation && !type) problems.typeId = { key: "placement:errors.type_not_in_partnership" };
  const partnership = organisation ? await store.getPartnership(organisation.partnershipId) : undefined;
  const startProblem = partnership ? startDateProblem(input.startDate, partnership, opts.today) : undefined;
  if (startProblem) problems.startDate = startProblem;

  const { cvr } = input;
  // Personal data (GDPR art. 9): candidates only by case reference or pseudonym; free text warns on words of the special categories.
  const typedReference = input.caseReference?.trim() ? normaliseCaseReference(input.caseReference) : undefined;
  if (typedReference !== undefined) {
    if (containsCpr(typedReference)) problems.caseReference = { key: "form:errors.cpr" };
    else if (!CASE_REFERENCE.test(typedReference)) problems.caseReference = { key: "privacy:errors.case_reference_format" };
  }
  for (const [field, problem] of Object.entries(sensitiveWordProblems(input, SENSITIVE_CHECKED_FIELDS))) problems[field] ??= problem;
  // Without an organisation or a type the rules cannot be judged; otherwise every problem below is
  // collected too, so the person learns everything in one submit.
  if (!organisation || !type) return { kind: "invalid", problems };

  // A placement is judged by the rule set in force at its start; it keeps those rules when it runs past a change.
  const settings = rulesOn(input.startDate, await store.getPlacementRuleOverrides(organisation.partnershipId));
  const kind = ruleKindOf(type.key);
  const required = { key: "rules:errors.required_for_type" };

  // The ratio rule (BAB § 65) is judged per workplace: the P-nummer and its ordinary employees.
  let workplace: Awaited<ReturnType<PlacementRulesStore["findWorkplace"]>>;
  let employees = input.ordinaryEmployees;
  // The day the figure is for: the start when typed now, the earlier day when a stored one is used.
  let employeesAsOf = input.startDate;
  const { pNumber } = input;
  if (needsWorkplace(type)) {
    if (!pNumber) problems.pNumber = required;
    else {
      workplace = await store.findWorkplace(pNumber);
      if (workplace && workplace.cvr !== cvr) problems.pNumber = { key: "rules:errors.p_number_other_company", vars: { cvr: workplace.cvr } };
      // The figure is the average of the four months before the start: a stored one older than that is asked again.
      if (employees === undefined && workplace && workplace.asOf >= addMonths(input.startDate, -EMPLOYEES_FRESH_MONTHS)) {
        employees = workplace.ordinaryEmployeesFte;
        employeesAsOf = workplace.asOf;
      }
      if (employees === undefined) problems.ordinaryEmployees = workplace ? { key: "rules:errors.employees_stale", vars: { asOf: workplace.asOf } } : required;
    }
  }

  // Durations by target group (LAB § 61 for praktik, LAB § 68 for løntilskud) and the purpose of a
  // virksomhedspraktik; weekly hours. The groups are those of the rule set in force at the start.
  const group = targetGroupIn(settings, input.benefitGroup);
  if (input.benefitGroup && !group) problems.benefitGroup = { key: "rules:errors.unknown_group" };
  const benefitGroup = kind === "praktik" || kind === "loentilskud" ? (group?.key ?? null) : null;
  if (kind === "praktik") {
    if (!input.benefitGroup && !problems.benefitGroup) problems.benefitGroup = required;
    if (!input.purpose) problems.purpose = required;
  }
  // New IGUs only until the rule set's last day (lov om integrationsgrunduddannelse).
  if (kind === "igu" && input.startDate > settings.igu.lastNewStart) {
    problems.startDate = { key: "rules:duration.igu_closed", vars: { lastDay: settings.igu.lastNewStart } };
  }
  const hoursPerWeek = input.hoursPerWeek ?? null;
  const hoursIssue = checkHours(kind, hoursPerWeek, settings);
  if (hoursIssue) problems.hoursPerWeek = hoursIssue;

  // The employer and an employee representative confirm a praktik or løntilskud in writing.
  const representativeName = input.representativeName ?? null;
  const confirmed = needsRepresentative(type) ? input.representativeConfirmed === true : false;
  if (confirmed && !representativeName) problems.representativeName = required;

  // Left empty, the length is the type's default, but never longer than the rules allow.
  const facts = kind ? { kind, benefitGroup, employerSector: input.employerSector, start: input.startDate } : undefined;
  const ruleMax = facts ? maxWeeksAtRegistration(facts, settings) : undefined;
  const defaultWeeks = type.defaultWeeks ?? (kind === "igu" ? ruleMax : undefined);
  const weeks = input.weeks ?? (defaultWeeks !== undefined && ruleMax !== undefined ? Math.min(defaultWeeks, ruleMax) : defaultWeeks) ?? null;
  const endDate = weeks ? endDateFor(input.startDate, weeks) : null;
  if (facts && !problems.benefitGroup) {
    const tooLong = checkRegistrationDuration(facts, endDate, settings);
    if (tooLong) problems.weeks = tooLong;
  }
  if (Object.keys(problems).length > 0) return { kind: "invalid", problems };

  let caseReference = typedReference;
  for (let attempt = 0; !caseReference && attempt < 10; attempt += 1) {
    const candidate = makePseudonym();
    if (!(await store.caseReferenceExists(candidate))) caseReference = candidate;
  }
  // The ratio rule (rimelighedskravet, BAB § 65; LAB § 77 for løntilskud) at the P-nummer over the placement's period.
  // Counted and saved under the workplace's lock, so two registrations at one P-nummer at the
  // same instant cannot both pass on a count that holds neither.
  const checkAndSave = async (rw: WorkplaceLockedStore): Promise<RegisterPlacementResult> => {
    if (pNumber && needsWorkplace(type)) {
      // Read again under the lock: a registration that just finished may have created the workplace.
      workplace = await rw.findWorkplace(pNumber);
      if (workplace && workplace.cvr !== cvr) {
        return { kind: "invalid", problems: { pNumber: { key: "rules:errors.p_number_other_company", vars: { cvr: workplace.cvr } } } };
      }
    }
    let ratioExemption: { reason: string; grantedBy: string } | undefined;
    if (type.countsForRatio && pNumber && employees !== undefined) {
      const check = await checkRatioAtWorkplace(rw, {
        workplaceId: workplace?.id,
        employees,
        candidate: { places: input.places, hoursPerWeek, start: input.startDate, end: endDate },
        settings,
      });
      if (!check.ok) {
        // The same submission delivered twice at once: the other delivery saved it while this one
        // waited for the lock, and the rule counted it. Its row is this one's answer too.
        const earlier = await rw.findPlacementByIdempotencyKey(key);
        if (earlier && isOwnSave(earlier, access, organisation.id)) return { kind: "saved", placement: earlier, duplicate: true };
        const reason = input.ratioExemptionReason;
        if (!reason || !isAdmin(access)) {
          return { kind: "invalid", problems: { pNumber: ratioProblem(check, pNumber, settings, isAdmin(access)) } };
        }
        ratioExemption = { reason, grantedBy: actorRef(access.actor) };
      }
    }
    const { placement, created } = await rw.createPlacement(
      {
        partnershipId: organisation.partnershipId,
        organisationId: organisation.id,
        // The typed name is this registration's; only a secretariat admin renames the shared company.
        company: { cvr, name: input.companyName, renameShared: isAdmin(access) },
        typeId: type.id,
        places: input.places,
        startDate: input.startDate,
        weeks,
        endDate,
        employerSector: input.employerSector,
        sector: input.sector,
        shortageSector: input.shortageSector,
        contactPerson: input.contactPerson,
        needs: [...new Set(input.needs)],
        note: input.note ?? null,
        createdBy: actorRef(access.actor),
        idempotencyKey: key,
        status: initialStatus(type, employees, confirmed),
        ...(pNumber && needsWorkplace(type) ? { workplace: { pNumber, ordinaryEmployeesFte: input.ordinaryEmployees, asOf: input.startDate } } : {}),
        // The figure belongs to this placement and its start; a later registration at the P-nummer does not change it.
        ordinaryEmployees: pNumber && needsWorkplace(type) && employees !== undefined ? { fte: employees, asOf: employeesAsOf } : null,
        benefitGroup,
        hoursPerWeek,
        purpose: kind === "praktik" ? (input.purpose ?? null) : null,
        representativeName,
        representativeConfirmed: confirmed,
        ...(ratioExemption ? { ratioExemption } : {}),
        caseReference: caseReference ?? null,
      },
      { actor: actorRef(access.actor) },
    );
    // Two deliveries raced to the same key: the other one's row is the answer only if it is ours.
    if (!created && !isOwnSave(placement, access, organisation.id))
      return { kind: "invalid", problems: { organisationId: { key: "placement:errors.organisation_not_allowed" } } };
    return { kind: "saved", placement, duplicate: !created };
  };
  return pNumber && (needsWorkplace(type) || type.countsForRatio) ? store.withWorkplaceLock(pNumber, checkAndSave) : checkAndSave(store);
}

/** How far from today a placement may start: registered up to a year late, planned up to two years ahead. */
const START_WINDOW_DAYS = { before: 366, after: 731 } as const;

/** A placement starts within its partnership's period and within the window around today. */
function startDateProblem(start: IsoDate, partnership: PartnershipRecord, today: IsoDate | undefined): FieldProblem | undefined {
  if (start < partnership.periodStart || start > partnership.periodEnd) {
    return { key: "placement:errors.start_outside_period", vars: { from: partnership.periodStart, to: partnership.periodEnd } };
  }
  if (today === undefined) return undefined;
  const from = addDays(today, -START_WINDOW_DAYS.before);
  const to = addDays(today, START_WINDOW_DAYS.after);
  if (start < from || start > to) return { key: "placement:errors.start_outside_window", vars: { from, to } };
  return undefined;
}

function isOwnSave(placement: PlacementRecord, access: KnownAccess, organisationId: string): boolean {
  return placement.createdBy === actorRef(access.actor) && placement.organisationId === organisationId;
}

/** A key of this submission's own, the same for each retry of it: the key and what was submitted. */
function derivedKey(idempotencyKey: string, input: TRegisterPlacementInput): string {
  return `${idempotencyKey}:${createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 32)}`;
}
