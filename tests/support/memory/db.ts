// The tables the in-memory stores share: plain arrays of the records the ports return, plus
// what the database keeps beside them (idempotency keys, settings, audit rows).
import { randomUUID } from "node:crypto";
import type { SupportRequestRecord } from "../../../src/features/support-requests/store.js";
import type {
  ChatUserRecord,
  CompanyRecord,
  ContactRecord,
  OrganisationRecord,
  PartnershipRecord,
  PlacementRecord,
  PlacementTypeRecord,
  QuarterlyStatusRecord,
  TargetRecord,
  WorkplaceRecord,
} from "../../../src/kernel/records.js";

export type AuditRow = {
  id: string;
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  at: Date;
};

export type StoredPlacement = PlacementRecord & { idempotencyKey: string; anonymisedAt: Date | null };
export type StoredSupportRequest = SupportRequestRecord & { idempotencyKey: string };

export class MemoryDb {
  partnerships: (PartnershipRecord & { settings: unknown })[] = [];
  organisations: OrganisationRecord[] = [];
  placementTypes: PlacementTypeRecord[] = [];
  targets: TargetRecord[] = [];
  contacts: (ContactRecord & { createdAt: Date })[] = [];
  chatUsers: ChatUserRecord[] = [];
  companies: CompanyRecord[] = [];
  workplaces: WorkplaceRecord[] = [];
  placements: StoredPlacement[] = [];
  supportRequests: StoredSupportRequest[] = [];
  quarterlyStatuses: QuarterlyStatusRecord[] = [];
  audit: AuditRow[] = [];

  newId(): string {
    return randomUUID();
  }

  /** An audit row as the database keeps it: JSON columns hold plain JSON (dates as strings). */
  writeAudit(entry: { actor: string; entity: string; entityId: string; action: string; before?: unknown; after?: unknown; at?: Date }): void {
    const json = (v: unknown) => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown));
    this.audit.push({
      id: this.newId(),
      actor: entry.actor,
      entity: entry.entity,
      entityId: entry.entityId,
      action: entry.action,
      before: json(entry.before),
      after: json(entry.after),
      at: entry.at ?? new Date(),
    });
  }

  organisationName(id: string): string {
    return this.organisations.find((o) => o.id === id)?.name ?? "";
  }
}

/** A copy, so a caller changing a record it got does not change the table (as with a database). */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
