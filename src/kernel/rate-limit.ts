// Posting within the platforms' limits: a minimum spacing per conversation (Slack
// chat.postMessage about 1 per second per channel; Teams 7 per second per conversation) and per
// app (Teams about 30 per second), retries that honour Retry-After on HTTP 429 and back off on
// 5xx and network errors, and errors that will not get better (bot removed, channel archived)
// told apart so they are recorded instead of retried for ever.
import type { Platform } from "./actor.js";

export const POST_LIMITS: Record<Platform, { perConversationMs: number; perAppMs: number }> = {
  slack: { perConversationMs: 1000, perAppMs: 0 },
  teams: { perConversationMs: Math.ceil(1000 / 7), perAppMs: Math.ceil(1000 / 30) },
};

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Hands out send times so that no conversation and no app goes faster than its limit. */
export class PostingLimiter {
  private readonly nextByConversation = new Map<string, number>();
  private readonly nextByApp = new Map<string, number>();

  constructor(
    private readonly limits = POST_LIMITS,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = sleepReal,
  ) {}

  async wait(platform: Platform, conversation: string): Promise<void> {
    const { perConversationMs, perAppMs } = this.limits[platform];
    const key = `${platform}:${conversation}`;
    const now = this.clock();
    const at = Math.max(now, this.nextByConversation.get(key) ?? 0, this.nextByApp.get(platform) ?? 0);
    this.nextByConversation.set(key, at + perConversationMs);
    if (perAppMs > 0) this.nextByApp.set(platform, at + perAppMs);
    if (at > now) await this.sleep(at - now);
  }

  /** After a 429: nothing more to this conversation before the platform allows it. */
  holdOff(platform: Platform, conversation: string, ms: number): void {
    const key = `${platform}:${conversation}`;
    this.nextByConversation.set(key, Math.max(this.nextByConversation.get(key) ?? 0, this.clock() + ms));
  }
}

export type PostFailure =
  | { kind: "rate_limited"; retryAfterMs: number; code: string }
  | { kind: "transient"; code: string }
  | { kind: "permanent"; code: string };

/** Slack error codes that mean the channel cannot be posted to until a person does something. */
const SLACK_PERMANENT = new Set([
  "channel_not_found",
  "is_archived",
  "not_in_channel",
  "account_inactive",
  "invalid_auth",
  "token_revoked",
  "missing_scope",
  "restricted_action",
  "team_access_not_granted",
  "no_conversation_reference",
]);

function field(error: unknown, ...path: string[]): unknown {
  let value: unknown = error;
  for (const key of path) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function retryAfterOf(error: unknown): number | undefined {
  const candidates = [
    field(error, "retryAfter"),
    field(error, "headers", "retry-after"),
    field(error, "response", "headers", "retry-after"),
    field(error, "data", "retryAfter"),
  ];
  for (const c of candidates) {
    const header = typeof c === "function" ? undefined : c;
    const seconds = typeof header === "number" ? header : typeof header === "string" ? Number(header) : NaN;
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  }
  const get = field(error, "response", "headers", "get");
  if (typeof get === "function") {
    const value = Number((get as (name: string) => unknown).call(field(error, "response", "headers"), "retry-after"));
    if (Number.isFinite(value)) return value * 1000;
  }
  return undefined;
}

/** What a failed post means, from a Slack Web API error, a Teams/HTTP error or a network error. */
function classifyPostError(error: unknown): PostFailure {
  const slackCode = field(error, "data", "error");
  if (typeof slackCode === "string") {
    if (slackCode === "ratelimited") return { kind: "rate_limited", retryAfterMs: retryAfterOf(error) ?? 1000, code: slackCode };
    if (SLACK_PERMANENT.has(slackCode)) return { kind: "permanent", code: slackCode };
    if (/^(internal_error|fatal_error|service_unavailable|request_timeout)$/.test(slackCode)) return { kind: "transient", code: slackCode };
    return { kind: "permanent", code: slackCode };
  }
  if (field(error, "code") === "slack_webapi_rate_limited_error") {
    return { kind: "rate_limited", retryAfterMs: retryAfterOf(error) ?? 1000, code: "ratelimited" };
  }
  const status = Number(field(error, "statusCode") ?? field(error, "status") ?? field(error, "response", "status") ?? NaN);
  if (status === 429) return { kind: "rate_limited", retryAfterMs: retryAfterOf(error) ?? 1000, code: "http_429" };
  if (status >= 500) return { kind: "transient", code: `http_${status}` };
  if (status === 401 || status === 403 || status === 404 || status === 410) return { kind: "permanent", code: `http_${status}` };
  const message = error instanceof Error ? error.message : String(error);
  if (/no conversation reference/i.test(message)) return { kind: "permanent", code: "no_conversation_reference" };
  return { kind: "transient", code: typeof field(error, "code") === "string" ? String(field(error, "code")) : "network" };
}

export type RetryOptions = { attempts: number; baseDelayMs: number; maxDelayMs: number; sleep?: (ms: number) => Promise<void> };
export const DEFAULT_RETRY: RetryOptions = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

export class PermanentPostError extends Error {
  constructor(
    readonly code: string,
    readonly attempts: number,
  ) {
    super(`post failed for good: ${code}`);
  }
}

class GaveUpPostError extends Error {
  constructor(
    readonly code: string,
    readonly attempts: number,
  ) {
    super(`post failed after ${attempts} attempts: ${code}`);
  }
}

/** Runs a post, retrying 429 (after Retry-After) and transient errors (exponential backoff). */
export async function postWithRetry<T>(
  post: () => Promise<T>,
  opts: RetryOptions & { limiter?: PostingLimiter; platform: Platform; conversation: string },
): Promise<{ result: T; attempts: number }> {
  const sleep = opts.sleep ?? sleepReal;
  for (let attempt = 1; ; attempt++) {
    await opts.limiter?.wait(opts.platform, opts.conversation);
    try {
      return { result: await post(), attempts: attempt };
    } catch (error) {
      const failure = classifyPostError(error);
      if (failure.kind === "permanent") throw new PermanentPostError(failure.code, attempt);
      if (attempt >= opts.attempts) throw new GaveUpPostError(failure.code, attempt);
      const delay =
        failure.kind === "rate_limited"
          ? failure.retryAfterMs
          : Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      if (failure.kind === "rate_limited") opts.limiter?.holdOff(opts.platform, opts.conversation, delay);
      await sleep(delay);
    }
  }
}
