// The Microsoft Teams side: the Teams SDK's App on the bot's shared express app, with
// POST /api/messages as the messaging endpoint. The bot's own server listens; the App only
// registers its route (initialize), it never starts a server of its own.
import { App, ExpressAdapter } from "@microsoft/teams.apps";
import type { AdapterContext, PlatformAdapter } from "../adapter.js";
import type { TeamsConfig } from "../config.js";
import { registerActionHandlers } from "./handlers/actions.js";
import { registerCommandHandlers } from "./handlers/commands.js";
import type { HandlerDeps } from "./handlers/deps.js";
import { sdkLogger } from "./logger.js";
import { createTeamsMessenger } from "./messenger.js";
import { tenantPolicy } from "./tenants.js";

const TEAMS_MESSAGING_ENDPOINT = "/api/messages";

export async function createTeamsAdapter(config: Exclude<TeamsConfig, { mode: "off" }>, context: AdapterContext): Promise<PlatformAdapter> {
  const { logger } = context;
  const log = sdkLogger(logger.child({ platform: "teams" }));
  const tryout = config.mode === "tryout";
  if (tryout) {
    logger.warn(
      `Teams try-out mode: no CLIENT_ID/CLIENT_SECRET/TENANT_ID, so ${TEAMS_MESSAGING_ENDPOINT} accepts UNAUTHENTICATED requests and answers ` +
        "to whatever serviceUrl they name. The server listens on loopback only; use it with the Microsoft 365 Agents Playground. " +
        "Set all three variables before connecting real Teams.",
    );
  }

  const app = new App({
    // The SDK falls back to process.env for missing credentials; in try-out mode empty strings
    // keep it from picking up half a set.
    ...(config.mode === "authenticated"
      ? { clientId: config.clientId, clientSecret: config.clientSecret, tenantId: config.tenantId }
      : { clientId: "", clientSecret: "", tenantId: "", managedIdentityClientId: "" }),
    dangerouslyAllowUnauthenticatedRequests: tryout,
    httpServerAdapter: new ExpressAdapter(context.http, { logger: log }),
    messagingEndpoint: TEAMS_MESSAGING_ENDPOINT,
    logger: log,
  });

  // Before every handler, after the SDK has checked the request's token: only allowed tenants.
  const tenants = tenantPolicy(config.allowedTenants);
  if (config.allowedTenants.size > 0) {
    app.use(async (ctx) => {
      const verdict = tenants.admits(ctx.activity);
      if (verdict.ok) return ctx.next();
      // Nothing is answered: a tenant that is not a partner learns nothing from the bot.
      logger.warn({ platform: "teams", tenants: verdict.tenants, activityType: ctx.activity.type }, "Teams activity refused: tenant not allowed");
      return undefined;
    });
  } else if (config.mode === "authenticated") {
    logger.warn("ALLOWED_TENANTS is not set: the bot answers Teams activities from every tenant that adds it");
  }

  const deps: HandlerDeps = {
    bot: context.bot,
    logger,
    defaultLocale: context.defaultLocale,
    files: context.files,
    publicUrl: context.publicUrl,
    store: context.store,
  };
  registerCommandHandlers(app, deps);
  registerActionHandlers(app, deps);

  // Registers the route on the shared express app. app.start() would also call listen().
  await app.initialize();
  logger.info({ mode: config.mode, endpoint: TEAMS_MESSAGING_ENDPOINT }, "Teams adapter ready");

  return {
    name: "teams",
    messenger: createTeamsMessenger({ api: app.api, store: context.store, tenants, logger: logger.child({ platform: "teams" }) }),
    start: async () => {},
    // The shared HTTP server is closed by its owner; the App holds no other resources.
    stop: async () => {},
  };
}
