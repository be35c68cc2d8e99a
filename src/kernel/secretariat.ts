// Who hears what the secretariat must know (an overdue request, a channel the bot can no longer
// post to, organisations that have not filed): the partnership's secretariat admins, and the
// deployment's BOT_ADMINS reached in the workspaces of the partnership's channels. Each person
// once, in their own language (BOT_ADMINS in the channel's).
import type { Locale, Platform } from "./actor.js";
import type { Logger } from "./logger.js";
import type { MessageView } from "./message.js";
import type { Messenger, UserAddress } from "./messenger.js";
import type { ContactRecord, Role } from "./records.js";
import type { I18n, Translate } from "./translate.js";

export type SecretariatStore = { listContactsWithRole(partnershipId: string, role: Role): Promise<ContactRecord[]> };

/** A channel of the partnership: where BOT_ADMINS are reached, and in which language. */
export type SecretariatChannel = { platform: Platform; workspaceId: string; locale: string | null };

export type SecretariatRecipient = { address: UserAddress; locale: Locale };

export async function secretariatRecipients(
  deps: { store: SecretariatStore; admins: ReadonlySet<string>; i18n: Pick<I18n, "localeOf"> },
  partnershipId: string,
  channels: readonly SecretariatChannel[],
): Promise<SecretariatRecipient[]> {
  const people = new Map<string, SecretariatRecipient>();
  const add = (address: UserAddress, locale: string | null) => {
    const key = `${address.platform}:${address.workspaceId}:${address.userId}`;
    if (!people.has(key)) people.set(key, { address, locale: deps.i18n.localeOf(locale) });
  };
  for (const c of await deps.store.listContactsWithRole(partnershipId, "secretariat_admin")) {
    add({ platform: c.platform, workspaceId: c.workspaceId, userId: c.userId }, c.locale);
  }
  for (const channel of channels) {
    for (const userId of deps.admins) add({ platform: channel.platform, workspaceId: channel.workspaceId, userId }, channel.locale);
  }
  return [...people.values()];
}

/** Sends each recipient the view in their language; one failed direct message does not stop the others. */
export async function tellSecretariat(
  deps: { messenger: Messenger; i18n: Pick<I18n, "t">; logger: Logger },
  recipients: readonly SecretariatRecipient[],
  view: (t: Translate, locale: Locale) => MessageView,
  context: Record<string, unknown>,
): Promise<void> {
  for (const { address, locale } of recipients) {
    await deps.messenger
      .sendDirect(address, view(deps.i18n.t(locale), locale))
      .catch((error: unknown) => deps.logger.warn({ err: error, ...context, platform: address.platform }, "notice to the secretariat not sent"));
  }
}
