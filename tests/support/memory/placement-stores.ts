import { placementRuleOverrides } from "../../../src/db/placement-rules-settings.js";
import type { PlacementDecision, PlacementRulesPatch, PlacementRulesStore } from "../../../src/features/placement-rules/store.js";
import type { NewPlacement, PlacementQuery, PlacementsStore, WorkplaceLockedStore } from "../../../src/features/placements/store.js";
import type { CaseExport, PrivacyStore } from "../../../src/features/privacy/store.js";
import type { IsoDate } from "../../../src/kernel/dates.js";
import {
  CLEARED_PLACEMENT_FIELDS,
  CLEARED_SUPPORT_REQUEST_FIELDS,
  PERSONAL_PLACEMENT_FIELDS,
  PERSONAL_QUARTERLY_FIELDS,
  PERSONAL_SUPPORT_REQUEST_FIELDS,
  type PersonalPlacementField,
} from "../../../src/kernel/personal-data.js";
import {
  type AuditEntry,
  isApproved,
  type PlacementRecord,
  type PlacementStatus,
  type PlacementTally,
  type PostedMessageRef,
} from "../../../src/kernel/records.js";
import { copy, type MemoryDb, type StoredPlacement } from "./db.js";

function record(p: StoredPlacement): PlacementRecord {
  const { idempotencyKey: _k, anonymisedAt: _a, ...rest } = p;
  return copy(rest);
}

function inQuery(p: StoredPlacement, q: Omit<PlacementQuery, "limit">): boolean {
  return (
    q.partnershipIds.includes(p.partnershipId) &&
    (!q.organisationIds || q.organisationIds.includes(p.organisationId)) &&
    (!q.statuses || q.statuses.includes(p.status))
  );
}

