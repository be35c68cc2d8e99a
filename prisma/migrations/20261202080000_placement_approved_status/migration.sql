-- A placement the municipality approved before its start date is "approved"; it becomes "active"
-- on its start date (LAB kap. 11: a placement starts only once approved, and runs from its start).
-- AlterEnum
ALTER TYPE "PlacementStatus" ADD VALUE 'approved';
