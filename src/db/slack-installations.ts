// The Slack adapter's InstallationRecords on Prisma: one SlackInstallation row per workspace or
// org-wide organisation, its tokens encrypted with TokenCipher (bound to the row's key); the
// workspaces of an organisation in SlackEnterpriseTeam. Removing an installation marks the
// workspace's channel links failed, in the same transaction, audited.
import type { PrismaClient, SlackInstallation } from "@prisma/client";
import { type InstallationRecords, installationKey, type SlackInstallationRecord } from "../slack/installations.js";
import { writeAudit } from "./audit.js";
import type { TokenCipher } from "./token-cipher.js";

export class PrismaSlackInstallations implements InstallationRecords {
  constructor(
    private readonly prisma: PrismaClient,
    /** Absent without TOKEN_ENCRYPTION_KEY: nothing can be saved or read, only removed. */
    private readonly cipher: TokenCipher | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private need(): TokenCipher {
    if (!this.cipher) throw new Error("TOKEN_ENCRYPTION_KEY is not set: Slack installations cannot be read or saved");
    return this.cipher;
  }

  async saveSlackInstallation(i: SlackInstallationRecord): Promise<void> {
    const cipher = this.need();
    const key = installationKey(i);
    if (!key) throw new Error("an installation needs a team or an enterprise id");
    const data = {
      teamId: i.teamId ?? null,
      teamName: i.teamName ?? null,
      enterpriseId: i.enterpriseId ?? null,
      enterpriseName: i.enterpriseName ?? null,
      isEnterpriseInstall: i.isEnterpriseInstall,
      appId: i.appId ?? null,
      botId: i.bot.id,
      botUserId: i.bot.userId,
      botScopes: i.bot.scopes.join(","),
      botToken: cipher.encrypt(i.bot.token, key),
      botRefreshToken: i.bot.refreshToken ? cipher.encrypt(i.bot.refreshToken, key) : null,
      botTokenExpiresAt: i.bot.expiresAt ? new Date(i.bot.expiresAt * 1000) : null,
      installerUserId: i.installerUserId,
    };
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.slackInstallation.findUnique({ where: { installKey: key } });
      // A re-install keeps the first installation time and replaces everything else.
      await tx.slackInstallation.upsert({ where: { installKey: key }, create: { installKey: key, ...data }, update: data });
      await writeAudit(tx, {
        actor: `slack:${i.teamId ?? key}:${i.installerUserId}`,
        entity: "SlackInstallation",
        entityId: key,
        action: before ? "reinstalled" : "installed",
        after: { teamId: i.teamId, teamName: i.teamName, enterpriseId: i.enterpriseId, isEnterpriseInstall: i.isEnterpriseInstall, scopes: i.bot.scopes },
      });
    });
  }

  private toRecord(row: SlackInstallation): SlackInstallationRecord {
    const cipher = this.need();
    return {
      teamId: row.teamId ?? undefined,
      teamName: row.teamName ?? undefined,
      enterpriseId: row.enterpriseId ?? undefined,
      enterpriseName: row.enterpriseName ?? undefined,
      isEnterpriseInstall: row.isEnterpriseInstall,
      appId: row.appId ?? undefined,
      bot: {
        id: row.botId,
        userId: row.botUserId,
        token: cipher.decrypt(row.botToken, row.installKey),
        scopes: row.botScopes ? row.botScopes.split(",") : [],
        refreshToken: row.botRefreshToken ? cipher.decrypt(row.botRefreshToken, row.installKey) : undefined,
        expiresAt: row.botTokenExpiresAt ? Math.floor(row.botTokenExpiresAt.getTime() / 1000) : undefined,
      },
      installerUserId: row.installerUserId,
    };
  }

  async findSlackInstallation(key: string): Promise<SlackInstallationRecord | undefined> {
    const row = await this.prisma.slackInstallation.findUnique({ where: { installKey: key } });
    return row ? this.toRecord(row) : undefined;
  }

  async findSlackInstallationForTeam(teamId: string): Promise<SlackInstallationRecord | undefined> {
    const own = await this.prisma.slackInstallation.findFirst({ where: { installKey: teamId, isEnterpriseInstall: false } });
    if (own) return this.toRecord(own);
    const member = await this.prisma.slackEnterpriseTeam.findUnique({ where: { teamId } });
    if (!member) return undefined;
    const org = await this.prisma.slackInstallation.findFirst({ where: { installKey: member.enterpriseId, isEnterpriseInstall: true } });
    return org ? this.toRecord(org) : undefined;
  }

  async rememberEnterpriseTeam(teamId: string, enterpriseId: string): Promise<void> {
    await this.prisma.slackEnterpriseTeam.upsert({ where: { teamId }, create: { teamId, enterpriseId }, update: { enterpriseId } });
  }

  async removeSlackInstallation(key: string, reason: string, actor: string): Promise<boolean> {
    const at = this.now();
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.slackInstallation.findUnique({ where: { installKey: key } });
      const teams = row?.isEnterpriseInstall ? (await tx.slackEnterpriseTeam.findMany({ where: { enterpriseId: key } })).map((t) => t.teamId) : [key];
      if (row) await tx.slackInstallation.delete({ where: { installKey: key } });
      const links = await tx.channelLink.updateMany({
        where: { platform: "slack", workspaceId: { in: teams }, failedAt: null },
        data: { failedAt: at, failure: `app_${reason}` },
      });
      if (!row && links.count === 0) return false;
      await writeAudit(tx, {
        actor,
        entity: "SlackInstallation",
        entityId: key,
        action: "removed",
        before: row ? { teamId: row.teamId, teamName: row.teamName, enterpriseId: row.enterpriseId, installedAt: row.installedAt } : undefined,
        after: { reason, channelLinksMarked: links.count },
        at,
      });
      return true;
    });
  }
}
