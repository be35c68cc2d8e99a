import type { OutcomeRange, OutcomeTally } from "../../../src/features/placement-rules/placement-outcomes.js";
import type { OutcomesStore } from "../../../src/features/placement-rules/store.js";
import type { NewQuarterlyStatus, QuarterlyStore } from "../../../src/features/quarterly/store.js";
import type { IsoDate } from "../../../src/kernel/dates.js";
import { type AuditEntry, isApproved, type PlacementDetailTally, type QuarterlyStatusRecord, type SupportRequestTimes } from "../../../src/kernel/records.js";
import { copy, type MemoryDb } from "./db.js";

/** Sums rows by a key, as GROUP BY does. */
function groupSum<R, T>(rows: R[], keyOf: (r: R) => string, start: (r: R) => T, add: (t: T, r: R) => void): T[] {
  const groups = new Map<string, T>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!groups.has(k)) groups.set(k, start(r));
    add(groups.get(k)!, r);
  }
  return [...groups.values()];
}

export class MemoryOutcomesStore implements OutcomesStore {
  constructor(private readonly db: MemoryDb) {}

  async tallyOutcomes(partnershipId: string, range: OutcomeRange = {}): Promise<OutcomeTally[]> {
    const inRange = (endedOn: IsoDate | null) =>
      (!range.from && !range.to) || (endedOn !== null && (!range.from || endedOn >= range.from) && (!range.to || endedOn <= range.to));
    const finished = this.db.placements.filter(
      (p) => p.partnershipId === partnershipId && (p.status === "ended" || p.status === "completed") && inRange(p.endedOn),
    );
    return groupSum(
      finished,
      (p) => [p.type.id, p.status, p.outcome, p.endReason].join("|"),
      (p): OutcomeTally => ({
        typeKey: p.type.key,
        status: p.status === "completed" ? "completed" : "ended",
        outcome: p.outcome,
        endReason: p.endReason,
        places: 0,
      }),
      (t, p) => {
        t.places += p.places;
      },
    );
  }
}

export class MemoryQuarterlyStore implements QuarterlyStore {
  constructor(private readonly db: MemoryDb) {}

  private get statuses(): QuarterlyStatusRecord[] {
    return this.db.quarterlyStatuses;
  }

  async getQuarterlyStatus(organisationId: string, quarter: string) {
    const s = this.statuses.find((x) => x.organisationId === organisationId && x.quarter === quarter);
    return s ? copy(s) : undefined;
  }

  async saveQuarterlyStatus(status: NewQuarterlyStatus, audit: AuditEntry) {
    const existing = this.statuses.find((x) => x.organisationId === status.organisationId && x.quarter === status.quarter);
    const before = existing ? copy(existing) : undefined;
    const now = new Date();
    let row = existing;
    if (row) Object.assign(row, status, { updatedBy: audit.actor, updatedAt: now });
    else {
      row = { ...status, id: this.db.newId(), createdBy: audit.actor, createdAt: now, updatedBy: audit.actor, updatedAt: now };
      this.statuses.push(row);
    }
    this.db.writeAudit({ actor: audit.actor, entity: "quarterly_status", entityId: row.id, action: before ? "update" : "create", before, after: row });
    return { status: copy(row), created: !before };
  }

  async listQuarterlyStatuses(partnershipId: string, quarter: string) {
    const orgs = this.db.organisations.filter((o) => o.partnershipId === partnershipId);
    const name = (id: string) => orgs.find((o) => o.id === id)?.name ?? "";
    return this.statuses
      .filter((s) => s.quarter === quarter && orgs.some((o) => o.id === s.organisationId))
      .sort((a, b) => name(a.organisationId).localeCompare(name(b.organisationId)))
      .map(copy);
  }

  async tallyPlacementDetails(partnershipId: string, range: { from?: IsoDate; to: IsoDate }): Promise<PlacementDetailTally[]> {
    const rows = this.db.placements.filter(
      (p) => p.partnershipId === partnershipId && isApproved(p.status) && p.startDate <= range.to && (!range.from || p.startDate >= range.from),
    );
    return groupSum(
      rows,
      (p) => [p.organisationId, p.type.id, p.sector, p.employerSector, p.shortageSector].join("|"),
      (p): PlacementDetailTally => ({
        organisationId: p.organisationId,
        typeKey: p.type.key,
        sector: p.sector,
        employerSector: p.employerSector,
        shortageSector: p.shortageSector,
        places: 0,
        placements: 0,
      }),
      (t, p) => {
        t.places += p.places;
        t.placements += 1;
      },
    );
  }

  async listSupportRequestTimes(partnershipId: string, from: Date, to: Date): Promise<SupportRequestTimes[]> {
    const within = (d: Date | null) => d !== null && d >= from && d < to;
    return this.db.supportRequests
      .filter((r) => r.partnershipId === partnershipId && (within(r.requestedAt) || within(r.closedAt)))
      .map((r) => ({ status: r.status, requestedAt: r.requestedAt, dueAt: r.dueAt, closedAt: r.closedAt }));
  }
}
