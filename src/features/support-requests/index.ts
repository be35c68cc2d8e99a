// What the support-requests feature offers the other features; they import it from here only.
export { withMentorFigures } from "./bot.js";
export type { SupportRequestsStore } from "./store.js";
export { SUPPORT_ACTIONS } from "./views.js";
