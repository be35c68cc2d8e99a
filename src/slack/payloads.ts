// zod schemas for the parts of Slack's payloads the adapter reads. Slack sends much more;
// anything not named here is ignored, and anything malformed is logged and dropped.
import { z } from "zod";

const ZTeam = z.object({ id: z.string().min(1) });
const ZUser = z.object({ id: z.string().min(1), team_id: z.string().min(1).optional(), name: z.string().optional() });

/**
 * POST /slack/events with a slash command (application/x-www-form-urlencoded, parsed by Bolt).
 * A command names one workspace, team_id: where it was typed, which is the person's own (only
 * people of a workspace that installed the app can use its commands, also in a Slack Connect
 * channel) and the installation that answers it.
 */
export const ZSlashCommand = z.object({
  command: z.string().min(1),
  text: z.string().default(""),
  user_id: z.string().min(1),
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
  /** Where to answer the command privately, in any conversation (Bolt's respond() posts to it). */
  response_url: z.string().min(1).optional(),
});

/** One input's state in view.state.values[block_id][action_id]. */
export const ZStateValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
});
export type TStateValue = z.infer<typeof ZStateValue>;

export const ZViewState = z.object({ values: z.record(z.string(), z.record(z.string(), ZStateValue)) });

const ZViewTitle = z.object({ text: z.string() });

export const ZViewSubmission = z.object({
  type: z.literal("view_submission"),
  team: ZTeam.nullish(),
  user: ZUser,
  view: z.object({
    id: z.string().min(1),
    callback_id: z.string().min(1),
    private_metadata: z.string().default(""),
    title: ZViewTitle,
    /** Slack Connect: the workspace whose installation opened the modal (its token answers). */
    app_installed_team_id: z.string().min(1).nullish(),
    blocks: z.array(z.object({ type: z.string(), block_id: z.string().optional() })).default([]),
    state: ZViewState,
  }),
});
export type TViewSubmission = z.infer<typeof ZViewSubmission>;

export const ZBlockActions = z.object({
  type: z.literal("block_actions"),
  team: ZTeam.nullish(),
  user: ZUser,
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string().min(1) }).nullish(),
  container: z.object({ type: z.string() }).nullish(),
  /** Present when the button is in a message (not in a modal). */
  response_url: z.string().min(1).nullish(),
  view: z.object({ id: z.string().min(1), hash: z.string().optional(), title: ZViewTitle }).nullish(),
  actions: z.array(z.object({ action_id: z.string().min(1), type: z.string(), value: z.string().optional() })).min(1),
});

/**
 * The person's own workspace, which keys who they are. In a Slack Connect channel a button's
 * `team` is the workspace that installed the app (whose message it is), a modal's `team` the
 * submitter's; `user.team_id` is the person's own in both, so the same person is the same
 * contact from a command, a modal and a button. Org-wide installs leave `team` out.
 */
export function workspaceOf(body: { team?: { id: string } | null; user: { team_id?: string | undefined } }): string | undefined {
  return body.user.team_id ?? body.team?.id;
}

/** What a form's modal carries through Slack in private_metadata. */
export const ZModalMetadata = z.object({
  nonce: z.string().min(1).max(200),
  state: z.record(z.string(), z.string()).default({}),
});
export type TModalMetadata = z.infer<typeof ZModalMetadata>;

const PRIVATE_METADATA_LIMIT = 3000;

export function encodeModalMetadata(metadata: TModalMetadata): string {
  const encoded = JSON.stringify(metadata);
  if (encoded.length > PRIVATE_METADATA_LIMIT) {
    throw new Error(`private_metadata would be ${encoded.length} characters; Slack takes ${PRIVATE_METADATA_LIMIT}`);
  }
  return encoded;
}

/** The modal's metadata, or undefined when it is missing or not ours (e.g. an old form). */
export function decodeModalMetadata(raw: string): TModalMetadata | undefined {
  try {
    const parsed = ZModalMetadata.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** users.info with include_locale=true. */
export const ZUsersInfo = z.object({
  ok: z.boolean(),
  user: z
    .object({
      id: z.string(),
      name: z.string().optional(),
      real_name: z.string().optional(),
      locale: z.string().optional(),
      is_bot: z.boolean().optional(),
      profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
    })
    .optional(),
});

/** A Web API call Slack answered with ok: false. */
export const ZPlatformError = z.object({
  code: z.literal("slack_webapi_platform_error"),
  data: z.object({ error: z.string() }),
});

/** A Web API call answered with an HTTP status other than 200 (after the client's retries). */
const ZHttpError = z.object({
  code: z.literal("slack_webapi_http_error"),
  statusCode: z.number(),
});

/** Slack's error code ("channel_not_found", "http_500", "request_error", …) for logs and decisions. */
export function slackErrorCode(error: unknown): string {
  const platform = ZPlatformError.safeParse(error);
  if (platform.success) return platform.data.data.error;
  const http = ZHttpError.safeParse(error);
  if (http.success) return `http_${http.data.statusCode}`;
  const coded = z.object({ code: z.string() }).safeParse(error);
  return coded.success ? coded.data.code : "unknown";
}
