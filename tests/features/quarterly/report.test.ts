// The secretariat's quarterly report from a partnership with known numbers: every figure in the
// model is checked against the database with SQL of its own, then the DOCX is opened and read
// back (text, tables, the chart as a PNG) and the Markdown is parsed (its tables).
import JSZip from "jszip";
import mammoth from "mammoth";
import { marked, type Tokens } from "marked";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppStore } from "../../../src/bot/stores.js";
import { createPrismaStore } from "../../../src/db/stores.js";
import { buildReport, buildReportModel, type QuarterReport } from "../../../src/features/quarterly/build-report.js";
import { renderReportFile } from "../../../src/features/quarterly/report/report-file.js";
import { createI18n } from "../../../src/i18n/index.js";
import { DEFAULT_STATUS_SCHEDULE } from "../../../src/kernel/quarters.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";

const TZ = "Europe/Copenhagen";
const NOW = new Date("2016-10-03T09:00:00Z");
const Q3 = { year: 2016, quarter: 3 } as const;
/** The quarter's bounds in Copenhagen, written out by hand (CEST, UTC+2). */
const Q3_FROM = new Date("2016-06-30T22:00:00Z");
const Q3_TO = new Date("2016-09-30T22:00:00Z");

let db: TestDatabase;
let store: AppStore;
let aalborgId: string;
let report: QuarterReport;
const i18n = createI18n("da");

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

