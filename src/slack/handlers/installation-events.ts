// The app removed from a workspace (app_uninstalled) or its bot token revoked (tokens_revoked):
// the installation's tokens are forgotten and the workspace's channel links marked failed, so
// scheduled posts stop and the secretariat sees why. Slack sends these without authorization
// (Bolt skips authorize for them): the workspace is the event's own.
import type { App } from "@slack/bolt";
import type { Logger } from "pino";
import { z } from "zod";
import type { InstallationRecords } from "../installations.js";

const ZRevoked = z.object({ tokens: z.object({ bot: z.array(z.string()).optional(), oauth: z.array(z.string()).optional() }) });

export function registerInstallationEvents(app: App, deps: { records: InstallationRecords; logger: Logger }): void {
  const forget = async (context: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean }, reason: string) => {
    const key = context.isEnterpriseInstall ? context.enterpriseId : context.teamId;
    if (!key) {
      deps.logger.warn({ reason }, "Slack installation event without a workspace");
      return;
    }
    const removed = await deps.records.removeSlackInstallation(key, reason, `slack:${key}:${reason}`);
    deps.logger.info({ key, reason, removed, isEnterpriseInstall: context.isEnterpriseInstall === true }, "Slack installation removed");
  };

  app.event("app_uninstalled", async ({ context }) => {
    await forget(context, "uninstalled");
  });

  app.event("tokens_revoked", async ({ event, context }) => {
    const parsed = ZRevoked.safeParse(event);
    // Only the bot's token matters: the app keeps no user tokens.
    if (!parsed.success || (parsed.data.tokens.bot ?? []).length === 0) return;
    await forget(context, "tokens_revoked");
  });
}
