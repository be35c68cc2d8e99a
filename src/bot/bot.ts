// What the bot says and does, for any platform. Adapters turn a chat payload into an Actor
// and one of these calls, and render the reply; they hold no rules of their own.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { type Access, isAdmin, resolveAccess } from "../domain/access.js";
import { addContact } from "../domain/add-contact.js";
import type { Actor, Locale } from "../domain/actor.js";
import { computeProgress } from "../domain/compute-progress.js";
import { todayIn } from "../domain/dates.js";
import { listPlacements } from "../domain/list-placements.js";
import { openPlacementForm, type PlacementFormContext } from "../domain/open-placement-form.js";
import { type CommandName, parseCommand } from "../domain/parse-command.js";
import { type FieldProblems, registerPlacement } from "../domain/register-placement.js";
import type { Store } from "../domain/store.js";
import { CONTACT_FORM_ID, contactFormView, ZContactSubmissionSchema } from "../forms/contact-form.js";
import { type FieldErrors, type FormValues, type FormView, parseForm } from "../forms/form.js";
import { PLACEMENT_FORM_ID, placementFormFields, placementFormView, ZPlacementSubmissionSchema } from "../forms/placement-form.js";
import type { I18n, Translate } from "../i18n/index.js";
import { type CommandStyle, deniedView, faultView, helpView, noAccessView, unknownCommandView } from "../views/help-views.js";
import { type MessageView, simpleMessage } from "../views/message.js";
import { LIST_PLACEMENTS_ACTION, OPEN_PLACEMENT_FORM_ACTION, placementConfirmationView, placementListView } from "../views/placement-views.js";
import { progressView } from "../views/progress-view.js";
import { withRetry } from "./retry.js";

export type BotDeps = {
  store: Store;
  i18n: I18n;
  admins: ReadonlySet<string>;
  timezone: string;
  clock?: () => Date;
  logger: Logger;
  newNonce?: () => string;
};

export type BotReply = { kind: "message"; view: MessageView } | { kind: "form"; form: FormView };

export type SubmitReply =
  /** Something was wrong at a field: show the form again with the messages and what was typed. */
  | { kind: "invalid"; form: FormView; errors: FieldErrors }
  | { kind: "done"; view: MessageView }
  /**
   * Not accepted and nothing saved (unknown person, no permission, a form from an old version):
   * tell this person, and leave the form as it is for anyone else who can see it.
   */
  | { kind: "refused"; view: MessageView }
  /** A fault of ours, logged with a reference: tell the person and keep the form and what they typed. */
  | { kind: "fault"; view: MessageView };

export type FormSubmission = {
  formId: string;
  values: FormValues;
  nonce: string;
  /** Routing state the form carried (e.g. the fixed organisation of a partner contact). */
  state: Record<string, string>;
};

/** Domain field names that the forms call something else. */
const PLACEMENT_FIELD_NAMES: Record<string, string> = { organisationId: "organisation", typeId: "type" };

export class Bot {
  private readonly clock: () => Date;
  private readonly newNonce: () => string;

  constructor(private readonly deps: BotDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.newNonce = deps.newNonce ?? randomUUID;
  }

  t(locale: Locale): Translate {
    return this.deps.i18n.t(locale);
  }

  private async access(actor: Actor): Promise<Access> {
    const { store } = this.deps;
    // Remembering who talked to the bot lets an admin pick them later; it must never block a reply.
    store
      .rememberChatUser({ platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId, displayName: actor.displayName ?? null })
      .catch((error: unknown) => this.deps.logger.warn({ err: error, platform: actor.platform }, "could not remember chat user"));
    return withRetry(() => resolveAccess(store, actor, this.deps.admins));
  }

  /** Runs a handler; a fault of ours is logged with a reference the user also sees. */
  private async guard<T>(
    actor: Actor,
    what: string,
    handler: () => Promise<T>,
    onFault: (view: MessageView) => T,
    during: "submit" | "read" = "read",
  ): Promise<T> {
    try {
      return await handler();
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      this.deps.logger.error(
        { err: error, reference, what, platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId },
        "request failed",
      );
      return onFault(faultView(this.t(actor.locale), reference, during));
    }
  }

