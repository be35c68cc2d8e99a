-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "tasks" TEXT,
ADD COLUMN     "monthlyWageCost" INTEGER,
ADD COLUMN     "vitasCreatedAt" TIMESTAMP(3),
ADD COLUMN     "vitasCreatedBy" TEXT;
