// `kanal oversigt [slug] [organisation] [mandag] [08:00] [da|en]`: a secretariat admin links the
// channel the command came from to the weekly digest of a partnership, or of one organisation in
// it, on a weekday and time in BOT_TIMEZONE and in a language. `kanal fra` unlinks it.
import { type Access, isAdmin, partnershipsOf } from "../../kernel/access.js";
import { actorRef, type Locale } from "../../kernel/actor.js";
import type { OrganisationRecord, PartnershipRecord } from "../../kernel/records.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import type { ChannelAddress } from "../channels/index.js";
import type { DigestLinkRecord, DigestsStore } from "./store.js";

const DIGEST_WORDS = ["oversigt", "digest", "overblik"] as const;
const UNLINK_WORDS = ["fra", "off", "stop"] as const;

const WEEKDAYS: Record<string, number> = {
  mandag: 1,
  monday: 1,
  man: 1,
  mon: 1,
  tirsdag: 2,
  tuesday: 2,
  tir: 2,
  tue: 2,
  onsdag: 3,
  wednesday: 3,
  ons: 3,
  wed: 3,
  torsdag: 4,
  thursday: 4,
  tor: 4,
  thu: 4,
  fredag: 5,
  friday: 5,
  fre: 5,
  fri: 5,
  lørdag: 6,
  saturday: 6,
  lør: 6,
  sat: 6,
  søndag: 7,
  sunday: 7,
  søn: 7,
  sun: 7,
};
const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

const DEFAULT_DIGEST_SCHEDULE = { weekday: 1, time: "08:00" } as const;

/** Is this `kanal` command about the digest? */
export function isDigestChannelCommand(words: readonly string[]): boolean {
  const first = words[0]?.toLowerCase() ?? "";
  return (DIGEST_WORDS as readonly string[]).includes(first) || (UNLINK_WORDS as readonly string[]).includes(first);
}

export type LinkDigestResult =
  | { kind: "linked"; link: DigestLinkRecord; partnership: PartnershipRecord; organisation: OrganisationRecord | null }
  | { kind: "unlinked" }
  | { kind: "not_linked" }
  | { kind: "denied" }
  | { kind: "no_channel" }
  | { kind: "choose_partnership"; partnerships: PartnershipRecord[] }
  | { kind: "unknown_organisation"; name: string; organisations: OrganisationRecord[] };

export async function linkDigestChannel(
  store: DigestsStore & AccessStore & PartnershipsStore,
  access: Access,
  args: { words: string[]; channel: ChannelAddress | undefined; locale: Locale },
): Promise<LinkDigestResult> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  if (!args.channel) return { kind: "no_channel" };
  const [first, ...rest] = args.words.map((w) => w.trim()).filter((w) => w.length > 0);
  if ((UNLINK_WORDS as readonly string[]).includes(first?.toLowerCase() ?? "")) {
    return (await store.removeDigestLink(args.channel, { actor: actorRef(access.actor) })) ? { kind: "unlinked" } : { kind: "not_linked" };
  }
  const partnerships = await partnershipsOf(store, access);
  let weekday: number = DEFAULT_DIGEST_SCHEDULE.weekday;
  let time: string = DEFAULT_DIGEST_SCHEDULE.time;
  let locale: Locale = args.locale;
  let slug: string | undefined;
  const nameWords: string[] = [];
  for (const word of rest) {
    const lower = word.toLowerCase();
    const clock = TIME.exec(lower);
    if (WEEKDAYS[lower]) weekday = WEEKDAYS[lower]!;
    else if (clock) time = `${clock[1]!.padStart(2, "0")}:${clock[2]}`;
    else if (lower === "da" || lower === "en") locale = lower;
    else if (!slug && partnerships.some((p) => p.slug === lower)) slug = lower;
    else nameWords.push(word);
  }
  const chosen = slug ? partnerships.filter((p) => p.slug === slug) : partnerships;
  if (chosen.length !== 1) return { kind: "choose_partnership", partnerships };
  const partnership = chosen[0]!;
  let organisation: OrganisationRecord | null = null;
  if (nameWords.length > 0) {
    const name = nameWords.join(" ");
    const organisations = await store.listOrganisations([partnership.id]);
    const wanted = name.toLowerCase();
    organisation =
      organisations.find((o) => o.name.toLowerCase() === wanted) ??
      (organisations.filter((o) => o.name.toLowerCase().includes(wanted)).length === 1
        ? organisations.find((o) => o.name.toLowerCase().includes(wanted))!
        : null);
    if (!organisation) return { kind: "unknown_organisation", name, organisations };
  }
  const link = await store.saveDigestLink(
    { ...args.channel, partnershipId: partnership.id, organisationId: organisation?.id ?? null, weekday, time, locale },
    { actor: actorRef(access.actor) },
  );
  return { kind: "linked", link, partnership, organisation };
}
