import { type EventLoopUtilization, performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { App, HTTPReceiver, LogLevel, type types } from "@slack/bolt";
import { startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createTestDatabase } from "../tests/support/database.js";
import { collectingLogger } from "./bench-data.js";

export type SlackPathWorkerData = {
  kind: "praktikbot" | "bolt";
  apiUrl: string;
  signingSecret: string;
  admins: string[];
  now: string;
  /** The modal bare Bolt opens: an empty one unless given (Praktikbot's own, for the second baseline). */
  view?: Record<string, unknown>;
};

const EMPTY_MODAL = { type: "modal", title: { type: "plain_text", text: "Praktikbot" }, blocks: [{ type: "section", text: { type: "mrkdwn", text: "…" } }] };

const data = workerData as SlackPathWorkerData;
const port = parentPort;
if (!port) throw new Error("bench/slack-path-worker.ts runs as a worker thread");

const { logger, errors } = collectingLogger();

async function startPraktikbot(): Promise<{ url: string; close: () => Promise<void> }> {
  const db = await createTestDatabase();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: "memory://",
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: data.signingSecret,
    SLACK_API_URL: data.apiUrl,
    BOT_ADMINS: data.admins.join(","),
    LOG_LEVEL: "error",
  });
  const app = await startApp(config, { logger, database: db, clock: () => new Date(data.now), jobs: "manual" });
  return {
    url: app.url,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

async function startBareBolt(): Promise<{ url: string; close: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: data.signingSecret, endpoints: "/slack/events" });
  const app = new App({ token: "xoxb-bench", receiver, clientOptions: { slackApiUrl: data.apiUrl }, logLevel: LogLevel.ERROR });
  app.command(/^\/praktik/, async ({ ack, body, client }) => {
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      // Praktikbot's own modal, as the fake Slack API received and checked it, or the empty one.
      view: (data.view ?? EMPTY_MODAL) as unknown as types.View,
    });
  });
  // The floor of a submission: the request read, checked and parsed, and an empty acknowledgement.
  app.view(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = await app.start({ port: 0, host: "127.0.0.1" });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the bare Bolt app is not listening on a port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.stop();
    },
  };
}

const started = data.kind === "praktikbot" ? await startPraktikbot() : await startBareBolt();
port.postMessage({ url: started.url });
// The busy time of this thread (the one that serves HTTP) between "busy-start" and "busy": what it
// spent working, not waiting, whatever else runs on the machine.
let busySince: EventLoopUtilization = performance.eventLoopUtilization();
port.on("message", (message: unknown) => {
  if (message === "errors") port.postMessage({ errors: errors.splice(0) });
  if (message === "busy-start") busySince = performance.eventLoopUtilization();
  if (message === "busy") port.postMessage({ busyMs: performance.eventLoopUtilization(busySince).active });
  if (message === "close") void started.close().then(() => port.close());
});
