// The demo data: generated the same way every time, plausible, without personal data, and
// enough of it that `fremdrift`, `rapport` and `anmodninger` show real numbers. Also the
// counting rules it exposed: a placement that starts outside a partnership's period does not
// count towards its targets, and `rapport` picks the partnership's own last quarter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/kernel/actor.js";
import { containsCpr } from "../../src/kernel/cpr.js";
import { isValidCvr } from "../../src/kernel/cvr.js";
import { makeCvr, seedDemo, seededRandom } from "../../src/seed/demo-data.js";
import { PLAYGROUND_PEOPLE, PLAYGROUND_TENANT } from "../../src/seed/playground-world.js";
import { createTestBot } from "../support/bot.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const TODAY = "2026-12-02";
let db: TestDatabase;
let bot: ReturnType<typeof createTestBot>["bot"];

const teams = (userId: string, locale: "da" | "en" = "en"): Actor => ({ platform: "teams", workspaceId: PLAYGROUND_TENANT, userId, locale });
const text = (reply: { kind: string; view?: { text: string; blocks?: unknown } }) => JSON.stringify(reply);

beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
  await seedDemo(db.prisma, { today: TODAY });
  ({ bot } = createTestBot(db, { admins: ["DEPLOYMENT-ADMIN"], now: new Date(`${TODAY}T09:00:00Z`) }));
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

