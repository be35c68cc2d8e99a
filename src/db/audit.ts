// The audit log: one row per change, written in the same transaction as the change itself.
import { randomUUID } from "node:crypto";
import type { RawQueryable } from "./direct-sql.js";

export type AuditWrite = {
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  /** When the change counts as made; the database's now() when absent. */
  at?: Date;
};

/** A value as JSON text for a jsonb parameter (dates as ISO strings); absent (or null) is SQL NULL. */
function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Writes one audit row through `db` (pass the transaction the change runs in). One statement of
 * raw SQL: every change writes one, and the query builder's plan for it costs more than the insert.
 */
export async function writeAudit(db: Pick<RawQueryable, "$executeRaw">, entry: AuditWrite): Promise<void> {
  const { actor, entity, entityId, action, before, after, at } = entry;
  await db.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "actor", "entity", "entityId", "action", "before", "after", "at")
    VALUES (${randomUUID()}, ${actor}, ${entity}, ${entityId}, ${action}, ${jsonText(before)}::jsonb, ${jsonText(after)}::jsonb, ${at ?? new Date()})`;
}
