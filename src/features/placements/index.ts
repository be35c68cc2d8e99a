// What the placements feature offers the other features; they import it from here only.

export type { TargetProgress } from "./compute-progress.js";
export { evaluateTargets, PRAKTIK_TYPE_KEY } from "./compute-progress.js";
export { listPlacements } from "./list-placements.js";
export { targetLine } from "./progress-view.js";
export type { PlacementsStore } from "./store.js";
export { LIST_PLACEMENTS_ACTION, OPEN_PLACEMENT_FORM_ACTION, placementFacts, ruleFacts } from "./views.js";
