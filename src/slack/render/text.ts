// Text helpers shared by the renderers.
import type { types } from "@slack/bolt";

/** Cuts text to at most `max` UTF-16 units (Slack's measure), ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Never leave half of a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Escapes the three characters mrkdwn treats as control syntax (<@U…>, <!channel>, &). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts escaped mrkdwn without leaving half an entity ("&am…") behind. */
export function truncateEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]{0,3}…$/, "…");
}

export function plain(text: string, max: number): types.PlainTextElement {
  return { type: "plain_text", text: truncate(text, max), emoji: true };
}

/** Plain text given as mrkdwn: escaped and cut to `max`. */
export function mrkdwn(text: string, max: number): types.MrkdwnElement {
  return { type: "mrkdwn", text: truncateEscaped(escapeMrkdwn(text), max) };
}

/** "*label*\nvalue" with both parts escaped, cut to `max`. */
export function labelled(label: string, value: string, max: number): types.MrkdwnElement {
  return { type: "mrkdwn", text: truncateEscaped(`*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`, max) };
}

/**
 * Splits lines into chunks of at most `max` characters each (joined by newlines), so a long
 * list fills several sections instead of breaking Slack's per-section limit.
 */
export function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = truncateEscaped(raw, max);
    if (current === "") current = line;
    else if (current.length + 1 + line.length <= max) current = `${current}\n${line}`;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
