// Invitation codes: twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L),
// shown as XXXX-XXXX-XXXX. The first four find the invitation (stored in clear, unique); the
// other eight are the secret, stored only as SHA-256 of a per-invitation salt and the secret.
// 31^8 secrets and a limit on wrong guesses per person keep guessing hopeless.
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LOOKUP_LENGTH = 4;
const SECRET_LENGTH = 8;
const CODE_LENGTH = LOOKUP_LENGTH + SECRET_LENGTH;

export type NewCode = { code: string; lookup: string; salt: string; secretHash: string };

function hashSecret(salt: string, secret: string): string {
  return createHash("sha256").update(`${salt}:${secret}`, "utf8").digest("hex");
}

/** A fresh code: what is shown once, and what is stored. */
export function makeInvitationCode(random: (max: number) => number = randomInt): NewCode {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[random(ALPHABET.length)]!).join("");
  const lookup = chars.slice(0, LOOKUP_LENGTH);
  const salt = randomBytes(16).toString("hex");
  return { code: formatCode(chars), lookup, salt, secretHash: hashSecret(salt, chars.slice(LOOKUP_LENGTH)) };
}

function formatCode(chars: string): string {
  return chars.match(/.{1,4}/g)!.join("-");
}

/**
 * A typed code as its parts, forgiving case, spaces and dashes; undefined when it cannot be a
 * code at all (wrong length, a character outside the alphabet).
 */
export function readInvitationCode(typed: string): { lookup: string; secret: string } | undefined {
  const chars = typed.toUpperCase().replace(/[\s-]/g, "");
  if (chars.length !== CODE_LENGTH || [...chars].some((c) => !ALPHABET.includes(c))) return undefined;
  return { lookup: chars.slice(0, LOOKUP_LENGTH), secret: chars.slice(LOOKUP_LENGTH) };
}

/** Whether the secret is the one stored, compared in constant time. */
export function secretMatches(stored: { salt: string; secretHash: string }, secret: string): boolean {
  const expected = Buffer.from(stored.secretHash, "hex");
  const given = Buffer.from(hashSecret(stored.salt, secret), "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