  /** "/praktik <text>" in Slack, or a message to the bot in Teams. */
  async handleCommand(actor: Actor, text: string, style: CommandStyle): Promise<BotReply> {
    return this.guard(actor, `command ${text.split(/\s+/)[0] ?? ""}`, async () => {
      const t = this.t(actor.locale);
      const access = await this.access(actor);
      const parsed = parseCommand(text);
      if (access.kind === "unknown") return message(noAccessView(actor, t));
      if (parsed.kind === "unknown") return message(unknownCommandView(parsed.word, parsed.suggestion, t, style));
      return this.runCommand(parsed.name, access, style);
    }, message);
  }

  /** A button in one of the bot's messages. */
  async handleAction(actor: Actor, actionId: string, style: CommandStyle): Promise<BotReply> {
    const command: CommandName | undefined =
      actionId === OPEN_PLACEMENT_FORM_ACTION ? "new" : actionId === LIST_PLACEMENTS_ACTION ? "list" : undefined;
    if (!command) {
      this.deps.logger.warn({ actionId, platform: actor.platform }, "unknown action");
      return message(simpleMessage(this.t(actor.locale)("errors:form_expired")));
    }
    return this.guard(actor, `action ${actionId}`, async () => {
      const access = await this.access(actor);
      if (access.kind === "unknown") return message(noAccessView(actor, this.t(actor.locale)));
      return this.runCommand(command, access, style);
    }, message);
  }

  private async runCommand(name: CommandName, access: Extract<Access, { kind: "known" }>, style: CommandStyle): Promise<BotReply> {
    const { actor } = access;
    const t = this.t(actor.locale);
    const { store } = this.deps;
    switch (name) {
      case "help":
        return message(helpView(t, style, isAdmin(access)));
      case "new": {
        const result = await withRetry(() => openPlacementForm(store, access));
        if (result.kind === "denied") return message(noAccessView(actor, t));
        if (result.kind === "no_partnership") return message(simpleMessage(t("progress:no_partnership")));
        return { kind: "form", form: this.placementForm(result.context, actor.locale) };
      }
      case "list": {
        const result = await withRetry(() => listPlacements(store, access));
        if (result.kind === "denied") return message(noAccessView(actor, t));
        return message(placementListView({ ...result, t, locale: actor.locale }));
      }
      case "progress": {
        const result = await withRetry(() => computeProgress(store, access));
        if (result.kind === "denied") return message(noAccessView(actor, t));
        return message(progressView(result.partnerships, t, actor.locale));
      }
      case "admin": {
        if (!isAdmin(access)) return message(deniedView(t));
        return { kind: "form", form: await this.contactForm(access, actor.locale) };
      }
    }
  }

  private placementForm(context: PlacementFormContext, locale: Locale, values?: FormValues, errors?: FieldErrors, nonce?: string): FormView {
    return placementFormView({
      context,
      t: this.t(locale),
      locale,
      nonce: nonce ?? this.newNonce(),
      today: todayIn(this.deps.timezone, this.clock()),
      values,
      errors,
    });
  }

  private async contactForm(
    access: Extract<Access, { kind: "known" }>,
    locale: Locale,
    values?: FormValues,
    errors?: FieldErrors,
    nonce?: string,
  ): Promise<FormView> {
    const { store } = this.deps;
    const partnerships = (await store.listPartnerships()).filter((p) => access.partnershipIds.includes(p.id));
    const organisations = await store.listOrganisations(partnerships.map((p) => p.id));
    const knownUsers = await store.listChatUsers(access.actor.platform, access.actor.workspaceId, 50);
    return contactFormView({ context: { partnerships, organisations, knownUsers }, t: this.t(locale), nonce: nonce ?? this.newNonce(), values, errors });
  }

  /** A form came back from the platform. */
  async submitForm(actor: Actor, submission: FormSubmission): Promise<SubmitReply> {
    return this.guard(actor, `submit ${submission.formId}`, async (): Promise<SubmitReply> => {
      const access = await this.access(actor);
      const t = this.t(actor.locale);
      if (access.kind === "unknown") return { kind: "refused", view: noAccessView(actor, t) };
      if (submission.formId === PLACEMENT_FORM_ID) return this.submitPlacement(access, submission);
      if (submission.formId === CONTACT_FORM_ID) return this.submitContact(access, submission);
      return { kind: "refused", view: simpleMessage(t("errors:form_expired")) };
    }, (view) => ({ kind: "fault", view }), "submit");
  }