export class MemoryPlacementsStore implements PlacementsStore {
  /** The last piece of work queued at each P-nummer: the in-process stand-in for the advisory lock. */
  private readonly workplaceQueues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: MemoryDb,
    /** The reads and the change a locked registration or extension makes; the rules store over the same data. */
    private readonly rules: Pick<PlacementRulesStore, "findWorkplace" | "listRatioPlacements" | "updatePlacement"> = new MemoryPlacementRulesStore(db),
  ) {}

  async withWorkplaceLock<T>(pNumber: string, work: (locked: WorkplaceLockedStore) => Promise<T>): Promise<T> {
    const before = this.workplaceQueues.get(pNumber) ?? Promise.resolve();
    const locked: WorkplaceLockedStore = {
      findWorkplace: (n) => this.rules.findWorkplace(n),
      listRatioPlacements: (id) => this.rules.listRatioPlacements(id),
      updatePlacement: (id, patch, audit) => this.rules.updatePlacement(id, patch, audit),
      createPlacement: (n, audit) => this.createPlacement(n, audit),
      findPlacementByIdempotencyKey: (key) => this.findPlacementByIdempotencyKey(key),
    };
    const mine = before.then(
      () => work(locked),
      () => work(locked),
    );
    const settled = mine.catch(() => undefined);
    this.workplaceQueues.set(pNumber, settled);
    try {
      return await mine;
    } finally {
      if (this.workplaceQueues.get(pNumber) === settled) this.workplaceQueues.delete(pNumber);
    }
  }

  async findPlacementByIdempotencyKey(key: string) {
    const p = this.db.placements.find((x) => x.idempotencyKey === key);
    return p ? record(p) : undefined;
  }

  async createPlacement(n: NewPlacement, audit: AuditEntry) {
    // Checked and inserted without awaiting in between: the unique key of the database.
    const existing = this.db.placements.find((x) => x.idempotencyKey === n.idempotencyKey);
    if (existing) return { placement: record(existing), created: false };
    const type = this.db.placementTypes.find((t) => t.id === n.typeId);
    if (!type) throw new Error(`no placement type ${n.typeId}`);
    let company = this.db.companies.find((c) => c.cvr === n.company.cvr);
    if (company && n.company.renameShared === true && company.name !== n.company.name) {
      this.db.writeAudit({
        actor: audit.actor,
        entity: "company",
        entityId: company.id,
        action: "rename",
        before: { name: company.name },
        after: { name: n.company.name },
      });
      company.name = n.company.name;
    } else if (!company) {
      company = { id: this.db.newId(), cvr: n.company.cvr, name: n.company.name };
      this.db.companies.push(company);
    }
    let workplace = null;
    if (n.workplace) {
      const w = n.workplace;
      workplace = this.db.workplaces.find((x) => x.pNumber === w.pNumber) ?? null;
      if (workplace && w.ordinaryEmployeesFte !== undefined) Object.assign(workplace, { ordinaryEmployeesFte: w.ordinaryEmployeesFte, asOf: w.asOf });
      if (!workplace) {
        workplace = { id: this.db.newId(), companyId: company.id, pNumber: w.pNumber, ordinaryEmployeesFte: w.ordinaryEmployeesFte ?? 0, asOf: w.asOf };
        this.db.workplaces.push(workplace);
      }
    }
    const stored: StoredPlacement = {
      id: this.db.newId(),
      partnershipId: n.partnershipId,
      organisationId: n.organisationId,
      organisationName: this.db.organisationName(n.organisationId),
      company: { ...company },
      type: { ...type },
      places: n.places,
      startDate: n.startDate,
      weeks: n.weeks,
      endDate: n.endDate,
      employerSector: n.employerSector,
      sector: n.sector,
      shortageSector: n.shortageSector,
      contactPerson: n.contactPerson,
      needs: [...n.needs],
      note: n.note,
      status: n.status ?? "active",
      createdBy: n.createdBy,
      createdAt: new Date(),
      workplace: workplace ? { ...workplace } : null,
      ordinaryEmployees: n.ordinaryEmployees ? { ...n.ordinaryEmployees } : null,
      extensionReason: null,
      benefitGroup: n.benefitGroup ?? null,
      hoursPerWeek: n.hoursPerWeek ?? null,
      purpose: n.purpose ?? null,
      representativeName: n.representativeName ?? null,
      representativeConfirmed: n.representativeConfirmed ?? false,
      endReason: null,
      endedOn: null,
      outcome: null,
      tasks: null,
      monthlyWageCost: null,
      contactEmail: null,
      contactPhone: null,
      workingTime: null,
      vitasCreatedAt: null,
      approvedAt: null,
      approvedBy: null,
      refusedAt: null,
      refusedBy: null,
      refusalReason: null,
      decidedByName: null,
      channelMessage: null,
      caseReference: n.caseReference ?? null,
      ratioExemption: n.ratioExemption ? { ...n.ratioExemption, grantedAt: new Date() } : null,
      idempotencyKey: n.idempotencyKey,
      anonymisedAt: null,
    };
    this.db.placements.push(stored);
    const placement = record(stored);
    this.db.writeAudit({ actor: audit.actor, entity: "placement", entityId: stored.id, action: "create", after: placement });
    return { placement, created: true };
  }

  async listPlacements(query: PlacementQuery) {
    return this.db.placements
      .filter((p) => inQuery(p, query))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id))
      .slice(0, query.limit)
      .map(record);
  }

  async countPlacements(query: Omit<PlacementQuery, "limit">) {
    return this.db.placements.filter((p) => inQuery(p, query)).length;
  }

  async tallyPlacements(partnershipId: string, period: { from: IsoDate; to: IsoDate }): Promise<PlacementTally[]> {
    const sums = new Map<string, PlacementTally>();
    const counted = (x: PlacementRecord) => x.partnershipId === partnershipId && isApproved(x.status) && x.startDate >= period.from && x.startDate <= period.to;
    for (const p of this.db.placements.filter(counted)) {
      const key = `${p.type.key}|${p.employerSector}|${p.shortageSector}`;
      const tally = sums.get(key) ?? { typeKey: p.type.key, employerSector: p.employerSector, shortageSector: p.shortageSector, places: 0 };
      tally.places += p.places;
      sums.set(key, tally);
    }
    return [...sums.values()];
  }
}

export class MemoryPlacementRulesStore implements PlacementRulesStore {
  constructor(private readonly db: MemoryDb) {}

  async getPlacementRuleOverrides(partnershipId: string) {
    return placementRuleOverrides(this.db.partnerships.find((p) => p.id === partnershipId)?.settings);
  }

