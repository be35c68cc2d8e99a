// Prisma for channels linked for a purpose (features/channels/store.ts).
import type { PrismaClient } from "@prisma/client";
import type { ChannelPurpose, ChannelsStore, NewChannelLink } from "../features/channels/store.js";
import { upsertChannelLink } from "./channel-links.js";
import { toLink } from "./rows.js";

export class PrismaChannelsStore implements ChannelsStore {
  constructor(private readonly prisma: PrismaClient) {}

  async saveChannelLink(link: NewChannelLink, audit: { actor: string }) {
    return upsertChannelLink(this.prisma, link, audit.actor, toLink);
  }

  async listChannelLinks(partnershipId: string, purpose: ChannelPurpose) {
    const rows = await this.prisma.channelLink.findMany({ where: { partnershipId, purpose }, orderBy: { createdAt: "asc" } });
    return rows.map(toLink);
  }
}
