// Tokens at rest: AES-256-GCM under TOKEN_ENCRYPTION_KEY, a fresh 12-byte IV per value, and the
// installation's key as additional data, so a token copied onto another row does not decrypt.
// Stored as "v1.<iv>.<tag>.<ciphertext>" in base64url; the version names the scheme for a later change.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

export class TokenCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("the token key must be 32 bytes");
  }

  encrypt(plain: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
  }

  /** Throws when the value was not made with this key for this installation (or was changed). */
  decrypt(stored: string, boundTo: string): string {
    const [version, iv, tag, body] = stored.split(".");
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("not an encrypted token");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }
}
