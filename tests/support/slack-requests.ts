// Requests as Slack sends them to POST /slack/events: slash commands form-encoded, and
// interactivity as a form-encoded `payload` of JSON, signed with v0 HMAC-SHA256 of
// `v0:${timestamp}:${body}` under the app's signing secret.
import { createHmac } from "node:crypto";

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

export type SignOptions = {
  /** Unix seconds; defaults to now. A value over five minutes old is what a replay looks like. */
  timestamp?: number;
  /** Replace the computed signature (a forgery). */
  signature?: string;
  /** Slack's retry headers (x-slack-retry-num / x-slack-retry-reason). */
  retryNum?: number;
  /** The body's content type; form-encoded unless given (events are JSON). */
  contentType?: string;
};

function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

function signedHeaders(secret: string, body: string, opts: SignOptions = {}): Record<string, string> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? FORM_CONTENT_TYPE,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": opts.signature ?? signature(secret, timestamp, body),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
  if (opts.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(opts.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  return headers;
}

export type SlashCommandFields = {
  userId: string;
  text: string;
  teamId?: string;
  /** An organisation's workspace: the command names its enterprise. */
  enterpriseId?: string;
  channelId?: string;
  command?: string;
  triggerId?: string;
  /** Where the bot may answer (Slack always sends one); see FakeSlackApi.responseUrl(). */
  responseUrl?: string;
};

let triggerCounter = 0;
function newTriggerId(): string {
  triggerCounter += 1;
  return `${1000 + triggerCounter}.1111.${"a".repeat(8)}${triggerCounter}`;
}

function slashCommandBody(f: SlashCommandFields): string {
  const teamId = f.teamId ?? "T0001";
  const channelId = f.channelId ?? "C0001";
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: teamId,
    team_domain: "praktik-test",
    channel_id: channelId,
    channel_name: channelId.startsWith("D") ? "directmessage" : "praktik",
    user_id: f.userId,
    user_name: f.userId.toLowerCase(),
    command: f.command ?? "/praktik",
    text: f.text,
    api_app_id: "A0001",
    is_enterprise_install: "false",
    ...(f.enterpriseId ? { enterprise_id: f.enterpriseId, enterprise_name: "Org" } : {}),
    ...(f.responseUrl ? { response_url: f.responseUrl } : {}),
    trigger_id: f.triggerId ?? newTriggerId(),
  }).toString();
}

function interactivityBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

type Json = Record<string, unknown>;
export type StateValues = Record<string, Record<string, Json>>;

/**
 * What Slack's client puts in view.state.values when a person fills in `view` (a modal as the
 * adapter opened it): each input keeps its initial value unless `values` says otherwise
 * (null or "" clears it). A select value must be one the modal offers.
 */
export function stateValuesFor(view: Json, values: Record<string, string | string[] | null | undefined> = {}): StateValues {
  const state: StateValues = {};
  const blocks = (view.blocks ?? []) as Json[];
  for (const block of blocks) {
    if (block.type !== "input") continue;
    const blockId = String(block.block_id);
    const element = block.element as Json;
    const actionId = String(element.action_id);
    const given = blockId in values ? values[blockId] : undefined;
    const explicit = blockId in values;
    const options = [
      ...((element.options as Json[] | undefined) ?? []),
      ...((element.option_groups as Json[] | undefined) ?? []).flatMap((g) => (g.options as Json[]) ?? []),
    ];
    const pick = (value: string) => {
      const option = options.find((o) => o.value === value);
      if (!option) throw new Error(`${blockId} offers no option ${value}`);
      return option;
    };
    const type = String(element.type);
    let entry: Json;
    switch (type) {
      case "static_select":
      case "radio_buttons": {
        const value = explicit ? (Array.isArray(given) ? given[0] : given) : undefined;
        entry = { type, selected_option: explicit ? (value ? pick(value) : null) : (element.initial_option ?? null) };
        break;
      }
      case "checkboxes":
      case "multi_static_select": {
        const list = explicit ? (Array.isArray(given) ? given : given ? [given] : []) : undefined;
        entry = { type, selected_options: list ? list.map(pick) : ((element.initial_options as Json[] | undefined) ?? []) };
        break;
      }
      case "datepicker":
        entry = { type, selected_date: explicit ? given || null : (element.initial_date ?? null) };
        break;
      case "users_select":
        entry = { type, selected_user: explicit ? given || null : (element.initial_user ?? null) };
        break;
      default:
        entry = { type, value: explicit ? given || null : (element.initial_value ?? null) };
    }
    state[blockId] = { [actionId]: entry };
  }
  return state;
}

