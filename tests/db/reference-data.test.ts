// The reference data kept in memory (src/db/reference-data.ts): read once while fresh, shared by
// callers at the same moment, read again after its time or when forgotten; what is not found is
// never kept, so ids that match nothing cannot fill the cache.
import { describe, expect, it } from "vitest";
import { cachedReferenceData } from "../../src/db/reference-data.js";
import type { OrganisationRecord, PartnershipRecord } from "../../src/kernel/records.js";
import type { AccessStore, PartnershipsStore } from "../../src/kernel/store.js";

function sources() {
  const reads: string[] = [];
  const organisation: OrganisationRecord = { id: "o1", partnershipId: "p1", name: "Dansk Industri Aalborg", kind: "employers_association" };
  const access: AccessStore = {
    findContact: async () => {
      reads.push("contact");
      return undefined;
    },
    findPreferredLocale: async () => undefined,
    getOrganisation: async (id) => {
      reads.push(`organisation:${id}`);
      return id === "o1" ? organisation : undefined;
    },
    listPartnerships: async () => {
      reads.push("partnerships");
      return [{ id: "p1" } as PartnershipRecord];
    },
  };
  const partnerships: PartnershipsStore = {
    getPartnership: async (id) => {
      reads.push(`partnership:${id}`);
      return undefined;
    },
    listOrganisations: async (ids) => {
      reads.push(`organisations:${ids.join(",")}`);
      return [organisation];
    },
    listPlacementTypes: async () => {
      reads.push("types");
      return [];
    },
    listTargets: async () => {
      reads.push("targets");
      return [];
    },
  };
  return { reads, access, partnerships };
}

describe("reference data kept in memory", () => {
  it("reads once while fresh, for callers at the same moment too, and again after its time", async () => {
    const { reads, access, partnerships } = sources();
    let now = 0;
    const cached = cachedReferenceData(access, partnerships, { ttlMs: 1000, now: () => now });
    await Promise.all([cached.access.listPartnerships(), cached.access.listPartnerships(), cached.access.getOrganisation("o1")]);
    await cached.partnerships.listOrganisations(["p2", "p1"]);
    await cached.partnerships.listOrganisations(["p1", "p2"]);
    expect(reads).toEqual(["partnerships", "organisation:o1", "organisations:p2,p1"]);
    now = 1001;
    await cached.access.listPartnerships();
    expect(reads.filter((r) => r === "partnerships")).toHaveLength(2);
  });

  it("always reads a contact, never keeps what was not found, and forgets on request", async () => {
    const { reads, access, partnerships } = sources();
    const cached = cachedReferenceData(access, partnerships);
    await cached.access.findContact("slack", "T1", ["U1"]);
    await cached.access.findContact("slack", "T1", ["U1"]);
    for (const id of ["__proto__", "constructor", "missing", "missing"]) expect(await cached.access.getOrganisation(id)).toBeUndefined();
    await cached.partnerships.getPartnership("nope");
    await cached.partnerships.getPartnership("nope");
    expect(reads).toEqual([
      "contact",
      "contact",
      "organisation:__proto__",
      "organisation:constructor",
      "organisation:missing",
      "organisation:missing",
      "partnership:nope",
      "partnership:nope",
    ]);
    await cached.partnerships.listTargets("p1");
    cached.partnerships.forgetReferenceData();
    await cached.partnerships.listTargets("p1");
    expect(reads.filter((r) => r === "targets")).toHaveLength(2);
  });

  it("hands out a list of its own each time: sorting it changes nothing kept", async () => {
    const { access, partnerships } = sources();
    const cached = cachedReferenceData(access, partnerships);
    const first = await cached.partnerships.listOrganisations(["p1"]);
    first.length = 0;
    expect(await cached.partnerships.listOrganisations(["p1"])).toHaveLength(1);
  });
});
