import type { Application } from "express";
import type { Logger } from "pino";
import type { Bot } from "./bot/bot.js";
import type { FileShelf } from "./http/file-shelf.js";
import type { Locale } from "./kernel/actor.js";
import type { Messenger } from "./kernel/messenger.js";
import type { Store } from "./kernel/store.js";

/** What every platform adapter gets: the bot, the shared HTTP app, and the defaults. */
export type AdapterContext = {
  bot: Bot;
  http: Application;
  logger: Logger;
  defaultLocale: Locale;
  /** Files the bot made, served as download links at GET /files/<token>. */
  files?: FileShelf;
  /** The bot's public base URL, for those links. */
  publicUrl?: () => string;
  /** For what adapters keep themselves (Teams: where the bot can post later). */
  store?: Store;
};

/** A running platform adapter (Slack or Teams). */
export type PlatformAdapter = {
  name: "slack" | "teams";
  /** Called after the HTTP server listens (Socket Mode connects here). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts, updates and direct messages without a request to answer (scheduled jobs, notices). */
  messenger: Messenger;
};
