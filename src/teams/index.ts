import type { AdapterContext, PlatformAdapter } from "../adapter.js";
import type { TeamsConfig } from "../config.js";

export async function createTeamsAdapter(_config: Exclude<TeamsConfig, { mode: "off" }>, _context: AdapterContext): Promise<PlatformAdapter> {
  throw new Error("Teams adapter not built yet");
}
