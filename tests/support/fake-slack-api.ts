// A local stand-in for Slack's Web API (https://slack.com/api/<method>): answers the methods the
// adapter calls the way Slack does, records every call, checks views and messages against
// Slack's limits, and can be told to fail. Point SLACK_API_URL at `url`. It also serves the
// response URLs that slash commands and message buttons carry (`${url}response/<id>`, see
// responseUrl()), recorded as calls to RESPONSE_URL.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The `method` of a recorded post to a response URL. */
export const RESPONSE_URL = "response_url";

/** Slack takes at most this many posts to one response URL. */
const RESPONSE_URL_USES = 5;

export type RecordedCall = {
  /** The Web API method, or RESPONSE_URL for a post to a response URL. */
  method: string;
  /** The parsed body: form fields (JSON-valued ones such as view and blocks decoded) or JSON. */
  body: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** The HTTP status the fake answered with. */
  status: number;
  /** What a Web API method answered (undefined when it failed with an HTTP status). */
  response?: Record<string, unknown>;
  /** What a response URL answered: "ok", or Slack's error code (see status). */
  answerText?: string;
  /** For RESPONSE_URL: the full URL posted to. */
  responseUrl?: string;
};

export type Failure =
  /** An HTTP status other than 200 (Slack's 5xx), optionally with Retry-After for 429. */
  | { status: number; retryAfter?: number; times?: number }
  /** An `{ ok: false, error }` answer, e.g. channel_not_found; a response URL answers HTTP 404 and the code. */
  | { error: string; times?: number };

/** A workspace (or an org-wide organisation) that can install the app: oauth.v2.access answers its code. */
export type FakeWorkspace = {
  teamId: string;
  teamName?: string;
  /** The bot token Slack hands this workspace's installation. */
  token: string;
  /** The code Slack puts in the redirect after the person allowed the app. */
  code: string;
  installerId?: string;
  botUserId?: string;
  botId?: string;
  /** An org-wide install: the organisation, and the team is absent from the answer. */
  enterprise?: { id: string; name: string };
};

export type FakeUser = { locale?: string; name?: string; realName?: string; displayName?: string; teamId?: string };

type Json = Record<string, unknown>;

