// A partner asks the jobcenter for support: an interpreter, a mentor, a visit at the company,
// Danish lessons or upskilling, for one of their placements or for a company. The request is
// due on the business-day clock: a visit within 1 business day, anything else within the
// partnership's number of business days.
import { createHash } from "node:crypto";
import { type Access, canActFor, type KnownAccess } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import { type ClockSettings, dueAt, earliestVisitDate } from "../../kernel/business-days.js";
import { addDays, type IsoDate, todayIn } from "../../kernel/dates.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import { sensitiveWordProblems } from "../../kernel/personal-data.js";
import type { OrganisationRecord, PlacementRecord } from "../../kernel/records.js";
import type { AccessStore, PartnershipsStore, PlacementLookupStore } from "../../kernel/store.js";
import type { PlacementsStore } from "../placements/index.js";
import type { TRequestSupportInput } from "./contract.js";
import type { PartnershipSettings, SupportKind, SupportRequestRecord, SupportRequestsStore } from "./store.js";

/** How far ahead a support request may be wanted. */
const WANTED_WITHIN_DAYS = 365;

/** Placements a support request can be about: not ended, completed or refused. */
const CURRENT = new Set(["awaiting_confirmation", "registered", "approved", "active", "extended"]);

export type SupportFormContext = {
  kind: SupportKind;
  /** The person's current placements (their organisation's; all for staff and admins). */
  placements: PlacementRecord[];
  /** Organisations a request for a company (no placement) can be made for. */
  organisations: OrganisationRecord[];
  fixedOrganisation: OrganisationRecord | undefined;
  earliestVisit: IsoDate;
  placementId: string | undefined;
};

export type OpenSupportFormResult = { kind: "ok"; context: SupportFormContext } | { kind: "denied" } | { kind: "no_partnership" };

export function clockFor(settings: PartnershipSettings, timezone: string): ClockSettings {
  return { timezone, workdayStart: settings.workdayStart, workdayEnd: settings.workdayEnd, mayDayIsHoliday: settings.mayDayIsHoliday };
}

export async function openSupportForm(
  store: SupportRequestsStore & PlacementsStore & PlacementLookupStore & AccessStore & PartnershipsStore,
  access: Access,
  args: { kind: SupportKind; now: Date; timezone: string; placementId?: string },
): Promise<OpenSupportFormResult> {
  if (access.kind !== "known") return { kind: "denied" };
  const organisations = (await store.listOrganisations(access.partnershipIds)).filter((o) => canActFor(access, o));
  if (organisations.length === 0) return { kind: "no_partnership" };
  const placements = (
    await store.listPlacements({
      partnershipIds: access.partnershipIds,
      ...(access.role === "partner_contact" ? { organisationIds: organisations.map((o) => o.id) } : {}),
      limit: 100,
    })
  ).filter((p) => CURRENT.has(p.status));
  const fixedOrganisation = access.role === "partner_contact" && organisations.length === 1 ? organisations[0] : undefined;
  const settings = await store.getPartnershipSettings(fixedOrganisation?.partnershipId ?? organisations[0]!.partnershipId);
  const placementId = placements.some((p) => p.id === args.placementId) ? args.placementId : undefined;
  return {
    kind: "ok",
    context: {
      kind: args.kind,
      placements,
      organisations,
      fixedOrganisation,
      earliestVisit: earliestVisitDate(args.now, clockFor(settings, args.timezone)),
      placementId,
    },
  };
}

/** The use case's input is the contract's output: what the form's fields hold, already checked for form and format. */
export type SupportInput = TRequestSupportInput;

export type RequestSupportResult =
  | { kind: "saved"; request: SupportRequestRecord; duplicate: boolean }
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "denied" };

