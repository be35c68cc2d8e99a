// The partnerships' reference data — partnerships, organisations, placement types and targets — is
// read by nearly every interaction (who may act for whom, what a form offers) and written only
// when the database is seeded or migrated. Each process keeps what it read for `ttlMs`, so a
// command or a form opens without those queries; a seed run by another process is seen within
// that time, and `forgetReferenceData()` drops everything at once. Only what was found is kept,
// so ids that match nothing (a hostile client can send any) never fill the cache.
import type { AccessStore, PartnershipsStore } from "../kernel/store.js";

/** How long reference data read from the database is used before it is read again. */
const REFERENCE_DATA_TTL_MS = 30_000;

class ReferenceDataCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** The value kept under `key`, or `load()`'s; callers at the same moment share one load. */
  get<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at < this.ttlMs) return entry.value as Promise<T>;
    const value = load();
    const kept = { at: this.now(), value };
    this.entries.set(key, kept);
    // A failed read, or nothing found, is not kept: the next call reads again.
    value.then(
      (v) => {
        if (!keep(v) && this.entries.get(key) === kept) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === kept) this.entries.delete(key);
      },
    );
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

const idsKey = (ids: readonly string[]) => [...ids].sort().join(",");

/**
 * The access and partnerships ports with their reference-data reads kept in memory while fresh
 * (a contact and a chosen language are always read from the database: they change). `forgetReferenceData()` drops
 * what is kept, for a seed in this process.
 */
export function cachedReferenceData(
  access: AccessStore,
  partnerships: PartnershipsStore,
  opts: { ttlMs?: number; now?: () => number } = {},
): { access: AccessStore; partnerships: PartnershipsStore & { forgetReferenceData(): void } } {
  const cache = new ReferenceDataCache(opts.ttlMs ?? REFERENCE_DATA_TTL_MS, opts.now ?? Date.now);
  const found = <T>(value: T | undefined) => value !== undefined;
  return {
    access: {
      findContact: (platform, workspaceId, userIds) => access.findContact(platform, workspaceId, userIds),
      findPreferredLocale: (platform, workspaceId, userIds) => access.findPreferredLocale(platform, workspaceId, userIds),
      getOrganisation: (id) => cache.get(`organisation:${id}`, () => access.getOrganisation(id), found),
      listPartnerships: async () => [...(await cache.get("partnerships", () => access.listPartnerships()))],
    },
    partnerships: {
      forgetReferenceData: () => cache.clear(),
      getPartnership: (id) => cache.get(`partnership:${id}`, () => partnerships.getPartnership(id), found),
      listOrganisations: async (ids) => [...(await cache.get(`organisations:${idsKey(ids)}`, () => partnerships.listOrganisations(ids)))],
      listPlacementTypes: async (ids) => [...(await cache.get(`types:${idsKey(ids)}`, () => partnerships.listPlacementTypes(ids)))],
      listTargets: async (id) => [...(await cache.get(`targets:${id}`, () => partnerships.listTargets(id)))],
    },
  };
}
