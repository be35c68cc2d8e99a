// A feature plugs its commands, buttons and forms into the Bot from its own folder's bot.ts
// (src/features/placements/bot.ts, …), so a newcomer finds a feature by its name. A feature names
// the store port it needs (S); the Bot holds the composite of all ports (src/bot/stores.ts),
// which every feature's port is a part of.

import type { Access, KnownAccess } from "./access.js";
import type { Locale } from "./actor.js";
import type { CommandName } from "./commands.js";
import type { CommandStyle } from "./common-views.js";
import type { FieldErrors, FormValues, FormView } from "./form.js";
import type { Logger } from "./logger.js";
import type { MessageView } from "./message.js";
import type { ChannelAddress, Messenger } from "./messenger.js";
import type { I18n, Translate } from "./translate.js";

export type BotDeps<S> = {
  store: S;
  i18n: I18n;
  admins: ReadonlySet<string>;
  timezone: string;
  clock?: () => Date;
  logger: Logger;
  newNonce?: () => string;
  /** Proactive messages (channel posts, updates, DMs); absent where no adapter runs. */
  messenger?: Messenger;
};

/** What every feature handler gets: the dependencies, the clock and a few helpers. */
export type BotContext<S> = {
  deps: BotDeps<S>;
  now: () => Date;
  newNonce: () => string;
  t: (locale: Locale) => Translate;
};

/** A file the bot made for the person (a report), delivered after its first answer. */
export type BotFile = { fileName: string; mimeType: string; data: Buffer; title: string };

/** What comes after a "working on it" answer: files with a message, or only a message. It never throws. */
export type FollowUp = { kind: "files"; view: MessageView; files: BotFile[] } | { kind: "message"; view: MessageView };

export type BotReply =
  /** `followUp`: slow work the adapter runs after delivering `view`, and delivers to the same conversation. */
  | { kind: "message"; view: MessageView; followUp?: () => Promise<FollowUp> }
  | { kind: "form"; form: FormView }
  /**
   * An answer for the person who pressed a button only (a refusal, "you took it"): a private
   * message in Slack, a message response in Teams that leaves the card and the channel alone.
   */
  | { kind: "notice"; view: MessageView };

export type SubmitReply =
  /** Something was wrong at a field: show the form again with the messages and what was typed. */
  | { kind: "invalid"; form: FormView; errors: FieldErrors }
  /**
   * Saved. `after`: work that follows the answer (posting a placement for the municipality's
   * approval); the adapter runs it once the person has their answer, so a slow post never eats
   * Slack's 3 seconds. It never throws: it reports its own faults.
   */
  | { kind: "done"; view: MessageView; after?: () => Promise<void> }
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

export type CommandRequest = {
  access: KnownAccess;
  args: string[];
  style: CommandStyle;
  /** The channel the command was typed in, where the platform says (Slack: any; Teams: a team channel). */
  channel?: ChannelAddress;
};
/** A command anyone may use, also a person the bot does not know yet (`tilmeld KODE`). */
export type PublicCommandRequest = { access: Access; args: string[]; style: CommandStyle };
export type ActionRequest = { access: KnownAccess; value: string | undefined; style: CommandStyle };
export type SubmitRequest = { access: KnownAccess; submission: FormSubmission };

export type Feature<S> = {
  commands?: Partial<Record<CommandName, (ctx: BotContext<S>, request: CommandRequest) => Promise<BotReply>>>;
  /** Commands that also answer people the bot does not know; they check access themselves. */
  publicCommands?: Partial<Record<CommandName, (ctx: BotContext<S>, request: PublicCommandRequest) => Promise<BotReply>>>;
  /** Buttons, by action id (Slack action_id, Teams Action.Execute verb). */
  actions?: Record<string, (ctx: BotContext<S>, request: ActionRequest) => Promise<BotReply>>;
  /** Submitted forms, by form id. */
  forms?: Record<string, (ctx: BotContext<S>, request: SubmitRequest) => Promise<SubmitReply>>;
};

/** An answer only the person who pressed sees; see BotReply "notice". */
export function notice(view: MessageView): BotReply {
  return { kind: "notice", view };
}

export function message(view: MessageView): BotReply {
  return { kind: "message", view };
}
