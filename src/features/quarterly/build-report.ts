// The secretariat's quarterly report as plain numbers: progress against every target up to the
// quarter's last day, the quarter's placements by type, industry, public/private and shortage
// sector, support requests handled and how many within their deadline, each partner's status
// and plan, and the organisations that have not filed. Formatting lives in report/.
import { type Access, isAdmin, partnershipsOf } from "../../kernel/access.js";
import { firstDayOf, formatQuarter, lastDayOf, type Quarter, quarterCalendar, quarterInstants, type StatusSchedule } from "../../kernel/quarters.js";
import type {
  Labelled,
  OrganisationRecord,
  PartnershipRecord,
  PlacementDetailTally,
  QuarterlyStatusRecord,
  SupportRequestTimes,
} from "../../kernel/records.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import { type EventFigures, type EventsStore, eventFiguresFor } from "../events/index.js";
import type { OutcomesStore } from "../placement-rules/index.js";
import { type PlacementOutcomes, summariseOutcomes } from "../placement-rules/index.js";
import { evaluateTargets, PRAKTIK_TYPE_KEY, type TargetProgress } from "../placements/index.js";
import type { QuarterlyStore } from "./store.js";

export type Count = { placements: number; places: number };

export type SupportSummary = {
  /** Requests made in the quarter. */
  received: number;
  /** Requests done (closed as handled) in the quarter. */
  handled: number;
  /** Of those, closed no later than their deadline. */
  handledWithinDeadline: number;
  /** handledWithinDeadline / handled, 0–1; null when none were handled. */
  shareWithinDeadline: number | null;
  declined: number;
  /** Made in the quarter and still open or taken now. */
  stillOpen: number;
};

export type PartnerStatus = {
  organisation: OrganisationRecord;
  status: QuarterlyStatusRecord;
  /** Placements the bot knows the organisation registered in the quarter. */
  registered: Count;
};

export type QuarterReport = {
  partnership: PartnershipRecord;
  quarter: string;
  firstDay: string;
  lastDay: string;
  dueOn: string;
  generatedAt: Date;
  /** Every target, counted over placements starting up to the quarter's last day. */
  progress: { total: Count; targets: TargetProgress[] };
  /** Placements starting in the quarter. */
  quarterPlacements: {
    total: Count;
    byType: (Labelled & { key: string } & Count)[];
    bySector: ({ sector: string } & Count)[];
    byEmployerSector: { public: Count; private: Count };
    shortage: { shortage: Count; other: Count };
  };
  support: SupportSummary;
  /** Placements that finished in the quarter and what they led to: virksomhedspraktik, and all types. */
  outcomes: { praktik: PlacementOutcomes; all: PlacementOutcomes };
  statuses: PartnerStatus[];
  missing: OrganisationRecord[];
  /** Events held in the quarter, companies reached at them and the placements that came of them. */
  events: EventFigures;
};

type ReportStore = QuarterlyStore & OutcomesStore & AccessStore & PartnershipsStore & Pick<EventsStore, "eventFigures">;

export type BuildReportResult = { kind: "ok"; report: QuarterReport } | { kind: "denied" } | { kind: "not_found" };

const zero = (): Count => ({ placements: 0, places: 0 });
const add = (c: Count, r: { placements: number; places: number }) => {
  c.placements += r.placements;
  c.places += r.places;
};

function sumBy<K extends string>(rows: readonly PlacementDetailTally[], key: (r: PlacementDetailTally) => K): Map<K, Count> {
  const out = new Map<K, Count>();
  for (const r of rows) {
    const k = key(r);
    const c = out.get(k) ?? zero();
    add(c, r);
    out.set(k, c);
  }
  return out;
}

function summariseSupport(rows: readonly SupportRequestTimes[], from: Date, to: Date): SupportSummary {
  const inQuarter = (d: Date | null) => d !== null && d >= from && d < to;
  const received = rows.filter((r) => inQuarter(r.requestedAt));
  const handled = rows.filter((r) => r.status === "done" && inQuarter(r.closedAt));
  const within = handled.filter((r) => r.closedAt! <= r.dueAt).length;
  return {
    received: received.length,
    handled: handled.length,
    handledWithinDeadline: within,
    shareWithinDeadline: handled.length > 0 ? within / handled.length : null,
    declined: rows.filter((r) => r.status === "declined" && inQuarter(r.closedAt)).length,
    stillOpen: received.filter((r) => r.status === "open" || r.status === "taken").length,
  };
}

