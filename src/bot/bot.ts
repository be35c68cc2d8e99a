// What the bot says and does, for any platform. Adapters turn a chat payload into an Actor
// and one of these calls, and render the reply; they hold no rules of their own. Each
// feature's commands, buttons and forms live in their own file and are listed in FEATURES.
import { randomUUID } from "node:crypto";
import { contactsFeature } from "../features/contacts/bot.js";
import { digestsFeature } from "../features/digests/bot.js";
import { eventsFeature } from "../features/events/bot.js";
import { installationsFeature } from "../features/installations/bot.js";
import { invitationsFeature } from "../features/invitations/bot.js";
import { placementRulesFeature } from "../features/placement-rules/bot.js";
import { placementsFeature } from "../features/placements/bot.js";
import { caseDataFeature } from "../features/privacy/bot.js";
import { quarterlyStatusFeature } from "../features/quarterly/bot.js";
import { schemeInfoFeature } from "../features/scheme-info/bot.js";
import { supportRequestsFeature } from "../features/support-requests/bot.js";
import { type Access, isAdmin, resolveAccess } from "../kernel/access.js";
import { type Actor, actorRef, type Locale } from "../kernel/actor.js";
import { parseCommand } from "../kernel/commands.js";
import { type CommandStyle, faultView, noAccessView } from "../kernel/common-views.js";
import { containsCpr } from "../kernel/cpr.js";
import {
  type BotContext,
  type BotReply,
  type Feature,
  type FormSubmission,
  type BotDeps as KernelBotDeps,
  message,
  type SubmitReply,
} from "../kernel/feature.js";
import { type MessageView, simpleMessage } from "../kernel/message.js";
import type { ChannelAddress } from "../kernel/messenger.js";
import { withRetry } from "../kernel/retry.js";
import { normaliseText } from "../kernel/text.js";
import type { Translate } from "../kernel/translate.js";
import { helpView, unknownCommandView } from "./help-views.js";
import type { AppStore } from "./stores.js";

/** How often the bot notes again that a chat user talked to it, and how many it keeps in mind. */
const REMEMBER_EVERY_MS = 10 * 60_000;
const REMEMBERED_MAX = 10_000;

/** The longest value a button or a form's state carries (ids, a few joined); anything longer is cut. */
const CLIENT_VALUE_MAX = 1000;

/** A value the client sent back (a button's value, a form's state or nonce): NUL and invisible characters removed, bounded. */
function cleanValue(value: string): string {
  return normaliseText(value).slice(0, CLIENT_VALUE_MAX);
}

export type { BotReply, FormSubmission, SubmitReply } from "../kernel/feature.js";

/** What the Bot is built with: every store port (AppStore), the translations, the admins, the clock. */
export type BotDeps = KernelBotDeps<AppStore>;

const helpFeature: Feature<unknown> = {
  commands: {
    help: async (ctx, { access, style }) => message(helpView(ctx.t(access.actor.locale), style, isAdmin(access))),
  },
};

/** Every feature the bot has. */
const FEATURES: readonly Feature<AppStore>[] = [
  helpFeature,
  placementsFeature,
  contactsFeature,
  supportRequestsFeature,
  quarterlyStatusFeature,
  placementRulesFeature,
  caseDataFeature,
  digestsFeature,
  schemeInfoFeature,
  eventsFeature,
  invitationsFeature,
  installationsFeature,
];

/**
 * Handlers by id, holding only what a feature registered. An id from a chat client is hostile:
 * looked up in a plain object, "toString", "constructor" or "__proto__" would find a built-in
 * of Object.prototype and call it as a handler.
 */
function registered<H>(pick: (feature: Feature<AppStore>) => Partial<Record<string, H>> | undefined): ReadonlyMap<string, H> {
  const handlers = new Map<string, H>();
  for (const feature of FEATURES) {
    const own = pick(feature);
    if (!own) continue;
    for (const id of Object.keys(own)) {
      const handler = own[id];
      if (handler !== undefined && !handlers.has(id)) handlers.set(id, handler);
    }
  }
  return handlers;
}

const COMMAND_HANDLERS = registered((f) => f.commands);
const PUBLIC_COMMAND_HANDLERS = registered((f) => f.publicCommands);
const ACTION_HANDLERS = registered((f) => f.actions);
const FORM_HANDLERS = registered((f) => f.forms);

export class Bot {
  private readonly ctx: BotContext<AppStore>;

  constructor(private readonly deps: BotDeps) {
    const clock = deps.clock ?? (() => new Date());
    this.ctx = { deps, now: clock, newNonce: deps.newNonce ?? randomUUID, t: (locale) => deps.i18n.t(locale) };
  }

  t(locale: Locale): Translate {
    return this.deps.i18n.t(locale);
  }

  private async access(actor: Actor): Promise<Access> {
    const { store } = this.deps;
    // Remembering who talked to the bot lets an admin pick them later; it must never block a reply,
    // and once in a while is enough (a write on every click would weigh on every interaction).
    if (this.shouldRemember(actor)) {
      store
        .rememberChatUser({ platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId, displayName: actor.displayName ?? null })
        .catch((error: unknown) => {
          this.remembered.delete(actorRef(actor));
          this.deps.logger.warn({ err: error, platform: actor.platform }, "could not remember chat user");
        });
    }
    return withRetry(() => resolveAccess(store, actor, this.deps.admins));
  }

