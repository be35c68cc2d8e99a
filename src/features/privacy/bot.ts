// `indsigt <case reference>` and `slet <case reference>`: a subject access request's export and
// deletion, for secretariat admins.

import { commandText, deniedView } from "../../kernel/common-views.js";
import { formatDate } from "../../kernel/dates.js";
import { type Feature, message } from "../../kernel/feature.js";
import { type MessageView, simpleMessage } from "../../kernel/message.js";
import { deleteCaseData, exportCaseData } from "./case-data.js";
import type { PrivacyStore } from "./store.js";

/** The store ports this feature's commands, buttons and forms use. */
export type PrivacyFeatureStore = PrivacyStore;

const EXAMPLE = "P-7F3K2";

export const caseDataFeature: Feature<PrivacyFeatureStore> = {
  commands: {
    insight: async (ctx, { access, args, style }) => {
      const t = ctx.t(access.actor.locale);
      const locale = access.actor.locale;
      const result = await exportCaseData(ctx.deps.store, access, args.join(" "));
      if (result.kind === "denied") return message(deniedView(t));
      if (result.kind === "usage") return message(simpleMessage(t("privacy:access.usage", { example: `${commandText("insight", style, t)} ${EXAMPLE}` })));
      const data = result.value;
      const caseReference = data.caseReference;
      if (data.placements.length === 0) return message(simpleMessage(t("privacy:access.none", { caseReference })));
      const items = data.placements.map((p) => {
        const company = p.company as { name: string; cvr: string };
        const type = p.type as { labelDa: string; labelEn: string };
        const date = (v: unknown) => (typeof v === "string" ? formatDate(v.slice(0, 10), locale) : "–");
        return t("privacy:access.placement", {
          company: company.name,
          cvr: company.cvr,
          type: locale === "en" ? type.labelEn : type.labelDa,
          start: date(p.startDate),
          end: date(p.endedOn ?? p.endDate),
          status: t(`placement:status.${String(p.status)}`, { defaultValue: String(p.status) }),
        });
      });
      const counts = t("privacy:access.counts", {
        caseReference,
        placements: data.placements.length,
        supportRequests: data.supportRequests.length,
        auditEvents: data.auditEvents.length,
      });
      const json = JSON.stringify(data, null, 2);
      const view: MessageView = {
        text: counts,
        blocks: [
          { type: "heading", text: t("privacy:access.heading", { caseReference }) },
          { type: "text", text: counts },
          { type: "bullets", items },
          { type: "context", text: t("privacy:access.json") },
          { type: "text", text: `\`\`\`\n${json}\n\`\`\`` },
        ],
      };
      return message(view);
    },
    erase: async (ctx, { access, args, style }) => {
      const t = ctx.t(access.actor.locale);
      const result = await deleteCaseData(ctx.deps.store, access, args.join(" "));
      if (result.kind === "denied") return message(deniedView(t));
      if (result.kind === "usage") return message(simpleMessage(t("privacy:delete.usage", { example: `${commandText("erase", style, t)} ${EXAMPLE}` })));
      const { caseReference, placements, supportRequests } = result.value;
      if (placements === 0) return message(simpleMessage(t("privacy:delete.none", { caseReference })));
      ctx.deps.logger.info({ placements, supportRequests }, "case data deleted on request");
      return message(simpleMessage(t("privacy:delete.done", { caseReference, placements, supportRequests })));
    },
  },
};
