-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "companyName" TEXT;
