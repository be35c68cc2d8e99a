// `sprog da|en` (`/praktik sprog en`): a person chooses the language the bot answers in, over
// what their platform says (the Agents Playground always says en-US). `sprog auto` goes back to
// the platform's. Stored on the person's contact, or for someone without one (named in
// BOT_ADMINS) on the chat user the bot has met.
import type { KnownAccess } from "../../kernel/access.js";
import type { Locale } from "../../kernel/actor.js";
import { actorRef } from "../../kernel/actor.js";
import type { ContactsStore } from "./store.js";

/** The words people type for each choice, Danish first; `null`: follow the platform. */
const LANGUAGE_WORDS = new Map<string, Locale | null>([
  ["da", "da"],
  ["dansk", "da"],
  ["danish", "da"],
  ["en", "en"],
  ["engelsk", "en"],
  ["english", "en"],
  ["auto", null],
  ["platform", null],
]);

export type ChooseLanguageResult =
  /** No word: the language the person gets now. */
  { kind: "current"; locale: Locale } | { kind: "saved"; locale: Locale | null } | { kind: "unknown_word"; word: string };

export async function chooseLanguage(store: ContactsStore, access: KnownAccess, word: string | undefined): Promise<ChooseLanguageResult> {
  if (word === undefined) return { kind: "current", locale: access.actor.locale };
  const choice = LANGUAGE_WORDS.get(word.toLowerCase());
  if (choice === undefined) return { kind: "unknown_word", word };
  const { actor } = access;
  await store.savePreferredLocale({ platform: actor.platform, workspaceId: actor.workspaceId, userIds: [actor.userId, ...(actor.otherIds ?? [])] }, choice, {
    actor: actorRef(actor),
  });
  return { kind: "saved", locale: choice };
}
