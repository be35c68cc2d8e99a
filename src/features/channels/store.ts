// Channels linked for a purpose (jobcenter requests, the weekly digest). src/db/channels-store.ts
// implements it with Prisma; tests/support/memory/ in memory.
import type { Platform } from "../../kernel/actor.js";
import type { AuditEntry } from "../../kernel/records.js";

export const CHANNEL_PURPOSES = ["jobcenter", "digest"] as const;
export type ChannelPurpose = (typeof CHANNEL_PURPOSES)[number];

export type ChannelLinkRecord = {
  id: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  partnershipId: string;
  organisationId: string | null;
  purpose: ChannelPurpose;
  locale: string | null;
};

export type NewChannelLink = Omit<ChannelLinkRecord, "id">;

export interface ChannelsStore {
  /** Links a channel for a purpose (one partnership per channel and purpose); audited. */
  saveChannelLink(link: NewChannelLink, audit: AuditEntry): Promise<ChannelLinkRecord>;
  listChannelLinks(partnershipId: string, purpose: ChannelPurpose): Promise<ChannelLinkRecord[]>;
}
