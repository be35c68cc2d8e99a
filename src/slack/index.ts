// The Slack adapter: Bolt on the shared express app at POST /slack/events (HTTP mode), or a
// Socket Mode connection when an app-level token is configured. It turns Slack payloads into
// bot calls and bot replies into Block Kit, and holds no rules of its own.
import { App, type AppOptions, type Authorize, ExpressReceiver, type Receiver, SocketModeReceiver, webApi } from "@slack/bolt";
import { Router } from "express";
import type { Logger } from "pino";
import type { AdapterContext, PlatformAdapter } from "../adapter.js";
import type { SlackConfig } from "../config.js";
import { SlackActors } from "./actor.js";
import { registerActionHandlers } from "./handlers/actions.js";
import { registerCommandHandlers } from "./handlers/commands.js";
import type { HandlerDeps } from "./handlers/deps.js";
import { registerFormHandlers } from "./handlers/forms.js";
import { registerInstallationEvents } from "./handlers/installation-events.js";
import { boltInstallationStore, type InstallationRecords, type SingleWorkspace, slackClients } from "./installations.js";
import { toSlackLogger } from "./logger.js";
import { createSlackMessenger } from "./messenger.js";
import { slackErrorCode, ZPlatformError } from "./payloads.js";
import { slackVerifier } from "./verify.js";

export const SLACK_EVENTS_PATH = "/slack/events";
/** "Add to Slack": starts Slack's OAuth v2 flow (only with SLACK_CLIENT_ID …). */
const SLACK_INSTALL_PATH = "/slack/install";
/** Where Slack sends the person back with the grant; registered as the app's redirect URL. */
export const SLACK_OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";

/** The bot scopes the app asks for at installation, the same as manifests/slack/manifest.yaml (a test keeps them in step). */
export const BOT_SCOPES = ["commands", "chat:write", "chat:write.public", "files:write", "im:write", "users:read"] as const;

/** How long one call to Slack may take before it counts as failed. */
const REQUEST_TIMEOUT_MS = 10_000;

