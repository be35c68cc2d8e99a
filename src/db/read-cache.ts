// What nearly every request reads — who the chat user is and the language they chose, the
// partnerships' reference data (partnerships, organisations, placement types, targets), the
// events a placement form offers, a partnership's rule overrides and linked channels, the Slack
// installations — is kept in memory per process, so a command opens its form without asking
// the database. Each kept value names the tables it came from; when one of them changes
// (change-feed.ts: a notice from the database as the change commits, and this process's own
// writes as it makes them) what came from it is dropped, and a read that was under way when the
// change came is not kept. While changes are not heard, only reference data is kept, for 30
// seconds; everything else is read from the database every time (a rule set's overrides are law).
import type { ChannelPurpose, ChannelsStore } from "../features/channels/store.js";
import type { EventRecord, EventsStore } from "../features/events/store.js";
import type { PlacementRulesStore } from "../features/placement-rules/store.js";
import type { AccessStore, PartnershipsStore } from "../kernel/store.js";
import type { InstallationRecords } from "../slack/installations.js";
import type { AnnouncedTable, Change, ChangeFeed } from "./change-feed.js";

/** How long a value is kept while changes are heard; a bound, not what keeps it right. */
const HEARD_TTL_MS = 10 * 60_000;
/** How long reference data is kept while changes are not heard (it changes when the database is seeded). */
const DEAF_TTL_MS = 30_000;
/** At most this many values: the oldest goes first. */
const MAX_ENTRIES = 20_000;

type Entry = { at: number; value: Promise<unknown>; tables: readonly AnnouncedTable[] };
/** "keep": reference data, kept for a short while even when changes are not heard; "read": read every time then. */
type WhenDeaf = "keep" | "read";

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped on every change of a table, and all of them when anything may have changed. */
  private readonly versions = new Map<AnnouncedTable, number>();
  private epoch = 0;
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(
    private readonly feed: ChangeFeed | undefined,
    opts: { now?: () => number; maxEntries?: number } = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.maxEntries = opts.maxEntries ?? MAX_ENTRIES;
    feed?.subscribe((change) => this.changed(change));
  }

  /** The value kept under `key`, or `load()`'s; callers at the same moment share one load. */
  get<T>(key: string, tables: readonly AnnouncedTable[], whenDeaf: WhenDeaf, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const listening = this.feed?.listening === true;
    if (!listening && whenDeaf === "read") return load();
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at < (listening ? HEARD_TTL_MS : DEAF_TTL_MS)) return entry.value as Promise<T>;

    const stamp = this.stamp(tables);
    const value = load();
    const kept: Entry = { at: this.now(), value, tables };
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.delete(key);
    this.entries.set(key, kept);
    const forget = () => {
      if (this.entries.get(key) === kept) this.entries.delete(key);
    };
    // A failed read, one that a change overtook, or one not worth keeping is read again next time.
    value.then((v) => {
      if (this.stamp(tables) !== stamp || !keep(v)) forget();
    }, forget);
    return value;
  }

  /** Drops everything kept. */
  clear(): void {
    this.changed("*");
  }

  private stamp(tables: readonly AnnouncedTable[]): string {
    return `${this.epoch}:${tables.map((t) => this.versions.get(t) ?? 0).join(",")}`;
  }

  private changed(change: Change): void {
    if (change === "*") {
      this.epoch += 1;
      this.entries.clear();
      return;
    }
    this.versions.set(change, (this.versions.get(change) ?? 0) + 1);
    for (const [key, entry] of this.entries) if (entry.tables.includes(change)) this.entries.delete(key);
  }
}

const idsKey = (ids: readonly string[]) => [...ids].sort().join(",");
const found = <T>(value: T | undefined) => value !== undefined;

/**
 * The access and partnerships ports with their reads kept in `cache`. `forgetReferenceData()`
 * drops everything kept, for a seed in this process that the database does not announce.
 */
export function cachedReadsOf(
  access: AccessStore,
  partnerships: PartnershipsStore,
  cache: ReadCache,
): { access: AccessStore; partnerships: PartnershipsStore & { forgetReferenceData(): void } } {
  return {
    access: {
      // Who a chat user is: kept even when nobody (the ids come signed from Slack or Teams, and the cache is bounded).
      findContact: (platform, workspaceId, userIds) =>
        cache.get(`contact:${platform}:${workspaceId}:${idsKey(userIds)}`, ["Contact"], "read", () => access.findContact(platform, workspaceId, userIds)),
      findPreferredLocale: (platform, workspaceId, userIds) =>
        cache.get(`locale:${platform}:${workspaceId}:${idsKey(userIds)}`, ["Contact", "ChatUser"], "read", () =>
          access.findPreferredLocale(platform, workspaceId, userIds),
        ),
      // Ids that match nothing (a hostile client can send any) are never kept.
      getOrganisation: (id) => cache.get(`organisation:${id}`, ["Organisation"], "keep", () => access.getOrganisation(id), found),
      listPartnerships: async () => [...(await cache.get("partnerships", ["Partnership"], "keep", () => access.listPartnerships()))],
    },
    partnerships: {
      forgetReferenceData: () => cache.clear(),
      getPartnership: (id) => cache.get(`partnership:${id}`, ["Partnership"], "keep", () => partnerships.getPartnership(id), found),
      listOrganisations: async (ids) => [
        ...(await cache.get(`organisations:${idsKey(ids)}`, ["Organisation"], "keep", () => partnerships.listOrganisations(ids))),
      ],
      listPlacementTypes: async (ids) => [...(await cache.get(`types:${idsKey(ids)}`, ["PlacementType"], "keep", () => partnerships.listPlacementTypes(ids)))],
      listTargets: async (id) => [...(await cache.get(`targets:${id}`, ["Target"], "keep", () => partnerships.listTargets(id)))],
    },
  };
}