  async findWorkplace(pNumber: string) {
    const w = this.db.workplaces.find((x) => x.pNumber === pNumber);
    if (!w) return undefined;
    const cvr = this.db.companies.find((c) => c.id === w.companyId)?.cvr ?? "";
    return { ...w, cvr };
  }

  async listRatioPlacements(workplaceId: string) {
    return this.db.placements
      .filter((p) => p.workplace?.id === workplaceId && p.type.countsForRatio && p.status !== "refused")
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id))
      .map(record);
  }

  async updatePlacement(id: string, patch: PlacementRulesPatch, audit: AuditEntry & { action: string }) {
    const p = this.placement(id);
    const before = record(p);
    const { vitasCreatedBy: _, ...fields } = patch;
    Object.assign(p, fields);
    const after = record(p);
    this.db.writeAudit({ actor: audit.actor, entity: "placement", entityId: id, action: audit.action, before, after });
    return after;
  }

  async decidePlacement(id: string, expectedStatus: PlacementStatus, decision: PlacementDecision, audit: AuditEntry & { action: string; at: Date }) {
    const p = this.placement(id);
    // Checked and changed without awaiting in between: the database's conditional UPDATE.
    if (p.status !== expectedStatus) return undefined;
    const before = record(p);
    Object.assign(p, decision);
    const after = record(p);
    this.db.writeAudit({ actor: audit.actor, entity: "placement", entityId: id, action: audit.action, before, after, at: audit.at });
    return after;
  }

  async startApprovedPlacements(today: IsoDate, audit: AuditEntry & { at: Date }) {
    const started: PlacementRecord[] = [];
    for (const p of this.db.placements.filter((x) => x.status === "approved" && x.startDate <= today)) {
      const before = record(p);
      p.status = "active";
      started.push(record(p));
      this.db.writeAudit({ actor: audit.actor, entity: "placement", entityId: p.id, action: "start", before, after: record(p), at: audit.at });
    }
    return started;
  }

  async setPlacementMessage(id: string, ref: PostedMessageRef) {
    this.placement(id).channelMessage = { ...ref };
  }

  async saveRatioExemption(placementId: string, reason: string, audit: AuditEntry) {
    const p = this.placement(placementId);
    const before = p.ratioExemption;
    p.ratioExemption = { reason, grantedBy: audit.actor, grantedAt: new Date() };
    this.db.writeAudit({
      actor: audit.actor,
      entity: "ratio_exemption",
      entityId: placementId,
      action: before ? "update" : "create",
      before: before ? { placementId, ...before } : undefined,
      after: { placementId, ...p.ratioExemption },
    });
    return record(p);
  }

  private placement(id: string): StoredPlacement {
    const p = this.db.placements.find((x) => x.id === id);
    if (!p) throw new Error(`no placement ${id}`);
    return p;
  }
}

/** The placement's end for the retention rule: when it ended, else its planned end. */
const endOf = (p: StoredPlacement) => p.endedOn ?? p.endDate;

export class MemoryPrivacyStore implements PrivacyStore {
  constructor(private readonly db: MemoryDb) {}

  async caseReferenceExists(caseReference: string) {
    return this.db.placements.some((p) => p.caseReference === caseReference);
  }

  async listPlacementsToAnonymise(endedBefore: IsoDate, openStartedBefore: IsoDate) {
    const due = (p: StoredPlacement) => (endOf(p) !== null ? endOf(p)! < endedBefore : p.startDate < openStartedBefore);
    return this.db.placements
      .filter((p) => p.anonymisedAt === null && due(p))
      .sort((a, b) => (a.endDate ?? "").localeCompare(b.endDate ?? "") || a.id.localeCompare(b.id))
      .map((p) => ({ id: p.id, partnershipId: p.partnershipId, end: endOf(p) ?? p.startDate }));
  }

  async anonymiseCompanySupportRequests(requestedBefore: Date, audit: { actor: string; reason: Record<string, unknown> }) {
    const due = this.db.supportRequests.filter(
      (r) => r.placementId === null && r.requestedAt < requestedBefore && PERSONAL_SUPPORT_REQUEST_FIELDS.some((f) => r[f] !== null),
    );
    for (const r of due) {
      Object.assign(r, CLEARED_SUPPORT_REQUEST_FIELDS);
      this.scrubAudit("support_request", [r.id], PERSONAL_SUPPORT_REQUEST_FIELDS);
      this.db.writeAudit({
        actor: audit.actor,
        entity: "support_request",
        entityId: r.id,
        action: "anonymise",
        after: { removed: PERSONAL_SUPPORT_REQUEST_FIELDS, ...audit.reason },
      });
    }
    return due.length;
  }

