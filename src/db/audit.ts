// The audit log: one row per change, written in the same transaction as the change itself.
import type { Prisma, PrismaClient } from "@prisma/client";

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

/** A value as a JSON column keeps it: plain JSON, dates as ISO strings. */
export function toJsonValue(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/** Writes one audit row through `db` (pass the transaction the change runs in). */
export async function writeAudit(db: Prisma.TransactionClient | PrismaClient, entry: AuditWrite): Promise<void> {
  const { before, after, at, ...rest } = entry;
  await db.auditEvent.create({
    data: {
      ...rest,
      ...(before !== undefined ? { before: toJsonValue(before) } : {}),
      ...(after !== undefined ? { after: toJsonValue(after) } : {}),
      ...(at ? { at } : {}),
    },
  });
}
