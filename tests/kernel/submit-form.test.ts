// The one form pipeline (src/kernel/submit-form.ts): a problem at a field the form does not show
// (a field of another type, or of a form drawn for someone else) is said above the fields, never
// lost — Slack cannot show an error under a block the modal does not have.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { KnownAccess } from "../../src/kernel/access.js";
import type { BotContext } from "../../src/kernel/feature.js";
import type { FormView } from "../../src/kernel/form.js";
import { submitForm } from "../../src/kernel/submit-form.js";

const form: FormView = {
  formId: "test.form",
  title: "Test",
  submitLabel: "Gem",
  cancelLabel: "Annullér",
  intro: "Udfyld felterne.",
  fields: [{ kind: "text", id: "shown", label: "Synligt felt", required: false, maxLength: 50 }],
  values: {},
  errors: {},
  nonce: "n1",
  state: {},
};
const ctx = { t: () => (key: string) => `«${key}»` } as unknown as BotContext<object>;
const access = { kind: "known", actor: { platform: "slack", workspaceId: "T1", userId: "U1", locale: "da" } } as unknown as KnownAccess;

describe("a problem at a field the form does not show", () => {
  it("is said above the fields; problems at shown fields stay at them", async () => {
    const handler = submitForm<object>()({
      open: async () => ({ kind: "ok", context: {} }),
      form: () => form,
      contract: z.object({ shown: z.string().optional() }),
      run: async () => undefined,
      answer: () => ({ kind: "invalid", problems: { shown: { key: "form:errors.required" }, hidden: { key: "rules:errors.not_found" } } }),
    });
    const reply = await handler(ctx, { access, submission: { formId: "test.form", values: { shown: "x" }, nonce: "n1", state: {} } });
    expect(reply.kind).toBe("invalid");
    if (reply.kind !== "invalid") return;
    expect(reply.errors).toEqual({ shown: "«form:errors.required»" });
    expect(reply.form.errors).toEqual({ shown: "«form:errors.required»" });
    expect(reply.form.intro).toBe("Udfyld felterne.\n⚠️ «rules:errors.not_found»");
  });
});
