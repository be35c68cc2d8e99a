// Every request to POST /slack/events is checked here before Bolt sees it: Slack's signature
// (v0 HMAC-SHA256 of `v0:${timestamp}:${body}` under the signing secret), a timestamp at most
// five minutes from our clock in either direction (Bolt's own check only refuses old ones), and
// a body that is one of the shapes the handlers read. A forgery or replay gets 401, a signed
// but malformed body 400, each with the cause in the log; nothing of either reaches the bot.
import { createHmac, timingSafeEqual } from "node:crypto";
import { parse as parseQuery } from "node:querystring";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { workspaceOf, ZBlockActions, ZSlashCommand, ZViewSubmission } from "./payloads.js";

/** Slack: "If the X-Slack-Request-Timestamp is more than five minutes from local time, it could be a replay attack". */
const MAX_SKEW_SECONDS = 5 * 60;
/** Slack's payloads are small; a modal with every field full stays far below this. */
const BODY_LIMIT_BYTES = 1_000_000;

export type SlackVerifierOptions = {
  signingSecret: string;
  logger: Logger;
  /** The clock the timestamp is compared with; the real one unless a test says otherwise. */
  now?: () => Date;
};

type Verdict = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 401 | 413; cause: string };

/** Checks one request: its raw body and headers. Pure, so the rules are tested without a server. */
export function verifySlackRequest(
  secret: string,
  raw: string,
  headers: { timestamp?: string | undefined; signature?: string | undefined; contentType?: string | undefined },
  now: Date,
): Verdict {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, status: 401, cause: "signature or timestamp header missing" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, cause: "timestamp is not a number of seconds" };
  const skew = Number(timestamp) - Math.floor(now.getTime() / 1000);
  if (skew < -MAX_SKEW_SECONDS) return { ok: false, status: 401, cause: "timestamp more than five minutes old" };
  if (skew > MAX_SKEW_SECONDS) return { ok: false, status: 401, cause: "timestamp more than five minutes ahead" };
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${raw}`).digest("hex")}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 401, cause: "signature mismatch" };
  return readBody(raw, headers.contentType);
}

/** The signed body as the handlers will read it, or why it cannot be one. */
function readBody(raw: string, contentType: string | undefined): Verdict {
  const bad = (cause: string): Verdict => ({ ok: false, status: 400, cause });
  let body: unknown;
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  try {
    if (type === "application/x-www-form-urlencoded") {
      const form = parseQuery(raw);
      if ("payload" in form) {
        if (typeof form.payload !== "string") return bad("payload given more than once");
        body = JSON.parse(form.payload);
      } else {
        body = form;
      }
    } else if (type === "application/json") {
      body = JSON.parse(raw);
    } else {
      return bad(`content type ${type || "missing"}`);
    }
  } catch {
    return bad("payload is not JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) return bad("payload is not an object");
  const record = body as Record<string, unknown>;
  const shape = knownShape(record);
  if (shape) return bad(shape);
  return { ok: true, body: record };
}

/** For the kinds the handlers read, the reason the body is not that kind; undefined when it is (or is another kind). */
function knownShape(body: Record<string, unknown>): string | undefined {
  const check = (name: string, parsed: { success: boolean; data?: unknown; error?: { issues: readonly { path: readonly PropertyKey[] }[] } }) => {
    if (!parsed.success) {
      const paths = (parsed.error?.issues ?? []).slice(0, 5).map((i) => i.path.map(String).join(".") || "(root)");
      return `${name} without the fields it needs: ${paths.join(", ")}`;
    }
    const data = parsed.data as { team?: { id: string } | null; user?: { team_id?: string } };
    if (data.user && !workspaceOf({ team: data.team ?? null, user: data.user })) return `${name} without a workspace`;
    return undefined;
  };
  if (body.type === "view_submission") return check("view submission", ZViewSubmission.safeParse(body));
  if (body.type === "block_actions") return check("block action", ZBlockActions.safeParse(body));
  if ("command" in body) return check("slash command", ZSlashCommand.safeParse(body));
  if (typeof body.type !== "string" && !("ssl_check" in body)) return "payload has no type";
  return undefined;
}

/** Express middleware for POST /slack/events, in front of Bolt's receiver. */
export function slackVerifier(options: SlackVerifierOptions): RequestHandler {
  const now = options.now ?? (() => new Date());
  return (req, res, next) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        refused = true;
        options.logger.warn({ status: 413, bytes: size }, "Slack request refused: body too large");
        res.status(413).end();
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", (error) => {
      if (refused) return;
      refused = true;
      options.logger.warn({ err: error, status: 400 }, "Slack request refused: body could not be read");
      if (!res.headersSent) res.status(400).end();
    });
    req.on("end", () => {
      if (refused) return;
      const raw = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const verdict = verifySlackRequest(
        options.signingSecret,
        raw,
        { timestamp: header("x-slack-request-timestamp"), signature: header("x-slack-signature"), contentType: header("content-type") },
        now(),
      );
      if (!verdict.ok) {
        options.logger.warn({ status: verdict.status, cause: verdict.cause }, "Slack request refused");
        res.status(verdict.status).end();
        return;
      }
      // Bolt reads the body it is handed (rawBody) rather than the spent stream; the parsed body
      // is what the handlers get.
      Object.assign(req, { rawBody: Buffer.from(raw, "utf8"), body: verdict.body });
      next();
    });
  };
}
