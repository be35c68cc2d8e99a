// view.state.values → FormValues: a multi-choice input arrives as a list and every other input
// as text, so no form handles Slack's shapes; hostile payloads are refused or ignored.
import { describe, expect, it } from "vitest";
import { formValuesFromState } from "../../src/slack/form-values.js";
import { ZViewState } from "../../src/slack/payloads.js";

describe("Slack form values", () => {
  it("gives checkboxes and multi-selects as lists, without empty values", () => {
    expect(
      formValuesFromState({
        needs: { needs: { type: "checkboxes", selected_options: [{ value: "mentor" }, { value: "" }, { value: "danish" }] } },
        none: { none: { type: "checkboxes", selected_options: null } },
        many: { many: { type: "multi_static_select", selected_options: [{ value: "a" }] } },
      }),
    ).toEqual({ needs: ["mentor", "danish"], none: [], many: ["a"] });
  });

  it("gives single inputs as text and leaves empty ones out", () => {
    const values = formValuesFromState({
      note: { note: { type: "plain_text_input", value: " a,b " } },
      sector: { sector: { type: "static_select", selected_option: { value: "it" } } },
      empty: { empty: { type: "static_select", selected_option: null } },
      blank: { blank: { type: "plain_text_input", value: null } },
    });
    expect(values).toStrictEqual({ note: " a,b ", sector: "it" });
  });

  it("refuses a number or an object where Slack sends text, and ignores a __proto__ block", () => {
    expect(ZViewState.safeParse({ values: { places: { places: { type: "number_input", value: 3 } } } }).success).toBe(false);
    expect(ZViewState.safeParse({ values: { note: { note: { type: "plain_text_input", value: { toString: "x" } } } } }).success).toBe(false);
    const parsed = ZViewState.parse(
      JSON.parse('{"values": {"__proto__": {"a": {"type": "plain_text_input", "value": "x"}}, "note": {"note": {"type": "plain_text_input", "value": "ok"}}}}'),
    );
    const values = formValuesFromState(parsed.values);
    expect(values).toStrictEqual({ note: "ok" });
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    const raw = JSON.parse('{"__proto__": {"a": {"type": "multi_static_select", "selected_options": [{"value": "x"}]}}}') as Parameters<
      typeof formValuesFromState
    >[0];
    const direct = formValuesFromState(raw);
    expect(direct).toStrictEqual({});
    expect(Object.getPrototypeOf(direct)).toBe(Object.prototype);
  });
});
