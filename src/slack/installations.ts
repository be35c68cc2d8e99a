// Which token answers for which workspace. With OAuth (SLACK_CLIENT_ID …) every workspace or
// Enterprise Grid organisation that installed the app has its own installation, kept by an
// InstallationRecords port (src/db/slack-installations.ts, tokens encrypted there); Bolt reads
// them through its own InstallationStore interface (boltInstallationStore), and scheduled posts
// through clientFor(). A SLACK_BOT_TOKEN beside OAuth still answers for its own workspace.
import type { Installation, InstallationQuery, InstallationStore, webApi } from "@slack/bolt";
import type { Logger } from "pino";

/** An installation as the bot keeps it: a workspace's (teamId) or an organisation's (enterpriseId, org-wide). */
export type SlackInstallationRecord = {
  teamId: string | undefined;
  teamName: string | undefined;
  enterpriseId: string | undefined;
  enterpriseName: string | undefined;
  isEnterpriseInstall: boolean;
  appId: string | undefined;
  bot: { id: string; userId: string; token: string; scopes: string[]; refreshToken: string | undefined; expiresAt: number | undefined };
  /** The Slack user who installed the app. */
  installerUserId: string;
};

/** Where a workspace's or organisation's installation is kept. */
export interface InstallationRecords {
  /** Adds the installation, or replaces the one of the same workspace or organisation (a re-install). */
  saveSlackInstallation(installation: SlackInstallationRecord): Promise<void>;
  /** By its key: the enterprise id of an org-wide install, else the team id. */
  findSlackInstallation(key: string): Promise<SlackInstallationRecord | undefined>;
  /** The installation that serves a workspace: its own, or its organisation's org-wide one. */
  findSlackInstallationForTeam(teamId: string): Promise<SlackInstallationRecord | undefined>;
  /** Remembers that a workspace belongs to an organisation (learnt from its requests). */
  rememberEnterpriseTeam(teamId: string, enterpriseId: string): Promise<void>;
  /**
   * The app was uninstalled or its token revoked: forgets the installation (by its key), marks
   * the channel links of the workspace (or of every workspace of the organisation) as failed,
   * and audits it. False when there was nothing to forget.
   */
  removeSlackInstallation(key: string, reason: string, actor: string): Promise<boolean>;
}

/** The workspace the single SLACK_BOT_TOKEN belongs to, from auth.test. */
export type SingleWorkspace = { teamId: string; botId: string | undefined; botUserId: string | undefined; token: string };

/** Thrown when no token can post to a workspace; the posting code treats it as permanent. */
class NotInstalledError extends Error {
  readonly code = "slack_webapi_platform_error";
  readonly data: { error: string };
  constructor(workspaceId: string) {
    super(`the Slack app is not installed in workspace ${workspaceId}`);
    this.data = { error: "not_installed" };
  }
}

/** The key of an installation: the organisation for an org-wide install, else the workspace. */
export function installationKey(i: { isEnterpriseInstall: boolean; enterpriseId: string | undefined; teamId: string | undefined }): string | undefined {
  return i.isEnterpriseInstall ? i.enterpriseId : i.teamId;
}

function toBolt(record: SlackInstallationRecord): Installation<"v2", boolean> {
  return {
    team: record.teamId ? { id: record.teamId, ...(record.teamName ? { name: record.teamName } : {}) } : undefined,
    enterprise: record.enterpriseId ? { id: record.enterpriseId, ...(record.enterpriseName ? { name: record.enterpriseName } : {}) } : undefined,
    user: { id: record.installerUserId, token: undefined, scopes: undefined },
    bot: {
      id: record.bot.id,
      userId: record.bot.userId,
      token: record.bot.token,
      scopes: record.bot.scopes,
      ...(record.bot.refreshToken ? { refreshToken: record.bot.refreshToken } : {}),
      ...(record.bot.expiresAt ? { expiresAt: record.bot.expiresAt } : {}),
    },
    ...(record.appId ? { appId: record.appId } : {}),
    tokenType: "bot",
    isEnterpriseInstall: record.isEnterpriseInstall,
    authVersion: "v2",
  };
}

