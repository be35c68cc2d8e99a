// `kanal <purpose> [partnership]`: a secretariat admin links the chat channel the command was
// typed in to a partnership for a purpose. The jobcenter channel gets support requests; other
// purposes (digest) plug in here with their own arguments.
import { type Access, isAdmin, partnershipsOf } from "../../kernel/access.js";
import { actorRef, type Platform } from "../../kernel/actor.js";
import type { PartnershipRecord } from "../../kernel/records.js";
import type { AccessStore } from "../../kernel/store.js";
import type { ChannelsStore } from "./store.js";
import { CHANNEL_PURPOSES, type ChannelLinkRecord, type ChannelPurpose } from "./store.js";

/** The words a person types for each purpose (Danish first). */
const CHANNEL_PURPOSE_WORDS: Record<string, ChannelPurpose> = { jobcenter: "jobcenter", digest: "digest", oversigt: "digest" };

export type ChannelAddress = { platform: Platform; workspaceId: string; channelId: string };

export type LinkChannelResult =
  | { kind: "linked"; link: ChannelLinkRecord; partnership: PartnershipRecord }
  | { kind: "denied" }
  | { kind: "no_channel" }
  | { kind: "unknown_purpose"; purposes: readonly ChannelPurpose[] }
  /** Several partnerships and none named: the slugs to choose from. */
  | { kind: "choose_partnership"; partnerships: PartnershipRecord[] };

export async function linkChannel(
  store: ChannelsStore & AccessStore,
  access: Access,
  args: { words: string[]; channel: ChannelAddress | undefined; locale: string },
): Promise<LinkChannelResult> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  const purpose = CHANNEL_PURPOSE_WORDS[args.words[0]?.toLowerCase() ?? ""];
  if (!purpose || purpose !== "jobcenter") return { kind: "unknown_purpose", purposes: CHANNEL_PURPOSES.filter((p) => p === "jobcenter") };
  if (!args.channel) return { kind: "no_channel" };
  const partnerships = await partnershipsOf(store, access);
  const slug = args.words[1]?.toLowerCase();
  const chosen = slug ? partnerships.filter((p) => p.slug === slug) : partnerships;
  if (chosen.length !== 1) return { kind: "choose_partnership", partnerships };
  const partnership = chosen[0]!;
  const link = await store.saveChannelLink(
    { ...args.channel, partnershipId: partnership.id, organisationId: null, purpose, locale: args.locale },
    { actor: actorRef(access.actor) },
  );
  return { kind: "linked", link, partnership };
}