  /** Who was remembered when, under which name: at most once per REMEMBER_EVERY_MS, or when the name changes. */
  private readonly remembered = new Map<string, { at: number; name: string | undefined }>();

  /** True when the chat user should be remembered now (and notes that it is). */
  private shouldRemember(actor: Actor): boolean {
    const key = actorRef(actor);
    const now = Date.now();
    const last = this.remembered.get(key);
    if (last && now - last.at < REMEMBER_EVERY_MS && last.name === actor.displayName) return false;
    // A bound on memory: a process that met very many people starts its list again.
    if (this.remembered.size >= REMEMBERED_MAX) this.remembered.clear();
    this.remembered.set(key, { at: now, name: actor.displayName });
    return true;
  }

  /**
   * The actor in the language they chose with `sprog`, for what an adapter draws around the
   * bot's answer (a form card's error summary, file links); the platform's language otherwise.
   */
  async withPreferredLocale(actor: Actor): Promise<Actor> {
    try {
      const ids = [actor.userId, ...(actor.otherIds ?? [])];
      const stored = await this.deps.store.findPreferredLocale(actor.platform, actor.workspaceId, ids);
      return stored ? { ...actor, locale: this.deps.i18n.localeOf(stored) } : actor;
    } catch {
      return actor;
    }
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
      this.deps.logger.error({ err: error, reference, what, platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId }, "request failed");
      return onFault(faultView(this.t(actor.locale), reference, during));
    }
  }

  /** "/praktik <text>" in Slack, or a message to the bot in Teams. */
  async handleCommand(actor: Actor, text: string, style: CommandStyle, channel?: ChannelAddress): Promise<BotReply> {
    return this.guard(
      actor,
      `command ${text.trim().split(/\s+/)[0] ?? ""}`,
      async () => {
        const access = await this.access(actor);
        // The language the person chose (`sprog`) when they chose one, else their platform's.
        const t = this.t(access.actor.locale);
        const parsed = parseCommand(text);
        const open = parsed.kind === "command" ? PUBLIC_COMMAND_HANDLERS.get(parsed.name) : undefined;
        if (open && parsed.kind === "command") {
          if (containsCpr(parsed.args.join(" "))) return message(simpleMessage(t("form:errors.cpr")));
          return open(this.ctx, { access, args: parsed.args, style });
        }
        if (access.kind === "unknown") return message(noAccessView(actor, t));
        if (parsed.kind === "unknown") return message(unknownCommandView(parsed.word, parsed.suggestion, t, style));
        // No CPR number in any command argument (databeskyttelsesloven § 11), whatever the command.
        if (containsCpr(parsed.args.join(" "))) return message(simpleMessage(t("form:errors.cpr")));
        const handler = COMMAND_HANDLERS.get(parsed.name);
        if (!handler) return message(unknownCommandView(parsed.name, undefined, t, style));
        return handler(this.ctx, { access, args: parsed.args, style, ...(channel ? { channel } : {}) });
      },
      message,
    );
  }

  /** A button in one of the bot's messages; `value` is what the button carries (e.g. a request id). */
  async handleAction(actor: Actor, actionId: string, style: CommandStyle, typedValue?: string): Promise<BotReply> {
    const handler = ACTION_HANDLERS.get(actionId);
    // What a button carries comes back from the client and may have been changed there: cleaned
    // once here (NUL and invisible characters removed, bounded), so no handler sees raw input.
    const value = typedValue === undefined ? undefined : cleanValue(typedValue);
    if (!handler) {
      this.deps.logger.warn({ actionId: actionId.slice(0, 100), platform: actor.platform }, "unknown action");
      return message(simpleMessage(this.t(actor.locale)("errors:form_expired")));
    }
    return this.guard(
      actor,
      `action ${actionId}`,
      async () => {
        const access = await this.access(actor);
        if (access.kind === "unknown") return message(noAccessView(access.actor, this.t(access.actor.locale)));
        return handler(this.ctx, { access, value, style });
      },
      message,
    );
  }

  /** A form came back from the platform. */
  async submitForm(actor: Actor, typed: FormSubmission): Promise<SubmitReply> {
    // The routing state and the nonce come back from the client like a button's value: cleaned
    // once here, as the fields are by their contracts, so no handler sees a NUL byte.
    const submission: FormSubmission = {
      ...typed,
      nonce: cleanValue(typed.nonce),
      state: Object.fromEntries(Object.entries(typed.state).map(([key, value]) => [key, cleanValue(String(value))])),
    };
    return this.guard(
      actor,
      `submit ${submission.formId}`,
      async (): Promise<SubmitReply> => {
        const access = await this.access(actor);
        const t = this.t(access.actor.locale);
        if (access.kind === "unknown") return { kind: "refused", view: noAccessView(access.actor, t) };
        const handler = FORM_HANDLERS.get(submission.formId);
        if (!handler) {
          this.deps.logger.warn({ formId: submission.formId.slice(0, 100), platform: actor.platform }, "unknown form");
          return { kind: "refused", view: simpleMessage(t("errors:form_expired")) };
        }
        return handler(this.ctx, { access, submission });
      },
      (view) => ({ kind: "fault", view }),
      "submit",
    );
  }
}
