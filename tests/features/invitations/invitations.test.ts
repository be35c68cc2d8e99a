// Invitations on in-memory stores: an admin makes a code for an organisation of their
// partnerships; a person anywhere uses it and becomes a contact; wrong, expired and used-up codes
// say so without giving anything away; wrong guesses are limited per person; codes are stored
// only as a salted hash.
import { beforeEach, describe, expect, it } from "vitest";
import { composeStores } from "../../../src/bot/stores.js";
import { createInvitation } from "../../../src/features/invitations/create-invitation.js";
import { makeInvitationCode, readInvitationCode } from "../../../src/features/invitations/invitation-code.js";
import { MAX_WRONG_CODES, redeemInvitation } from "../../../src/features/invitations/redeem-invitation.js";
import { resolveAccess } from "../../../src/kernel/access.js";
import type { Actor } from "../../../src/kernel/actor.js";
import { createMemoryStores } from "../../support/memory/index.js";
import { MemoryInvitationsStore } from "../../support/memory/invitation-stores.js";

const NOW = new Date("2016-10-03T09:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const admin: Actor = { platform: "slack", workspaceId: "TKOMMUNE", userId: "UADMIN", locale: "da" };
const newcomer: Actor = { platform: "teams", workspaceId: "tenant-3f", userId: "aad-newcomer", displayName: "Nina Ny", locale: "da" };

let memory: ReturnType<typeof createMemoryStores>;
let invitations: MemoryInvitationsStore;
let store: ReturnType<typeof createMemoryStores>["store"] & MemoryInvitationsStore;
let di: string;

beforeEach(() => {
  memory = createMemoryStores();
  invitations = new MemoryInvitationsStore(memory.db);
  store = composeStores(memory.store, invitations) as typeof store;
  di = memory.organisation("Dansk Industri Aalborg").id;
});

const access = (actor: Actor) => resolveAccess(store, actor, new Set(["UADMIN"]));

async function invite(maxUses = 1, role: "partner_contact" | "jobcenter_staff" = "partner_contact") {
  const result = await createInvitation(store, await access(admin), { organisationId: di, role, maxUses }, NOW);
  if (result.kind !== "created") throw new Error(result.kind);
  return result;
}

describe("making an invitation", () => {
  it("gives a code of twelve unambiguous characters, valid 14 days, stored only as a salted hash", async () => {
    const { code, invitation } = await invite(3);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(invitation).toMatchObject({ organisationId: di, role: "partner_contact", maxUses: 3, uses: 0, createdBy: "slack:TKOMMUNE:UADMIN" });
    expect(invitation.expiresAt).toEqual(days(14));
    const stored = JSON.stringify(invitations.invitations);
    expect(stored).not.toContain(code.replace(/-/g, "").slice(4));
    expect(invitation.secretHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("two codes never share a salt or a hash", () => {
    const a = makeInvitationCode();
    const b = makeInvitationCode();
    expect(a.salt).not.toBe(b.salt);
    expect(a.secretHash).not.toBe(b.secretHash);
  });

  it("is for secretariat admins, and only for their partnerships' organisations", async () => {
    memory.addContact({ platform: "slack", workspaceId: "TKOMMUNE", userId: "UPARTNER", organisationId: di, role: "partner_contact" });
    const partner: Actor = { ...admin, userId: "UPARTNER" };
    expect((await createInvitation(store, await access(partner), { organisationId: di, role: "partner_contact", maxUses: 1 }, NOW)).kind).toBe("denied");
    const fredericia = memory.db.organisations.find((o) => o.partnershipId === memory.partnership("fredericia-2013").id)!;
    memory.addContact({
      platform: "slack",
      workspaceId: "TKOMMUNE",
      userId: "USEK",
      organisationId: memory.organisation("Jobcenter Aalborg").id,
      role: "secretariat_admin",
    });
    const secretariat: Actor = { ...admin, userId: "USEK" };
    const result = await createInvitation(store, await access(secretariat), { organisationId: fredericia.id, role: "partner_contact", maxUses: 1 }, NOW);
    expect(result).toEqual({ kind: "invalid", problems: { organisationId: { key: "admin:errors.organisation_not_allowed" } } });
  });
});

describe("using an invitation", () => {
  it("makes a person the bot did not know a contact of the organisation, in the invitation's role", async () => {
    const { code } = await invite(1, "jobcenter_staff");
    const who = await access(newcomer);
    expect(who.kind).toBe("unknown");
    const result = await redeemInvitation(store, who, code.toLowerCase().replace(/-/g, " "), days(1));
    expect(result).toMatchObject({
      kind: "enrolled",
      organisation: { id: di },
      contact: { platform: "teams", workspaceId: "tenant-3f", userId: "aad-newcomer", role: "jobcenter_staff" },
    });
    expect((await access(newcomer)).kind).toBe("known");
    expect(memory.db.audit.filter((a) => a.entity === "invitation").map((a) => a.action)).toEqual(["create", "redeem"]);
  });

  it("a used-up code and an expired code say so", async () => {
    const { code } = await invite(1);
    await redeemInvitation(store, await access(newcomer), code, days(1));
    const second: Actor = { ...newcomer, userId: "aad-second" };
    expect(await redeemInvitation(store, await access(second), code, days(1))).toEqual({ kind: "used_up" });
    const { code: late } = await invite(1);
    expect(await redeemInvitation(store, await access(second), late, days(14))).toEqual({ kind: "expired" });
    expect(await redeemInvitation(store, await access(second), late, new Date(days(14).getTime() - 1000))).toMatchObject({ kind: "enrolled" });
  });

  it("a wrong code, a right lookup with a wrong secret and garbage all get the same answer", async () => {
    const { code } = await invite(1);
    const lookup = code.slice(0, 4);
    const who = await access(newcomer);
    const answers = [
      await redeemInvitation(store, who, `${lookup}-2222-2222`, days(1)),
      await redeemInvitation(store, who, "ZZZZ-ZZZZ-ZZZZ", days(1)),
      await redeemInvitation(store, who, "'; DROP TABLE", days(1)),
    ];
    expect(answers).toEqual([{ kind: "wrong" }, { kind: "wrong" }, { kind: "wrong" }]);
    expect(readInvitationCode("O0I1-LLLL-2222")).toBeUndefined();
  });

  it(`after ${MAX_WRONG_CODES} wrong codes in 15 minutes the person waits, even with the right code; others do not`, async () => {
    const { code } = await invite(2);
    const who = await access(newcomer);
    for (let i = 0; i < MAX_WRONG_CODES; i++) expect((await redeemInvitation(store, who, "ABCD-EFGH-JKMN", days(1))).kind).toBe("wrong");
    expect(await redeemInvitation(store, who, code, days(1))).toEqual({ kind: "wait", minutes: 15 });
    const other: Actor = { ...newcomer, userId: "aad-other" };
    expect((await redeemInvitation(store, await access(other), code, days(1))).kind).toBe("enrolled");
    // A quarter of an hour later the person may try again.
    expect((await redeemInvitation(store, who, code, new Date(days(1).getTime() + 16 * 60_000))).kind).toBe("enrolled");
  });

  it("does not move someone who is already a contact", async () => {
    const { code } = await invite(1);
    memory.addContact({
      platform: "teams",
      workspaceId: "tenant-3f",
      userId: "aad-newcomer",
      organisationId: memory.organisation("LO-Aalborg").id,
      role: "partner_contact",
    });
    expect(await redeemInvitation(store, await access(newcomer), code, days(1))).toMatchObject({ kind: "already", organisation: { name: "LO-Aalborg" } });
    expect(invitations.invitations[0]!.uses).toBe(0);
  });
});
