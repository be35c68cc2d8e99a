import { Bot } from "../../src/bot/bot.js";
import { createPrismaStore } from "../../src/db/stores.js";
import { createI18n } from "../../src/i18n/index.js";
import type { Actor } from "../../src/kernel/actor.js";
import { silentLogger } from "../../src/logger.js";
import type { TestDatabase } from "./database.js";

export function createTestBot(db: TestDatabase, opts: { admins?: string[]; now?: Date } = {}) {
  const store = createPrismaStore(db.prisma);
  const bot = new Bot({
    store,
    i18n: createI18n("da"),
    admins: new Set(opts.admins ?? ["UADMIN"]),
    timezone: "Europe/Copenhagen",
    clock: () => opts.now ?? new Date("2016-10-03T09:00:00Z"),
    logger: silentLogger(),
  });
  return { bot, store };
}

export function slackActor(userId: string, locale: "da" | "en" = "da"): Actor {
  return { platform: "slack", workspaceId: "T0001", userId, locale };
}
