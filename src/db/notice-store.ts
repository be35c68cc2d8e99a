// SentNotice: a reminder or notice claimed by its key before it goes out, so it goes out once
// however often a job runs and however many replicas run it.
import type { PrismaClient } from "@prisma/client";

export interface NoticeStore {
  /** True the first time a key is claimed; false ever after. */
  claimNotice(key: string, at: Date): Promise<boolean>;
}

export class PrismaNoticeStore implements NoticeStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claimNotice(key: string, at: Date): Promise<boolean> {
    const rows = await this.prisma.$executeRaw`INSERT INTO "SentNotice" ("key", "sentAt") VALUES (${key}, ${at}) ON CONFLICT DO NOTHING`;
    return rows === 1;
  }
}
