// A partnership's placements and support requests as flat rows, for spreadsheets
// (src/reports/export.ts). Read straight from Prisma: an export is the secretariat's own copy.
import type { PrismaClient } from "@prisma/client";

export type PlacementExportRow = {
  organisation: string;
  company: string;
  cvr: string;
  typeLabelDa: string;
  typeLabelEn: string;
  places: number;
  startDate: Date;
  weeks: number | null;
  endDate: Date | null;
  employerSector: "public" | "private";
  sector: string;
  shortageSector: boolean;
  status: string;
  createdAt: Date;
};

export type RequestExportRow = {
  organisation: string;
  kind: string;
  company: string | null;
  status: "open" | "taken" | "done" | "declined";
  holder: string | null;
  declineReason: string | null;
  requestedAt: Date;
  dueAt: Date;
  closedAt: Date | null;
};

export async function findPartnershipBySlug(prisma: PrismaClient, slug: string): Promise<{ id: string; slug: string; name: string } | undefined> {
  return (await prisma.partnership.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } })) ?? undefined;
}

export async function listPartnershipSlugs(prisma: PrismaClient): Promise<string[]> {
  return (await prisma.partnership.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((p) => p.slug);
}

export async function placementExportRows(prisma: PrismaClient, partnershipId: string): Promise<PlacementExportRow[]> {
  const rows = await prisma.placement.findMany({
    where: { partnershipId },
    orderBy: [{ startDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      places: true,
      startDate: true,
      weeks: true,
      endDate: true,
      employerSector: true,
      sector: true,
      shortageSector: true,
      status: true,
      createdAt: true,
      organisation: { select: { name: true } },
      company: { select: { name: true, cvr: true } },
      type: { select: { labelDa: true, labelEn: true } },
    },
  });
  return rows.map((r) => ({
    organisation: r.organisation.name,
    company: r.company.name,
    cvr: r.company.cvr,
    typeLabelDa: r.type.labelDa,
    typeLabelEn: r.type.labelEn,
    places: r.places,
    startDate: r.startDate,
    weeks: r.weeks,
    endDate: r.endDate,
    employerSector: r.employerSector,
    sector: r.sector,
    shortageSector: r.shortageSector,
    status: r.status,
    createdAt: r.createdAt,
  }));
}

export async function requestExportRows(prisma: PrismaClient, partnershipId: string): Promise<RequestExportRow[]> {
  const rows = await prisma.supportRequest.findMany({
    where: { partnershipId },
    orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
    select: {
      kind: true,
      status: true,
      companyName: true,
      holder: true,
      holderName: true,
      declineReason: true,
      requestedAt: true,
      dueAt: true,
      closedAt: true,
      organisation: { select: { name: true } },
      placement: { select: { company: { select: { name: true } } } },
    },
  });
  return rows.map((r) => ({
    organisation: r.organisation.name,
    kind: r.kind,
    company: r.placement?.company.name ?? r.companyName,
    status: r.status,
    holder: r.holderName ?? r.holder,
    declineReason: r.declineReason,
    requestedAt: r.requestedAt,
    dueAt: r.dueAt,
    closedAt: r.closedAt,
  }));
}
