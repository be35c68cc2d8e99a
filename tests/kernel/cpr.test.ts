import { describe, expect, it } from "vitest";
import { containsCpr, findCpr } from "../../src/kernel/cpr.js";
import { CPR_VARIANTS } from "../support/cpr-variants.js";

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

  it("treats 10 digits that form a real date as a CPR number, unless they are named as a P-nummer", () => {
    expect(containsCpr("1012345678")).toBe(true);
    // A P-nummer named as such is a workplace's number, not a person's.
    expect(containsCpr("P-nummer 1012345678")).toBe(false);
    expect(containsCpr("p-nr.: 1012345678")).toBe(false);
  });

  it("does not match inside a longer run of digits", () => {
    expect(containsCpr("ordre 12010190123499")).toBe(false);
  });

  it("reports where, never what", () => {
    expect(findCpr("x 010190-1234")).toEqual({ index: 2 });
  });
});

describe("CPR numbers however they are typed", () => {
  it.each(CPR_VARIANTS)("finds %s", (_name, text) => {
    expect(containsCpr(text)).toBe(true);
  });

  it.each([
    ["a CVR number", "CVR 24256790"],
    ["a CVR number with spaces", "CVR 24 25 67 90"],
    ["a P-nummer named as such", "P-nummer 1000000001"],
    ["a P-nummer that is not a date", "1000000001"],
    ["a Danish phone number", "+45 12 34 56 78"],
    ["a phone number without country code", "Ring 98 76 54 32 efter kl. 10"],
    ["an ISO date", "Start 2016-10-03"],
    ["an ISO date and a time", "2016-10-03 10:30"],
    ["a Danish date", "3.10.2016"],
    ["two dates", "2016-10-03 til 2016-12-31"],
    ["a time window", "09:00-12:00"],
    ["an amount", "Løn 12.345,67 kr."],
    ["a quarter", "2016-Q3"],
  ])("leaves %s alone", (_name, text) => {
    expect(containsCpr(text)).toBe(false);
  });
});
