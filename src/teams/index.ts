import type { AdapterContext, PlatformAdapter } from "../adapter.js";
import type { TeamsConfig } from "../config.js";

export async function createTeamsAdapter(_config: Exclude<TeamsConfig, { mode: "off" }>, context: AdapterContext): Promise<PlatformAdapter> {
  context.logger.warn("Teams adapter is not available in this build");
  return { name: "teams", start: async () => {}, stop: async () => {} };
}
