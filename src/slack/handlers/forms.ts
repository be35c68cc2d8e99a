// A submitted modal. Field errors go back in the acknowledgement (Slack keeps what was typed);
// a saved form turns into a read-only confirmation, and the summary is also sent as a DM.
import type { App } from "@slack/bolt";
import type { FieldErrors } from "../../kernel/form.js";
import { simpleMessage } from "../../kernel/message.js";
import { formValuesFromState } from "../form-values.js";
import { decodeModalMetadata, type TViewSubmission, workspaceOf, ZViewSubmission } from "../payloads.js";
import { MODAL_LIMITS } from "../render/limits.js";
import { renderMessageModal } from "../render/message.js";
import { renderModal } from "../render/modal.js";
import { truncate } from "../render/text.js";
import type { HandlerDeps } from "./deps.js";
import { sendDirect } from "./send.js";

export function registerFormHandlers(app: App, deps: HandlerDeps): void {
  app.view({ type: "view_submission", callback_id: /.+/ }, async ({ ack, body, client, context }) => {
    const parsed = ZViewSubmission.safeParse(body);
    const workspaceId = parsed.success ? workspaceOf(parsed.data) : undefined;
    if (!parsed.success || !workspaceId) {
      deps.logger.warn({ issues: parsed.success ? "no team" : parsed.error.issues }, "Slack view submission without the fields we need");
      await ack();
      return;
    }
    const { view, user } = parsed.data;
    const actor = await deps.actors.actor(client, workspaceId, user.id);
    const t = deps.bot.t(actor.locale);
    const readOnly = (message: Parameters<typeof renderMessageModal>[0]) => renderMessageModal(message, { title: view.title.text, close: t("common:close") });

    const metadata = decodeModalMetadata(view.private_metadata);
    if (!metadata) {
      deps.logger.warn({ callbackId: view.callback_id, workspaceId, userId: user.id }, "Slack modal without our metadata");
      await ack({ response_action: "update", view: readOnly(simpleMessage(t("errors:form_expired"))) });
      return;
    }

    const reply = await deps.bot.submitForm(actor, {
      formId: view.callback_id,
      values: formValuesFromState(view.state.values),
      nonce: metadata.nonce,
      state: metadata.state,
    });

    if (reply.kind === "invalid") {
      const errors = errorsForInputs(reply.errors, view);
      // Errors at input blocks show under the field; anything else needs the form drawn again.
      await ack(errors ? { response_action: "errors", errors } : { response_action: "update", view: renderModal(reply.form) });
      return;
    }

    if (reply.kind === "fault") {
      // Keep the modal and what was typed; the message sits at the first field.
      const first = view.blocks.find((b) => b.type === "input")?.block_id;
      await ack(
        first
          ? { response_action: "errors", errors: { [first]: truncate(reply.view.text, MODAL_LIMITS.error) } }
          : { response_action: "update", view: readOnly(reply.view) },
      );
      return;
    }
    if (reply.kind === "refused") {
      await ack({ response_action: "update", view: readOnly(reply.view) });
      return;
    }

    await ack({ response_action: "update", view: readOnly(reply.view) });
    // What follows the answer (a post for approval) runs now that Slack has it.
    await reply.after?.();
    // A retried delivery means Slack missed our answer to the first one, which already sent the DM.
    if (context.retryNum === undefined) await sendDirect(deps, client, actor, reply.view);
  });
}

/** The errors keyed by input block_id, or undefined when one of them is not at an input block. */
function errorsForInputs(errors: FieldErrors, view: TViewSubmission["view"]): Record<string, string> | undefined {
  const inputs = new Set(view.blocks.filter((b) => b.type === "input").map((b) => b.block_id));
  const entries = Object.entries(errors);
  if (entries.length === 0 || entries.some(([field]) => !inputs.has(field))) return undefined;
  return Object.fromEntries(entries.map(([field, message]) => [field, truncate(message, MODAL_LIMITS.error)]));
}
