// A stand-in for the Bot Framework connector (smba.trafficmanager.net) on 127.0.0.1: the Teams SDK
// sends its replies to the activity's serviceUrl, so tests point serviceUrl here and read back
// what the bot said. Routes the SDK calls are recorded; anything else is recorded as unknown
// and printed, so a new SDK call shows up instead of failing silently.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ConnectorCall = {
  method: string;
  path: string;
  kind: "send" | "reply" | "update" | "delete" | "unknown";
  conversationId: string | undefined;
  activityId: string | undefined;
  body: Record<string, unknown> | undefined;
  /** The id the fake answered with (sends and replies). */
  answeredId: string | undefined;
  status: number;
};

export type FakeTeamsConnector = {
  /** Base URL to use as the activities' serviceUrl. */
  url: string;
  calls: ConnectorCall[];
  /** Calls that delivered an activity (send, reply, update), in order. */
  activities(conversationId?: string): ConnectorCall[];
  /** Routes the fake does not know; should stay empty. */
  unknown: ConnectorCall[];
  /** The next `count` activity calls answer with this status (default one 500), with Retry-After (seconds) when given. */
  failNext(count?: number, status?: number, retryAfter?: number): void;
  /** Waits until `count` activity calls arrived after `since` (an index into calls). */
  waitForActivities(count: number, since?: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  clear(): void;
  close(): Promise<void>;
};

export async function startFakeTeamsConnector(opts: { quiet?: boolean } = {}): Promise<FakeTeamsConnector> {
  const calls: ConnectorCall[] = [];
  const unknown: ConnectorCall[] = [];
  let failures: { remaining: number; status: number; retryAfter?: number } = { remaining: 0, status: 500 };
  let nextId = 1;
  const waiters = new Set<() => void>();

  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(req, res, raw))
      .catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "FakeConnectorError", message: String(error) } }));
      });
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const body = parseJson(raw);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(path);
    const conversationId = match?.[1] ? decodeURIComponent(match[1]) : undefined;
    const activityId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
    let kind: ConnectorCall["kind"] = "unknown";
    if (match && method === "POST") kind = activityId ? "reply" : "send";
    else if (match && activityId && method === "PUT") kind = "update";
    else if (match && activityId && method === "DELETE") kind = "delete";

    const call: ConnectorCall = { method, path, kind, conversationId, activityId, body, answeredId: undefined, status: 200 };
    if (kind === "unknown") {
      unknown.push(call);
      calls.push(call);
      if (!opts.quiet) console.warn(`fake Teams connector: unknown route ${method} ${path}`);
      respond(res, 404, { error: { code: "NotFound", message: `fake connector has no ${method} ${path}` } });
      return notify();
    }
    if (failures.remaining > 0) {
      failures.remaining -= 1;
      call.status = failures.status;
      calls.push(call);
      const headers: Record<string, string> = failures.retryAfter !== undefined ? { "retry-after": String(failures.retryAfter) } : {};
      respond(res, failures.status, { error: { code: "ServiceError", message: "fake connector was told to fail" } }, headers);
      return notify();
    }
    if (kind === "send" || kind === "reply") call.answeredId = `fake-activity-${nextId++}`;
    calls.push(call);
    respond(res, 200, kind === "delete" ? {} : { id: call.answeredId ?? activityId });
    notify();
  }

  function notify() {
    for (const waiter of [...waiters]) waiter();
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const delivered = (conversationId?: string) =>
    calls.filter((c) => c.kind !== "unknown" && c.kind !== "delete" && c.status === 200 && (!conversationId || c.conversationId === conversationId));

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    unknown,
    activities: delivered,
    failNext(count = 1, status = 500, retryAfter?: number) {
      failures = { remaining: count, status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
    },
    waitForActivities(count, since = 0, timeoutMs = 5000) {
      const ready = () => calls.slice(since).filter((c) => c.kind !== "unknown" && c.status === 200);
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = ready();
          if (found.length >= count) {
            cleanup();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake Teams connector: expected ${count} activities, got ${ready().length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    clear() {
      calls.length = 0;
      unknown.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(raw: string): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function respond(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
