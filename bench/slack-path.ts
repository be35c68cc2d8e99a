// The Slack path under load, part of `npm run bench`: Praktikbot and a bare Bolt app (ack + an
// empty modal), each in a worker thread of its own, driven over loopback with signed requests
// from this thread, both calling one local stand-in for the Slack Web API:
//   - `CONCURRENT` users type `/praktik ny` at the same instant, `ROUNDS` times: the command's ack
//     (HTTP answer) and Enter → `views.open` reaching the Slack API, p50 and p99 over all rounds;
//   - then (Praktikbot only), after a few registrations one at a time, the same users submit
//     fresh placement forms at the same instant: view_submission → saved → answered (the HTTP
//     answer comes after the commit);
//   - then a second bare Bolt app that opens Praktikbot's own placement modal instead of an empty
//     one, so the cost of the modal's size is told apart from the bot's; the same users then submit
//     that modal to it at the same instant, and it only acknowledges: the floor of a submission;
//   - for both submission bursts, how long the worker's HTTP thread was busy per submission (its
//     event loop's active time), which bounds how many a second one thread can answer.
// Ratios are against the bare Bolt apps measured in the same run. Numbers only.
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { FakeSlackApi } from "../tests/support/fake-slack-api.js";
import { optionValue } from "../tests/support/slack-harness.js";
import { SlackSender, viewSubmissionPayload } from "../tests/support/slack-requests.js";
import type { SlackPathWorkerData } from "./slack-path-worker.js";

const CONCURRENT = 50;
const ROUNDS = 5;
const WARMUP = 10;
const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
/** Inside Aalborg's 2016 partnership, so the forms' dates are valid. */
const NOW = "2016-10-03T09:00:00Z";

type Json = Record<string, unknown>;
export type Percentiles = { n: number; p50: number; p99: number; perSecond: number };
export type SlackPathFigures = {
  database: string;
  bolt: { ack: Percentiles; open: Percentiles };
  /** Bare Bolt opening Praktikbot's own placement modal instead of an empty one, and acknowledging its submission. */
  boltSameModal: { ack: Percentiles; open: Percentiles; submit: Percentiles; bytes: number };
  praktikbot: { ack: Percentiles; open: Percentiles; submit: Percentiles; saved: number };
  /** Milliseconds the HTTP thread was busy per submission in the burst (its answer and what follows it). */
  busyPerSubmit: { praktikbot: number; bolt: number };
  sequentialOpen: { bolt: number; praktikbot: number };
};

function percentiles(samples: number[], wallMs: number): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { n: samples.length, p50: rank(0.5), p99: rank(0.99), perSecond: (samples.length / wallMs) * 1000 };
}

type BenchWorker = { url: string; worker: Worker; close: () => Promise<void>; busy: <T>(work: () => Promise<T>) => Promise<{ result: T; busyMs: number }> };

/** After the last answer, the work that follows it (the direct message, the channel's post) is given this long to finish. */
const SETTLE_MS = 1_500;

async function startWorker(data: SlackPathWorkerData): Promise<BenchWorker> {
  const worker = new Worker(new URL("./slack-path-worker.ts", import.meta.url), { workerData: data, execArgv: ["--import", "tsx"] });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (m: { url: string }) => resolve(m.url));
  });
  /** Sends `message` and resolves with the `key` of the worker's first reply that has it. */
  const ask = <T>(message: string, key: string) =>
    new Promise<T>((resolve) => {
      const listen = (m: Record<string, unknown>) => {
        if (!(key in m)) return;
        worker.off("message", listen);
        resolve(m[key] as T);
      };
      worker.on("message", listen);
      worker.postMessage(message);
    });
  return {
    url,
    worker,
    /** The milliseconds the worker's HTTP thread was busy over `work` and what follows its answers. */
    busy: async (work) => {
      worker.postMessage("busy-start");
      const result = await work();
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      return { result, busyMs: await ask<number>("busy", "busyMs") };
    },
    close: async () => {
      const errors = await ask<string[]>("errors", "errors");
      worker.postMessage("close");
      await new Promise((resolve) => worker.once("exit", resolve));
      if (errors.length > 0) throw new Error(`${data.kind} logged errors under load:\n${errors.slice(0, 3).join("")}`);
    },
  };
}

let trigger = 0;

/** One `/praktik ny`: when the ack came back and when views.open reached the fake Slack API. */
async function command(fake: FakeSlackApi, sender: SlackSender, userId: string): Promise<{ ack: number; open: number; view: Json; viewId: string }> {
  trigger += 1;
  const triggerId = `${9000 + trigger}.2222.bench${trigger}`;
  const sent = Date.now();
  const started = performance.now();
  const res = await sender.command({ userId, text: "ny", triggerId });
  const ack = performance.now() - started;
  if (res.status !== 200) throw new Error(`/praktik ny answered ${res.status}`);
  const call = await fake.waitFor("views.open", (c) => c.body.trigger_id === triggerId, { timeoutMs: 30_000, since: 0 });
  const viewId = (call.response?.view as Json | undefined)?.id;
  if (typeof viewId !== "string") throw new Error(`views.open failed: ${JSON.stringify(call.response)}`);
  return { ack, open: call.at - sent, view: call.body.view as Json, viewId };
}

