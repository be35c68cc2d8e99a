import type { AdapterContext, PlatformAdapter } from "../adapter.js";
import type { SlackConfig } from "../config.js";

export async function createSlackAdapter(_config: SlackConfig, _context: AdapterContext): Promise<PlatformAdapter> {
  throw new Error("Slack adapter not built yet");
}
