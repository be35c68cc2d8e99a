// Invitations: `admin invitér` — a secretariat admin makes a code for an organisation and role —
// and `tilmeld KODE`, which anyone may type, also a person the bot does not know yet.
import { isAdmin, type KnownAccess, partnershipsOf } from "../../kernel/access.js";
import type { Locale } from "../../kernel/actor.js";
import { deniedView } from "../../kernel/common-views.js";
import { type BotContext, type Feature, message } from "../../kernel/feature.js";
import type { FieldErrors, FormValues, FormView } from "../../kernel/form.js";
import { userAddressFromRef } from "../../kernel/messenger.js";
import { withRetry } from "../../kernel/retry.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import { type FormOpened, submitForm } from "../../kernel/submit-form.js";
import { ZCreateInvitationInput } from "./contract.js";
import { createInvitation } from "./create-invitation.js";
import { INVITATION_FORM_ID, invitationFormView } from "./form.js";
import { redeemInvitation } from "./redeem-invitation.js";
import type { InvitationsStore } from "./store.js";
import { enrolledView, invitationCreatedView, invitationUsedView, redeemView } from "./views.js";

/** The store ports this feature's commands and forms use. */
export type InvitationsFeatureStore = InvitationsStore & AccessStore & PartnershipsStore;

async function invitationForm(
  ctx: BotContext<InvitationsFeatureStore>,
  access: KnownAccess,
  locale: Locale,
  more: { values?: FormValues; errors?: FieldErrors; nonce?: string } = {},
): Promise<FormView> {
  const { store } = ctx.deps;
  const partnerships = await partnershipsOf(store, access);
  const organisations = await store.listOrganisations(partnerships.map((p) => p.id));
  return invitationFormView({
    context: { partnerships, organisations },
    t: ctx.t(locale),
    nonce: more.nonce ?? ctx.newNonce(),
    values: more.values,
    errors: more.errors,
  });
}

const submitInvitation = submitForm<InvitationsFeatureStore>()({
  open: async (ctx, { access }): Promise<FormOpened<KnownAccess>> =>
    isAdmin(access) ? { kind: "ok", context: access } : { kind: "refused", view: deniedView(ctx.t(access.actor.locale)) },
  form: (ctx, access, { submission }) => invitationForm(ctx, access, access.actor.locale, { values: submission.values, nonce: submission.nonce }),
  contract: ZCreateInvitationInput,
  run: (ctx, { access, input }) => createInvitation(ctx.deps.store, access, input, ctx.now()),
  answer: (ctx, result, { access }) => {
    const t = ctx.t(access.actor.locale);
    if (result.kind === "denied") return { kind: "refused", view: deniedView(t) };
    if (result.kind === "invalid") return result;
    const { invitation } = result;
    ctx.deps.logger.info({ invitationId: invitation.id, organisationId: invitation.organisationId, role: invitation.role }, "invitation created");
    return {
      kind: "done",
      view: invitationCreatedView(t, access.actor.locale, {
        code: result.code,
        organisation: result.organisation,
        role: invitation.role,
        maxUses: invitation.maxUses,
        expiresAt: invitation.expiresAt,
      }),
    };
  },
});

export const invitationsFeature: Feature<InvitationsFeatureStore> = {
  commands: {
    invite: async (ctx, { access }) => {
      if (!isAdmin(access)) return message(deniedView(ctx.t(access.actor.locale)));
      return { kind: "form", form: await withRetry(() => invitationForm(ctx, access, access.actor.locale)) };
    },
  },
  publicCommands: {
    enrol: async (ctx, { access, args, style }) => {
      const { actor } = access;
      const t = ctx.t(actor.locale);
      const result = await redeemInvitation(ctx.deps.store, access, args.join(" "), ctx.now());
      if (result.kind !== "enrolled") {
        ctx.deps.logger.info({ platform: actor.platform, workspaceId: actor.workspaceId, outcome: result.kind }, "invitation code not accepted");
        return message(redeemView(t, result, style));
      }
      const { invitation, organisation, contact } = result;
      ctx.deps.logger.info({ invitationId: invitation.id, contactId: contact.id, platform: actor.platform, workspaceId: actor.workspaceId }, "invitation used");
      // The admin who made it hears who joined; a failed notice does not undo the enrolment.
      const admin = userAddressFromRef(invitation.createdBy);
      if (admin && ctx.deps.messenger) {
        const adminT = ctx.t("da");
        const who = `${actor.displayName ?? actor.userId} (${actor.platform}, ${actor.workspaceId})`;
        await ctx.deps.messenger
          .sendDirect(admin, invitationUsedView(adminT, { who, organisation, role: contact.role, usesLeft: invitation.maxUses - invitation.uses - 1 }))
          .catch((error: unknown) => ctx.deps.logger.warn({ err: error, invitationId: invitation.id }, "could not tell the admin about the used invitation"));
      }
      return message(enrolledView(t, style, { organisation, role: contact.role }));
    },
  },
  forms: {
    [INVITATION_FORM_ID]: submitInvitation,
  },
};
