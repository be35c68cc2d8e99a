// Delivering the bot's replies: forms as modals, messages privately to the person through the
// request's response_url (or the Web API where there is none or it fails), and logging every
// failure.
import { randomUUID } from "node:crypto";
import type { RespondArguments, webApi } from "@slack/bolt";
import type { BotReply } from "../../bot/bot.js";
import type { Actor } from "../../kernel/actor.js";
import type { FormView } from "../../kernel/form.js";
import { faultView } from "../../kernel/common-views.js";
import type { MessageView } from "../../kernel/message.js";
import { slackErrorCode } from "../payloads.js";
import { renderMessage, renderMessageModal, type SlackMessage } from "../render/message.js";
import { renderModal } from "../render/modal.js";
import type { HandlerDeps } from "./deps.js";
import { deliverFollowUp } from "./files.js";

type Client = webApi.WebClient;

/** Posts a message to the response_url of the request being answered (Bolt's respond()). */
export type Respond = (message: RespondArguments) => Promise<unknown>;

/** Where a message goes: the request's response_url, else the channel, else the person's DM. */
export type MessageTarget = {
  /** Present when the request carried a response_url (slash commands, buttons in messages). */
  respond?: Respond | undefined;
  channelId?: string | undefined;
};

/** Where a reply goes: a new modal (trigger), the modal the click came from, or a message. */
export type ReplyTarget = MessageTarget & {
  triggerId: string;
  /** The click came from inside a modal: replace that modal instead of opening another. */
  view?: { id: string; title: string } | undefined;
};

/** postEphemeral answers these where the app is not in the conversation (e.g. a DM between people). */
const NOT_IN_CONVERSATION = new Set(["channel_not_found", "not_in_channel"]);

export async function deliverReply(deps: HandlerDeps, client: Client, actor: Actor, reply: BotReply, target: ReplyTarget): Promise<void> {
  if (reply.kind === "form") {
    await showForm(deps, client, actor, reply.form, target);
    return;
  }
  if (target.view) {
    const t = deps.bot.t(actor.locale);
    const view = renderMessageModal(reply.view, { title: target.view.title, close: t("common:close") });
    await call(deps, actor, "views.update", () => client.views.update({ view_id: target.view!.id, view }));
    return;
  }
  await sendMessage(deps, client, actor, target, reply.view);
  if (reply.kind === "message" && reply.followUp) await deliverFollowUp(deps, client, actor, target, await reply.followUp());
}

async function showForm(deps: HandlerDeps, client: Client, actor: Actor, form: FormView, target: ReplyTarget): Promise<void> {
  const context = { formId: form.formId, workspaceId: actor.workspaceId, userId: actor.userId };
  let opened: boolean | undefined = false;
  try {
    const view = renderModal(form);
    opened = target.view
      ? await call(deps, actor, "views.update", () => client.views.update({ view_id: target.view!.id, view }), { formId: form.formId })
      : await call(deps, actor, "views.open", () => client.views.open({ trigger_id: target.triggerId, view }), { formId: form.formId });
  } catch (error) {
    deps.logger.error({ err: error, ...context }, "form could not be drawn for Slack");
  }
  if (opened) return;
  // The person clicked or typed and nothing opened: say so rather than stay silent.
  const reference = randomUUID().slice(0, 8);
  deps.logger.error({ reference, ...context }, "form could not be opened in Slack");
  await sendMessage(deps, client, actor, target, faultView(deps.bot.t(actor.locale), reference));
}

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
      () => client.chat.postEphemeral({ channel: channelId, user: actor.userId, text: message.text, blocks: message.blocks }),
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
    client.chat.postMessage({ channel: actor.userId, text: message.text, blocks: message.blocks }),
  );
  return posted === true;
}

/**
 * Runs one Web API call (the client has already retried what is safe to retry). Returns true
 * when it worked, false when it failed (logged), and undefined when it failed in a way the
 * caller said it handles itself.
 */
async function call(
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
