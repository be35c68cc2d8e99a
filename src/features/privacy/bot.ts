// `indsigt <case reference>` and `slet <case reference>`: a subject access request's export and
// deletion, for secretariat admins.

import type { Locale } from "../../kernel/actor.js";
import { commandText, deniedView } from "../../kernel/common-views.js";
import { formatDate } from "../../kernel/dates.js";
import { type Feature, message, notice } from "../../kernel/feature.js";
import { type MessageView, simpleMessage } from "../../kernel/message.js";
import type { Translate } from "../../kernel/translate.js";
import { confirmCaseDeletion, exportCaseData, previewCaseDeletion } from "./case-data.js";
import type { PrivacyStore } from "./store.js";

/** The store ports this feature's commands, buttons and forms use. */
export type PrivacyFeatureStore = PrivacyStore;

const EXAMPLE = "P-7F3K2";

/** The button that confirms a `slet`; its value is the ticket from previewCaseDeletion. */
const ERASE_CONFIRM_ACTION = "privacy.erase.confirm";

/** One exported placement as a line: company, type, dates, status. */
function placementLine(p: Record<string, unknown>, locale: Locale, t: Translate): string {
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
}

export const caseDataFeature: Feature<PrivacyFeatureStore> = {
  commands: {
    insight: async (ctx, { access, args, style }) => {
      const t = ctx.t(access.actor.locale);
      const locale = access.actor.locale;
      const result = await exportCaseData(ctx.deps.store, access, args.join(" "));
      if (result.kind === "denied") return message(deniedView(t, "privacy"));
      if (result.kind === "usage") return message(simpleMessage(t("privacy:access.usage", { example: `${commandText("insight", style, t)} ${EXAMPLE}` })));
      const data = result.value;
      const caseReference = data.caseReference;
      if (data.placements.length === 0) return message(simpleMessage(t("privacy:access.none", { caseReference })));
      const items = data.placements.map((p) => placementLine(p, locale, t));
      const counts = t("privacy:access.counts", {
        caseReference,
        placements: data.placements.length,
        supportRequests: data.supportRequests.length,
        auditEvents: data.auditEvents.length,
      });
      // A readable summary in the chat; everything stored, as JSON, follows as a file to keep.
      const view: MessageView = {
        text: counts,
        blocks: [
          { type: "heading", text: t("privacy:access.heading", { caseReference }) },
          { type: "text", text: counts },
          { type: "bullets", items },
          { type: "context", text: t("privacy:access.json_file") },
        ],
      };
      const file = {
        fileName: `indsigt-${caseReference.replace(/[^\p{L}\d-]/gu, "_")}.json`,
        mimeType: "application/json",
        data: Buffer.from(`${JSON.stringify(data, null, 2)}\n`, "utf8"),
        title: t("privacy:access.heading", { caseReference }),
      };
      return {
        kind: "message",
        view,
        followUp: async () => ({ kind: "files", view: simpleMessage(t("privacy:access.json_ready", { caseReference })), files: [file] }),
      };
    },
    // Deleting is asked first: the admin sees what would go and confirms with a button only they can use.
    erase: async (ctx, { access, args, style }) => {
      const t = ctx.t(access.actor.locale);
      const result = await previewCaseDeletion(ctx.deps.store, access, args.join(" "));
      if (result.kind === "denied") return message(deniedView(t, "privacy"));
      if (result.kind === "usage") return message(simpleMessage(t("privacy:delete.usage", { example: `${commandText("erase", style, t)} ${EXAMPLE}` })));
      const { data, ticket } = result.value;
      const { caseReference } = data;
      if (data.placements.length === 0) return message(simpleMessage(t("privacy:delete.none", { caseReference })));
      const counts = t("privacy:delete.confirm_counts", {
        caseReference,
        placements: data.placements.length,
        supportRequests: data.supportRequests.length,
      });
      return message({
        text: counts,
        blocks: [
          { type: "heading", text: t("privacy:delete.confirm_heading", { caseReference }) },
          { type: "text", text: counts },
          { type: "bullets", items: data.placements.map((p) => placementLine(p, access.actor.locale, t)) },
          { type: "context", text: t("privacy:delete.confirm_hint") },
          { type: "actions", actions: [{ id: ERASE_CONFIRM_ACTION, label: t("privacy:delete.confirm_button"), value: ticket }] },
        ],
      });
    },
  },
  actions: {
    [ERASE_CONFIRM_ACTION]: async (ctx, { access, value }) => {
      const t = ctx.t(access.actor.locale);
      const result = await confirmCaseDeletion(ctx.deps.store, access, value);
      if (result.kind === "denied") return notice(deniedView(t, "privacy"));
      if (result.kind === "not_yours") return notice(simpleMessage(t("privacy:delete.not_yours")));
      const { caseReference, placements, supportRequests } = result;
      if (placements === 0) return message(simpleMessage(t("privacy:delete.none", { caseReference })));
      ctx.deps.logger.info({ placements, supportRequests }, "case data deleted on request");
      return message(simpleMessage(t("privacy:delete.done", { caseReference, placements, supportRequests })));
    },
  },
};
