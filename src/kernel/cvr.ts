const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** Removes the spaces and "DK" prefix people paste with a CVR number ("DK 12 34 56 78"). */
export function normaliseCvr(input: string): string {
  return input.replace(/^\s*DK/i, "").replace(/[\s-]/g, "");
}

/**
 * A CVR number is 8 digits, not starting with 0, whose weighted sum (weights 2,7,6,5,4,3,2,1)
 * is divisible by 11 — the modulus-11 check of the Central Business Register.
 */
export function isValidCvr(input: string): boolean {
  const cvr = normaliseCvr(input);
  if (!/^[1-9]\d{7}$/.test(cvr)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(cvr[i]) * CVR_WEIGHTS[i]!;
  return sum % 11 === 0;
}

export type CvrProblem = "format" | "checksum";

/** Why a CVR number is refused, or undefined when it is valid. */
export function cvrProblem(input: string): CvrProblem | undefined {
  const cvr = normaliseCvr(input);
  if (!/^\d{8}$/.test(cvr) || cvr.startsWith("0")) return "format";
  return isValidCvr(cvr) ? undefined : "checksum";
}
