// Starting the Slack adapter: the bot token is checked once, a rejected token stops start-up,
// an unreachable Slack does not, and Socket Mode connects through the configured API URL.
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot, BotReply } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { simpleMessage } from "../../src/kernel/message.js";
import { createSlackAdapter } from "../../src/slack/index.js";
import { FakeSlackApi, RESPONSE_URL } from "../support/fake-slack-api.js";
import { capturingLogger, SIGNING_SECRET } from "../support/slack-harness.js";
import { SlackSender } from "../support/slack-requests.js";

/** A stand-in Bot that answers every command with the text it got and the user's language. */
const echoBot = {
  t: () => (key: string) => key,
  handleCommand: async (actor: { locale: string }, text: string): Promise<BotReply> => ({ kind: "message", view: simpleMessage(`${actor.locale}: ${text}`) }),
} as unknown as Bot;

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await FakeSlackApi.start();
});
afterAll(async () => {
  await fake?.close();
});

function slackConfig(env: Record<string, string>) {
  const config = loadConfig({ SLACK_API_URL: fake.url, ...env });
  if (!config.slack) throw new Error("no Slack config");
  return config.slack;
}

describe("createSlackAdapter", () => {
  it("refuses to start with a bot token Slack rejects", async () => {
    fake.fail("auth.test", { error: "invalid_auth" });
    const { logger } = capturingLogger();
    await expect(
      createSlackAdapter(slackConfig({ SLACK_BOT_TOKEN: "xoxb-revoked", SLACK_SIGNING_SECRET: SIGNING_SECRET }), {
        bot: echoBot,
        http: express(),
        logger,
        defaultLocale: "da",
      }),
    ).rejects.toThrow("Slack rejected SLACK_BOT_TOKEN (invalid_auth)");
  });

  it("starts while Slack is unreachable and checks the token on the first request", async () => {
    fake.reset();
    fake.fail("auth.test", { status: 503, times: 3 });
    const { logger, lines } = capturingLogger();
    const http = express();
    const adapter = await createSlackAdapter(slackConfig({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SIGNING_SECRET }), {
      bot: echoBot,
      http,
      logger,
      defaultLocale: "da",
    });
    expect(lines.some((l) => l.msg.startsWith("Slack is not reachable yet") && l.slackError === "http_503")).toBe(true);
    const server = http.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      await adapter.start();
      fake.setUser("UENGLISH", { locale: "en-GB" });
      const sender = new SlackSender(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, SIGNING_SECRET);
      const responseUrl = fake.responseUrl();
      const res = await sender.command({ userId: "UENGLISH", text: "hello", responseUrl });
      expect(res.status).toBe(200);
      const reply = await fake.waitFor(RESPONSE_URL, (c) => c.responseUrl === responseUrl);
      expect(reply.body).toMatchObject({ response_type: "ephemeral", text: "en: hello" });
      expect(fake.callsTo("auth.test").length).toBe(4);
    } finally {
      await adapter.stop();
      server.close();
    }
  });

  it("in Socket Mode opens the connection with the app-level token through SLACK_API_URL", async () => {
    fake.reset();
    const { logger } = capturingLogger();
    const adapter = await createSlackAdapter(slackConfig({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-1-test" }), {
      bot: echoBot,
      http: express(),
      logger,
      defaultLocale: "da",
    });
    // The fake has no WebSocket server and refuses the connection as Slack would a bad app token.
    await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
    const open = fake.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe("xapp-1-test");
    expect(fake.callsTo("auth.test")[0]!.token).toBe("xoxb-test");
  });
});
