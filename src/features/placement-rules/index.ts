// What the placement-rules feature offers the other features; they import it from here only.

export { canPostForApproval, postForApprovalOrTell } from "./approval-bot.js";
export { initialStatus } from "./approval-rules.js";
export { addMonths, checkHours, checkRegistrationDuration, maxWeeksAtRegistration } from "./duration-rules.js";
export { extendPlacement } from "./extend-placement.js";
export type { PlacementOutcomes } from "./placement-outcomes.js";
export { summariseOutcomes } from "./placement-outcomes.js";
export { checkRatioAtWorkplace, ratioProblem } from "./ratio-check.js";
export { zOptionalChoice, zOptionalDecimal, zOptionalKey, zOptionalPNumber, zOptionalYesNo } from "./rule-fields.js";
export type { PlacementRuleSettings } from "./rule-set.js";
export { needsRepresentative, needsWorkplace, OUTCOMES, PRAKTIK_PURPOSES, ruleKindOf, ruleSetOn, rulesOn, targetGroupIn } from "./rule-set.js";
export type { OutcomesStore, PlacementRulesStore } from "./store.js";
export { OPEN_VITAS_ACTION } from "./views.js";
