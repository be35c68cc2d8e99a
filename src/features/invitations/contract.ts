// The contract of "invite someone": what the invitation form's fields may hold and what the use
// case receives, keyed by the form's field ids.
import { z } from "zod";
import { zChoice, zId, zRequiredInteger } from "../../kernel/fields.js";
import { ROLES } from "../../kernel/records.js";

/** How many people one invitation can enrol at most; a larger group gets several. */
export const MAX_INVITATION_USES = 50;

export const ZCreateInvitationInput = z.object({
  organisationId: zId(),
  role: zChoice(ROLES),
  maxUses: zRequiredInteger(1, MAX_INVITATION_USES),
});
export type TCreateInvitationInput = z.output<typeof ZCreateInvitationInput>;