export function viewSubmissionPayload(args: {
  userId: string;
  viewId: string;
  view: Json;
  values?: Record<string, string | string[] | null | undefined>;
  teamId?: string;
  /**
   * Slack Connect: the submitter's own workspace, when it is not the one that installed the app
   * (`teamId`). Slack then puts the submitter's workspace in `team` and the installing one in
   * `view.app_installed_team_id`.
   */
  userTeamId?: string;
}): Json {
  const teamId = args.teamId ?? "T0001";
  const userTeamId = args.userTeamId ?? teamId;
  return {
    type: "view_submission",
    team: { id: userTeamId, domain: "praktik-test" },
    user: { id: args.userId, username: args.userId.toLowerCase(), name: args.userId.toLowerCase(), team_id: userTeamId },
    api_app_id: "A0001",
    token: "legacy-verification-token",
    trigger_id: newTriggerId(),
    view: {
      ...args.view,
      id: args.viewId,
      team_id: teamId,
      state: { values: stateValuesFor(args.view, args.values) },
      hash: `hash-${args.viewId}`,
      previous_view_id: null,
      root_view_id: args.viewId,
      app_id: "A0001",
      external_id: "",
      app_installed_team_id: teamId,
      bot_id: "BBOT",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function blockActionsPayload(args: {
  userId: string;
  actionId: string;
  teamId?: string;
  channelId?: string;
  /** The click came from a modal with this id and title. */
  view?: { id: string; title: string };
  /** A click in a message carries the message's response URL (see FakeSlackApi.responseUrl()). */
  responseUrl?: string;
  /** The button's value (e.g. a request id). */
  value?: string;
  /** Slack Connect: the clicker's own workspace, when it is not the installing one (`teamId`, which `team` carries). */
  userTeamId?: string;
}): Json {
  const teamId = args.teamId ?? "T0001";
  const userTeamId = args.userTeamId ?? teamId;
  const channelId = args.channelId ?? "C0001";
  const action = {
    action_id: args.actionId,
    block_id: "b1",
    text: { type: "plain_text", text: "…" },
    type: "button",
    action_ts: "1700000000.1",
    ...(args.value !== undefined ? { value: args.value } : {}),
  };
  const base: Json = {
    type: "block_actions",
    user: { id: args.userId, username: args.userId.toLowerCase(), name: args.userId.toLowerCase(), team_id: userTeamId },
    api_app_id: "A0001",
    token: "legacy-verification-token",
    trigger_id: newTriggerId(),
    team: { id: teamId, domain: "praktik-test" },
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  if (args.view) {
    return {
      ...base,
      container: { type: "view", view_id: args.view.id },
      view: {
        id: args.view.id,
        type: "modal",
        hash: `hash-${args.view.id}`,
        title: { type: "plain_text", text: args.view.title },
        callback_id: "praktikbot.message",
      },
    };
  }
  return {
    ...base,
    container: { type: "message", message_ts: "1700000000.000100", channel_id: channelId, is_ephemeral: true },
    channel: { id: channelId, name: "praktik" },
    ...(args.responseUrl ? { response_url: args.responseUrl } : {}),
  };
}

/** An Events API callback (app_uninstalled, tokens_revoked, …) as Slack posts it, in JSON. */
export function eventCallback(args: { teamId: string; event: Json; enterpriseId?: string; isEnterpriseInstall?: boolean }): Json {
  return {
    token: "legacy-verification-token",
    team_id: args.teamId,
    ...(args.enterpriseId ? { enterprise_id: args.enterpriseId } : {}),
    api_app_id: "A0001",
    event: { ...args.event, event_ts: "1700000000.000001" },
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    is_enterprise_install: args.isEnterpriseInstall === true,
    authorizations: [
      {
        enterprise_id: args.enterpriseId ?? null,
        team_id: args.teamId,
        user_id: "UBOT",
        is_bot: true,
        is_enterprise_install: args.isEnterpriseInstall === true,
      },
    ],
  };
}

export type SlackResponse = { status: number; text: string; json: unknown };

/** Posts signed requests to a running bot's /slack/events. */
export class SlackSender {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    /** Mints the response URL of each slash command that does not name one, e.g. () => fake.responseUrl(). */
    private readonly responseUrls?: () => string,
  ) {}

  async post(body: string, opts: SignOptions = {}): Promise<SlackResponse> {
    const response = await fetch(`${this.baseUrl}/slack/events`, { method: "POST", headers: signedHeaders(this.secret, body, opts), body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  }

  command(fields: SlashCommandFields, opts: SignOptions = {}): Promise<SlackResponse> {
    const responseUrl = fields.responseUrl ?? this.responseUrls?.();
    return this.post(slashCommandBody({ ...fields, ...(responseUrl ? { responseUrl } : {}) }), opts);
  }

  interact(payload: unknown, opts: SignOptions = {}): Promise<SlackResponse> {
    return this.post(interactivityBody(payload), opts);
  }

  /** An Events API callback, JSON and signed. */
  event(payload: Json, opts: SignOptions = {}): Promise<SlackResponse> {
    return this.post(JSON.stringify(payload), { ...opts, contentType: "application/json" });
  }
}
