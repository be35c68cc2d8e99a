// Installations: `admin installationer` lists the Slack workspaces and Teams tenants the bot
// serves, with their channel links; a deployment admin removes one (asked once more first).
import { deniedView } from "../../kernel/common-views.js";
import { type Feature, message, notice } from "../../kernel/feature.js";
import { simpleMessage } from "../../kernel/message.js";
import { withRetry } from "../../kernel/retry.js";
import { listInstallations } from "./list-installations.js";
import { readInstallationRef, removeInstallation } from "./remove-installation.js";
import type { InstallationsStore } from "./store.js";
import { CONFIRM_REMOVE_INSTALLATION_ACTION, confirmRemoveView, installationsView, REMOVE_INSTALLATION_ACTION, removedView } from "./views.js";

export const installationsFeature: Feature<InstallationsStore> = {
  commands: {
    installations: async (ctx, { access }) => {
      const t = ctx.t(access.actor.locale);
      const result = await withRetry(() => listInstallations(ctx.deps.store, access));
      if (result.kind === "denied") return message(deniedView(t));
      return message(installationsView(t, access.actor.locale, result.installations, result.canRemove));
    },
  },
  actions: {
    [REMOVE_INSTALLATION_ACTION]: async (ctx, { access, value }) => {
      const t = ctx.t(access.actor.locale);
      if (!access.deploymentAdmin) return notice(simpleMessage(t("installations:remove_admins_only")));
      const ref = readInstallationRef(value);
      if (!ref) return notice(removedView(t, "–"));
      return notice(confirmRemoveView(t, `${ref.platform}:${ref.workspaceId}`));
    },
    [CONFIRM_REMOVE_INSTALLATION_ACTION]: async (ctx, { access, value }) => {
      const t = ctx.t(access.actor.locale);
      const result = await removeInstallation(ctx.deps.store, access, value);
      if (result.kind === "denied") return notice(simpleMessage(t("installations:remove_admins_only")));
      if (result.kind === "not_found") return notice(removedView(t, value ?? "–"));
      ctx.deps.logger.info({ platform: result.platform, workspaceId: result.workspaceId }, "installation removed by an admin");
      return notice(removedView(t, `${result.platform}:${result.workspaceId}`));
    },
  },
};
