// The parts of Bot Framework activities the Teams adapter reads, checked with zod before use.
// Teams and the Agents Playground send more than this; unknown keys pass through untouched.
import { z } from "zod";
import type { FormValues } from "../kernel/form.js";
import { formValuesFromCardData } from "./form-values.js";

const ZOptionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

const ZAccount = z.looseObject({
  id: z.string().min(1),
  name: ZOptionalText,
  aadObjectId: ZOptionalText,
});

const ZConversation = z.looseObject({
  id: z.string().min(1),
  tenantId: ZOptionalText,
  conversationType: ZOptionalText,
});

const ZChannelData = z.looseObject({
  tenant: z.looseObject({ id: ZOptionalText }).nullish(),
});

const ZActivityBase = z.looseObject({
  id: ZOptionalText,
  channelId: ZOptionalText,
  from: ZAccount,
  recipient: ZAccount.nullish(),
  conversation: ZConversation,
  locale: ZOptionalText,
  channelData: ZChannelData.nullish(),
});

export type TeamsActivityBase = z.infer<typeof ZActivityBase>;

/** A chat message to the bot; `value` without text is a legacy Action.Submit from a card. */
export const ZMessageActivity = ZActivityBase.extend({
  type: z.literal("message"),
  text: ZOptionalText,
  value: z.unknown().optional(),
  replyToId: ZOptionalText,
});

export type TeamsMessageActivity = z.infer<typeof ZMessageActivity>;

/** The app was added to a personal chat, a group chat or a team. */
export const ZInstallActivity = ZActivityBase.extend({
  type: z.literal("installationUpdate"),
  action: z.string().optional(),
});

/** What a card puts in an action's data, plus the inputs the client merges in. */
export const ZActionData = z.record(z.string(), z.unknown());

/** Action.Execute: invoke "adaptiveCard/action". */
export const ZCardActionInvoke = ZActivityBase.extend({
  type: z.literal("invoke"),
  name: z.literal("adaptiveCard/action"),
  value: z.looseObject({
    action: z.looseObject({
      type: z.string(),
      verb: ZOptionalText,
      data: ZActionData.nullish(),
    }),
  }),
});

/**
 * Keys the bot's own cards put in action data; everything else in the data is an input.
 * `multiChoice` lists a form's multi-select inputs, whose values arrive as "a,b".
 */
export const ACTION_DATA_KEYS = { verb: "verb", nonce: "nonce", state: "state", multiChoice: "multiChoice" } as const;
const RESERVED_KEYS = new Set<string>([...Object.values(ACTION_DATA_KEYS), "msteams"]);

const ZNonce = z.string().trim().min(1).max(200);
const ZState = z.record(z.string(), z.string());
const ZVerb = z.string().trim().min(1).max(200);
const ZFieldIds = z.array(z.string()).max(100);

/** A card action, as the adapter routes it. */
export type CardAction = {
  verb: string | undefined;
  /** Present on form submissions: the form's one-submission identity. */
  nonce: string | undefined;
  state: Record<string, string>;
  values: FormValues;
};

/** Reads a card action's data: the routing keys the card carried, and the inputs as FormValues. */
export function readCardAction(verb: string | undefined, data: Record<string, unknown> | undefined): CardAction {
  const raw = data ?? {};
  const nonce = ZNonce.safeParse(raw[ACTION_DATA_KEYS.nonce]);
  const state = ZState.safeParse(raw[ACTION_DATA_KEYS.state]);
  const dataVerb = ZVerb.safeParse(raw[ACTION_DATA_KEYS.verb]);
  const multiChoice = ZFieldIds.safeParse(raw[ACTION_DATA_KEYS.multiChoice]);
  const inputs = Object.fromEntries(Object.entries(raw).filter(([key]) => !RESERVED_KEYS.has(key)));
  return {
    verb: verb ?? (dataVerb.success ? dataVerb.data : undefined),
    nonce: nonce.success ? nonce.data : undefined,
    state: state.success ? state.data : {},
    values: formValuesFromCardData(inputs, new Set(multiChoice.success ? multiChoice.data : [])),
  };
}

/**
 * The command in a message: without the bot's @mention (`<at>Praktikbot</at>`), other markup
 * and the non-breaking spaces Teams puts around mentions.
 */
export function commandTextFrom(text: string | undefined): string {
  if (!text) return "";
  return text
    .replace(/<at[^>]*>.*?<\/at>/gis, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/&amp;/gi, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The useful part of a failed connector call, without request headers (they carry the bot's token). */
export function describeSendError(error: unknown): { message: string; status?: number; code?: string; path?: string } {
  const e = error as { message?: unknown; code?: unknown; response?: { status?: unknown }; request?: { path?: unknown } } | null;
  const described: { message: string; status?: number; code?: string; path?: string } = {
    message: typeof e?.message === "string" ? e.message : String(error),
  };
  if (typeof e?.response?.status === "number") described.status = e.response.status;
  if (typeof e?.code === "string") described.code = e.code;
  if (typeof e?.request?.path === "string") described.path = e.request.path;
  return described;
}
