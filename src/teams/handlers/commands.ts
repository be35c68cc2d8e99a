// A message to the bot is a command ("ny", "liste", "@Praktikbot hjælp"); in a team channel it
// also says which channel it came from. A message with a value and no text is a card's
// Action.Submit from an older client (actions.ts). Adding the app to a personal chat answers
// with the help, or for a person the bot does not know yet, how to get access.
import type { App } from "@microsoft/teams.apps";
import { actorFromActivity } from "../actor.js";
import { channelConversationId, rememberConversation } from "../conversations.js";
import { commandTextFrom, ZInstallActivity, ZMessageActivity } from "../payloads.js";
import { onLegacySubmit } from "./actions.js";
import { type HandlerDeps, issueSummary, type TeamsTurn } from "./deps.js";
import { deliverReply, replyActivity } from "./reply.js";
import { sendActivity } from "./send.js";

export function registerCommandHandlers(app: App, deps: HandlerDeps): void {
  app.on("message", async (ctx) => {
    await onMessage(deps, ctx);
  });
  app.on("install.add", async (ctx) => {
    await onInstall(deps, ctx);
  });
}

async function onMessage(deps: HandlerDeps, turn: TeamsTurn): Promise<void> {
  const parsed = ZMessageActivity.safeParse(turn.activity);
  if (!parsed.success) {
    deps.logger.warn({ issues: issueSummary(parsed.error.issues) }, "Teams message ignored: unexpected shape");
    return;
  }
  const activity = parsed.data;
  try {
    const actor = await deps.bot.withPreferredLocale(actorFromActivity(activity, deps.defaultLocale));
    await rememberConversation(deps, activity, actor);
    const text = commandTextFrom(activity.text);
    if (text === "" && activity.value !== undefined && activity.value !== null) {
      await onLegacySubmit(deps, turn, activity, actor);
      return;
    }
    const where =
      activity.conversation.conversationType === "channel"
        ? { platform: "teams" as const, workspaceId: actor.workspaceId, channelId: channelConversationId(activity.conversation.id) }
        : undefined;
    const reply = await deps.bot.handleCommand(actor, text, "teams", where);
    await deliverReply(deps, turn, actor, reply, activity.conversation.id);
  } catch (error) {
    deps.logger.error({ err: error, conversationId: activity.conversation.id }, "Teams message failed");
  }
}

async function onInstall(deps: HandlerDeps, turn: TeamsTurn): Promise<void> {
  const parsed = ZInstallActivity.safeParse(turn.activity);
  if (!parsed.success) return;
  const activity = parsed.data;
  const actor = await deps.bot.withPreferredLocale(actorFromActivity(activity, deps.defaultLocale));
  await rememberConversation(deps, activity, actor);
  if (activity.conversation.conversationType !== "personal") return;
  const reply = await deps.bot.handleCommand(actor, "", "teams");
  await sendActivity(deps, turn, replyActivity(deps, reply, actor.locale), activity.conversation.id);
}
