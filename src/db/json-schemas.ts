// zod schemas for the JSON columns, checked whenever a row is read.
import { z } from "zod";
import { EMPLOYER_SECTORS } from "../domain/records.js";

export const ZTargetFilterSchema = z.object({
  types: z.array(z.string()).optional(),
  employerSector: z.enum(EMPLOYER_SECTORS).optional(),
  shortageOnly: z.boolean().optional(),
});
export type TTargetFilter = z.infer<typeof ZTargetFilterSchema>;
