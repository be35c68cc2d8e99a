import { beforeAll, describe, expect, it } from "vitest";
import { ZRegisterPlacementInput } from "../../../src/features/placements/contract.js";
import { type PlacementInput, registerPlacement } from "../../../src/features/placements/register-placement.js";
import { resolveAccess } from "../../../src/kernel/access.js";
import type { Actor } from "../../../src/kernel/actor.js";
import { createMemoryStores } from "../../support/memory/index.js";

let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let ids: { di: string; lo: string; ama: string; praktikAalborg: string; praktikFredericia: string; ordinaer: string };

const admin: Actor = { platform: "slack", workspaceId: "T1", userId: "UADMIN", locale: "da" };
const partner: Actor = { platform: "teams", workspaceId: "tenant-1", userId: "aad-partner", otherIds: ["29:partner"], locale: "da" };

beforeAll(async () => {
  memory = createMemoryStores();
  store = memory.store;
  const org = async (name: string) => memory.organisation(name);
  const type = async (slug: string, key: string) => memory.placementType(slug, key);
  ids = {
    di: (await org("Dansk Industri Aalborg")).id,
    lo: (await org("LO-Aalborg")).id,
    ama: (await org("AMA-styregruppen")).id,
    praktikAalborg: (await type("aalborg-2016", "virksomhedspraktik")).id,
    praktikFredericia: (await type("fredericia-2013", "virksomhedspraktik")).id,
    ordinaer: (await type("aalborg-2016", "ordinaer")).id,
  };
  memory.addContact({ platform: "teams", workspaceId: "tenant-1", userId: "aad-partner", organisationId: ids.di, role: "partner_contact" });
});

const placementCount = (key?: string) => memory.db.placements.filter((p) => key === undefined || p.idempotencyKey === key).length;

const input = (over: Partial<PlacementInput> = {}): PlacementInput => ({
  organisationId: ids.di,
  companyName: "Aalborg Portland A/S",
  cvr: "24256790",
  employerSector: "private",
  sector: "construction",
  shortageSector: true,
  typeId: ids.praktikAalborg,
  places: 2,
  startDate: "2016-10-03",
  weeks: undefined,
  contactPerson: "Hanne Jensen",
  needs: ["mentor", "mentor", "interpreter"],
  note: undefined,
  pNumber: "1000000001",
  ordinaryEmployees: 100,
  benefitGroup: "integrationsprogram",
  purpose: "skills",
  ...over,
});

describe("registering a placement", () => {
  it("saves it once, with the type's default length, and audits it", async () => {
    const access = await resolveAccess(store, admin, new Set(["UADMIN"]));
    const first = await registerPlacement(store, access, input(), "slack:T1:nonce-1");
    expect(first.kind).toBe("saved");
    if (first.kind !== "saved") return;
    expect(first.duplicate).toBe(false);
    expect(first.placement.weeks).toBe(13);
    // 13 weeks from Monday 3 October 2016 end on Sunday 1 January 2017.
    expect(first.placement.endDate).toBe("2017-01-01");
    expect(first.placement.needs).toEqual(["mentor", "interpreter"]);

    const again = await registerPlacement(store, access, input(), "slack:T1:nonce-1");
    expect(again).toMatchObject({ kind: "saved", duplicate: true, placement: { id: first.placement.id } });
    expect(placementCount("slack:T1:nonce-1")).toBe(1);
    const audit = memory.db.audit.filter((a) => a.entity === "placement" && a.entityId === first.placement.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", actor: "slack:T1:UADMIN" });
  });

  it("creates one row when the same submission arrives twice at once", async () => {
    const access = await resolveAccess(store, admin, new Set(["UADMIN"]));
    const results = await Promise.all([1, 2, 3].map(() => registerPlacement(store, access, input(), "slack:T1:nonce-race")));
    expect(results.every((r) => r.kind === "saved")).toBe(true);
    expect(placementCount("slack:T1:nonce-race")).toBe(1);
    expect(results.filter((r) => r.kind === "saved" && !r.duplicate)).toHaveLength(1);
  });

  it("keeps a partner contact to their own organisation", async () => {
    const access = await resolveAccess(store, partner, new Set());
    expect(access).toMatchObject({ kind: "known", role: "partner_contact" });
    const other = await registerPlacement(store, access, input({ organisationId: ids.lo }), "teams:tenant-1:n-2");
    expect(other).toEqual({ kind: "invalid", problems: { organisationId: { key: "placement:errors.organisation_not_allowed" } } });
    const own = await registerPlacement(store, access, input(), "teams:tenant-1:n-3");
    expect(own.kind).toBe("saved");
  });

  it("recognises a Teams user added by their channel id when they arrive with both ids", async () => {
    memory.addContact({ platform: "teams", workspaceId: "tenant-1", userId: "29:lo-contact", organisationId: ids.lo, role: "partner_contact" });
    const access = await resolveAccess(store, { ...partner, userId: "aad-lo", otherIds: ["29:lo-contact"] }, new Set());
    expect(access).toMatchObject({ kind: "known", organisation: { id: ids.lo } });
  });

  it("refuses a type from another partnership at the type field", async () => {
    const access = await resolveAccess(store, admin, new Set(["UADMIN"]));
    const result = await registerPlacement(store, access, input({ typeId: ids.praktikFredericia }), "slack:T1:n-4");
    expect(result).toEqual({ kind: "invalid", problems: { typeId: { key: "placement:errors.type_not_in_partnership" } } });
  });

  it("refuses CPR numbers in any free text and a wrong CVR, saving nothing", async () => {
    // The form's contract checks what was typed before the use case runs.
    const before = placementCount();
    const typed = { ...input(), places: "2", shortageSector: "yes", cvr: "12345678", note: "Kandidat 010190-1234", contactPerson: "Hanne 0101901234" };
    const parsed = ZRegisterPlacementInput.safeParse(typed);
    const problems: Record<string, { key: string }> = {};
    for (const issue of parsed.error?.issues ?? []) problems[String(issue.path[0])] ??= { key: issue.message };
    const result = parsed.success
      ? await registerPlacement(store, await resolveAccess(store, admin, new Set(["UADMIN"])), parsed.data, "slack:T1:n-5")
      : { kind: "invalid", problems };
    expect(result).toEqual({
      kind: "invalid",
      problems: {
        cvr: { key: "placement:errors.cvr_checksum" },
        note: { key: "form:errors.cpr" },
        contactPerson: { key: "form:errors.cpr" },
      },
    });
    expect(placementCount()).toBe(before);
  });

  it("leaves an ordinary job without an end date", async () => {
    const access = await resolveAccess(store, admin, new Set(["UADMIN"]));
    const result = await registerPlacement(store, access, input({ typeId: ids.ordinaer }), "slack:T1:n-6");
    expect(result).toMatchObject({ kind: "saved", placement: { weeks: null, endDate: null } });
  });

  it("saves nothing for an unknown user", async () => {
    const access = await resolveAccess(store, { ...admin, userId: "USTRANGER" }, new Set(["UADMIN"]));
    expect(access.kind).toBe("unknown");
    expect(await registerPlacement(store, access, input(), "slack:T1:n-7")).toEqual({ kind: "denied" });
    expect(placementCount("slack:T1:n-7")).toBe(0);
  });
});
