-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "caseReference" TEXT,
ADD COLUMN     "anonymisedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Placement_caseReference_idx" ON "Placement"("caseReference");
