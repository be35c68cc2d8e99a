// Buttons in the bot's messages (and in its read-only modals): action_id is MessageAction.id.
import type { App, RespondArguments } from "@slack/bolt";
import { workspaceOf, ZBlockActions } from "../payloads.js";
import type { HandlerDeps } from "./deps.js";
import { deliverReply } from "./reply.js";

export function registerActionHandlers(app: App, deps: HandlerDeps): void {
  app.action({ type: "block_actions" }, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = ZBlockActions.safeParse(body);
    const workspaceId = parsed.success ? workspaceOf(parsed.data) : undefined;
    if (!parsed.success || !workspaceId) {
      deps.logger.warn({ issues: parsed.success ? "no team" : parsed.error.issues }, "Slack block action without the fields we need");
      return;
    }
    const payload = parsed.data;
    const action = payload.actions[0]!;
    const actor = await deps.actors.actor(client, workspaceId, payload.user.id);
    const reply = await deps.bot.handleAction(actor, action.action_id, "slack", action.value);
    const inModal = payload.container?.type === "view" && payload.view ? { id: payload.view.id, title: payload.view.title.text } : undefined;
    // A button in a message carries that message's response_url: answer below it, privately,
    // leaving the message with the button as it was.
    const respondBelow = payload.response_url ? (message: RespondArguments) => respond({ ...message, replace_original: false }) : undefined;
    await deliverReply(deps, client, actor, reply, {
      triggerId: payload.trigger_id,
      channelId: payload.channel?.id,
      view: inModal,
      respond: respondBelow,
    });
  });
}
