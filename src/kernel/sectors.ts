/** Industries a placement can be in; labels live in the placement namespace under sectors. */
export const SECTORS = [
  "construction",
  "manufacturing",
  "transport",
  "hospitality",
  "cleaning",
  "agriculture",
  "retail",
  "health_care",
  "education",
  "office",
  "it",
  "other",
] as const;
