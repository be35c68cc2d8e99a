-- The ratio rule (BAB § 65): the figure of ordinary employees belongs to each placement, with the
-- day it is for, so a later registration at the same P-nummer does not change an earlier one's.
ALTER TABLE "Placement" ADD COLUMN "ordinaryEmployeesFte" DOUBLE PRECISION,
ADD COLUMN "ordinaryEmployeesAsOf" DATE,
ADD COLUMN "extensionReason" TEXT;

-- Existing placements keep the figure their workplace holds today: the best there is.
UPDATE "Placement" AS p
SET "ordinaryEmployeesFte" = w."ordinaryEmployeesFte", "ordinaryEmployeesAsOf" = w."asOf"
FROM "Workplace" AS w
WHERE p."workplaceId" = w."id";

-- The refugee target group is the introduktionsprogram (LAB § 61).
UPDATE "Placement" SET "benefitGroup" = 'introduktionsprogram' WHERE "benefitGroup" = 'integrationsprogram';
