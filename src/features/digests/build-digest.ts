// The weekly digest as numbers: every target of the partnership with its value and whether it is
// on track for the period's end at a linear pace, the weekly trend since the period began, the
// last week's new placements, open and overdue support requests, placements ending within 14
// days, and quarterly statuses due or missing. No platform, no language: views turn it into text.
import { instantAt, weekday } from "../../kernel/business-days.js";
import { addDays, dateFromIso, type IsoDate, todayIn } from "../../kernel/dates.js";
import { currentQuarter, DEFAULT_STATUS_SCHEDULE, formatQuarter, previousQuarter, quarterCalendar } from "../../kernel/quarters.js";
import type { OrganisationRecord, PartnershipRecord, PlacementTally, TargetRecord } from "../../kernel/records.js";
import type { PartnershipsStore } from "../../kernel/store.js";
import { type EventFigures, type EventsStore, eventFiguresFor } from "../events/index.js";
import { evaluateTargets, type TargetProgress } from "../placements/index.js";
import type { DigestFacts, DigestsStore, EndingPlacement } from "./store.js";

/** Placements ending within this many days are listed, and a 13-week praktik is offered 13 more. */
const ENDING_WITHIN_DAYS = 14;
export const EXTENSION_WEEKS = 13;

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** "2026-W48" for a calendar date. */
export function isoWeekOf(date: IsoDate): string {
  const d = dateFromIso(date);
  const day = weekday(date); // 1 = Monday … 7 = Sunday
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday decides the year
  const year = d.getUTCFullYear();
  const week = Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of an ISO week, or undefined for text that is not one ("2026-W48"). */
export function mondayOfIsoWeek(week: string): IsoDate | undefined {
  const match = ISO_WEEK.exec(week);
  if (!match) return undefined;
  const [year, n] = [Number(match[1]), Number(match[2])];
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const jan4Day = jan4.getUTCDay() || 7;
  const monday = new Date(jan4.getTime() + ((n - 1) * 7 - (jan4Day - 1)) * 86_400_000);
  const iso = monday.toISOString().slice(0, 10);
  return isoWeekOf(iso) === week ? iso : undefined;
}

export function isoWeekAt(now: Date, timezone: string): string {
  return isoWeekOf(todayIn(timezone, now));
}

/** The instant of a channel's digest slot (ISO weekday and "HH:MM" in the time zone) in an ISO week. */
export function digestSlot(week: string, schedule: { weekday: number; time: string }, timezone: string): Date {
  const monday = mondayOfIsoWeek(week);
  if (!monday) throw new RangeError(`not an ISO week: ${week}`);
  return instantAt(addDays(monday, schedule.weekday - 1), schedule.time, timezone);
}

export type DigestTarget = TargetProgress & {
  /** Where a linear pace from the period's start would be today. */
  expected: number | null;
  /** The value at the period's end if the pace so far continues. */
  projected: number | null;
  /** Null when the period has not started or the target has no number to reach or keep under. */
  onTrack: boolean | null;
};

export type DigestTrend = {
  /** Mondays of the weeks shown, oldest first; the last point is the digest's own moment. */
  weeks: IsoDate[];
  /** Per target (same order as `targets`): its value at the end of each week. */
  series: number[][];
};

export type DigestNewPlacements = { organisationId: string; organisationName: string; placements: number; places: number; waitingPlaces: number };

export type DigestEnding = EndingPlacement & {
  /** The digest asks whether to extend: a praktik that has not been extended or answered yet. */
  askExtension: boolean;
  extendedEndDate: IsoDate;
};

export type DigestQuarterly = { quarter: string; dueOn: IsoDate; state: "due" | "missing"; organisations: string[] };

export type Digest = {
  partnership: PartnershipRecord;
  /** The organisation of an organisation channel; null for a partnership channel. */
  organisation: OrganisationRecord | null;
  isoWeek: string;
  asOf: Date;
  today: IsoDate;
  totalPlaces: number;
  targets: DigestTarget[];
  trend: DigestTrend;
  newPlacements: DigestNewPlacements[];
  support: { open: number; overdue: number };
  ending: DigestEnding[];
  quarterly: DigestQuarterly[];
  /** The partnership's events so far: held, companies reached, placements that came of them. */
  events: EventFigures;
};

/** At most this many weeks in the trend (a long partnership shows its latest two years). */
const MAX_TREND_WEEKS = 104;

/** Everything one partnership's digests are built from; shared by all its channels. */
export type PartnershipDigestData = {
  partnership: PartnershipRecord;
  organisations: OrganisationRecord[];
  targets: TargetRecord[];
  facts: DigestFacts;
  asOf: Date;
  today: IsoDate;
  isoWeek: string;
  timezone: string;
  events?: EventFigures;
};

export async function loadDigestData(
  store: DigestsStore & PartnershipsStore & Pick<EventsStore, "eventFigures">,
  partnership: PartnershipRecord,
  opts: { asOf: Date; timezone: string },
): Promise<PartnershipDigestData> {
  const today = todayIn(opts.timezone, opts.asOf);
  const current = currentQuarter(opts.timezone, opts.asOf);
  const quarters = [formatQuarter(current), formatQuarter(previousQuarter(current))];
  const [organisations, targets, facts] = await Promise.all([
    store.listOrganisations([partnership.id]),
    store.listTargets(partnership.id),
    store.digestFacts(partnership.id, {
      asOf: opts.asOf,
      newSince: new Date(opts.asOf.getTime() - 7 * 86_400_000),
      endingFrom: today,
      endingTo: addDays(today, ENDING_WITHIN_DAYS),
      timezone: opts.timezone,
      quarters,
    }),
  ]);
  const period = { from: instantAt(partnership.periodStart, "00:00", opts.timezone), to: instantAt(addDays(partnership.periodEnd, 1), "00:00", opts.timezone) };
  const events = await eventFiguresFor(store, partnership.id, period, { now: opts.asOf });
  return { partnership, organisations, targets, facts, asOf: opts.asOf, today, isoWeek: isoWeekOf(today), timezone: opts.timezone, events };
}

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((dateFromIso(to).getTime() - dateFromIso(from).getTime()) / 86_400_000);
}

