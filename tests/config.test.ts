import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, isLoopback, loadConfig } from "../src/config.js";

const slackHttp = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "s3cret" };
const teamsCredentials = { CLIENT_ID: "11111111-2222-3333-4444-555555555555", CLIENT_SECRET: "shh", TENANT_ID: "tenant-1" };

/** The ConfigError loadConfig throws for env, or fails the test. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig defaults", () => {
  it("runs with nothing configured: port 3978, Danish, Copenhagen time, PGlite in ./data, Teams try-out on loopback", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.defaultLocale).toBe("da");
    expect(config.timezone).toBe("Europe/Copenhagen");
    expect(config.database).toEqual({
      kind: "pglite",
      dataDir: path.resolve(process.cwd(), "data"),
      description: `embedded PGlite in ${path.resolve(process.cwd(), "data")}`,
    });
    expect(config.slack).toBeUndefined();
    expect(config.teams).toEqual({ mode: "tryout", allowedTenants: new Set() });
    expect(config.host).toBe("127.0.0.1");
    expect([...config.admins]).toEqual([]);
    expect(config.seedExamples).toBe(false);
    expect(config.logLevel).toBe("info");
  });

  it("treats empty and blank values as unset", () => {
    const config = loadConfig({ HOST: "  ", DATABASE_URL: "", SLACK_BOT_TOKEN: "", CLIENT_ID: " ", BOT_ADMINS: "", SEED_EXAMPLES: "" });
    expect(config.host).toBe("127.0.0.1");
    expect(config.database.kind).toBe("pglite");
    expect(config.slack).toBeUndefined();
    expect(config.teams.mode).toBe("tryout");
    expect(config.admins.size).toBe(0);
    expect(config.seedExamples).toBe(false);
  });
});

describe("PORT", () => {
  it.each(["0", "3978", "65535"])("accepts %s", (port) => {
    expect(loadConfig({ PORT: port }).port).toBe(Number(port));
  });

  it.each(["abc", "-1", "65536", "80.5", "3978x"])("refuses %s and names PORT", (port) => {
    expect(configError({ PORT: port }).variable).toBe("PORT");
  });
});

describe("BOT_DEFAULT_LOCALE", () => {
  it("accepts en", () => {
    expect(loadConfig({ BOT_DEFAULT_LOCALE: "en" }).defaultLocale).toBe("en");
  });

  it.each(["de", "DA", "da-DK"])("refuses %s and names BOT_DEFAULT_LOCALE", (locale) => {
    const error = configError({ BOT_DEFAULT_LOCALE: locale });
    expect(error.variable).toBe("BOT_DEFAULT_LOCALE");
    expect(error.message).toMatch(/^BOT_DEFAULT_LOCALE: /);
  });
});

describe("BOT_TIMEZONE", () => {
  it("accepts an IANA zone", () => {
    expect(loadConfig({ BOT_TIMEZONE: "America/Nuuk" }).timezone).toBe("America/Nuuk");
  });

  it.each(["Mars/Olympus", "CET+99", "not a zone"])("refuses %s and says what it wants", (zone) => {
    const error = configError({ BOT_TIMEZONE: zone });
    expect(error.variable).toBe("BOT_TIMEZONE");
    expect(error.message).toContain("Europe/Copenhagen");
  });
});

describe("Slack variables", () => {
  it("HTTP mode with a bot token and a signing secret", () => {
    expect(loadConfig(slackHttp).slack).toEqual({ mode: "http", botToken: "xoxb-1-2-abc", signingSecret: "s3cret", apiUrl: undefined, oauth: undefined });
  });

  it("Socket Mode when an app-level token is given", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    expect(config.slack).toMatchObject({ mode: "socket", botToken: "xoxb-1", appToken: "xapp-1", signingSecret: undefined });
  });

  it("passes SLACK_API_URL through and refuses one that is not a URL", () => {
    expect(loadConfig({ ...slackHttp, SLACK_API_URL: "http://127.0.0.1:9999/api/" }).slack?.apiUrl).toBe("http://127.0.0.1:9999/api/");
    expect(configError({ ...slackHttp, SLACK_API_URL: "not a url" }).variable).toBe("SLACK_API_URL");
  });

  it("refuses a bot token that does not start with xoxb-", () => {
    const error = configError({ ...slackHttp, SLACK_BOT_TOKEN: "xoxp-user-token" });
    expect(error.variable).toBe("SLACK_BOT_TOKEN");
    expect(error.message).toContain("xoxb-");
  });

  it("refuses an app token that does not start with xapp-", () => {
    expect(configError({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }).variable).toBe("SLACK_APP_TOKEN");
  });

  it("refuses a signing secret (or app token) without a bot token", () => {
    expect(configError({ SLACK_SIGNING_SECRET: "s3cret" }).variable).toBe("SLACK_BOT_TOKEN");
    expect(configError({ SLACK_APP_TOKEN: "xapp-1" }).variable).toBe("SLACK_BOT_TOKEN");
  });

  it("refuses a bot token with neither a signing secret nor an app token", () => {
    expect(configError({ SLACK_BOT_TOKEN: "xoxb-1" }).variable).toBe("SLACK_SIGNING_SECRET");
  });
});

describe("Slack in many workspaces (OAuth)", () => {
  const key = Buffer.alloc(32, 7);
  const oauth = {
    SLACK_SIGNING_SECRET: "s3cret",
    SLACK_CLIENT_ID: "123.456",
    SLACK_CLIENT_SECRET: "client-secret",
    SLACK_STATE_SECRET: "a-state-secret-of-at-least-32-characters",
    TOKEN_ENCRYPTION_KEY: key.toString("base64"),
  };

  it("needs no bot token, and reads the encryption key as base64 or hex", () => {
    const slack = loadConfig(oauth).slack;
    expect(slack).toMatchObject({ mode: "http", botToken: undefined, oauth: { clientId: "123.456", stateSecret: oauth.SLACK_STATE_SECRET } });
    expect(slack?.oauth?.tokenEncryptionKey.equals(key)).toBe(true);
    expect(loadConfig({ ...oauth, TOKEN_ENCRYPTION_KEY: key.toString("hex") }).slack?.oauth?.tokenEncryptionKey.equals(key)).toBe(true);
  });

  it("keeps a bot token beside OAuth for the workspace it belongs to", () => {
    expect(loadConfig({ ...oauth, SLACK_BOT_TOKEN: "xoxb-1" }).slack?.botToken).toBe("xoxb-1");
  });

  it.each([
    [{ TOKEN_ENCRYPTION_KEY: undefined }, "TOKEN_ENCRYPTION_KEY"],
    [{ TOKEN_ENCRYPTION_KEY: "too-short" }, "TOKEN_ENCRYPTION_KEY"],
    [{ TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") }, "TOKEN_ENCRYPTION_KEY"],
    [{ SLACK_CLIENT_SECRET: undefined }, "SLACK_CLIENT_SECRET"],
    [{ SLACK_STATE_SECRET: "short" }, "SLACK_STATE_SECRET"],
    [{ SLACK_SIGNING_SECRET: undefined }, "SLACK_SIGNING_SECRET"],
    [{ SLACK_APP_TOKEN: "xapp-1" }, "SLACK_APP_TOKEN"],
  ])("refuses %o, naming %s", (change, variable) => {
    expect(configError({ ...oauth, ...change }).variable).toBe(variable);
  });
});

describe("Teams tenants", () => {
  it("reads ALLOWED_TENANTS as lower-case ids, and adds the bot's own tenant", () => {
    const config = loadConfig({ ...teamsCredentials, TENANT_ID: "AAAA-1", ALLOWED_TENANTS: " BBBB-2 , cccc-3," });
    expect(config.teams).toMatchObject({ allowedTenants: new Set(["bbbb-2", "cccc-3", "aaaa-1"]) });
  });

  it("refuses a list that is not tenant ids", () => {
    expect(configError({ ALLOWED_TENANTS: "contoso.onmicrosoft.com" }).variable).toBe("ALLOWED_TENANTS");
  });
});

describe("Teams credentials", () => {
  it("all three switch Teams to authenticated mode and leave HOST alone", () => {
    const config = loadConfig(teamsCredentials);
    expect(config.teams).toEqual({
      mode: "authenticated",
      clientId: teamsCredentials.CLIENT_ID,
      clientSecret: "shh",
      tenantId: "tenant-1",
      allowedTenants: new Set(),
    });
    expect(config.host).toBeUndefined();
  });

  it.each(["CLIENT_ID", "CLIENT_SECRET", "TENANT_ID"] as const)("a missing %s is named", (missing) => {
    const env: NodeJS.ProcessEnv = { ...teamsCredentials };
    delete env[missing];
    const error = configError(env);
    expect(error.variable).toBe(missing);
    expect(error.message).toContain("CLIENT_ID, CLIENT_SECRET and TENANT_ID go together");
  });

  it("with only one of the three, the first missing one is named", () => {
    expect(configError({ TENANT_ID: "tenant-1" }).variable).toBe("CLIENT_ID");
  });
});

describe("HOST and Teams try-out mode", () => {
  it("try-out mode binds 127.0.0.1 when HOST is unset", () => {
    const config = loadConfig({});
    expect(config.teams.mode).toBe("tryout");
    expect(config.host).toBe("127.0.0.1");
  });

  it.each(["127.0.0.1", "127.1.2.3", "localhost", "::1"])("keeps try-out mode on loopback HOST %s", (host) => {
    const config = loadConfig({ HOST: host });
    expect(config.teams.mode).toBe("tryout");
    expect(config.host).toBe(host);
  });

  it.each(["0.0.0.0", "::", "192.168.1.10", "bot.example.dk"])("turns Teams off on a public HOST %s without credentials", (host) => {
    const config = loadConfig({ HOST: host, ...slackHttp });
    expect(config.teams).toEqual({ mode: "off" });
    expect(config.host).toBe(host);
    expect(config.slack?.mode).toBe("http");
  });

  it("a public HOST with credentials keeps Teams on", () => {
    expect(loadConfig({ HOST: "0.0.0.0", ...teamsCredentials }).teams.mode).toBe("authenticated");
  });

  it("isLoopback knows loopback addresses only", () => {
    expect(["localhost", "::1", "[::1]", "127.0.0.1", "127.255.0.1"].every(isLoopback)).toBe(true);
    expect(["0.0.0.0", "::", "128.0.0.1", "127.0.0.1.example.com", "localhost.example.com"].some(isLoopback)).toBe(false);
  });
});

describe("DATABASE_URL", () => {
  it("memory:// is in-memory PGlite", () => {
    expect(loadConfig({ DATABASE_URL: "memory://" }).database).toEqual({ kind: "pglite", dataDir: undefined, description: "in-memory PGlite" });
  });

  it("a folder path is PGlite in that folder, relative to the working directory", () => {
    expect(loadConfig({ DATABASE_URL: "/var/lib/praktikbot" }).database).toMatchObject({ kind: "pglite", dataDir: "/var/lib/praktikbot" });
    expect(loadConfig({ DATABASE_URL: "./state/db" }).database).toMatchObject({ kind: "pglite", dataDir: path.resolve("state/db") });
    expect(loadConfig({ DATABASE_URL: "file:./state/db" }).database).toMatchObject({ kind: "pglite", dataDir: path.resolve("state/db") });
  });

  it.each(["postgres://bot:pw@db.internal:5432/praktikbot", "postgresql://bot:pw@db.internal/praktikbot?sslmode=require"])(
    "%s is a PostgreSQL server, described without its password",
    (url) => {
      const { database } = loadConfig({ DATABASE_URL: url });
      expect(database).toMatchObject({ kind: "postgres", url });
      expect(database.description).not.toContain("pw");
      expect(database.description).toContain("bot:***@db.internal");
    },
  );

  it.each(["mysql://bot:pw@db/praktikbot", "sqlite://./bot.db", "https://db.example.dk/"])("refuses %s and names DATABASE_URL", (url) => {
    const error = configError({ DATABASE_URL: url });
    expect(error.variable).toBe("DATABASE_URL");
    expect(error.message).toContain("postgres://");
    expect(error.message).not.toContain(":pw@");
  });
});

describe("BOT_ADMINS", () => {
  it("splits on commas, trims and drops empty entries", () => {
    const config = loadConfig({ BOT_ADMINS: " U01ABC, U02DEF ,,29:1xyz-teams-id ," });
    expect([...config.admins]).toEqual(["U01ABC", "U02DEF", "29:1xyz-teams-id"]);
  });

  it("ignores duplicates", () => {
    expect(loadConfig({ BOT_ADMINS: "U1,U1" }).admins.size).toBe(1);
  });
});

describe("SEED_EXAMPLES", () => {
  it.each([
    ["1", true],
    ["true", true],
    ["0", false],
    ["false", false],
    ["", false],
  ])("%s → %s", (value, expected) => {
    expect(loadConfig({ SEED_EXAMPLES: value }).seedExamples).toBe(expected);
  });

  it.each(["yes", "TRUE", "2"])("refuses %s and names SEED_EXAMPLES", (value) => {
    expect(configError({ SEED_EXAMPLES: value }).variable).toBe("SEED_EXAMPLES");
  });
});

describe("LOG_LEVEL", () => {
  it("accepts a pino level and refuses anything else", () => {
    expect(loadConfig({ LOG_LEVEL: "debug" }).logLevel).toBe("debug");
    expect(configError({ LOG_LEVEL: "verbose" }).variable).toBe("LOG_LEVEL");
  });
});
