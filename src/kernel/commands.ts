import { distance } from "fastest-levenshtein";
import { normaliseText } from "./text.js";

/** Every command the bot understands, with its Danish name first and its aliases. */
export const COMMANDS = {
  new: ["ny", "new", "opret"],
  list: ["liste", "list", "vis"],
  progress: ["fremdrift", "progress", "mål"],
  help: ["hjælp", "help", "hjaelp", "?"],
  admin: ["admin", "kontakt", "contact"],
  interpreter: ["tolk", "interpreter"],
  mentor: ["mentor"],
  visit: ["besøg", "visit", "besoeg"],
  danish: ["dansk", "danish"],
  upskilling: ["opkvalificering", "upskilling"],
  requests: ["anmodninger", "requests"],
  channel: ["kanal", "channel"],
  status: ["status", "kvartalsstatus", "kvartal"],
  report: ["rapport", "report"],
  extend: ["forlæng", "extend", "forlaeng"],
  end: ["afslut", "end", "complete", "gennemført"],
  confirm: ["bekræft", "confirm", "bekraeft"],
  vitas: ["vitas"],
  exemption: ["dispensation", "exemption", "undtagelse"],
  insight: ["indsigt", "access", "insight"],
  erase: ["slet", "delete", "erase"],
  language: ["sprog", "language"],
  info: ["info", "ordninger", "schemes"],
  event: ["arrangement", "event", "arrangementer", "events"],
  invite: ["invitér", "inviter", "invite", "invitation"],
  installations: ["installationer", "installations"],
  enrol: ["tilmeld", "enrol", "enroll", "join"],
} as const satisfies Record<string, readonly [string, ...string[]]>;

export type CommandName = keyof typeof COMMANDS;

/** What a secretariat admin reaches under `admin`: "admin invitér" is the command invite. */
const ADMIN_SUBCOMMANDS: readonly CommandName[] = ["invite", "installations"];

export type ParsedCommand = { kind: "command"; name: CommandName; args: string[] } | { kind: "unknown"; word: string; suggestion: CommandName | undefined };

const aliasToCommand = new Map<string, CommandName>(
  (Object.entries(COMMANDS) as [CommandName, readonly string[]][]).flatMap(([name, aliases]) => aliases.map((alias) => [alias, name] as const)),
);

/**
 * Reads "/praktik <text>" or a Teams message. An empty text asks for help; an unknown word
 * gets the nearest command as a suggestion ("fremdrif" → fremdrift).
 */
export function parseCommand(text: string): ParsedCommand {
  // Normalised like form text, so the arguments are checked (and stored) as what they show.
  const words = normaliseText(text)
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const first = words[0]?.toLowerCase();
  if (!first) return { kind: "command", name: "help", args: [] };
  const known = aliasToCommand.get(first);
  if (known === "admin") {
    const sub = aliasToCommand.get(words[1]?.toLowerCase() ?? "");
    if (sub && ADMIN_SUBCOMMANDS.includes(sub)) return { kind: "command", name: sub, args: words.slice(2) };
  }
  if (known) return { kind: "command", name: known, args: words.slice(1) };
  return { kind: "unknown", word: words[0]!, suggestion: closestCommand(first) };
}

function closestCommand(word: string): CommandName | undefined {
  let best: { name: CommandName; d: number } | undefined;
  for (const [alias, name] of aliasToCommand) {
    const d = distance(word, alias);
    if (!best || d < best.d) best = { name, d };
  }
  if (!best) return undefined;
  // Allow about one typo per three letters, never more than three.
  const allowed = Math.min(3, Math.ceil(word.length / 3));
  return best.d <= allowed ? best.name : undefined;
}