/** Linear pace: the share of the period gone decides where each target should be by now. */
export function paceOf(target: TargetProgress, periodStart: IsoDate, periodEnd: IsoDate, today: IsoDate): Omit<DigestTarget, keyof TargetProgress> {
  const total = daysBetween(periodStart, periodEnd) + 1;
  const elapsed = Math.min(total, daysBetween(periodStart, today) + 1);
  if (elapsed <= 0 || total <= 0) return { expected: null, projected: null, onTrack: null };
  const share = elapsed / total;
  const projected = Math.round(target.value / share);
  const goal = target.kind === "goal" ? (target.max ?? target.min) : target.kind === "maximum" ? null : target.min;
  const ceiling = target.kind === "maximum" || target.kind === "range" ? target.max : null;
  if (goal === null && ceiling === null) return { expected: null, projected, onTrack: null };
  const expected = goal !== null ? Math.ceil(goal * share) : null;
  const onTrack = (goal === null || target.value >= (expected ?? 0)) && (ceiling === null || projected <= ceiling);
  return { expected, projected, onTrack };
}

function trendOf(data: PartnershipDigestData, targets: readonly TargetRecord[]): DigestTrend {
  const periodMonday = mondayOfIsoWeek(isoWeekOf(data.partnership.periodStart))!;
  const thisMonday = mondayOfIsoWeek(data.isoWeek)!;
  const weeks: IsoDate[] = [];
  for (let w = periodMonday; w <= thisMonday; w = addDays(w, 7)) weeks.push(w);
  const shown = weeks.slice(-MAX_TREND_WEEKS);
  const byWeek = new Map<IsoDate, PlacementTally[]>();
  const before: PlacementTally[] = [];
  for (const row of data.facts.weekly) {
    if (row.weekStart < shown[0]!) before.push(row);
    else (byWeek.get(row.weekStart) ?? byWeek.set(row.weekStart, []).get(row.weekStart)!).push(row);
  }
  const running: PlacementTally[] = [...before];
  const series: number[][] = targets.map(() => []);
  for (const week of shown) {
    running.push(...(byWeek.get(week) ?? []));
    const values = evaluateTargets(targets, running);
    values.forEach((v, i) => {
      series[i]!.push(v.value);
    });
  }
  return { weeks: shown, series };
}

