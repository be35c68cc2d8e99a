// The contract of "add a contact": what the form's fields may hold and what the use case receives,
// keyed by the form's field ids.
import { z } from "zod";
import { zChoice, zId } from "../../kernel/fields.js";
import { ROLES } from "../../kernel/records.js";

/** A platform user id: Slack U…, a Teams AAD object id or a 29:… id. */
const USER_ID = /^[A-Za-z0-9:_\-.@]{2,200}$/;

export const ZAddContactInput = z.object({
  userId: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : typeof v === "string" ? v.trim() : v),
    z.string({ error: "admin:errors.user_required" }).min(1, { error: "admin:errors.user_required" }).regex(USER_ID, { error: "admin:errors.user_invalid" }),
  ),
  organisationId: zId(),
  role: zChoice(ROLES),
});
export type TAddContactInput = z.output<typeof ZAddContactInput>;
