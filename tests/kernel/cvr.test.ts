import { describe, expect, it } from "vitest";
import { cvrProblem, isValidCvr, normaliseCvr } from "../../src/kernel/cvr.js";

describe("CVR numbers", () => {
  it.each(["24256790", "10000009", "DK24256790", "24 25 67 90", "dk 2425-6790"])("accepts %s", (cvr) => {
    expect(isValidCvr(cvr)).toBe(true);
    expect(cvrProblem(cvr)).toBeUndefined();
  });

  it("refuses a number whose weighted sum is not divisible by 11", () => {
    expect(cvrProblem("12345678")).toBe("checksum");
    expect(cvrProblem("24256791")).toBe("checksum");
  });

  it.each(["1234567", "123456789", "02425679", "abcdefgh", "", "2425679O"])("refuses the shape of %j", (cvr) => {
    expect(cvrProblem(cvr)).toBe("format");
    expect(isValidCvr(cvr)).toBe(false);
  });

  it("normalises what people paste", () => {
    expect(normaliseCvr(" DK 24 25 67 90 ")).toBe("24256790");
  });
});
