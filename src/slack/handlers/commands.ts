// "/praktik <text>": acknowledge at once (the trigger_id and the 3-second window are shared with
// views.open), then ask the bot and open its form, or answer with its message through the
// command's response_url (ephemeral, in any conversation), falling back to the Web API.
import type { App } from "@slack/bolt";
import { ZSlashCommand } from "../payloads.js";
import type { HandlerDeps } from "./deps.js";
import { deliverReply } from "./reply.js";

export const SLASH_COMMAND = /^\/praktik/;

export function registerCommandHandlers(app: App, deps: HandlerDeps): void {
  app.command(SLASH_COMMAND, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = ZSlashCommand.safeParse(body);
    if (!parsed.success) {
      deps.logger.warn({ issues: parsed.error.issues }, "Slack slash command without the fields we need");
      return;
    }
    const command = parsed.data;
    const actor = await deps.actors.actor(client, command.team_id, command.user_id);
    const channel = { platform: "slack" as const, workspaceId: command.team_id, channelId: command.channel_id };
    const reply = await deps.bot.handleCommand(actor, command.text, "slack", channel);
    await deliverReply(deps, client, actor, reply, {
      triggerId: command.trigger_id,
      channelId: command.channel_id,
      // Bolt only makes respond() when the command carried a response_url.
      respond: command.response_url ? respond : undefined,
    });
  });
}