/** The report for one partnership and quarter, without a permission check (the CLI's own use). */
export async function buildReportModel(
  store: ReportStore,
  partnership: PartnershipRecord,
  quarter: Quarter,
  clock: { timezone: string; now: Date; schedule: StatusSchedule },
): Promise<QuarterReport> {
  const label = formatQuarter(quarter);
  const { from, to } = quarterInstants(quarter, clock.timezone);
  const calendar = quarterCalendar(quarter, clock.schedule, clock.timezone);
  const first = firstDayOf(quarter);
  const [targets, types, organisations, upToEnd, inQuarter, supportRows, statuses, finished] = await Promise.all([
    store.listTargets(partnership.id),
    store.listPlacementTypes([partnership.id]),
    store.listOrganisations([partnership.id]),
    // The targets count what started within the partnership's period, up to the quarter's end.
    store.tallyPlacementDetails(partnership.id, {
      from: partnership.periodStart,
      to: [calendar.lastDay, partnership.periodEnd].sort()[0]!,
    }),
    store.tallyPlacementDetails(partnership.id, { from: first, to: calendar.lastDay }),
    store.listSupportRequestTimes(partnership.id, from, to),
    store.listQuarterlyStatuses(partnership.id, label),
    store.tallyOutcomes(partnership.id, { from: first, to: calendar.lastDay }),
  ]);
  const events = await eventFiguresFor(store, partnership.id, { from, to }, { now: clock.now });

  const total = zero();
  for (const r of upToEnd) add(total, r);
  const quarterTotal = zero();
  for (const r of inQuarter) add(quarterTotal, r);

  const typeSums = sumBy(inQuarter, (r) => r.typeKey);
  const byType = [...types]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((t) => ({ key: t.key, labelDa: t.labelDa, labelEn: t.labelEn, ...(typeSums.get(t.key) ?? zero()) }))
    .filter((t) => t.places > 0 || t.placements > 0);
  const bySector = [...sumBy(inQuarter, (r) => r.sector)]
    .map(([sector, c]) => ({ sector, ...c }))
    .sort((a, b) => b.places - a.places || a.sector.localeCompare(b.sector));
  const employer = sumBy(inQuarter, (r) => r.employerSector);
  const shortage = sumBy(inQuarter, (r) => (r.shortageSector ? "shortage" : "other"));
  const perOrganisation = sumBy(inQuarter, (r) => r.organisationId);

  const statusOf = new Map(statuses.map((s) => [s.organisationId, s]));
  return {
    partnership,
    quarter: label,
    firstDay: first,
    lastDay: calendar.lastDay,
    dueOn: calendar.dueOn,
    generatedAt: clock.now,
    progress: { total, targets: evaluateTargets(targets, upToEnd) },
    quarterPlacements: {
      total: quarterTotal,
      byType,
      bySector,
      byEmployerSector: { public: employer.get("public") ?? zero(), private: employer.get("private") ?? zero() },
      shortage: { shortage: shortage.get("shortage") ?? zero(), other: shortage.get("other") ?? zero() },
    },
    support: summariseSupport(supportRows, from, to),
    outcomes: { praktik: summariseOutcomes(finished, [PRAKTIK_TYPE_KEY]), all: summariseOutcomes(finished) },
    statuses: organisations
      .filter((o) => statusOf.has(o.id))
      .map((o) => ({ organisation: o, status: statusOf.get(o.id)!, registered: perOrganisation.get(o.id) ?? zero() })),
    missing: organisations.filter((o) => !statusOf.has(o.id)),
    events,
  };
}

/** Only the secretariat asks for the consolidated report. */
export async function buildReport(
  store: ReportStore,
  access: Access,
  request: { partnershipId?: string; quarter: Quarter },
  clock: { timezone: string; now: Date; schedule: StatusSchedule },
): Promise<BuildReportResult> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  const partnerships = await partnershipsOf(store, access);
  const partnership = request.partnershipId
    ? partnerships.find((p) => p.id === request.partnershipId)
    : (partnerships.find((p) => p.id === access.organisation?.partnershipId) ?? pickByQuarter(partnerships, request.quarter));
  if (!partnership) return { kind: "not_found" };
  return { kind: "ok", report: await buildReportModel(store, partnership, request.quarter, clock) };
}

/** The partnership whose period covers the quarter, else the newest. */
function pickByQuarter(partnerships: PartnershipRecord[], quarter: Quarter): PartnershipRecord | undefined {
  const first = firstDayOf(quarter);
  const last = lastDayOf(quarter);
  return partnerships.find((p) => p.periodStart <= last && p.periodEnd >= first) ?? partnerships[0];
}
