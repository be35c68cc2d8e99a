// Slack user → Actor. The user's language comes from their Slack locale (users.info with
// include_locale), cached briefly; when Slack cannot say in time, the deployment's default.
import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import { type Actor, type Locale, localeFrom } from "../kernel/actor.js";
import { slackErrorCode, ZUsersInfo } from "./payloads.js";

type Profile = { locale: Locale; displayName: string | undefined };
type Entry = { profile: Profile; expires: number };

export type SlackActorsOptions = {
  defaultLocale: Locale;
  logger: Logger;
  /** How long a looked-up locale is trusted. */
  ttlMs?: number;
  /** How long a failed look-up is not repeated. */
  failureTtlMs?: number;
  /** How long a request waits for users.info before going on with the default locale. */
  timeoutMs?: number;
  maxEntries?: number;
  now?: () => number;
};

export class SlackActors {
  private readonly cache = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Profile>>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly timeoutMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly opts: SlackActorsOptions) {
    this.ttlMs = opts.ttlMs ?? 10 * 60_000;
    this.failureTtlMs = opts.failureTtlMs ?? 60_000;
    this.timeoutMs = opts.timeoutMs ?? 1500;
    this.maxEntries = opts.maxEntries ?? 5000;
    this.now = opts.now ?? Date.now;
  }

  async actor(client: webApi.WebClient, workspaceId: string, userId: string): Promise<Actor> {
    const profile = await this.profile(client, workspaceId, userId);
    return {
      platform: "slack",
      workspaceId,
      userId,
      locale: profile.locale,
      ...(profile.displayName ? { displayName: profile.displayName } : {}),
    };
  }

  private async profile(client: webApi.WebClient, workspaceId: string, userId: string): Promise<Profile> {
    const key = `${workspaceId}:${userId}`;
    const cached = this.cache.get(key);
    if (cached && cached.expires > this.now()) return cached.profile;

    let lookup = this.pending.get(key);
    if (!lookup) {
      lookup = this.lookUp(client, key, workspaceId, userId).finally(() => this.pending.delete(key));
      this.pending.set(key, lookup);
    }
    // A slow Slack must not eat the 3 seconds a view submission has; a late answer still fills the cache.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Profile>((resolve) => {
      timer = setTimeout(() => resolve(this.fallback()), this.timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([lookup, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async lookUp(client: webApi.WebClient, key: string, workspaceId: string, userId: string): Promise<Profile> {
    try {
      const response = ZUsersInfo.parse(await client.users.info({ user: userId, include_locale: true }));
      const user = response.user;
      const profile: Profile = {
        locale: localeFrom(user?.locale, this.opts.defaultLocale),
        displayName: nonEmpty(user?.profile?.display_name) ?? nonEmpty(user?.real_name) ?? nonEmpty(user?.profile?.real_name) ?? nonEmpty(user?.name),
      };
      this.remember(key, profile, this.ttlMs);
      return profile;
    } catch (error) {
      this.opts.logger.warn(
        { err: error, slackError: slackErrorCode(error), method: "users.info", workspaceId, userId },
        "could not read the Slack user's locale; using the default language",
      );
      const profile = this.fallback();
      this.remember(key, profile, this.failureTtlMs);
      return profile;
    }
  }

  private fallback(): Profile {
    return { locale: this.opts.defaultLocale, displayName: undefined };
  }

  private remember(key: string, profile: Profile, ttl: number): void {
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.delete(key);
    this.cache.set(key, { profile, expires: this.now() + ttl });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
