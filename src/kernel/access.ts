import { type Actor, LOCALES, type Locale } from "./actor.js";
import type { ContactRecord, OrganisationRecord, PartnershipRecord, Role } from "./records.js";
import type { AccessStore } from "./store.js";

/** What the bot knows about the person behind a request. */
export type Access =
  | { kind: "unknown"; actor: Actor }
  | {
      kind: "known";
      actor: Actor;
      role: Role;
      /** Named in BOT_ADMINS: secretariat admin of every partnership, with or without a contact row. */
      deploymentAdmin: boolean;
      contact: ContactRecord | undefined;
      organisation: OrganisationRecord | undefined;
      /** The partnerships this person works in; deployment admins: all of them. */
      partnershipIds: readonly string[];
    };

export type KnownAccess = Extract<Access, { kind: "known" }>;

/**
 * Looks the actor up: BOT_ADMINS first, then the contacts admins have added. A language the
 * person chose with `sprog` wins over the one their platform says.
 */
export async function resolveAccess(store: AccessStore, who: Actor, admins: ReadonlySet<string>): Promise<Access> {
  const ids = [who.userId, ...(who.otherIds ?? [])];
  const contact = await store.findContact(who.platform, who.workspaceId, ids);
  const stored = contact?.locale ?? (await store.findPreferredLocale(who.platform, who.workspaceId, ids));
  const actor = isLocale(stored) ? { ...who, locale: stored, platformLocale: who.locale } : who;
  const organisation = contact ? await store.getOrganisation(contact.organisationId) : undefined;

  if (ids.some((id) => admins.has(id))) {
    const partnerships = await store.listPartnerships();
    return {
      kind: "known",
      actor,
      role: "secretariat_admin",
      deploymentAdmin: true,
      contact,
      organisation,
      partnershipIds: partnerships.map((p) => p.id),
    };
  }
  if (!contact || !organisation) return { kind: "unknown", actor };
  return {
    kind: "known",
    actor,
    role: contact.role,
    deploymentAdmin: false,
    contact,
    organisation,
    partnershipIds: [organisation.partnershipId],
  };
}

export function isAdmin(access: Access): boolean {
  return access.kind === "known" && access.role === "secretariat_admin";
}

/** Admins and jobcenter staff work across all organisations of their partnerships. */
export function seesAllOrganisations(access: KnownAccess): boolean {
  return access.role === "secretariat_admin" || access.role === "jobcenter_staff";
}

/** Whether this person may register or see placements for the organisation. */
export function canActFor(access: Access, organisation: OrganisationRecord): boolean {
  if (access.kind !== "known") return false;
  if (!access.partnershipIds.includes(organisation.partnershipId)) return false;
  if (seesAllOrganisations(access)) return true;
  return access.organisation?.id === organisation.id;
}

/** Only secretariat admins add contacts, and only to organisations of their partnerships. */
export function canManageContacts(access: Access, organisation?: OrganisationRecord): boolean {
  if (access.kind !== "known" || access.role !== "secretariat_admin") return false;
  return organisation === undefined || access.partnershipIds.includes(organisation.partnershipId);
}

function isLocale(value: string | null | undefined): value is Locale {
  return (LOCALES as readonly (string | null | undefined)[]).includes(value);
}

/** The partnerships a person works in, in the store's order. */
export async function partnershipsOf(store: Pick<AccessStore, "listPartnerships">, access: KnownAccess): Promise<PartnershipRecord[]> {
  return (await store.listPartnerships()).filter((p) => access.partnershipIds.includes(p.id));
}
