// zod schemas for the JSON columns, checked whenever a row is read.
import { z } from "zod";
import { EMPLOYER_SECTORS } from "../kernel/records.js";

export const ZTargetFilterSchema = z.object({
  types: z.array(z.string()).optional(),
  employerSector: z.enum(EMPLOYER_SECTORS).optional(),
  shortageOnly: z.boolean().optional(),
});

const ZClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Partnership.settings: the business-day clock, with the defaults a new partnership gets. */
export const ZPartnershipSettingsSchema = z.looseObject({
  workdayStart: ZClockTime.catch("08:00").default("08:00"),
  workdayEnd: ZClockTime.catch("16:00").default("16:00"),
  slaBusinessDays: z.number().int().min(1).max(30).catch(3).default(3),
  mayDayIsHoliday: z.boolean().catch(false).default(false),
});

/** SupportRequest.channelMessage: where the request was posted. */
export const ZPostedMessageRefSchema = z.object({
  platform: z.enum(["slack", "teams"]),
  workspaceId: z.string(),
  channelId: z.string(),
  messageId: z.string(),
});
