// Card data → FormValues: whatever the client sends, a multi-choice field arrives as a list and
// every other field as text, so no form handles Teams' "a,b".
import { describe, expect, it } from "vitest";
import type { FormView } from "../../src/kernel/form.js";
import { formValuesFromCardData } from "../../src/teams/form-values.js";
import { readCardAction } from "../../src/teams/payloads.js";
import { formCard } from "../../src/teams/render/form-card.js";
import { type Card, submitAction } from "../support/teams-activities.js";

const multi = new Set(["needs"]);

describe("Teams form values", () => {
  it("gives a multi-select's 'a,b' as a list, trimmed, without empty parts", () => {
    expect(formValuesFromCardData({ needs: "mentor, danish,," }, multi)).toEqual({ needs: ["mentor", "danish"] });
    expect(formValuesFromCardData({ needs: ["mentor", " interpreter "] }, multi)).toEqual({ needs: ["mentor", "interpreter"] });
  });

  it("gives nothing chosen as an empty list", () => {
    expect(formValuesFromCardData({ needs: "" }, multi)).toEqual({ needs: [] });
  });

  it("keeps a single field as the text it was, a comma included", () => {
    expect(formValuesFromCardData({ note: " a,b ", places: 3, shortageSector: true }, multi)).toEqual({ note: " a,b ", places: "3", shortageSector: "true" });
  });

  it("ignores hostile shapes: objects, lists at single fields, odd lists, non-finite numbers, __proto__", () => {
    const data = JSON.parse('{"__proto__": ["x"], "odd": {"nested": true}, "note": ["a", "b"], "needs": ["mentor", 1], "places": null}') as Record<
      string,
      unknown
    >;
    const values = formValuesFromCardData({ ...data, weeks: Number.NaN }, multi);
    expect(values).toEqual({});
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(formValuesFromCardData({ needs: 7 }, multi)).toEqual({});
  });

  it("reads the multi-choice ids the form card carries, and nothing else as a list", () => {
    const form: FormView = {
      formId: "test.form",
      title: "Titel",
      submitLabel: "Gem",
      cancelLabel: "Annullér",
      fields: [
        { kind: "checkboxes", id: "needs", label: "Behov", required: false, options: [{ value: "mentor", label: "Mentor" }] },
        { kind: "text", id: "note", label: "Note", required: false, maxLength: 100 },
      ],
      values: {},
      errors: {},
      nonce: "n-1",
      state: {},
    };
    const { verb, data } = submitAction(formCard(form) as unknown as Card);
    expect(data.multiChoice).toEqual(["needs"]);
    expect(readCardAction(verb, { ...data, needs: "mentor,danish", note: "x,y" }).values).toEqual({ needs: ["mentor", "danish"], note: "x,y" });
    expect(readCardAction(verb, { ...data, multiChoice: "needs", needs: "mentor,danish" }).values).toEqual({ needs: "mentor,danish" });
  });
});
