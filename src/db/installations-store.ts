// Prisma for where the bot is installed (features/installations/store.ts): Slack installations
// (never their tokens), Slack workspaces served by the single token that have channel links,
// and Teams tenants from the conversations the bot keeps — each with its channel links.
import type { PrismaClient } from "@prisma/client";
import type { InstallationLink, InstallationRecord, InstallationsStore } from "../features/installations/index.js";
import type { Platform } from "../kernel/actor.js";
import type { AuditEntry } from "../kernel/records.js";
import { writeAudit } from "./audit.js";
import { PrismaSlackInstallations } from "./slack-installations.js";

export class PrismaInstallationsStore implements InstallationsStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async listInstallations(): Promise<InstallationRecord[]> {
    const [slack, members, teams, links] = await Promise.all([
      this.prisma.slackInstallation.findMany({ orderBy: { installedAt: "asc" } }),
      this.prisma.slackEnterpriseTeam.findMany(),
      this.prisma.conversationRef.groupBy({ by: ["workspaceId"], where: { platform: "teams" }, _max: { updatedAt: true } }),
      this.prisma.channelLink.findMany({ orderBy: [{ createdAt: "asc" }] }),
    ]);
    const linksOf = (platform: Platform, workspaceIds: readonly string[]): InstallationLink[] =>
      links
        .filter((l) => l.platform === platform && workspaceIds.includes(l.workspaceId))
        .map((l) => ({ channelId: l.channelId, purpose: l.purpose, failure: l.failure }));
    const out: InstallationRecord[] = [];
    const covered = new Set<string>();
    for (const row of slack) {
      const teamIds = row.isEnterpriseInstall ? members.filter((m) => m.enterpriseId === row.installKey).map((m) => m.teamId) : [row.installKey];
      for (const id of teamIds) covered.add(id);
      out.push({
        platform: "slack",
        workspaceId: row.installKey,
        name: row.isEnterpriseInstall ? row.enterpriseName : row.teamName,
        organisationWide: row.isEnterpriseInstall,
        installed: true,
        installedAt: row.installedAt,
        installedBy: row.installerUserId,
        lastSeenAt: row.updatedAt,
        channelLinks: linksOf("slack", teamIds),
      });
    }
    // Workspaces with channel links but no installation: the single token's, or one that was removed.
    const others = [...new Set(links.filter((l) => l.platform === "slack" && !covered.has(l.workspaceId)).map((l) => l.workspaceId))];
    for (const workspaceId of others) {
      out.push({
        platform: "slack",
        workspaceId,
        name: null,
        organisationWide: false,
        installed: false,
        installedAt: null,
        installedBy: null,
        lastSeenAt: null,
        channelLinks: linksOf("slack", [workspaceId]),
      });
    }
    for (const tenant of teams) {
      out.push({
        platform: "teams",
        workspaceId: tenant.workspaceId,
        name: null,
        organisationWide: false,
        installed: false,
        installedAt: null,
        installedBy: null,
        lastSeenAt: tenant._max.updatedAt,
        channelLinks: linksOf("teams", [tenant.workspaceId]),
      });
    }
    return out;
  }

  async removeInstallation(platform: Platform, workspaceId: string, audit: AuditEntry): Promise<boolean> {
    if (platform === "slack")
      return new PrismaSlackInstallations(this.prisma, undefined, this.now).removeSlackInstallation(workspaceId, "removed", audit.actor);
    const at = this.now();
    return this.prisma.$transaction(async (tx) => {
      const conversations = await tx.conversationRef.deleteMany({ where: { platform: "teams", workspaceId } });
      const links = await tx.channelLink.updateMany({
        where: { platform: "teams", workspaceId, failedAt: null },
        data: { failedAt: at, failure: "app_removed" },
      });
      if (conversations.count === 0 && links.count === 0) return false;
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "TeamsTenant",
        entityId: workspaceId,
        action: "removed",
        after: { conversationsForgotten: conversations.count, channelLinksMarked: links.count },
        at,
      });
      return true;
    });
  }
}
