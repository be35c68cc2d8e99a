// Messages only the person who asked sees: through the request's response_url, else an
// ephemeral message in the channel, else a DM from the app; every failed call logged with its
// context.
import type { RespondArguments, webApi } from "@slack/bolt";
import type { Actor } from "../../kernel/actor.js";
import type { MessageView } from "../../kernel/message.js";
import { slackErrorCode } from "../payloads.js";
import { renderMessage, type SlackMessage } from "../render/message.js";
import { encodedForSlack } from "../render/wire.js";
import type { HandlerDeps } from "./deps.js";

type Client = webApi.WebClient;

/** Posts a message to the response_url of the request being answered (Bolt's respond()). */
export type Respond = (message: RespondArguments) => Promise<unknown>;

/** Where a message goes: the request's response_url, else the channel, else the person's DM. */
export type MessageTarget = {
  /** Present when the request carried a response_url (slash commands, buttons in messages). */
  respond?: Respond | undefined;
  channelId?: string | undefined;
};

/** postEphemeral answers these where the app is not in the conversation (e.g. a DM between people). */
const NOT_IN_CONVERSATION = new Set(["channel_not_found", "not_in_channel"]);

/**
 * A message only this person sees: through the request's response_url, which works in any
 * conversation (also channels the app has not joined and DMs between people); where there is
 * none or it fails, an ephemeral message in the channel; and a DM from the app when the app
 * cannot post there (channel_not_found / not_in_channel), or when there is no channel.
 */
export async function sendMessage(deps: HandlerDeps, client: Client, actor: Actor, target: MessageTarget, view: MessageView): Promise<boolean> {
  const message = renderMessage(view);
  const { channelId } = target;
  if (target.respond && (await respondWith(deps, actor, target.respond, message, channelId))) return true;
  if (channelId) {
    const posted = await call(
      deps,
      actor,
      "chat.postEphemeral",
      () => client.chat.postEphemeral({ channel: channelId, user: actor.userId, text: message.text, blocks: encodedForSlack(message.blocks) }),
      { channelId },
      (code) => NOT_IN_CONVERSATION.has(code),
    );
    if (posted) return true;
    if (posted === false) return false;
    deps.logger.info({ channelId, workspaceId: actor.workspaceId, userId: actor.userId }, "app is not in the channel; replying by DM");
  }
  return sendDirect(deps, client, actor, view);
}

/**
 * An ephemeral reply through the response_url. True when Slack took it; a failure is logged
 * (without the URL, which lets anyone post as the app for a while) and the caller falls back.
 */
async function respondWith(deps: HandlerDeps, actor: Actor, respond: Respond, message: SlackMessage, channelId: string | undefined): Promise<boolean> {
  try {
    // respond() throws when Slack answers with anything but a 2xx (e.g. 404 for an expired URL).
    await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
    return true;
  } catch (error) {
    const status = (error as { statusCode?: unknown } | null)?.statusCode;
    const timedOut = (error as { name?: unknown } | null)?.name === "TimeoutError";
    deps.logger.warn(
      {
        err: error,
        slackError: typeof status === "number" ? `http_${status}` : timedOut ? "timeout" : slackErrorCode(error),
        method: "response_url",
        platform: "slack",
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        channelId,
      },
      "Slack response_url failed; answering through the Web API",
    );
    return false;
  }
}

/** A message in the person's DM with the app (the app's Messages tab). */
export async function sendDirect(deps: HandlerDeps, client: Client, actor: Actor, view: MessageView): Promise<boolean> {
  const message = renderMessage(view);
  const posted = await call(deps, actor, "chat.postMessage", () =>
    client.chat.postMessage({ channel: actor.userId, text: message.text, blocks: encodedForSlack(message.blocks) }),
  );
  return posted === true;
}

/**
 * Runs one Web API call (the client has already retried what is safe to retry). Returns true
 * when it worked, false when it failed (logged), and undefined when it failed in a way the
 * caller said it handles itself.
 */
export async function call(
  deps: HandlerDeps,
  actor: Actor,
  method: string,
  run: () => Promise<unknown>,
  extra: Record<string, unknown> = {},
  handled: (code: string) => boolean = () => false,
): Promise<boolean | undefined> {
  try {
    await run();
    return true;
  } catch (error) {
    const slackError = slackErrorCode(error);
    if (handled(slackError)) return undefined;
    deps.logger.error(
      { err: error, slackError, method, platform: "slack", workspaceId: actor.workspaceId, userId: actor.userId, ...extra },
      "Slack Web API call failed",
    );
    return false;
  }
}
