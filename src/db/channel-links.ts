// Linking a channel for a purpose (jobcenter requests, weekly digest): one row per channel and
// purpose, relinking updates it and clears a recorded failure; audited either way.
import type { Prisma, PrismaClient } from "@prisma/client";
import type { Platform } from "../kernel/actor.js";
import { writeAudit } from "./audit.js";

export type ChannelLinkWrite = {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  purpose: "jobcenter" | "digest";
  partnershipId: string;
  organisationId: string | null;
  locale: string | null;
  /** The digest's schedule; left as it is when absent. */
  schedule?: { weekday: number; time: string };
};

type ChannelLinkRow = Prisma.ChannelLinkGetPayload<object>;

/** Saves the link in one transaction and returns it as the caller's record (also what the audit row holds). */
export async function upsertChannelLink<R>(prisma: PrismaClient, link: ChannelLinkWrite, actor: string, toRecord: (row: ChannelLinkRow) => R): Promise<R> {
  return prisma.$transaction(async (tx) => {
    const { platform, workspaceId, channelId, purpose } = link;
    const where = { platform_workspaceId_channelId_purpose: { platform, workspaceId, channelId, purpose } };
    const before = await tx.channelLink.findUnique({ where });
    const data = {
      partnershipId: link.partnershipId,
      organisationId: link.organisationId,
      ...(link.schedule ?? {}),
      locale: link.locale,
      failedAt: null,
      failure: null,
    };
    const row = before
      ? await tx.channelLink.update({ where, data })
      : await tx.channelLink.create({ data: { ...data, platform, workspaceId, channelId, purpose, createdBy: actor } });
    await writeAudit(tx, {
      actor,
      entity: "channel_link",
      entityId: row.id,
      action: before ? "update" : "create",
      before: before ? toRecord(before) : undefined,
      after: toRecord(row),
    });
    return toRecord(row);
  });
}