beforeAll(async () => {
  db = await createTestDatabase();
  store = createPrismaStore(db.prisma);
  const prisma = db.prisma;
  const aalborg = await prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const fredericia = await prisma.partnership.findUniqueOrThrow({ where: { slug: "fredericia-2013" } });
  aalborgId = aalborg.id;
  const org = (partnershipId: string, name: string) => prisma.organisation.findFirstOrThrow({ where: { partnershipId, name } });
  const type = (partnershipId: string, key: string) => prisma.placementType.findFirstOrThrow({ where: { partnershipId, key } });
  const [di, lo, jobcenter, dansk] = await Promise.all([
    org(aalborg.id, "Dansk Industri Aalborg"),
    org(aalborg.id, "LO-Aalborg"),
    org(aalborg.id, "Jobcenter Aalborg"),
    org(fredericia.id, "Dansk Byggeri"),
  ]);
  const company = await prisma.company.create({ data: { cvr: "24256790", name: "Aalborg Portland" } });
  let n = 0;
  const placement = async (
    partnershipId: string,
    organisationId: string,
    typeKey: string,
    p: { places: number; start: string; employer: "public" | "private"; sector: string; shortage: boolean },
  ) => {
    n += 1;
    await prisma.placement.create({
      data: {
        partnershipId,
        organisationId,
        companyId: company.id,
        typeId: (await type(partnershipId, typeKey)).id,
        places: p.places,
        startDate: new Date(`${p.start}T00:00:00Z`),
        weeks: 13,
        employerSector: p.employer,
        sector: p.sector,
        shortageSector: p.shortage,
        contactPerson: "Hanne Jensen",
        needs: [],
        createdBy: "slack:T0001:USEED",
        idempotencyKey: `report-test-${n}`,
      },
    });
  };
  await placement(aalborg.id, di.id, "virksomhedspraktik", { places: 3, start: "2016-07-04", employer: "private", sector: "construction", shortage: true });
  await placement(aalborg.id, di.id, "virksomhedspraktik", { places: 2, start: "2016-08-15", employer: "public", sector: "health_care", shortage: false });
  // The quarter's last day counts; the day after does not.
  await placement(aalborg.id, lo.id, "igu", { places: 1, start: "2016-09-30", employer: "private", sector: "manufacturing", shortage: true });
  await placement(aalborg.id, di.id, "loentilskud", { places: 2, start: "2016-10-01", employer: "private", sector: "retail", shortage: false });
  // Q2: towards the targets, not among the quarter's placements.
  await placement(aalborg.id, lo.id, "virksomhedspraktik", { places: 4, start: "2016-06-30", employer: "private", sector: "construction", shortage: true });
  await placement(aalborg.id, jobcenter.id, "virksomhedspraktik", { places: 5, start: "2016-09-12", employer: "private", sector: "transport", shortage: true });
  // Another partnership's placement must not leak in.
  await placement(fredericia.id, dansk.id, "virksomhedspraktik", {
    places: 7,
    start: "2016-08-01",
    employer: "private",
    sector: "construction",
    shortage: true,
  });

  let r = 0;
  const request = (s: { requestedAt: string; dueAt: string; status: "open" | "taken" | "done" | "declined"; closedAt?: string }) =>
    prisma.supportRequest.create({
      data: {
        partnershipId: aalborg.id,
        organisationId: di.id,
        kind: "interpreter",
        status: s.status,
        requestedAt: new Date(s.requestedAt),
        dueAt: new Date(s.dueAt),
        closedAt: s.closedAt ? new Date(s.closedAt) : null,
        requestedBy: "slack:T0001:UPARTNER",
        idempotencyKey: `report-request-${++r}`,
      },
    });
  await request({ requestedAt: "2016-07-05T08:00:00Z", dueAt: "2016-07-07T14:00:00Z", status: "done", closedAt: "2016-07-06T10:00:00Z" });
  await request({ requestedAt: "2016-08-01T08:00:00Z", dueAt: "2016-08-03T14:00:00Z", status: "done", closedAt: "2016-08-04T10:00:00Z" });
  await request({ requestedAt: "2016-09-20T08:00:00Z", dueAt: "2016-09-22T14:00:00Z", status: "declined", closedAt: "2016-09-21T10:00:00Z" });
  // 23:30 on 30 September in Copenhagen: still Q3; an hour later it is Q4.
  await request({ requestedAt: "2016-09-30T21:30:00Z", dueAt: "2016-10-04T14:00:00Z", status: "open" });
  await request({ requestedAt: "2016-09-30T22:30:00Z", dueAt: "2016-10-05T14:00:00Z", status: "open" });
  // Made in Q2 (23:30 on 30 June), handled in Q3 within its deadline.
  await request({ requestedAt: "2016-06-30T21:30:00Z", dueAt: "2016-07-01T12:00:00Z", status: "done", closedAt: "2016-07-01T10:00:00Z" });
  await request({ requestedAt: "2016-06-10T08:00:00Z", dueAt: "2016-06-14T14:00:00Z", status: "taken" });

  const status = (organisationId: string, activities: string, numbers: [number, number, number, number]) =>
    store.saveQuarterlyStatus(
      {
        organisationId,
        quarter: "2016-Q3",
        activities,
        companiesContacted: numbers[0],
        placementsHelped: numbers[1],
        iguAgreements: numbers[2],
        eventsHeld: numbers[3],
        plan: `Plan for Q4 fra ${activities.split(" ")[0]}`,
      },
      { actor: "slack:T0001:USEED" },
    );
  await status(di.id, "Praktikdating i Aalborg Portland", [12, 5, 0, 2]);
  await status(lo.id, "Møder med tillidsrepræsentanter", [4, 1, 1, 1]);

  report = await buildReportModel(store, (await store.getPartnership(aalborg.id))!, Q3, { timezone: TZ, now: NOW, schedule: DEFAULT_STATUS_SCHEDULE });
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

/** Sums over the partnership's placements with a condition, straight from the table. */
async function placementSum(where: string, ...params: unknown[]): Promise<{ placements: number; places: number }> {
  const rows = await db.prisma.$queryRawUnsafe<Row[]>(
    `SELECT count(*) AS n, coalesce(sum(p."places"), 0) AS places FROM "Placement" p JOIN "PlacementType" t ON t."id" = p."typeId"
     WHERE p."partnershipId" = $1 AND ${where}`,
    aalborgId,
    ...params,
  );
  return { placements: num(rows[0]!.n), places: num(rows[0]!.places) };
}

const UP_TO_END = `p."startDate" <= DATE '2016-09-30'`;
const IN_Q3 = `p."startDate" BETWEEN DATE '2016-07-01' AND DATE '2016-09-30'`;

async function supportCount(where: string): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<Row[]>(
    `SELECT count(*) AS n FROM "SupportRequest" WHERE "partnershipId" = $1 AND ${where}`,
    aalborgId,
    Q3_FROM,
    Q3_TO,
  );
  return num(rows[0]!.n);
}

describe("the quarterly report's numbers", () => {
  it("covers the quarter's days and due date", () => {
    expect(report).toMatchObject({ quarter: "2016-Q3", firstDay: "2016-07-01", lastDay: "2016-09-30", dueOn: "2016-10-10" });
  });

  it("counts progress against every target up to the quarter's last day", async () => {
    expect(report.progress.total).toEqual(await placementSum(UP_TO_END));
    expect(report.progress.total.places).toBe(15);
    const byKey = Object.fromEntries(report.progress.targets.map((t) => [t.key, t]));
    const vp = `t."key" = 'virksomhedspraktik'`;
    expect(byKey.praktikpladser!.value).toBe((await placementSum(`${UP_TO_END} AND ${vp}`)).places);
    expect(byKey.offentlige!.value).toBe((await placementSum(`${UP_TO_END} AND ${vp} AND p."employerSector" = 'public'`)).places);
    expect(byKey["private-mangel"]!.value).toBe(
      (await placementSum(`${UP_TO_END} AND ${vp} AND p."employerSector" = 'private' AND p."shortageSector"`)).places,
    );
    expect(byKey.igu!.value).toBe((await placementSum(`${UP_TO_END} AND t."key" = 'igu'`)).places);
    expect(report.progress.targets.map((t) => [t.key, t.value, t.percent, t.state])).toEqual([
      ["praktikpladser", 14, 3, "below"],
      ["offentlige", 2, 1, "within"],
      ["private-mangel", 12, 3, "below"],
      ["igu", 1, 4, "below"],
    ]);
  });

  it("breaks the quarter's placements down by type, industry, employer and shortage sector", async () => {
    const q = report.quarterPlacements;
    expect(q.total).toEqual(await placementSum(IN_Q3));
    expect(q.total).toEqual({ placements: 4, places: 11 });

    const types = await db.prisma.$queryRawUnsafe<Row[]>(
      `SELECT t."key", count(*) AS n, sum(p."places") AS places FROM "Placement" p JOIN "PlacementType" t ON t."id" = p."typeId"
       WHERE p."partnershipId" = $1 AND ${IN_Q3} GROUP BY t."key" ORDER BY t."key"`,
      aalborgId,
    );
    expect([...q.byType].sort((a, b) => a.key.localeCompare(b.key)).map((r) => ({ key: r.key, placements: r.placements, places: r.places }))).toEqual(
      types.map((r) => ({ key: r.key, placements: num(r.n), places: num(r.places) })),
    );

    const sectors = await db.prisma.$queryRawUnsafe<Row[]>(
      `SELECT p."sector", count(*) AS n, sum(p."places") AS places FROM "Placement" p
       WHERE p."partnershipId" = $1 AND ${IN_Q3} GROUP BY p."sector" ORDER BY sum(p."places") DESC, p."sector"`,
      aalborgId,
    );
    expect(q.bySector).toEqual(sectors.map((r) => ({ sector: r.sector, placements: num(r.n), places: num(r.places) })));

    expect(q.byEmployerSector.public).toEqual(await placementSum(`${IN_Q3} AND p."employerSector" = 'public'`));
    expect(q.byEmployerSector.private).toEqual(await placementSum(`${IN_Q3} AND p."employerSector" = 'private'`));
    expect(q.shortage.shortage).toEqual(await placementSum(`${IN_Q3} AND p."shortageSector"`));
    expect(q.shortage.other).toEqual(await placementSum(`${IN_Q3} AND NOT p."shortageSector"`));
  });

  it("counts support requests by the quarter's instants in Copenhagen", async () => {
    const inQ = (column: string) => `"${column}" >= $2 AND "${column}" < $3`;
    const expected = {
      received: await supportCount(inQ("requestedAt")),
      handled: await supportCount(`"status" = 'done' AND ${inQ("closedAt")}`),
      handledWithinDeadline: await supportCount(`"status" = 'done' AND ${inQ("closedAt")} AND "closedAt" <= "dueAt"`),
      declined: await supportCount(`"status" = 'declined' AND ${inQ("closedAt")}`),
      stillOpen: await supportCount(`"status" IN ('open', 'taken') AND ${inQ("requestedAt")}`),
    };
    expect(report.support).toMatchObject(expected);
    expect(expected).toEqual({ received: 4, handled: 3, handledWithinDeadline: 2, declined: 1, stillOpen: 1 });
    expect(report.support.shareWithinDeadline).toBeCloseTo(2 / 3);
  });

  it("lists each partner's status with what it registered, and who has not filed", async () => {
    const statuses = await db.prisma.quarterlyStatus.findMany({
      where: { quarter: "2016-Q3", organisation: { partnershipId: aalborgId } },
      include: { organisation: true },
    });
    expect(report.statuses.map((s) => s.organisation.name).sort()).toEqual(statuses.map((s) => s.organisation.name).sort());
    for (const s of report.statuses) {
      const row = statuses.find((x) => x.organisationId === s.organisation.id)!;
      expect(s.status).toMatchObject({ activities: row.activities, companiesContacted: row.companiesContacted, plan: row.plan });
      expect(s.registered).toEqual(await placementSum(`${IN_Q3} AND p."organisationId" = $2`, s.organisation.id));
    }
    const missing = await db.prisma.organisation.findMany({
      where: { partnershipId: aalborgId, quarterlyStatuses: { none: { quarter: "2016-Q3" } } },
      orderBy: { name: "asc" },
    });
    expect(report.missing.map((o) => o.name).sort()).toEqual(missing.map((o) => o.name).sort());
    expect(report.missing).toHaveLength(11);
  });

  it("is made for admins only", async () => {
    const clock = { timezone: TZ, now: NOW, schedule: DEFAULT_STATUS_SCHEDULE };
    const partner = {
      kind: "known",
      actor: { platform: "slack", workspaceId: "T0001", userId: "UPARTNER", locale: "da" },
      role: "partner_contact",
      partnershipIds: [aalborgId],
      organisation: report.statuses[0]!.organisation,
    } as unknown as Parameters<typeof buildReport>[1];
    expect(await buildReport(store, partner, { quarter: Q3 }, clock)).toEqual({ kind: "denied" });
  });
});

type HtmlTable = string[][];

/** The tables of mammoth's HTML as rows of cell texts. */
function htmlTables(html: string): HtmlTable[] {
  const text = (s: string) =>
    s
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&")
      .trim();
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) =>
    [...m[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => text(c[1]!))),
  );
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("the report as a Word file", () => {
  let docx: Buffer;
  let html: string;

  beforeAll(async () => {
    const file = await renderReportFile(report, "docx", i18n.t("da"), "da");
    expect(file.fileName).toBe("kvartalsstatus-aalborg-2016-2016-Q3.docx");
    expect(file.mimeType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    docx = file.data;
    html = (await mammoth.convertToHtml({ buffer: docx })).value;
  });

  it("is a Word document whose text says what the report says", async () => {
    expect(docx.subarray(0, 2).toString("latin1")).toBe("PK");
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    for (const expected of [
      "Kvartalsstatus for partnerskabet",
      "Partnerskab om integration, Aalborg 2016 – 2016-Q3",
      "Fremdrift mod målene",
      "15 pladser i alt",
      "4 praktikpladser med start i kvartalet, i alt 11 pladser",
      "Dansk Industri Aalborg",
      "Praktikdating i Aalborg Portland",
      "Plan for Q4 fra Møder",
      "Virksomheder kontaktet: 12",
      "registreret i Praktikbot: 5 pladser",
      "Mangler status",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("{{");
  });

  it("has the figures in its tables", () => {
    const tables = htmlTables(html);
    const find = (firstCell: string) => tables.find((t) => t.some((row) => row[0] === firstCell));
    expect(find("Praktikpladser i alt")).toContainEqual(["Praktikpladser i alt", "500", "14", "3 %", "under målet"]);
    expect(find("Offentlige")).toContainEqual(["Offentlige", "højst 150", "2", "1 %", "inden for rammen"]);
    const byType = find("Virksomhedspraktik")!;
    expect(byType[0]).toEqual(["Type", "Praktikpladser", "Pladser"]);
    expect(byType).toContainEqual(["Virksomhedspraktik", "3", "10"]);
    expect(byType).toContainEqual(["IGU (integrationsgrunduddannelse)", "1", "1"]);
    expect(find("Privat")).toEqual([
      ["Arbejdsgiver", "Praktikpladser", "Pladser"],
      ["Privat", "3", "9"],
      ["Offentlig", "1", "2"],
    ]);
    const support = find("Modtaget i kvartalet")!;
    expect(support).toContainEqual(["Modtaget i kvartalet", "4"]);
    expect(support).toContainEqual(["Løst inden for fristen", "2"]);
    expect(support).toContainEqual(["Andel løst inden for fristen", "67\u00a0%"]);
    const missing = tables.find((t) => t[0]?.[0] === "Mangler status")!;
    expect(
      missing
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(report.missing.map((o) => o.name).sort());
  });

  it("carries the chart as a PNG image", async () => {
    const zip = await JSZip.loadAsync(docx);
    const media = Object.keys(zip.files).filter((name) => /^word\/media\/.+\.png$/.test(name));
    expect(media).toHaveLength(1);
    const png = await zip.file(media[0]!)!.async("nodebuffer");
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(1600);
    expect(height).toBeGreaterThan(200);
    expect(png.length).toBeGreaterThan(5_000);
    const document = await zip.file("word/document.xml")!.async("string");
    expect(document).toContain("<w:drawing>");
    expect(html).toMatch(/<img [^>]*src="data:image\/png;base64,/);
  });
});

describe("the report as Markdown", () => {
  let markdown: string;
  let tables: Tokens.Table[];

  beforeAll(async () => {
    const file = await renderReportFile(report, "md", i18n.t("en"), "en");
    expect(file.fileName).toBe("status-aalborg-2016-2016-Q3.md");
    markdown = file.data.toString("utf8");
    tables = marked.lexer(markdown).filter((t): t is Tokens.Table => t.type === "table");
  });

  it("parses into headings and tables with the same figures", () => {
    const tokens = marked.lexer(markdown);
    const headings = tokens.filter((t): t is Tokens.Heading => t.type === "heading").map((h) => h.text);
    expect(headings).toEqual(
      expect.arrayContaining(["Partnership quarterly status", "Progress against the targets", "By type", "Support requests", "Status missing"]),
    );
    const cells = (t: Tokens.Table) => [t.header.map((h) => h.text), ...t.rows.map((r) => r.map((c) => c.text))];
    const byType = tables.map(cells).find((t) => t[0]!.join("|") === "Type|Placements|Places")!;
    expect(byType).toContainEqual(["Work placement", "3", "10"]);
    expect(byType).toContainEqual(["IGU (basic integration training)", "1", "1"]);
    // Number columns are right-aligned.
    expect(tables.find((t) => t.header[0]!.text === "Type")!.align).toEqual([null, "right", "right"]);
    const targets = tables.map(cells).find((t) => t[0]![0] === "Target")!;
    expect(targets).toContainEqual(["Work placements in all", "500", "14", "3 %", "below target"]);
    const support = tables.map(cells).find((t) => t.some((r) => r[0] === "Received in the quarter"))!;
    expect(support).toContainEqual(["Received in the quarter", "4"]);
    expect(support).toContainEqual(["Share handled within the deadline", "67%"]);
  });

  it("renders to HTML with its tables and the chart as text", async () => {
    const html = await marked.parse(markdown);
    expect((html.match(/<table>/g) ?? []).length).toBe(tables.length);
    expect(tables.length).toBeGreaterThanOrEqual(7);
    expect(html).toContain("<h1>Partnership quarterly status</h1>");
    expect(markdown).toMatch(/```text\nWork placements in all\s+█+░*\s+14 \/ 500 \(3 %\)/);
  });
});
