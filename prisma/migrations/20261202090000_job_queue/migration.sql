-- Scheduled work moves onto the job queue (pg-boss, in its own schema): it fires each cron tick
-- once across replicas, so the per-minute JobRun claims go. A DigestRun is now written only
-- after a channel's digest was posted or failed for good; a claim that never finished is left to
-- the queue, which posts it again if its week is still running.
DROP TABLE "JobRun";

DELETE FROM "DigestRun" WHERE "status" = 'claimed';
ALTER TABLE "DigestRun" DROP COLUMN "claimedAt";
ALTER TABLE "DigestRun" DROP COLUMN "claimedBy";
