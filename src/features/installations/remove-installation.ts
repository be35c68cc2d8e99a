import type { Access } from "../../kernel/access.js";
import { actorRef, PLATFORMS, type Platform } from "../../kernel/actor.js";
import type { InstallationsStore } from "./store.js";

export type RemoveInstallationResult = { kind: "removed"; platform: Platform; workspaceId: string } | { kind: "not_found" } | { kind: "denied" };

/** "slack:T123" → the platform and id; anything else from a chat client is refused. */
export function readInstallationRef(value: string | undefined): { platform: Platform; workspaceId: string } | undefined {
  const match = /^([a-z]+):([A-Za-z0-9-]{1,64})$/.exec(value ?? "");
  const platform = PLATFORMS.find((p) => p === match?.[1]);
  return platform && match ? { platform, workspaceId: match[2]! } : undefined;
}

/**
 * A deployment admin removes an installation: it serves every partnership of the deployment,
 * so a partnership's secretariat alone may not.
 */
export async function removeInstallation(store: InstallationsStore, access: Access, ref: string | undefined): Promise<RemoveInstallationResult> {
  if (access.kind !== "known" || !access.deploymentAdmin) return { kind: "denied" };
  const target = readInstallationRef(ref);
  if (!target) return { kind: "not_found" };
  const removed = await store.removeInstallation(target.platform, target.workspaceId, { actor: actorRef(access.actor) });
  return removed ? { kind: "removed", ...target } : { kind: "not_found" };
}
