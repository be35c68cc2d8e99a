// The IGU placements the bonus milestone job looks at: started, not anonymised, not ended early,
// and not finished more than a few days ago.
import type { PrismaClient } from "@prisma/client";
import { dateFromIso, isoFromDate, type IsoDate } from "../kernel/dates.js";

export type IguPlacement = {
  id: string;
  partnershipId: string;
  companyName: string;
  /** The company's contact person as typed in the form. */
  contactPerson: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  /** Actor reference "platform:workspace:user" of whoever registered it. */
  createdBy: string;
};

export interface IguMilestoneStore {
  /**
   * IGU placements that have started by `today`, are not anonymised and did not end early, and
   * whose end date is on or after `endsFrom` (or not set).
   */
  listRunningIguPlacements(today: IsoDate, endsFrom: IsoDate): Promise<IguPlacement[]>;
}

export class PrismaIguMilestoneStore implements IguMilestoneStore {
  constructor(private readonly prisma: PrismaClient) {}

  async listRunningIguPlacements(today: IsoDate, endsFrom: IsoDate): Promise<IguPlacement[]> {
    const rows = await this.prisma.placement.findMany({
      where: {
        type: { key: "igu" },
        anonymisedAt: null,
        status: { not: "ended" },
        startDate: { lte: dateFromIso(today) },
        OR: [{ endDate: null }, { endDate: { gte: dateFromIso(endsFrom) } }],
      },
      select: {
        id: true,
        partnershipId: true,
        contactPerson: true,
        startDate: true,
        endDate: true,
        createdBy: true,
        company: { select: { name: true } },
      },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
    });
    return rows.map((r) => ({
      id: r.id,
      partnershipId: r.partnershipId,
      companyName: r.company.name,
      contactPerson: r.contactPerson,
      startDate: isoFromDate(r.startDate),
      endDate: r.endDate ? isoFromDate(r.endDate) : null,
      createdBy: r.createdBy,
    }));
  }
}
