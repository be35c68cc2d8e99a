// The municipality's approval as messages: the placement in the jobcenter channel with its
// buttons (updated in place as it is decided), what the registrant is told, and the refusal form.
import type { Locale } from "../../kernel/actor.js";
import { formatDate } from "../../kernel/dates.js";
import type { FieldErrors, FormValues, FormView } from "../../kernel/form.js";
import type { MessageBlock, MessageView } from "../../kernel/message.js";
import { labelIn, type PlacementRecord } from "../../kernel/records.js";
import type { Translate } from "../../kernel/translate.js";
import { placementFacts } from "../placements/index.js";
import { approvable } from "./approve-placement.js";
import { RULE_FORM_LIMITS } from "./contract.js";

export const APPROVAL_ACTIONS = {
  approve: "placement.approve",
  refuse: "placement.refuse",
} as const;

export const REFUSE_FORM_ID = "placement.refuse";

function subject(p: PlacementRecord, locale: Locale): string {
  return `${p.company.name} · ${labelIn(p.type, locale)}`;
}

/** Where the placement stands in the municipality's decision, in words. */
export function approvalStatusText(p: PlacementRecord, t: Translate, locale: Locale): string {
  const by = p.decidedByName ?? t("support:someone");
  if (p.status === "refused") return t("rules:approval.status_refused", { by, reason: p.refusalReason ?? "" });
  if (p.status === "awaiting_confirmation" && !approvable(p)) return t("rules:approval.status_awaiting_representative");
  if (p.status === "registered" || p.status === "awaiting_confirmation") return t("rules:approval.status_waiting");
  if (p.approvedAt) return t("rules:approval.status_approved", { by, start: formatDate(p.startDate, locale) });
  return t(`placement:status.${p.status}`);
}

/** The placement in the jobcenter channel: approve and refuse while it waits. */
export function approvalChannelView(p: PlacementRecord, t: Translate, locale: Locale): MessageView {
  const heading = t("rules:approval.heading", { subject: subject(p, locale) });
  const status = approvalStatusText(p, t, locale);
  const blocks: MessageBlock[] = [
    { type: "heading", text: heading },
    { type: "facts", facts: placementFacts(p, t, locale) },
    { type: "text", text: status },
    { type: "context", text: t("placement:confirmation.reference", { id: p.id.slice(0, 8) }) },
  ];
  const waiting = p.status === "registered" || p.status === "awaiting_confirmation";
  if (waiting) {
    blocks.push({
      type: "actions",
      actions: [
        ...(approvable(p) ? [{ id: APPROVAL_ACTIONS.approve, label: t("rules:approval.approve"), value: p.id, style: "primary" as const }] : []),
        { id: APPROVAL_ACTIONS.refuse, label: t("rules:approval.refuse"), value: p.id },
      ],
    });
  }
  return { text: `${heading} — ${status}`, blocks };
}

/** The direct message to whoever registered the placement, once it is decided. */
export function registrantNoticeView(p: PlacementRecord, t: Translate, locale: Locale): MessageView {
  const vars = {
    subject: subject(p, locale),
    by: p.decidedByName ?? t("support:someone"),
    start: formatDate(p.startDate, locale),
    reason: p.refusalReason ?? "",
  };
  const text = t(p.status === "refused" ? "rules:approval.notice_refused" : "rules:approval.notice_approved", vars);
  return {
    text,
    blocks: [
      { type: "text", text },
      { type: "context", text: t("placement:confirmation.reference", { id: p.id.slice(0, 8) }) },
    ],
  };
}

/** Refusing asks for the reason the registrant reads. */
export function refuseFormView(args: { placementId: string; t: Translate; nonce: string; values?: FormValues; errors?: FieldErrors }): FormView {
  const { t } = args;
  return {
    formId: REFUSE_FORM_ID,
    title: t("rules:approval.refuse_title"),
    submitLabel: t("rules:approval.refuse_submit"),
    cancelLabel: t("common:cancel"),
    intro: t("rules:approval.refuse_intro"),
    fields: [{ kind: "text", id: "reason", label: t("rules:approval.reason"), required: true, maxLength: RULE_FORM_LIMITS.refusalReason, multiline: true }],
    values: { ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: { placement: args.placementId },
  };
}
