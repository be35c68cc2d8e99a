// Bot Framework activities as Teams and the Microsoft 365 Agents Playground send them to
// /api/messages, and small helpers to post them and read the cards that come back.
import { randomUUID } from "node:crypto";

export const TEST_TENANT_ID = "0d5b8f3e-1c2a-4f6e-9b7d-5a4c3b2a1f00";
const BOT_ID = "28:3a1c2b4d-5e6f-7081-92a3-b4c5d6e7f809";

export type TeamsTestUser = {
  /** The bot channel id ("29:…"). */
  id: string;
  /** Entra (AAD) object id; the bot's user id when present. */
  aadObjectId?: string;
  name: string;
  locale?: string;
  tenantId?: string;
};

export function teamsUser(name: string, opts: { locale?: string; tenantId?: string; aadObjectId?: string | null } = {}): TeamsTestUser {
  const aad = opts.aadObjectId === null ? undefined : (opts.aadObjectId ?? randomUUID());
  return {
    id: `29:1${randomUUID().replace(/-/g, "")}`,
    ...(aad ? { aadObjectId: aad } : {}),
    name,
    locale: opts.locale ?? "da-DK",
    tenantId: opts.tenantId ?? TEST_TENANT_ID,
  };
}

type Common = {
  serviceUrl: string;
  user: TeamsTestUser;
  conversationId?: string;
  conversationType?: "personal" | "groupChat" | "channel";
};

function base(opts: Common) {
  const tenantId = opts.user.tenantId ?? TEST_TENANT_ID;
  return {
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: opts.serviceUrl,
    from: { id: opts.user.id, name: opts.user.name, ...(opts.user.aadObjectId ? { aadObjectId: opts.user.aadObjectId } : {}) },
    recipient: { id: BOT_ID, name: "Praktikbot" },
    conversation: {
      id: opts.conversationId ?? personalConversationId(opts.user),
      conversationType: opts.conversationType ?? "personal",
      tenantId,
    },
    locale: opts.user.locale ?? "da-DK",
    channelData: { tenant: { id: tenantId } },
    entities: [{ type: "clientInfo", locale: opts.user.locale ?? "da-DK", country: "DK", platform: "Web", timezone: "Europe/Copenhagen" }],
  };
}

/** The 1:1 chat between a user and the bot. */
export function personalConversationId(user: TeamsTestUser): string {
  return `a:1${user.id.slice(4, 30)}`;
}

export function messageActivity(opts: Common & { text: string; mention?: boolean }) {
  const activity = base(opts);
  const text = opts.mention ? `<at>Praktikbot</at> ${opts.text}` : opts.text;
  return {
    ...activity,
    type: "message",
    text,
    textFormat: "plain",
    ...(opts.mention
      ? { entities: [...activity.entities, { type: "mention", text: "<at>Praktikbot</at>", mentioned: { id: BOT_ID, name: "Praktikbot" } }] }
      : {}),
  };
}

/** The app was added (installed) in the user's personal scope. */
export function installActivity(opts: Common) {
  return { ...base(opts), type: "installationUpdate", action: "add" };
}

/** What a client without Universal Actions sends for Action.Submit: a message with value, no text. */
export function submitMessageActivity(opts: Common & { value: Record<string, unknown>; replyToId?: string }) {
  return { ...base(opts), type: "message", value: opts.value, ...(opts.replyToId ? { replyToId: opts.replyToId } : {}) };
}

/** Action.Execute: invoke "adaptiveCard/action". */
export function cardActionInvoke(opts: Common & { verb: string; data: Record<string, unknown>; replyToId?: string }) {
  return {
    ...base(opts),
    type: "invoke",
    name: "adaptiveCard/action",
    ...(opts.replyToId ? { replyToId: opts.replyToId } : {}),
    value: {
      action: { type: "Action.Execute", id: randomUUID(), verb: opts.verb, data: opts.data },
      trigger: "manual",
    },
  };
}

