// Where the bot is installed: Slack workspaces and organisations (OAuth installations, and
// workspaces served by the single token that have channel links), Teams tenants (from the
// conversations the bot keeps). src/db/installations-store.ts implements it with Prisma.
import type { Platform } from "../../kernel/actor.js";
import type { AuditEntry } from "../../kernel/records.js";

export type InstallationLink = { channelId: string; purpose: string; failure: string | null };

export type InstallationRecord = {
  platform: Platform;
  /** Slack team or enterprise id, Teams tenant id. */
  workspaceId: string;
  name: string | null;
  /** An org-wide Slack installation (Enterprise Grid). */
  organisationWide: boolean;
  /** Installed through "Add to Slack" (with a stored token); false for the single token and for Teams. */
  installed: boolean;
  installedAt: Date | null;
  /** The platform user who installed it, when known. */
  installedBy: string | null;
  lastSeenAt: Date | null;
  channelLinks: InstallationLink[];
};

export interface InstallationsStore {
  listInstallations(): Promise<InstallationRecord[]>;
  /**
   * Forgets an installation: a Slack installation's token, a Teams tenant's conversations; marks
   * its channel links failed; audited. False when there was nothing to forget.
   */
  removeInstallation(platform: Platform, workspaceId: string, audit: AuditEntry): Promise<boolean>;
}
