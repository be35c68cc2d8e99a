import { describe, expect, it } from "vitest";
import { containsCpr, findCpr } from "../../src/kernel/cpr.js";

describe("CPR guard", () => {
  it.each([
    "Kandidat 010190-1234 starter mandag",
    "cpr 0101901234",
    "3112991234",
    "290200-4321", // 29 Feb 2000 (7th digit 4, year 00 → 2000, a leap year)
    "Født 24.12: 241285 1234",
  ])("finds a CPR number in %j", (text) => {
    expect(containsCpr(text)).toBe(true);
  });

  it.each([
    "Tlf. 98 76 54 32",
    "CVR 24256790",
    "Ring på 12345678",
    "Varenummer 3213991234", // 32nd day
    "Bestilling 0113901234", // month 13
    "290223-1234", // 29 Feb 1923 (7th digit 1 → 1900s) is not a real date
  ])("leaves ordinary numbers alone: %j", (text) => {
    expect(containsCpr(text)).toBe(false);
  });

  it("treats any 10 digits that form a real date as a CPR number, as the rule says", () => {
    // A P-nummer in a free-text note can look like one; the note is refused rather than risk it.
    expect(containsCpr("P-nummer 1012345678")).toBe(true);
  });

  it("does not match inside a longer run of digits", () => {
    expect(containsCpr("ordre 12010190123499")).toBe(false);
  });

  it("reports where, never what", () => {
    expect(findCpr("x 010190-1234")).toEqual({ index: 2 });
  });
});
