// Sending one activity into the conversation the request came from (the turn's own reply), and
// logging a failure without the connector's request headers, which carry the bot's token.
import type { ActivityLike } from "@microsoft/teams.api";
import { describeSendError } from "../payloads.js";
import type { HandlerDeps, TeamsTurn } from "./deps.js";

/** True when the connector took the activity; a failure is logged and the caller decides what next. */
export async function sendActivity(deps: HandlerDeps, turn: TeamsTurn, activity: ActivityLike, conversationId: string): Promise<boolean> {
  try {
    await turn.send(activity);
    return true;
  } catch (error) {
    deps.logger.error({ err: describeSendError(error), conversationId }, "Teams reply could not be delivered");
    return false;
  }
}
