import { z } from "zod";
import { type DatabaseTarget, parseDatabaseUrl } from "./db/database-url.js";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const timezone = z
  .string()
  .trim()
  .refine((value) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, "is not an IANA time zone such as Europe/Copenhagen");

/** Every environment variable the bot reads, with its default. */
export const ZEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Interface to listen on; unset means all interfaces, or 127.0.0.1 in Teams try-out mode. */
  HOST: optionalText,
  DATABASE_URL: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xoxb-"), "must start with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), "must start with xapp-"),
  SLACK_API_URL: optionalText.pipe(z.url().optional()),
  /** The Slack app's OAuth credentials (Basic Information): with them the app installs into many workspaces. */
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  /** Signs the OAuth state parameter; at least 32 characters. */
  SLACK_STATE_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, "must be at least 32 characters"),
  /** 32 random bytes, base64 or hex: encrypts the installations' tokens at rest (AES-256-GCM). */
  TOKEN_ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .transform((value, ctx) => {
        const key = /^[0-9a-fA-F]{64}$/.test(value)
          ? Buffer.from(value, "hex")
          : /^[A-Za-z0-9+/_-]{43}=?$/.test(value)
            ? Buffer.from(value, "base64")
            : undefined;
        if (key?.length !== 32) {
          ctx.addIssue({ code: "custom", message: "must be 32 random bytes as base64 (44 characters) or hex (64 characters), e.g. openssl rand -base64 32" });
          return z.NEVER;
        }
        return key;
      })
      .optional(),
  ),
  /** Teams tenants whose activities the bot accepts (comma-separated tenant ids); unset: every tenant. */
  ALLOWED_TENANTS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((id) => id.trim().toLowerCase())
        .filter((id) => id.length > 0),
    )
    .pipe(z.array(z.string().regex(/^[0-9a-f-]{1,64}$/, "must be tenant ids (GUIDs) separated by commas"))),
  CLIENT_ID: optionalText,
  CLIENT_SECRET: optionalText,
  TENANT_ID: optionalText,
  BOT_ADMINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
    ),
  /** Public base URL of the bot, for download links (Teams report files); unset: the address it listens on. */
  PUBLIC_URL: optionalText.pipe(z.url().optional()),
  BOT_DEFAULT_LOCALE: z.enum(["da", "en"]).default("da"),
  BOT_TIMEZONE: timezone.default("Europe/Copenhagen"),
  /** Years after a placement ended before its personal data is anonymised. */
  RETENTION_YEARS: z.coerce.number().int().min(1).max(50).default(5),
  /** 1: the two example partnerships into an empty database; demo: those and this year's demo partnership, with generated data. */
  SEED_EXAMPLES: z
    .enum(["0", "1", "true", "false", "demo", ""])
    .optional()
    .transform((value) => (value === "demo" ? "demo" : value === "1" || value === "true")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** json: one JSON object a line; pretty: readable lines. Unset: pretty at a terminal, else json. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
});

export type Env = z.infer<typeof ZEnvSchema>;

/** Installing into many workspaces through Slack's OAuth v2 flow (HTTP mode only). */
export type SlackOAuthConfig = { clientId: string; clientSecret: string; stateSecret: string; tokenEncryptionKey: Buffer };

export type SlackConfig =
  | {
      mode: "http";
      /** The one workspace's token; with OAuth it also serves its own workspace without an installation row. */
      botToken: string | undefined;
      signingSecret: string;
      apiUrl: string | undefined;
      oauth: SlackOAuthConfig | undefined;
    }
  | { mode: "socket"; botToken: string; appToken: string; signingSecret: string | undefined; apiUrl: string | undefined; oauth?: undefined };

export type TeamsConfig =
  | { mode: "authenticated"; clientId: string; clientSecret: string; tenantId: string; allowedTenants: ReadonlySet<string> }
  | { mode: "tryout"; allowedTenants: ReadonlySet<string> }
  /** No Teams credentials and a public HOST: Teams stays off rather than unauthenticated. */
  | { mode: "off" };

export type Config = {
  port: number;
  host: string | undefined;
  database: DatabaseTarget;
  slack: SlackConfig | undefined;
  teams: TeamsConfig;
  admins: ReadonlySet<string>;
  defaultLocale: "da" | "en";
  timezone: string;
  retentionYears: number;
  publicUrl: string | undefined;
  /** true: the example partnerships into an empty database; "demo": the demo data (src/seed/demo-data.ts). */
  seedExamples: boolean | "demo";
  logLevel: Env["LOG_LEVEL"];
  logFormat: Env["LOG_FORMAT"];
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = "ConfigError";
  }
}

