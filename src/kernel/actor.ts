export const PLATFORMS = ["slack", "teams"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const LOCALES = ["da", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Whoever is talking to the bot, keyed by platform and workspace (Slack team / Teams tenant). */
export type Actor = {
  platform: Platform;
  workspaceId: string;
  /** Slack user id (U…), or the Teams user's AAD object id when known, else the channel id. */
  userId: string;
  /** Other ids the platform knows the same person by (Teams: the 29:… channel id). */
  otherIds?: readonly string[];
  displayName?: string;
  locale: Locale;
  /** What the platform said, when the person chose another language with `sprog`. */
  platformLocale?: Locale;
};

/** Stable text form of an actor, stored as `createdBy` and in the audit log. */
export function actorRef(actor: Pick<Actor, "platform" | "workspaceId" | "userId">): string {
  return `${actor.platform}:${actor.workspaceId}:${actor.userId}`;
}

/**
 * The user's language from the platform's locale ("en-GB", "da-DK", "en"): English for
 * English locales, Danish for Danish ones, the deployment's default for anything else.
 */
export function localeFrom(platformLocale: string | undefined | null, fallback: Locale): Locale {
  const language = platformLocale?.toLowerCase().split(/[-_]/)[0];
  if (language === "en") return "en";
  if (language === "da") return "da";
  return fallback;
}
