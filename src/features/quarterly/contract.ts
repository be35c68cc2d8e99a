// The contract of "file a quarterly status": what the form's fields may hold and what the use case
// receives, keyed by the form's field ids; each limit is one constant the form shows too.
import { z } from "zod";
import { zId, zRequiredInteger, zRequiredText } from "../../kernel/fields.js";

export const STATUS_LIMITS = { activities: 3000, plan: 2000, countMin: 0, countMax: 100_000 } as const;

const zCount = () => zRequiredInteger(STATUS_LIMITS.countMin, STATUS_LIMITS.countMax);

export const ZFileQuarterlyStatusInput = z.object({
  /** The quarter the form was opened for ("2016-Q4"), carried in the form's state. */
  quarter: zId(),
  activities: zRequiredText(STATUS_LIMITS.activities),
  companiesContacted: zCount(),
  placementsHelped: zCount(),
  iguAgreements: zCount(),
  eventsHeld: zCount(),
  plan: zRequiredText(STATUS_LIMITS.plan),
});
export type TFileQuarterlyStatusInput = z.output<typeof ZFileQuarterlyStatusInput>;
