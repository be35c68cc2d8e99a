// Every free-text field and every date field of every form's contract, fed what a hostile or
// careless person types: CPR numbers in every shape, NUL and control characters, impossible and
// out-of-range dates. Each is a field error (or cleaned), never a value that reaches a store.

import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZAddContactInput } from "../../src/features/contacts/contract.js";
import {
  ZConfirmRepresentativeInput,
  ZEndPlacementInput,
  ZExtendPlacementInput,
  ZPrepareVitasSummaryInput,
  ZRecordRatioExemptionInput,
} from "../../src/features/placement-rules/contract.js";
import { ZRegisterPlacementInput } from "../../src/features/placements/contract.js";
import { ZFileQuarterlyStatusInput } from "../../src/features/quarterly/contract.js";
import { ZDeclineSupportRequestInput, ZRequestSupportInput } from "../../src/features/support-requests/contract.js";
import { zOptionalId } from "../../src/kernel/fields.js";
import { CPR_VARIANTS } from "../support/cpr-variants.js";

type Shape = Record<string, z.ZodType>;
const CONTRACTS: [string, Shape][] = [
  ["register placement", ZRegisterPlacementInput.shape],
  ["request support", ZRequestSupportInput.shape],
  ["decline support request", ZDeclineSupportRequestInput.shape],
  ["quarterly status", ZFileQuarterlyStatusInput.shape],
  ["extend placement", ZExtendPlacementInput.shape],
  ["end placement", ZEndPlacementInput.shape],
  ["confirm representative", ZConfirmRepresentativeInput.shape],
  ["VITAS summary", ZPrepareVitasSummaryInput.shape],
  ["ratio exemption", ZRecordRatioExemptionInput.shape],
  ["add contact", ZAddContactInput.shape],
];

/** Ids from selects the server made, and the quarter a form is for: not text a person types. */
const NOT_TYPED = /Id$|^quarter$/;

/** A field is free text when an ordinary name goes through it unchanged. */
const isText = (schema: z.ZodType) => {
  const r = schema.safeParse("Hanne Jensen");
  return r.success && r.data === "Hanne Jensen";
};
const isDate = (schema: z.ZodType) => {
  const r = schema.safeParse("2016-10-03");
  return r.success && r.data === "2016-10-03" && !schema.safeParse("2016-13-03").success;
};

const TEXT_FIELDS = CONTRACTS.flatMap(([form, shape]) =>
  Object.entries(shape).flatMap(([field, schema]) => (!NOT_TYPED.test(field) && isText(schema) ? [[`${form}: ${field}`, schema] as const] : [])),
);
const DATE_FIELDS = CONTRACTS.flatMap(([form, shape]) =>
  Object.entries(shape).flatMap(([field, schema]) => (isDate(schema) ? [[`${form}: ${field}`, schema] as const] : [])),
);

const firstMessage = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? undefined : r.error.issues[0]?.message;
};
const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("the free-text fields of every form", () => {
  it("are found (so a new text field cannot escape these tests unnoticed)", () => {
    const names = TEXT_FIELDS.map(([name]) => name);
    for (const expected of [
      "register placement: companyName",
      "register placement: contactPerson",
      "register placement: note",
      "register placement: representativeName",
      "register placement: ratioExemptionReason",
      "register placement: caseReference",
      "request support: companyName",
      "request support: language",
      "request support: note",
      "decline support request: reason",
      "quarterly status: activities",
      "quarterly status: plan",
      "confirm representative: representativeName",
      "VITAS summary: tasks",
      "ratio exemption: reason",
    ]) {
      expect(names).toContain(expected);
    }
  });

  describe.each(TEXT_FIELDS)("%s", (_name, schema) => {
    it.each(CPR_VARIANTS)("refuses a CPR number typed as %s, at the field", (_variant, text) => {
      // A short field may also say the text is too long; the CPR refusal is always among the problems.
      expect(messages(schema, text)).toContain("form:errors.cpr");
    });

    it("keeps ordinary numbers: a CVR, a P-nummer named as such, a phone number, a date", () => {
      for (const text of ["CVR 24256790", "P-nummer 1000000001", "Tlf +45 12 34 56 78", "Fra 2016-10-03"]) {
        const r = schema.safeParse(text);
        // language accepts only language names; what matters is that no number is taken for a CPR number.
        if (!r.success) expect(r.error.issues[0]?.message).not.toBe("form:errors.cpr");
      }
    });

    it("removes NUL, control and zero-width characters and normalises compatibility forms", () => {
      const r = schema.safeParse("Hanne\u0000 Jen\u200Bsen\u0007\uFEFF");
      expect(r.success && r.data).toBe("Hanne Jensen");
      const wide = schema.safeParse("\uFF28anne Jensen");
      expect(wide.success && wide.data).toBe("Hanne Jensen");
    });
  });
});

describe("the date fields of every form", () => {
  it("are found", () => {
    expect(DATE_FIELDS.map(([name]) => name)).toEqual(
      expect.arrayContaining(["register placement: startDate", "request support: wantedOn", "extend placement: endDate", "end placement: endedOn"]),
    );
  });

  describe.each(DATE_FIELDS)("%s", (_name, schema) => {
    it.each([
      ["2026-13-01", "form:errors.invalid_date"],
      ["2026-02-30", "form:errors.invalid_date"],
      ["+010000-01", "form:errors.invalid_date"],
      ["+010000-01-01", "form:errors.invalid_date"],
      ["2026-01-01\u0000", undefined],
      ["1900-01-01", "form:errors.date_out_of_range"],
      ["9999-12-31", "form:errors.date_out_of_range"],
      ["0000-01-01", "form:errors.invalid_date"],
      ["1999-12-31", "form:errors.date_out_of_range"],
    ])("%j is a field error, not a fault", (value, message) => {
      if (message === undefined) {
        // A NUL after a real date is removed, and the date stands.
        expect(schema.safeParse(value)).toMatchObject({ success: true, data: "2026-01-01" });
      } else {
        expect(firstMessage(schema, value)).toBe(message);
      }
    });
  });
});

describe("an id from a select", () => {
  it("keeps a generated id whose digits look like a CPR number, cleaned of NUL, and reads an empty choice as none", () => {
    // "010190-1234" inside a UUID: the use case accepts only an id it offered, so no CPR refusal here.
    expect(zOptionalId().parse("3f2a9c1e-0101-90-1234-7b1c")).toBe("3f2a9c1e-0101-90-1234-7b1c");
    expect(zOptionalId().parse("ab\u0000cd")).toBe("abcd");
    expect(zOptionalId().parse(["", "x"])).toBeUndefined();
    expect(zOptionalId().safeParse("x".repeat(101)).success).toBe(false);
  });
});
