-- The municipality's approval of a placement (LAB kap. 11 as aarhus.dk and kk.dk apply it: the placement may not start before it),
-- and the contact and working-time fields VITAS asks for.
-- AlterEnum
ALTER TYPE "PlacementStatus" ADD VALUE 'registered';
ALTER TYPE "PlacementStatus" ADD VALUE 'refused';

-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedBy" TEXT,
ADD COLUMN     "refusedAt" TIMESTAMP(3),
ADD COLUMN     "refusedBy" TEXT,
ADD COLUMN     "refusalReason" TEXT,
ADD COLUMN     "decidedByName" TEXT,
ADD COLUMN     "channelMessage" JSONB,
ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "contactPhone" TEXT,
ADD COLUMN     "workingTime" TEXT;

-- Placements registered before the approval step existed are treated as approved: they were
-- agreed outside the bot, and nobody is asked to approve them again. The audit trail says so.
UPDATE "Placement" SET "approvedAt" = "createdAt", "approvedBy" = 'migration:placement_approval';
INSERT INTO "AuditEvent" ("id", "actor", "entity", "entityId", "action", "after", "at")
SELECT gen_random_uuid()::text, 'migration:placement_approval', 'placement', "id", 'approve',
       jsonb_build_object('approvedAt', "createdAt", 'reason', 'registered before the approval step'), CURRENT_TIMESTAMP
FROM "Placement";
