import { type Access, isAdmin } from "../../kernel/access.js";
import type { InstallationRecord, InstallationsStore } from "./store.js";

export type ListInstallationsResult = { kind: "listed"; installations: InstallationRecord[]; canRemove: boolean } | { kind: "denied" };

/** The secretariat sees every workspace and tenant the bot serves; removing one is for the deployment's admins (BOT_ADMINS). */
export async function listInstallations(store: InstallationsStore, access: Access): Promise<ListInstallationsResult> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  const installations = await store.listInstallations();
  return { kind: "listed", installations, canRemove: access.deploymentAdmin };
}
