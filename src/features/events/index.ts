// What the events feature offers the other features; they import it from here only.
export { eventFiguresFor } from "./event-figures.js";
export { withEventField } from "./form.js";
export { eventsToName, linkEventPlacement } from "./link-event-placement.js";
export type { EventFigures, EventRecord, EventsStore } from "./store.js";
export { withEventFigures } from "./views.js";