/** Reads and checks the environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new ConfigError(variable, issue?.message ?? "is not valid");
  }
  const e = parsed.data;

  let database: DatabaseTarget;
  try {
    database = parseDatabaseUrl(e.DATABASE_URL);
  } catch (error) {
    throw new ConfigError("DATABASE_URL", (error as Error).message.replace(/^DATABASE_URL /, ""));
  }

  let slack: SlackConfig | undefined;
  const oauthValues = { SLACK_CLIENT_ID: e.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: e.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: e.SLACK_STATE_SECRET };
  const oauthGiven = Object.values(oauthValues).filter((value) => value !== undefined).length;
  let oauth: SlackOAuthConfig | undefined;
  if (oauthGiven > 0) {
    if (oauthGiven < 3) {
      const missing = Object.keys(oauthValues).find((key) => oauthValues[key as keyof typeof oauthValues] === undefined)!;
      throw new ConfigError(missing, "is required: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together");
    }
    if (!e.TOKEN_ENCRYPTION_KEY) throw new ConfigError("TOKEN_ENCRYPTION_KEY", "is required with SLACK_CLIENT_ID: installation tokens are stored encrypted");
    if (!e.SLACK_SIGNING_SECRET) throw new ConfigError("SLACK_SIGNING_SECRET", "is required with SLACK_CLIENT_ID");
    if (e.SLACK_APP_TOKEN) throw new ConfigError("SLACK_APP_TOKEN", "cannot be used with SLACK_CLIENT_ID: installing into many workspaces needs HTTP mode");
    oauth = {
      clientId: e.SLACK_CLIENT_ID!,
      clientSecret: e.SLACK_CLIENT_SECRET!,
      stateSecret: e.SLACK_STATE_SECRET!,
      tokenEncryptionKey: e.TOKEN_ENCRYPTION_KEY,
    };
  }
  if (oauth) {
    slack = { mode: "http", botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET!, apiUrl: e.SLACK_API_URL, oauth };
  } else if (e.SLACK_BOT_TOKEN || e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
    if (!e.SLACK_BOT_TOKEN) {
      throw new ConfigError("SLACK_BOT_TOKEN", "is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (or set SLACK_CLIENT_ID for many workspaces)");
    }
    if (e.SLACK_APP_TOKEN) {
      slack = {
        mode: "socket",
        botToken: e.SLACK_BOT_TOKEN,
        appToken: e.SLACK_APP_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        apiUrl: e.SLACK_API_URL,
      };
    } else if (e.SLACK_SIGNING_SECRET) {
      slack = { mode: "http", botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl: e.SLACK_API_URL, oauth: undefined };
    } else {
      throw new ConfigError("SLACK_SIGNING_SECRET", "is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)");
    }
  }

  const teamsValues = { CLIENT_ID: e.CLIENT_ID, CLIENT_SECRET: e.CLIENT_SECRET, TENANT_ID: e.TENANT_ID };
  const given = Object.entries(teamsValues).filter(([, value]) => value !== undefined);
  const allowedTenants = new Set(e.ALLOWED_TENANTS);
  let teams: TeamsConfig = { mode: "tryout", allowedTenants };
  if (given.length === 3) {
    // The bot's own tenant is always allowed once any tenant is named.
    if (allowedTenants.size > 0) allowedTenants.add(e.TENANT_ID!.toLowerCase());
    teams = { mode: "authenticated", clientId: e.CLIENT_ID!, clientSecret: e.CLIENT_SECRET!, tenantId: e.TENANT_ID!, allowedTenants };
  } else if (given.length > 0) {
    const missing = Object.keys(teamsValues).find((key) => teamsValues[key as keyof typeof teamsValues] === undefined)!;
    throw new ConfigError(missing, "is required: CLIENT_ID, CLIENT_SECRET and TENANT_ID go together");
  }

  // Unauthenticated Teams requests are only ever accepted on loopback.
  let host = e.HOST;
  if (teams.mode === "tryout") {
    if (host === undefined) host = "127.0.0.1";
    else if (!isLoopback(host)) teams = { mode: "off" };
  }

  return {
    port: e.PORT,
    host,
    database,
    slack,
    teams,
    admins: new Set(e.BOT_ADMINS),
    defaultLocale: e.BOT_DEFAULT_LOCALE,
    timezone: e.BOT_TIMEZONE,
    retentionYears: e.RETENTION_YEARS,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    seedExamples: e.SEED_EXAMPLES,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
