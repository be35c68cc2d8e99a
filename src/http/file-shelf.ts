// Files the bot made (reports) kept in memory for a while and served at GET /files/<token>:
// a download link for platforms that take no upload from the bot (Teams). The token is random
// and long; it is the only key, and it stops working when the file expires.
import { randomBytes } from "node:crypto";
import type { Application } from "express";
import type { BotFile } from "../kernel/feature.js";

export const FILES_PATH = "/files";

export class FileShelf {
  private readonly files = new Map<string, { file: BotFile; expiresAt: number }>();

  constructor(
    readonly ttlMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps the file and returns the token of its link. */
  put(file: BotFile): string {
    this.sweep();
    const token = randomBytes(24).toString("base64url");
    this.files.set(token, { file, expiresAt: this.now() + this.ttlMs });
    return token;
  }

  get(token: string): BotFile | undefined {
    const entry = this.files.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.files.delete(token);
      return undefined;
    }
    return entry.file;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, entry] of this.files) if (entry.expiresAt <= now) this.files.delete(token);
  }

  route(http: Application): void {
    http.get(`${FILES_PATH}/:token`, (req, res) => {
      const file = this.get(String(req.params.token));
      if (!file) {
        res.status(404).type("text/plain").send("This link has expired or does not exist.");
        return;
      }
      const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
      res
        .status(200)
        .set({
          "content-type": file.mimeType,
          "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
        })
        .send(file.data);
    });
  }
}