/** Saves a support request once per idempotency key, with its deadline. */
export async function requestSupport(
  store: SupportRequestsStore & PlacementsStore & PlacementLookupStore & AccessStore & PartnershipsStore,
  access: Access,
  input: TRequestSupportInput,
  args: { idempotencyKey: string; now: Date; timezone: string },
): Promise<RequestSupportResult> {
  if (access.kind !== "known") return { kind: "denied" };
  const problems: FieldProblems = {};

  let placement: PlacementRecord | undefined;
  let organisation: OrganisationRecord | undefined;
  if (input.placementId) {
    placement = await store.getPlacementById(input.placementId);
    organisation = placement ? await store.getOrganisation(placement.organisationId) : undefined;
    if (!placement || !organisation || !canActFor(access, organisation)) problems.placementId = { key: "support:errors.placement_not_allowed" };
  } else {
    const organisationId = input.organisationId ?? ownOrganisation(access)?.id;
    organisation = organisationId ? await store.getOrganisation(organisationId) : undefined;
    if (!organisation || !canActFor(access, organisation)) problems.organisationId = { key: "support:errors.organisation_required" };
  }
  const today = todayIn(args.timezone, args.now);
  if (input.wantedOn && input.wantedOn < today) problems.wantedOn = { key: "support:errors.date_in_past" };
  // A request is for the coming year; a date beyond it is a slip of the keyboard, not a plan.
  else if (input.wantedOn && input.wantedOn > addDays(today, WANTED_WITHIN_DAYS)) {
    problems.wantedOn = { key: "support:errors.date_too_far", vars: { latest: addDays(today, WANTED_WITHIN_DAYS) } };
  }
  // The note says what is needed, never who the candidate is: words of the special categories (GDPR art. 9) are asked about.
  Object.assign(problems, sensitiveWordProblems(input, ["note"] as const));
  if (Object.keys(problems).length > 0 || !organisation) return { kind: "invalid", problems };
  const org: OrganisationRecord = organisation;

  const settings = await store.getPartnershipSettings(org.partnershipId);
  const days = input.kind === "visit" ? 1 : settings.slaBusinessDays;
  const save = (idempotencyKey: string) =>
    store.createSupportRequest(
      {
        partnershipId: org.partnershipId,
        organisationId: org.id,
        placementId: placement?.id ?? null,
        companyName: placement ? null : (input.companyName ?? null),
        cvr: placement ? null : (input.cvr ?? null),
        kind: input.kind,
        wantedOn: input.wantedOn ?? null,
        timeWindow: input.timeWindow ?? null,
        language: input.kind === "interpreter" ? (input.language ?? null) : null,
        hoursPerWeek: input.kind === "mentor" ? (input.hoursPerWeek ?? null) : null,
        weeks: input.kind === "mentor" ? (input.weeks ?? null) : null,
        note: input.note ?? null,
        requestedAt: args.now,
        dueAt: dueAt(args.now, days, clockFor(settings, args.timezone)),
        requestedBy: actorRef(access.actor),
        requesterName: access.actor.displayName ?? access.contact?.displayName ?? null,
        idempotencyKey,
      },
      { actor: actorRef(access.actor) },
    );
  // The store finds an earlier save by its key; it is a retry only when it is this person's own
  // for the same organisation. Otherwise (a copied nonce) this is a new request with a key of its own.
  const first = await save(args.idempotencyKey);
  const own = (r: SupportRequestRecord) => r.requestedBy === actorRef(access.actor) && r.organisationId === org.id;
  const { request, created } = first.created || own(first.request) ? first : await save(derivedKey(args.idempotencyKey, input));
  if (!created && !own(request)) return { kind: "invalid", problems: { organisationId: { key: "support:errors.organisation_required" } } };
  return { kind: "saved", request, duplicate: !created };
}

/** A key of this submission's own, the same for each retry of it: the key and what was submitted. */
function derivedKey(idempotencyKey: string, input: TRequestSupportInput): string {
  return `${idempotencyKey}:${createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 32)}`;
}

function ownOrganisation(access: KnownAccess): OrganisationRecord | undefined {
  return access.role === "partner_contact" ? access.organisation : undefined;
}
