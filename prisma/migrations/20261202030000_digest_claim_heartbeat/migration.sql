-- AlterTable
ALTER TABLE "DigestRun" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);
