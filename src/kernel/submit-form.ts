// The one way a submitted form is handled, whatever the form: read what the form offers this
// person again (it may have changed since it opened), parse what they typed through the form's
// contract, run the use case, and answer. Whatever is wrong at a field comes back as the same form
// with what was typed and a translated message at the field. A fault thrown anywhere here is the
// Bot's to log and answer (Bot.guard), so the person keeps the form and what they typed.
import type { z } from "zod";
import type { KnownAccess } from "./access.js";
import { actorRef } from "./actor.js";
import { noAccessView } from "./common-views.js";
import type { BotContext, FormSubmission, SubmitReply, SubmitRequest } from "./feature.js";
import { type FieldProblems, translateProblems } from "./field-problems.js";
import { type FieldErrors, type FormValues, type FormView, parseForm } from "./form.js";
import type { MessageView } from "./message.js";
import { withRetry } from "./retry.js";

/** Whether the person may still use the form, and what it offers them. */
export type FormOpened<C> =
  | { kind: "ok"; context: C }
  /** Unknown person or no permission: the usual "no access" answer. */
  | { kind: "denied" }
  /** Not accepted for a reason of the form's own, in its words. */
  | { kind: "refused"; view: MessageView };

/** A use case's result as the person should hear it. */
export type FormAnswer =
  /** `after`: work that follows the answer (SubmitReply "done"). */
  | { kind: "done"; view: MessageView; after?: () => Promise<void> }
  /** Problems keyed by the contract's field ids: shown at those fields. */
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "denied" }
  | { kind: "refused"; view: MessageView };

export type FormRun<C, I> = {
  access: KnownAccess;
  input: I;
  context: C;
  /** The form as it was shown (its options, e.g. the names a user picker showed). */
  form: FormView;
  submission: FormSubmission;
  idempotencyKey: string;
};

export type FormPipeline<St, C, S extends z.ZodType, R> = {
  open: (ctx: BotContext<St>, request: SubmitRequest) => Promise<FormOpened<C>>;
  /** The form as it was shown, with what the person typed (request.submission.values) and its nonce. */
  form: (ctx: BotContext<St>, context: C, request: SubmitRequest) => FormView | Promise<FormView>;
  /** The form's contract: its output is the use case's input. */
  contract: S;
  /** Values that are not fields the person fills (routing state, a fixed choice), added before parsing. */
  fixedValues?: (context: C, request: SubmitRequest) => FormValues;
  /**
   * The use case. It runs again after a transient database error, so it must be safe to repeat:
   * idempotent by the key (made from the form's nonce), an overwrite, or read-only.
   */
  run: (ctx: BotContext<St>, run: FormRun<C, z.output<S>>) => Promise<R>;
  /** The result as an answer; runs once, so side effects (posting to a channel) belong here. */
  answer: (ctx: BotContext<St>, result: R, run: FormRun<C, z.output<S>>) => FormAnswer | Promise<FormAnswer>;
};

/** The pipeline for a feature whose handlers use the store ports St: `submitForm<St>()({ … })`. */
export function submitForm<St>() {
  return <C, S extends z.ZodType, R>(pipeline: FormPipeline<St, C, S, R>) =>
    async (ctx: BotContext<St>, request: SubmitRequest): Promise<SubmitReply> => {
      const { access, submission } = request;
      const { actor } = access;
      const t = ctx.t(actor.locale);
      const refusal = (answer: { kind: "denied" } | { kind: "refused"; view: MessageView }): SubmitReply => ({
        kind: "refused",
        view: answer.kind === "denied" ? noAccessView(actor, t) : answer.view,
      });

      const opened = await withRetry(() => pipeline.open(ctx, request));
      if (opened.kind !== "ok") return refusal(opened);
      const { context } = opened;
      const form = await withRetry(async () => pipeline.form(ctx, context, request));
      const invalid = (errors: FieldErrors): SubmitReply => {
        // A problem at a field this form does not show (a field of another type, or of a form
        // drawn for someone else) is said above the fields, so no problem is ever lost.
        const shown = new Set(form.fields.map((f) => f.id));
        const atFields = Object.fromEntries(Object.entries(errors).filter(([id]) => shown.has(id)));
        const elsewhere = Object.entries(errors).filter(([id]) => !shown.has(id));
        const intro = elsewhere.length > 0 ? [form.intro, ...elsewhere.map(([, text]) => `⚠️ ${text}`)].filter(Boolean).join("\n") : form.intro;
        return { kind: "invalid", errors: atFields, form: { ...form, ...(intro !== undefined ? { intro } : {}), errors: atFields } };
      };

      const values = { ...submission.values, ...pipeline.fixedValues?.(context, request) };
      const parsed = parseForm(pipeline.contract, form.fields, values, t);
      if (!parsed.ok) return invalid(parsed.errors);

      const run: FormRun<C, z.output<S>> = {
        access,
        input: parsed.value,
        context,
        form,
        submission,
        // The submitter is part of the key: in Teams the nonce is ordinary card data anyone can
        // copy, so a nonce alone must never find another person's save.
        idempotencyKey: `${actorRef(actor)}:${submission.nonce}`,
      };
      const result = await withRetry(() => pipeline.run(ctx, run));
      const answer = await pipeline.answer(ctx, result, run);
      switch (answer.kind) {
        case "done":
          return { kind: "done", view: answer.view, ...(answer.after ? { after: answer.after } : {}) };
        case "invalid":
          return invalid(translateProblems(answer.problems, t, actor.locale));
        case "denied":
        case "refused":
          return refusal(answer);
      }
    };
}