export async function postActivity(appUrl: string, activity: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${appUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

// ---- reading cards -------------------------------------------------------------------------

export type Card = { type: string; version?: string; body: Node[]; actions?: Node[]; [key: string]: unknown };
export type Node = { type: string; id?: string; [key: string]: unknown };

/** The Adaptive Card in a delivered activity. */
export function cardOf(activity: Record<string, unknown> | undefined): Card {
  const attachments = activity?.attachments as { contentType: string; content: Card }[] | undefined;
  const card = attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive")?.content;
  if (!card) throw new Error(`no Adaptive Card in activity: ${JSON.stringify(activity)?.slice(0, 300)}`);
  return card;
}

/** The card an invoke answered with. */
export function invokeCard(body: unknown): Card {
  const response = body as { statusCode?: number; type?: string; value?: Card };
  if (response?.type !== "application/vnd.microsoft.card.adaptive" || !response.value) {
    throw new Error(`invoke did not answer with a card: ${JSON.stringify(body)?.slice(0, 300)}`);
  }
  return response.value;
}

/** Every element of a card, depth first (containers, column sets and action sets opened). */
export function elements(card: Card): Node[] {
  const out: Node[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== "object") return;
    const n = node as Node;
    if (typeof n.type === "string") out.push(n);
    for (const [key, child] of Object.entries(n)) if (key !== "fallback" && typeof child === "object") visit(child);
  };
  visit(card.body);
  visit(card.actions);
  return out;
}

export function inputs(card: Card): Node[] {
  return elements(card).filter((e) => e.type.startsWith("Input."));
}

export function input(card: Card, id: string): Node {
  const found = inputs(card).find((i) => i.id === id);
  if (!found)
    throw new Error(
      `no input ${id} in card; inputs: ${inputs(card)
        .map((i) => i.id)
        .join(", ")}`,
    );
  return found;
}

/** All text a person sees on the card (text blocks, facts, button titles). */
export function cardText(card: Card): string {
  const parts: string[] = [];
  for (const e of elements(card)) {
    if (e.type === "TextBlock" && typeof e.text === "string") parts.push(e.text);
    if (e.type === "FactSet") for (const f of e.facts as { title: string; value: string }[]) parts.push(`${f.title}: ${f.value}`);
    if (e.type.startsWith("Action.") && typeof e.title === "string") parts.push(e.title);
  }
  return parts.join("\n");
}

/** What a delivered activity shows: its text, or the text of its card. */
export function shownText(activity: Record<string, unknown> | undefined): string {
  if (typeof activity?.text === "string" && !activity.attachments) return activity.text;
  return cardText(cardOf(activity));
}

/** The element that follows an input in the card's flat order (where its error stands). */
export function elementsAfter(card: Card, id: string, count = 2): Node[] {
  const all = elements(card);
  const index = all.findIndex((e) => e.id === id);
  return index < 0 ? [] : all.slice(index + 1, index + 1 + count);
}

export function submitAction(card: Card): { verb: string; data: Record<string, unknown> } {
  const action = (card.actions ?? []).find((a) => a.type === "Action.Execute");
  if (!action) throw new Error("card has no Action.Execute");
  return { verb: String(action.verb), data: (action.data ?? {}) as Record<string, unknown> };
}

export function choiceValue(card: Card, inputId: string, label: string | ((title: string) => boolean)): string {
  const choices = input(card, inputId).choices as { title: string; value: string }[];
  const test = typeof label === "string" ? (t: string) => t.startsWith(label) : label;
  const found = choices.find((c) => test(c.title));
  if (!found) throw new Error(`no choice matching in ${inputId}: ${choices.map((c) => c.title).join(" | ")}`);
  return found.value;
}

/**
 * The data Teams sends when the submit button is pressed: the action's data merged with the
 * current value of every input (what the card was filled with, then what the person changed).
 */
export function filledData(card: Card, values: Record<string, string>): { verb: string; data: Record<string, unknown> } {
  const { verb, data } = submitAction(card);
  const current: Record<string, string> = {};
  for (const i of inputs(card)) {
    if (!i.id) continue;
    if (i.value !== undefined) current[i.id] = String(i.value);
  }
  return { verb, data: { ...data, ...current, ...values } };
}
