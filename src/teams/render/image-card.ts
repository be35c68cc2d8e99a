// A picture in an Adaptive Card as a data URL, after the card's first block (the heading). Teams
// refuses activities much over 100 KB; a card that would pass CARD_LIMIT_BYTES goes without it.
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import type { Logger } from "pino";
import type { PostImage } from "../../kernel/messenger.js";

const CARD_LIMIT_BYTES = 80 * 1024;

export function withImage(card: IAdaptiveCard, image: PostImage | undefined, logger?: Logger): IAdaptiveCard {
  if (!image) return card;
  const element = { type: "Image", url: `data:image/png;base64,${image.png.toString("base64")}`, altText: image.title, size: "Stretch" };
  const body = [...((card as { body?: unknown[] }).body ?? [])];
  body.splice(Math.min(2, body.length), 0, element);
  const withPicture = { ...card, body } as IAdaptiveCard;
  if (Buffer.byteLength(JSON.stringify(withPicture)) > CARD_LIMIT_BYTES) {
    logger?.warn({ bytes: image.png.length }, "chart left out of the Teams card: the card would pass its size limit");
    return card;
  }
  return withPicture;
}