function fromBolt(installation: Installation<"v1" | "v2", boolean>): SlackInstallationRecord {
  const bot = installation.bot;
  if (!bot) throw new Error("the installation has no bot token; the app asks for bot scopes only");
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  const record: SlackInstallationRecord = {
    teamId: installation.team?.id,
    teamName: installation.team?.name,
    enterpriseId: installation.enterprise?.id,
    enterpriseName: installation.enterprise?.name,
    isEnterpriseInstall,
    appId: typeof installation.appId === "string" ? installation.appId : undefined,
    bot: { id: bot.id, userId: bot.userId, token: bot.token, scopes: bot.scopes, refreshToken: bot.refreshToken, expiresAt: bot.expiresAt },
    installerUserId: installation.user.id,
  };
  if (!installationKey(record)) throw new Error("the installation names neither its workspace nor its organisation");
  return record;
}

/**
 * Bolt's InstallationStore over the bot's records. The user token of the installer is never
 * kept (the app asks for no user scopes). A workspace not installed but served by the single
 * SLACK_BOT_TOKEN is answered with that token.
 */
export function boltInstallationStore(records: InstallationRecords, single: () => Promise<SingleWorkspace | undefined>, logger: Logger): InstallationStore {
  return {
    async storeInstallation(installation) {
      const record = fromBolt(installation);
      await records.saveSlackInstallation(record);
      logger.info(
        { teamId: record.teamId, enterpriseId: record.enterpriseId, isEnterpriseInstall: record.isEnterpriseInstall, installer: record.installerUserId },
        "Slack app installed",
      );
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      if (query.isEnterpriseInstall && query.enterpriseId) {
        const org = await records.findSlackInstallation(query.enterpriseId);
        if (org) {
          if (query.teamId) await records.rememberEnterpriseTeam(query.teamId, query.enterpriseId);
          return toBolt(org);
        }
      }
      if (query.teamId) {
        const own = await records.findSlackInstallationForTeam(query.teamId);
        if (own) return toBolt(own);
        const env = await single();
        if (env && env.teamId === query.teamId) {
          return toBolt({
            teamId: env.teamId,
            teamName: undefined,
            enterpriseId: undefined,
            enterpriseName: undefined,
            isEnterpriseInstall: false,
            appId: undefined,
            bot: { id: env.botId ?? "", userId: env.botUserId ?? "", token: env.token, scopes: [], refreshToken: undefined, expiresAt: undefined },
            installerUserId: "",
          });
        }
      }
      throw new Error(`no Slack installation for team ${query.teamId ?? "-"} / enterprise ${query.enterpriseId ?? "-"}`);
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
      if (key) await records.removeSlackInstallation(key, "deleted", `slack:${key}:installation`);
    },
  };
}

/** A Web API client per token, made once; scheduled posts and DMs pick one by workspace. */
export function slackClients(opts: {
  records: InstallationRecords | undefined;
  single: () => Promise<SingleWorkspace | undefined>;
  singleClient: webApi.WebClient | undefined;
  make: (token: string) => webApi.WebClient;
}): (workspaceId: string) => Promise<webApi.WebClient> {
  const byToken = new Map<string, webApi.WebClient>();
  return async (workspaceId) => {
    const installation = await opts.records?.findSlackInstallationForTeam(workspaceId);
    if (installation) {
      let client = byToken.get(installation.bot.token);
      if (!client) {
        client = opts.make(installation.bot.token);
        byToken.set(installation.bot.token, client);
      }
      return client;
    }
    // Without OAuth the one token serves every address, as it always has.
    if (!opts.records && opts.singleClient) return opts.singleClient;
    const env = await opts.single();
    if (env && env.teamId === workspaceId && opts.singleClient) return opts.singleClient;
    throw new NotInstalledError(workspaceId);
  };
}
