// The Slack adapter: Bolt on the shared express app at POST /slack/events (HTTP mode), or a
// Socket Mode connection when an app-level token is configured. It turns Slack payloads into
// bot calls and bot replies into Block Kit, and holds no rules of its own.
import { App, type Authorize, ExpressReceiver, type Receiver, SocketModeReceiver, webApi } from "@slack/bolt";
import { Router } from "express";
import type { Logger } from "pino";
import type { AdapterContext, PlatformAdapter } from "../adapter.js";
import type { SlackConfig } from "../config.js";
import { SlackActors } from "./actor.js";
import { registerActionHandlers } from "./handlers/actions.js";
import { registerCommandHandlers } from "./handlers/commands.js";
import type { HandlerDeps } from "./handlers/deps.js";
import { registerFormHandlers } from "./handlers/forms.js";
import { toSlackLogger } from "./logger.js";
import { createSlackMessenger } from "./messenger.js";
import { slackErrorCode, ZPlatformError } from "./payloads.js";
import { slackVerifier } from "./verify.js";

export const SLACK_EVENTS_PATH = "/slack/events";

/** How long one call to Slack may take before it counts as failed. */
const REQUEST_TIMEOUT_MS = 10_000;

export async function createSlackAdapter(config: SlackConfig, context: AdapterContext): Promise<PlatformAdapter> {
  const logger = context.logger.child({ platform: "slack" });
  const slackLogger = toSlackLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    logger: slackLogger,
    retryConfig: retryConfig(logger),
    timeout: REQUEST_TIMEOUT_MS,
    // Bolt's respond() posts to a response_url through this fetch and sets no time limit of its
    // own; give it the Web API's, so a hanging post falls back instead of leaving no answer.
    fetch: (url, init) => fetch(url, init?.signal ? init : { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith("/") ? config.apiUrl : `${config.apiUrl}/` } : {}),
  };

  const client = new webApi.WebClient(config.botToken, clientOptions);
  const identity = botIdentity(client, logger);
  // A rejected token is a configuration error worth stopping for; Slack being unreachable is not.
  await identity.verify();

  // In HTTP mode our verifier runs first on the route (verify.ts): Bolt refuses old timestamps
  // but not ones from the future, and answers a signed but malformed body with 500 or nothing.
  const router = Router();
  if (config.mode === "http") {
    router.post(SLACK_EVENTS_PATH, slackVerifier({ signingSecret: config.signingSecret, logger }));
  }
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
        })
      : new SocketModeReceiver({ appToken: config.appToken, logger: slackLogger, installerOptions: { clientOptions } });

  const authorize: Authorize<boolean> = async () => ({ botToken: config.botToken, ...(await identity.get()) });
  const app = new App({ receiver, authorize, logger: slackLogger, clientOptions, convoStore: false, extendedErrorHandler: true });

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

  return {
    name: "slack",
    messenger: createSlackMessenger(client, logger),
    start: async () => {
      // In HTTP mode the shared server already listens; Socket Mode connects to Slack here.
      if (config.mode === "socket") {
        await app.start();
        logger.info("Slack Socket Mode connected");
      } else {
        logger.info({ path: SLACK_EVENTS_PATH }, "Slack HTTP mode: events and interactivity at POST /slack/events");
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

type BotIdentity = { botId?: string; botUserId?: string };

/** auth.test once, remembered; retried on the next request while Slack has not answered. */
function botIdentity(client: webApi.WebClient, logger: Logger) {
  let known: BotIdentity | undefined;
  const lookUp = async (): Promise<BotIdentity> => {
    const result = await client.auth.test();
    known = {
      ...(typeof result.bot_id === "string" ? { botId: result.bot_id } : {}),
      ...(typeof result.user_id === "string" ? { botUserId: result.user_id } : {}),
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
    async get(): Promise<BotIdentity> {
      return known ?? lookUp();
    },
  };
}