describe("demo data", () => {
  it("makes CVR numbers that pass the modulus-11 check, the same ones for the same seed", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const cvrs = Array.from({ length: 50 }, () => makeCvr(a));
    expect(cvrs.every(isValidCvr)).toBe(true);
    expect(Array.from({ length: 50 }, () => makeCvr(b))).toEqual(cvrs);
  });

  it("loads three partnerships with a few hundred placements in every status the approval knows", async () => {
    const partnerships = await db.prisma.partnership.findMany({ orderBy: { slug: "asc" } });
    expect(partnerships.map((p) => p.slug)).toEqual(["aalborg-2016", "fredericia-2013", "nordby-2026"]);
    const demo = partnerships.find((p) => p.slug === "nordby-2026")!;
    const statuses = await db.prisma.placement.groupBy({ by: ["status"], where: { partnershipId: demo.id }, _count: { _all: true } });
    expect(statuses.map((s) => s.status).sort()).toEqual([
      "active",
      "approved",
      "awaiting_confirmation",
      "completed",
      "ended",
      "extended",
      "refused",
      "registered",
    ]);
    const total = statuses.reduce((sum, s) => sum + s._count._all, 0);
    expect(total).toBeGreaterThanOrEqual(300);
    const requests = await db.prisma.supportRequest.groupBy({ by: ["status"], where: { partnershipId: demo.id }, _count: { _all: true } });
    expect(requests.map((r) => r.status).sort()).toEqual(["declined", "done", "open", "taken"]);
    expect(await db.prisma.quarterlyStatus.count({ where: { quarter: "2026-Q3" } })).toBeGreaterThan(0);
    expect(await db.prisma.channelLink.count({ where: { partnershipId: demo.id } })).toBe(2);
  });

  it("keeps every placement inside its partnership's period, with pseudonyms and no CPR number", async () => {
    const rows = await db.prisma.placement.findMany({ include: { partnership: true, company: true } });
    for (const row of rows) {
      expect(row.startDate >= row.partnership.periodStart && row.startDate <= row.partnership.periodEnd).toBe(true);
      expect(row.caseReference).toMatch(/^P-[2-9A-Z]{5}$/);
      expect(isValidCvr(row.company.cvr)).toBe(true);
      expect(containsCpr([row.note ?? "", row.contactPerson, row.companyName ?? "", row.representativeName ?? ""].join(" "))).toBe(false);
    }
  });

  it("changes nothing when loaded again", async () => {
    const before = await db.prisma.placement.count();
    expect(await seedDemo(db.prisma, { today: TODAY })).toEqual([]);
    expect(await db.prisma.placement.count()).toBe(before);
  });

  it("answers the demo's admin in Danish, the language the demo gave her, with real numbers", async () => {
    const reply = await bot.handleCommand(teams(PLAYGROUND_PEOPLE.admin.aadObjectId, "en"), "fremdrift", "teams");
    expect(text(reply)).toMatch(/Praktikpladser i alt: [1-9]\d* \/ 500 \(\d+ %\)/);
    expect(text(reply)).toMatch(/Venter på godkendelse \(tæller ikke med endnu\): [1-9]\d* praktikker/);
  });

  it("does not count a placement that starts after the partnership's period", async () => {
    const fredericia = await db.prisma.partnership.findUniqueOrThrow({ where: { slug: "fredericia-2013" } });
    const admin = teams("DEPLOYMENT-ADMIN", "da");
    const before = text(await bot.handleCommand(admin, "fremdrift", "teams"));
    const template = await db.prisma.placement.findFirstOrThrow({
      where: { partnershipId: fredericia.id, status: "completed", type: { key: "virksomhedspraktik" } },
    });
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = template;
    await db.prisma.placement.create({
      data: { ...copy, idempotencyKey: "late-start", status: "active", startDate: new Date("2026-03-02T00:00:00Z"), places: 40, channelMessage: undefined },
    });
    expect(text(await bot.handleCommand(admin, "fremdrift", "teams"))).toBe(before);
  });

  it("asks a secretariat with several partnerships which one `rapport` is for, and takes a partnership's own last quarter", async () => {
    const admin = teams("DEPLOYMENT-ADMIN", "da");
    const asked = text(await bot.handleCommand(admin, "rapport", "teams"));
    expect(asked).toContain("flere partnerskaber");
    expect(asked).toContain("aalborg-2016");
    expect(text(await bot.handleCommand(admin, "rapport nordby-2025", "teams"))).toContain("»nordby-2025«");
    expect(text(await bot.handleCommand(admin, "rapport fredericia-2013", "teams"))).toContain("2015-Q4");
    expect(text(await bot.handleCommand(admin, "rapport 2016-Q2", "teams"))).toContain("2016-Q2");
    expect(text(await bot.handleCommand(admin, "rapport 2016-Q9", "teams"))).toContain("»2016-Q9« er ikke et kvartal");
    // The demo's own admin has one partnership: the last finished quarter of this year.
    expect(text(await bot.handleCommand(teams(PLAYGROUND_PEOPLE.admin.aadObjectId), "rapport", "teams"))).toContain("2026-Q3");
  });

  it("lets a person choose their language with `sprog`, over what the platform says, and go back to it", async () => {
    const partner = teams(PLAYGROUND_PEOPLE.partner.aadObjectId, "da");
    expect(text(await bot.handleCommand(partner, "sprog en", "teams"))).toContain("From now on I answer you in English");
    expect(text(await bot.handleCommand(partner, "hjælp", "teams"))).toContain("Praktikbot – help");
    expect(text(await bot.handleCommand(partner, "sprog klingon", "teams"))).toContain("“klingon” is not a language");
    expect(text(await bot.handleCommand(partner, "sprog auto", "teams"))).toContain("Nu følger jeg det sprog");
    expect(text(await bot.handleCommand(partner, "sprog", "teams"))).toContain("Jeg svarer dig på dansk");
    // Someone named only in BOT_ADMINS has no contact row: the choice is kept all the same.
    const admin = teams("DEPLOYMENT-ADMIN", "da");
    await bot.handleCommand(admin, "language en", "teams");
    expect(text(await bot.handleCommand(admin, "hjælp", "teams"))).toContain("Praktikbot – help");
    const audit = await db.prisma.auditEvent.count({ where: { entity: "contact", action: "language" } });
    expect(audit).toBe(2);
  });
});