  async anonymiseQuarterlyStatuses(quarterBefore: string, audit: { actor: string; reason: Record<string, unknown> }) {
    const due = this.db.quarterlyStatuses.filter((s) => s.quarter < quarterBefore && (s.activities !== "" || s.plan !== ""));
    for (const s of due) {
      Object.assign(s, { activities: "", plan: "" });
      this.scrubAudit("quarterly_status", [s.id], PERSONAL_QUARTERLY_FIELDS);
      this.db.writeAudit({
        actor: audit.actor,
        entity: "quarterly_status",
        entityId: s.id,
        action: "anonymise",
        after: { removed: PERSONAL_QUARTERLY_FIELDS, ...audit.reason },
      });
    }
    return due.length;
  }

  async anonymisePlacement(id: string, at: Date, audit: { actor: string; reason: Record<string, unknown> }) {
    const p = this.db.placements.find((x) => x.id === id);
    if (!p || p.anonymisedAt) return undefined;
    const removed = PERSONAL_PLACEMENT_FIELDS.filter((f) => p[f] !== null && p[f] !== "") as PersonalPlacementField[];
    Object.assign(p, {
      ...CLEARED_PLACEMENT_FIELDS,
      anonymisedAt: at,
    });
    this.scrubAudit("placement", [id], PERSONAL_PLACEMENT_FIELDS);
    const requests = this.db.supportRequests.filter((r) => r.placementId === id);
    for (const r of requests) Object.assign(r, CLEARED_SUPPORT_REQUEST_FIELDS);
    this.scrubAudit(
      "support_request",
      requests.map((r) => r.id),
      PERSONAL_SUPPORT_REQUEST_FIELDS,
    );
    this.db.writeAudit({ actor: audit.actor, entity: "placement", entityId: id, action: "anonymise", after: { removed, ...audit.reason } });
    return removed;
  }

  async exportCase(caseReference: string): Promise<CaseExport> {
    const placements = this.db.placements.filter((p) => p.caseReference === caseReference);
    const ids = placements.map((p) => p.id);
    const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
    return {
      caseReference,
      placements: placements.map(plain),
      supportRequests: this.db.supportRequests.filter((r) => r.placementId && ids.includes(r.placementId)).map(plain),
      auditEvents: this.db.audit.filter((a) => ids.includes(a.entityId)).map(plain),
    };
  }

  async deleteCase(caseReference: string, audit: { actor: string }) {
    const ids = this.db.placements.filter((p) => p.caseReference === caseReference).map((p) => p.id);
    if (ids.length === 0) return { placements: 0, supportRequests: 0 };
    const requests = this.db.supportRequests.filter((r) => r.placementId && ids.includes(r.placementId)).length;
    this.db.supportRequests = this.db.supportRequests.filter((r) => !(r.placementId && ids.includes(r.placementId)));
    this.db.placements = this.db.placements.filter((p) => !ids.includes(p.id));
    this.scrubAudit("placement", ids, PERSONAL_PLACEMENT_FIELDS);
    this.db.writeAudit({
      actor: audit.actor,
      entity: "case",
      entityId: caseReference,
      action: "delete",
      after: { placements: ids, supportRequests: requests },
    });
    return { placements: ids.length, supportRequests: requests };
  }

  private scrubAudit(entity: string, ids: string[], fields: readonly string[]): void {
    const scrub = (json: unknown) => {
      if (!json || typeof json !== "object" || Array.isArray(json)) return json;
      const out: Record<string, unknown> = { ...json };
      for (const f of fields) if (out[f] !== undefined && out[f] !== null && out[f] !== "") out[f] = null;
      return out;
    };
    for (const row of this.db.audit) {
      if (row.entity !== entity || !ids.includes(row.entityId)) continue;
      row.before = scrub(row.before);
      row.after = scrub(row.after);
    }
  }
}