/** The file in an upload: the web client posts it as multipart form data (a raw body is taken as is). */
async function uploadedBytes(body: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith("multipart/form-data")) return body;
  const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  const file = [...form.values()].find((v) => typeof v !== "string");
  return file && typeof file !== "string" ? Buffer.from(await file.arrayBuffer()) : body;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  /** Views opened or updated, by id, as the adapter sent them. */
  readonly views = new Map<string, Json>();
  private readonly failures = new Map<string, Required<Pick<Failure, "times">> & Failure>();
  private readonly users = new Map<string, FakeUser>();
  private viewCounter = 0;
  private tsCounter = 0;
  private responseCounter = 0;
  private readonly responseUses = new Map<string, number>();
  /** Files announced with files.getUploadURLExternal, by id; `data` once posted to the upload URL. */
  readonly uploads = new Map<string, { filename: string; length: number; data?: Buffer; channelId?: string; title?: string }>();
  private fileCounter = 0;
  private readonly workspacesByToken = new Map<string, FakeWorkspace>();
  private readonly workspacesByCode = new Map<string, FakeWorkspace>();
  private readonly revoked = new Set<string>();
  /** The OAuth credentials oauth.v2.access accepts. */
  oauthClient = { id: "1111.2222", secret: "fake-client-secret" };

  private constructor(
    private readonly server: Server,
    /** Base URL in the form Bolt expects, ending in a slash: http://127.0.0.1:PORT/api/ */
    readonly url: string,
    readonly teamId: string,
  ) {}

  static async start(opts: { teamId?: string } = {}): Promise<FakeSlackApi> {
    let fake: FakeSlackApi | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlackApi(server, `http://127.0.0.1:${port}/api/`, opts.teamId ?? "T0001");
    return fake;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }

  /** A workspace that can install the app, with its own bot token. */
  addWorkspace(workspace: FakeWorkspace): void {
    this.workspacesByToken.set(workspace.token, workspace);
    this.workspacesByCode.set(workspace.code, workspace);
  }

  /** From now on Slack answers this token with token_revoked (the app was uninstalled). */
  revokeToken(token: string): void {
    this.revoked.add(token);
  }

  /** Every Web API call made with this token. */
  callsWithToken(token: string): RecordedCall[] {
    return this.calls.filter((c) => c.token === token);
  }

  setUser(id: string, user: FakeUser): void {
    this.users.set(id, user);
  }

  /** A fresh response URL on this fake, as Slack puts in a slash command or a button click. */
  responseUrl(kind = "commands"): string {
    this.responseCounter += 1;
    return `${this.url}response/${kind}-${this.responseCounter}`;
  }

  /** Posts to this response URL, in order. */
  postsTo(responseUrl: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === RESPONSE_URL && c.responseUrl === responseUrl);
  }

  /** The next `times` (default 1) calls to `method` (a Web API method or RESPONSE_URL) fail this way. */
  fail(method: string, failure: Failure): void {
    this.failures.set(method, { times: 1, ...failure });
  }

  /** Forgets recorded calls and pending failures (users stay). */
  reset(): void {
    this.calls.length = 0;
    this.failures.clear();
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits for a call to `method` (after `since` calls were recorded) that matches `match`. */
  async waitFor(method: string, match: (call: RecordedCall) => boolean = () => true, opts: { timeoutMs?: number; since?: number } = {}): Promise<RecordedCall> {
    const deadline = Date.now() + (opts.timeoutMs ?? 5000);
    for (;;) {
      const found = this.calls.slice(opts.since ?? 0).find((c) => c.method === method && match(c));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`no ${method} call within ${opts.timeoutMs ?? 5000} ms; calls: ${this.calls.map((c) => c.method).join(", ") || "none"}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const bytes = await readBody(req);
    if (path.startsWith("upload/")) return this.handleUpload(path.slice("upload/".length), await uploadedBytes(bytes, req.headers["content-type"]), res);
    const raw = bytes.toString("utf8");
    const body = parseBody(raw, req.headers["content-type"]);
    if (path.startsWith("response/")) return this.handleResponseUrl(`${this.url}${path}`, body, res);
    const method = path;
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : typeof body.token === "string" ? body.token : undefined;
    const call: RecordedCall = { method, body, token, at: Date.now(), status: 200 };
    this.calls.push(call);
    if (method === "oauth.v2.access") {
      call.response = this.oauthAccess(body, auth);
      return send(res, call.response);
    }
    if (token && this.revoked.has(token)) {
      call.response = { ok: false, error: "token_revoked" };
      return send(res, call.response);
    }

    const failure = this.failures.get(method);
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures.delete(method);
      if ("status" in failure) {
        const headers: Record<string, string> = { "content-type": "text/plain" };
        if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
        call.status = failure.status;
        res.writeHead(failure.status, headers).end("fake failure");
        return;
      }
      call.response = { ok: false, error: failure.error };
      return send(res, call.response);
    }
    // Socket Mode opens its connection with the app-level token; everything else uses the bot token.
    const tokenPrefix = method === "apps.connections.open" ? "xapp-" : "xoxb-";
    call.response = token?.startsWith(tokenPrefix) ? this.answer(method, body, token) : { ok: false, error: "not_authed" };
    send(res, call.response);
  }

  /** Slack's answer to the grant exchange: the client's credentials (form fields or Basic auth) and a code it has not seen used. */
  private oauthAccess(body: Json, auth: string | undefined): Json {
    const basic = auth?.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString("utf8").split(":") : undefined;
    const clientId = basic?.[0] ?? body.client_id;
    const clientSecret = basic?.[1] ?? body.client_secret;
    if (clientId !== this.oauthClient.id) return { ok: false, error: "invalid_client_id" };
    if (clientSecret !== this.oauthClient.secret) return { ok: false, error: "bad_client_secret" };
    const workspace = typeof body.code === "string" ? this.workspacesByCode.get(body.code) : undefined;
    if (!workspace) return { ok: false, error: "invalid_code" };
    // A code is good once.
    this.workspacesByCode.delete(workspace.code);
    return {
      ok: true,
      app_id: "A0001",
      authed_user: { id: workspace.installerId ?? "UINSTALLER" },
      scope: "commands,chat:write,chat:write.public,files:write,im:write,users:read",
      token_type: "bot",
      access_token: workspace.token,
      bot_user_id: workspace.botUserId ?? "UBOT",
      team: workspace.enterprise ? null : { id: workspace.teamId, name: workspace.teamName ?? workspace.teamId },
      enterprise: workspace.enterprise ?? null,
      is_enterprise_install: workspace.enterprise !== undefined,
    };
  }

  /**
   * A post to a response URL, answered as Slack answers them, in plain text: 200 "ok", or an
   * error status with the error code (400 invalid_blocks, 404 used_url after RESPONSE_URL_USES
   * posts). No token: the URL is the credential.
   */
  private handleResponseUrl(responseUrl: string, body: Json, res: ServerResponse): void {
    const call: RecordedCall = { method: RESPONSE_URL, body, token: undefined, at: Date.now(), status: 200, responseUrl };
    this.calls.push(call);
    const [status, text] = this.responseUrlAnswer(responseUrl, body);
    call.status = status;
    call.answerText = text;
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
  }

  private responseUrlAnswer(responseUrl: string, body: Json): [status: number, text: string] {
    const failure = this.failures.get(RESPONSE_URL);
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures.delete(RESPONSE_URL);
      return "status" in failure ? [failure.status, "fake failure"] : [404, failure.error];
    }
    const uses = (this.responseUses.get(responseUrl) ?? 0) + 1;
    this.responseUses.set(responseUrl, uses);
    if (uses > RESPONSE_URL_USES) return [404, "used_url"];
    if (body.response_type !== undefined && body.response_type !== "ephemeral" && body.response_type !== "in_channel") {
      return [400, "invalid_response_type"];
    }
    if (checkMessage(body)) return [400, "invalid_blocks"];
    return [200, "ok"];
  }

  /** The bytes of a file, posted to the upload URL files.getUploadURLExternal gave. */
  private handleUpload(fileId: string, data: Buffer, res: ServerResponse): void {
    const upload = this.uploads.get(fileId);
    this.calls.push({ method: "upload", body: { fileId, length: data.length }, token: undefined, at: Date.now(), status: upload ? 200 : 404 });
    if (!upload) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    upload.data = data;
    res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${data.length}`);
  }

  private answer(method: string, body: Json, token: string | undefined): Json {
    const workspace = token ? this.workspacesByToken.get(token) : undefined;
    const teamId = workspace?.teamId ?? this.teamId;
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://praktik-test.slack.com/",
          team: workspace?.teamName ?? "Praktik Test",
          user: "praktikbot",
          team_id: teamId,
          ...(workspace?.enterprise ? { enterprise_id: workspace.enterprise.id, is_enterprise_install: true } : {}),
          user_id: workspace?.botUserId ?? "UBOT",
          bot_id: workspace?.botId ?? "BBOT",
        };
      case "users.info": {
        const id = String(body.user ?? "");
        if (!id) return { ok: false, error: "user_not_found" };
        const u = this.users.get(id) ?? {};
        const user: Json = {
          id,
          team_id: u.teamId ?? teamId,
          name: u.name ?? id.toLowerCase(),
          real_name: u.realName ?? u.name ?? id,
          profile: { display_name: u.displayName ?? "", real_name: u.realName ?? u.name ?? id },
        };
        if (body.include_locale === true || body.include_locale === "true") user.locale = u.locale ?? "da-DK";
        return { ok: true, user };
      }
      case "views.open":
      case "views.push":
      case "views.update": {
        const view = body.view;
        const problem = checkView(view);
        if (problem) return invalid(problem);
        if (method === "views.open" && !body.trigger_id) return { ok: false, error: "invalid_trigger_id" };
        let id = typeof body.view_id === "string" ? body.view_id : undefined;
        if (method === "views.update" && (!id || !this.views.has(id))) return { ok: false, error: "not_found" };
        id ??= `V${String(++this.viewCounter).padStart(6, "0")}`;
        this.views.set(id, view as Json);
        return { ok: true, view: { ...(view as Json), id, team_id: teamId, hash: `hash-${id}-${Date.now()}`, state: { values: {} } } };
      }
      case "chat.postMessage":
      case "chat.postEphemeral": {
        if (!body.channel) return { ok: false, error: "channel_not_found" };
        if (method === "chat.postEphemeral" && !body.user) return { ok: false, error: "user_not_found" };
        const problem = checkMessage(body);
        if (problem) return invalid(problem);
        const ts = `1700000000.${String(++this.tsCounter).padStart(6, "0")}`;
        if (method === "chat.postEphemeral") return { ok: true, message_ts: ts };
        const channel = String(body.channel).startsWith("U") ? `D${String(body.channel).slice(1)}` : body.channel;
        return { ok: true, channel, ts, message: { type: "message", text: body.text, blocks: body.blocks, ts } };
      }
      case "chat.update": {
        if (!body.channel || !body.ts) return { ok: false, error: "message_not_found" };
        const problem = checkMessage(body);
        if (problem) return invalid(problem);
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      }
      case "files.getUploadURLExternal": {
        const length = Number(body.length);
        if (!body.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: "invalid_arguments" };
        const id = `F${String(++this.fileCounter).padStart(6, "0")}`;
        this.uploads.set(id, { filename: String(body.filename), length });
        return { ok: true, upload_url: `${this.url}upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const files = (typeof body.files === "string" ? tryJson(body.files) : body.files) as { id: string; title?: string }[] | undefined;
        if (!Array.isArray(files) || files.length === 0) return { ok: false, error: "invalid_arguments" };
        for (const f of files) {
          const upload = this.uploads.get(f.id);
          if (!upload?.data || upload.data.length !== upload.length) return { ok: false, error: "file_not_found" };
        }
        const channelId = typeof body.channel_id === "string" ? body.channel_id : undefined;
        for (const f of files) Object.assign(this.uploads.get(f.id)!, { channelId, title: f.title });
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title, name: this.uploads.get(f.id)!.filename })) };
      }
      case "apps.connections.open":
        // No WebSocket server here: tests of Socket Mode stop at the connection request.
        return { ok: false, error: "invalid_auth" };
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(body.users ?? "").replace(/^U/, "")}` } };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function send(res: ServerResponse, payload: Json): void {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(payload));
}

