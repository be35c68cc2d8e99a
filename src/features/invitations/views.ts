// What the invitation feature says: the new code (shown this once), the answers to a code typed
// in, and the notice to the admin whose invitation was used.
import type { Locale } from "../../kernel/actor.js";
import { commandText } from "../../kernel/common-views.js";
import { formatDate, isoFromDate } from "../../kernel/dates.js";
import type { MessageView } from "../../kernel/message.js";
import { simpleMessage } from "../../kernel/message.js";
import type { OrganisationRecord, Role } from "../../kernel/records.js";
import type { Translate } from "../../kernel/translate.js";
import { INVITATION_VALID_DAYS } from "./create-invitation.js";
import type { RedeemInvitationResult } from "./redeem-invitation.js";

export function invitationCreatedView(
  t: Translate,
  locale: Locale,
  args: { code: string; organisation: OrganisationRecord; role: Role; maxUses: number; expiresAt: Date },
): MessageView {
  const vars = {
    code: args.code,
    organisation: args.organisation.name,
    role: t(`admin:roles.${args.role}`),
    uses: args.maxUses,
    days: INVITATION_VALID_DAYS,
    date: formatDate(isoFromDate(args.expiresAt), locale),
    slack: `${commandText("enrol", "slack", t)} ${args.code}`,
    teams: `${commandText("enrol", "teams", t)} ${args.code}`,
  };
  return {
    text: t("invitation:created.text", vars),
    blocks: [
      { type: "heading", text: t("invitation:created.heading") },
      { type: "text", text: t("invitation:created.text", vars) },
      { type: "facts", facts: [{ label: t("invitation:created.code"), value: args.code }] },
      { type: "text", text: t("invitation:created.how", vars) },
      { type: "context", text: t("invitation:created.once", vars) },
    ],
  };
}

/** The answer to `tilmeld KODE`, whatever came of it. */
export function redeemView(t: Translate, result: Exclude<RedeemInvitationResult, { kind: "enrolled" }>, style: "slack" | "teams"): MessageView {
  switch (result.kind) {
    case "wrong":
      return simpleMessage(t("invitation:redeem.wrong"));
    case "expired":
      return simpleMessage(t("invitation:redeem.expired"));
    case "used_up":
      return simpleMessage(t("invitation:redeem.used_up"));
    case "wait":
      return simpleMessage(t("invitation:redeem.wait", { minutes: result.minutes }));
    case "already":
      return simpleMessage(t("invitation:redeem.already", { organisation: result.organisation?.name ?? "" }));
    case "missing_code":
      return simpleMessage(t("invitation:redeem.missing_code", { command: `${commandText("enrol", style, t)} ABCD-EFGH-JKLM` }));
  }
}

export function enrolledView(t: Translate, style: "slack" | "teams", args: { organisation: OrganisationRecord; role: Role }): MessageView {
  const vars = { organisation: args.organisation.name, role: t(`admin:roles.${args.role}`), help: commandText("help", style, t) };
  return simpleMessage(t("invitation:redeem.enrolled", vars), t("invitation:redeem.enrolled_heading"));
}

/** To the admin who made the invitation. */
export function invitationUsedView(t: Translate, args: { who: string; organisation: OrganisationRecord; role: Role; usesLeft: number }): MessageView {
  const vars = { who: args.who, organisation: args.organisation.name, role: t(`admin:roles.${args.role}`), left: args.usesLeft };
  return simpleMessage(t("invitation:used.text", vars), t("invitation:used.heading"));
}
