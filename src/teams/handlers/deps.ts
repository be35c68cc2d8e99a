import type { ActivityLike } from "@microsoft/teams.api";
import type { AdapterContext } from "../../adapter.js";

/** What every Teams handler needs. */
export type HandlerDeps = Pick<AdapterContext, "bot" | "logger" | "defaultLocale" | "files" | "publicUrl" | "store">;

/** The part of the SDK's activity context the handlers use. */
export type TeamsTurn = {
  activity: unknown;
  send(activity: ActivityLike): Promise<unknown>;
};

/** The first few zod issues, readable in a log line. */
export function issueSummary(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.slice(0, 5).map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
}