export async function createSlackAdapter(config: SlackConfig, context: AdapterContext, records?: InstallationRecords): Promise<PlatformAdapter> {
  const logger = context.logger.child({ platform: "slack" });
  const slackLogger = toSlackLogger(logger);
  const slackApiUrl = config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith("/") ? config.apiUrl : `${config.apiUrl}/` } : {};
  const clientOptions: webApi.WebClientOptions = {
    logger: slackLogger,
    retryConfig: retryConfig(logger),
    timeout: REQUEST_TIMEOUT_MS,
    // Bolt's respond() posts to a response_url through this fetch and sets no time limit of its
    // own; give it the Web API's, so a hanging post falls back instead of leaving no answer.
    fetch: (url, init) => fetch(url, init?.signal ? init : { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    ...slackApiUrl,
  };

  // The single workspace of SLACK_BOT_TOKEN, when there is one.
  const client = config.botToken ? new webApi.WebClient(config.botToken, clientOptions) : undefined;
  const identity = client && config.botToken ? botIdentity(client, config.botToken, logger) : undefined;
  // A rejected token is a configuration error worth stopping for; Slack being unreachable is not.
  await identity?.verify();
  const single = async (): Promise<SingleWorkspace | undefined> => (identity ? identity.get().catch(() => undefined) : undefined);

  // In HTTP mode our verifier runs first on the route (verify.ts): Bolt refuses old timestamps
  // but not ones from the future, and answers a signed but malformed body with 500 or nothing.
  const router = Router();
  if (config.mode === "http") {
    router.post(SLACK_EVENTS_PATH, slackVerifier({ signingSecret: config.signingSecret, logger }));
  }
  const oauth = config.oauth;
  if (oauth && !records) throw new Error("Slack OAuth needs the installation records");
  const receiver: Receiver =
    config.mode === "http"
      ? new ExpressReceiver({
          signingSecret: config.signingSecret,
          app: context.http,
          router,
          // Checked above, with the timestamp bounded in both directions; checking it twice adds nothing.
          signatureVerification: false,
          endpoints: SLACK_EVENTS_PATH,
          logger: slackLogger,
          processBeforeResponse: false,
          ...(oauth && records
            ? {
                clientId: oauth.clientId,
                clientSecret: oauth.clientSecret,
                stateSecret: oauth.stateSecret,
                scopes: [...BOT_SCOPES],
                installationStore: boltInstallationStore(records, single, logger),
                installerOptions: {
                  installPath: SLACK_INSTALL_PATH,
                  redirectUriPath: SLACK_OAUTH_REDIRECT_PATH,
                  // Straight to Slack's consent screen; the state is signed and tied to a cookie of this browser.
                  directInstall: true,
                  stateVerification: true,
                  clientOptions: { ...slackApiUrl, timeout: REQUEST_TIMEOUT_MS },
                },
              }
            : {}),
        })
      : new SocketModeReceiver({ appToken: config.appToken, logger: slackLogger, installerOptions: { clientOptions } });

  // With OAuth, Bolt's installer authorizes each request from the installation of its workspace
  // (or organisation); without, the one token answers every request.
  const appOptions: AppOptions = { receiver, logger: slackLogger, clientOptions, convoStore: false, extendedErrorHandler: true };
  if (!oauth) {
    const token = config.botToken!;
    const authorize: Authorize<boolean> = async () => {
      const { botId, botUserId } = await identity!.get();
      return { botToken: token, ...(botId ? { botId } : {}), ...(botUserId ? { botUserId } : {}) };
    };
    appOptions.authorize = authorize;
  }
  const app = new App(appOptions);

  // Bolt's last error() overload takes the extended handler, which also gets the request.
  const onError: Parameters<App["error"]>[0] = async ({ error, body, context: requestContext }) => {
    const payload = (body ?? {}) as { type?: unknown; command?: unknown };
    logger.error(
      {
        err: error,
        code: error.code,
        slackError: slackErrorCode((error as { original?: unknown }).original ?? error),
        payloadType: typeof payload.type === "string" ? payload.type : typeof payload.command === "string" ? "slash_command" : undefined,
        workspaceId: requestContext.teamId,
        userId: requestContext.userId,
      },
      "Slack request failed",
    );
  };
  app.error(onError);

  const deps: HandlerDeps = {
    bot: context.bot,
    logger,
    actors: new SlackActors({ defaultLocale: context.defaultLocale, logger }),
  };
  registerCommandHandlers(app, deps);
  registerActionHandlers(app, deps);
  registerFormHandlers(app, deps);
  if (records) registerInstallationEvents(app, { records, logger });

  const clientFor = slackClients({
    records: oauth ? records : undefined,
    single,
    singleClient: client,
    make: (token) => new webApi.WebClient(token, clientOptions),
  });

  return {
    name: "slack",
    messenger: createSlackMessenger(clientFor, logger),
    start: async () => {
      // In HTTP mode the shared server already listens; Socket Mode connects to Slack here.
      if (config.mode === "socket") {
        await app.start();
        logger.info("Slack Socket Mode connected");
      } else {
        logger.info(
          { path: SLACK_EVENTS_PATH, ...(oauth ? { install: SLACK_INSTALL_PATH, redirect: SLACK_OAUTH_REDIRECT_PATH } : {}) },
          oauth ? "Slack HTTP mode, installable in many workspaces" : "Slack HTTP mode: events and interactivity at POST /slack/events",
        );
      }
    },
    stop: async () => {
      if (config.mode === "socket") await app.stop();
    },
  };
}

/**
 * The WebClient retries 5xx answers, network failures and rate limits (after Retry-After) by
 * this policy; a few quick attempts fit inside the few seconds a person waits for a reply.
 */
function retryConfig(logger: Logger): webApi.RetryOptions {
  const config: webApi.RetryOptions & { onFailedAttempt: (error: Error & { retriesLeft?: number; attemptNumber?: number }) => void } = {
    retries: 2,
    factor: 2,
    minTimeout: 250,
    maxTimeout: 2000,
    randomize: true,
    onFailedAttempt: (error) => {
      if (error.retriesLeft === 0) return;
      logger.warn(
        { err: error, slackError: slackErrorCode(error), attempt: error.attemptNumber, retriesLeft: error.retriesLeft },
        "Slack Web API call failed; trying again",
      );
    },
  };
  return config;
}

/** auth.test once, remembered; retried on the next request while Slack has not answered. */
function botIdentity(client: webApi.WebClient, token: string, logger: Logger) {
  let known: SingleWorkspace | undefined;
  const lookUp = async (): Promise<SingleWorkspace> => {
    const result = await client.auth.test();
    known = {
      teamId: typeof result.team_id === "string" ? result.team_id : "",
      botId: typeof result.bot_id === "string" ? result.bot_id : undefined,
      botUserId: typeof result.user_id === "string" ? result.user_id : undefined,
      token,
    };
    logger.info({ team: result.team, botUserId: known.botUserId }, "Slack bot token accepted");
    return known;
  };
  return {
    async verify(): Promise<void> {
      try {
        await lookUp();
      } catch (error) {
        if (ZPlatformError.safeParse(error).success) {
          throw new Error(`Slack rejected SLACK_BOT_TOKEN (${slackErrorCode(error)}); check the bot token in the Slack app settings`);
        }
        logger.warn({ err: error, slackError: slackErrorCode(error) }, "Slack is not reachable yet; will check the bot token on the first request");
      }
    },
    async get(): Promise<SingleWorkspace> {
      return known ?? lookUp();
    },
  };
}
