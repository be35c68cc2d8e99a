// Delivering the bot's replies: forms as modals (views.open, or views.update when the click
// came from a modal), messages privately through send.ts, and a reply's follow-up (files)
// through files.ts.
import { randomUUID } from "node:crypto";
import type { webApi } from "@slack/bolt";
import type { BotReply } from "../../bot/bot.js";
import type { Actor } from "../../kernel/actor.js";
import { faultView } from "../../kernel/common-views.js";
import type { FormView } from "../../kernel/form.js";
import { renderMessageModal } from "../render/message.js";
import { renderModal } from "../render/modal.js";
import { encodedForSlack } from "../render/wire.js";
import type { HandlerDeps } from "./deps.js";
import { deliverFollowUp } from "./files.js";
import { call, type MessageTarget, sendMessage } from "./send.js";

type Client = webApi.WebClient;

/** Where a reply goes: a new modal (trigger), the modal the click came from, or a message. */
export type ReplyTarget = MessageTarget & {
  triggerId: string;
  /** The click came from inside a modal: replace that modal instead of opening another. */
  view?: { id: string; title: string } | undefined;
};

export async function deliverReply(deps: HandlerDeps, client: Client, actor: Actor, reply: BotReply, target: ReplyTarget): Promise<void> {
  if (reply.kind === "form") {
    await showForm(deps, client, actor, reply.form, target);
    return;
  }
  if (target.view) {
    const t = deps.bot.t(actor.locale);
    const view = encodedForSlack(renderMessageModal(reply.view, { title: target.view.title, close: t("common:close") }));
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
    const view = encodedForSlack(renderModal(form));
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
