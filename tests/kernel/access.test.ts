import { describe, expect, it } from "vitest";
import { type Access, canActFor, canManageContacts, isAdmin } from "../../src/kernel/access.js";
import type { Actor } from "../../src/kernel/actor.js";
import { actorRef, localeFrom } from "../../src/kernel/actor.js";
import type { OrganisationRecord, Role } from "../../src/kernel/records.js";

const actor: Actor = { platform: "slack", workspaceId: "T1", userId: "U1", locale: "da" };
const di: OrganisationRecord = { id: "di", partnershipId: "aalborg", name: "Dansk Industri Aalborg", kind: "employers_association" };
const lo: OrganisationRecord = { id: "lo", partnershipId: "aalborg", name: "LO-Aalborg", kind: "union" };
const ama: OrganisationRecord = { id: "ama", partnershipId: "fredericia", name: "AMA-styregruppen", kind: "other" };

function known(role: Role, organisation: OrganisationRecord | undefined, partnershipIds: string[], deploymentAdmin = false): Access {
  return { kind: "known", actor, role, deploymentAdmin, contact: undefined, organisation, partnershipIds };
}

describe("who may do what", () => {
  it("lets a partner contact act for their own organisation only", () => {
    const access = known("partner_contact", di, ["aalborg"]);
    expect(canActFor(access, di)).toBe(true);
    expect(canActFor(access, lo)).toBe(false);
    expect(canActFor(access, ama)).toBe(false);
    expect(canManageContacts(access)).toBe(false);
  });

  it("lets jobcenter staff act for every organisation of their partnership, not others", () => {
    const access = known("jobcenter_staff", undefined, ["aalborg"]);
    expect(canActFor(access, di)).toBe(true);
    expect(canActFor(access, lo)).toBe(true);
    expect(canActFor(access, ama)).toBe(false);
    expect(isAdmin(access)).toBe(false);
  });

  it("lets a secretariat admin manage contacts in their partnerships", () => {
    const access = known("secretariat_admin", undefined, ["aalborg"]);
    expect(canManageContacts(access, di)).toBe(true);
    expect(canManageContacts(access, ama)).toBe(false);
  });

  it("gives an unknown user nothing", () => {
    const access: Access = { kind: "unknown", actor };
    expect(canActFor(access, di)).toBe(false);
    expect(canManageContacts(access)).toBe(false);
  });
});

describe("actors", () => {
  it("keys identities by platform, workspace and user", () => {
    expect(actorRef(actor)).toBe("slack:T1:U1");
  });

  it.each([
    ["en-US", "en"],
    ["en-GB", "en"],
    ["da-DK", "da"],
    ["de-DE", "da"],
    [undefined, "da"],
  ] as const)("reads locale %s as %s", (platformLocale, expected) => {
    expect(localeFrom(platformLocale, "da")).toBe(expected);
  });

  it("falls back to the configured default locale", () => {
    expect(localeFrom("fr-FR", "en")).toBe("en");
  });
});
