// Tokens at rest: what is stored is not the token, decrypts only with the same key for the same
// installation, and any change to it is refused.
import { describe, expect, it } from "vitest";
import { TokenCipher } from "../../src/db/token-cipher.js";

const cipher = new TokenCipher(Buffer.alloc(32, 1));

describe("TokenCipher", () => {
  it("stores neither the token nor the same text twice, and reads it back", () => {
    const a = cipher.encrypt("xoxb-1-secret", "T1");
    const b = cipher.encrypt("xoxb-1-secret", "T1");
    expect(a).not.toContain("xoxb");
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a, "T1")).toBe("xoxb-1-secret");
  });

  it("refuses another installation's row, another key, and a changed value", () => {
    const stored = cipher.encrypt("xoxb-1-secret", "T1");
    expect(() => cipher.decrypt(stored, "T2")).toThrow();
    expect(() => new TokenCipher(Buffer.alloc(32, 2)).decrypt(stored, "T1")).toThrow();
    const [v, iv, tag, body] = stored.split(".");
    // One bit of the ciphertext changed (a changed character could decode to the same bytes, or be the same one).
    const bytes = Buffer.from(body!, "base64url");
    bytes[0]! ^= 1;
    const flipped = bytes.toString("base64url");
    expect(() => cipher.decrypt([v, iv, tag, flipped].join("."), "T1")).toThrow();
    expect(() => cipher.decrypt("xoxb-plain", "T1")).toThrow();
  });

  it("needs a 32-byte key", () => {
    expect(() => new TokenCipher(Buffer.alloc(16))).toThrow();
  });
});