function invalid(problem: string): Json {
  return { ok: false, error: "invalid_arguments", response_metadata: { messages: [`[ERROR] ${problem}`] } };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(raw: string, contentType: string | undefined): Json {
  if (contentType?.includes("application/json")) return raw ? (JSON.parse(raw) as Json) : {};
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const textOf = (value: unknown): string => (value && typeof value === "object" && "text" in value ? String((value as Json).text) : "");

/** The limits Slack enforces on a modal view; the first one broken, if any. */
export function checkView(view: unknown): string | undefined {
  if (!view || typeof view !== "object") return "view is required";
  const v = view as Json;
  if (v.type !== "modal") return "view.type must be modal";
  if (!textOf(v.title) || textOf(v.title).length > 24) return "view.title must be 1-24 characters";
  for (const key of ["submit", "close"]) if (v[key] && textOf(v[key]).length > 24) return `view.${key} must be at most 24 characters`;
  if (typeof v.private_metadata === "string" && v.private_metadata.length > 3000) return "private_metadata must be at most 3000 characters";
  if (typeof v.callback_id === "string" && v.callback_id.length > 255) return "callback_id must be at most 255 characters";
  const blocks = Array.isArray(v.blocks) ? (v.blocks as Json[]) : [];
  if (blocks.length > 100) return "a modal takes at most 100 blocks";
  const hasInput = blocks.some((b) => b.type === "input");
  if (hasInput && !v.submit) return "a modal with inputs needs a submit button";
  return checkBlocks(blocks, "modal");
}

/** The limits Slack enforces on a message's blocks. */
export function checkMessage(body: Json): string | undefined {
  if (typeof body.text !== "string" && !Array.isArray(body.blocks)) return "text or blocks required";
  const blocks = Array.isArray(body.blocks) ? (body.blocks as Json[]) : [];
  if (blocks.length > 50) return "a message takes at most 50 blocks";
  if (blocks.some((b) => b.type === "input")) return "input blocks belong in modals";
  return checkBlocks(blocks, "message");
}

function checkBlocks(blocks: Json[], where: string): string | undefined {
  const ids = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    const at = `${where} block ${i} (${String(b.type)})`;
    if (typeof b.block_id === "string") {
      if (ids.has(b.block_id)) return `${at}: duplicate block_id ${b.block_id}`;
      ids.add(b.block_id);
    }
    if (b.type === "section") {
      if (!b.text && !b.fields) return `${at}: needs text or fields`;
      if (b.text && (textOf(b.text).length === 0 || textOf(b.text).length > 3000)) return `${at}: text must be 1-3000 characters`;
      const fields = Array.isArray(b.fields) ? (b.fields as Json[]) : [];
      if (fields.length > 10) return `${at}: at most 10 fields`;
      if (fields.some((f) => textOf(f).length > 2000)) return `${at}: a field takes at most 2000 characters`;
    }
    if (b.type === "header" && (textOf(b.text).length === 0 || textOf(b.text).length > 150)) return `${at}: header text must be 1-150 characters`;
    if (b.type === "context") {
      const elements = Array.isArray(b.elements) ? (b.elements as Json[]) : [];
      if (elements.length === 0 || elements.length > 10) return `${at}: 1-10 elements`;
    }
    if (b.type === "actions") {
      const elements = Array.isArray(b.elements) ? (b.elements as Json[]) : [];
      if (elements.length === 0 || elements.length > 25) return `${at}: 1-25 elements`;
      if (elements.some((e) => textOf(e.text).length > 75)) return `${at}: button text at most 75 characters`;
    }
    if (b.type === "input") {
      const problem = checkInput(b);
      if (problem) return `${at}: ${problem}`;
    }
  }
  return undefined;
}

function checkInput(b: Json): string | undefined {
  if (!textOf(b.label) || textOf(b.label).length > 2000) return "label must be 1-2000 characters";
  if (b.hint && textOf(b.hint).length > 2000) return "hint must be at most 2000 characters";
  const e = (b.element ?? {}) as Json;
  if (!e.type) return "element is required";
  const options = [
    ...(Array.isArray(e.options) ? (e.options as Json[]) : []),
    ...(Array.isArray(e.option_groups) ? (e.option_groups as Json[]).flatMap((g) => (Array.isArray(g.options) ? (g.options as Json[]) : [])) : []),
  ];
  if (["static_select", "multi_static_select", "radio_buttons", "checkboxes"].includes(String(e.type))) {
    if (options.length === 0) return "options are required";
    if (Array.isArray(e.options) && (e.options as Json[]).length > 100) return "at most 100 options";
    if ((e.type === "radio_buttons" || e.type === "checkboxes") && options.length > 10) return `${String(e.type)} take at most 10 options`;
    if (options.some((o) => textOf(o.text).length > 75)) return "option text at most 75 characters";
    if (options.some((o) => typeof o.value !== "string" || o.value.length > 150)) return "option value at most 150 characters";
    const initial = [e.initial_option, ...(Array.isArray(e.initial_options) ? e.initial_options : [])].filter(Boolean) as Json[];
    for (const chosen of initial) {
      if (!options.some((o) => o.value === chosen.value && textOf(o.text) === textOf(chosen.text))) return "initial option must be one of the options";
    }
  }
  if (e.type === "plain_text_input") {
    const max = typeof e.max_length === "number" ? e.max_length : 3000;
    if (max > 3000) return "max_length at most 3000";
    if (typeof e.initial_value === "string" && e.initial_value.length > max) return "initial_value longer than max_length";
  }
  if (e.type === "datepicker" && e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(e.initial_date))) return "initial_date must be YYYY-MM-DD";
  return undefined;
}
