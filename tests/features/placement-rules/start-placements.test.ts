// Approved placements become active on their start date (LAB kap. 11), on the database: the hourly
// job starts the ones whose day has come, once, audited, and leaves the others alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaStore } from "../../../src/db/stores.js";
import { startPlacementsJob } from "../../../src/features/placement-rules/start-placements-job.js";
import { dateFromIso } from "../../../src/kernel/dates.js";
import type { Logger } from "../../../src/kernel/logger.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as unknown as Logger;
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await db?.drop();
});

describe("the job that starts approved placements", () => {
  it("makes an approved placement active on its start date in Copenhagen, not before, once, audited", async () => {
    const partnership = await db.prisma.partnership.findFirstOrThrow({ where: { slug: "aalborg-2016" } });
    const organisation = await db.prisma.organisation.findFirstOrThrow({ where: { partnershipId: partnership.id, name: "Dansk Industri Aalborg" } });
    const type = await db.prisma.placementType.findFirstOrThrow({ where: { partnershipId: partnership.id, key: "virksomhedspraktik" } });
    const company = await db.prisma.company.create({ data: { cvr: "24256790", name: "Aalborg Portland A/S" } });
    const row = (startDate: string, status: "approved" | "registered", key: string) =>
      db.prisma.placement.create({
        data: {
          partnershipId: partnership.id,
          organisationId: organisation.id,
          companyId: company.id,
          typeId: type.id,
          places: 1,
          startDate: dateFromIso(startDate),
          employerSector: "private",
          sector: "construction",
          shortageSector: false,
          contactPerson: "Hanne Jensen",
          createdBy: "slack:T1:U1",
          idempotencyKey: key,
          status,
        },
      });
    const approved = await row("2016-10-03", "approved", "start:1");
    const waiting = await row("2016-10-03", "registered", "start:2");
    const noTasks = { enqueue: async () => {} };
    const job = startPlacementsJob({ store: createPrismaStore(db.prisma), logger: quiet, timezone: "Europe/Copenhagen" });

    // 23:30 UTC on 2 October is 01:30 on 3 October in Copenhagen: the start date has come there.
    await job.run(new Date("2016-10-02T21:30:00Z"), noTasks);
    expect((await db.prisma.placement.findUniqueOrThrow({ where: { id: approved.id } })).status).toBe("approved");
    await job.run(new Date("2016-10-02T23:30:00Z"), noTasks);
    await job.run(new Date("2016-10-03T00:30:00Z"), noTasks);
    expect((await db.prisma.placement.findUniqueOrThrow({ where: { id: approved.id } })).status).toBe("active");
    expect((await db.prisma.placement.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("registered");
    const audit = await db.prisma.auditEvent.findMany({ where: { entityId: approved.id, action: "start" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "system:start-placements" });
  });
});