const DAY_MS = 86_400_000;
/** What listEvents answers at most (EventsStore), and how many events a kept read may hold before it is not kept. */
const EVENTS_LIST_LIMIT = 200;
const EVENTS_KEPT_LIMIT = 5_000;

/** The events port whose listEvents can be asked for more than the port's 200. */
type EventsSource = Pick<EventsStore, "listEvents"> & {
  listEvents(partnershipIds: readonly string[], range: { from: Date; to: Date }, limit?: number): Promise<EventRecord[]>;
};

/**
 * The events port with `listEvents` answered from one kept read per set of partnerships and pair
 * of days (every event from the first day's start to the second day's end), filtered to the range
 * asked for: the database's answer, without a query, for the rest of the day. Partnerships with
 * very many events go to the database.
 */
export function withCachedEventList<S extends EventsSource>(store: S, cache: ReadCache): S {
  const listEvents = async (partnershipIds: readonly string[], range: { from: Date; to: Date }): Promise<EventRecord[]> => {
    const from = range.from.getTime();
    const to = range.to.getTime();
    const window = { from: new Date(Math.floor(from / DAY_MS) * DAY_MS), to: new Date((Math.floor(to / DAY_MS) + 1) * DAY_MS) };
    if (!(window.from.getTime() < window.to.getTime())) return store.listEvents(partnershipIds, range);
    const all = await cache.get(
      `events:${window.from.getTime()}:${window.to.getTime()}:${idsKey(partnershipIds)}`,
      ["Event"],
      "read",
      () => store.listEvents(partnershipIds, window, EVENTS_KEPT_LIMIT + 1),
      (events) => events.length <= EVENTS_KEPT_LIMIT,
    );
    if (all.length > EVENTS_KEPT_LIMIT) return store.listEvents(partnershipIds, range);
    return all.filter((e) => e.startsAt.getTime() >= from && e.startsAt.getTime() < to).slice(0, EVENTS_LIST_LIMIT);
  };
  return overriding<S>(store, { listEvents } as Partial<S>);
}

/** `store` with `methods` in place of its own; its other methods unchanged, on the store itself. */
function overriding<S extends object>(store: S, methods: Partial<S>): S {
  return Object.assign(Object.create(store) as S, methods);
}

/**
 * The placement rules port with a partnership's overrides of the rule sets (its settings) read
 * from memory until the partnership changes: every registration and its answer ask for them.
 */
export function withCachedRuleOverrides<S extends Pick<PlacementRulesStore, "getPlacementRuleOverrides">>(store: S, cache: ReadCache): S {
  const getPlacementRuleOverrides = (partnershipId: string) =>
    cache.get(`rules:${partnershipId}`, ["Partnership"], "read", () => store.getPlacementRuleOverrides(partnershipId));
  return overriding<S>(store, { getPlacementRuleOverrides } as Partial<S>);
}

/**
 * The channels port with a partnership's linked channels read from memory until a link changes:
 * answering a registration (the approval post) and a support request asks for them.
 */
export function withCachedChannelLinks<S extends Pick<ChannelsStore, "listChannelLinks">>(store: S, cache: ReadCache): S {
  const listChannelLinks = async (partnershipId: string, purpose: ChannelPurpose) => [
    ...(await cache.get(`channels:${purpose}:${partnershipId}`, ["ChannelLink"], "read", () => store.listChannelLinks(partnershipId, purpose))),
  ];
  return overriding<S>(store, { listChannelLinks } as Partial<S>);
}

/**
 * The Slack installations with each workspace's read from memory until an installation changes:
 * with "Add to Slack", Bolt asks for the workspace's installation on every request.
 */
export function withCachedSlackInstallations<S extends Pick<InstallationRecords, "findSlackInstallation" | "findSlackInstallationForTeam">>(
  store: S,
  cache: ReadCache,
): S {
  const findSlackInstallation = (key: string) =>
    cache.get(`slack-installation:${key}`, ["SlackInstallation"], "read", () => store.findSlackInstallation(key), found);
  const findSlackInstallationForTeam = (teamId: string) =>
    cache.get(`slack-team:${teamId}`, ["SlackInstallation", "SlackEnterpriseTeam"], "read", () => store.findSlackInstallationForTeam(teamId), found);
  return overriding<S>(store, { findSlackInstallation, findSlackInstallationForTeam } as Partial<S>);
}