  private async submitPlacement(access: Extract<Access, { kind: "known" }>, submission: FormSubmission): Promise<SubmitReply> {
    const { actor } = access;
    const { store } = this.deps;
    const t = this.t(actor.locale);
    const opened = await withRetry(() => openPlacementForm(store, access));
    if (opened.kind !== "ok") return { kind: "refused", view: noAccessView(actor, t) };
    const context = opened.context;
    // A partner contact's organisation is not a choice in the form; it comes from who they are.
    const values: FormValues = { ...submission.values };
    if (context.fixedOrganisation) values.organisation = context.fixedOrganisation.id;

    const fields = placementFormFields(context, t, actor.locale);
    const parsed = parseForm(ZPlacementSubmissionSchema, fields, values, t);
    const invalid = (errors: FieldErrors): SubmitReply => ({
      kind: "invalid",
      errors,
      form: this.placementForm(context, actor.locale, submission.values, errors, submission.nonce),
    });
    if (!parsed.ok) return invalid(parsed.errors);

    const input = parsed.value;
    const key = `${actor.platform}:${actor.workspaceId}:${submission.nonce}`;
    const result = await withRetry(() =>
      registerPlacement(
        store,
        access,
        {
          organisationId: input.organisation,
          companyName: input.companyName,
          cvr: input.cvr,
          employerSector: input.employerSector,
          sector: input.sector,
          shortageSector: input.shortageSector,
          typeId: input.type,
          places: input.places,
          startDate: input.startDate,
          weeks: input.weeks,
          contactPerson: input.contactPerson,
          needs: input.needs,
          note: input.note,
        },
        key,
      ),
    );
    if (result.kind === "denied") return { kind: "refused", view: noAccessView(actor, t) };
    if (result.kind === "invalid") return invalid(translateProblems(result.problems, t, PLACEMENT_FIELD_NAMES));
    this.deps.logger.info(
      { placementId: result.placement.id, duplicate: result.duplicate, platform: actor.platform },
      result.duplicate ? "placement submission repeated" : "placement registered",
    );
    return { kind: "done", view: placementConfirmationView(result.placement, result.duplicate, t, actor.locale) };
  }

  private async submitContact(access: Extract<Access, { kind: "known" }>, submission: FormSubmission): Promise<SubmitReply> {
    const { actor } = access;
    const t = this.t(actor.locale);
    if (!isAdmin(access)) return { kind: "refused", view: deniedView(t) };
    const form = await this.contactForm(access, actor.locale, submission.values, undefined, submission.nonce);
    const parsed = parseForm(ZContactSubmissionSchema, form.fields, submission.values, t);
    const invalid = async (errors: FieldErrors): Promise<SubmitReply> => ({
      kind: "invalid",
      errors,
      form: { ...form, errors },
    });
    if (!parsed.ok) return invalid(parsed.errors);
    const known = form.fields.find((f) => f.id === "user");
    const displayName =
      known && known.kind === "user"
        ? (known.options.find((o) => o.value === parsed.value.user)?.label.replace(/ \(.*\)$/, "") ?? null)
        : null;
    const result = await withRetry(() =>
      addContact(this.deps.store, access, {
        userId: parsed.value.user,
        displayName,
        organisationId: parsed.value.organisation,
        role: parsed.value.role,
      }),
    );
    if (result.kind === "denied") return { kind: "refused", view: deniedView(t) };
    if (result.kind === "invalid") return invalid(translateProblems(result.problems, t, {}));
    const vars = {
      user: result.contact.displayName ?? result.contact.userId,
      role: t(`admin:roles.${result.contact.role}`),
      organisation: result.organisation.name,
    };
    return { kind: "done", view: simpleMessage(t(result.created ? "admin:saved" : "admin:updated", vars)) };
  }
}

function message(view: MessageView): BotReply {
  return { kind: "message", view };
}

function translateProblems(problems: FieldProblems, t: Translate, rename: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, problem] of Object.entries(problems)) {
    if (problem) errors[rename[field] ?? field] = t(problem.key, problem.vars);
  }
  return errors;
}
