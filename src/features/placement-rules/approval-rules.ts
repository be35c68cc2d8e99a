// Which placements need the employee representative's confirmation and the municipality's
// approval before they start, and the status a new one begins in.
import type { IsoDate } from "../../kernel/dates.js";
import type { PlacementStatus } from "../../kernel/records.js";
import { needsRepresentative, ruleKindOf } from "./rule-set.js";

/**
 * The employee representative confirms in writing only where the workplace has more than one
 * employee: a sole trader has no one to confirm (LAB kap. 11; see "Virksomhedspraktik" in the law notes).
 * Without a figure for the employees the confirmation is asked for.
 */
export function representativeRequired(type: { key: string }, ordinaryEmployees: number | null | undefined): boolean {
  if (!needsRepresentative(type)) return false;
  return ordinaryEmployees === null || ordinaryEmployees === undefined || ordinaryEmployees > 1;
}

/**
 * Praktik, løntilskud and IGU are agreed with the municipality: a placement may not start before
 * the municipality has approved it (LAW.md "Virksomhedspraktik"; aarhus.dk, kk.dk). Other types
 * (an ordinary job, an apprenticeship) are the employer's own and count at once.
 */
function needsApproval(type: { key: string }): boolean {
  return ruleKindOf(type.key) !== undefined;
}

/** The status a placement is registered in. */
export function initialStatus(
  type: { key: string },
  ordinaryEmployees: number | null | undefined,
  representativeConfirmed: boolean,
): Extract<PlacementStatus, "awaiting_confirmation" | "registered" | "active"> {
  if (!needsApproval(type)) return "active";
  return representativeRequired(type, ordinaryEmployees) && !representativeConfirmed ? "awaiting_confirmation" : "registered";
}

/** An approved placement is "approved" until its start date and "active" from then (LAB kap. 11: it runs from its start). */
export function approvedStatusOn(startDate: IsoDate, today: IsoDate): Extract<PlacementStatus, "approved" | "active"> {
  return startDate <= today ? "active" : "approved";
}