async function commandRounds(fake: FakeSlackApi, sender: SlackSender, users: string[]) {
  // Every user has used the bot before the rounds: what is measured is a running deployment.
  for (let i = 0; i < Math.max(WARMUP, users.length); i += 1) await command(fake, sender, users[i % users.length]!);
  const sequential: number[] = [];
  for (let i = 0; i < WARMUP; i += 1) sequential.push((await command(fake, sender, users[i % users.length]!)).open);
  const acks: number[] = [];
  const opens: number[] = [];
  let wall = 0;
  let last: { view: Json; viewId: string }[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    fake.reset();
    const started = performance.now();
    const results = await Promise.all(users.map((u) => command(fake, sender, u)));
    wall += performance.now() - started;
    for (const r of results) {
      acks.push(r.ack);
      opens.push(r.open);
    }
    last = results;
  }
  sequential.sort((a, b) => a - b);
  return { ack: percentiles(acks, wall), open: percentiles(opens, wall), sequential: sequential[Math.floor(sequential.length / 2)]!, last };
}

/** A valid CVR number of its own for each i (the modulus-11 check), so each registration is its own company. */
function benchCvr(i: number): string {
  const weights = [2, 7, 6, 5, 4, 3, 2];
  for (let n = 3_000_000 + i * 3; ; n += 1) {
    const digits = String(n);
    const sum = [...digits].reduce((acc, d, k) => acc + Number(d) * weights[k]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return `${digits}${check}`;
  }
}

function placementValues(view: Json, i: number): Record<string, string | string[]> {
  return {
    organisationId: optionValue(view, "organisationId", "Dansk Industri Aalborg"),
    companyName: `Bench Byg ${i} ApS`,
    cvr: benchCvr(i),
    shortageSector: "yes",
    sector: "construction",
    typeId: optionValue(view, "typeId", "Virksomhedspraktik", /Aalborg/),
    places: "1",
    startDate: "2016-10-10",
    contactPerson: "Hanne Jensen",
    needs: [],
    // One company and workplace each, as 50 partners registering at once would be: the ratio
    // rule's lock is per P-nummer.
    pNumber: String(1_100_000_000 + i),
    ordinaryEmployees: "20",
    benefitGroup: "introduktionsprogram",
    purpose: "skills",
    representativeName: "Jens Tillid",
    representativeConfirmed: "yes",
  };
}

/** Every user submits the form they opened at the same instant: how long each answer took. */
async function submitAll(sender: SlackSender, users: string[], forms: { view: Json; viewId: string }[]) {
  const submits: number[] = [];
  const started = performance.now();
  const answers = await Promise.all(
    forms.map(async (opened, i) => {
      const payload = viewSubmissionPayload({ userId: users[i]!, viewId: opened.viewId, view: opened.view, values: placementValues(opened.view, i) });
      const t0 = performance.now();
      const res = await sender.interact(payload);
      submits.push(performance.now() - t0);
      return res;
    }),
  );
  return { answers, submit: percentiles(submits, performance.now() - started) };
}

/** Runs the Slack path on PGlite, or on the PostgreSQL server TEST_DATABASE_URL names when set. */
export async function measureSlackPath(): Promise<SlackPathFigures> {
  const fake = await FakeSlackApi.start();
  const users = Array.from({ length: CONCURRENT }, (_, i) => `UBENCH${String(i).padStart(3, "0")}`);
  const data = { apiUrl: fake.url, signingSecret: SIGNING_SECRET, admins: users, now: NOW };
  try {
    const bolt = await startWorker({ kind: "bolt", ...data });
    const boltRounds = await commandRounds(fake, new SlackSender(bolt.url, SIGNING_SECRET, () => fake.responseUrl()), users);
    await bolt.close();

    const bot = await startWorker({ kind: "praktikbot", ...data });
    const sender = new SlackSender(bot.url, SIGNING_SECRET, () => fake.responseUrl());
    const botRounds = await commandRounds(fake, sender, users);
    // A running deployment has registered placements before: a few, one at a time, then every
    // user opens a fresh form for the measured burst.
    for (let i = 0; i < WARMUP; i += 1) {
      const opened = botRounds.last[i]!;
      const res = await sender.interact(
        viewSubmissionPayload({ userId: users[i]!, viewId: opened.viewId, view: opened.view, values: placementValues(opened.view, CONCURRENT + i) }),
      );
      if (res.status !== 200) throw new Error(`a warm-up submission answered ${res.status}`);
    }
    const forms = await Promise.all(users.map((u) => command(fake, sender, u)));
    const {
      result: { answers, submit },
      busyMs: botBusy,
    } = await bot.busy(() => submitAll(sender, users, forms));
    const refused = answers.filter((a) => a.status !== 200 || (a.json as Json | undefined)?.response_action === "errors");
    if (refused.length > 0) {
      // close() says what the bot logged, which is the cause.
      const closed = await bot.close().then(
        () => "",
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      throw new Error(`${refused.length} submissions refused: ${JSON.stringify(refused[0]?.json ?? refused[0]?.status)}\n${closed}`);
    }
    await bot.close();

    // The second baseline: bare Bolt opening the very modal Praktikbot opened.
    const sameModal = botRounds.last[0]!.view;
    const boltSame = await startWorker({ kind: "bolt", ...data, view: sameModal });
    const boltSameSender = new SlackSender(boltSame.url, SIGNING_SECRET, () => fake.responseUrl());
    const boltSameRounds = await commandRounds(fake, boltSameSender, users);
    const { result: boltSameSubmits, busyMs: boltBusy } = await boltSame.busy(() => submitAll(boltSameSender, users, boltSameRounds.last));
    if (boltSameSubmits.answers.some((a) => a.status !== 200)) throw new Error("bare Bolt refused a submission");
    await boltSame.close();
    return {
      database: process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite",
      bolt: { ack: boltRounds.ack, open: boltRounds.open },
      boltSameModal: { ack: boltSameRounds.ack, open: boltSameRounds.open, submit: boltSameSubmits.submit, bytes: JSON.stringify(sameModal).length },
      praktikbot: { ack: botRounds.ack, open: botRounds.open, submit, saved: answers.length },
      sequentialOpen: { bolt: boltRounds.sequential, praktikbot: botRounds.sequential },
      busyPerSubmit: { praktikbot: botBusy / CONCURRENT, bolt: boltBusy / CONCURRENT },
    };
  } finally {
    await fake.close();
  }
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

/** The figures as lines of text. */
export function slackPathLines(f: SlackPathFigures): string[] {
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  return [
    `Slack path on ${f.database}, ${CONCURRENT} concurrent users × ${ROUNDS} rounds (bare Bolt: ack + empty modal, same fake Slack API)`,
    `  Enter → views.open   Praktikbot p50 ${ms(f.praktikbot.open.p50)}, p99 ${ms(f.praktikbot.open.p99)} | bare Bolt p50 ${ms(f.bolt.open.p50)}, p99 ${ms(f.bolt.open.p99)} | p50 ratio ${ratio(f.praktikbot.open.p50, f.bolt.open.p50)}`,
    `  command ack          Praktikbot p50 ${ms(f.praktikbot.ack.p50)}, p99 ${ms(f.praktikbot.ack.p99)} (${f.praktikbot.ack.perSecond.toFixed(0)}/s) | bare Bolt p50 ${ms(f.bolt.ack.p50)}, p99 ${ms(f.bolt.ack.p99)} (${f.bolt.ack.perSecond.toFixed(0)}/s)`,
    `  same modal           bare Bolt opening Praktikbot's placement modal (${(f.boltSameModal.bytes / 1024).toFixed(0)} KB): Enter → views.open p50 ${ms(f.boltSameModal.open.p50)}, p99 ${ms(f.boltSameModal.open.p99)}; ack p50 ${ms(f.boltSameModal.ack.p50)} | Praktikbot's p50 ratio ${ratio(f.praktikbot.open.p50, f.boltSameModal.open.p50)}`,
    `  one user at a time   Enter → views.open: Praktikbot ${ms(f.sequentialOpen.praktikbot)} | bare Bolt ${ms(f.sequentialOpen.bolt)} (medians)`,
    `  view_submission → saved → answered, ${f.praktikbot.saved} at once: p50 ${ms(f.praktikbot.submit.p50)}, p99 ${ms(f.praktikbot.submit.p99)} (${f.praktikbot.submit.perSecond.toFixed(0)}/s) | bare Bolt acknowledging the same submissions: p50 ${ms(f.boltSameModal.submit.p50)}, p99 ${ms(f.boltSameModal.submit.p99)} (${f.boltSameModal.submit.perSecond.toFixed(0)}/s) | p99 ratio ${ratio(f.praktikbot.submit.p99, f.boltSameModal.submit.p99)}`,
    `  the same, HTTP thread busy per submission (its answer and the work after it): Praktikbot ${f.busyPerSubmit.praktikbot.toFixed(1)} ms | bare Bolt ${f.busyPerSubmit.bolt.toFixed(1)} ms | ratio ${ratio(f.busyPerSubmit.praktikbot, f.busyPerSubmit.bolt)}`,
  ];
}
