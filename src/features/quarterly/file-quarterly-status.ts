// A partner organisation's quarterly status: what it did, a few numbers, and its plan for the
// next quarter. One per organisation and quarter; filing again edits it, and every change is
// audited by the store in the same transaction.
import type { Access, KnownAccess } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import { currentQuarter, firstDayOf, formatQuarter, lastDayOf, parseQuarter, previousQuarter, type Quarter, quarterInstants } from "../../kernel/quarters.js";
import type { OrganisationRecord, PartnershipRecord, QuarterlyStatusRecord } from "../../kernel/records.js";
import type { PartnershipsStore } from "../../kernel/store.js";
import type { ContactsStore } from "../contacts/index.js";
import { type EventsStore, eventFiguresFor } from "../events/index.js";
import type { TFileQuarterlyStatusInput } from "./contract.js";
import type { QuarterlyStore } from "./store.js";

/** What the bot already knows about an organisation's quarter: its registered placements. */
export type KnownQuarter = {
  placements: number;
  places: number;
  /** Places by placement type key. */
  byType: { typeKey: string; places: number }[];
  /** Events the organisation hosted in the quarter (src/features/events): what "events held" starts from. */
  events: number;
};

export type StatusFormContext = {
  organisation: OrganisationRecord;
  partnership: PartnershipRecord;
  quarter: string;
  known: KnownQuarter;
  existing: QuarterlyStatusRecord | undefined;
  /** The name of whoever changed the existing status last, when the bot knows it. */
  existingChangedByName?: string | undefined;
};

export type OpenStatusFormResult = { kind: "ok"; context: StatusFormContext } | { kind: "denied" } | { kind: "no_organisation" };

export type FileStatusResult =
  | { kind: "saved"; status: QuarterlyStatusRecord; created: boolean; organisation: OrganisationRecord }
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "denied" }
  | { kind: "no_organisation" };

/** The ports the status form reads. */
type StatusStore = QuarterlyStore & ContactsStore & PartnershipsStore & Pick<EventsStore, "eventFigures">;

/** The organisation a person files for: their own (a status is the organisation's word). */
function ownOrganisation(access: KnownAccess): OrganisationRecord | undefined {
  return access.organisation && access.partnershipIds.includes(access.organisation.partnershipId) ? access.organisation : undefined;
}

/** A status may be filed for the current quarter, or late for the one before. */
function fileableQuarters(timezone: string, now: Date): string[] {
  const current = currentQuarter(timezone, now);
  return [formatQuarter(current), formatQuarter(previousQuarter(current))];
}

async function knownQuarter(
  store: StatusStore,
  organisation: OrganisationRecord,
  quarter: Quarter,
  clock: { timezone: string; now: Date },
): Promise<KnownQuarter> {
  const hosted = await eventFiguresFor(store, organisation.partnershipId, quarterInstants(quarter, clock.timezone), {
    now: clock.now,
    organisationId: organisation.id,
  });
  const rows = (await store.tallyPlacementDetails(organisation.partnershipId, { from: firstDayOf(quarter), to: lastDayOf(quarter) })).filter(
    (r) => r.organisationId === organisation.id,
  );
  const byType = new Map<string, number>();
  for (const r of rows) byType.set(r.typeKey, (byType.get(r.typeKey) ?? 0) + r.places);
  return {
    placements: rows.reduce((n, r) => n + r.placements, 0),
    places: rows.reduce((n, r) => n + r.places, 0),
    byType: [...byType].map(([typeKey, places]) => ({ typeKey, places })),
    events: hosted.held,
  };
}

/** The status form for the person's organisation and the current quarter (or `quarterText`). */
export async function openStatusForm(
  store: StatusStore,
  access: Access,
  clock: { timezone: string; now: Date },
  quarterText?: string,
): Promise<OpenStatusFormResult> {
  if (access.kind !== "known") return { kind: "denied" };
  const organisation = ownOrganisation(access);
  if (!organisation) return { kind: "no_organisation" };
  const partnership = await store.getPartnership(organisation.partnershipId);
  if (!partnership) return { kind: "no_organisation" };
  const allowed = fileableQuarters(clock.timezone, clock.now);
  const parsed = quarterText ? parseQuarter(quarterText) : undefined;
  const quarter = parsed && allowed.includes(formatQuarter(parsed)) ? parsed : parseQuarter(allowed[0]!)!;
  const label = formatQuarter(quarter);
  const [known, existing] = await Promise.all([knownQuarter(store, organisation, quarter, clock), store.getQuarterlyStatus(organisation.id, label)]);
  const existingChangedByName = existing ? await store.displayNameOf(existing.updatedBy) : undefined;
  return { kind: "ok", context: { organisation, partnership, quarter: label, known, existing, existingChangedByName } };
}

export async function fileQuarterlyStatus(
  store: QuarterlyStore & ContactsStore & PartnershipsStore,
  access: Access,
  input: TFileQuarterlyStatusInput,
  clock: { timezone: string; now: Date },
): Promise<FileStatusResult> {
  if (access.kind !== "known") return { kind: "denied" };
  const organisation = ownOrganisation(access);
  if (!organisation) return { kind: "no_organisation" };

  const problems: FieldProblems = {};
  const quarter = parseQuarter(input.quarter);
  if (!quarter || !fileableQuarters(clock.timezone, clock.now).includes(formatQuarter(quarter))) {
    problems.quarter = { key: "quarterly:errors.quarter_closed" };
  }
  if (Object.keys(problems).length > 0 || !quarter) return { kind: "invalid", problems };

  const { status, created } = await store.saveQuarterlyStatus(
    {
      organisationId: organisation.id,
      quarter: formatQuarter(quarter),
      activities: input.activities,
      companiesContacted: input.companiesContacted,
      placementsHelped: input.placementsHelped,
      iguAgreements: input.iguAgreements,
      eventsHeld: input.eventsHeld,
      plan: input.plan,
    },
    { actor: actorRef(access.actor) },
  );
  return { kind: "saved", status, created, organisation };
}
