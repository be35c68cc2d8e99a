// What every Adaptive Card the bot sends shares: the version Teams renders everywhere (1.5),
// the attachment that carries it, and the invoke response that swaps a card in place.
import type { IAdaptiveCard } from "@microsoft/teams.cards";

export const CARD_VERSION = "1.5" as const;
export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive" as const;
export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

export type CardAttachment = { contentType: typeof CARD_CONTENT_TYPE; content: IAdaptiveCard };

function cardAttachment(card: IAdaptiveCard): CardAttachment {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}

/** A message activity that shows one card; `summary` is what notifications and old clients show. */
export function cardMessage(card: IAdaptiveCard, summary: string): { type: "message"; summary: string; attachments: CardAttachment[] } {
  return { type: "message", summary, attachments: [cardAttachment(card)] };
}

/**
 * Text a person typed, made unable to mention anyone: Teams turns `<at>…</at>` into a mention,
 * so its angle bracket becomes a look-alike (‹at›) that shows what was typed and does nothing.
 */
export function inertMentions(text: string): string {
  return text.replace(/<(\/?)(at)(?=[\s>])/gi, "\u2039$1$2").replace(/(\u2039\/?at[^<>]*)>/gi, "$1\u203A");
}
