import type { Logger } from "pino";
import type { Bot } from "../../bot/bot.js";
import type { SlackActors } from "../actor.js";

/** What every Slack handler needs. */
export type HandlerDeps = {
  bot: Bot;
  actors: SlackActors;
  logger: Logger;
};