/** The parts of a digest that are the same for every channel of a partnership, worked out once per load. */
const partnershipWide = new WeakMap<PartnershipDigestData, Pick<Digest, "targets" | "trend" | "totalPlaces">>();

function partnershipParts(data: PartnershipDigestData): Pick<Digest, "targets" | "trend" | "totalPlaces"> {
  const known = partnershipWide.get(data);
  if (known) return known;
  const { partnership, facts, today } = data;
  const sortedTargets = [...data.targets].sort((a, b) => a.sortOrder - b.sortOrder);
  const parts = {
    targets: evaluateTargets(sortedTargets, facts.weekly).map((t) => ({ ...t, ...paceOf(t, partnership.periodStart, partnership.periodEnd, today) })),
    trend: trendOf(data, sortedTargets),
    totalPlaces: facts.weekly.reduce((sum, t) => sum + t.places, 0),
  };
  partnershipWide.set(data, parts);
  return parts;
}

/** One channel's digest: a partnership channel (organisationId null) or one organisation's. */
export function buildDigest(data: PartnershipDigestData, organisationId: string | null): Digest {
  const { partnership, facts, today } = data;
  const organisation = organisationId ? (data.organisations.find((o) => o.id === organisationId) ?? null) : null;
  const mine = <T extends { organisationId: string }>(rows: readonly T[]) =>
    organisation ? rows.filter((r) => r.organisationId === organisation.id) : [...rows];
  const { targets, trend, totalPlaces } = partnershipParts(data);
  const names = new Map(data.organisations.map((o) => [o.id, o.name]));
  const newPlacements = mine(facts.newPlacements)
    .filter((n) => n.places > 0 || n.waitingPlaces > 0)
    .map((n) => ({ ...n, organisationName: names.get(n.organisationId) ?? "?" }))
    .sort((a, b) => b.places - a.places || a.organisationName.localeCompare(b.organisationName, "da"));
  const support = mine(facts.support).reduce((sum, s) => ({ open: sum.open + s.open, overdue: sum.overdue + s.overdue }), { open: 0, overdue: 0 });
  const ending = mine(facts.ending).map((p) => ({
    ...p,
    askExtension: p.status === "active" && !p.endsAsPlanned && (p.typeKey === "virksomhedspraktik" || p.typeKey === "praktik"),
    extendedEndDate: addDays(p.endDate, EXTENSION_WEEKS * 7),
  }));
  return {
    partnership,
    organisation,
    isoWeek: data.isoWeek,
    asOf: data.asOf,
    today,
    totalPlaces,
    targets: targets.map((t) => ({ ...t })),
    trend: { weeks: [...trend.weeks], series: trend.series.map((s) => [...s]) },
    newPlacements,
    support,
    ending,
    quarterly: quarterlyOf(data, organisation),
    events: { ...(data.events ?? { held: 0, companiesReached: 0, placements: 0 }) },
  };
}

/** The current quarter's status when its reminder day has come, and the last quarter's while missing. */
function quarterlyOf(data: PartnershipDigestData, organisation: OrganisationRecord | null): DigestQuarterly[] {
  const current = currentQuarter(data.timezone, data.asOf);
  const expected = (organisation ? [organisation] : data.organisations).filter((o) => o.kind !== "jobcenter");
  const result: DigestQuarterly[] = [];
  for (const q of [previousQuarter(current), current]) {
    const cal = quarterCalendar(q, DEFAULT_STATUS_SCHEDULE, data.timezone);
    if (data.today < cal.remindOn || cal.firstDay > data.partnership.periodEnd || cal.lastDay < data.partnership.periodStart) continue;
    const filed = new Set(data.facts.filed[cal.quarter] ?? []);
    const missing = expected.filter((o) => !filed.has(o.id)).map((o) => o.name);
    if (missing.length === 0) continue;
    result.push({ quarter: cal.quarter, dueOn: cal.dueOn, state: data.asOf >= cal.overdueFrom ? "missing" : "due", organisations: missing });
  }
  return result;
}

/** The digest's moment for an ISO week: now in the current week, else the week's slot (dry runs of other weeks). */
export function digestMoment(week: string, now: Date, timezone: string, schedule = { weekday: 1, time: "08:00" }): Date {
  if (isoWeekAt(now, timezone) === week) return now;
  return digestSlot(week, schedule, timezone);
}
